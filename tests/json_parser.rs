//! Our JSON parser against serde_json as an independent judge: the same texts are valid, valid
//! texts give the same values, and no input (however deep) crashes it.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;

use http_playground::model::{pretty_json, Json};

/// Our tree as a serde_json value, numbers parsed by serde_json from our spelling.
fn to_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).expect("our number spelling is JSON"),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(to_value).collect()),
        Json::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_value(v)))
                .collect(),
        ),
    }
}

fn agrees_with_serde(text: &str) -> Result<(), TestCaseError> {
    let ours = Json::parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Some(ours), Ok(theirs)) => prop_assert_eq!(&to_value(ours), theirs, "{:?}", text),
        (None, Err(_)) => {}
        // RFC 8259 allows numbers beyond f64's range; serde_json refuses them.
        (Some(_), Err(e)) if e.to_string().contains("out of range") => {}
        _ => prop_assert!(
            false,
            "{text:?}: ours {}, serde_json {:?}",
            ours.is_some(),
            theirs
        ),
    }
    prop_assert_eq!(Json::validate(text).is_ok(), ours.is_some());
    Ok(())
}

/// JSON-shaped text: fragments of valid JSON and of near misses, glued at random.
fn jsonish() -> impl Strategy<Value = String> {
    let pieces = proptest::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        " ",
        "\n",
        "\"",
        "\"a\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud83d\"",
        "\"\\x\"",
        "\"\\n\"",
        "\"\t\"",
        "0",
        "-0",
        "01",
        "1.5",
        "1.",
        ".5",
        "1e5",
        "1E+5",
        "1e",
        "-",
        "true",
        "false",
        "null",
        "nul",
        "tru",
        "1e400",
        "\"é😀\"",
        "\u{0}",
    ]);
    proptest::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn jsonish_text_is_judged_like_serde_json(text in jsonish()) {
        agrees_with_serde(&text)?;
    }

    #[test]
    fn arbitrary_text_is_judged_like_serde_json(text in any::<String>()) {
        agrees_with_serde(&text)?;
    }

    #[test]
    fn serialized_values_parse_back(text in "[a-z]{0,5}", n in any::<i64>(), f in -1e300f64..1e300, b in any::<bool>()) {
        let value = serde_json::json!({"s": text, "list": [n, f, b, null, {"nested": [text]}], "empty": {}, "none": []});
        agrees_with_serde(&value.to_string())?;
        agrees_with_serde(&serde_json::to_string_pretty(&value).unwrap())?;
    }
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let deep = "[".repeat(100_000);
    assert_eq!(
        Json::validate(&deep).unwrap_err().message,
        "recursion limit exceeded"
    );
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(Json::validate(&ok).is_ok());
    let too_deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    assert!(Json::validate(&too_deep).is_err());
    assert_eq!(pretty_json(&deep), None);
}

#[test]
fn errors_say_where() {
    let e = Json::validate("{\"a\": 1,\n  \"b\" 2}").unwrap_err();
    assert_eq!((e.line, e.column, e.message), (2, 7, "expected `:`"));
    assert_eq!(
        Json::validate("").unwrap_err().message,
        "EOF while parsing a value"
    );
    assert_eq!(
        Json::validate("[1] x").unwrap_err().message,
        "trailing characters"
    );
}
