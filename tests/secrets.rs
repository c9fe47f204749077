//! What is secret: the name classifier, values that are only `{{variable}}` references, and
//! every position `strip_secrets` empties, as tables.
#![cfg(not(target_arch = "wasm32"))]

use http_playground::model::{
    is_reference_only, is_secret, is_secret_name, strip_secrets, ApiKeyLocation, Auth, Body,
    KeyValue, Request, Slot,
};

/// One name per line: `secret` or `plain`, then the name (spaces around it are part of the
/// case: they are trimmed).
const NAMES: &str = r#"
secret Authorization
secret authorization
secret PROXY-AUTHORIZATION
secret proxy_authorization
secret Cookie
secret Set-Cookie
secret set_cookie
secret X-API-Key
secret x_api_key
secret X-Api_Key
secret xapikey
secret Api-Key
secret APIKEY
secret key
secret KEY
secret _k-e_y-
secret token
secret access_token
secret Access-Token
secret refresh_token
secret id_token
secret client_secret
secret Client-Secret
secret secret
secret password
secret passwd
secret pwd
secret PWD
secret session
secret session_id
secret SessionId
secret signature
secret sig
secret X-Auth-Token
secret X-CSRF-Token
secret   token  
secret X-Goog-Api-Key
secret github_token
secret tokenizer
secret x-amz-security-token
secret db_password
secret NewPasswordHint
secret api_secret
secret secretary
secret author
secret AUTHOR
secret oauth_verifier
secret WWW-Authenticate
secret Authentication-Info
secret X-Authority
secret X-Amz-Signature
secret X-Goog-Signature
secret oauth_signature_method
secret Ocp-Apim-Subscription-Key
secret X-Functions-Key
secret private_key
secret PRIVATE-TOKEN
secret X-Private
secret passphrase
secret ssh_passphrase
secret jwt
secret X-JWT-Assertion
secret X-Session-Id
secret JSESSIONID
secret ASP.NET_SessionId
secret sessions
secret session-timeout
secret X-Amz-Credential
secret credentials
secret public_key
secret x-key
secret Idempotency-Key
secret Sec-WebSocket-Key
secret monkey
secret hotkey
secret api key
secret api.key
secret sort_key
secret X-Session
secret Access-Control-Request-Private-Network
secret signature_method
plain keyboard
plain keys
plain key-id
plain keyring
plain Accept
plain Content-Type
plain User-Agent
plain username
plain user
plain pass
plain pw
plain csrf
plain x-csrf
plain cookies
plain signed
plain sig2
plain PHPSESSID
plain privacy
plain tok en
plain 
"#;

#[test]
fn names_are_secret_by_the_documented_rule() {
    let mut checked = 0;
    for line in NAMES.lines().filter(|l| !l.is_empty()) {
        let (kind, name) = line.split_once(' ').unwrap();
        let expected = match kind {
            "secret" => true,
            "plain" => false,
            other => panic!("unknown kind {other:?} in {line:?}"),
        };
        assert_eq!(is_secret_name(name), expected, "{name:?}");
        checked += 1;
    }
    assert_eq!(checked, 101);
}

