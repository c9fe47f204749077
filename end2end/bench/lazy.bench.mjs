// First load and lazily loaded parts (`make bench`): the split release build in dist/, served
// on loopback, in Debian chromium with a fresh profile each run. Prints a Markdown table for
// BENCHMARKS.md. Not a test: it asserts nothing.
//
//   cold load: navigation start -> Send in the page, against a plain static form page
//   widget:    a lesson page with one <http-playground> -> Send in its shadow root
//   first use: click on a tab or button -> its lazily loaded part drawn, in a page where that
//              part's module has not been fetched yet (the idle prefetch is held back by routing
//              its request until the click), and in a page where the idle prefetch has run
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { existsSync } from "node:fs";

import { CHROMIUM } from "../browser.mjs";
import { serveStatic } from "../static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.RUNS || 5);

const FORM = `<!doctype html><meta charset=utf-8><title>form</title>
<form><select aria-label=Method><option>GET</option><option>POST</option></select>
<input aria-label=URL value="https://httpbin.org/get"><button type=button>Send</button></form>`;
const LESSON = `<!doctype html><meta charset=utf-8><title>lesson</title><h1>A lesson</h1>
<p>Send the request below.</p>
<script type="module" src="/http-playground.js"></script>
<http-playground method="GET" url="https://httpbin.org/get"></http-playground>`;

const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
}
const ms = (v) => `${Math.round(v)} ms`;
const triple = (s) => `${ms(s.min)} / ${ms(s.median)} / ${ms(s.max)}`;

// Set in the page: when a Send button (in the document or a widget's shadow root) first exists,
// checked every animation frame from navigation start.
const READY = `window.__sendReady = null;
const look = () => {
  const roots = [document, ...[...document.querySelectorAll("http-playground")].map((e) => e.shadowRoot).filter(Boolean)];
  if (roots.some((r) => [...r.querySelectorAll("button")].some((b) => b.textContent.trim() === "Send" && !b.disabled))) {
    window.__sendReady = performance.now();
  } else {
    requestAnimationFrame(look);
  }
};
requestAnimationFrame(look);`;

let browser;
async function freshPage() {
  const context = await browser.newContext();
  await context.addInitScript(READY);
  return [context, await context.newPage()];
}

/** Milliseconds from navigation start until Send is in the page, in a fresh profile. */
async function coldLoad(url) {
  const [context, page] = await freshPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__sendReady !== null, null, { timeout: 20000 });
  const t = await page.evaluate(() => window.__sendReady);
  await context.close();
  return t;
}

/** Milliseconds from a click (made in the page) until `shown` holds, checked every frame. With
 * `cold`, every lazily loaded module's request (the part's and the chunks it shares) is held
 * until after the click, so the time includes fetching and instantiating them; else the idle
 * prefetch has fetched the part's module and its chunks first. */
async function firstUse(site, { target, shown, module }, cold) {
  const [context, page] = await freshPage();
  let release;
  const held = new Promise((r) => (release = r));
  if (cold) {
    await page.route(/\/(split_|chunk_)[^/]*\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
  }
  await page.goto(site.url + "/");
  await page.waitForFunction(() => window.__sendReady !== null);
  if (!cold) {
    // The prefetch runs the parts one after another: once the last one is here, all are.
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /split_notice_bar/.test(e.name)));
  }
  await page.evaluate((target) => {
    const element = new Function(`return (${target})()`)();
    window.__t0 = performance.now();
    element.click();
  }, String(target));
  release();
  const t = await page.evaluate(
    (shown) =>
      new Promise((resolve) => {
        const done = new Function(`return (${shown})()`);
        const check = () => (done() ? resolve(performance.now() - window.__t0) : requestAnimationFrame(check));
        check();
      }),
    String(shown),
  );
  await context.close();
  return t;
}

