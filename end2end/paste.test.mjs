// End-to-end: a multi-line curl command pasted into the URL box (a real clipboard paste,
// Control+V) gives the same request as the Import curl panel. A single-line <input> drops the
// line breaks of pasted text, which used to break backslash continuations and multi-line bodies.
import { test } from "node:test";
import assert from "node:assert/strict";

import { appInBrowser } from "./app-in-browser.mjs";
import { timeoutThenCancel } from "./helpers.mjs";

const HTTPBIN = process.env.HTTPBIN_URL;
const app = appInBrowser();

// Real-world shapes, from API docs and tools, pointed at the local httpbin. `method` and `has`
// check that the request is the intended one, not only that both ways agree.
const COMMANDS = [
  {
    name: "GitHub REST docs",
    method: "POST",
    has: ['"X-GitHub-Api-Version": "2022-11-28"', "Found a bug"],
    text: `curl -L \\
  -X POST \\
  -H "Accept: application/vnd.github+json" \\
  -H "Authorization: Bearer <YOUR-TOKEN>" \\
  -H "X-GitHub-Api-Version: 2022-11-28" \\
  ${HTTPBIN}/anything/repos/OWNER/REPO/issues \\
  -d '{"title":"Found a bug","body":"I'\\''m having a problem with this.","labels":["bug"]}'`,
  },
  {
    name: "Twilio docs",
    method: "POST",
    has: ['"To": "+15558675310"', "HTTPBasicAuth", "AC5ec0", "/Accounts/AC5ec0/"],
    variables: "($TWILIO_ACCOUNT_SID, $TWILIO_AUTH_TOKEN); they became {{TWILIO_ACCOUNT_SID}}, {{TWILIO_AUTH_TOKEN}}",
    text: `curl -X POST "${HTTPBIN}/anything/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID/Messages.json" \\
--data-urlencode "Body=Hi there" \\
--data-urlencode "From=+15017122661" \\
--data-urlencode "To=+15558675310" \\
-u $TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN`,
  },
  {
    name: "HubSpot docs (--url after a continuation)",
    method: "POST",
    has: ['"firstname": "Jane"', "/anything/crm/v3/objects/contacts"],
    text: `curl --request POST \\
  --url ${HTTPBIN}/anything/crm/v3/objects/contacts \\
  --header 'authorization: Bearer YOUR_ACCESS_TOKEN' \\
  --header 'content-type: application/json' \\
  --data '{
  "properties": {
    "email": "example@hubspot.com",
    "firstname": "Jane",
    "lastname": "Doe"
  }
}'`,
  },
  {
    name: "Stripe docs",
    method: "POST",
    has: ["name=Jenny Rosen", "sk_test_EXAMPLE"],
    text: `curl ${HTTPBIN}/anything/v1/customers \\
  -u "sk_test_EXAMPLE:" \\
  -d name="Jenny Rosen" \\
  --data-urlencode email="jenny.rosen@example.com"`,
  },
  {
    name: "Postman code snippet",
    method: "POST",
    has: ['"job": "leader"', "/anything/api/users"],
    text: `curl --location --request POST '${HTTPBIN}/anything/api/users' \\
--header 'Content-Type: application/json' \\
--header 'X-Trace: 1' \\
--data-raw '{
    "name": "morpheus",
    "job": "leader"
}'`,
  },
  {
    name: "DigitalOcean docs (URL last)",
    method: "POST",
    has: ['"region": "nyc3"', "/anything/v2/droplets", "Bearer do-token"],
    variables: "($TOKEN); they became {{TOKEN}}",
    text: `curl -X POST \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $TOKEN" \\
  -d '{"name":"example.com","region":"nyc3","size":"s-1vcpu-1gb","image":"ubuntu-20-04-x64"}' \\
  "${HTTPBIN}/anything/v2/droplets"`,
  },
  {
    name: "OpenAI-style JSON over several lines",
    method: "POST",
    has: ['"content": "You are a helpful assistant."', "/anything/v1/chat/completions", "Bearer sk-test"],
    variables: "($OPENAI_API_KEY); they became {{OPENAI_API_KEY}}",
    text: `curl ${HTTPBIN}/anything/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  --data-raw '{
    "model": "gpt-4o-mini",
    "messages": [
      {"role": "system", "content": "You are a helpful assistant."},
      {"role": "user", "content": "Hello!"}
    ]
  }'`,
  },
  {
    name: "-H continuations indented with tabs",
    method: "PUT",
    has: ['"X-Request-Id": "7f3c"', "line one"],
    text: `curl -X PUT ${HTTPBIN}/put \\\n\t-H 'Accept: application/json' \\\n\t-H 'X-Request-Id: 7f3c' \\\n\t-H 'Content-Type: text/plain' \\\n\t--data-binary 'line one'`,
  },
  {
    name: "Windows CRLF line endings",
    method: "PATCH",
    has: ['"done": True', "/patch"],
    text: `curl -X PATCH "${HTTPBIN}/patch" \\\r\n  -H "Content-Type: application/json" \\\r\n  -H "X-Client: windows" \\\r\n  -d "{\\"done\\": true}"\r\n`,
  },
  {
    name: "a backslash followed by a space",
    method: "DELETE",
    has: ["/delete", '"X-Reason": "cleanup"'],
    text: `curl -X DELETE \\ \n  '${HTTPBIN}/delete?id=42' \\ \n  -H 'X-Reason: cleanup'`,
  },
];

