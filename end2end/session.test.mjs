// The session widget (`/?embed=1#session=…`): several requests with shared headers, run one
// after another or all at once (asyncio.gather), against the local httpbin; what each request
// sent is read back from httpbin's echo; the waterfall shows the runs; drafts survive a reload.
import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { appInBrowser } from "./app-in-browser.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();

/** The `#session=` fragment for a session document, as the lesson page makes it. */
export function sessionFragment(session) {
  const json = JSON.stringify({ version: 1, ...session });
  return "#session=" + deflateRawSync(Buffer.from(json)).toString("base64url");
}

const row = (name, value) => ({ name, value, enabled: true });



/** The status shown for member `n` (1-based) once it has run. */
function memberStatus(page, n) {
  return page.getByRole("button", { name: `Show the response of request ${n}` }).locator(".status");
}

test("a session sends its shared headers with every request, and its code is one program", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  const session = {
    headers: [row("X-Session", "lesson"), row("Authorization", "Bearer my-token")],
    requests: [
      { method: "GET", url: `${HTTPBIN}/anything/users` },
      { method: "GET", url: `${HTTPBIN}/anything/todos?userId=1`, headers: [row("X-Session", "own")] },
      { method: "POST", url: `${HTTPBIN}/anything/posts`, body: { type: "json", text: '{"title": "Hello", "userId": 1}' } },
    ],
  };
  await page.goto(`${app.site.url}/?embed=1&target=python-httpx${sessionFragment(session)}`);
  await page.getByRole("textbox", { name: "Request 3 URL" }).waitFor();
  const code = page.getByRole("tabpanel", { name: "Generated code" });
  await code.getByText("httpx.Client(").waitFor();
  const program = await code.innerText();
  assert.match(program, new RegExp(`base_url="${HTTPBIN.replace(/[.]/g, "\\.")}"`));
  assert.match(program, /"X-Session": "lesson"/);
  // The member's own header, in its call; the session's, once in the client.
  assert.match(program, /todos = client\.get\(\s+"\/anything\/todos",\s+params=\{"userId": "1"\},\s+headers=\{"X-Session": "own"\},/);
  assert.equal(program.match(/"X-Session": "lesson"/g).length, 1);

  await page.getByRole("button", { name: "Run", exact: true }).click();
  for (const [n, status] of [[1, "200"], [2, "200"], [3, "200"]]) {
    await memberStatus(page, n).getByText(status, { exact: true }).waitFor({ timeout: 15000 });
  }
  // Each member's echo: the session's header unless the member set its own.
  const echoes = [];
  for (const n of [1, 2, 3]) {
    await page.getByRole("button", { name: `Show the response of request ${n}` }).click();
    const response = page.getByRole("region", { name: "Response" });
    await response.getByRole("heading", { name: `Response · request ${n}` }).waitFor();
    echoes.push(JSON.parse(await response.getByLabel("Response body").innerText()));
  }
  assert.deepEqual(echoes.map((e) => e.headers["X-Session"]), ["lesson", "own", "lesson"]);
  assert.deepEqual(echoes.map((e) => e.headers.Authorization), Array(3).fill("Bearer my-token"));
  assert.deepEqual(echoes.map((e) => e.method), ["GET", "GET", "POST"]);
  assert.deepEqual(echoes[1].args, { userId: "1" });
  assert.deepEqual(echoes[2].json, { title: "Hello", userId: 1 });

  // The requests tab shows the same session as requests.Session.
  await page.getByRole("tab", { name: "Python · requests" }).click();
  await code.getByText("requests.Session()").waitFor();
  assert.match(await code.innerText(), /session\.headers\.update\(headers\)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("all at once overlaps the requests; the waterfall compares both ways", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const session = {
    headers: [],
    requests: [1, 2, 3].map((n) => ({ method: "GET", url: `${HTTPBIN}/delay/1`, params: [row("n", String(n))] })),
    concurrent: true,
  };
  await page.goto(`${app.site.url}/?embed=1&target=python-httpx-async${sessionFragment(session)}`);
  await page.getByRole("textbox", { name: "Request 3 URL" }).waitFor();
  await page.getByRole("tabpanel", { name: "Generated code" }).getByText("asyncio.gather(").waitFor();
  await page.getByRole("button", { name: "Compare both ways" }).click();
  const speedup = page.getByRole("status").filter({ hasText: "as fast" });
  await speedup.waitFor({ timeout: 20000 });

  const runs = {};
  for (const mode of ["sequential", "concurrent"]) {
    const run = page.locator(`.run[data-mode="${mode}"]`);
    const bars = await run.locator(".bar-row").evaluateAll((rows) =>
      rows.map((r) => ({ start: Number(r.dataset.startMs), end: Number(r.dataset.endMs) })),
    );
    runs[mode] = { total: Number(await run.getAttribute("data-total-ms")), bars };
  }
  const { sequential, concurrent } = runs;
  assert.equal(sequential.bars.length, 3);
  assert.equal(concurrent.bars.length, 3);
  // One after another: each starts when the one before it has ended.
  for (let i = 1; i < 3; i++) assert.ok(sequential.bars[i].start >= sequential.bars[i - 1].end, JSON.stringify(sequential));
  // All at once: every request starts before any has ended.
  const firstEnd = Math.min(...concurrent.bars.map((b) => b.end));
  for (const bar of concurrent.bars) assert.ok(bar.start < firstEnd, JSON.stringify(concurrent));
  assert.ok(sequential.total >= 3000, `one after another took ${sequential.total} ms`);
  assert.ok(concurrent.total < sequential.total / 2, `at once ${concurrent.total} ms vs ${sequential.total} ms`);
  console.log(`# three /delay/1: one after another ${sequential.total} ms, all at once ${concurrent.total} ms`);
  await page.screenshot({ path: join(HERE, "results", "session-waterfall.png") });

  // Cancel stops a run: the requests in flight end as cancelled.
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  for (const n of [1, 2, 3]) await memberStatus(page, n).getByText("Cancelled").waitFor({ timeout: 5000 });
  await page.close();
});

test("edits survive a reload; Ctrl+Enter runs; a bad URL is named, not sent", async () => {
  const context = await app.browser.newContext();
  const page = await context.newPage();
  const session = { requests: [{ url: `${HTTPBIN}/get` }, { url: `${HTTPBIN}/status/404` }] };
  await page.goto(`${app.site.url}/?embed=1${sessionFragment(session)}`);
  const second = page.getByRole("textbox", { name: "Request 2 URL" });
  await second.waitFor();
  await second.fill(`${HTTPBIN}/status/418`);
  await page.waitForTimeout(200);
  await page.reload();
  await page.getByRole("textbox", { name: "Request 2 URL" }).waitFor();
  assert.equal(await page.getByRole("textbox", { name: "Request 2 URL" }).inputValue(), `${HTTPBIN}/status/418`);

  await page.getByRole("textbox", { name: "Request 1 URL" }).fill("not a url");
  await page.getByRole("textbox", { name: "Request 1 URL" }).press("Control+Enter");
  await memberStatus(page, 1).getByText("Invalid").waitFor({ timeout: 5000 });
  await memberStatus(page, 2).getByText("418").waitFor({ timeout: 15000 });
  await page.getByRole("button", { name: "Show the response of request 1" }).click();
  await page.getByRole("region", { name: "Response" }).getByText(/URL: /).waitFor();
  assert.match(await page.getByRole("tabpanel", { name: "Generated code" }).innerText(), /# - Request 1, URL: /);
  await context.close();
});
