// API descriptions (`make bench`): GitHub's REST description (tests/openapi/api.github.com.json.gz,
// 13 MB of JSON, 1,223 operations) opened by URL in the release build, served on loopback, in
// Debian chromium with a fresh profile each run. Prints a Markdown table for BENCHMARKS.md. Not
// a test: it asserts nothing.
//
//   open:    Open clicked -> the Operations list drawn with its count (fetch, parse, list)
//   memory:  the wasm module's linear memory and the JS heap, before and after opening
//   filter:  a word typed into the filter -> the next animation frame, with the list updated
//   choose:  an operation clicked -> its request in the URL box (with the module loaded)
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";

import { CHROMIUM } from "../browser.mjs";
import { serveStatic } from "../static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.RUNS || 3);
const github = gunzipSync(readFileSync(join(HERE, "..", "..", "tests", "openapi", "api.github.com.json.gz"))).toString("utf8");
const site = await serveStatic(process.env.DIST_DIR || join(HERE, "..", "..", "dist"), { "/github.json": github });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-precise-memory-info", "--disable-background-timer-throttling"],
});

// The wasm module's memory, through the app's own JS module (a module is loaded once per page,
// so importing it again gives the running instance).
const WASM_MEMORY = `(async () => {
  const src = [...document.querySelectorAll("script[type=module]"), ...document.querySelectorAll("link[rel=modulepreload]")]
    .map((e) => e.src || e.href).find((s) => /http-playground-[0-9a-f]+\\.js$/.test(s));
  const m = await import(src);
  const exports = await m.default();
  return exports.memory.buffer.byteLength;
})()`;

async function run() {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await context.addInitScript(`window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: "longtask", buffered: true });`);
  const page = await context.newPage();
  await page.goto(site.url + "/");
  await page.getByRole("button", { name: "Send", exact: true }).waitFor();
  await page.getByRole("button", { name: "API description" }).click();
  const urlBox = page.getByRole("textbox", { name: "Description URL" });
  await urlBox.fill(site.url + "/github.json");
  const before = { wasm: await page.evaluate(WASM_MEMORY), heap: await page.evaluate(() => performance.memory.usedJSHeapSize) };
  await page.evaluate(() => { window.__long = []; window.__t0 = performance.now(); });
  await page.getByRole("button", { name: "Open", exact: true }).click();
  const status = page.getByRole("navigation", { name: "Operations" }).getByRole("status");
  await status.getByText("1223 operations").waitFor({ timeout: 60_000 });
  const open = await page.evaluate(() => ({ ms: performance.now() - window.__t0, longest: Math.max(0, ...window.__long) }));
  const after = { wasm: await page.evaluate(WASM_MEMORY), heap: await page.evaluate(() => performance.memory.usedJSHeapSize) };
  // Filtering: from the input event to the next frame.
  const filter = [];
  for (const word of ["repos", "issue comment", "zzz-nothing", ""]) {
    filter.push(await page.evaluate(async (word) => {
      const input = document.querySelector('nav[aria-label="Operations"] input[type=search]');
      const t = performance.now();
      input.value = word;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      const shown = document.querySelector('nav[aria-label="Operations"] [role=status]').textContent;
      return { word, ms: performance.now() - t, shown, buttons: document.querySelectorAll("nav[aria-label=Operations] button.op").length };
    }, word));
  }
  // Choosing an operation (the first one of the first group opened).
  await page.getByRole("searchbox", { name: "Filter operations" }).fill("get a repository");
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole("navigation", { name: "Operations" }).getByRole("button", { name: "GET /repos/{owner}/{repo}", exact: true }).click();
  await page.waitForFunction(() => document.querySelector('input[aria-label="URL"]').value.includes("/repos/"));
  const choose = (await page.evaluate(() => performance.now())) - t0;
  await context.close();
  return { open, before, after, filter, choose };
}

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MB`;
const results = [];
for (let i = 0; i < RUNS; i++) results.push(await run());
await browser.close();
await site.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => `${Math.round(Math.min(...xs))} / ${Math.round(median(xs))} / ${Math.round(Math.max(...xs))} ms`;
console.log(`GitHub REST description: ${(github.length / 1e6).toFixed(1)} MB, ${RUNS} runs (min / median / max)\n`);
console.log("| step | time | notes |");
console.log("|---|---:|---|");
console.log(`| open by URL (fetch, parse, list drawn) | ${range(results.map((r) => r.open.ms))} | longest main-thread task ${range(results.map((r) => r.open.longest))} |`);
for (let k = 0; k < results[0].filter.length; k++) {
  const f = results[0].filter[k];
  console.log(`| filter "${f.word}" → next frame | ${range(results.map((r) => r.filter[k].ms))} | ${f.shown}, ${f.buttons} buttons drawn |`);
}
console.log(`| choose GET /repos/{owner}/{repo} → URL filled | ${range(results.map((r) => r.choose))} | |`);
console.log("");
console.log("| memory | before opening | after opening |");
console.log("|---|---:|---:|");
console.log(`| wasm linear memory | ${mb(median(results.map((r) => r.before.wasm)))} | ${mb(median(results.map((r) => r.after.wasm)))} |`);
console.log(`| JS heap | ${mb(median(results.map((r) => r.before.heap)))} | ${mb(median(results.map((r) => r.after.heap)))} |`);
