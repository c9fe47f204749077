// Hosting the playground for lesson pages of another origin (docs/embedding.md, "Hosting"):
// a lesson page served by a separate loopback server loads two <http-playground> elements with
// a module script from the companion server (which answers its static files with
// `Access-Control-Allow-Origin: *`), and both send to httpbin; the documented iframe snippet,
// with allow="clipboard-write", lets Copy inside the cross-origin iframe reach the clipboard.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { freePort, serveStatic } from "./static-server.mjs";
import { shareFragment as fragment, waitForHttp as waitFor } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVER = process.env.SERVER_BIN || join(HERE, "..", "target", "debug", "http-playground-server");
const DIST = process.env.DIST_DIR || join(HERE, "..", "dist");
const HTTPBIN = process.env.HTTPBIN_URL;
const children = [];
let browser, app, lessons;

function scriptPage(app) {
  return `<!doctype html><html lang="en"><head><title>A lesson</title></head><body>
<h1>A lesson on another origin</h1>
<http-playground id="a" method="POST" url="${HTTPBIN}/post" target="python-requests"
  body-json='{"title": "Buy groceries", "completed": false}'></http-playground>
<http-playground id="b" target="curl"
  request='{"method": "GET", "url": "${HTTPBIN}/get", "params": [{"name": "q", "value": "python tutorial"}]}'></http-playground>
<script type="module" src="${app}/http-playground.js"></script>
</body></html>`;
}

// The iframe snippet of docs/embedding.md, with this test's origin and request.
function framePage(app, allow) {
  const src = `${app}/?embed=1&target=curl${fragment({ method: "GET", url: `${HTTPBIN}/anything?copy=me` })}`;
  return `<!doctype html><html lang="en"><head><title>A lesson</title></head><body>
<iframe
  title="GET with a query"
  src="${src}"
  ${allow ? 'allow="clipboard-write"' : ""}
  style="width: 100%; border: 0; height: 480px"></iframe>
</body></html>`;
}

before(async () => {
  assert.ok(HTTPBIN, "HTTPBIN_URL must point at the local httpbin (make test sets it)");
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  const child = spawn(SERVER, ["--port", String(port), "--dist", DIST], { stdio: "ignore" });
  children.push(child);
  await waitFor(`${app}/echo/get`);
  // The lesson site: another port, so another origin; it serves only its own pages.
  lessons = await serveStatic(await mkdtemp(join(tmpdir(), "lesson-site-")), {
    "/script.html": scriptPage(app),
    "/frame.html": framePage(app, true),
    "/frame-no-allow.html": framePage(app, false),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await lessons?.close();
  for (const child of children) child.kill();
});

test("a lesson page of another origin loads two <http-playground> elements from the companion server", async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  // A CORS refusal shows as a console error; a 404 is reported by the response below instead.
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && problems.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && !r.url().endsWith("/favicon.ico") && problems.push(`${r.status()} ${r.url()}`));
  const fromApp = [];
  page.on("response", (r) => r.url().startsWith(app + "/") && fromApp.push([r.url(), r.status(), r.headers()["access-control-allow-origin"]]));
  await page.goto(lessons.url + "/script.html");
  const a = page.locator("#a");
  const b = page.locator("#b");
  await a.getByRole("button", { name: "Send" }).waitFor({ timeout: 20000 });
  await b.getByRole("button", { name: "Send" }).waitFor({ timeout: 20000 });
  for (const w of [a, b]) assert.ok((await w.boundingBox()).height > 200, "a widget stayed flat");
  // index.html, the module, the .wasm and the stylesheet, each allowed for any origin.
  for (const suffix of ["/http-playground.js", "/index.html", ".js", "_bg.wasm", ".css"]) {
    assert.ok(fromApp.some(([url, status, acao]) => url.endsWith(suffix) && status === 200 && acao === "*"), `${suffix}: ${JSON.stringify(fromApp)}`);
  }
  await a.getByRole("button", { name: "Send" }).click();
  await a.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await a.getByRole("region", { name: "Response" }).innerText(), /"title": "Buy groceries"/);
  await b.getByRole("button", { name: "Send" }).click();
  await b.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await b.getByRole("region", { name: "Response" }).innerText(), /"q": "python tutorial"/);
  assert.deepEqual(problems, []);
  await context.close();
});

async function copyInFrame(path) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  for (const origin of [lessons.url, app]) {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  }
  const page = await context.newPage();
  await page.goto(lessons.url + path);
  const frame = page.frameLocator("iframe");
  const code = frame.getByRole("region", { name: "Code" });
  await code.getByRole("tab", { name: "curl" }).waitFor({ timeout: 20000 });
  assert.equal(await code.getByRole("tab", { name: "curl" }).getAttribute("aria-selected"), "true");
  await page.evaluate(() => navigator.clipboard.writeText("nothing yet"));
  await code.getByRole("button", { name: "Copy" }).click();
  const state = await Promise.race([
    code.getByRole("button", { name: "Copied" }).waitFor({ timeout: 5000 }).then(() => "copied"),
    code.getByText("Copy failed: select the code").waitFor({ timeout: 5000 }).then(() => "failed"),
  ]);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  await context.close();
  return { state, copied };
}

test('the documented iframe snippet (allow="clipboard-write") on another origin: Copy reaches the clipboard', async () => {
  const { state, copied } = await copyInFrame("/frame.html");
  assert.equal(state, "copied");
  assert.equal(copied, `curl -sS --fail-with-body --location --max-time 10 '${HTTPBIN}/anything?copy=me'\n`);
});

test("without allow=\"clipboard-write\" the cross-origin iframe's Copy fails (why the snippet carries it)", async () => {
  const { state, copied } = await copyInFrame("/frame-no-allow.html");
  assert.equal(state, "failed");
  assert.equal(copied, "nothing yet");
});
