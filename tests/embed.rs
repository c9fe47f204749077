//! The embed options a lesson page puts in an iframe's URL.

use http_playground::model::{embed_options, EmbedOptions, Theme};

#[test]
fn every_documented_option_is_read() {
    assert_eq!(
        embed_options("?embed=1&target=python-requests&readonly=url,method&autorun=1&theme=dark"),
        EmbedOptions {
            embed: true,
            target: Some("python-requests".into()),
            readonly_url: true,
            readonly_method: true,
            autorun: true,
            theme: Some(Theme::Dark),
            ignored: vec![],
        }
    );
    assert_eq!(embed_options(""), EmbedOptions::default());
    let light = embed_options("embed&theme=light&readonly=method");
    assert!(light.embed && light.readonly_method && !light.readonly_url);
    assert_eq!(light.theme, Some(Theme::Light));
}

#[test]
fn unknown_names_and_values_are_ignored_and_listed() {
    let options = embed_options("?embed=0&theme=blue&readonly=url,body&colour=red&autorun=no");
    assert!(!options.embed && !options.autorun && options.readonly_url);
    assert_eq!(options.theme, None);
    assert_eq!(options.ignored, ["theme=blue", "readonly=body", "colour"]);
}
