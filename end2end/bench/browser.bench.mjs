// Browser benchmarks (`make bench`): the playground against what the browser itself costs, in
// the same Debian chromium, on loopback. Prints a Markdown table for BENCHMARKS.md and writes
// end2end/results/bench.json. Not a test: it asserts nothing and reports the ratios.
//
//   large JSON (SIZES, default 1,10,50,100 MB), RUNS each (default 5):
//     floor: a plain page doing fetch -> text() -> JSON.parse -> JSON.stringify(v, null, 2) -> <pre>
//     ours:  Send clicked -> first rows of the body painted
//     longest main-thread task (PerformanceObserver "longtask"), JS heap after, time to scroll to the end
//   cold load: navigation start -> Send enabled (fresh profile), against a plain static form page
//   small GET: click -> status shown, against fetch() from the console
import { createServer } from "node:http";
import { writeFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

import { CHROMIUM } from "../browser.mjs";
import { serveStatic } from "../static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.SIZES || "1,10,50,100").split(",").map(Number);
const RUNS = Number(process.env.RUNS || 5);

/** JSON of about `mb` MB: an array of user records, as an API returns them. */
function generate(mb) {
  const target = mb * 1_000_000;
  const parts = [];
  let size = 2;
  for (let i = 0; size < target; i++) {
    const record = JSON.stringify({ id: i, name: `user ${i}`, email: `user${i}@example.com`, address: { city: "Oslo", zip: String(1000 + (i % 9000)) }, tags: ["a", "b"], active: i % 2 === 0, score: i * 1.5 });
    parts.push(record);
    size += record.length + 1;
  }
  return Buffer.from("[" + parts.join(",") + "]");
}

const FLOOR = `<!doctype html><meta charset=utf-8><title>floor</title><pre id=out></pre><script>
window.run = async (url) => {
  const t0 = performance.now();
  const text = await (await fetch(url)).text();
  const t1 = performance.now();
  const value = JSON.parse(text);
  const t2 = performance.now();
  document.getElementById("out").textContent = JSON.stringify(value, null, 2);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  const t3 = performance.now();
  return { first_screen: t3 - t0, fetch: t1 - t0, parse: t2 - t1 };
};
window.scrollEnd = async () => {
  const t0 = performance.now();
  document.scrollingElement.scrollTop = document.scrollingElement.scrollHeight;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  return performance.now() - t0;
};
window.smallGet = async (url) => { const t0 = performance.now(); await (await fetch(url)).text(); return performance.now() - t0; };
</script>`;

const FORM = `<!doctype html><meta charset=utf-8><title>form</title>
<form><select aria-label=Method><option>GET</option><option>POST</option></select>
<input aria-label=URL value="https://httpbin.org/get"><button type=button>Send</button></form>`;

/** Records, in the page, long tasks and when the Send button first appears enabled. */
const INIT = `
window.__long = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); })
  .observe({ type: "longtask", buffered: true });
window.__sendReady = null;
const seen = () => {
  if (window.__sendReady !== null) return;
  const b = [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Send" && !b.disabled);
  if (b) window.__sendReady = performance.now();
};
new MutationObserver(seen).observe(document, { childList: true, subtree: true });
try { localStorage.setItem("http-playground/render-limit-mb", "1000"); } catch {}
`;

function stats(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { min: NaN, median: NaN, max: NaN, n: 0 };
  return { min: v[0], median: v[Math.floor(v.length / 2)], max: v[v.length - 1], n: v.length };
}

const fmt = (ms) => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`) : "—");
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1e6).toFixed(0)} MB` : "—");

