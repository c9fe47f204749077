// Lesson widgets keep the reader's edits across reloads, and "Reset example" brings back the
// author's request (an iframe's link, an element's attributes); `tab=body` opens a POST
// example on its body.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { serveStatic } from "./static-server.mjs";
import { shareFragment as fragment } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
const BODY = '{"title": "Buy groceries", "completed": false}';
let browser, site;

function iframeHost() {
  const post = fragment({ method: "POST", url: `${HTTPBIN}/post`, body: { type: "json", text: BODY } });
  return `<!doctype html><html><head><title>Lesson</title>
<style>iframe { width: 100%; height: 700px; border: 0; }</style></head><body>
<iframe id="post" title="POST JSON" src="/?embed=1&tab=body${post}"></iframe>
<iframe id="headers" title="POST JSON, headers first" src="/?embed=1&tab=headers&target=curl${post}"></iframe>
<iframe id="plain" title="POST JSON, no tab named" src="/?embed=1&target=curl${post}"></iframe>
</body></html>`;
}

function elementHost() {
  return `<!doctype html><html lang="en"><head><title>Lesson</title></head><body>
<http-playground id="post" tab="body" method="POST" url="${HTTPBIN}/post" body-json='${BODY}'></http-playground>
<script type="module" src="/http-playground.js"></script>
</body></html>`;
}

before(async () => {
  assert.ok(HTTPBIN, "HTTPBIN_URL must point at the local httpbin (make test sets it)");
  site = await serveStatic(join(HERE, "..", "dist"), {
    "/lesson-iframe.html": iframeHost(),
    "/lesson-element.html": elementHost(),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** Opens on Body with the JSON; an edit survives a reload; Reset brings the author's back to stay. */
async function resetRoundTrip(page, widget) {
  const author = `${HTTPBIN}/post`;
  const url = () => widget().getByRole("textbox", { name: "URL", exact: true });
  const reset = () => widget().getByRole("button", { name: "Reset example" });
  const loaded = async (expected) => {
    await widget().getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
    // An iframe's link is read after the page starts: wait for the request it opens.
    for (let i = 0; i < 100 && (await url().inputValue()) !== expected; i++) await page.waitForTimeout(50);
    assert.equal(await url().inputValue(), expected);
  };

  await loaded(author);
  assert.equal(await widget().getByRole("tab", { name: /Body/ }).getAttribute("aria-selected"), "true");
  assert.equal(await widget().getByRole("textbox", { name: "Body", exact: true }).inputValue(), BODY);
  assert.equal(await widget().getByRole("combobox", { name: "Method" }).inputValue(), "POST");
  // Nothing to reset yet.
  assert.equal(await reset().isDisabled(), true);

  // The reader's edit is their draft: it wins over the author's example on reload.
  await url().fill(`${HTTPBIN}/anything`);
  assert.equal(await reset().isDisabled(), false);
  await page.reload();
  await loaded(`${HTTPBIN}/anything`);
  // Still opened on Body (the tab asked for), the body unchanged.
  assert.equal(await widget().getByRole("tab", { name: /Body/ }).getAttribute("aria-selected"), "true");
  assert.equal(await widget().getByRole("textbox", { name: "Body", exact: true }).inputValue(), BODY);

  // Reset: the author's request is back, and stays after another reload.
  await reset().click();
  assert.equal(await url().inputValue(), author);
  assert.equal(await reset().isDisabled(), true);
  await page.reload();
  await loaded(author);
  await page.waitForTimeout(300);
  assert.equal(await url().inputValue(), author);
  assert.equal(await reset().isDisabled(), true);
  assert.equal(await widget().getByRole("textbox", { name: "Body", exact: true }).inputValue(), BODY);
}

test("iframe widget: tab=body, draft kept over reloads, Reset example brings the link's request back", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(site.url + "/lesson-iframe.html");
  await resetRoundTrip(page, () => page.frameLocator("#post"));
  // `tab=headers` wins over the body; without `tab`, an example with a body opens on Body.
  for (const [id, name] of [["#headers", /Headers/], ["#plain", /Body/]]) {
    const frame = page.frameLocator(id);
    await frame.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
    await page.waitForFunction((sel) => document.querySelector(sel).contentDocument?.querySelector(".url")?.value.endsWith("/post"), id);
    assert.equal(await frame.getByRole("tab", { name }).getAttribute("aria-selected"), "true", id);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("<http-playground tab=body> element: draft kept over reloads, Reset example brings the attributes back", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(site.url + "/lesson-element.html");
  await resetRoundTrip(page, () => page.locator("#post"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("the full app has no Reset example button", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(site.url + "/");
  await page.getByRole("button", { name: "Send" }).waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole("button", { name: "Reset example" }).count(), 0);
  await page.close();
});
