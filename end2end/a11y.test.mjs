// Accessibility: an axe-core audit (injected by Playwright) of the app in its main states, light
// and dark, must find no serious or critical violation; and every control is reachable with
// the keyboard alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { deflateRawSync } from "node:zlib";

import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { appInBrowser } from "./app-in-browser.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();



/** Serious and critical violations on the page as it is now, one line each. */
async function audit(page, state) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${state}: ${v.id} (${v.impact}) at ${n.target.join(" ")}: ${n.failureSummary.split("\n").slice(1).join(" ")}`));
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds no serious or critical violation (${colorScheme})`, async () => {
    const page = await app.browser.newPage({ viewport: { width: 1360, height: 860 }, colorScheme });
    await page.goto(app.site.url + "/");
    await page.getByRole("button", { name: "Send" }).waitFor();
    const found = [...(await audit(page, "start"))];

    await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/get?q=python tutorial`);
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
    found.push(...(await audit(page, "response")));

    const parts = page.getByRole("tablist", { name: "Request parts" });
    await parts.getByRole("tab", { name: /Headers/ }).click();
    found.push(...(await audit(page, "headers tab")));
    await parts.getByRole("tab", { name: /Auth/ }).click();
    await page.getByRole("combobox", { name: "Auth type" }).selectOption("basic");
    found.push(...(await audit(page, "auth tab")));
    await parts.getByRole("tab", { name: /Body/ }).click();
    found.push(...(await audit(page, "body tab")));
    await parts.getByRole("tab", { name: /Variables/ }).click();
    await page.getByRole("button", { name: "+ Add variable" }).click();
    found.push(...(await audit(page, "variables tab")));
    await page.getByRole("button", { name: "Import curl" }).click();
    await page.getByRole("button", { name: "Share" }).click();
    found.push(...(await audit(page, "import and share open")));

    // An API description: the Operations list, an operation's form, the Response check.
    await page.getByRole("button", { name: "API description" }).click();
    await page.getByLabel("File").setInputFiles(join(HERE, "..", "tests", "openapi", "features-3.1.yaml"));
    await page.getByRole("navigation", { name: "Operations" }).getByRole("button", { name: "GET /notes/{noteId}", exact: true }).click();
    found.push(...(await audit(page, "API description, an operation chosen")));
    await page.getByRole("button", { name: "Open another" }).click();
    const echo = { openapi: "3.1.0", info: { title: "httpbin", version: "1" }, servers: [{ url: HTTPBIN }], paths: { "/get": { get: { operationId: "get", responses: { 200: { description: "The echo", content: { "application/json": { schema: { type: "object", required: ["url"], properties: { url: { type: "integer" } } } } } } } } } } };
    await page.getByRole("textbox", { name: "Description text" }).fill(JSON.stringify(echo));
    await page.getByRole("button", { name: "Open pasted text" }).click();
    await page.getByRole("navigation", { name: "Operations" }).getByRole("button", { name: "GET /get", exact: true }).click();
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("region", { name: "Response check" }).getByText("1 mismatch with the schema:").waitFor({ timeout: 10000 });
    found.push(...(await audit(page, "API description, a response checked")));

    await page.getByRole("textbox", { name: "URL", exact: true }).fill("not a url");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByText("Not sent: fix the request first").waitFor();
    found.push(...(await audit(page, "invalid request")));
    assert.deepEqual(found, []);
    await page.close();
  });
}

test("every control is reachable with Tab, and Ctrl+Enter sends", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1360, height: 860 } });
  await page.goto(app.site.url + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  const reached = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => {
      const e = document.activeElement;
      return e ? e.getAttribute("aria-label") || e.textContent.trim() || e.closest("label")?.textContent.trim() || e.tagName : "";
    });
    reached.add(name);
  }
  // Each tab strip is one tab stop, its chosen tab; arrow keys move among the tabs (below, and
  // for the code targets layout.test.mjs).
  for (const control of ["Import curl", "Share", "Method", "URL", "Send", "Params", "+ Add query parameter", "Python · requests", "Copy", "Clear history", "Export history"]) {
    assert.ok([...reached].some((r) => r === control || r.startsWith(control)), `${control} not reached by Tab; reached: ${[...reached].join(" | ")}`);
  }
  // (The tabs read "Headers (1)", "Body ●" and the like.)
  for (const other of ["Headers", "Auth", "Body", "Variables"]) {
    const tab = new RegExp(`^${other}( \\(\\d+\\)| ●)?$`);
    assert.ok(![...reached].some((r) => tab.test(r)), `${other} is a second Tab stop in its strip`);
  }
  // The request parts by arrow keys: each moves, chooses and focuses the next tab.
  const parts = page.getByRole("tablist", { name: "Request parts" });
  await parts.getByRole("tab", { name: /^Params/ }).focus();
  for (const name of ["Headers", "Auth", "Body", "Variables", "Params"]) {
    await page.keyboard.press("ArrowRight");
    const focused = await page.evaluate(() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute("aria-selected")]);
    assert.ok(focused[0].startsWith(name) && focused[1] === "true", `ArrowRight reached ${focused}`);
  }
  await page.keyboard.press("End");
  assert.ok((await page.evaluate(() => document.activeElement.textContent.trim())).startsWith("Variables"));
  await parts.getByRole("tab", { name: /^Params/ }).click();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/get?keyboard=1`);
  await page.keyboard.press("Control+Enter");
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  await page.close();
});

