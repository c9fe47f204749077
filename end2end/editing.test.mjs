// End-to-end: editing a large body. A 400 KB JSON body pasted into the Body editor (a real
// Control+V): the editor holds a window of it (the lines in view) and states its size; keys
// typed at its end arrive there and are sent; the code waits to be asked for
// ("Make the code"), then shows a cut view whose Copy copies the whole program; a reload right
// after typing keeps the last keys (the draft is written on leaving the page, not only after a
// pause). The speed of this is measured by `make bench` (end2end/bench/editing.bench.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";

import { appInBrowser } from "./app-in-browser.mjs";
import { emptyJsonBodyWithClipboard } from "./helpers.mjs";

const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();

function largeJson() {
  const items = [];
  for (let i = 0; i < 4000; i++) items.push({ id: i, title: `Buy groceries ${i}`, completed: i % 3 === 0 });
  return JSON.stringify({ items }, null, 2);
}

test("a 400 KB body: pasted, typed at its end, sent whole; code on request, copied whole; kept over a reload", async () => {
  const text = largeJson();
  assert.ok(text.length > 300_000, `${text.length} bytes`);
  const context = await app.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(app.site.url + "/");
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/anything`);
  const body = await emptyJsonBodyWithClipboard(page, text);
  await page.keyboard.press("Control+V");
  const lines = text.split("\n").length;
  await page.getByText(`${(Math.round(text.length / 100) / 10).toFixed(1)} KB · ${lines.toLocaleString("en-US")} lines. A large body`).waitFor();
  // The textarea holds the lines around the caret (the end of the paste), not all 400 KB.
  const held = await body.inputValue();
  assert.ok(held.length < 60_000 && text.endsWith(held), `the textarea holds ${held.length} characters`);

  // Keys typed at the end stay at the end: the textarea is not rewritten under the caret.
  await page.keyboard.press("Control+Home");
  assert.ok(text.startsWith(await body.inputValue()), "Ctrl+Home holds the first lines");
  await page.keyboard.press("Control+End");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(', "note": "typed"}');
  const typed = text.slice(0, -1) + ', "note": "typed"}';
  assert.ok(typed.endsWith(await body.inputValue()));
  assert.equal(await page.locator(".body-frame").getAttribute("data-bytes"), String(typed.length));

  // The code waits to be asked for, then is drawn cut, with a note; Copy copies all of it.
  const code = page.getByRole("region", { name: "Code" });
  const make = code.getByRole("button", { name: "Make the code" });
  await make.waitFor();
  assert.match(await code.getByRole("note").filter({ hasText: "the code is made when you ask" }).innerText(), /The body is \d+(\.\d)? KB/);
  await make.click();
  const snippet = code.getByRole("tabpanel", { name: "Generated code" });
  await snippet.getByText(/more lines \(\d+ KB\) not drawn\. Copy copies the whole program\./).waitFor();
  await code.getByRole("button", { name: "Copy", exact: true }).click();
  await code.getByRole("button", { name: "Copied" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.length > text.length, `copied ${copied.length} characters`);
  assert.ok(copied.includes('"note": "typed"'), "the copied program has the typed keys");
  assert.ok(copied.trimEnd().endsWith("print(response.text)"), "the copied program is whole");

  // Sent whole: httpbin parsed it as JSON, typed tail included.
  await page.getByRole("button", { name: "Send" }).click();
  const response = page.getByRole("region", { name: "Response" });
  await response.getByText("200 OK").waitFor();
  await response.getByRole("searchbox", { name: "Find in body" }).fill('"note": "typed"');
  await response.getByRole("button", { name: "Find", exact: true }).click();
  await response.getByText("1 of 1").waitFor();

  // A key typed and the page reloaded in the same task (no pause for the settled draft to be
  // written): the draft written on leaving the page keeps it.
  await page.evaluate(() => {
    const area = document.querySelector('textarea[aria-label="Body"]');
    area.value += " ";
    area.dispatchEvent(new Event("input", { bubbles: true }));
    location.reload();
  });
  await page.waitForLoadState("load");
  await page.getByRole("tab", { name: /^Body/ }).click();
  await page.locator(`.body-frame[data-bytes="${typed.length + 1}"]`).waitFor();
  const restored = page.getByRole("textbox", { name: "Body", exact: true });
  await restored.focus();
  await page.keyboard.press("Control+End");
  assert.ok((typed + " ").endsWith(await restored.inputValue()), "the draft ends with the last key");
  await context.close();
});

test("a 1.6 MB body on one line: a key typed mid-way lands there; Ctrl+A copies all of it, and typing replaces all", async () => {
  const items = [];
  for (let i = 0; i < 27_000; i++) items.push({ id: i, title: `Buy groceries ${i}`, completed: i % 3 === 0 });
  const text = JSON.stringify({ items });
  assert.ok(text.length > 1_500_000 && !text.includes("\n"), `${text.length} bytes`);
  const context = await app.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(app.site.url + "/");
  const body = await emptyJsonBodyWithClipboard(page, text);
  await page.keyboard.press("Control+V");
  await page.getByText(`${(Math.round(text.length / 1e5) / 10).toFixed(1)} MB · 1 line. A large body`).waitFor();
  assert.ok((await body.inputValue()).length <= 48 * 1024, "one line is held in pieces");

  // Scrolled to the middle, the window follows the view.
  const frame = page.locator(".body-frame");
  // (The window held after the paste, at the end, is replaced by one where the view now is:
  // wait for that, not for any change, or a click could land beside the old window.)
  const atEnd = await body.inputValue();
  await frame.evaluate((f) => { f.scrollTop = f.scrollHeight / 2; });
  await page.waitForFunction((end) => {
    const area = document.querySelector('textarea[aria-label="Body"]');
    const f = document.querySelector(".body-frame").getBoundingClientRect();
    const t = area.getBoundingClientRect();
    const middle = f.top + f.height / 2;
    return area.value !== end && t.top <= middle && t.bottom >= middle;
  }, atEnd);

  // A click in the middle of the view places the caret there; keys typed land at that place
  // in the whole body.
  // The click lands on the textarea where it is in sight (its box runs past the frame's).
  const [box, area] = [await frame.boundingBox(), await body.boundingBox()];
  const top = Math.max(box.y, area.y);
  const bottom = Math.min(box.y + box.height, area.y + area.height);
  assert.ok(bottom - top > 100, `the textarea fills the view: ${top}..${bottom}`);
  await page.mouse.click(box.x + box.width / 2, (top + bottom) / 2);
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Body");
  const held = await body.inputValue();
  const at = text.indexOf(held) + (await body.evaluate((t) => t.selectionStart));
  assert.ok(at > 400_000 && at < 1_200_000, `the caret is at ${at}`);
  await page.keyboard.type("XYZ");
  await page.keyboard.press("Control+A");
  await page.getByRole("status").filter({ hasText: "All of the body is selected" }).waitFor();
  await page.keyboard.press("Control+C");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, text.slice(0, at) + "XYZ" + text.slice(at));

  // A key with all selected replaces all of it, and Ctrl+Z right after brings it all back.
  await page.keyboard.type("x");
  assert.equal(await frame.getAttribute("data-bytes"), "1");
  await page.keyboard.press("Control+Z");
  await page.locator(`.body-frame[data-bytes="${copied.length}"]`).waitFor();
  await page.getByText("A large body").waitFor();

  // Typing with all selected replaces all of it: a small body, held whole again.
  await page.keyboard.press("Control+A");
  await page.keyboard.type("{}");
  assert.equal(await body.inputValue(), "{}");
  assert.equal(await frame.getAttribute("data-bytes"), "2");
  assert.equal(await page.getByText("A large body").count(), 0);
  await context.close();
});
