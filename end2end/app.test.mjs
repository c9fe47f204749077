// End-to-end: the release build in Debian's chromium, driven by Playwright, against the local
// httpbin that `make test` starts (HTTPBIN_URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { appInBrowser } from "./app-in-browser.mjs";
import { timeoutThenCancel } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();



async function openApp(colorScheme = "light") {
  const page = await app.browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("favicon") && problems.push(m.text()));
  await page.goto(app.site.url + "/");
  return { page, problems };
}

test("the built app loads, sends a GET with params and shows the response", async () => {
  const { page, problems } = await openApp();
  const send = page.getByRole("button", { name: "Send" });
  await send.waitFor();
  await page.getByRole("textbox", { name: "URL" }).fill(`${HTTPBIN}/get?q=python tutorial&page=1`);
  await send.click();
  const response = page.getByRole("region", { name: "Response" });
  await response.getByText("200 OK").waitFor({ timeout: 10000 });
  const text = await response.innerText();
  assert.match(text, /"q": "python tutorial"/);
  const code = page.getByRole("region", { name: "Code" });
  await code.getByRole("tab", { name: "Python · requests" }).click();
  assert.match(await code.innerText(), /params = \{\n    "q": "python tutorial",\n    "page": "1",\n\}/);
  await page.screenshot({ path: join(HERE, "results", "app-light.png") });
  assert.deepEqual(problems, []);
  await page.close();
});

test("the draft survives a page reload", async () => {
  const { page } = await openApp("dark");
  await page.getByRole("combobox", { name: "Method" }).selectOption("DELETE");
  await page.getByRole("textbox", { name: "URL" }).fill(`${HTTPBIN}/delete?id=42`);
  await page.reload();
  await page.getByRole("button", { name: "Send" }).waitFor();
  assert.equal(await page.getByRole("textbox", { name: "URL" }).inputValue(), `${HTTPBIN}/delete?id=42`);
  assert.equal(await page.getByRole("combobox", { name: "Method" }).inputValue(), "DELETE");
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  await page.screenshot({ path: join(HERE, "results", "app-dark.png") });
  await page.close();
});

test("Timeout (s) field, Cancel and the timeout outcome work in the built app", async () => {
  const { page } = await openApp();
  await page.getByRole("textbox", { name: "URL" }).fill(`${HTTPBIN}/delay/3`);
  await page.getByLabel("Timeout (s)").fill("1");
  await page.keyboard.press("Control+Enter");
  await timeoutThenCancel(page);
  await page.close();
});

test("Copy puts the snippet of the chosen tab on the clipboard", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1360, height: 860 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.site.url });
  const page = await context.newPage();
  // The other tabs' generators load on first use: on a slow network Copy must wait for the
  // code, never copy the "Loading…" line (the module is held back a second here).
  await page.route(/split_target_code-[0-9a-f]+\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await route.continue();
  });
  await page.goto(app.site.url + "/");
  await page.getByRole("textbox", { name: "URL" }).fill(`${HTTPBIN}/anything?copy=me`);
  const code = page.getByRole("region", { name: "Code" });
  await code.getByRole("tab", { name: "curl" }).click();
  await code.getByRole("button", { name: "Copy" }).click();
  await code.getByRole("button", { name: "Copied" }).waitFor({ timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, `curl -sS --fail-with-body --location --max-time 10 '${HTTPBIN}/anything?copy=me' \\\n  -H 'Accept: application/json'\n`);
  await page.screenshot({ path: join(HERE, "results", "app-curl.png") });
  await context.close();
});

test("a share link opens the same form in a new page, secrets left out unless included", async () => {
  const context = await app.browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.goto(app.site.url + "/");
  await page.getByRole("textbox", { name: "URL" }).fill(
    `curl '${HTTPBIN}/anything/shared?q=python+tutorial' -X PATCH -H 'X-Lesson: 3' -u alice:hunter2 --json '{"title": "Buy groceries", "completed": false}'`,
  );
  await page.getByRole("button", { name: "Share" }).click();
  const linkBox = page.getByRole("textbox", { name: "Share link" });
  await page.waitForFunction(() => document.querySelector(".share-link")?.value.includes("#request="));
  const link = await linkBox.inputValue();
  assert.ok(link.length < 2000, `link of ${link.length} characters`);

  const opened = await context.newPage();
  await opened.goto(link);
  await opened.getByText("Opened from a share link.").waitFor();
  assert.match(await opened.getByRole("status").first().innerText(), /Auth password/);
  assert.equal(await opened.getByRole("combobox", { name: "Method" }).inputValue(), "PATCH");
  assert.equal(await opened.getByRole("textbox", { name: "URL" }).inputValue(), `${HTTPBIN}/anything/shared?q=python+tutorial`);
  await opened.getByRole("tab", { name: /Headers/ }).click();
  assert.equal(await opened.getByLabel("Header 1 name").inputValue(), "X-Lesson");
  await opened.getByRole("tab", { name: /Body/ }).click();
  assert.equal(await opened.getByRole("textbox", { name: "Body" }).inputValue(), '{"title": "Buy groceries", "completed": false}');
  await opened.getByRole("tab", { name: /Auth/ }).click();
  assert.equal(await opened.getByLabel("Password").inputValue(), "");

  // With secrets included, the password travels too.
  await page.getByRole("dialog", { name: "Share" }).getByLabel(/Include secrets/).check();
  await page.waitForFunction((old) => document.querySelector(".share-link")?.value !== old, link);
  const withSecrets = await linkBox.inputValue();
  const third = await context.newPage();
  await third.goto(withSecrets);
  await third.getByText("Opened from a share link.").waitFor();
  await third.getByRole("tab", { name: /Auth/ }).click();
  assert.equal(await third.getByLabel("Password").inputValue(), "hunter2");
  await third.getByRole("button", { name: "Send" }).click();
  const response = third.getByRole("region", { name: "Response" });
  await response.getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await response.innerText(), /"Authorization": "Basic YWxpY2U6aHVudGVyMg=="/);
  await context.close();
});

