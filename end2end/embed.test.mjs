// Embedding by iframe: two widgets on one host page, each with its own request, code tab,
// options and draft; the host sizes them from the height they report; the host's CSS does not
// reach into them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { serveStatic } from "./static-server.mjs";
import { shareFragment as fragment } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
let browser, site;

function hostPage() {
  const get = fragment({ method: "GET", url: `${HTTPBIN}/get`, params: [{ name: "q", value: "python tutorial", enabled: true }] });
  const post = fragment({
    method: "POST",
    url: `${HTTPBIN}/post`,
    body: { type: "json", text: '{"title": "Buy groceries", "completed": false}' },
  });
  return `<!doctype html><html><head><title>Lesson</title>
<style>
  /* A host stylesheet that styles every input, pre and button: it must not reach the widgets. */
  input, pre, button, select { font-family: serif !important; background: hotpink !important; }
  iframe { width: 100%; border: 1px solid #ccc; height: 150px; }
</style></head><body>
<h1>Requests, step by step</h1>
<iframe id="first" title="GET with query params" src="/?embed=1&target=python-requests&readonly=url,method${get}"></iframe>
<iframe id="second" title="POST JSON" src="/?embed=1&target=curl&autorun=1&theme=dark${post}"></iframe>
<script>
  addEventListener("message", (event) => {
    if (event.data?.type !== "http-playground:height") return;
    for (const frame of document.querySelectorAll("iframe")) {
      if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
    }
  });
</script></body></html>`;
}

before(async () => {
  assert.ok(HTTPBIN, "HTTPBIN_URL must point at the local httpbin (make test sets it)");
  site = await serveStatic(join(HERE, "..", "dist"), { "/lesson-host.html": hostPage() });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("two iframe widgets on one page: own request, code tab, options, draft and height", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(site.url + "/lesson-host.html");
  const first = page.frameLocator("#first");
  const second = page.frameLocator("#second");

  // The first: restored from its link, readonly URL and method, Python shown first.
  const url = first.getByRole("textbox", { name: "URL" });
  await first.getByRole("button", { name: "Send" }).waitFor();
  await page.waitForFunction(() => document.querySelector("#first").contentDocument?.querySelector(".url")?.value.includes("/get?q="));
  assert.equal(await url.inputValue(), `${HTTPBIN}/get?q=python+tutorial`);
  assert.equal(await url.getAttribute("readonly"), "");
  assert.equal(await first.getByRole("combobox", { name: "Method" }).isDisabled(), true);
  assert.equal(await first.getByRole("tab", { name: "Python · requests" }).getAttribute("aria-selected"), "true");
  // Compact: no history, share or import.
  assert.equal(await first.getByRole("region", { name: "History" }).count(), 0);
  assert.equal(await first.getByRole("button", { name: "Share" }).count(), 0);

  // The second ran by itself (autorun), shows curl, in the dark theme.
  const response = second.getByRole("region", { name: "Response" });
  await response.getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await response.innerText(), /"title": "Buy groceries"/);
  assert.equal(await second.getByRole("tab", { name: "curl" }).getAttribute("aria-selected"), "true");
  const background = await second.locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(background, "rgb(15, 20, 27)");
  // The first did not run: it waits for its reader.
  assert.match(await first.getByRole("region", { name: "Response" }).innerText(), /Send a request/);

  // The host's CSS did not reach in: inputs keep the widget's own look.
  const look = await first.getByRole("button", { name: "Send" }).evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).fontFamily]);
  assert.notEqual(look[0], "rgb(255, 105, 180)");
  assert.notEqual(look[1], "serif");

  // Each iframe was sized to its content from the height it reported.
  await page.waitForFunction(() => [...document.querySelectorAll("iframe")].every((f) => parseInt(f.style.height) > 400));
  for (const id of ["#first", "#second"]) {
    const [frameHeight, contentHeight] = await page.evaluate((sel) => {
      const frame = document.querySelector(sel);
      return [parseInt(frame.style.height), Math.ceil(frame.contentDocument.documentElement.getBoundingClientRect().height)];
    }, id);
    assert.ok(Math.abs(frameHeight - contentHeight) <= 2, `${id}: ${frameHeight} vs ${contentHeight}`);
  }

  // Edits stay in their widget and survive a reload of the lesson.
  await first.getByRole("tab", { name: /Params/ }).click();
  await first.getByLabel("Query parameter 1 value").fill("httpx");
  await first.getByRole("button", { name: "Send" }).click();
  await first.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.match(await first.getByRole("region", { name: "Response" }).innerText(), /"q": "httpx"/);
  await page.screenshot({ path: join(HERE, "results", "embed.png"), fullPage: true });
  await page.reload();
  await page.frameLocator("#first").getByRole("button", { name: "Send" }).waitFor();
  await page.waitForFunction(() => document.querySelector("#first").contentDocument?.querySelector(".url")?.value.includes("q=httpx"));
  assert.match(await page.frameLocator("#second").getByRole("textbox", { name: "URL" }).inputValue(), /\/post$/);
  assert.deepEqual(problems, []);
  await page.close();
});
