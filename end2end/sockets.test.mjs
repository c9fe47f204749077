// End-to-end: a ws:// URL turns the form into a WebSocket connection to the companion server's
// echo (/echo/ws) in the release build: Connect / Disconnect, subprotocols, text, JSON (checked
// as typed) and binary (hex, base64) messages echoed and logged with sizes, close codes shown and
// explained (4000 with its reason, 1008, 1006, 1000), Reconnect, and the four clients' code.
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
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(base.replace("http:", "ws:") + "/echo/ws");
  await page.getByRole("button", { name: "Connect", exact: true }).waitFor();
  return { context, page, problems };
}

const messages = (page) => page.getByRole("region", { name: "Messages" });
const status = (page) => messages(page).getByRole("status").first();
/** The log's rows: [time, direction and kind, size, data]. */
async function rows(page) {
  return messages(page)
    .locator(".srow")
    .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
}
async function sendMessage(page, format, text) {
  await page.getByRole("combobox", { name: "Message format" }).selectOption({ label: format });
  await page.getByRole("textbox", { name: "Message", exact: true }).fill(text);
  await page.getByRole("button", { name: "Send message" }).click();
}
/** Waits until the log has `n` received messages; returns the rows. */
async function received(page, n) {
  await page.waitForFunction(
    (n) => document.querySelectorAll(".frame.received").length >= n,
    n,
  );
  return rows(page);
}

