//! The core's shape: its modules form no import circle (each module's `crate::` uses outside
//! its tests are read from the source and the graph is searched for a cycle; a circle means
//! two modules own one rule between them: move the rule to one of them), and it depends on
//! nothing that reaches a browser or the network.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` (top-level files) with the modules it uses through `crate::`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_stem().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        if path.extension().is_none_or(|e| e != "rs") || name == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // The module's own code: its unit tests may use anything.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let mut uses = BTreeSet::new();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let used: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !used.is_empty() && used != name {
                    uses.insert(used);
                }
            }
            // `use crate::{a, b::C}` groups.
            if let Some(group) = line.split("crate::{").nth(1) {
                for part in group.split(',') {
                    let used: String =
                        part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !used.is_empty() && used != name {
                        uses.insert(used);
                    }
                }
            }
        }
        modules.insert(name, uses);
    }
    modules
}

/// A cycle through `start`, if any, as the path of modules.
fn cycle(g: &BTreeMap<String, BTreeSet<String>>, at: &str, path: &mut Vec<String>) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|m| m == at) {
        let mut c = path[i..].to_vec();
        c.push(at.to_owned());
        return Some(c);
    }
    path.push(at.to_owned());
    for next in g.get(at).into_iter().flatten() {
        if let Some(c) = cycle(g, next, path) {
            return Some(c);
        }
    }
    path.pop();
    None
}

#[test]
fn the_core_modules_import_no_circle() {
    let g = graph();
    assert!(g.len() >= 20, "the modules of src/ were found: {:?}", g.keys());
    assert!(g["state"].contains("url_state") && g["query"].contains("search"), "uses are read: {g:?}");
    for m in g.keys() {
        if let Some(c) = cycle(&g, m, &mut Vec::new()) {
            panic!("import circle: {}", c.join(" -> "));
        }
    }
}

#[test]
fn the_core_depends_on_no_browser_or_network_crate() {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).expect("a [dependencies] table");
    let deps = deps.split("\n[").next().unwrap_or_default();
    let names: Vec<&str> = deps
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split('=').next().map(str::trim))
        .filter(|n| !n.is_empty())
        .collect();
    assert!(names.contains(&"serde"), "the dependencies were read: {names:?}");
    for banned in ["web-sys", "js-sys", "wasm-bindgen", "gloo", "reqwest", "yew"] {
        assert!(!names.iter().any(|n| n.starts_with(banned)), "the core depends on {banned}: {names:?}");
    }
    // And no module names one.
    for (module, uses) in graph() {
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/{module}.rs"))).unwrap();
        for banned in ["web_sys", "js_sys", "wasm_bindgen", "yew::"] {
            assert!(!text.contains(banned), "{module} names {banned} (uses {uses:?})");
        }
    }
}
