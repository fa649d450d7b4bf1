//! Writes a validated [`Catalog`] as Rust source: `static` arrays of the model types
//! with borrowed strings, ending in `pub static CATALOG: Catalog`. The widget `include!`s
//! the result, so the shipped wasm holds plain data and no parser.

use std::fmt::Write;

use crate::model::{Catalog, Inline, Phase};

const M: &str = "::feature_matrix_core::model";
const COW: &str = "::std::borrow::Cow";

fn s(text: &str) -> String {
    // `{:?}` of a str is a valid Rust string literal (quotes, backslashes and control
    // characters escaped).
    format!("{COW}::Borrowed({text:?})")
}

fn opt(text: Option<&str>) -> String {
    text.map_or_else(|| "None".to_owned(), |t| format!("Some({})", s(t)))
}

fn phase(p: Phase) -> String {
    format!("{M}::Phase::{p:?}")
}

/// Rust source defining `pub static CATALOG: ::feature_matrix_core::model::Catalog`.
pub fn rust_source(catalog: &Catalog, origin: &str) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "// @generated from {origin} by feature_matrix_core::source::codegen. Do not edit.");

    let _ = writeln!(w, "static CATEGORIES: [{M}::Category; {}] = [", catalog.categories.len());
    for c in catalog.categories.iter() {
        let _ = writeln!(w, "    {M}::Category {{ id: {}, name: {} }},", s(&c.id), s(&c.name));
    }
    let _ = writeln!(w, "];");

    let _ = writeln!(w, "static FEATURES: [{M}::Feature; {}] = [", catalog.features.len());
    for f in catalog.features.iter() {
        let _ = writeln!(
            w,
            "    {M}::Feature {{ id: {}, name: {}, category: {}, phase: {}, link: {}, note: {} }},",
            s(&f.id),
            s(&f.name),
            f.category,
            phase(f.phase),
            opt(f.link.as_deref()),
            opt(f.note.as_deref()),
        );
    }
    let _ = writeln!(w, "];");

    let legend = &catalog.legend;
    let phases: Vec<String> = legend.phases.iter().map(|p| phase(*p)).collect();
    let _ = writeln!(w, "static PHASES: [{M}::Phase; {}] = [{}];", phases.len(), phases.join(", "));
    for (ai, a) in legend.aspects.iter().enumerate() {
        for (ci, cell) in a.cells.iter().enumerate() {
            let inlines: Vec<String> = cell
                .iter()
                .map(|i| match i {
                    Inline::Text(t) => format!("{M}::Inline::Text({})", s(t)),
                    Inline::Link { text, href } => {
                        format!("{M}::Inline::Link {{ text: {}, href: {} }}", s(text), s(href))
                    }
                })
                .collect();
            let _ = writeln!(w, "static CELL_{ai}_{ci}: [{M}::Inline; {}] = [{}];", inlines.len(), inlines.join(", "));
        }
        let cells: Vec<String> = (0..a.cells.len()).map(|ci| format!("{COW}::Borrowed(&CELL_{ai}_{ci})")).collect();
        let _ = writeln!(
            w,
            "static ASPECT_{ai}: [{COW}<'static, [{M}::Inline]>; {}] = [{}];",
            cells.len(),
            cells.join(", ")
        );
    }
    let _ = writeln!(w, "static ASPECTS: [{M}::Aspect; {}] = [", legend.aspects.len());
    for (ai, a) in legend.aspects.iter().enumerate() {
        let _ = writeln!(w, "    {M}::Aspect {{ name: {}, cells: {COW}::Borrowed(&ASPECT_{ai}) }},", s(&a.name));
    }
    let _ = writeln!(w, "];");

    let _ = writeln!(w, "pub static CATALOG: {M}::Catalog = {M}::Catalog {{");
    let _ = writeln!(w, "    title: {},", s(&catalog.title));
    let _ = writeln!(w, "    description: {},", s(&catalog.description));
    let _ = writeln!(w, "    provenance: {},", s(&catalog.provenance));
    let _ = writeln!(w, "    docs_base: {},", s(&catalog.docs_base));
    let _ = writeln!(w, "    categories: {COW}::Borrowed(&CATEGORIES),");
    let _ = writeln!(w, "    features: {COW}::Borrowed(&FEATURES),");
    let _ = writeln!(
        w,
        "    legend: {M}::Legend {{ phases: {COW}::Borrowed(&PHASES), aspects: {COW}::Borrowed(&ASPECTS) }},"
    );
    let _ = writeln!(w, "}};");
    out
}
