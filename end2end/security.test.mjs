// Trust, on the app's side, in a real Chromium: links are inert until the reader acts (no send
// from a link in the full app, no autorun that spends the reader's variables, the displaced
// draft one click away, the fragment gone from the address bar, oversized links refused); an
// <http-playground> element never reads the host page's address; folding truncated JSON keeps
// the app alive. Every "nothing was sent" is checked against a positive control: the same
// page does send once the reader presses Send, so the request log is known to work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";

import { appInBrowser } from "./app-in-browser.mjs";
import { freePort } from "./static-server.mjs";
import { shareFragment as fragment } from "./helpers.mjs";

const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();
let api, server;

// A loopback API of our own: truncated and broken JSON bodies, and a log of what reached it.
const BODIES = {
  "/truncated.json": '{"a":[1,2',
  "/truncated-deep.json": '{"users": [{"id": 1, "tags": ["x", {"deep": [',
  "/unclosed-string.json": '{"a": "no end',
  "/empty.json": "",
};
const reached = [];

before(async () => {
  const port = await freePort();
  server = createServer((req, res) => {
    reached.push(req.url);
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "*", "Access-Control-Allow-Headers": "*" });
      res.end();
      return;
    }
    const path = new URL(req.url, "http://x").pathname;
    const body = BODIES[path] ?? '{"ok": true}';
    res.writeHead(200, { "Access-Control-Allow-Origin": "*", "Content-Type": "application/json" });
    res.end(body);
  });
  await new Promise((r) => server.listen(port, "127.0.0.1", r));
  api = `http://127.0.0.1:${port}`;
});

after(async () => {
  server?.close();
});

/** A page whose storage holds `entries` before the app starts; problems collected. */
async function pageWithStorage(entries) {
  const page = await app.browser.newPage({ viewport: { width: 1360, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(app.site.url + "/");
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, entries);
  // Away and back is a real load: a goto that changes only the fragment would not reload.
  await page.goto("about:blank");
  return { page, problems };
}

const READER_VARIABLES = JSON.stringify({ variables: [{ name: "token", value: "reader-s3cret", enabled: true }] });
const READER_DRAFT = JSON.stringify({ version: 1, method: "PUT", url: `${HTTPBIN}/put?mine=1` });

test("an autorun link using {{token}} sends nothing, keeps the reader's draft one click away, and leaves the address bar", async () => {
  const { page, problems } = await pageWithStorage({
    "http-playground/draft": READER_DRAFT,
    "http-playground/draft.variables": READER_VARIABLES,
  });
  const sent = [];
  page.on("request", (r) => r.url().startsWith(api) && sent.push(r.url()));
  const link = fragment({ method: "GET", url: `${api}/steal?k={{token}}` });
  await page.goto(`${app.site.url}/?autorun=1${link}`);
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  await page.getByText("Opened from a share link.").waitFor();
  assert.equal(await url.inputValue(), `${api}/steal?k={{token}}`);
  await page.getByText(/never sends from a link by itself/).waitFor();
  // The fragment is gone: a reload keeps the reader's edits instead of applying the link again.
  assert.equal(new URL(page.url()).hash, "");
  assert.deepEqual(sent, []);
  assert.ok(!reached.some((u) => u.includes("reader-s3cret")));

  // The draft the link replaced is one click away.
  await page.getByRole("button", { name: "Back to my draft" }).click();
  assert.equal(await url.inputValue(), `${HTTPBIN}/put?mine=1`);
  assert.equal(await page.getByRole("combobox", { name: "Method" }).inputValue(), "PUT");

  // Positive control: the reader's own Send does reach the API (so the log above can see it).
  await url.fill(`${api}/control`);
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.deepEqual(sent, [`${api}/control`]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an embedded autorun example that uses the reader's variables waits for Send; one without variables runs", async () => {
  const { page } = await pageWithStorage({});
  const sent = [];
  page.on("request", (r) => r.url().startsWith(api) && sent.push(r.url()));
  const uses = fragment({ method: "GET", url: `${api}/embed-steal?k={{token}}` });
  await page.goto(`${app.site.url}/?embed=1&autorun=1${uses}`);
  await page.getByText(/uses variables, so it waits for you to press Send/).waitFor();
  assert.deepEqual(sent, []);

  const plain = fragment({ method: "GET", url: `${api}/embed-plain` });
  await page.goto("about:blank");
  await page.goto(`${app.site.url}/?embed=1&autorun=1${plain}`);
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.deepEqual(sent, [`${api}/embed-plain`]);
  await page.close();
});

test("a link over 1 MB unpacked is refused with a message and changes nothing", async () => {
  const { page, problems } = await pageWithStorage({ "http-playground/draft": READER_DRAFT });
  // A few kilobytes of fragment that inflate to 3 MB.
  const huge = fragment({ method: "POST", url: `${api}/huge`, body: { type: "text", text: "a".repeat(3 << 20), content_type: "text/plain" } });
  assert.ok(huge.length < 10_000, `fragment of ${huge.length} characters`);
  await page.goto(`${app.site.url}/${huge}`);
  await page.getByText(/holds more than 1024 KB of request once unpacked/).waitFor();
  assert.equal(await page.getByRole("textbox", { name: "URL", exact: true }).inputValue(), `${HTTPBIN}/put?mine=1`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an <http-playground> element keeps its own request when the host page's address carries #request=", async () => {
  const host = `<!doctype html><html><head><title>Lesson</title></head><body>
<http-playground id="own" url="${api}/own-request" autorun></http-playground>
<http-playground id="keyed" request='{"method": "GET", "url": "${api}/keyed?api_key=lesson-key"}'></http-playground>
<script type="module" src="/http-playground.js"></script></body></html>`;
  const port = await freePort();
  // The host page is served by a loopback server of its own, beside the app's files.
  const hostServer = createServer(async (req, res) => {
    if (req.url.startsWith("/host.html")) {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(host);
      return;
    }
    const upstream = await fetch(app.site.url + req.url);
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") || "application/octet-stream" });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise((r) => hostServer.listen(port, "127.0.0.1", r));
  const page = await app.browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const sent = [];
  page.on("request", (r) => r.url().startsWith(api) && sent.push(r.url()));
  const evil = fragment({ method: "GET", url: `${api}/host-fragment-steal` });
  await page.goto(`http://127.0.0.1:${port}/host.html${evil}`);
  const widget = page.locator("#own");
  // Its own autorun (no variables) runs: the positive control that the log sees its sends.
  await widget.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 15000 });
  assert.equal(await widget.getByRole("textbox", { name: "URL", exact: true }).inputValue(), `${api}/own-request`);
  assert.deepEqual(sent, [`${api}/own-request`]);
  // A reload: still its own (the host's fragment was not saved as its draft either).
  await page.reload();
  await widget.getByRole("textbox", { name: "URL", exact: true }).waitFor();
  await widget.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 15000 });
  assert.equal(await widget.getByRole("textbox", { name: "URL", exact: true }).inputValue(), `${api}/own-request`);
  assert.ok(!sent.some((u) => u.includes("host-fragment-steal")));

  // Widget drafts live in the host page's storage: the reader's key is kept out of it, the
  // example's own key (written by the lesson's author) stays.
  const keyed = page.locator("#keyed").getByRole("textbox", { name: "URL", exact: true });
  await keyed.fill(`${api}/keyed?api_key=lesson-key&token=readers-token`);
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => localStorage.getItem(k).includes('"token"')));
  const stored = await page.evaluate(() => Object.keys(localStorage).map((k) => localStorage.getItem(k)).join("\n"));
  assert.ok(!stored.includes("readers-token"), stored);
  assert.ok(stored.includes("lesson-key"), stored);
  assert.deepEqual(problems, []);
  await page.close();
  await new Promise((r) => hostServer.close(r));
});

