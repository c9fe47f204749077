//! The highlighter only labels text: the pieces always join back into the input, for any input,
//! and the obvious tokens get their labels.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use http_playground::codegen::{highlight, Language, Token};

const LANGUAGES: [Language; 4] = [
    Language::Python,
    Language::Shell,
    Language::JavaScript,
    Language::Rust,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn pieces_join_back_into_any_input(code in any::<String>(), language in 0usize..4) {
        let pieces = highlight(LANGUAGES[language], &code);
        let joined: String = pieces.iter().map(|(_, text)| *text).collect();
        prop_assert_eq!(joined, code);
    }
}

#[test]
fn strings_comments_numbers_and_keywords_are_labelled() {
    let labelled = |language, code| -> Vec<(Token, String)> {
        highlight(language, code)
            .into_iter()
            .filter(|(t, _)| *t != Token::Plain)
            .map(|(t, s)| (t, s.to_owned()))
            .collect()
    };
    assert_eq!(
        labelled(
            Language::Python,
            "import requests  # the lib\nx = {\"a\": 'b\\'c', \"n\": 10}"
        ),
        [
            (Token::Keyword, "import".into()),
            (Token::Comment, "# the lib".into()),
            (Token::String, "\"a\"".into()),
            (Token::String, "'b\\'c'".into()),
            (Token::String, "\"n\"".into()),
            (Token::Number, "10".into()),
        ]
    );
    assert_eq!(
        labelled(Language::Rust, "let x = r#\"a \"quoted\" b\"#; // note"),
        [
            (Token::Keyword, "let".into()),
            (Token::String, "r#\"a \"quoted\" b\"#".into()),
            (Token::Comment, "// note".into())
        ]
    );
    assert_eq!(
        labelled(
            Language::Shell,
            "curl 'http://x/#a' --data-raw $'a\\'b' # c"
        ),
        [
            (Token::Keyword, "curl".into()),
            (Token::String, "'http://x/#a'".into()),
            (Token::String, "$'a\\'b'".into()),
            (Token::Comment, "# c".into())
        ]
    );
    // Keywords inside identifiers are not keywords.
    assert!(labelled(Language::JavaScript, "constant newer").is_empty());
}