#[test]
fn values_are_secret_where_credentials_go_unless_they_only_name_variables() {
    let table: &[(Slot, &str, bool)] = &[
        (Slot::AuthPassword, "hunter2", true),
        (Slot::AuthPassword, "", false),
        (Slot::AuthToken, "abc", true),
        (Slot::AuthApiKey, "k", true),
        (Slot::UrlPassword, "p", true),
        (Slot::UrlCredentials, "ghp_abc", true),
        (Slot::Header("Authorization"), "Bearer abc", true),
        (Slot::Header("Accept"), "application/json", false),
        (Slot::QueryParameter("api_key"), "abc", true),
        (Slot::QueryParameter("q"), "abc", false),
        (Slot::FragmentParameter("access_token"), "abc", true),
        (Slot::FormField("password"), "pw", true),
        (Slot::FormField("username"), "ada", false),
        // Only references: the value carries no secret, the recipient's variables fill it.
        (Slot::AuthToken, "{{token}}", false),
        (Slot::AuthToken, " {{ token }} ", false),
        (Slot::AuthToken, "{{a}} {{b}}", false),
        (Slot::Header("Authorization"), "Bearer {{token}}", false),
        (Slot::Header("Authorization"), "Token  {{token}}", false),
        (Slot::Header("X-API-Key"), "{{api.key-1}}", false),
        // Anything else typed may be part of the secret.
        (Slot::AuthToken, "x{{token}}", true),
        (Slot::AuthToken, "{{token}}x", true),
        (Slot::AuthToken, "{{a}}:{{b}}", true),
        (Slot::AuthToken, "Bearer{{token}}", true),
        (Slot::AuthToken, "Bearer Token {{token}}", true),
        (Slot::AuthToken, "Bearer1 {{token}}", true),
        (Slot::AuthToken, "Bearer", true),
        (Slot::AuthToken, "{{not a name}}", true),
        (Slot::AuthToken, "{{}}", true),
        (Slot::AuthToken, "{{token", true),
        (Slot::Header("Cookie"), "sid={{sid}}", true),
    ];
    for &(slot, value, expected) in table {
        assert_eq!(is_secret(slot, value), expected, "{slot:?} {value:?}");
    }
    assert!(is_reference_only("{{x}}") && !is_reference_only("") && !is_reference_only("x"));
}

#[test]
fn every_position_is_emptied_and_named() {
    let mut disabled = KeyValue::new("Cookie", "sid=abc");
    disabled.enabled = false;
    let request = Request {
        method: "POST".into(),
        url: "https://ada:pa55@api.example.com/v1?api_key=k1&q=ok#access_token=t1&state=s".into(),
        params: vec![
            KeyValue::new("page", "2"),
            KeyValue::new("Signature", "s1"),
            KeyValue::new("token", "{{token}}"),
        ],
        headers: vec![
            KeyValue::new("Accept", "application/json"),
            KeyValue::new(" X-API-Key ", "k2"),
            KeyValue::new("Authorization", "Bearer {{token}}"),
            disabled,
            KeyValue::new("Cookie", "sid=def"),
        ],
        auth: Auth::ApiKey {
            name: "X-Other".into(),
            value: "k3".into(),
            location: ApiKeyLocation::Header,
        },
        body: Body::Form {
            fields: vec![
                KeyValue::new("username", "ada"),
                KeyValue::new("password", "pw"),
            ],
        },
        ..Request::default()
    };
    let (stripped, removed) = strip_secrets(&request);
    assert_eq!(
        removed,
        [
            "Auth API key value",
            "Password in the URL",
            "Query parameter api_key",
            "URL fragment parameter access_token",
            "Query parameter Signature",
            "Header X-API-Key",
            "Header Cookie",
            "Form field password",
        ]
    );
    let expected = Request {
        url: "https://ada:@api.example.com/v1?api_key=&q=ok#access_token=&state=s".into(),
        params: vec![
            KeyValue::new("page", "2"),
            KeyValue::new("Signature", ""),
            KeyValue::new("token", "{{token}}"),
        ],
        headers: vec![
            KeyValue::new("Accept", "application/json"),
            KeyValue::new(" X-API-Key ", ""),
            KeyValue::new("Authorization", "Bearer {{token}}"),
            KeyValue {
                value: String::new(),
                ..request.headers[3].clone()
            },
            KeyValue::new("Cookie", ""),
        ],
        auth: Auth::ApiKey {
            name: "X-Other".into(),
            value: String::new(),
            location: ApiKeyLocation::Header,
        },
        body: Body::Form {
            fields: vec![
                KeyValue::new("username", "ada"),
                KeyValue::new("password", ""),
            ],
        },
        ..request.clone()
    };
    assert_eq!(stripped, expected);
    // Nothing left to strip the second time.
    assert_eq!(strip_secrets(&stripped), (stripped.clone(), Vec::new()));
}

