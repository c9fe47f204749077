// The app served by the companion server (server/): the first Send works with no internet
// (the echo API is the starting request), and an API without CORS fails directly but works
// through the proxy; a refused target gets the proxy's message. Everything on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { freePort } from "./static-server.mjs";
import { waitForHttp as waitFor } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVER = process.env.SERVER_BIN || join(HERE, "..", "target", "debug", "http-playground-server");
const children = [];
let browser;

async function start(command, args, probe) {
  const child = spawn(command, args, { stdio: "ignore" });
  children.push(child);
  await waitFor(probe);
}

let app, bare, api;

before(async () => {
  // An API that sends no CORS headers at all: python's http.server.
  const dir = await mkdtemp(join(tmpdir(), "no-cors-"));
  await writeFile(join(dir, "todos.json"), JSON.stringify({ id: 1, title: "Buy groceries", completed: false }));
  const apiPort = await freePort();
  api = `http://127.0.0.1:${apiPort}`;
  await start("python3", ["-m", "http.server", String(apiPort), "--bind", "127.0.0.1", "--directory", dir], `${api}/todos.json`);
  const appPort = await freePort();
  app = `http://127.0.0.1:${appPort}`;
  const dist = join(HERE, "..", "dist");
  await start(SERVER, ["--port", String(appPort), "--dist", dist, "--proxy", "--proxy-allow", "127.0.0.1", "--proxy-allow-loopback"], `${app}/echo/get`);
  const barePort = await freePort();
  bare = `http://127.0.0.1:${barePort}`;
  await start(SERVER, ["--port", String(barePort), "--dist", dist], `${bare}/echo/get`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  for (const child of children) child.kill();
});

async function open(base) {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(base + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  return { page, requested, problems };
}

test("served by the companion server, the first Send succeeds with no internet", async () => {
  const { page, requested, problems } = await open(app);
  assert.equal(await page.getByRole("textbox", { name: "URL" }).inputValue(), `${app}/echo/get`);
  await page.getByRole("button", { name: "Send" }).click();
  const response = page.getByRole("region", { name: "Response" });
  await response.getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await response.innerText(), new RegExp(`"url": "${app}/echo/get"`));
  assert.deepEqual(requested.filter((u) => !u.startsWith("http://127.0.0.1:")), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an API without CORS fails directly and works through the proxy; refused targets say why", async () => {
  const { page, problems } = await open(app);
  const url = page.getByRole("textbox", { name: "URL" });
  const send = page.getByRole("button", { name: "Send" });
  const response = page.getByRole("region", { name: "Response" });
  await url.fill(`${api}/todos.json`);
  await send.click();
  await response.getByText("Network or CORS failure").waitFor({ timeout: 10000 });
  await response.getByLabel(/Send via this server's proxy/).check();
  await send.click();
  await response.getByText("200 OK").waitFor({ timeout: 10000 });
  const text = await response.innerText();
  assert.match(text, /"title": "Buy groceries"/);
  assert.match(text, new RegExp(`URL ${api}/todos.json`));
  assert.doesNotMatch(await page.getByRole("region", { name: "Code" }).innerText(), /proxy/);
  await page.screenshot({ path: join(HERE, "results", "proxy.png") });

  await url.fill("http://10.0.0.1/admin");
  await send.click();
  await response.getByText("403 Forbidden").waitFor({ timeout: 10000 });
  assert.match(await response.innerText(), /10\.0\.0\.1 is not in the proxy's allow list/);

  // Switched off again, the request goes direct.
  // (Unticked, the switch leaves the panel until the next failure.)
  await response.getByLabel(/Send via this server.s proxy/).click();
  await url.fill(`${api}/todos.json`);
  await send.click();
  await response.getByText("Network or CORS failure").waitFor({ timeout: 10000 });
  // Direct fetches of a CORS-less API log a console error; no page errors.
  assert.deepEqual(problems, []);
  await page.close();
});

test("without --proxy there is no proxy switch", async () => {
  const { page } = await open(bare);
  await page.getByRole("textbox", { name: "URL" }).fill(`${api}/todos.json`);
  await page.getByRole("button", { name: "Send" }).click();
  const response = page.getByRole("region", { name: "Response" });
  await response.getByText("Network or CORS failure").waitFor({ timeout: 10000 });
  assert.equal(await response.getByLabel(/Send via this server's proxy/).count(), 0);
  await page.close();
});
