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

    write_legend(w, "", &catalog.legend);

    let _ = writeln!(w, "pub static CATALOG: {M}::Catalog = {M}::Catalog {{");
    let _ = writeln!(w, "    title: {},", s(&catalog.title));
    let _ = writeln!(w, "    description: {},", s(&catalog.description));
    let _ = writeln!(w, "    provenance: {},", s(&catalog.provenance));
    let _ = writeln!(w, "    docs_base: {},", s(&catalog.docs_base));
    let _ = writeln!(w, "    categories: {COW}::Borrowed(&CATEGORIES),");
    let _ = writeln!(w, "    features: {COW}::Borrowed(&FEATURES),");
    let _ = writeln!(w, "    legend: {},", legend_expr(""));
    let _ = writeln!(w, "}};");
    out
}

fn legend_expr(prefix: &str) -> String {
    format!("{M}::Legend {{ phases: {COW}::Borrowed(&{prefix}PHASES), aspects: {COW}::Borrowed(&{prefix}ASPECTS) }}")
}

/// Writes a legend's statics, their names starting with `prefix`.
fn write_legend(w: &mut String, prefix: &str, legend: &crate::model::Legend) {
    let phases: Vec<String> = legend.phases.iter().map(|p| phase(*p)).collect();
    let _ = writeln!(w, "static {prefix}PHASES: [{M}::Phase; {}] = [{}];", phases.len(), phases.join(", "));
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
            let _ = writeln!(
                w,
                "static {prefix}CELL_{ai}_{ci}: [{M}::Inline; {}] = [{}];",
                inlines.len(),
                inlines.join(", ")
            );
        }
        let cells: Vec<String> =
            (0..a.cells.len()).map(|ci| format!("{COW}::Borrowed(&{prefix}CELL_{ai}_{ci})")).collect();
        let _ = writeln!(
            w,
            "static {prefix}ASPECT_{ai}: [{COW}<'static, [{M}::Inline]>; {}] = [{}];",
            cells.len(),
            cells.join(", ")
        );
    }
    let _ = writeln!(w, "static {prefix}ASPECTS: [{M}::Aspect; {}] = [", legend.aspects.len());
    for (ai, a) in legend.aspects.iter().enumerate() {
        let _ =
            writeln!(w, "    {M}::Aspect {{ name: {}, cells: {COW}::Borrowed(&{prefix}ASPECT_{ai}) }},", s(&a.name));
    }
    let _ = writeln!(w, "];");
}

/// Rust source defining `pub static RELEASES: ::feature_matrix_core::releases::ReleaseSet`.
pub fn releases_source(set: &crate::releases::ReleaseSet, origin: &str) -> String {
    let mut out = String::new();
    let w = &mut out;
    let r = "::feature_matrix_core::releases";
    let _ = writeln!(w, "// @generated from {origin} by feature_matrix_core::source::codegen. Do not edit.");
    let texts = |items: &[crate::model::Text]| items.iter().map(|t| s(t)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(w, "static R_LABELS: [{M}::Text; {}] = [{}];", set.labels.len(), texts(&set.labels));
    let _ = writeln!(w, "static R_STRINGS: [{M}::Text; {}] = [{}];", set.strings.len(), texts(&set.strings));
    let _ = writeln!(w, "static R_ROW_KEYS: [u16; {}] = {:?};", set.row_keys.len(), set.row_keys.as_ref());
    let _ = writeln!(w, "static R_OFFSETS: [u32; {}] = {:?};", set.offsets.len(), set.offsets.as_ref());
    let _ = writeln!(w, "static R_LINE_STEPS: [u8; {}] = {:?};", set.line_steps.len(), set.line_steps.as_ref());
    let _ = writeln!(w, "static R_COMMITS: [{M}::Text; {}] = [{}];", set.commits.len(), texts(&set.commits));
    let _ = writeln!(w, "static R_DATES: [{M}::Text; {}] = [{}];", set.dates.len(), texts(&set.dates));
    let _ = writeln!(w, "static R_ENTRIES: [{r}::ReleaseEntry; {}] = [", set.entries.len());
    for e in set.entries.iter() {
        let _ = writeln!(
            w,
            "    {r}::ReleaseEntry {{ row: {}, name: {}, area: {}, link: {}, note: {}, phase: {} }},",
            e.row,
            e.name,
            e.area,
            e.link,
            e.note,
            phase(e.phase)
        );
    }
    let _ = writeln!(w, "];");
    write_legend(w, "R_", &set.legend);
    let _ = writeln!(w, "pub static RELEASES: {r}::ReleaseSet = {r}::ReleaseSet {{");
    let _ = writeln!(w, "    labels: {COW}::Borrowed(&R_LABELS),");
    let _ = writeln!(w, "    strings: {COW}::Borrowed(&R_STRINGS),");
    let _ = writeln!(w, "    row_keys: {COW}::Borrowed(&R_ROW_KEYS),");
    let _ = writeln!(w, "    entries: {COW}::Borrowed(&R_ENTRIES),");
    let _ = writeln!(w, "    offsets: {COW}::Borrowed(&R_OFFSETS),");
    let _ = writeln!(w, "    line_steps: {COW}::Borrowed(&R_LINE_STEPS),");
    let _ = writeln!(w, "    commits: {COW}::Borrowed(&R_COMMITS),");
    let _ = writeln!(w, "    dates: {COW}::Borrowed(&R_DATES),");
    let _ = writeln!(w, "    legend: {},", legend_expr("R_"));
    let _ = writeln!(w, "    docs_base: {},", s(&set.docs_base));
    let _ = writeln!(w, "    provenance: {},", s(&set.provenance));
    let _ = writeln!(w, "}};");
    out
}