/// URL, the URL after stripping, and what was named (`-`: nothing), separated by ` | `.
const URLS: &str = r#"
https://user:pass@host.test/p | https://user:@host.test/p | Password in the URL
https://user:{{password}}@host.test/ | https://user:{{password}}@host.test/ | -
https://:pass@host.test/ | https://:@host.test/ | Password in the URL
https://ghp_abc@github.com/x | https://github.com/x | Credentials in the URL
https://{{user}}@github.com/x | https://{{user}}@github.com/x | -
https://u:p:q@host.test\path | https://u:@host.test\path | Password in the URL
https://x.test/a@b?key=1 | https://x.test/a@b?key= | Query parameter key
https://x.test/?api_key=abc&q=1 | https://x.test/?api_key=&q=1 | Query parameter api_key
https://x.test/?API%2DKEY=abc&&token | https://x.test/?API%2DKEY=&&token | Query parameter API-KEY
https://x.test/?token={{token}} | https://x.test/?token={{token}} | -
https://x.test/?monkey=1&keyboard=2 | https://x.test/?monkey=&keyboard=2 | Query parameter monkey
https://x.test/?X-Amz-Signature=abc&X-Amz-Date=1 | https://x.test/?X-Amz-Signature=&X-Amz-Date=1 | Query parameter X-Amz-Signature
https://x.test/cb#access_token=abc&state=1 | https://x.test/cb#access_token=&state=1 | URL fragment parameter access_token
https://x.test/#section | https://x.test/#section | -
x.test/?password=p | x.test/?password= | Query parameter password
"#;

#[test]
fn urls_lose_their_user_password_and_secret_query_pairs_only() {
    for line in URLS.lines().filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split(" | ").collect();
        let request = Request {
            url: parts[0].to_owned(),
            ..Request::default()
        };
        let (stripped, removed) = strip_secrets(&request);
        assert_eq!(stripped.url, parts[1], "{line}");
        let expected: Vec<&str> = parts[2].split(", ").filter(|s| *s != "-").collect();
        assert_eq!(removed, expected, "{line}");
    }
}

mod properties {
    //! For arbitrary requests with secrets in every position, what leaves the user's storage
    //! (share links, history, exported variables) holds no secret value unless the user opts
    //! in, and does hold them when they do (so an emptied-everything bug would fail too).

    use proptest::prelude::*;
    use proptest::sample::select;

    use http_playground::model::{
        environment_to_json, history_to_json, is_secret_name, ApiKeyLocation, Auth, Body,
        HistoryEntry, KeyValue, Outcome, Request, Secrets, SharePayload, Variable,
    };

    /// Names the classifier calls secret, spelled as the spec lists them and as people write
    /// them; each is then re-cased and re-punctuated at random.
    const SECRET_NAMES: &[&str] = &[
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
        "x-api-key",
        "api-key",
        "apikey",
        "key",
        "token",
        "access_token",
        "refresh_token",
        "id_token",
        "client_secret",
        "secret",
        "password",
        "passwd",
        "pwd",
        "session",
        "sessionid",
        "signature",
        "sig",
        "x-auth-token",
        "x-csrf-token",
        "github_token",
        "db_password",
        "x-goog-apikey",
        "oauth_state",
        "x-amz-signature",
        "ocp-apim-subscription-key",
        "x-functions-key",
        "private_key",
        "passphrase",
        "jwt",
        "x-session-id",
        "jsessionid",
        "x-amz-credential",
    ];

    /// Names that are not secret, for the values that must survive.
    const PLAIN_NAMES: &[&str] = &["page", "q", "Accept", "X-Trace", "keyboard", "keys"];

    /// A secret name in random case, with `-` and `_` added or swapped at random.
    fn secret_name() -> impl Strategy<Value = String> {
        (
            select(SECRET_NAMES),
            proptest::collection::vec(any::<(bool, u8)>(), 24),
        )
            .prop_map(|(name, noise)| {
                let mut out = String::new();
                for (c, (upper, punctuation)) in name.chars().zip(noise.iter().cycle()) {
                    let c = match c {
                        '-' | '_' if punctuation % 2 == 0 => '-',
                        '-' | '_' => '_',
                        c if *upper => c.to_ascii_uppercase(),
                        c => c,
                    };
                    out.push(c);
                    match punctuation % 16 {
                        0 => out.push('-'),
                        1 => out.push('_'),
                        _ => {}
                    }
                }
                out
            })
    }

