//! The interface's message files (`i18n/<lang>.toml`, Hugo's i18n format) → `$OUT_DIR/messages.rs`:
//! the `Msg` keys in `en.toml`'s order, English as a static table (compiled into the wasm), and
//! every other language as a table for the host tools (feature `source`: the prerender writes
//! each into its own file, loaded by the pages that use it).
//!
//! Keys starting with `badge_` are the feature badges' strings: checked like the others, but
//! not compiled into the wasm (badges are rendered by the prerender, the Hugo shortcode and
//! `feature-badges.js`); host tools get them as `BADGE_MESSAGES` (feature `source`). Keys
//! starting with `entry_` are the entry module's (`www/feature-matrix.js`, shown when the wasm
//! cannot be loaded): not in the wasm either; each language file carries them, and English's
//! text must be the one the entry module writes. Host tools get them as `ENTRY_MESSAGES`.
//!
//! The build fails, naming file, key and language, when a language lacks a key or a plural
//! form its language needs, or uses placeholders other than English's; keys English does not
//! have, and English keys no code uses, are warnings.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::plural;

/// One message: its forms by name (`other`, and `one`, `few`, `many` for counted ones).
type Forms = BTreeMap<String, String>;

fn read(path: &Path) -> Result<Vec<(String, Forms)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let table: toml::Table = text.parse().map_err(|e| format!("{}: not valid TOML: {e}", path.display()))?;
    let mut out = Vec::new();
    for (key, value) in table {
        let forms = match value {
            toml::Value::String(s) => Forms::from([("other".to_owned(), s)]),
            toml::Value::Table(t) => {
                let mut forms = Forms::new();
                for (form, v) in t {
                    if !plural::FORMS.contains(&form.as_str()) {
                        return Err(format!(
                            "{}: key `{key}`: unknown form `{form}` (one, few, many, other)",
                            path.display()
                        ));
                    }
                    let toml::Value::String(s) = v else {
                        return Err(format!("{}: key `{key}`: form `{form}` is not a string", path.display()));
                    };
                    forms.insert(form, s);
                }
                if !forms.contains_key("other") {
                    return Err(format!("{}: key `{key}`: has no `other` form", path.display()));
                }
                forms
            }
            _ => return Err(format!("{}: key `{key}`: not a string or a table of forms", path.display())),
        };
        out.push((key, forms));
    }
    Ok(out)
}

/// The placeholders of a text: `{count}` → `count`.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.insert(&rest[i + 1..i + j]);
        rest = &rest[i + j + 1..];
    }
    out
}

/// Checks `lang`'s file against English; returns its problems (errors) and warnings.
fn check(file: &str, lang: &str, en: &[(String, Forms)], other: &[(String, Forms)]) -> (Vec<String>, Vec<String>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    let theirs: BTreeMap<&str, &Forms> = other.iter().map(|(k, f)| (k.as_str(), f)).collect();
    let needed = plural::needed(lang);
    for (key, en_forms) in en {
        let Some(forms) = theirs.get(key.as_str()) else {
            errors.push(format!("{file}: key `{key}` is missing (language {lang}; English has it)"));
            continue;
        };
        let want = placeholders(&en_forms["other"]);
        for (form, text) in forms.iter() {
            if text.contains(['\n', '\r', '\t']) {
                errors.push(format!("{file}: key `{key}`, form `{form}` (language {lang}): line breaks and tabs cannot be shown; use one line"));
            }
            let got = placeholders(text);
            if got != want {
                let show = |s: &BTreeSet<&str>| s.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(" ");
                errors.push(format!(
                    "{file}: key `{key}`, form `{form}` (language {lang}): placeholders [{}] do not match English [{}]",
                    show(&got),
                    show(&want)
                ));
            }
        }
        let counted = en_forms.len() > 1;
        if counted {
            for form in &needed {
                if !forms.contains_key(*form) {
                    errors
                        .push(format!("{file}: key `{key}` lacks the plural form `{form}` that language {lang} needs"));
                }
            }
        } else if forms.len() > 1 {
            errors.push(format!(
                "{file}: key `{key}` has plural forms, but the message does not count (language {lang})"
            ));
        }
    }
    for (key, _) in other {
        if !en.iter().any(|(k, _)| k == key) {
            warnings.push(format!("{file}: key `{key}` is not in English's file and is unused (language {lang})"));
        }
    }
    (errors, warnings)
}

/// `messages`' texts in slot order (empty for plural forms it does not have).
fn table_slots(en: &[(String, Forms)], messages: &[(String, Forms)]) -> Vec<String> {
    let map: BTreeMap<&str, &Forms> = messages.iter().map(|(k, f)| (k.as_str(), f)).collect();
    let mut out = Vec::new();
    for (key, en_forms) in en {
        let forms = map[key.as_str()];
        if en_forms.len() > 1 {
            for form in plural::FORMS {
                out.push(forms.get(form).cloned().unwrap_or_default());
            }
        } else {
            out.push(forms["other"].clone());
        }
    }
    out
}

