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

/** In the app at `page`: POST with a JSON body, the Body tab open and its editor empty, focused,
 * and `text` on the clipboard (the context needs clipboard permissions). Returns the editor. */
export async function emptyJsonBodyWithClipboard(page, text) {
  await page.getByRole("combobox", { name: "Method" }).selectOption("POST");
  await page.getByRole("tab", { name: /^Body/ }).click();
  await page.getByRole("combobox", { name: /Body type/ }).selectOption("json");
  return clipboardInto(page, text);
}

/** Empties and focuses the textbox named Body, and puts `text` on the clipboard. */
export async function clipboardInto(page, text) {
  const body = page.getByRole("textbox", { name: "Body", exact: true });
  await body.fill("");
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await body.focus();
  return body;
}

/** In the app at `page`, after a send with a 1 s timeout to a slower endpoint: waits for the
 * timeout outcome, then sends again with 10 s and cancels. Returns the Response region. */
export async function timeoutThenCancel(page) {
  const response = page.getByRole("region", { name: "Response" });
  await response.getByText(/No response within 1 s/).waitFor({ timeout: 5000 });
  await page.getByLabel("Timeout (s)").fill("10");
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await response.getByText("Cancelled").waitFor({ timeout: 5000 });
  return response;
}
