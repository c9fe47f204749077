// Layout: what a newcomer meets at the usual screen sizes. Every code target has a control in
// sight (inside the window and the Code panel, not covered), nothing scrolls sideways, a phone's
// URL box takes the row; the <http-playground> element reads left to right on a right-to-left
// page and lays out by its own width, not the window's. Screenshots go to end2end/results/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { appInBrowser } from "./app-in-browser.mjs";
import { serveStatic } from "./static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();

const TARGETS = [
  "Python · requests",
  "Python · httpx",
  "Python · httpx async",
  "curl",
  "JavaScript · fetch",
  "Rust · gloo-net",
  "Rust · reqwest",
  "Rust · reqwest blocking",
];
const SIZES = [
  [1360, 860],
  [1024, 768],
  [768, 1024],
  [390, 844],
];

/** For each target's tab inside `scope` (a Code region): is it inside the window, inside the
 * Code panel and its tab list, and is it what the point at its centre hits? Returns
 * { name: problem or "" }. */
async function targetsInSight(code) {
  await code.getByRole("tablist", { name: "Code targets" }).scrollIntoViewIfNeeded();
  const seen = {};
  for (const name of TARGETS) {
    const tab = code.getByRole("tab", { name, exact: true });
    seen[name] = await tab.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const panel = el.closest("section.code").getBoundingClientRect();
      const list = el.closest('[role="tablist"]').getBoundingClientRect();
      const inside = (outer) => r.left >= outer.left - 0.5 && r.right <= outer.right + 0.5 && r.top >= outer.top - 0.5 && r.bottom <= outer.bottom + 0.5;
      if (r.width < 8 || r.height < 8) return `${r.width}x${r.height}`;
      if (!inside({ left: 0, top: 0, right: innerWidth, bottom: innerHeight })) return `outside the window ${JSON.stringify(r)}`;
      if (!inside(panel)) return "outside the Code panel";
      if (!inside(list)) return "outside its tab list";
      // In a shadow root, the document answers with the host: ask the tab's own root.
      const hit = el.getRootNode().elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !el.contains(hit)) return `covered by ${hit?.outerHTML.slice(0, 80)}`;
      return "";
    });
  }
  return seen;
}

async function noSidewaysScroll(page) {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth }));
}

test("at 1360, 1024, 768 and 390 px every code target is in sight, nothing scrolls sideways, a phone's URL box takes the row", async (t) => {
  for (const [width, height] of SIZES) {
    for (const colorScheme of ["light", "dark"]) {
      const page = await app.browser.newPage({ viewport: { width, height }, colorScheme });
      await page.goto(app.site.url + "/");
      const url = page.getByRole("textbox", { name: "URL", exact: true });
      await url.fill(`${HTTPBIN}/get?q=python tutorial&page=1`);
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });

      const { scrollWidth, innerWidth } = await noSidewaysScroll(page);
      assert.ok(scrollWidth <= innerWidth, `${width}px ${colorScheme}: the page scrolls sideways (${scrollWidth} > ${innerWidth})`);
      const urlWidth = (await url.boundingBox()).width;
      if (width <= 400) assert.ok(urlWidth >= 0.8 * width, `${width}px: the URL box is ${urlWidth}px wide`);

      const code = page.getByRole("region", { name: "Code" });
      const seen = await targetsInSight(code);
      const problems = Object.entries(seen).filter(([, p]) => p).map(([n, p]) => `${n}: ${p}`);
      assert.deepEqual(problems, [], `${width}px ${colorScheme}`);
      if (colorScheme === "light") t.diagnostic(`${width}x${height}: ${TARGETS.length - problems.length}/8 targets in sight, URL box ${Math.round(urlWidth)} px`);

      // One column below about 1100 px, in order: request, response, code.
      const top = async (name) => (await page.getByRole("region", { name }).boundingBox()).y;
      const editor = await page.locator(".editor").boundingBox();
      const response = await page.getByRole("region", { name: "Response" }).boundingBox();
      if (width >= 1100) {
        assert.ok(response.x > editor.x + editor.width - 1, `${width}px: the response is not beside the request`);
      } else {
        assert.ok(response.y >= editor.y + editor.height, `${width}px: the response is not under the request`);
        assert.ok((await top("Code")) >= response.y + response.height, `${width}px: the code is not under the response`);
      }

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(HERE, "results", `layout-${width}-${colorScheme}.png`), fullPage: true });
      await page.close();
    }
  }
});