    /// A secret value no other text could contain by chance.
    fn secret() -> impl Strategy<Value = String> {
        "[A-Za-z0-9]{16}".prop_map(|s| format!("S3CR3T{s}"))
    }

    /// A value that must survive stripping.
    fn kept() -> impl Strategy<Value = String> {
        "[A-Za-z0-9]{16}".prop_map(|s| format!("KEEP{s}"))
    }

    fn secret_rows() -> impl Strategy<Value = Vec<(String, String, bool)>> {
        proptest::collection::vec((secret_name(), secret(), any::<bool>()), 0..3)
    }

    /// One arbitrary request, its environment, and where the secrets went.
    #[derive(Debug)]
    struct Case {
        request: Request,
        environment: Vec<Variable>,
        /// Secret values typed into the request.
        request_secrets: Vec<String>,
        /// Values of secret variables (by name or marked) the request uses.
        variable_secrets: Vec<String>,
        /// Values and references that must survive stripping.
        kept: Vec<String>,
        /// Values of plain variables the request uses: they travel in share links.
        carried: Vec<String>,
    }

    fn case() -> impl Strategy<Value = Case> {
        (
            (secret_rows(), secret_rows(), secret_rows()),
            proptest::collection::vec((secret_name(), secret()), 0..3),
            (0..3u8, secret()),
            (0..4u8, secret(), any::<bool>()),
            proptest::collection::vec((select(PLAIN_NAMES), kept()), 1..4),
            proptest::collection::vec((0..3u8, secret(), kept()), 0..4),
            (any::<String>(), any::<String>(), "[a-z0-9/._-]{0,12}"),
        )
            .prop_map(
                |(
                    (params, headers, fields),
                    url_pairs,
                    (userinfo_kind, userinfo_secret),
                    (auth_kind, auth_secret, api_key_in_query),
                    plain,
                    variables,
                    (noise_name, noise_value, path),
                )| {
                    build(
                        params,
                        headers,
                        fields,
                        url_pairs,
                        (userinfo_kind, userinfo_secret),
                        (auth_kind, auth_secret, api_key_in_query),
                        plain,
                        variables,
                        (noise_name, noise_value, path),
                    )
                },
            )
    }

    type Rows = Vec<(String, String, bool)>;

