//! Generates the accent-folding table used by search (`$OUT_DIR/fold_table.rs`) from the
//! Unicode canonical decompositions of unicode-normalization, so the wasm carries a small
//! sorted table for the scripts a feature catalog plausibly uses instead of the whole
//! normalization data.

use std::fmt::Write;

use unicode_normalization::char::{canonical_combining_class, decompose_canonical};

/// Ranges whose precomposed letters fold to their base letters: Latin-1 Supplement,
/// Latin Extended-A/B, Greek, Cyrillic, Latin Extended Additional, Greek Extended.
const RANGES: [(u32, u32); 5] =
    [(0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x1E00, 0x1EFF), (0x1F00, 0x1FFF)];

#[path = "build/messages.rs"]
mod messages;
#[path = "src/plural.rs"]
mod plural;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    messages::generate();
    let mut entries = Vec::new();
    for (lo, hi) in RANGES {
        for c in (lo..=hi).filter_map(char::from_u32) {
            let mut base = String::new();
            decompose_canonical(c, |d| {
                if canonical_combining_class(d) == 0 {
                    base.push(d);
                }
            });
            if base.chars().count() == 1 && !base.starts_with(c) {
                entries.push((c, base.chars().next().unwrap_or(c)));
            }
        }
    }
    let mut out = String::from("/// (precomposed, base) pairs, sorted by the first char.\n");
    let _ = writeln!(out, "pub(crate) static FOLD: [(char, char); {}] = [", entries.len());
    for (c, b) in &entries {
        let _ = writeln!(out, "    ({c:?}, {b:?}),");
    }
    out.push_str("];\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("fold_table.rs");
    std::fs::write(path, out).expect("write fold_table.rs");
}
