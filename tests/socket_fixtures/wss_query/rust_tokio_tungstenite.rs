// Cargo.toml: futures-util = { version = "0.3", features = ["sink"] },
// tokio = { version = "1", features = ["macros", "rt-multi-thread", "time"] },
// tokio-tungstenite = { version = "0.29", features = ["native-tls"] }
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::time::timeout;
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = "wss://echo.example.org/socket?token=abc%20def&room=42";
    let protocols = ["graphql-transport-ws"];
    let message = r#"{"type": "connection_init"}"#;

    // Offered in the Sec-WebSocket-Protocol header; the server picks one of them
    // (tungstenite refuses a server that picks none: NoSubProtocol).
    let mut request = url.into_client_request()?;
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", protocols.join(", ").parse()?);
    let (mut socket, _response) = timeout(Duration::from_secs(10), connect_async(request))
        .await
        .map_err(|_| "no connection within 10 seconds")??;
    socket.send(Message::text(message)).await?;

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