    #[allow(clippy::too_many_arguments)]
    fn build(
        params: Rows,
        headers: Rows,
        fields: Rows,
        url_pairs: Vec<(String, String)>,
        (userinfo_kind, userinfo_secret): (u8, String),
        (auth_kind, auth_secret, api_key_in_query): (u8, String, bool),
        plain: Vec<(&str, String)>,
        variables: Vec<(u8, String, String)>,
        (noise_name, noise_value, path): (String, String, String),
    ) -> Case {
        let mut request_secrets = Vec::new();
        let mut kept = Vec::new();
        let mut rows = |list: Rows, secrets: &mut Vec<String>| -> Vec<KeyValue> {
            let mut out: Vec<KeyValue> = list
                .into_iter()
                .map(|(name, value, enabled)| {
                    secrets.push(value.clone());
                    KeyValue {
                        name,
                        value,
                        enabled,
                    }
                })
                .collect();
            for (name, value) in &plain {
                kept.push(value.clone());
                out.push(KeyValue::new(*name, value.clone()));
            }
            out.push(KeyValue::new(noise_name.clone(), noise_value.clone()));
            out
        };
        let mut params = rows(params, &mut request_secrets);
        let mut headers = rows(headers, &mut request_secrets);
        let fields = rows(fields, &mut request_secrets);

        let userinfo = match userinfo_kind {
            0 => String::new(),
            1 => format!("ada:{userinfo_secret}@"),
            _ => format!("{userinfo_secret}@"),
        };
        if userinfo_kind > 0 {
            request_secrets.push(userinfo_secret);
        }
        let mut query = vec![format!("page={}", plain[0].1)];
        for (name, value) in url_pairs {
            query.push(format!("{name}={value}"));
            request_secrets.push(value);
        }
        let url = format!(
            "https://{userinfo}api.example.com/{path}?{}",
            query.join("&")
        );

        let auth = match auth_kind {
            0 => Auth::None,
            1 => Auth::Basic {
                username: plain[0].1.clone(),
                password: auth_secret.clone(),
            },
            2 => Auth::Bearer {
                token: auth_secret.clone(),
            },
            _ => Auth::ApiKey {
                name: "X-Key-Name".to_owned(),
                value: auth_secret.clone(),
                location: if api_key_in_query {
                    ApiKeyLocation::Query
                } else {
                    ApiKeyLocation::Header
                },
            },
        };
        if auth_kind > 0 {
            request_secrets.push(auth_secret);
        }

        // Variables: secret by name, marked secret, or plain; each used by the request, in a
        // secret-named slot as a reference (which is kept) or in a plain header.
        let mut environment = Vec::new();
        let mut variable_secrets = Vec::new();
        let mut carried = Vec::new();
        for (i, (kind, secret_value, plain_value)) in variables.into_iter().enumerate() {
            let variable = match kind {
                0 => Variable::new(format!("api_token_{i}"), secret_value.clone()),
                1 => Variable {
                    secret: true,
                    ..Variable::new(format!("region-{i}"), secret_value.clone())
                },
                _ => Variable::new(format!("base.{i}"), plain_value.clone()),
            };
            match kind {
                0 | 1 => variable_secrets.push(secret_value),
                _ => carried.push(plain_value),
            }
            let reference = format!("{{{{{}}}}}", variable.name);
            kept.push(reference.clone());
            if i % 2 == 0 {
                headers.push(KeyValue::new(
                    "Authorization",
                    format!("Bearer {reference}"),
                ));
            } else {
                params.push(KeyValue::new("X-Var", reference));
            }
            environment.push(variable);
        }
        // An unused secret variable never travels, even when secrets are included.
        environment.push(Variable::new("unused_password", "S3CR3TunusedVariable"));

        Case {
            request: Request {
                method: "POST".to_owned(),
                url,
                params,
                headers,
                auth,
                body: Body::Form { fields },
                ..Request::default()
            },
            environment,
            request_secrets,
            variable_secrets,
            kept,
            carried,
        }
    }

    fn absent(text: &str, values: &[String], what: &str) -> Result<(), TestCaseError> {
        for value in values {
            prop_assert!(
                !text.contains(value.as_str()),
                "{what} holds {value}:\n{text}"
            );
        }
        Ok(())
    }

