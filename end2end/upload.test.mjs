// End-to-end: multipart and file bodies in the release build, sent to the local httpbin.
// A file chosen with the picker and one dropped are echoed byte for byte (SHA-256 of a binary
// file); ten `curl -F` commands pasted and sent give the echo the curl binary gets; a restored
// request (reload, history, share link) names the file it needs, and no byte of a file is ever
// in localStorage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

import { appInBrowser } from "./app-in-browser.mjs";

const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();
const run = promisify(execFile);

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** httpbin writes a file that is not UTF-8 as `data:<type>;base64,<bytes>`. */
function dataUrlBytes(value) {
  const match = /^data:[^;]*;base64,(.*)$/.exec(value);
  assert.ok(match, `not a data URL: ${String(value).slice(0, 80)}`);
  return Buffer.from(match[1], "base64");
}

async function freshPage(context) {
  context ??= await app.browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(app.site.url + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  return { context, page, problems };
}

/** Sends and returns httpbin's echo, read from the network (the viewer shows it too). */
async function sendAndEcho(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().startsWith(HTTPBIN) && r.request().method() !== "OPTIONS"),
    page.getByRole("button", { name: "Send" }).click(),
  ]);
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 20000 });
  return response.json();
}

async function chooseBodyType(page, label) {
  await page.getByRole("tab", { name: /Body/ }).first().click();
  await page.getByRole("combobox", { name: "Body type" }).selectOption({ label });
}

/** Every value in localStorage, joined. */
const storedText = (page) => page.evaluate(() => Object.keys(localStorage).map((k) => k + "=" + localStorage.getItem(k)).join("\n"));