test("a ws:// URL connects with subprotocols and echoes text, JSON and binary, logged with sizes", async () => {
  const { context, page, problems } = await open();
  // The method and timeout have no part in a WebSocket.
  assert.equal(await page.getByRole("combobox", { name: "Method" }).isVisible(), false);
  assert.equal(await status(page).innerText(), "Not connected");
  await page.getByRole("textbox", { name: "Subprotocols" }).fill("chat, json");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await status(page).getByText("Connected, subprotocol chat").waitFor();
  assert.equal(await page.getByRole("button", { name: "Disconnect" }).count(), 1);

  await sendMessage(page, "Text", "hello, socket");
  let log = await received(page, 1);
  // Ctrl/⌘ + Enter elsewhere does not disconnect (only the button does).
  await page.getByRole("textbox", { name: "Subprotocols" }).press("Control+Enter");
  const text = log.filter((r) => r[3] === "hello, socket");
  assert.deepEqual(text.map((r) => [r[1], r[2]]), [["↑ text", "13 B"], ["↓ text", "13 B"]]);

  // JSON is checked as it is typed; what cannot be sent is kept, and the field is named.
  await page.getByRole("combobox", { name: "Message format" }).selectOption({ label: "JSON" });
  const box = page.getByRole("textbox", { name: "Message", exact: true });
  await box.fill('{"a": }');
  await page.getByText("Message: not valid JSON at line 1, column 7").waitFor();
  await page.getByRole("button", { name: "Send message" }).click();
  await page.getByRole("alert").getByText(/^Message: not valid JSON/).waitFor();
  assert.equal(await box.inputValue(), '{"a": }');
  await box.fill('{"a": [1, 2]}');
  // Ctrl/⌘ + Enter in the Message box sends it.
  await box.press("Control+Enter");
  log = await received(page, 2);
  assert.equal(log.filter((r) => r[1] === "↓ text" && r[3] === '{"a": [1, 2]}').length, 1);

  // Binary, from hex and from base64: the same five bytes come back.
  await sendMessage(page, "Binary (hex)", "00 01 7f 80 ff");
  log = await received(page, 3);
  await sendMessage(page, "Binary (base64)", "AAF/gP8=");
  log = await received(page, 4);
  const binary = log.filter((r) => r[1].endsWith("binary")).map((r) => [r[1], r[2], r[3]]);
  assert.deepEqual(binary, [
    ["↑ binary", "5 B", "00 01 7f 80 ff"],
    ["↓ binary", "5 B", "00 01 7f 80 ff"],
    ["↑ binary", "5 B", "00 01 7f 80 ff"],
    ["↓ binary", "5 B", "00 01 7f 80 ff"],
  ]);
  assert.equal(await messages(page).getByText("4 sent · 4 received").count(), 1);
  // Times from the connection's start, and they only grow.
  const ms = log.map((r) => (r[0].endsWith(" ms") ? Number(r[0].slice(1, -3)) : Number(r[0].slice(1, -2)) * 1000));
  assert.ok(ms.every((t, i) => Number.isFinite(t) && (i === 0 || t >= ms[i - 1])), log.map((r) => r[0]).join(" "));

  // The chosen message, whole (JSON pretty).
  await messages(page).locator(".frame.received").nth(1).click();
  assert.equal(
    await page.getByRole("group", { name: "Chosen message" }).locator("pre").innerText(),
    '{\n  "a": [\n    1,\n    2\n  ]\n}',
  );

  // A large message: its row shows the start, its size is the whole message's ("é" is 2 bytes).
  await sendMessage(page, "Text", "é".repeat(150_000));
  log = await received(page, 5);
  const large = log.filter((r) => r[1].endsWith("text") && r[2] === "300.0 KB");
  assert.deepEqual(large.map((r) => r[1]), ["↑ text", "↓ text"]);
  assert.ok(large.every((r) => r[3].startsWith("éééé") && r[3].length < 1000), "one line, cut");

  await page.getByRole("button", { name: "Disconnect" }).click();
  await status(page).getByText("Closed: 1000 Normal closure").waitFor();
  assert.equal(await page.getByRole("button", { name: "Connect", exact: true }).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("close codes are shown and explained, and Reconnect opens the connection again", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await status(page).getByText("Connected", { exact: true }).waitFor();
  await sendMessage(page, "JSON", '{"close": 4000, "reason": "bye"}');
  await status(page).getByText("Closed: 4000 Application code").waitFor();
  assert.match(await status(page).innerText(), /Reason: bye$/);
  assert.equal(await messages(page).locator(".frame.connection").filter({ hasText: "• close" }).count(), 1);

  await messages(page).getByRole("button", { name: "Reconnect" }).click();
  await status(page).getByText("Connected", { exact: true }).waitFor();
  await sendMessage(page, "JSON", '{"close": 1008, "reason": "not allowed"}');
  await status(page).getByText("Closed: 1008 Policy violation").waitFor();

  // A connection that ends without a close frame.
  await messages(page).getByRole("button", { name: "Reconnect" }).click();
  await status(page).getByText("Connected", { exact: true }).waitFor();
  await sendMessage(page, "JSON", '{"drop": true}');
  await status(page).getByText("Closed: 1006 Abnormal closure").waitFor();
  assert.match(await status(page).innerText(), /without a close frame/);

  // A server that is not there: the handshake fails, 1006 again, with the error logged.
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`ws://127.0.0.1:${await freePort()}/nothing`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await messages(page).locator(".frame.connection").filter({ hasText: "• error" }).waitFor();
  await status(page).getByText("Closed: 1006").waitFor();

  // The URL is fixed while connected; leaving the WebSocket view (an imported command here)
  // closes the connection.
  const echo = base.replace("http:", "ws:") + "/echo/ws";
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  await url.fill(echo);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await status(page).getByText("Connected", { exact: true }).waitFor();
  assert.equal(await url.isEditable(), false, "the URL is read-only while connected");
  await page.getByRole("button", { name: "Import curl" }).click();
  await page.getByRole("textbox", { name: "curl command" }).fill(`curl ${base}/echo/get`);
  await page.getByRole("dialog", { name: "Import curl" }).getByRole("button", { name: "Import" }).click();
  await page.getByRole("button", { name: "Send" }).waitFor();
  assert.equal(await url.isEditable(), true);
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(echo);
  await status(page).getByText(/^Closed: 1000 .* Reason: The playground left the connection$/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("bad subprotocols and URLs are named with their fix, and the four clients' code follows the form", async () => {
  const { context, page, problems } = await open();
  await page.getByRole("textbox", { name: "Subprotocols" }).fill("my chat");
  await page.getByText('Subprotocols: "my chat" cannot be a subprotocol').waitFor();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByRole("alert").getByText(/^Subprotocols:/).waitFor();
  assert.equal(await status(page).innerText(), "Not connected");
  await page.getByRole("textbox", { name: "Subprotocols" }).fill("chat");

  const code = page.getByRole("region", { name: "Code" });
  for (const name of ["Python · websockets", "JavaScript · WebSocket", "Rust · gloo-net", "Rust · tokio-tungstenite"]) {
    await code.getByRole("tab", { name }).click();
    await page.getByRole("textbox", { name: "Message", exact: true }).fill(`hi from ${name}`);
    const text = await code.getByRole("tabpanel").innerText();
    assert.ok(text.includes("/echo/ws"), `${name}: ${text}`);
    assert.ok(text.includes("chat"), `${name} offers the subprotocol`);
    assert.ok(text.includes(`hi from ${name}`), `${name} sends the message`);
  }

  // A variable that is not defined is named, and nothing is opened.
  await page.getByRole("textbox", { name: "URL", exact: true }).fill("ws://127.0.0.1:1/{{room}}");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await page.getByRole("alert").getByText("URL: define {{room}} in Variables first").waitFor();
  assert.equal(await status(page).innerText(), "Not connected");

  await page.getByRole("textbox", { name: "URL", exact: true }).fill("ws://127.0.0.1:1/x#part");
  await page.getByText("URL: remove the #fragment").waitFor();
  // Back to http: the request form returns.
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${base}/echo/get`);
  await page.getByRole("button", { name: "Send" }).waitFor();
  assert.equal(await page.getByRole("combobox", { name: "Method" }).isVisible(), true);
  assert.equal(await page.getByRole("region", { name: "Response" }).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
