// Turns each <div class="example" data-request='…'> (or data-session='…') of the lesson into an
// embedded playground: an iframe of ../?embed=1&target=…#request=… (or #session=…), sized to its
// content.
// ?api=<base> points the httpbin examples, ?json=<base> the JSONPlaceholder ones and
// ?github=<base> the GitHub one at other servers (a local httpbin and json-server), so the
// lesson runs offline in a classroom. The streaming example uses the companion server's echo
// API (`make serve`, http://127.0.0.1:8080/echo): ?echo=<base> points it elsewhere, and a page
// served by the companion server itself uses its own.
const page = new URLSearchParams(location.search);
const servedByCompanion = document.querySelector('meta[name="http-playground-server"]') !== null;
const BASES = [
  ["https://httpbin.org", page.get("api")],
  ["https://jsonplaceholder.typicode.com", page.get("json")],
  ["https://api.github.com", page.get("github")],
  ["http://127.0.0.1:8080/echo", page.get("echo") || (servedByCompanion ? location.origin + "/echo" : null)],
];

function rebase(url) {
  for (const [from, to] of BASES) {
    if (to && url.startsWith(from)) return to.replace(/\/$/, "") + url.slice(from.length);
  }
  return url;
}

// `#request=` (one request, inside a share payload) or `#session=` (several requests).
async function fragment(example) {
  const [key, json] = example.dataset.session
    ? ["session", JSON.stringify(rebaseSession(JSON.parse(example.dataset.session)))]
    : ["request", JSON.stringify({ request: rebaseRequest(JSON.parse(example.dataset.request)) })];
  return `#${key}=${await deflated(json)}`;
}

function rebaseRequest(request) {
  return { version: 1, ...request, url: rebase(request.url) };
}

function rebaseSession(session) {
  return { version: 1, ...session, requests: session.requests.map(rebaseRequest) };
}

async function deflated(json) {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

for (const example of document.querySelectorAll(".example")) {
  const options = new URLSearchParams({ embed: "1", target: example.dataset.target || "python-requests" });
  for (const [name, value] of new URLSearchParams(example.dataset.options || "")) options.set(name, value);
  if (page.get("theme")) options.set("theme", page.get("theme"));
  const frame = document.createElement("iframe");
  frame.title = example.dataset.title;
  frame.loading = "lazy";
  frame.src = `../?${options}${await fragment(example)}`;
  example.replaceChildren(frame);
}

addEventListener("message", (event) => {
  if (event.data?.type !== "http-playground:height") return;
  for (const frame of document.querySelectorAll(".example iframe")) {
    if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
  }
});