test("a file chosen with the picker is sent in a multipart form, byte for byte", async () => {
  const { context, page, problems } = await freshPage();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/anything/upload`);
  await page.getByRole("combobox", { name: "Method" }).selectOption("POST");
  await chooseBodyType(page, "Multipart form");
  await page.getByLabel("Part 1 name").fill("caption");
  await page.getByLabel("Part 1 value").fill("Zoë's photo ✓");
  await page.getByRole("button", { name: "+ Add part" }).click();
  await page.getByLabel("Part 2 name").fill("photo");
  await page.getByLabel("Part 2 kind").selectOption("file");
  // 300 KB of random bytes: not UTF-8, so httpbin echoes them as a data URL.
  const bytes = randomBytes(300 * 1024);
  await page.getByLabel("Part 2 file").setInputFiles({ name: "photo.bin", mimeType: "application/octet-stream", buffer: bytes });
  const row = page.locator("table.parts tr").nth(2);
  await row.getByText("photo.bin").waitFor();
  assert.match(await row.innerText(), /photo\.bin 307\.2 KB/);
  await page.getByLabel("Part 2 content type").fill("image/x-test");

  const echo = await sendAndEcho(page);
  assert.deepEqual(echo.form, { caption: "Zoë's photo ✓" });
  assert.match(echo.files.photo, /^data:image\/x-test;base64,/);
  assert.equal(sha256(dataUrlBytes(echo.files.photo)), sha256(bytes));
  assert.match(echo.headers["Content-Type"], /^multipart\/form-data; boundary=/);

  // The code names the file; the stored draft and history hold its name, never its bytes.
  const code = page.getByRole("region", { name: "Code" });
  assert.match(await code.innerText(), /"photo": \("photo\.bin", open\("photo\.bin", "rb"\), "image\/x-test"\)/);
  const stored = await storedText(page);
  assert.ok(stored.includes("photo.bin"), "the draft names the file");
  for (const piece of [bytes.subarray(0, 24).toString("base64"), bytes.subarray(1000, 1024).toString("hex"), bytes.subarray(0, 24).toString("latin1")]) {
    assert.ok(!stored.includes(piece), "no byte of the file is in localStorage");
  }
  assert.ok(stored.length < 20000, `localStorage holds ${stored.length} characters`);

  // Reloaded, the request asks for the file again by name, and sends nothing without it.
  await page.reload();
  await page.getByRole("button", { name: "Send" }).waitFor();
  await page.getByRole("tab", { name: /Body/ }).first().click();
  const restored = page.locator("table.parts tr").nth(2);
  await restored.getByText("(not chosen yet)").waitFor();
  assert.match(await restored.innerText(), /photo\.bin/);
  assert.match(await restored.innerText(), /choose the file "photo\.bin" again/);
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("region", { name: "Response" }).getByText(/choose the file "photo\.bin" again/).first().waitFor();
  // Chosen again, it is sent.
  await page.getByLabel("Part 2 file").setInputFiles({ name: "photo.bin", mimeType: "application/octet-stream", buffer: bytes });
  const again = await sendAndEcho(page);
  assert.equal(sha256(dataUrlBytes(again.files.photo)), sha256(bytes));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a file dropped on a file body is sent as the whole body, byte for byte", async () => {
  const { context, page, problems } = await freshPage();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${HTTPBIN}/anything/avatar`);
  await page.getByRole("combobox", { name: "Method" }).selectOption("PUT");
  await chooseBodyType(page, "File");
  const bytes = randomBytes(64 * 1024);
  // A real drop event carrying a File, as the browser makes it from a desktop drag.
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "avatar.png", { type: "image/png" }));
    return transfer;
  }, bytes.toString("base64"));
  const zone = page.locator(".binary-body .file-drop");
  await zone.dispatchEvent("dragover", { dataTransfer });
  await zone.dispatchEvent("drop", { dataTransfer });
  await zone.getByText("avatar.png").waitFor();
  // The content type the file's name suggests, until one is typed.
  assert.equal(await page.locator(".binary-body input[type=text]").getAttribute("placeholder"), "image/png");

  const echo = await sendAndEcho(page);
  assert.equal(echo.method, "PUT");
  assert.equal(echo.headers["Content-Type"], "image/png");
  assert.equal(sha256(dataUrlBytes(echo.data)), sha256(bytes));

  // After a reload, its history entry restores the request with the file named as missing.
  await page.reload();
  await page.getByRole("button", { name: "Send" }).waitFor();
  await page.getByRole("tab", { name: /Body/ }).first().click();
  await page.getByRole("combobox", { name: "Body type" }).selectOption({ label: "None" });
  const history = page.getByRole("region", { name: "History" });
  await history.locator(".history-url", { hasText: "/anything/avatar" }).first().click();
  await page.getByRole("tab", { name: /Body/ }).first().click();
  await page.locator(".binary-body").getByText("(not chosen yet)").waitFor();
  assert.match(await page.locator(".binary-body").innerText(), /avatar\.png[\s\S]*choose the file "avatar\.png" again/);
  assert.ok(!(await storedText(page)).includes(bytes.subarray(0, 24).toString("base64")));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a share link of a multipart request names the file it needs", async () => {
  const { context, page } = await freshPage();
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`curl -F 'note=hi' -F 'report=@q3 report.pdf' ${HTTPBIN}/anything/shared`);
  await page.getByText("Imported from curl.").waitFor();
  assert.match(await page.locator(".notice").first().innerText(), /Choose the files the command sends, under Body: q3 report\.pdf \(part report\)/);
  await page.getByRole("tab", { name: /Body/ }).first().click();
  await page.getByLabel("Part 2 file").setInputFiles({ name: "q3 report.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 secret contents") });
  await page.getByRole("button", { name: "Share" }).click();
  await page.waitForFunction(() => document.querySelector(".share-link")?.value.includes("#request="));
  const link = await page.getByRole("textbox", { name: "Share link" }).inputValue();
  const opened = await context.newPage();
  await opened.goto(link);
  await opened.getByText("Opened from a share link.").waitFor();
  await opened.getByRole("tab", { name: /Body/ }).first().click();
  const row = opened.locator("table.parts tr").nth(2);
  await row.getByText("(not chosen yet)").waitFor();
  assert.match(await row.innerText(), /q3 report\.pdf/);
  assert.equal(await opened.getByLabel("Part 1 value").inputValue(), "hi");
  assert.ok(!(await storedText(opened)).includes("secret contents"));
  await context.close();
});