async function main() {
  const data = new Map();
  const dataServer = createServer((req, res) => {
    const body = data.get(req.url) || Buffer.from('{"ok": true}');
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length, "Access-Control-Allow-Origin": "*", "Timing-Allow-Origin": "*", "Cache-Control": "no-store" });
    res.end(body);
  });
  await new Promise((r) => dataServer.listen(0, "127.0.0.1", r));
  const api = `http://127.0.0.1:${dataServer.address().port}`;
  const site = await serveStatic(join(HERE, "..", "..", "dist"), { "/bench/floor.html": FLOOR, "/bench/form.html": FORM });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-precise-memory-info", "--js-flags=--max-old-space-size=4096"],
  });
  const results = { machine: process.env.BENCH_MACHINE || "", sizes: {}, cold: {}, small: {} };
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    await context.addInitScript(INIT);
    return [context, await context.newPage()];
  };
  const longest = (page, since) => page.evaluate((since) => Math.max(0, ...window.__long.filter(([s]) => s >= since).map(([, d]) => d)), since);
  const heap = (page) => page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);

  for (const size of SIZES) {
    const path = `/data-${size}mb.json`;
    data.set(path, generate(size));
    const url = api + path;
    const floor = { first_screen: [], parse: [], longtask: [], heap: [], scroll_end: [] };
    const ours = { first_screen: [], longtask: [], heap: [], scroll_end: [], indexed: [] };
    for (let run = 0; run < RUNS; run++) {
      // The floor.
      {
        const [context, page] = await newPage();
        try {
          await page.goto(site.url + "/bench/floor.html");
          const since = await page.evaluate(() => performance.now());
          const r = await page.evaluate((url) => window.run(url), url);
          floor.first_screen.push(r.first_screen);
          floor.parse.push(r.parse);
          floor.longtask.push(await longest(page, since));
          floor.heap.push(await heap(page));
          floor.scroll_end.push(await page.evaluate(() => window.scrollEnd()));
        } catch (e) {
          floor.crashed = (floor.crashed || 0) + 1;
          console.error(`# floor ${size} MB run ${run}: ${e.message.split("\n")[0]}`);
        }
        await context.close();
      }
      // The playground.
      {
        const [context, page] = await newPage();
        try {
          await page.goto(site.url + "/");
          await page.getByRole("textbox", { name: "URL", exact: true }).fill(url);
          await page.getByRole("button", { name: "Send" }).waitFor();
          // Let the page settle after typing (the code panel follows the URL), as a person would.
          await page.waitForTimeout(300);
          const since = await page.evaluate(() => performance.now());
          const first = await page.evaluate(() => new Promise((resolve) => {
            const t0 = performance.now();
            const region = document.querySelector('[aria-label="Response"]');
            const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
            const observer = new MutationObserver(() => {
              if (region.querySelector(".viewer .vrow")) { observer.disconnect(); done(); }
            });
            observer.observe(region, { childList: true, subtree: true });
            [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Send").click();
          }));
          ours.first_screen.push(first);
          const indexStart = Date.now();
          await page.getByRole("status").filter({ hasText: "Indexing" }).waitFor({ state: "detached", timeout: 600000 });
          ours.indexed.push(Date.now() - indexStart + first);
          ours.longtask.push(await longest(page, since));
          ours.heap.push(await heap(page));
          ours.scroll_end.push(await page.evaluate(() => new Promise((resolve) => {
            const viewer = document.querySelector('[aria-label="Response"] .viewer');
            const t0 = performance.now();
            viewer.scrollTop = viewer.scrollHeight;
            const check = () => {
              const rows = viewer.querySelectorAll(".vrow");
              if (rows.length && rows[rows.length - 1].textContent === "]") requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
              else requestAnimationFrame(check);
            };
            check();
          })));
        } catch (e) {
          ours.crashed = (ours.crashed || 0) + 1;
          console.error(`# playground ${size} MB run ${run}: ${e.message.split("\n")[0]}`);
        }
        await context.close();
      }
    }
    results.sizes[size] = { bytes: data.get(path).length, floor, ours };
    data.delete(path);
    console.error(`# ${size} MB done`);
  }

  // Cold load: navigation start -> Send enabled, fresh profile each run.
  for (const [name, path] of [["ours", "/"], ["floor", "/bench/form.html"]]) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const [context, page] = await newPage();
      await page.goto(site.url + path);
      await page.waitForFunction(() => window.__sendReady !== null);
      times.push(await page.evaluate(() => window.__sendReady));
      await context.close();
    }
    results.cold[name] = times;
  }

  // Small GET round trip: click -> status shown, against fetch() from the console.
  {
    const small = api + "/small.json";
    const [context, page] = await newPage();
    await page.goto(site.url + "/");
    await page.getByRole("textbox", { name: "URL", exact: true }).fill(small);
    const ours = [];
    const floor = [];
    for (let run = 0; run < Math.max(RUNS, 20); run++) {
      ours.push(await page.evaluate(() => new Promise((resolve) => {
        const region = document.querySelector('[aria-label="Response"]');
        const before = region.querySelector("[data-status]");
        const t0 = performance.now();
        const observer = new MutationObserver(() => {
          const status = region.querySelector("[data-status]");
          if (status && status !== before) { observer.disconnect(); resolve(performance.now() - t0); }
        });
        observer.observe(region, { childList: true, subtree: true });
        [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === "Send").click();
      })));
      floor.push(await page.evaluate((url) => (async () => { const t0 = performance.now(); await (await fetch(url)).text(); return performance.now() - t0; })(), small));
    }
    results.small = { ours, floor };
    await context.close();
  }

  await browser.close();
  await site.close();
  dataServer.close();
  await mkdir(join(HERE, "..", "results"), { recursive: true });
  await writeFile(join(HERE, "..", "results", "bench.json"), JSON.stringify(results, null, 2));
  report(results);
}

function report(results) {
  const row = (cells) => console.log(`| ${cells.join(" | ")} |`);
  const triple = (s) => `${fmt(s.min)} / ${fmt(s.median)} / ${fmt(s.max)}`;
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "—");
  console.log(`Browser runs: ${RUNS} per cell, min / median / max; ratio = our median / the floor's median.\n`);
  row(["body", "measure", "floor (plain page)", "playground", "ratio"]);
  row(["---", "---", "---:", "---:", "---:"]);
  for (const [size, { bytes, floor, ours }] of Object.entries(results.sizes)) {
    const label = `${(bytes / 1e6).toFixed(1)} MB JSON`;
    const f = (k) => stats(floor[k] || []);
    const o = (k) => stats(ours[k] || []);
    const crashed = (who, x) => (x.crashed ? ` (${who}: ${x.crashed} of ${RUNS} runs crashed)` : "");
    row([label, "first screen painted" + crashed("playground", ours) + crashed("floor", floor), triple(f("first_screen")), triple(o("first_screen")), ratio(o("first_screen").median, f("first_screen").median)]);
    row([label, "floor's JSON.parse", triple(f("parse")), "", ""]);
    row([label, "longest main-thread task", triple(f("longtask")), triple(o("longtask")), `${ratio(o("longtask").max, f("parse").median)} of parse`]);
    row([label, "JS heap after render", `${mb(f("heap").median)}`, `${mb(o("heap").median)}`, ratio(o("heap").median, f("heap").median)]);
    row([label, "scroll to the end", triple(f("scroll_end")), triple(o("scroll_end")), ratio(o("scroll_end").median, f("scroll_end").median)]);
    row([label, "whole body indexed (ours)", "", triple(o("indexed")), ""]);
  }
  const co = stats(results.cold.ours), cf = stats(results.cold.floor);
  row(["page", "cold load → Send enabled", triple(cf), triple(co), ratio(co.median, cf.median)]);
  const so = stats(results.small.ours), sf = stats(results.small.floor);
  row(["small GET", "click → status shown vs fetch()", triple(sf), triple(so), ratio(so.median, sf.median)]);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
