import sys

from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

url = "ws://127.0.0.1:8080/echo/ws"
subprotocols = ["chat", "json"]
message = '{"type": "greeting", "text": "hello", "n": 1}'

try:
    with connect(url, subprotocols=subprotocols) as websocket:
        websocket.send(message)
        reply = websocket.recv(timeout=10)
except TimeoutError:
    sys.exit("Timed out after 10 seconds")
except OSError as e:
    sys.exit(f"Network error: {e}")
except WebSocketException as e:
    sys.exit(f"WebSocket error: {e}")

# A text message arrives as str, a binary one as bytes (printed as hex).
if isinstance(reply, bytes):
    print(reply.hex())
else:
    print(reply)
