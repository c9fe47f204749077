const url = "ws://127.0.0.1:8080/echo/ws";
const protocols = ["chat", "json"];
const message = '{"type": "greeting", "text": "hello", "n": 1}';

// The first message back; rejected when the connection fails or closes before one.
const reply = await new Promise((resolve, reject) => {
  const socket = new WebSocket(url, protocols);
  socket.binaryType = "arraybuffer";
  const timer = setTimeout(() => {
    reject(new Error("No reply within 10 seconds"));
    socket.close();
  }, 10000);
  socket.addEventListener("open", () => socket.send(message));
  socket.addEventListener("message", (event) => {
    clearTimeout(timer);
    resolve(event.data);
    socket.close(1000);
  });
  socket.addEventListener("error", () => {
    clearTimeout(timer);
    reject(new Error("The WebSocket connection failed"));
  });
  socket.addEventListener("close", (event) => {
    clearTimeout(timer);
    reject(new Error(`Closed before a reply: ${event.code} ${event.reason}`));
  });
});

// A text message arrives as a string, a binary one as an ArrayBuffer (printed as hex).
if (typeof reply === "string") {
  console.log(reply);
} else {
  const bytes = Array.from(new Uint8Array(reply));
  console.log(bytes.map((b) => b.toString(16).padStart(2, "0")).join(""));
}
