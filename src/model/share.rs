//! Share links: the request in the URL fragment (`#request=…`), secrets left out unless the
//! user includes them, with the variables it uses that may travel. The browser compresses the
//! JSON; this module does the rest.

use super::encoding::{base64url_decode, base64url_encode};
use super::json::Json;
use super::request::Request;
use super::secrets::{push_removed, read_removed, strip_secrets, Secrets};
use super::variables::{push_variables, variables_from_json, variables_to_share, Variable};

/// The fragment key of a share link.
pub const SHARE_KEY: &str = "request=";
/// The fragment key of an embedded session (the documented session JSON, compressed).
pub const SESSION_KEY: &str = "session=";

/// What a share link carries: the request (the documented format), which secrets were left
/// out of it, and the variables it uses, so the recipient can send it. The recipient is asked
/// before any of them joins their own variables.
#[derive(Debug, Clone, PartialEq)]
pub struct SharePayload {
    pub request: Request,
    pub removed_secrets: Vec<String>,
    pub variables: Vec<Variable>,
}

impl SharePayload {
    /// The payload for a link to `request`, with the enabled variables of `environment` it
    /// uses. With [`Secrets::LeaveOut`], secrets are stripped from the request
    /// ([`strip_secrets`]) and secret variables stay here, named as "Variable token" among the
    /// removed secrets; with [`Secrets::Include`], both travel.
    pub fn new(request: &Request, environment: &[Variable], secrets: Secrets) -> Self {
        let (request, mut removed_secrets) = match secrets {
            Secrets::LeaveOut => strip_secrets(request),
            Secrets::Include => (request.clone(), Vec::new()),
        };
        let (variables, withheld) = variables_to_share(&request, environment, secrets);
        removed_secrets.extend(withheld.iter().map(|name| format!("Variable {name}")));
        SharePayload {
            request,
            removed_secrets,
            variables,
        }
    }

    /// Compact JSON: what gets compressed into the link. `removed_secrets` and `variables` are
    /// written only when not empty.
    pub fn to_json(&self) -> String {
        let mut out = format!("{{\"request\":{}", self.request.to_json());
        push_removed(&mut out, &self.removed_secrets);
        if !self.variables.is_empty() {
            out.push_str(",\"variables\":");
            push_variables(&mut out, &self.variables);
        }
        out.push('}');
        out
    }

    /// Reads a payload. Links made before `variables` existed read as carrying none, and so
    /// does a malformed list: the request still opens.
    pub fn from_json(json: &str) -> Option<Self> {
        let tree = Json::parse(json)?;
        let request = super::json_format::request_from_json(tree.get("request")?).ok()?;
        Some(SharePayload {
            request,
            removed_secrets: read_removed(&tree),
            variables: variables_from_json(&tree, "variables").unwrap_or_default(),
        })
    }
}

/// The fragment (without `#`) for compressed payload bytes.
pub fn share_fragment(compressed: &[u8]) -> String {
    format!("{SHARE_KEY}{}", base64url_encode(compressed))
}

/// The compressed payload bytes in a fragment (with or without `#`), if it is a share link.
pub fn share_bytes(fragment: &str) -> Option<Vec<u8>> {
    fragment_bytes(fragment, SHARE_KEY)
}

/// The compressed bytes after `key` (`request=`, `session=`) in a fragment, with or without `#`.
pub fn fragment_bytes(fragment: &str, key: &str) -> Option<Vec<u8>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    base64url_decode(fragment.strip_prefix(key)?)
}
