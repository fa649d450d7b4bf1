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
use feature_matrix_view::components::legend::{phase_legend, LegendProps};
use feature_matrix_view::components::root::{Root, RootProps};

/// Stands for the instance prefix in the legend partial.
const NS: &str = "FMNS";

type Result<T = ()> = std::result::Result<T, String>;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg =
        |i: usize, usage: &str| args.get(i).cloned().ok_or_else(|| format!("usage: feature-matrix-prerender {usage}"));
    let done = match args.first().map(String::as_str) {
        Some("changes") => arg(1, "changes <dir>").and_then(|dir| changes(&dir)),
        Some("badges") => arg(1, "badges <dist>").and_then(|dir| badges(&dir)),
        Some("badges-expect") => {
            print!("{}", badges::expectations(&feature_matrix_view::embedded::RELEASES));
            Ok(())
        }
        Some("hugo-i18n") => arg(1, "hugo-i18n <dir>").and_then(|dir| hugo_i18n(&dir)),
        Some("hugo-legend") => hugo_legend(args.get(1).cloned()).await,
        Some("i18n") => arg(1, "i18n <dir>").and_then(|dir| language_files(&dir)),
        Some("--lang") => match arg(1, "--lang <code>") {
            Ok(code) => widget(Some(code)).await,
            Err(e) => Err(e),
        },
        _ => widget(None).await,
    };
    if let Err(e) = done {
        eprintln!("feature-matrix-prerender: error: {e}");
        std::process::exit(1);
    }
}

fn write(path: &std::path::Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `changes <dir>`: the change feed of the embedded releases.
fn changes(dir: &str) -> Result {
    let (atom, json) = changes::documents(&feature_matrix_view::embedded::RELEASES);
    for (name, text) in [("changes.atom", atom), ("changes.json", json)] {
        write(&std::path::Path::new(dir).join(name), &text)?;
    }
    Ok(())
}

/// `badges <dist>`: the script's data module, the examples' badges rendered in place, the
/// Hugo shortcode's data (printed). Warnings for badges that name nothing known.
fn badges(dir: &str) -> Result {
    let dir = std::path::PathBuf::from(dir);
    let set = &feature_matrix_view::embedded::RELEASES;
    write(&dir.join("feature-badges-data.js"), &badges::data_module(set))?;
    let examples = dir.join("examples");
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", examples.display());
    for entry in std::fs::read_dir(&examples).map_err(cannot)? {
        let path = entry.map_err(cannot)?.path();
        if path.extension().is_some_and(|e| e == "html") {
            let page = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let (filled, warnings) = badges::fill_page(set, &page);
            for w in warnings {
                eprintln!("warning: {}: {w}", path.display());
            }
            if filled != page {
                write(&path, &filled)?;
            }
        }
    }
    // Static SVG badges, for pages where no script runs.
    for (path, svg) in badges::svgs(set) {
        let path = dir.join("badges").join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        write(&path, &svg)?;
    }
    print!("{}", badges::hugo_data(set));
    Ok(())
}

/// `hugo-i18n <dir>`: the Hugo site's i18n files, `<dir>/<lang>.toml`, English included.
fn hugo_i18n(dir: &str) -> Result {
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut langs = vec![feature_matrix_core::i18n::Language::english()];
    for code in i18n::codes() {
        langs.push(i18n::language(code)?);
    }
    for lang in langs {
        write(&dir.join(format!("{}.toml", lang.messages.lang())), &i18n::hugo(&lang))?;
    }
    Ok(())
}

/// `hugo-legend [lang]`: the phase definitions as a Hugo partial, in that language (its
/// phase definitions where it has them).
async fn hugo_legend(lang: Option<String>) -> Result {
    let language = lang.as_deref().map(i18n::language).transpose()?;
    let tr = language.map_or_else(feature_matrix_view::Tr::default, feature_matrix_view::Tr::new);
    let html =
        yew::LocalServerRenderer::<LegendOnly>::with_props(LegendOnlyProps { tr }).hydratable(false).render().await;
    if html.contains("{{") || html.matches(NS).count() <= 4 {
        return Err("the legend's markup cannot be a Hugo template".into());
    }
    print!(
        "{{{{- /* Generated by `cargo xtask build` (crates/prerender): the phase definitions of Istio's \
         features.yaml, as the widget renders them. Context: the widget's id prefix. */ -}}}}\n{}\n",
        html.replace(NS, "{{ . }}")
    );
    Ok(())
}

/// `i18n <dir>`: each language's file, `<dir>/<lang>.js`.
fn language_files(dir: &str) -> Result {
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for code in i18n::codes() {
        write(&dir.join(format!("{code}.js")), &i18n::module(&i18n::language(code)?))?;
    }
    Ok(())
}

/// The default widget (in language `lang`, English by default), printed inside the container
/// the script hydrates (see src/mount.rs), stamped with the HTML's shape so the script can
/// tell whether the page changed it before hydrating.
async fn widget(lang: Option<String>) -> Result {
    let language = lang.as_deref().map(i18n::language).transpose()?;
    let tr = language.map_or_else(feature_matrix_view::Tr::default, feature_matrix_view::Tr::new);
    let html =
        yew::LocalServerRenderer::<Root>::with_props(RootProps { source: feature_matrix_view::default_source_in(tr) })
            .render()
            .await;
    let shape = feature_matrix_core::shape::of_html(&html);
    print!("<div class=\"fm-root\" data-fm-shape=\"{shape}\">{html}</div>");
    Ok(())
}

#[derive(yew::Properties, PartialEq)]
struct LegendOnlyProps {
    tr: feature_matrix_view::Tr,
}

/// Istio's phase definitions alone, as the widget renders them, in a language (its phase
/// definitions where it has them): the Hugo legend partial.
#[yew::function_component(LegendOnly)]
fn legend_only(props: &LegendOnlyProps) -> yew::Html {
    let tr = &props.tr;
    let legend = &feature_matrix_view::embedded::RELEASES.legend;
    let legend = tr.0.translation.legend_for(&legend.phases).unwrap_or(legend);
    phase_legend(&LegendProps {
        mode: LegendMode::Full,
        legend,
        id_prefix: NS.into(),
        docs_base: "https://istio.io/latest".into(),
        open: false,
        defined: None,
        on_toggle: Default::default(),
        tr: tr.clone(),
    })
}