test("folding truncated and invalid JSON bodies keeps the app alive, and the next Send works", async () => {
  const { page, problems } = await pageWithStorage({});
  await page.goto(app.site.url + "/");
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  const response = page.getByRole("region", { name: "Response" });
  const body = response.getByLabel("Response body");
  for (const path of Object.keys(BODIES)) {
    await url.fill(`${api}${path}`);
    await page.getByRole("button", { name: "Send" }).click();
    // This response, not the one before it.
    await page.waitForFunction((u) => document.querySelector(".response .final-url code")?.textContent === u, `${api}${path}`, { timeout: 10000 });
    const folds = body.getByRole("button", { name: "Collapse" });
    const count = await folds.count();
    for (let i = count - 1; i >= 0; i--) await folds.nth(i).click();
    // The JSON tools, where the viewer offers them for this body.
    const collapseAll = page.getByRole("button", { name: "Collapse all" });
    if ((await collapseAll.count()) && (await collapseAll.isEnabled())) await collapseAll.click();
    if (path === "/truncated.json") {
      assert.ok(count >= 2, `fold arrows on ${path}: ${count}`);
      assert.match(await body.innerText(), /^\{\n {2}"a": \[…\s*$/);
    }
    // Expand again: everything that arrived is back.
    const all = page.getByRole("button", { name: "All", exact: true });
    if (await all.count()) await all.click();
  }
  // The app is alive: the next send works.
  await url.fill(`${HTTPBIN}/get?after=fold`);
  await page.getByRole("button", { name: "Send" }).click();
  await response.getByText(/"after": "fold"/).waitFor({ timeout: 10000 });
  assert.deepEqual(problems, []);
  await page.close();
});

test("an unreadable stored history entry costs only itself, and a refused write is said", async () => {
  const good = { request: { version: 1, method: "GET", url: `${HTTPBIN}/get?kept=1` }, result: "200", elapsed_ms: 5, sent_at_ms: 2 };
  const bad = { request: { version: 1, method: "GET", url: 5 }, result: "200", elapsed_ms: 5, sent_at_ms: 1 };
  const { page, problems } = await pageWithStorage({ "http-playground/draft.history": JSON.stringify([good, bad]) });
  await page.goto(app.site.url + "/");
  const history = page.getByRole("region", { name: "History" });
  await history.getByText(`${HTTPBIN}/get?kept=1`).waitFor();
  await page.getByText(/History entry 2 was unreadable and skipped/).waitFor();
  // The unreadable text is kept, not overwritten by the next save.
  const backup = await page.evaluate(() => localStorage.getItem("http-playground/draft.history.unreadable"));
  assert.equal(JSON.parse(backup)[1].request.url, 5);

  // Storage full: the next save of the draft is refused, and the page says so.
  await page.evaluate(() => {
    let size = 1 << 20;
    for (let i = 0; size > 16; i++) {
      try {
        localStorage.setItem(`filler-${i}`, "x".repeat(size));
      } catch {
        size >>= 1;
      }
    }
  });
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/get?after=full`);
  await page.getByText(/The browser refused to save the draft/).waitFor();
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler-")).forEach((k) => localStorage.removeItem(k)));
  assert.deepEqual(problems, []);
  await page.close();
});
