import sys

from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

url = "ws://127.0.0.1:8080/echo/ws"
message = bytes.fromhex("00 01 7f 80 ff")

try:
    with connect(url) as websocket:
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
