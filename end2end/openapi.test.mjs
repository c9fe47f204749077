// End-to-end: API descriptions in the release build. The echo API's own description opened from
// the companion server (a link's ?spec=), its Operations landmark (grouped, filtered), six
// operations chosen, sent and checked against their schemas with 0 mismatches (one through an
// OAuth2 client-credentials token); a description that says integer where the answer has a
// string lists that mismatch with its path; a YAML file opened; bad text refused with its path,
// the text kept; and both embeds (?embed=1&spec=…&operation=…, <http-playground spec operation>).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { freePort, serveStatic } from "./static-server.mjs";
import { waitForHttp } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVER = process.env.SERVER_BIN || join(HERE, "..", "target", "debug", "http-playground-server");
let server, base, browser, site;

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(SERVER, ["--port", String(port), "--dist", join(HERE, "..", "dist")], { stdio: "ignore" });
  await waitForHttp(`${base}/echo/get`);
  site = await serveStatic(join(HERE, "..", "dist"), {
    "/lesson.html": `<!doctype html><html lang="en"><head><title>Lesson</title></head><body>
<h1>Try the echo API</h1>
<http-playground spec="${base}/echo/openapi.json" operation="getJson"></http-playground>
<script type="module" src="/http-playground.js"></script></body></html>`,
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  server?.kill();
});

async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(base + path);
  await page.getByRole("button", { name: "Send", exact: true }).waitFor();
  return { context, page, problems };
}

const nav = (page) => page.getByRole("navigation", { name: "Operations" });
const check = (page) => page.getByRole("region", { name: "Response check" });
const url = (page) => page.getByRole("textbox", { name: "URL", exact: true }).inputValue();

/** Chooses the operation `label`, sends it, and returns the check's text once it is about it. */
async function sendAndCheck(page, label) {
  await nav(page).getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await check(page).getByRole("heading", { name: `Checked against ${label}` }).waitFor();
  return check(page).innerText();
}

