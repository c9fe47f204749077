// Small helpers several end-to-end files share (no node:test here, so benchmarks may use it too).
import { deflateRawSync } from "node:zlib";

/** A share fragment for a request document, as the Share button makes it; `extra` adds other
 * payload fields (removed_secrets, variables). */
export function shareFragment(request, extra = {}) {
  const json = JSON.stringify({ request: { version: 1, ...request }, ...extra });
  return "#request=" + deflateRawSync(Buffer.from(json)).toString("base64url");
}

/** Resolves once something answers HTTP at `url` (polled every 100 ms, for at most 20 s). */
export async function waitForHttp(url) {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nothing answered at ${url}`);
}
