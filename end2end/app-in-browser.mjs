// The setup most end-to-end test files share (kept apart from browser.mjs, which the
// benchmarks import too and which must not load node:test).
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import { launch } from "./browser.mjs";
import { serveStatic } from "./static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** For one test file: the release build (dist/) served on loopback and a browser, started before
 * its tests and closed after them; `results/` made for screenshots. Returns { browser, site },
 * filled in once started. */
export function appInBrowser() {
  const app = {};
  before(async () => {
    assert.ok(process.env.HTTPBIN_URL, "HTTPBIN_URL must point at the local httpbin (make test sets it)");
    app.site = await serveStatic(join(HERE, "..", "dist"));
    app.browser = await launch();
    await mkdir(join(HERE, "results"), { recursive: true });
  });
  after(async () => {
    await app.browser?.close();
    await app.site?.close();
  });
  return app;
}
