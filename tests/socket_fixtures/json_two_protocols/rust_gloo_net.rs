// Cargo.toml: futures = "0.3", gloo-net = { version = "0.6", features = ["json", "websocket"] }
use futures::{SinkExt, StreamExt};
use gloo_net::websocket::{futures::WebSocket, Message};

/// Sends the message and returns the first message back: text as it is, binary as hex.
pub async fn send_message() -> Result<String, Box<dyn std::error::Error>> {
    let url = "ws://127.0.0.1:8080/echo/ws";
    let protocols = ["chat", "json"];
    let message = r#"{"type": "greeting", "text": "hello", "n": 1}"#;

    let mut socket = WebSocket::open_with_protocols(url, &protocols)?;
    socket.send(Message::Text(message.to_owned())).await?;
    let reply = match socket.next().await {
        Some(Ok(Message::Text(text))) => text,
        Some(Ok(Message::Bytes(bytes))) => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        // The connection failed, or closed first (the error gives its code and reason).
        Some(Err(error)) => return Err(error.into()),
        None => return Err("the connection closed before a reply".into()),
    };
    // 1000: a normal closure.
    socket.close(Some(1000), None)?;
    Ok(reply)
}