const tab = (label) => `() => [...document.querySelectorAll("[role=tab]")].find((t) => t.textContent.trim().startsWith(${JSON.stringify(label)}))`;
const PARTS = [
  { name: "a code tab (curl)", module: "split_target_code", target: tab("curl"), shown: () => document.querySelector(".code")?.textContent.includes("curl -sS") },
  { name: "Body tab", module: "split_body_editor", target: tab("Body"), shown: () => !!document.querySelector(".body-editor") },
  { name: "Auth tab", module: "split_auth_editor", target: tab("Auth"), shown: () => !!document.querySelector(".auth") },
  { name: "Variables tab", module: "split_variables_editor", target: tab("Variables"), shown: () => [...document.querySelectorAll("button")].some((b) => b.textContent.includes("Add variable")) },
  // A command pasted into the URL box (a paste event with the clipboard's text, as Control+V
  // sends): until "Imported from curl." is shown.
  {
    name: "curl import (a command pasted into the URL box)",
    module: "split_curl_import",
    target: `() => {
      const input = document.querySelector("input[aria-label=URL]");
      return { click() {
        const data = new DataTransfer();
        data.setData("text/plain", "curl -X POST https://httpbin.org/post -H 'X-Lesson: 1' --data-raw '{\\"a\\": 1}'");
        input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      } };
    }`,
    shown: () => document.body.textContent.includes("Imported from curl."),
  },
  // Send with the URL of this static server's index.html (loopback): until the status is shown.
  {
    name: "a response's view (Send, then the status shown)",
    module: "split_response_view",
    target: `() => {
      const input = document.querySelector("input[aria-label=URL]");
      input.value = location.origin + "/index.html";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      return [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Send");
    }`,
    shown: () => !!document.querySelector("[data-status]"),
  },
  { name: "Share", module: "split_share_panel", target: `() => [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Share")`, shown: () => !!document.querySelector(".share-link")?.value },
];

const site = await serveStatic(process.env.DIST_DIR || join(HERE, "..", "..", "dist"), { "/form.html": FORM, "/lesson.html": LESSON });
// The framework's floor (scripts/floor.sh builds it): a Leptos page with an input, Send and a
// fetch, measured beside the plain page when it has been built.
const FLOOR_DIR = join(HERE, "..", "..", "target", "floor", "dist");
const floorSite = existsSync(join(FLOOR_DIR, "index.html")) ? await serveStatic(FLOOR_DIR) : null;
const ONLY_LOAD = process.env.ONLY_LOAD === "1";
browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const rows = [];
const plain = [], ours = [], widget = [], floor = [];
for (let i = 0; i < RUNS; i++) {
  plain.push(await coldLoad(site.url + "/form.html"));
  if (floorSite) floor.push(await coldLoad(floorSite.url + "/"));
  ours.push(await coldLoad(site.url + "/"));
  widget.push(await coldLoad(site.url + "/lesson.html"));
}
const p = stats(plain), o = stats(ours), w = stats(widget);
if (floorSite) {
  const f = stats(floor);
  rows.push(["cold load → Send in the page (the framework's floor: a Leptos page with an input, Send and a fetch)", triple(p), triple(f), `${(f.median / p.median).toFixed(2)}×`]);
}
rows.push(["cold load → Send in the page (app)", triple(p), triple(o), `${(o.median / p.median).toFixed(2)}×`]);
rows.push(["cold load → Send in the page (lesson page, one widget)", triple(p), triple(w), `${(w.median / p.median).toFixed(2)}×`]);
for (const part of ONLY_LOAD ? [] : PARTS) {
  const cold = [], warm = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(await firstUse(site, part, true));
    warm.push(await firstUse(site, part, false));
  }
  rows.push([`first use: ${part.name}, module not yet fetched`, "", triple(stats(cold)), ""]);
  rows.push([`first use: ${part.name}, after the idle prefetch`, "", triple(stats(warm)), ""]);
}
await browser.close();
await site.close();
if (floorSite) await floorSite.close();
console.log(`| measure | plain page | playground (min / median / max of ${RUNS}) | ratio |`);
console.log("|---|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
