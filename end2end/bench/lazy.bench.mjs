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

/** Milliseconds from navigation start until `ready` holds in a fresh browser. */
async function coldLoad(url, ready) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(ready, null, { polling: "raf", timeout: 20000 });
  const t = await page.evaluate(() => performance.now());
  await browser.close();
  return t;
}

/** Milliseconds from a click until `shown` holds. With `cold`, the part's module requests are
 * held until the click, so the time includes fetching and instantiating it. */
async function firstUse(site, { open, shown, module }, cold) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const page = await browser.newPage();
  let release;
  const held = new Promise((r) => (release = r));
  if (cold) {
    await page.route(new RegExp(module), async (route) => {
      await held;
      await route.continue();
    });
  }
  await page.goto(site.url + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  if (!cold) {
    // The idle prefetch has fetched every part once this resource is there.
    await page.waitForFunction((m) => performance.getEntriesByType("resource").some((e) => new RegExp(m).test(e.name)), module);
  }
  await page.evaluate(() => { window.__clicked = performance.now(); });
  release();
  await open(page);
  await page.waitForFunction(shown, null, { polling: "raf", timeout: 20000 });
  const t = await page.evaluate(() => performance.now() - window.__clicked);
  await browser.close();
  return t;
}

const PARTS = [
  { name: "a code tab (curl)", module: "split_target_code", open: (p) => p.getByRole("tab", { name: "curl", exact: true }).click(), shown: () => document.querySelector(".code")?.innerText.includes("curl -sS") },
  { name: "Body tab", module: "split_body_editor", open: (p) => p.getByRole("tab", { name: /^Body/ }).click(), shown: () => !!document.querySelector(".body-editor") },
  { name: "Auth tab", module: "split_auth_editor", open: (p) => p.getByRole("tab", { name: /^Auth/ }).click(), shown: () => !!document.querySelector(".auth") },
  { name: "Variables tab", module: "split_variables_editor", open: (p) => p.getByRole("tab", { name: /^Variables/ }).click(), shown: () => [...document.querySelectorAll("button")].some((b) => b.textContent.includes("Add variable")) },
  { name: "Share", module: "split_share_panel", open: (p) => p.getByRole("button", { name: "Share" }).click(), shown: () => !!document.querySelector(".share-link")?.value },
];

const site = await serveStatic(join(HERE, "..", "..", "dist"), { "/form.html": FORM, "/lesson.html": LESSON });
const rows = [];
const plain = [], ours = [], widget = [];
for (let i = 0; i < RUNS; i++) {
  plain.push(await coldLoad(site.url + "/form.html", () => !!document.querySelector("button")));
  ours.push(await coldLoad(site.url + "/", () => [...document.querySelectorAll("button")].some((b) => b.textContent === "Send" && !b.disabled)));
  widget.push(await coldLoad(site.url + "/lesson.html", () => [...(document.querySelector("http-playground")?.shadowRoot?.querySelectorAll("button") || [])].some((b) => b.textContent === "Send")));
}
const p = stats(plain), o = stats(ours), w = stats(widget);
rows.push(["cold load → Send in the page (app)", triple(p), triple(o), `${(o.median / p.median).toFixed(2)}×`]);
rows.push(["cold load → Send in the page (lesson page, one widget)", triple(p), triple(w), `${(w.median / p.median).toFixed(2)}×`]);
for (const part of PARTS) {
  const cold = [], warm = [];
  for (let i = 0; i < RUNS; i++) {
    cold.push(await firstUse(site, part, true));
    warm.push(await firstUse(site, part, false));
  }
  rows.push([`first use: ${part.name}, module not yet fetched`, "", triple(stats(cold)), ""]);
  rows.push([`first use: ${part.name}, after the idle prefetch`, "", triple(stats(warm)), ""]);
}
await site.close();
console.log(`| measure | plain page | playground (min / median / max of ${RUNS}) | ratio |`);
console.log("|---|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
