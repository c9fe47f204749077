//! The parts of the app loaded on first use. In the release build (`--features split`, then
//! wasm-split-cli in scripts/build-release.sh) each `lazy_part!` function and the code only it
//! reaches move into a module of their own, fetched the first time the function is called;
//! without the feature they are plain async functions in the one module.

use leptos::prelude::*;

/// `fn name(args) -> T { body }`, called as `name(args).await`: split out with Leptos'
/// `#[lazy]` under the `split` feature, else an async function.
macro_rules! lazy_part {
    ($(#[$meta:meta])* pub fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        $(#[$meta])*
        #[leptos::lazy]
        pub fn $name($($arg: $ty),*) -> $ret $body

        #[cfg(not(feature = "split"))]
        $(#[$meta])*
        pub async fn $name($($arg: $ty),*) -> $ret $body
    };
}

lazy_part! {
    /// The `#session=` page: several requests run one after another or at once.
    pub fn session_page(storage_key: String, options: crate::model::EmbedOptions) -> AnyView {
        view! { <crate::ui::SessionPlayground storage_key options/> }.into_any()
    }
}