/** A page of its own (fresh storage), allowed to use the clipboard. */
async function freshPage() {
  const context = await app.browser.newContext({ viewport: { width: 1360, height: 860 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.site.url });
  // The reader's variables, which the docs' shell variables ($TOKEN) are imported as.
  await context.addInitScript(() => {
    const variables = [["TWILIO_ACCOUNT_SID", "AC5ec0"], ["TWILIO_AUTH_TOKEN", "twilio-token"], ["TOKEN", "do-token"], ["OPENAI_API_KEY", "sk-test"]];
    localStorage.setItem("http-playground/draft.variables", JSON.stringify({ variables: variables.map(([name, value]) => ({ name, value, enabled: true, secret: false })) }));
  });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(app.site.url + "/");
  await page.getByRole("button", { name: "Send" }).waitFor();
  return { context, page, problems };
}

/** What the form holds, as the user sees it: method, URL box, the notice, and the request as
 * Python and as curl (both functions of the whole request: headers, auth, body, timeout). */
async function formState(page) {
  const code = page.getByRole("region", { name: "Code" });
  const snippet = code.getByRole("tabpanel", { name: "Generated code" });
  const python = await snippet.innerText();
  await code.getByRole("tab", { name: "curl", exact: true }).click();
  const curl = await snippet.innerText();
  return {
    method: await page.getByRole("combobox", { name: "Method" }).inputValue(),
    url: await page.getByRole("textbox", { name: "URL", exact: true }).inputValue(),
    notice: await page.locator(".notice").first().innerText(),
    python,
    curl,
  };
}

async function throughPanel(text) {
  const { context, page, problems } = await freshPage();
  await page.getByRole("button", { name: "Import curl" }).click();
  await page.getByRole("textbox", { name: "curl command" }).fill(text);
  await page.getByRole("dialog", { name: "Import curl" }).getByRole("button", { name: "Import" }).click();
  await page.getByText("Imported from curl.").waitFor();
  const state = await formState(page);
  assert.deepEqual(problems, []);
  await context.close();
  return state;
}

async function throughUrlBox(text) {
  const { context, page, problems } = await freshPage();
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text, "the clipboard holds the command");
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  await url.focus();
  // Over the whole box, as people replace a URL; pasting without a selection is tested below.
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await page.getByText("Imported from curl.").waitFor();
  const state = await formState(page);
  // The pasted request is sent as it reads.
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  assert.deepEqual(problems, []);
  await context.close();
  return state;
}

