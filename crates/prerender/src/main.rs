//! Prints the HTML of the default widget (built-in catalog, default options, instance
//! `fm`) rendered with Yew's SSR, hydration markers included. `cargo xtask build` puts
//! it inside the demo page's placeholder and into `dist/fallback.html`, so readers without
//! JavaScript see the full table and legend, and the browser hydrates it without
//! re-creating the DOM.
//!
//! `feature-matrix-prerender changes <dir>` writes the change feed of Istio's releases
//! (`changes.atom`, `changes.json`; see `changes.rs`).
//!
//! `feature-matrix-prerender hugo-legend` prints instead the phase-definitions legend of
//! Istio's `features.yaml` era as a Hugo partial (the instance prefix is the partial's
//! context, `{{ . }}`): the Hugo shortcode writes it under the table it renders from a
//! site's data, the same markup the widget renders when it takes that table over.

mod badges;
mod changes;
mod i18n;

use feature_matrix_core::options::LegendMode;
use feature_matrix_view::components::legend::{LegendProps, PhaseLegend};
use feature_matrix_view::components::root::{Root, RootProps};

/// Stands for the instance prefix in the legend partial.
const NS: &str = "FMNS";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if std::env::args().nth(1).as_deref() == Some("changes") {
        let dir = std::env::args().nth(2).expect("usage: feature-matrix-prerender changes <dir>");
        let (atom, json) = changes::documents(&feature_matrix_view::embedded::RELEASES);
        for (name, text) in [("changes.atom", atom), ("changes.json", json)] {
            let path = std::path::Path::new(&dir).join(name);
            std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("badges") {
        // badges <dist>: the script's data module, the examples' badges rendered in place, the
        // Hugo shortcode's data (printed). Warnings for badges that name nothing known.
        let dir =
            std::path::PathBuf::from(std::env::args().nth(2).expect("usage: feature-matrix-prerender badges <dist>"));
        let set = &feature_matrix_view::embedded::RELEASES;
        let write = |path: &std::path::Path, text: &str| {
            std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        };
        write(&dir.join("feature-badges-data.js"), &badges::data_module(set));
        let examples = dir.join("examples");
        for entry in std::fs::read_dir(&examples).expect("dist/examples") {
            let path = entry.expect("dist/examples").path();
            if path.extension().is_some_and(|e| e == "html") {
                let page = std::fs::read_to_string(&path).expect("example page");
                let (filled, warnings) = badges::fill_page(set, &page);
                for w in warnings {
                    eprintln!("warning: {}: {w}", path.display());
                }
                if filled != page {
                    write(&path, &filled);
                }
            }
        }
        print!("{}", badges::hugo_data(set));
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("badges-expect") {
        print!("{}", badges::expectations(&feature_matrix_view::embedded::RELEASES));
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("hugo-i18n") {
        // hugo-i18n <dir>: the Hugo site's i18n files, `<dir>/<lang>.toml`, English included.
        let dir =
            std::path::PathBuf::from(std::env::args().nth(2).expect("usage: feature-matrix-prerender hugo-i18n <dir>"));
        std::fs::create_dir_all(&dir).expect("i18n dir");
        let mut langs = vec![feature_matrix_core::i18n::Language::english()];
        langs.extend(i18n::codes().into_iter().map(i18n::language));
        for lang in langs {
            let path = dir.join(format!("{}.toml", lang.messages.lang()));
            std::fs::write(&path, i18n::hugo(&lang)).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("hugo-legend") {
        // hugo-legend [lang]: in that language (its phase definitions where it has them).
        let lang = std::env::args().nth(2);
        let html = yew::ServerRenderer::<PhaseLegend>::with_props(move || {
            let tr = lang.map_or_else(feature_matrix_view::Tr::default, |code| {
                feature_matrix_view::Tr::new(i18n::language(&code))
            });
            let legend = feature_matrix_view::embedded::RELEASES.legend.clone();
            let legend = tr.0.translation.legend_for(&legend.phases).cloned().unwrap_or(legend);
            LegendProps {
                mode: LegendMode::Full,
                legend,
                id_prefix: NS.into(),
                docs_base: "https://istio.io/latest".into(),
                open: false,
                defined: None,
                on_toggle: Default::default(),
                tr,
            }
        })
        .hydratable(false)
        .render()
        .await;
        assert!(!html.contains("{{") && html.matches(NS).count() > 4, "the legend's markup can be a template");
        print!(
            "{{{{- /* Generated by `cargo xtask build` (crates/prerender): the phase definitions of Istio's \
             features.yaml, as the widget renders them. Context: the widget's id prefix. */ -}}}}\n{}\n",
            html.replace(NS, "{{ . }}")
        );
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("i18n") {
        // i18n <dir>: each language's file, `<dir>/<lang>.js`.
        let dir =
            std::path::PathBuf::from(std::env::args().nth(2).expect("usage: feature-matrix-prerender i18n <dir>"));
        std::fs::create_dir_all(&dir).expect("i18n dir");
        for code in i18n::codes() {
            let path = dir.join(format!("{code}.js"));
            std::fs::write(&path, i18n::module(&i18n::language(code)))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
        return;
    }
    // `--lang <code>`: the widget in that language.
    let lang = match std::env::args().nth(1).as_deref() {
        Some("--lang") => Some(std::env::args().nth(2).expect("usage: feature-matrix-prerender --lang <code>")),
        _ => None,
    };
    let html = yew::ServerRenderer::<Root>::with_props(move || {
        let tr = lang
            .map_or_else(feature_matrix_view::Tr::default, |code| feature_matrix_view::Tr::new(i18n::language(&code)));
        RootProps { source: feature_matrix_view::default_source_in(tr) }
    })
    .render()
    .await;
    // The container the script hydrates (see src/mount.rs), stamped with the HTML's shape
    // so the script can tell whether the page changed it before hydrating.
    let shape = feature_matrix_core::shape::of_html(&html);
    print!("<div class=\"fm-root\" data-fm-shape=\"{shape}\">{html}</div>");
}
