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
    // The container the script hydrates (see src/mount.rs), stamped with the HTML's shape
    // so the script can tell whether the page changed it before hydrating.
    let shape = feature_matrix_core::shape::of_html(&html);
    print!("<div class=\"fm-root\" data-fm-shape=\"{shape}\">{html}</div>");
}