test("at 360 px nothing scrolls sideways and the URL box takes the row", async () => {
  const page = await app.browser.newPage({ viewport: { width: 360, height: 740 } });
  await page.goto(app.site.url + "/");
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  await url.waitFor();
  const { scrollWidth, innerWidth } = await noSidewaysScroll(page);
  assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
  assert.ok((await url.boundingBox()).width >= 0.8 * 360);
  await page.close();
});

test("the code tabs follow the ARIA tabs pattern: one tab stop, arrows choose, the choice is remembered", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(app.site.url + "/");
  const code = page.getByRole("region", { name: "Code" });
  const tab = (name) => code.getByRole("tab", { name, exact: true });
  await tab("curl").click();
  assert.deepEqual(
    await code.getByRole("tab").evaluateAll((tabs) => tabs.map((t) => `${t.getAttribute("aria-selected")} ${t.tabIndex}`)),
    TARGETS.map((n) => (n === "curl" ? "true 0" : "false -1")),
  );
  await page.keyboard.press("ArrowRight");
  assert.equal(await tab("JavaScript · fetch").getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "JavaScript · fetch");
  await page.keyboard.press("End");
  assert.equal(await tab("Rust · reqwest blocking").getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowRight");
  assert.equal(await tab("Python · requests").getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowLeft");
  // Another tab's generator loads on first use: wait for its code, not a fixed time.
  await page.getByRole("tabpanel", { name: "Generated code" }).getByText(/reqwest::blocking/).first().waitFor();
  assert.equal(await tab("Rust · reqwest blocking").getAttribute("aria-controls"), await page.getByRole("tabpanel", { name: "Generated code" }).getAttribute("id"));
  await page.reload();
  assert.equal(await tab("Rust · reqwest blocking").getAttribute("aria-selected"), "true");
  await page.close();
});

/** A host page with one <http-playground> in a column `width` wide (and `head` in its <head>). */
function hostPage({ width = "auto", head = "", html = "<html lang=\"en\">", id = "w" } = {}) {
  return `<!doctype html>${html}<head><title>Host</title>${head}</head><body>
<h1>A lesson page</h1>
<main style="width: ${width}; margin: 0 auto">
<http-playground id="${id}" method="POST" url="${HTTPBIN}/post" target="rust-reqwest"
  body-json='{"title": "Buy groceries", "completed": false}'></http-playground>
</main>
<script type="module" src="/http-playground.js"></script>
</body></html>`;
}

async function withHosts(pages, body) {
  const site = await serveStatic(join(HERE, "..", "dist"), pages);
  try {
    await body(site);
  } finally {
    await site.close();
  }
}

test("on a right-to-left host page the widget reads left to right and looks the same", async () => {
  const RTL = "<style>html { direction: rtl }</style>";
  await withHosts(
    {
      "/ltr.html": hostPage({ width: "1000px" }),
      "/rtl.html": hostPage({ width: "1000px", head: RTL }),
      "/rtl-dir.html": hostPage({ width: "1000px", html: '<html lang="ar" dir="rtl">' }),
    },
    async (site) => {
      const shots = {};
      for (const path of ["/ltr.html", "/rtl.html", "/rtl-dir.html"]) {
        const page = await app.browser.newPage({ viewport: { width: 1100, height: 1000 } });
        await page.goto(site.url + path);
        const widget = page.locator("#w");
        await widget.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
        const directions = await widget.evaluate((host) => {
          const root = host.shadowRoot;
          const style = (selector) => getComputedStyle(root.querySelector(selector));
          return {
            page: getComputedStyle(host).direction,
            root: `${style(".widget-root").direction} ${style(".widget-root").unicodeBidi}`,
            code: style("pre.snippet").direction,
            url: style("input.url").direction,
          };
        });
        if (path !== "/ltr.html") assert.equal(directions.page, "rtl", `${path}: the host page is not right to left`);
        assert.deepEqual([directions.root, directions.code, directions.url], ["ltr isolate", "ltr", "ltr"], path);
        await page.waitForTimeout(200);
        shots[path] = await widget.screenshot({ path: join(HERE, "results", `layout-widget-${path.slice(1).replace(".html", "")}.png`) });
        await page.close();
      }
      assert.ok(shots["/rtl.html"].equals(shots["/ltr.html"]), "the widget looks different under html { direction: rtl }");
      assert.ok(shots["/rtl-dir.html"].equals(shots["/ltr.html"]), "the widget looks different under <html dir=rtl>");
    },
  );
});

test("the element lays out by its own width: one column in a 700 px column, two in a 1300 px one, in the same window", async () => {
  const layout = async (widget) =>
    widget.evaluate((host) => {
      const root = host.shadowRoot;
      const box = (selector) => root.querySelector(selector).getBoundingClientRect();
      const [workspace, editor, response, code, url] = [".workspace", ".editor", ".response", "section.code", "input.url"].map(box);
      return {
        oneColumn: response.top >= editor.bottom && code.top >= response.bottom && code.top >= editor.bottom,
        codeFullWidth: Math.abs(code.width - workspace.width) < 1,
        twoColumns: response.left >= editor.right && code.top >= editor.bottom && Math.abs(code.left - editor.left) < 1,
        overflow: root.querySelector(".widget-root").scrollWidth - host.clientWidth,
        urlShare: url.width / host.clientWidth,
      };
    });
  await withHosts(
    {
      "/narrow.html": hostPage({ width: "700px", id: "narrow" }).replace("</main>", `</main><main style="width: 1300px; margin: 0 auto">
<http-playground id="wide" method="GET" url="${HTTPBIN}/get" target="curl"></http-playground></main>`),
      "/lesson-600.html": hostPage({ width: "600px" }),
      "/phone.html": hostPage(),
    },
    async (site) => {
      const page = await app.browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(site.url + "/narrow.html");
      const narrow = page.locator("#narrow");
      const wide = page.locator("#wide");
      await narrow.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
      await wide.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
      const inNarrow = await layout(narrow);
      assert.ok(inNarrow.oneColumn, `700 px column: not one column ${JSON.stringify(inNarrow)}`);
      assert.ok(inNarrow.codeFullWidth, "700 px column: the code panel is not full width");
      assert.ok(inNarrow.overflow <= 0, `700 px column: ${inNarrow.overflow} px too wide`);
      const inWide = await layout(wide);
      assert.ok(inWide.twoColumns, `1300 px column: not two columns ${JSON.stringify(inWide)}`);
      await narrow.screenshot({ path: join(HERE, "results", "layout-widget-700.png") });
      await page.close();

      // A 600 px lesson column and a 390 px phone: the URL box takes the row, every target in sight.
      for (const [path, width, height] of [
        ["/lesson-600.html", 1200, 900],
        ["/phone.html", 390, 844],
      ]) {
        const phone = await app.browser.newPage({ viewport: { width, height } });
        await phone.goto(site.url + path);
        const widget = phone.locator("#w");
        await widget.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
        const shape = await layout(widget);
        assert.ok(shape.urlShare >= 0.8, `${width}px window: the URL box is ${shape.urlShare} of the widget`);
        assert.ok(shape.overflow <= 0, `${width}px window: ${shape.overflow} px too wide`);
        const { scrollWidth, innerWidth } = await noSidewaysScroll(phone);
        assert.ok(scrollWidth <= innerWidth, `${width}px window: the page scrolls sideways`);
        const seen = await targetsInSight(widget.getByRole("region", { name: "Code" }));
        assert.deepEqual(Object.entries(seen).filter(([, p]) => p), [], `${width}px window`);
        await widget.screenshot({ path: join(HERE, "results", `layout-widget-${width < 600 ? 390 : 600}.png`) });
        await phone.close();
      }
    },
  );
});
