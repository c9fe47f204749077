// Streams (`make bench`): the release build reading a Server-Sent Events stream as it arrives,
// in Debian chromium (headless, loopback). Not a test: it asserts nothing and prints a Markdown
// table for BENCHMARKS.md.
//
//   rate:  100 events a second for STREAM_SECONDS (default 60), each `id:` and a JSON `data:`
//   burst: BURST_EVENTS (default 1,000,000) events written as fast as the socket takes them
//
// For each: the longest main-thread task from the click to the end (PerformanceObserver
// "longtask", which reports tasks of 50 ms or more), the JS heap at the end
// (`performance.memory`, --enable-precise-memory-info; the app's own data is in wasm memory,
// given beside it), rows in the list's DOM, items listed and dropped, and the time to the end.
// The stream comes from a small Node server here, not the companion server, whose streams end
// within 50 s (its exchanges are cut at 60 s).
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { CHROMIUM } from "../browser.mjs";
import { serveStatic } from "../static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.STREAM_SECONDS || 60);
const BURST = Number(process.env.BURST_EVENTS || 1_000_000);

const event = (n) => `id: ${n}\ndata: {"n":${n},"text":"event number ${n} of the stream"}\n\n`;

function sseServer() {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "access-control-allow-origin": "*" });
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/rate") {
      const total = SECONDS * 100;
      const start = Date.now();
      let n = 0;
      const tick = () => {
        // Every event due by now (timers drift), then the next tick.
        const due = Math.min(total, Math.floor((Date.now() - start) / 10) + 1);
        let text = "";
        while (n < due) text += event(++n);
        if (text) res.write(text);
        if (n >= total) res.end();
        else setTimeout(tick, 10 - ((Date.now() - start) % 10));
      };
      tick();
    } else {
      let n = 0;
      const more = () => {
        while (n < BURST) {
          let text = "";
          for (let i = 0; i < 1000 && n < BURST; i++) text += event(++n);
          if (!res.write(text)) return res.once("drain", more);
        }
        res.end();
      };
      more();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

const site = await serveStatic(process.env.DIST_DIR || join(HERE, "..", "..", "dist"));
const sse = await sseServer();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--enable-precise-memory-info", "--disable-background-timer-throttling"],
});

async function run(path, timeoutMs) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  await context.addInitScript(`window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: "longtask", buffered: true });`);
  const page = await context.newPage();
  await page.goto(site.url + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(sse.url + path);
  await page.getByRole("spinbutton", { name: "Timeout (s)" }).fill("10");
  // The idle prefetch has fetched every lazily loaded part (the last of them here) before the click.
  await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => /split_notice_bar/.test(e.name)));
  await page.evaluate(() => { window.__long = []; window.__t0 = performance.now(); });
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: timeoutMs });
  const result = await page.evaluate(() => ({
    ms: performance.now() - window.__t0,
    longest: Math.max(0, ...window.__long),
    longCount: window.__long.length,
    heap: performance.memory.usedJSHeapSize,
    rows: document.querySelectorAll(".srow").length,
    nodes: document.querySelectorAll("*").length,
    tab: [...document.querySelectorAll("[role=tab]")].map((t) => t.textContent).find((t) => t.startsWith("Events")),
    notice: [...document.querySelectorAll(".stream .notice")].map((n) => n.textContent).join(" "),
  }));
  await context.close();
  return result;
}

const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
const rows = [];
for (const [name, path, timeout] of [
  [`100 events/s for ${SECONDS} s`, "/rate", (SECONDS + 60) * 1000],
  [`${BURST.toLocaleString("en")} events at once`, "/burst", 600_000],
]) {
  const r = await run(path, timeout);
  rows.push([name, `${(r.ms / 1000).toFixed(1)} s`, r.longCount ? `${Math.round(r.longest)} ms (${r.longCount} of ≥ 50 ms)` : "none ≥ 50 ms", mb(r.heap), `${r.rows} (${r.nodes} elements in the page)`, `${r.tab}; ${r.notice.match(/The (\d+) oldest/)?.[1] ?? 0} dropped`]);
}
await browser.close();
await site.close();
sse.close();
console.log("| stream | until 200 OK shown | longest main-thread task | JS heap at the end | rows in the list's DOM | listed |");
console.log("|---|---:|---:|---:|---:|---|");
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