test("axe finds no serious or critical violation on the lesson page", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1200, height: 900 } });
  // Only loopback: the autorun example goes to the local httpbin; nothing else runs.
  await page.goto(`${app.site.url}/lesson/?api=${encodeURIComponent(HTTPBIN)}&json=${encodeURIComponent(HTTPBIN)}`);
  await page.locator(".example").first().frameLocator("iframe").getByText("200 OK").waitFor({ timeout: 15000 });
  assert.deepEqual(await audit(page, "lesson"), []);
  await page.close();
});

test("the session widget: axe finds no serious or critical violation, light and dark; Tab reaches every control", async () => {
  const session = {
    version: 1,
    headers: [{ name: "X-Session", value: "lesson", enabled: true }],
    requests: [1, 2].map((n) => ({ method: "GET", url: `${HTTPBIN}/get`, params: [{ name: "n", value: String(n), enabled: true }] })),
    concurrent: true,
  };
  const hash = "#session=" + deflateRawSync(Buffer.from(JSON.stringify(session))).toString("base64url");
  const found = [];
  for (const colorScheme of ["light", "dark"]) {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
    await page.goto(`${app.site.url}/?embed=1${hash}`);
    await page.getByRole("textbox", { name: "Request 2 URL" }).waitFor();
    if (colorScheme === "light") {
      // From the top of the page; of a radio group, Tab reaches the chosen radio.
      const reached = new Set();
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press("Tab");
        reached.add(await page.evaluate(() => {
          const e = document.activeElement;
          return e ? e.getAttribute("aria-label") || e.closest("label")?.textContent.trim() || e.textContent.trim() || e.tagName : "";
        }));
      }
      // The code targets are one tab stop: the chosen one.
      for (const control of ["All at once (asyncio.gather)", "Run", "Compare both ways", "Request 1 method", "Request 1 URL", "Show the response of request 2", "Remove request 2", "+ Add request", "Session header 1 name", "Python · requests", "Copy"]) {
        assert.ok([...reached].some((r) => r === control || r.startsWith(`${control}:`)), `${control} not reached by Tab; reached: ${[...reached].join(" | ")}`);
      }
    }
    await page.getByRole("button", { name: "Compare both ways" }).click();
    await page.getByRole("status").filter({ hasText: "as fast" }).waitFor({ timeout: 15000 });
    found.push(...(await audit(page, `session (${colorScheme})`)));
    await page.close();
  }
  assert.deepEqual(found, []);
});
