//! Prints the HTML of the default widget (built-in catalog, default options, instance
//! `fm`) rendered with Yew's SSR, hydration markers included. `cargo xtask build` puts
//! it inside the demo page's placeholder and into `dist/fallback.html`, so readers without
//! JavaScript see the full table and legend, and the browser hydrates it without
//! re-creating the DOM.

use feature_matrix_view::components::root::{Root, RootProps};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let html = yew::ServerRenderer::<Root>::with_props(|| RootProps { source: feature_matrix_view::default_source() })
        .render()
        .await;
    print!("{html}");
}