for (const command of COMMANDS) {
  test(`pasted into the URL box like the Import panel: ${command.name}`, async () => {
    const panel = await throughPanel(command.text);
    assert.equal(panel.method, command.method);
    for (const part of command.has) {
      assert.ok(panel.python.includes(part), `${part} missing from\n${panel.python}`);
    }
    assert.doesNotMatch(panel.notice, /was left out/);
    if (command.variables) assert.ok(panel.notice.includes(`The command uses shell variables ${command.variables}`), panel.notice);
    const pasted = await throughUrlBox(command.text);
    assert.deepEqual(pasted, panel);
  });
}

test("a curl command pasted after the URL already in the box replaces the whole request", async () => {
  const { context, page } = await freshPage();
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  assert.notEqual(await url.inputValue(), "", "a new page starts with an example URL");
  await page.evaluate((t) => navigator.clipboard.writeText(t), `curl -X PUT ${HTTPBIN}/put \\\n  -H 'X-Lesson: 3'`);
  await url.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("Control+V");
  await page.getByText("Imported from curl.").waitFor();
  assert.equal(await url.inputValue(), `${HTTPBIN}/put`);
  assert.equal(await page.getByRole("combobox", { name: "Method" }).inputValue(), "PUT");
  await context.close();
});

test("pasting a URL (not curl) into the URL box still pastes it at the cursor", async () => {
  const { context, page } = await freshPage();
  const url = page.getByRole("textbox", { name: "URL", exact: true });
  await url.fill(`${HTTPBIN}/anything/`);
  await page.evaluate(() => navigator.clipboard.writeText("pasted?q=1"));
  await url.focus();
  await page.keyboard.press("End");
  await page.keyboard.press("Control+V");
  assert.equal(await url.inputValue(), `${HTTPBIN}/anything/pasted?q=1`);
  assert.equal(await page.locator(".notice").count(), 0);
  await context.close();
});

/** Pastes `text` over the URL box's content. */
async function pasteIntoUrlBox(page, text) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole("textbox", { name: "URL", exact: true }).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Control+V");
  await page.getByText("Imported from curl.").waitFor();
}

test("after a pasted PATCH, DELETE notes the body it still sends and GET names the methods that can", async () => {
  const { context, page } = await freshPage();
  await pasteIntoUrlBox(page, `curl -X PATCH ${HTTPBIN}/anything/posts/1 \\\n  -H 'Content-Type: application/json' \\\n  -d '{"title": "foo"}'`);
  const method = page.getByRole("combobox", { name: "Method" });
  const note = page.locator(".body-note");
  assert.equal(await note.count(), 0);
  await method.selectOption("DELETE");
  await note.waitFor();
  assert.match(await note.innerText(), /DELETE usually carries none.*Set the body to None/);
  await page.getByRole("button", { name: "Send" }).click();
  await page.getByRole("region", { name: "Response" }).getByText("200 OK").waitFor({ timeout: 10000 });
  await method.selectOption("GET");
  assert.equal(await note.count(), 0);
  await page.getByRole("tab", { name: /^Body/ }).first().click();
  assert.match(await page.locator(".body-editor").innerText(), /any method but GET and HEAD \(POST, PUT, PATCH, DELETE…\)/);
  await context.close();
});

test("history rows of a timeout and a cancel show no meaningless 0 ms", async () => {
  const { context, page } = await freshPage();
  await pasteIntoUrlBox(page, `curl --max-time 1 \\\n  ${HTTPBIN}/delay/3`);
  await page.getByRole("button", { name: "Send" }).click();
  await timeoutThenCancel(page);
  const rows = page.getByRole("region", { name: "History" }).locator(".history-item");
  await rows.nth(1).waitFor();
  const texts = await rows.allInnerTexts();
  assert.match(texts[0], /cancelled/);
  assert.match(texts[1], /timeout after 1 s/);
  for (const text of texts) {
    assert.doesNotMatch(text, /\b0 ms/, text);
  }
  await context.close();
});
