// The response viewer, body kind by body kind, against the local httpbin and a loopback server
// of our own for bodies httpbin does not make (hostile HTML, Latin-1 text, a large JSON body):
// JSON tree tools, text, HTML shown as text whose script never runs, image, binary as hex,
// empty 204, gzip, charsets; and an 18.5 MB body drawn with only the rows on screen in the DOM.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { appInBrowser } from "./app-in-browser.mjs";
import { freePort } from "./static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();
let api, server;

const EVIL = `<!doctype html><html><body>
<script>window.parent.__ran = "script"; window.__ran = "script";</script>
<img src="x" onerror="window.parent.__ran = 'onerror'">
<p>Hello <b>world</b></p>
</body></html>`;

/** A JSON array of `count` records, about 200 bytes each. */
function bigJson(count) {
  const parts = [];
  for (let i = 0; i < count; i++) {
    parts.push(JSON.stringify({ id: i, name: `user ${i}`, email: `user${i}@example.com`, tags: ["a", "b", "c"], active: i % 2 === 0, score: i * 1.5, note: "x".repeat(60) }));
  }
  return "[" + parts.join(",") + "]";
}

const BODIES = {
  "/evil.html": ["text/html; charset=utf-8", Buffer.from(EVIL)],
  "/latin1.txt": ["text/plain; charset=iso-8859-1", Buffer.from("café crème brûlée", "latin1")],
  "/wrong-charset.txt": ["text/plain; charset=utf-8", Buffer.from("caf\xe9 au lait", "latin1")],
  "/no-type.json": [null, Buffer.from('{"sniffed": true}')],
  "/big.json": ["application/json", Buffer.from(bigJson(100_000))],
  "/gzip.json": ["application/json", gzipSync(Buffer.from('{"compressed": "yes, gzip"}')), "gzip"],
};