test("history and variables export to JSON files and import into a fresh browser", async () => {
  const { page, problems } = await openApp();
  const url = page.getByRole("textbox", { name: "URL" });
  const send = page.getByRole("button", { name: "Send" });
  const response = page.getByRole("region", { name: "Response" });
  const history = page.getByRole("region", { name: "History" });
  for (const n of [1, 2]) {
    await url.fill(`${HTTPBIN}/get?export=${n}`);
    await send.click();
    await response.getByText("200 OK").waitFor({ timeout: 10000 });
    await history.getByText(`export=${n}`).waitFor();
  }
  const [historyFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export history" }).click()]);
  assert.equal(historyFile.suggestedFilename(), "http-playground-history.json");
  const historyPath = join(HERE, "results", "history.json");
  await historyFile.saveAs(historyPath);
  const exported = JSON.parse(await readFile(historyPath, "utf8"));
  assert.deepEqual(exported.map((e) => [e.request.url, e.request.params.map((p) => `${p.name}=${p.value}`), e.result]), [
    [`${HTTPBIN}/get`, ["export=2"], "200"],
    [`${HTTPBIN}/get`, ["export=1"], "200"],
  ]);

  await page.getByRole("tab", { name: /Variables/ }).click();
  await page.getByRole("button", { name: "+ Add variable" }).click();
  await page.getByLabel("Variable 1 name").fill("base");
  await page.getByLabel("Variable 1 value").fill(HTTPBIN);
  const [variablesFile] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export variables" }).click()]);
  const variablesPath = join(HERE, "results", "variables.json");
  await variablesFile.saveAs(variablesPath);
  assert.deepEqual(JSON.parse(await readFile(variablesPath, "utf8")), { variables: [{ name: "base", value: HTTPBIN, enabled: true, secret: false }] });
  assert.deepEqual(problems, []);
  await page.close();

  // A fresh browser profile: nothing stored until the files are imported.
  const fresh = await openApp();
  const freshHistory = fresh.page.getByRole("region", { name: "History" });
  await freshHistory.getByText("Requests you send appear here.").waitFor();
  const badPath = join(HERE, "results", "not-history.json");
  await writeFile(badPath, '{"not": "a history"}');
  await fresh.page.getByLabel("Import history").setInputFiles(badPath);
  await freshHistory.getByText("not-history.json was not imported: a history file is a JSON array of entries").waitFor();
  await fresh.page.getByLabel("Import history").setInputFiles(historyPath);
  await freshHistory.getByText("History imported: 2 new of 2 entries").waitFor();
  const items = await freshHistory.locator(".history-url").allInnerTexts();
  assert.deepEqual(items, [`${HTTPBIN}/get?export=2`, `${HTTPBIN}/get?export=1`]);
  // Importing the same file again adds nothing.
  await fresh.page.getByLabel("Import history").setInputFiles(historyPath);
  await freshHistory.getByText("History imported: 0 new of 2 entries").waitFor();

  await fresh.page.getByRole("tab", { name: /Variables/ }).click();
  await fresh.page.getByLabel("Import variables").setInputFiles(variablesPath);
  await fresh.page.getByText("Variables imported. Added base.").waitFor();
  await fresh.page.getByRole("textbox", { name: "URL" }).fill("{{base}}/get?from=variables");
  await fresh.page.getByRole("button", { name: "Send" }).click();
  const freshResponse = fresh.page.getByRole("region", { name: "Response" });
  await freshResponse.getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await freshResponse.innerText(), /"from": "variables"/);
  assert.deepEqual(fresh.problems, []);
  await fresh.page.close();
});