/// A feature badge's string, not the widget's.
fn is_badge(key: &str) -> bool {
    key.starts_with("badge_")
}

/// The entry module's string, not the widget's.
fn is_entry(key: &str) -> bool {
    key.starts_with("entry_")
}

fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Reads, checks and compiles the message files (see the module's documentation).
pub fn generate() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    // `FEATURE_MATRIX_I18N` (a folder, relative to the repository) replaces `i18n/`: the test
    // command builds with a broken copy to check the build names what is wrong.
    println!("cargo::rerun-if-env-changed=FEATURE_MATRIX_I18N");
    let shown = std::env::var("FEATURE_MATRIX_I18N").unwrap_or_else(|_| "i18n".to_owned());
    let dir = root.join(&shown);
    println!("cargo::rerun-if-changed={}", dir.display());
    println!("cargo::rerun-if-changed=build/messages.rs");
    println!("cargo::rerun-if-changed=src/plural.rs");
    let en = read(&dir.join("en.toml")).unwrap_or_else(|e| fail(&[e]));
    let en_file = format!("{shown}/en.toml");
    for (key, forms) in &en {
        if (is_badge(key) || is_entry(key)) && forms.len() > 1 {
            fail(&[format!("{en_file}: key `{key}`: badge and entry strings have one form (`other`)")]);
        }
        if forms.values().any(|t| t.contains(['\n', '\r', '\t'])) {
            fail(&[format!("{en_file}: key `{key}`: line breaks and tabs cannot be shown; use one line")]);
        }
    }
    let langs = read_languages(&dir, &shown, &en);
    check_usage(&root, &en_file, &en);
    // The strings kept out of the wasm, per language (English first): the badges' and the
    // entry module's, each as a table for host tools.
    let outside = |keep: fn(&str) -> bool| -> Table {
        let of = |messages: &[(String, Forms)]| -> Vec<(String, String)> {
            messages.iter().filter(|(k, _)| keep(k)).map(|(k, f)| (k.clone(), f["other"].clone())).collect()
        };
        std::iter::once(("en".to_owned(), of(&en))).chain(langs.iter().map(|(lang, m)| (lang.clone(), of(m)))).collect()
    };
    let (badges, entry) = (outside(is_badge), outside(is_entry));
    let en: Vec<(String, Forms)> = en.into_iter().filter(|(k, _)| !is_badge(k) && !is_entry(k)).collect();

    let out = rust_source(&en, &langs, &badges, &entry);
    let path = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("messages.rs");
    std::fs::write(path, out).expect("write messages.rs");
}

type Table = Vec<(String, Vec<(String, String)>)>;

