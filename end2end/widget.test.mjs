// Embedding by script tag: one module script turns every <http-playground> element into an
// independent playground in a shadow root. The wasm module loads once per page; a host
// stylesheet that styles every input, pre and button does not change the widgets (screenshot
// comparison with a plain host), and the widgets' CSS does not change the host.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { serveStatic } from "./static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
let browser, site;

const HOSTILE = `<style>
  input, pre, button, select, textarea, code, span, div, label { font-family: serif !important; font-size: 22px !important; color: hotpink !important; background: yellow !important; border: 3px dashed green !important; }
  * { letter-spacing: 3px; }
</style>`;

// The host content above the widgets has a fixed height, so the widgets sit at the same place
// on both pages: Chrome's raster of anti-aliased corners differs by a shade with the position
// in the page, which is not what this compares.
function host(style) {
  return `<!doctype html><html lang="en"><head><title>Host</title>${style}</head><body>
<header style="height: 220px; overflow: hidden">
<h1>A lesson page</h1>
<p><button id="host-button">A host button</button></p>
<pre id="host-pre">host pre</pre>
</header>
<http-playground id="a" method="POST" url="${HTTPBIN}/post" target="python-requests"
  body-json='{"title": "Buy groceries", "completed": false}'></http-playground>
<http-playground id="b" target="curl" theme="dark"
  request='{"method": "GET", "url": "${HTTPBIN}/get", "params": [{"name": "q", "value": "python tutorial"}]}'></http-playground>
<script type="module" src="/http-playground.js"></script>
</body></html>`;
}

before(async () => {
  assert.ok(HTTPBIN, "HTTPBIN_URL must point at the local httpbin (make test sets it)");
  site = await serveStatic(join(HERE, "..", "dist"), {
    "/host-hostile.html": host(HOSTILE),
    "/host-plain.html": host(""),
    "/host-none.html": host("").replace(/<http-playground[\s\S]*?<\/http-playground>/g, "").replace('<script type="module" src="/http-playground.js"></script>', ""),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const wasm = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(site.url + path);
  return { page, wasm, problems };
}

test("two <http-playground> elements: independent, one wasm load, working", async () => {
  const { page, wasm, problems } = await open("/host-plain.html");
  const a = page.locator("#a");
  const b = page.locator("#b");
  // Playwright's locators pierce open shadow roots.
  await a.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
  await b.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
  // One main module for both elements; each lazily loaded module (split_*, chunk_*) at most once.
  const main = wasm.filter((url) => url.endsWith("_bg.wasm"));
  assert.equal(main.length, 1, `the main wasm loaded ${main.length} times`);
  assert.equal(new Set(wasm).size, wasm.length, `a module loaded twice: ${wasm.join(", ")}`);
  assert.equal(await a.getByRole("combobox", { name: "Method" }).inputValue(), "POST");
  assert.equal(await b.getByRole("textbox", { name: "URL", exact: true }).inputValue(), `${HTTPBIN}/get?q=python+tutorial`);
  assert.equal(await a.getByRole("tab", { name: "Python · requests" }).getAttribute("aria-selected"), "true");
  assert.equal(await b.getByRole("tab", { name: "curl" }).getAttribute("aria-selected"), "true");

  await a.getByRole("button", { name: "Send" }).click();
  await a.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await a.getByRole("region", { name: "Response" }).innerText(), /"title": "Buy groceries"/);
  // The other widget did not move.
  assert.match(await b.getByRole("region", { name: "Response" }).innerText(), /Send a request/);
  await b.getByRole("button", { name: "Send" }).click();
  await b.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await b.getByRole("region", { name: "Response" }).innerText(), /"q": "python tutorial"/);
  // The host page works meanwhile.
  await page.locator("#host-button").click();
  assert.deepEqual(problems, []);
  await page.screenshot({ path: join(HERE, "results", "widgets.png"), fullPage: true });
  await page.close();
});

test("a hostile host stylesheet does not change the widgets, and the widgets do not change the host", async () => {
  const shots = {};
  for (const path of ["/host-plain.html", "/host-hostile.html"]) {
    const { page } = await open(path);
    await page.locator("#b").getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
    await page.locator("#a").getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
    await page.waitForTimeout(200);
    shots[path] = [await page.locator("#a").screenshot(), await page.locator("#b").screenshot()];
    await page.close();
  }
  assert.ok(shots["/host-plain.html"][0].equals(shots["/host-hostile.html"][0]), "widget a looks different under the hostile stylesheet");
  assert.ok(shots["/host-plain.html"][1].equals(shots["/host-hostile.html"][1]), "widget b looks different under the hostile stylesheet");

  const hostLook = async (path) => {
    const { page } = await open(path);
    if (path !== "/host-none.html") await page.locator("#a").getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
    const look = await page.evaluate(() =>
      ["#host-button", "#host-pre", "h1", "body"].map((sel) => {
        const s = getComputedStyle(document.querySelector(sel));
        return [sel, s.fontFamily, s.fontSize, s.color, s.backgroundColor, s.margin, s.boxSizing].join(" ");
      }),
    );
    await page.close();
    return look;
  };
  assert.deepEqual(await hostLook("/host-plain.html"), await hostLook("/host-none.html"));
});
