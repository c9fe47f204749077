// End-to-end: streamed responses from the companion server's echo API (/echo/sse, /echo/ndjson)
// shown as they arrive in the release build: the first event is on screen while the stream
// still runs, for GET and for a model-style POST; Stop keeps what arrived; JSON Lines rows and
// the lines of plain text sent without a length
// appear one by one; a stream outlives the request timeout, which covers the wait for its head.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { freePort } from "./static-server.mjs";
import { waitForHttp } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVER = process.env.SERVER_BIN || join(HERE, "..", "target", "debug", "http-playground-server");
let server, base, browser;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(SERVER, ["--port", String(port), "--dist", join(HERE, "..", "dist")], { stdio: "ignore" });
  await waitForHttp(`${base}/echo/get`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(base + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  return { context, page, problems };
}

const response = (page) => page.getByRole("region", { name: "Response" });
/** The rows of the Events (or Rows) list: [time in ms, type, id, data]. */
async function rows(page, name = "Events") {
  const texts = await page.getByRole("region", { name }).locator(".srow").evaluateAll((rows) =>
    rows.map((r) => [...r.children].map((c) => c.textContent)),
  );
  return texts.map(([time, type, id, data]) => {
    const ms = time.endsWith(" ms") ? Number(time.slice(1, -3)) : Number(time.slice(1, -2)) * 1000;
    return { ms, type, id, data };
  });
}

test("SSE over GET: events are listed as they arrive, with their times, before the stream ends", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/sse?count=5&interval=400`);
  await page.getByRole("button", { name: "Send" }).click();
  const events = page.getByRole("region", { name: "Events" });
  await events.getByText('{"count":5,"method":"GET","n":1}').waitFor();
  // The stream is still running: no status yet, the last event not here.
  assert.equal(await response(page).getByText("200 OK").count(), 0, "the first event waited for the end");
  assert.equal(await events.getByText('"n":5').count(), 0);
  assert.match(await events.getByRole("status").innerText(), /arriving/);
  await response(page).getByText("200 OK").waitFor();
  const listed = await rows(page);
  assert.deepEqual(
    listed.map((r) => [r.type, r.id, r.data]),
    [
      ["comment", "", "HTTP Playground echo: 5 events, 400 ms apart"],
      ["retry", "", "3000 ms"],
      ...[1, 2, 3, 4, 5].map((n) => ["message", String(n), `{"count":5,"method":"GET","n":${n}}`]),
      ["done", "5", "[DONE]"],
    ],
  );
  // The server writes event 5 1.6 s after event 1; it cannot arrive sooner after the request.
  assert.ok(listed[6].ms >= 1600, `event 5 at ${listed[6].ms} ms`);
  assert.ok(listed.every((r, i) => i === 0 || r.ms >= listed[i - 1].ms), "times only grow");
  // The chosen event's data, pretty.
  await page.getByRole("region", { name: "Events" }).locator(".srow").nth(2).click();
  assert.equal(
    await page.getByRole("group", { name: "Chosen item" }).locator("pre").innerText(),
    '{\n  "count": 5,\n  "method": "GET",\n  "n": 1\n}',
  );
  assert.equal(await page.getByRole("tab", { name: "Events (6)" }).getAttribute("aria-selected"), "true");
  assert.deepEqual(problems, []);
  await context.close();
});

test("SSE over POST, as model APIs answer: the prompt comes back a word an event, the first before the end", async () => {
  const { context, page, problems } = await open();
  const prompt = "Say hello to the HTTP Playground";
  await page.getByRole("button", { name: "Import curl" }).click();
  await page.getByRole("textbox", { name: "curl command" }).fill(
    `curl -N ${base}/echo/sse?interval=300 -H 'Content-Type: application/json' -d '{"model": "echo", "prompt": "${prompt}"}'`,
  );
  await page.getByRole("dialog", { name: "Import curl" }).getByRole("button", { name: "Import" }).click();
  await page.getByText("Imported from curl.").waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Method" }).inputValue(), "POST");
  await page.getByRole("button", { name: "Send" }).click();
  const events = page.getByRole("region", { name: "Events" });
  await events.getByText('"delta":"Say"').waitFor();
  assert.equal(await response(page).getByText("200 OK").count(), 0, "the first event waited for the end");
  await response(page).getByText("200 OK").waitFor();
  const deltas = (await rows(page))
    .filter((r) => r.type === "message")
    .map((r) => JSON.parse(r.data))
    .map((d) => (assert.equal(d.method, "POST"), d.delta))
    .join("");
  assert.equal(deltas, prompt);
  assert.deepEqual(problems, []);
  await context.close();
});

test("Stop ends a stream and keeps the events that arrived", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/sse?count=50&interval=300`);
  await page.getByRole("button", { name: "Send" }).click();
  const events = page.getByRole("region", { name: "Events" });
  await events.getByText('"n":2}').waitFor();
  await events.getByRole("button", { name: "Stop" }).click();
  await response(page).getByText("Stopped", { exact: true }).waitFor();
  await response(page).getByText("200 OK").waitFor();
  const kept = (await rows(page)).filter((r) => r.type === "message").map((r) => JSON.parse(r.data).n);
  assert.ok(kept.length >= 2 && kept.length < 50, `kept ${kept}`);
  assert.deepEqual(kept, kept.map((_, i) => i + 1), "in order, none lost");
  // The raw body has the same events.
  await response(page).getByRole("tab", { name: "Body" }).click();
  const raw = await response(page).locator(".viewer").innerText();
  assert.match(raw, /id: 2/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("JSON Lines rows appear as they arrive", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/ndjson?count=4&interval=500`);
  await page.getByRole("button", { name: "Send" }).click();
  const list = page.getByRole("region", { name: "Rows" });
  await list.getByText('"n":1}').waitFor();
  assert.equal(await list.getByText('"n":4}').count(), 0, "the first row waited for the last");
  assert.equal(await response(page).getByText("200 OK").count(), 0);
  await response(page).getByText("200 OK").waitFor();
  assert.deepEqual(
    (await rows(page, "Rows")).map((r) => [r.type, JSON.parse(r.data).n]),
    [["line", 1], ["line", 2], ["line", 3], ["line", 4]],
  );
  assert.equal(await page.getByRole("tab", { name: "Rows (4)" }).getAttribute("aria-selected"), "true");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a stream outlives the request timeout, which covers the wait for its head", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/sse?count=3&interval=900`);
  await page.getByRole("spinbutton", { name: "Timeout (s)" }).fill("1");
  await page.getByRole("button", { name: "Send" }).click();
  await response(page).getByText("200 OK").waitFor();
  assert.equal((await rows(page)).filter((r) => r.type === "message").length, 3);
  assert.equal(await response(page).getByText("Stopped", { exact: true }).count(), 0);
  // A body that is not a stream still times out.
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/drip?duration=3&numbytes=3`);
  await page.getByRole("button", { name: "Send" }).click();
  await response(page).getByText("Timeout", { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("plain text sent without a length is appended a line at a time as it arrives", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/lines?count=4&interval=500`);
  await page.getByRole("button", { name: "Send" }).click();
  const list = page.getByRole("region", { name: "Lines" });
  await list.getByText("line 1 of 4").waitFor();
  assert.equal(await list.getByText("line 4 of 4").count(), 0, "the first line waited for the end");
  await response(page).getByText("200 OK").waitFor();
  // Text is a body like any other once it has arrived: the Body tab first, the lines beside it.
  assert.equal(await response(page).getByRole("tab", { name: "Body" }).getAttribute("aria-selected"), "true");
  await response(page).getByRole("tab", { name: "Lines (4)" }).click();
  const listed = await rows(page, "Lines");
  assert.deepEqual(
    listed.map((r) => [r.type, r.data]),
    [1, 2, 3, 4].map((n) => ["line", `line ${n} of 4`]),
  );
  assert.ok(listed[3].ms >= 1500, `line 4 at ${listed[3].ms} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});
