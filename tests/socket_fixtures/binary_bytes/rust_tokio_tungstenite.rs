// Cargo.toml: futures-util = { version = "0.3", features = ["sink"] }, tokio-tungstenite = "0.29",
// tokio = { version = "1", features = ["macros", "rt-multi-thread", "time"] }
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::timeout;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = "ws://127.0.0.1:8080/echo/ws";
    let message = b"\x00\x01\x7f\x80\xff";

    let (mut socket, _response) = timeout(Duration::from_secs(10), connect_async(url))
        .await
        .map_err(|_| "no connection within 10 seconds")??;
    socket.send(Message::binary(message.to_vec())).await?;

    // The first text or binary message back (tungstenite answers pings by itself).
    let reply = loop {
        let received = timeout(Duration::from_secs(10), socket.next())
            .await
            .map_err(|_| "no reply within 10 seconds")?;
        match received {
            Some(Ok(Message::Text(text))) => break text.to_string(),
            Some(Ok(Message::Binary(bytes))) => {
                break bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
            }
            Some(Ok(Message::Close(frame))) => {
                let code = frame.map_or(1005, |f| u16::from(f.code));
                return Err(format!("the connection closed before a reply, code {code}").into());
            }
            Some(Ok(_)) => {}
            Some(Err(error)) => return Err(error.into()),
            None => return Err("the connection closed before a reply".into()),
        }
    };
    println!("{reply}");

    let normal = CloseFrame {
        code: CloseCode::Normal,
        reason: "".into(),
    };
    socket.close(Some(normal)).await?;
    Ok(())
}
