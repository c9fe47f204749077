// The runnable lesson (examples/lesson/, served at /lesson/): every example runs against a
// local httpbin and json-server (the page's ?api= and ?json=) and shows the status the lesson
// says; screenshots in light and dark.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { appInBrowser } from "./app-in-browser.mjs";
import { freePort } from "./static-server.mjs";
import { waitForHttp } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const HTTPBIN = process.env.HTTPBIN_URL;
const SERVER = process.env.SERVER_BIN || join(HERE, "..", "target", "debug", "http-playground-server");
const app = appInBrowser();
let jsonServer, json, echoServer, echo;

before(async () => {
  // The companion server, for the streaming example's echo API (/echo/sse).
  const echoPort = await freePort();
  echo = `http://127.0.0.1:${echoPort}/echo`;
  echoServer = spawn(SERVER, ["--port", String(echoPort), "--dist", join(HERE, "..", "dist")], { stdio: "ignore" });
  await waitForHttp(`${echo}/get`);
  // A JSONPlaceholder-like API: 10 users, their todos and posts.
  const users = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, name: `User ${i + 1}`, email: `user${i + 1}@example.com` }));
  const todos = users.flatMap((u) => [1, 2, 3].map((n) => ({ userId: u.id, id: (u.id - 1) * 3 + n, title: `todo ${n}`, completed: n === 1 })));
  const posts = users.flatMap((u) => [1, 2].map((n) => ({ userId: u.id, id: (u.id - 1) * 2 + n, title: `post ${n}`, body: "text" })));
  const dir = await mkdtemp(join(tmpdir(), "json-server-"));
  // GitHub's /users/{name}/repos, mapped onto json-server's /repos?owner=.
  const repos = ["Hello-World", "Spoon-Knife"].map((name, i) => ({ id: i + 1, owner: "octocat", name }));
  await writeFile(join(dir, "db.json"), JSON.stringify({ users, todos, posts, repos }));
  await writeFile(join(dir, "routes.json"), JSON.stringify({ "/users/:name/repos*": "/repos?owner=:name" }));
  const port = await freePort();
  json = `http://127.0.0.1:${port}`;
  jsonServer = spawn(join(HERE, "..", "node_modules", ".bin", "json-server"), [join(dir, "db.json"), "--routes", join(dir, "routes.json"), "--port", String(port), "--host", "127.0.0.1", "--quiet"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${json}/users/1`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

after(async () => {
  jsonServer?.kill();
  echoServer?.kill();
});

const SHOWN = { 200: "200 OK", 201: "201 Created", 404: "404 Not Found", timeout: "Timeout" };

test("every example of the lesson runs against local servers and shows the expected status", async () => {
  const page = await app.browser.newPage({ viewport: { width: 1200, height: 900 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${app.site.url}/lesson/?api=${encodeURIComponent(HTTPBIN)}&json=${encodeURIComponent(json)}&github=${encodeURIComponent(json)}&echo=${encodeURIComponent(echo)}`);
  const examples = page.locator(".example");
  await page.locator(".example iframe").first().waitFor();
  const count = await examples.count();
  assert.ok(count >= 14, `${count} examples`);
  let sessions = 0;
  let streams = 0;
  for (let i = 0; i < count; i++) {
    const example = examples.nth(i);
    const expect = await example.getAttribute("data-expect");
    const title = await example.getAttribute("data-title");
    await example.scrollIntoViewIfNeeded();
    const frame = example.frameLocator("iframe");
    if (await example.getAttribute("data-session")) {
      await runSession(page, frame, title, expect.split(" "));
      sessions++;
      continue;
    }
    const send = frame.getByRole("button", { name: "Send" });
    await send.waitFor({ timeout: 15000 });
    const response = frame.getByRole("region", { name: "Response" });
    // Wait for the link to be restored (the URL box leaves the starting request).
    const box = frame.getByRole("textbox", { name: "URL", exact: true });
    let url = "";
    for (let tries = 0; tries < 150 && !url.startsWith("http://127.0.0.1"); tries++) {
      url = await box.inputValue();
      if (!url.startsWith("http://127.0.0.1")) await page.waitForTimeout(100);
    }
    assert.ok(url.startsWith(HTTPBIN) || url.startsWith(json) || url.startsWith(echo), `${title}: ${url} is not a local server`);
    if (!(await example.getAttribute("data-options"))?.includes("autorun")) await send.click();
    await response.getByText(SHOWN[expect], { exact: expect !== "timeout" }).first().waitFor({ timeout: 15000 });
    if (url.startsWith(echo)) {
      // The streaming example: the prompt came back a word an event, then [DONE].
      streams++;
      const events = frame.getByRole("region", { name: "Events" });
      await events.getByText("[DONE]").waitFor();
      const deltas = await events.locator(".srow .s-data").evaluateAll((cells) =>
        cells.map((c) => c.textContent).filter((t) => t.startsWith("{")).map((t) => JSON.parse(t).delta).join(""),
      );
      assert.equal(deltas, "Streaming sends the answer a word at a time");
    }
  }
  assert.equal(sessions, 3, "the session, httpx.Client and asyncio.gather examples");
  assert.equal(streams, 1, "the streaming example");
  assert.deepEqual(problems, []);
  await page.close();
});