/// Every language besides English, read and checked against English (`en`); the build fails
/// naming every problem.
fn read_languages(dir: &Path, shown: &str, en: &[(String, Forms)]) -> Vec<(String, Vec<(String, Forms)>)> {
    let mut langs: Vec<(String, Vec<(String, Forms)>)> = Vec::new();
    let mut errors = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&[format!("{}: {e}", dir.display())]))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    for path in files {
        let lang = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if lang == "en" {
            continue;
        }
        let file = format!("{shown}/{lang}.toml");
        if !lang.chars().all(|c| c.is_ascii_lowercase()) || !(2..=3).contains(&lang.len()) {
            errors.push(format!("{file}: the file name must be a language code (two or three lowercase letters)"));
            continue;
        }
        match read(&path) {
            Ok(messages) => {
                let (e, w) = check(&file, &lang, en, &messages);
                errors.extend(e);
                for w in w {
                    println!("cargo::warning={w}");
                }
                langs.push((lang, messages));
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        fail(&errors);
    }

    langs
}

/// Warns on English keys no code uses (the widget's as `Msg::key`, the badges' by name,
/// quoted); fails when the entry module does not write an `entry_` string as English has it.
fn check_usage(root: &Path, en_file: &str, en: &[(String, Forms)]) {
    let mut code = String::new();
    let mut files = Vec::new();
    for crate_dir in ["crates/core/src", "crates/view/src", "src"] {
        println!("cargo::rerun-if-changed={}", root.join(crate_dir).display());
        sources(&root.join(crate_dir), &mut files);
    }
    for f in files {
        code.push_str(&std::fs::read_to_string(f).unwrap_or_default());
    }
    // The badges' strings are used by the prerender, the badge script and the Hugo shortcode.
    let mut badge_code = String::new();
    for file in
        ["crates/prerender/src/badges.rs", "www/feature-badges.js", "www/hugo/layouts/shortcodes/feature-status.html"]
    {
        println!("cargo::rerun-if-changed={}", root.join(file).display());
        badge_code.push_str(&std::fs::read_to_string(root.join(file)).unwrap_or_default());
    }
    println!("cargo::rerun-if-changed={}", root.join("www/feature-matrix.js").display());
    let entry_code = std::fs::read_to_string(root.join("www/feature-matrix.js")).unwrap_or_default();
    for (key, forms) in en {
        let used = if is_badge(key) {
            badge_code.contains(&format!("\"{key}\""))
        } else if is_entry(key) {
            // The entry module writes English itself: the same text, or the build fails.
            let text = &forms["other"];
            if !entry_code.contains(&format!("'{text}'")) {
                fail(&[format!("{en_file}: key `{key}`: www/feature-matrix.js must write English as '{text}'")]);
            }
            true
        } else {
            code.contains(&format!("Msg::{key}"))
        };
        if !used {
            println!("cargo::warning={en_file}: key `{key}` is not used by the widget");
        }
    }
}

/// `$OUT_DIR/messages.rs`: `Msg`, `SLOTS`, `EN_TEXT` and, for host tools, `KEYS`,
/// `LANGUAGES`, `BADGE_MESSAGES` and `ENTRY_MESSAGES`.
fn rust_source(
    en: &[(String, Forms)],
    langs: &[(String, Vec<(String, Forms)>)],
    badges: &Table,
    entry: &Table,
) -> String {
    // Slots: one per message, four (one, few, many, other) per counted message.
    let mut out = String::from(
        "/// A message of the interface, by its key in `i18n/en.toml` (the discriminant is its first slot).\n\
         #[allow(non_camel_case_types)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n#[repr(u16)]\npub enum Msg {\n",
    );
    let mut slot = 0;
    let mut counted = Vec::new();
    for (key, forms) in en {
        let _ = writeln!(out, "    {key} = {slot},");
        if forms.len() > 1 {
            counted.push(key.clone());
            slot += 4;
        } else {
            slot += 1;
        }
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "/// Number of slots of a language's message table.\npub const SLOTS: usize = {slot};\n");
    let _ = writeln!(
        out,
        "impl Msg {{\n    /// Whether the message has plural forms (four slots).\n    pub fn counted(self) -> bool {{\n        matches!(self, {})\n    }}\n}}\n",
        if counted.is_empty() { "_ if false".to_owned() } else { counted.iter().map(|k| format!("Msg::{k}")).collect::<Vec<_>>().join(" | ") }
    );
    // Each language as one text in the language files' format (`Language::parse` reads it):
    // no table of pointers in the wasm, and the parser is there anyway.
    let text = |lang: &str, messages: &[(String, Forms)]| {
        let mut t = format!("{lang} {}", plural::rule(lang));
        for slot in table_slots(en, messages) {
            t.push('\n');
            t.push_str(&slot);
        }
        rust_str(&t)
    };
    let _ = writeln!(out, "/// English, the widget's own language: `en 1` (code and plural rule), then one message per line in slot order.\npub static EN_TEXT: &str = {};\n", text("en", en));
    out.push_str("/// Every key by name (host tools: the Hugo site's i18n files).\n#[cfg(feature = \"source\")]\npub static KEYS: &[(&str, Msg)] = &[\n");
    for (key, _) in en {
        let _ = writeln!(out, "    ({}, Msg::{key}),", rust_str(key));
    }
    out.push_str("];\n\n");
    out.push_str("/// Every other language, by code, as `EN_TEXT` is (host tools only: each page loads only its own).\n#[cfg(feature = \"source\")]\npub static LANGUAGES: &[(&str, &str)] = &[\n");
    for (lang, messages) in langs {
        let _ = writeln!(out, "    ({}, {}),", rust_str(lang), text(lang, messages));
    }
    out.push_str("];\n\n");
    for (name, what, table) in [
        ("BADGE_MESSAGES", "feature badges' strings (`badge_*`", badges),
        ("ENTRY_MESSAGES", "entry module's strings (`entry_*`", entry),
    ] {
        let _ = writeln!(out, "/// The {what} keys) of every language, English first (host tools only).\n#[cfg(feature = \"source\")]\npub static {name}: &[(&str, &[(&str, &str)])] = &[");
        for (lang, messages) in table {
            let pairs: Vec<String> =
                messages.iter().map(|(k, t)| format!("({}, {})", rust_str(k), rust_str(t))).collect();
            let _ = writeln!(out, "    ({}, &[{}]),", rust_str(lang), pairs.join(", "));
        }
        out.push_str("];\n");
    }
    out
}

fn fail(errors: &[String]) -> ! {
    for e in errors {
        eprintln!("error: {e}");
    }
    panic!("{} problem(s) in the message files (i18n/*.toml); see above", errors.len());
}