    fn present(text: &str, values: &[String], what: &str) -> Result<(), TestCaseError> {
        for value in values {
            prop_assert!(
                text.contains(value.as_str()),
                "{what} lacks {value}:\n{text}"
            );
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn nothing_secret_leaves_unless_the_user_includes_it(case in case()) {
            let Case {
                request,
                environment,
                request_secrets,
                variable_secrets,
                kept,
                carried,
            } = case;
            for row in request.headers.iter().chain(&request.params) {
                if row.value.starts_with("S3CR3T") {
                    prop_assert!(is_secret_name(&row.name), "{} is not secret", row.name);
                }
            }
            let all_secrets: Vec<String> =
                request_secrets.iter().chain(&variable_secrets).cloned().collect();
            let unused = ["S3CR3TunusedVariable".to_owned()];

            let shared = SharePayload::new(&request, &environment, Secrets::LeaveOut).to_json();
            absent(&shared, &all_secrets, "share link")?;
            absent(&shared, &unused, "share link")?;
            present(&shared, &kept, "share link")?;
            present(&shared, &carried, "share link")?;
            let with = SharePayload::new(&request, &environment, Secrets::Include).to_json();
            present(&with, &all_secrets, "share link with secrets")?;
            absent(&with, &unused, "share link with secrets")?;

            let entry = |secrets| HistoryEntry::new(&request, &Outcome::Cancelled, 1, secrets);
            let history = history_to_json(&[entry(Secrets::LeaveOut)]);
            absent(&history, &all_secrets, "history")?;
            present(&history, &kept, "history")?;
            let kept_history = history_to_json(&[entry(Secrets::Include)]);
            present(&kept_history, &request_secrets, "history with secrets")?;
            // History holds the request as typed: variable values never.
            absent(&kept_history, &variable_secrets, "history with secrets")?;

            let (exported, removed) = environment_to_json(&environment, Secrets::LeaveOut);
            absent(&exported, &variable_secrets, "exported variables")?;
            absent(&exported, &unused, "exported variables")?;
            present(&exported, &carried, "exported variables")?;
            prop_assert_eq!(removed.len(), variable_secrets.len() + 1);
            let (everything, _) = environment_to_json(&environment, Secrets::Include);
            present(&everything, &variable_secrets, "exported variables with secrets")?;
        }
    }
}

#[test]
fn an_examples_own_credentials_are_kept_and_the_readers_are_not() {
    use http_playground::model::{secret_values, strip_secrets_except};
    let author = Request {
        url: "https://user:lesson-pass@api.example/?api_key=lesson-key".to_owned(),
        auth: Auth::Basic {
            username: "user".to_owned(),
            password: "lesson-pass".to_owned(),
        },
        ..Request::default()
    };
    let known = secret_values(&author);
    assert_eq!(known, vec!["lesson-pass", "lesson-key"]);
    // The reader changed the key and added a token of their own.
    let mut edited = author.clone();
    edited.url = "https://user:lesson-pass@api.example/?api_key=readers-key".to_owned();
    edited
        .headers
        .push(KeyValue::new("X-Auth-Token", "readers-token"));
    let (kept, removed) = strip_secrets_except(&edited, &known);
    assert_eq!(kept.url, "https://user:lesson-pass@api.example/?api_key=");
    assert_eq!(kept.auth, author.auth);
    assert_eq!(kept.headers[0].value, "");
    assert_eq!(
        removed,
        vec!["Query parameter api_key", "Header X-Auth-Token"]
    );
}

/// A link holds up to 1 MB: 100,000 secret rows of distinct names are emptied and each named
/// once, in order, and an example's own values kept, without comparing each name or value with
/// every earlier one (~5×10⁹ steps: minutes here, and a frozen tab at each save of a draft).
#[test]
fn many_distinct_secrets_are_stripped_without_quadratic_work() {
    use http_playground::model::{secret_values, strip_secrets_except};
    const N: usize = 100_000;
    let request = Request {
        params: (0..N)
            .map(|i| KeyValue::new(format!("token{i}"), format!("v{i}")))
            .chain([KeyValue::new("token0", "again")])
            .collect(),
        ..Request::default()
    };
    let values = secret_values(&request);
    assert_eq!(values.len(), N + 1);
    assert_eq!((values[0].as_str(), values[N].as_str()), ("v0", "again"));

    let (stripped, removed) = strip_secrets(&request);
    assert_eq!(removed.len(), N, "token0 is named once");
    assert_eq!(removed[N - 1], format!("Query parameter token{}", N - 1));
    assert!(stripped.params.iter().all(|row| row.value.is_empty()));

    // The first half are the example's own values: kept.
    let (kept, removed) = strip_secrets_except(&request, &values[..N / 2]);
    assert_eq!(removed.len(), N / 2 + 1);
    assert_eq!(removed[0], format!("Query parameter token{}", N / 2));
    assert_eq!(removed[N / 2], "Query parameter token0");
    assert_eq!(kept.params[N / 2 - 1].value, format!("v{}", N / 2 - 1));
    assert_eq!(kept.params[N / 2].value, "");
    assert_eq!(kept.params[N].value, "");
}
