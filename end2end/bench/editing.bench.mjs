// Editing benchmark (`make bench`, or alone: `node end2end/bench/editing.bench.mjs` after
// `trunk build --release`): a large JSON body pasted into the Body editor with a real clipboard
// paste (Ctrl+V), then 20 characters typed at its end, in Debian's chromium on loopback. Not a
// test: it asserts nothing. Prints a Markdown table for BENCHMARKS.md.
//
//   paste → painted: from the key press to the first frame after the body is in the editor (the
//     floor's input event; the playground takes a large paste itself and states the new size)
//   longest task while typing: the longest main-thread task (PerformanceObserver "longtask",
//     which reports tasks of 50 ms or more) while the 20 characters are typed
//   slowest keystroke: the longest time from a key's input event to the next frame
//   each against the floor: a page holding nothing but a textarea, edited the same way
//
// EDIT_SIZES (MB, default 1,5) and EDIT_RUNS (default 3) choose the cells.
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

import { CHROMIUM } from "../browser.mjs";
import { serveStatic } from "../static-server.mjs";
import { clipboardInto, emptyJsonBodyWithClipboard } from "../helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = process.env.DIST_DIR || join(HERE, "..", "..", "dist");
const SIZES = (process.env.EDIT_SIZES || "1,5").split(",").map(Number);
const RUNS = Number(process.env.EDIT_RUNS || 3);

/** Pretty JSON of about `mb` MB, as an API's example payload would be pasted. */
function generate(mb) {
  const make = (n) => {
    const items = [];
    for (let i = 0; i < n; i++) items.push({ id: i, title: `Buy groceries ${i}`, completed: i % 3 === 0, userId: 1 + (i % 10), tags: ["home", "weekly"] });
    return JSON.stringify({ items }, null, 2);
  };
  const sample = make(1000);
  return make(Math.round((1000 * mb * 1_000_000) / sample.length));
}

/** The floor: a page with nothing but a textarea, edited the same way. */
const FLOOR = `<!doctype html><meta charset=utf-8><title>floor</title>
<textarea aria-label="Body" spellcheck="false" rows="10" cols="80"></textarea>`;

/** In the page: long tasks, and for each input event the time to the next frame. */
const INIT = `
window.__long = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]); })
  .observe({ type: "longtask", buffered: true });
window.__frames = [];
document.addEventListener("input", (e) => {
  const start = e.timeStamp;
  requestAnimationFrame(() => setTimeout(() => window.__frames.push([start, performance.now() - start])));
});
// The playground takes a large paste itself (no input event): the editor's stated size changing
// marks it, then the next frame.
window.__painted = [];
new MutationObserver(() => {
  const start = performance.now();
  requestAnimationFrame(() => setTimeout(() => window.__painted.push([start, performance.now() - start])));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-bytes"] });
`;

const fmt = (ms) => (Number.isFinite(ms) ? (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`) : "—");
const triple = (values) => {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? `${fmt(v[0])} / ${fmt(v[Math.floor(v.length / 2)])} / ${fmt(v[v.length - 1])}` : "—";
};

async function run(browser, site, text, floor) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, permissions: ["clipboard-read", "clipboard-write"] });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  await page.goto(site.url + (floor ? "/floor.html" : "/"));
  await (floor ? clipboardInto(page, text) : emptyJsonBodyWithClipboard(page, text));
  const since = await page.evaluate(() => { window.__frames = []; window.__painted = []; return performance.now(); });
  await page.keyboard.press("Control+V");
  // The floor's textarea holds all the text; the playground's states its size (a large body's
  // textarea holds the lines in view).
  await page.waitForFunction(([n, floor]) => {
    const held = floor
      ? document.querySelector('textarea[aria-label="Body"]')?.value.length
      : Number(document.querySelector(".body-frame")?.dataset.bytes);
    return held === n && (floor ? window.__frames : window.__painted).length > 0;
  }, [text.length, floor], { timeout: 120_000, polling: 50 });
  const paste = await page.evaluate(([s, floor]) => {
    const [start, took] = (floor ? window.__frames : window.__painted)[0];
    return start + took - s;
  }, [since, floor]);
  // Typing at the end: every task from here on counts.
  await page.keyboard.press("Control+End");
  await page.evaluate(() => { window.__long = []; window.__frames = []; });
  await page.keyboard.type(' "tail typed": 12345', { delay: 0 });
  await page.waitForFunction(() => window.__frames.length >= 19, null, { timeout: 120_000, polling: 50 });
  // Let the deferred work (code, hint, draft) run, and count it too.
  await page.waitForTimeout(1500);
  const { longest, slowest, typed } = await page.evaluate(() => ({
    longest: Math.max(0, ...window.__long.map((e) => e[1])),
    slowest: Math.max(0, ...window.__frames.map((f) => f[1])),
    typed: document.querySelector('textarea[aria-label="Body"]').value.endsWith('"tail typed": 12345'),
  }));
  await context.close();
  if (!typed) throw new Error("the typed text did not arrive at the end of the body");
  return { paste, longest, slowest };
}

async function main() {
  const site = await serveStatic(DIST, { "/floor.html": FLOOR });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const rows = [];
  try {
    for (const mb of SIZES) {
      const text = generate(mb);
      for (const floor of [true, false]) {
        const cells = { paste: [], longest: [], slowest: [] };
        for (let i = 0; i < RUNS; i++) {
          const r = await run(browser, site, text, floor);
          for (const k of Object.keys(cells)) cells[k].push(r[k]);
          process.stderr.write(`${mb} MB ${floor ? "floor" : "playground"} run ${i + 1}: paste ${fmt(r.paste)}, longest task ${fmt(r.longest)}, slowest keystroke ${fmt(r.slowest)}\n`);
        }
        rows.push([`${(text.length / 1e6).toFixed(1)} MB JSON`, floor ? "floor: a bare textarea" : "playground", cells]);
      }
    }
  } finally {
    await browser.close();
    site.close();
  }
  console.log(`\nEditing a large body: ${RUNS} runs per cell, min / median / max ("0" in the long-task column: no task of 50 ms or more).\n`);
  console.log("| body | page | paste → painted | longest task while typing 20 characters | slowest keystroke → next frame |");
  console.log("| --- | --- | ---: | ---: | ---: |");
  for (const [label, page, c] of rows) console.log(`| ${label} | ${page} | ${triple(c.paste)} | ${triple(c.longest)} | ${triple(c.slowest)} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