// Ten `-F` commands as API docs write them. The files are in a folder of their own: the curl
// binary reads them there, and the same bytes are chosen in the page for the parts it asks for.
const FILES = {
  "report.txt": Buffer.from("Q3 revenue: 42\nQ4 revenue: 57\n"),
  "pixel.png": Buffer.from("89504e470d0a1a0a0000000d4948445200000001ff00fe", "hex"),
  "data.json": Buffer.from('{"title": "Report", "pages": 3}\n'),
  "notes.md": Buffer.from("# Notes\n\n- ünïcode ✓\n"),
  "my file.txt": Buffer.from("a name with a space\n"),
};
const FORM_COMMANDS = [
  `curl -F 'name=report' -F 'note=quarterly; draft' $H/anything/1`,
  `curl -F 'file=@report.txt' $H/anything/2`,
  `curl -F 'image=@pixel.png;type=image/png' -F 'caption=A pixel' $H/anything/3`,
  `curl -F 'doc=@"my file.txt"' $H/anything/4`,
  `curl --form 'upload=@data.json;type=application/json' -H 'X-Trace: 7' $H/anything/5`,
  `curl -F tag=a -F tag=b -F 'files=@report.txt' -F 'files=@notes.md' $H/anything/6`,
  `curl --form-string 'raw=@not-a-file' --form-string 'semi=a;b' $H/anything/7`,
  `curl -F 'quoted="hello; world"' -F 'meta={"a":1};type=application/json' $H/anything/8`,
  `curl -H 'Content-Type: multipart/form-data' -X PUT -F 'x=1' -F 'attachment=@notes.md' $H/anything/9`,
  `curl -u ada:lovelace -F 'text=hello;filename=greeting.txt' -F 'data=@data.json' $H/anything/10`,
];

test("ten curl -F commands pasted and sent give the echo the curl binary gets", async () => {
  const folder = await mkdtemp(join(tmpdir(), "upload-"));
  for (const [name, bytes] of Object.entries(FILES)) await writeFile(join(folder, name), bytes);
  const { context, page, problems } = await freshPage();
  for (const template of FORM_COMMANDS) {
    const command = template.replaceAll("$H", HTTPBIN);
    const { stdout } = await run("bash", ["-c", command], { cwd: folder });
    const expected = JSON.parse(stdout);

    await page.getByRole("textbox", { name: "URL", exact: true }).fill(command);
    await page.getByText("Imported from curl.").waitFor();
    await page.getByRole("tab", { name: /Body/ }).first().click();
    // Choose each file the notice asks for, in its row.
    const rows = page.locator("table.parts tbody tr");
    for (let i = 0; i < (await rows.count()); i++) {
      const missing = rows.nth(i).locator(".file-missing");
      if (await missing.count()) {
        const name = await missing.innerText();
        await page.getByLabel(`Part ${i + 1} file`).setInputFiles({ name, mimeType: "application/octet-stream", buffer: FILES[name] });
        await rows.nth(i).locator(".file-missing").waitFor({ state: "detached" });
      }
    }
    const echo = await sendAndEcho(page);
    for (const field of ["method", "args", "form", "files", "data", "json"]) {
      assert.deepEqual(echo[field], expected[field], `${template}: ${field}`);
    }
    for (const [name, value] of Object.entries(expected.headers)) {
      if (["Host", "User-Agent", "Content-Length", "Accept"].includes(name)) continue;
      const ours = name === "Content-Type" ? echo.headers[name]?.split("; boundary=")[0] : echo.headers[name];
      const theirs = name === "Content-Type" ? value.split("; boundary=")[0] : value;
      assert.equal(ours, theirs, `${template}: header ${name}`);
    }
  }
  assert.deepEqual(problems, []);
  await context.close();
});