/** A session example: once its link is restored (local URLs), Run (or, for the async example,
 * Compare both ways) shows each request's expected status; compared, the waterfall shows both
 * ways and the requests of the gathered run overlap. */
async function runSession(page, frame, title, statuses) {
  const first = frame.getByRole("textbox", { name: "Request 1 URL" });
  await first.waitFor({ timeout: 15000 });
  let url = "";
  for (let tries = 0; tries < 150 && !url.startsWith("http://127.0.0.1"); tries++) {
    url = await first.inputValue();
    if (!url.startsWith("http://127.0.0.1")) await page.waitForTimeout(100);
  }
  assert.ok(url.startsWith(json), `${title}: ${url} is not the local json-server`);
  const compare = title.includes("asyncio.gather");
  // Lazily loaded frames above this one report their heights as they load and move it down the
  // page; a click can land where the button was. So the click is checked by its effect (a run
  // shows Cancel, or has already finished with statuses) and made again if nothing started.
  const button = frame.getByRole("button", { name: compare ? "Compare both ways" : "Run", exact: true });
  const started = frame
    .getByRole("button", { name: "Cancel" })
    .or(frame.getByRole("button", { name: "Show the response of request 1" }).locator(".status").getByText(statuses[0], { exact: true }));
  for (let attempt = 1; ; attempt++) {
    await button.click();
    try {
      await started.first().waitFor({ timeout: 5000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      console.log(`# ${title}: the click on "${compare ? "Compare both ways" : "Run"}" started nothing (attempt ${attempt}); clicking again`);
    }
  }
  for (const [i, status] of statuses.entries()) {
    const result = frame.getByRole("button", { name: `Show the response of request ${i + 1}` });
    await result.locator(".status").getByText(status, { exact: true }).waitFor({ timeout: 15000 });
  }
  if (compare) {
    await frame.getByRole("status").filter({ hasText: "as fast" }).waitFor({ timeout: 15000 });
    const bars = await frame.locator('.run[data-mode="concurrent"] .bar-row').evaluateAll((rows) =>
      rows.map((r) => ({ start: Number(r.dataset.startMs), end: Number(r.dataset.endMs) })),
    );
    assert.equal(bars.length, statuses.length);
    const firstEnd = Math.min(...bars.map((b) => b.end));
    assert.ok(bars.every((b) => b.start < firstEnd), `${title}: the gathered requests do not overlap ${JSON.stringify(bars)}`);
    assert.equal(await frame.locator('.run[data-mode="sequential"] .bar-row').count(), statuses.length);
  }
}

for (const colorScheme of ["light", "dark"]) {
  test(`screenshot of the lesson (${colorScheme})`, async () => {
    const page = await app.browser.newPage({ viewport: { width: 1200, height: 1400 }, colorScheme });
    await page.goto(`${app.site.url}/lesson/?api=${encodeURIComponent(HTTPBIN)}&json=${encodeURIComponent(json)}&github=${encodeURIComponent(json)}`);
    const first = page.locator(".example").first().frameLocator("iframe");
    await first.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 15000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(HERE, "results", `lesson-${colorScheme}.png`) });
    // The async example, compared both ways.
    const gather = page.locator('.example[data-title*="asyncio.gather"]');
    await gather.scrollIntoViewIfNeeded();
    await runSession(page, gather.frameLocator("iframe"), "asyncio.gather", ["200", "200", "200"]);
    await page.waitForTimeout(300);
    await gather.screenshot({ path: join(HERE, "results", `lesson-async-${colorScheme}.png`) });
    await page.close();
  });
}