before(async () => {
  const port = await freePort();
  server = createServer((req, res) => {
    const [type, body, encoding] = BODIES[req.url] || ["text/plain", Buffer.from("not found")];
    const headers = { "Access-Control-Allow-Origin": "*", "Content-Length": body.length };
    if (type) headers["Content-Type"] = type;
    if (encoding) headers["Content-Encoding"] = encoding;
    res.writeHead(BODIES[req.url] ? 200 : 404, headers);
    res.end(body);
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  api = `http://127.0.0.1:${port}`;
});

after(async () => {
  server?.close();
});

async function open(url, context) {
  const page = await (context || app.browser).newPage({ viewport: { width: 1360, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(app.site.url + "/");
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await send(page, url);
  return { page, problems };
}

async function send(page, url) {
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(url);
  await page.getByRole("button", { name: "Send" }).click();
  await page.locator(".response [data-outcome]").first().waitFor({ timeout: 15000 });
}

const viewer = (page) => page.getByRole("region", { name: "Response" }).getByLabel("Response body");

test("JSON: pretty, folded, found, raw, copied by value and path", async () => {
  const context = await app.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { page, problems } = await open(`${HTTPBIN}/json`, context);
  const body = viewer(page);
  await body.getByText('"title": "Sample Slide Show"').waitFor();
  const pretty = await body.innerText();
  assert.equal(JSON.parse(pretty).slideshow.author, "Yours Truly");
  assert.match(pretty, /^\{\n  "slideshow": \{\n    "author": "Yours Truly",/);

  // Collapse all: the top level only, the slideshow folded.
  await page.getByRole("button", { name: "Collapse all" }).click();
  assert.equal(await body.innerText(), '{\n  "slideshow": {…}\n}');
  await page.getByRole("button", { name: "Expand to depth 3" }).click();
  assert.match(await body.innerText(), /"slides": \[\n      \{…\},\n      \{…\}\n    \]/);
  await page.getByRole("button", { name: "All", exact: true }).click();
  assert.equal(await body.innerText(), pretty);

  // Find: matches counted; next goes to the second and selects its line.
  await page.getByLabel("Find in body").fill("type");
  await page.getByLabel("Find in body").press("Enter");
  await page.getByText("1 of 2").waitFor();
  await page.getByRole("button", { name: "Next match" }).click();
  await page.getByText("2 of 2").waitFor();
  assert.equal((await body.locator(".vrow.selected").innerText()).trim(), '"type": "all"');
  await page.getByRole("button", { name: "Copy path" }).click();
  await page.getByText("Copied path: slideshow.slides[1].type").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "slideshow.slides[1].type");
  await body.getByText('"items": [').click();
  await page.getByRole("button", { name: "Copy value" }).click();
  await page.getByText(/Copied value/).waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())), [
    "Why <em>WonderWidgets</em> are great",
    "Who <em>buys</em> WonderWidgets",
  ]);

  // Raw: the bytes as received.
  await page.getByRole("button", { name: "Raw" }).click();
  const raw = await viewer(page).innerText();
  assert.deepEqual(JSON.parse(raw), JSON.parse(pretty));
  // The fold toggle works by click too.
  await page.getByRole("button", { name: "Pretty" }).click();
  await viewer(page).getByRole("button", { name: "Collapse" }).nth(1).click();
  assert.match(await viewer(page).innerText(), /"slideshow": \{…\}/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("HTML is shown as text: its script and onerror never run", async () => {
  const { page, problems } = await open(`${api}/evil.html`);
  const body = viewer(page);
  await body.getByText("<script>", { exact: false }).first().waitFor();
  const text = await body.innerText();
  assert.ok(text.includes('<img src="x" onerror="window.parent.__ran = \'onerror\'">'), text);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  assert.equal(await page.locator(".response script, .response img").count(), 0);
  await page.getByText("Markup, shown as text").waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("text, charsets, sniffing, gzip, 204, image and binary", async () => {
  const { page, problems } = await open(`${HTTPBIN}/robots.txt`);
  const body = () => viewer(page);
  await body().getByText("User-agent: *").waitFor();
  await page.getByText(/^Text · /).waitFor();

  // A declared Latin-1 body is decoded as Latin-1; bytes that are not the declared UTF-8 show as U+FFFD.
  await send(page, `${api}/latin1.txt`);
  await body().getByText("café crème brûlée").waitFor();
  await send(page, `${api}/wrong-charset.txt`);
  await body().getByText("caf\uFFFD au lait").waitFor();

  // No Content-Type: sniffed as JSON. gzip: decoded by the browser before we see it.
  await send(page, `${api}/no-type.json`);
  await body().getByText('"sniffed": true').waitFor();
  await send(page, `${api}/gzip.json`);
  await body().getByText('"compressed": "yes, gzip"').waitFor();
  await send(page, `${HTTPBIN}/gzip`);
  await body().getByText('"gzipped": true').waitFor();

  await send(page, `${HTTPBIN}/status/204`);
  const response = page.getByRole("region", { name: "Response" });
  await response.getByText("204 No Content").waitFor();
  await response.getByText("Empty body.").waitFor();

  await send(page, `${HTTPBIN}/image/png`);
  const image = response.getByRole("img", { name: /Response image \(image\/png, 8\.1 KB\)/ });
  await image.waitFor();
  assert.ok(await image.evaluate((img) => img.complete && img.naturalWidth > 0), "the PNG decoded");
  assert.match(await image.getAttribute("src"), /^blob:/);

  await send(page, `${HTTPBIN}/bytes/100?seed=7`);
  await response.getByText("Binary · 100 B").waitFor();
  const hex = await body().innerText();
  assert.equal(hex.split("\n").length, 7);
  assert.match(hex, /^00000000  [0-9a-f]{2} /);
  assert.match(hex.split("\n")[6], /^00000060  ([0-9a-f]{2} ){4}/);

  // Any body downloads with its name and type.
  const [download] = await Promise.all([page.waitForEvent("download"), response.getByRole("button", { name: "Download" }).click()]);
  assert.equal(download.suggestedFilename(), "100.bin");
  assert.deepEqual(problems, []);
  await page.close();
});

test("an 18.5 MB JSON body: first screen, only visible rows in the DOM, scrolls to the end; the render limit", async () => {
  const { page, problems } = await open(`${api}/big.json`);
  const body = viewer(page);
  await body.getByText('"id": 0,').waitFor({ timeout: 30000 });
  await page.getByText(/^JSON · 1\d\.\d MB/).waitFor();
  // Indexing finishes in slices; then the rows count is the whole body's.
  await page.getByRole("status").filter({ hasText: "Indexing" }).waitFor({ state: "detached", timeout: 60000 });
  const inDom = await body.locator(".vrow").count();
  assert.ok(inDom < 120, `${inDom} rows in the DOM`);
  await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await body.getByText('"id": 99999,').waitFor({ timeout: 10000 });
  const last = await body.locator(".vrow").last().innerText();
  assert.equal(last, "]");
  await page.screenshot({ path: join(HERE, "results", "viewer-large.png") });

  // Above the render limit, a summary and a way to draw it anyway.
  await page.getByLabel("Render limit (MB)").fill("5");
  await page.getByLabel("Render limit (MB)").press("Enter");
  await page.getByLabel("Render limit (MB)").blur();
  await page.getByText(/Body of 1\d\.\d MB: not drawn/).waitFor();
  await page.getByRole("button", { name: "Draw it anyway" }).click();
  await body.getByText('"id": 0,').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("while a large body arrives, the bytes received are shown", async () => {
  const { page } = await open(`${HTTPBIN}/get`);
  // httpbin's /drip sends its bytes over the duration.
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/drip?numbytes=2000&duration=2&delay=0`);
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByText(/\d+ B received|\d(\.\d)? KB received/).waitFor({ timeout: 5000 });
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  await page.close();
});
