// <http-playground> elements for any page: include this one module script and write
//   <http-playground method="POST" url="https://…" target="python-requests"
//                    body-json='{"title": "Buy groceries"}'></http-playground>
// or <http-playground request='{…the documented request JSON…}'>, or an operation of an API
// description: <http-playground spec="openapi.json" operation="getPetById">. Every element becomes an
// independent playground in its own shadow root (no styles in or out); the wasm module is
// loaded once per page, however many elements there are. See docs/embedding.md.
const base = new URL(".", import.meta.url);

// The build's file names carry content hashes: read them from the app's own page.
const page = await (await fetch(new URL("index.html", base))).text();
const script = page.match(/http-playground-[0-9a-f]+\.js/)[0];
const stylesheet = page.match(/main-[0-9a-f]+\.css/)[0];

globalThis.__httpPlaygroundWidgets = true;
const app = await import(new URL(script, base).href);
await app.default({ module_or_path: new URL(script.replace(/\.js$/, "_bg.wasm"), base) });

function requestOf(element) {
  if (element.hasAttribute("request")) return JSON.parse(element.getAttribute("request"));
  const request = { version: 1, method: element.getAttribute("method") || "GET", url: element.getAttribute("url") || "" };
  if (element.hasAttribute("body-json")) request.body = { type: "json", text: element.getAttribute("body-json") };
  return request;
}

function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0");
}

class HttpPlayground extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL(stylesheet, base).href;
    const mount = document.createElement("div");
    mount.className = "widget-root";
    // Unstyled, the form and its code would flash across the page: shown once styled.
    mount.style.visibility = "hidden";
    const show = () => mount.style.removeProperty("visibility");
    link.addEventListener("load", show);
    link.addEventListener("error", show);
    root.append(link, mount);
    let request;
    try {
      request = requestOf(this);
    } catch (error) {
      mount.textContent = `http-playground: the request attribute is not JSON (${error.message})`;
      return;
    }
    const options = new URLSearchParams({ embed: "1" });
    for (const name of ["target", "readonly", "autorun", "theme", "tab", "operation"]) {
      if (this.hasAttribute(name)) options.set(name, this.getAttribute(name) || "1");
    }
    // An API description: its address as the host page means it.
    if (this.getAttribute("spec")) options.set("spec", new URL(this.getAttribute("spec"), document.baseURI).href);
    const json = JSON.stringify(request);
    // Each element keeps its reader's edits; the same example on another page shares them.
    const key = `http-playground/widget/${hash(json + options)}`;
    app.mount_widget(mount, json, options.toString(), key);
  }
}

customElements.define("http-playground", HttpPlayground);