test("the echo API's description, opened by a link, fills and checks five operations with 0 mismatches", async () => {
  const { context, page, problems } = await open("/?spec=/echo/openapi.json&operation=echoGet");
  await nav(page).waitFor();
  // The link's operation is in the form; nothing was sent.
  assert.equal(await url(page), `${base}/echo/get?show_env=1&q=python+tutorial`);
  assert.equal(await page.getByRole("region", { name: "Response check" }).count(), 0);
  // The address bar forgets the link's spec and operation: a reload keeps the reader's edits.
  assert.equal(new URL(page.url()).search, "");
  // Grouped by tag, filtered by typing.
  const groups = await nav(page).locator(".group-toggle").allInnerTexts();
  assert.ok(groups.some((g) => g.startsWith("HTTP methods")), groups.join(" | "));
  assert.match(await nav(page).getByRole("status").innerText(), /^48 operations$/);
  await nav(page).getByRole("searchbox", { name: "Filter operations" }).fill("basic auth");
  assert.match(await nav(page).getByRole("status").innerText(), /^1 of 48 operations$/);
  assert.equal(await nav(page).getByRole("button", { name: "GET /basic-auth/{user}/{password}", exact: true }).count(), 1);
  await nav(page).getByRole("searchbox", { name: "Filter operations" }).fill("");

  for (const label of ["GET /get", "POST /post", "GET /headers", "GET /json", "PUT /anything/{rest}"]) {
    const text = await sendAndCheck(page, label);
    assert.match(text, /Status documented \(as 200\)/, `${label}: ${text}`);
    assert.match(text, /Body matches the schema: 0 mismatches/, `${label}: ${text}`);
  }
  // POST /post sent the documented example as JSON.
  await nav(page).getByRole("button", { name: "POST /post", exact: true }).click();
  // The request's Body tab (marked: it has a body), not the response's.
  await page.getByRole("tab", { name: "Body ●" }).click();
  assert.match(await page.getByRole("textbox", { name: "Body", exact: true }).inputValue(), /^\{/);

  // OAuth2 client credentials: the token endpoint's token, sent as a bearer token.
  await nav(page).getByRole("button", { name: "GET /bearer", exact: true }).click();
  const operation = page.getByRole("region", { name: "Operation" });
  await operation.getByRole("combobox", { name: "Auth" }).selectOption({ label: "oauth2 (OAuth2 client credentials)" });
  await operation.getByRole("textbox", { name: "Client ID" }).fill("lesson-client");
  await operation.getByRole("textbox", { name: "Client secret" }).fill("s3cret");
  await operation.getByRole("button", { name: "Get token" }).click();
  await operation.getByText("Token received: it is in Auth as a bearer token.").waitFor();
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await check(page).getByRole("heading", { name: "Checked against GET /bearer" }).waitFor();
  const text = await check(page).innerText();
  assert.match(text, /Status documented \(as 200\)/, text);
  assert.match(text, /0 mismatches/, text);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an answer that has a string where the schema says integer lists the mismatch with its path", async () => {
  const { context, page, problems } = await open("/");
  await page.getByRole("button", { name: "API description" }).click();
  const description = {
    openapi: "3.1.0",
    info: { title: "Misdocumented echo", version: "1" },
    servers: [{ url: `${base}/echo` }],
    paths: {
      "/get": {
        get: {
          operationId: "countThings",
          parameters: [{ name: "count", in: "query", required: true, schema: { type: "integer" }, example: 5 }],
          responses: {
            200: {
              description: "The echo",
              content: { "application/json": { schema: { type: "object", required: ["args"], properties: { args: { type: "object", properties: { count: { type: "integer" } } } } } } },
            },
          },
        },
      },
    },
  };
  await page.getByRole("textbox", { name: "Description text" }).fill(JSON.stringify(description, null, 2));
  await page.getByRole("button", { name: "Open pasted text" }).click();
  const text = await sendAndCheck(page, "GET /get");
  assert.match(text, /1 mismatch with the schema/, text);
  const items = await check(page).getByRole("listitem").allInnerTexts();
  assert.deepEqual(items, ['$.args.count expected integer, got string "5"']);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a YAML file opens; bad text is refused naming its path, and stays as typed", async () => {
  const { context, page, problems } = await open("/");
  await page.getByRole("button", { name: "API description" }).click();
  const bad = "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths: []\n";
  await page.getByRole("textbox", { name: "Description text" }).fill(bad);
  await page.getByRole("button", { name: "Open pasted text" }).click();
  assert.match(await page.getByRole("alert").innerText(), /paths: must be an object, not an array/);
  assert.equal(await page.getByRole("textbox", { name: "Description text" }).inputValue(), bad);

  await page.getByLabel("File").setInputFiles(join(HERE, "..", "tests", "openapi", "features-3.1.yaml"));
  await nav(page).waitFor();
  const groups = await nav(page).locator(".group-toggle").allInnerTexts();
  assert.deepEqual(groups.map((g) => g.replace(/\d+$/, "").trim()), ["notes", "files", "Other operations", "Webhooks"]);
  await nav(page).getByRole("button", { name: "GET /notes/{noteId}", exact: true }).click();
  assert.equal(await url(page), "https://eu.api.example.com/v2/notes/42?fields=title&format=full");
  // Enums are selects; changing one changes its query parameter, not the rest of the request.
  const operation = page.getByRole("region", { name: "Operation" });
  await operation.getByRole("combobox", { name: "format (query parameter)" }).selectOption("short");
  assert.equal(await url(page), "https://eu.api.example.com/v2/notes/42?fields=title&format=short");
  await operation.getByRole("combobox", { name: "region (server variable)" }).selectOption("us");
  assert.equal(await url(page), "https://us.api.example.com/v2/notes/42?fields=title&format=short");
  // Deprecated operations are marked.
  assert.match(await nav(page).getByRole("button", { name: "DELETE /notes/{noteId}", exact: true }).innerText(), /deprecated/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("embeds: ?embed=1&spec=…&operation=… and <http-playground spec operation> fill the operation", async () => {
  const { context, page, problems } = await open("/?embed=1&spec=/echo/openapi.json&operation=getJson");
  await nav(page).waitFor();
  assert.equal(await url(page), `${base}/echo/json`);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await check(page).getByRole("heading", { name: "Checked against GET /json" }).waitFor();
  assert.match(await check(page).innerText(), /0 mismatches/);
  await context.close();

  const lesson = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  lesson.on("pageerror", (e) => problems.push(e.message));
  await lesson.goto(`${site.url}/lesson.html`);
  await nav(lesson).waitFor();
  assert.equal(await url(lesson), `${base}/echo/json`);
  await lesson.close();
  assert.deepEqual(problems, []);
});
