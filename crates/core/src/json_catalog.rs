//! The custom catalog format a page can hand to the widget at run time (inline JSON or a
//! JS object), documented by `www/catalog.schema.json`. It is read through the small
//! [`JsonValue`] trait (defined in [`crate::json`], implemented for the core's own [`crate::json`] reader in the widget
//! and for `serde_json::Value` in tests), turned into a [`RawCatalog`] and checked by the same
//! [`crate::validate`] as the build-time catalog.
//!
//! Reading it by hand rather than with serde keeps serde's deserializer machinery out of
//! the wasm (about 24 KB gzip) and reports every shape problem at once, each with its
//! JSON path (`categories[1].features[0].phase`).

use crate::i18n::{Language, Msg, Translation};
pub use crate::json::{JsonValue, Kind};
use crate::model::Inline;
use crate::validate::{
    validate_with, Diagnostic, EntryName, LinkPolicy, Problem, RawAspect, RawCatalog, RawCategory, RawFeature,
    RawLegend, Validated,
};

struct Reader {
    source: String,
    problems: Vec<Diagnostic>,
}

impl Reader {
    fn problem(&mut self, path: &str, field: &str, problem: Problem) {
        let entry = if path.is_empty() { EntryName::Catalog } else { EntryName::Path(path.to_owned()) };
        let d = Diagnostic { file: self.source.clone(), line: None, entry, field: field.to_owned().into(), problem };
        crate::validate::push_bounded(&mut self.problems, d);
    }

    /// The members of an object at `path`, reporting any key not in `known`.
    fn object<V: JsonValue>(
        &mut self,
        path: &str,
        field: &str,
        v: &V,
        known: &'static [&'static str],
    ) -> Option<Vec<(String, V)>> {
        self.object_at(&|| (path.to_owned(), field.to_owned()), v, known)
    }

    /// [`Reader::object`] with the (path, field) to report built only for a problem: a
    /// large catalog has no problems and many objects.
    fn object_at<V: JsonValue>(
        &mut self,
        at: &dyn Fn() -> (String, String),
        v: &V,
        known: &'static [&'static str],
    ) -> Option<Vec<(String, V)>> {
        if v.kind() != Kind::Object {
            let (path, field) = at();
            self.problem(&path, &field, Problem::Expected(Msg::problem_expected_object, v.kind()));
            return None;
        }
        let members = v.members();
        // An empty `known`: any keys (maps such as `translations`).
        for (k, _) in &members {
            if !known.is_empty() && !known.contains(&k.as_str()) {
                let (path, field) = at();
                self.problem(&join(&path, &field), k, Problem::UnknownField(known));
            }
        }
        Some(members)
    }

    fn string<V: JsonValue>(&mut self, path: &str, field: &str, v: Option<&V>, required: bool) -> Option<String> {
        self.string_at(&|| path.to_owned(), field, v, required)
    }

    /// [`Reader::string`] with the path built only for a problem. A string is asked for
    /// first: it is what a well-formed catalog holds, and one look is cheaper than two.
    fn string_at<V: JsonValue>(
        &mut self,
        path: &dyn Fn() -> String,
        field: &str,
        v: Option<&V>,
        required: bool,
    ) -> Option<String> {
        let Some(v) = v else {
            if required {
                self.problem(&path(), field, Problem::Missing);
            }
            return None;
        };
        if let Some(s) = v.string() {
            return Some(s);
        }
        let kind = v.kind();
        if kind != Kind::Null || required {
            self.problem(&path(), field, Problem::Expected(Msg::problem_expected_string, kind));
        }
        None
    }

    fn array<V: JsonValue>(&mut self, path: &str, field: &str, v: Option<&V>) -> Vec<V> {
        match v {
            None => {
                self.problem(path, field, Problem::Missing);
                Vec::new()
            }
            Some(v) if v.kind() == Kind::Array => v.elements(),
            Some(v) => {
                self.problem(path, field, Problem::Expected(Msg::problem_expected_array, v.kind()));
                Vec::new()
            }
        }
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() || field.starts_with('[') {
        format!("{path}{field}")
    } else {
        format!("{path}.{field}")
    }
}

fn get<'a, V>(members: &'a [(String, V)], key: &str) -> Option<&'a V> {
    // The last of repeated keys, as `JSON.parse` keeps it.
    members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Reads and validates a custom catalog. `source` names it in messages
/// (`inline catalog #my-features`); `default_docs_base` applies when the catalog has none.
/// Links that are not `https://`, `http://` or relative paths are dropped with a warning
/// (the entry shows as text); every other problem rejects the catalog.
pub fn load<V: JsonValue>(source: &str, default_docs_base: &str, root: &V) -> Result<Validated, Vec<Diagnostic>> {
    read(source, default_docs_base, root)?.validate()
}

/// A custom catalog read but not yet validated: it owns its text, so the JSON it was read
/// from can be let go first (at 100,000 features the text is as large as the catalog).
pub struct Read {
    raw: RawCatalog,
    translations: Vec<(String, Translation)>,
}

/// The reading half of [`load`].
pub fn read<V: JsonValue>(source: &str, default_docs_base: &str, root: &V) -> Result<Read, Vec<Diagnostic>> {
    let mut r = Reader { source: source.to_owned(), problems: Vec::new() };
    let raw = read_catalog(&mut r, root);
    let translations = raw.as_ref().map(|(_, m)| read_translations(&mut r, m)).unwrap_or_default();
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    let mut raw = raw.map(|(raw, _)| raw).unwrap_or_default();
    raw.file = source.to_owned();
    if raw.docs_base.is_empty() {
        default_docs_base.clone_into(&mut raw.docs_base);
    }
    Ok(Read { raw, translations })
}

impl Read {
    /// The validating half of [`load`].
    pub fn validate(self) -> Result<Validated, Vec<Diagnostic>> {
        let mut v = validate_with(self.raw, LinkPolicy::DropAndWarn)?;
        v.translations = self.translations;
        Ok(v)
    }
}

/// `translations`: per language code, `{ title, categories: { id or name: text }, legend }`.
/// A legend is checked like the catalog's own (known phases, one cell per phase, safe links).
fn read_translations<V: JsonValue>(r: &mut Reader, m: &[(String, V)]) -> Vec<(String, Translation)> {
    let Some(t) = get(m, "translations") else { return Vec::new() };
    let mut out = Vec::new();
    for (lang, v) in r.object("", "translations", t, &[]).unwrap_or_default() {
        if let Some(tr) = read_translation(r, "translations", &lang, &v) {
            out.push((crate::i18n::primary(&lang), tr));
        }
    }
    out
}

/// One language's catalog text (`field` of `path`), as a catalog's `translations` give it.
fn read_translation<V: JsonValue>(r: &mut Reader, path: &str, field: &str, v: &V) -> Option<Translation> {
    let lm = r.object(path, field, v, &["title", "categories", "legend"])?;
    let path = join(path, field);
    let mut tr = Translation { title: r.string(&path, "title", get(&lm, "title"), false), ..Translation::default() };
    if let Some(c) = get(&lm, "categories") {
        for (key, name) in r.object(&path, "categories", c, &[]).unwrap_or_default() {
            if let Some(name) = r.string(&format!("{path}.categories"), &key, Some(&name), true) {
                tr.categories.push((key, name));
            }
        }
    }
    if let Some(raw) = get(&lm, "legend").and_then(|l| read_legend(r, l)) {
        match crate::validate::legend(&raw, &format!("{} {path}.legend", r.source)) {
            Ok(l) => tr.legend = Some(l),
            Err(problems) => r.problems.extend(problems),
        }
    }
    Some(tr)
}

/// A language file's value (`i18n/<lang>.js` registers it): `{ messages, catalog, titleOf }`,
/// the messages as [`Language::parse`] reads them, the catalog text in the shape of one of a
/// custom catalog's `translations`, and the title its title translates. `None` when its
/// messages are not of this build's shape; catalog text with problems is left out (the
/// interface still speaks the language). The messages' text is kept for the page's life (the
/// widget reads each language once and hands its messages to the view without copies).
pub fn language<V: JsonValue>(v: &V) -> Option<Language> {
    let m = v.members();
    let mut language = Language::parse(get(&m, "messages")?.string()?.leak())?;
    if let Some(c) = get(&m, "catalog") {
        let mut r = Reader { source: format!("language {}", language.messages.lang()), problems: Vec::new() };
        if let Some(mut tr) = read_translation(&mut r, "", "catalog", c).filter(|_| r.problems.is_empty()) {
            tr.title_of = get(&m, "titleOf").and_then(JsonValue::string);
            language.translation = std::rc::Rc::new(tr);
        }
    }
    Some(language)
}

const CATALOG_FIELDS: [&str; 7] =
    ["title", "description", "provenance", "docsBase", "legend", "categories", "translations"];

/// The catalog, and the root's members (for its translations).
fn read_catalog<V: JsonValue>(r: &mut Reader, root: &V) -> Option<(RawCatalog, Vec<(String, V)>)> {
    let m = r.object("", "(root)", root, &CATALOG_FIELDS)?;
    let text = |r: &mut Reader, key: &str| r.string("", key, get(&m, key), false).unwrap_or_default();
    let mut raw = RawCatalog {
        title: text(r, "title"),
        description: text(r, "description"),
        provenance: text(r, "provenance"),
        docs_base: text(r, "docsBase"),
        ..RawCatalog::default()
    };
    for (ci, c) in r.array("", "categories", get(&m, "categories")).iter().enumerate() {
        let path = format!("categories[{ci}]");
        let Some(cm) = r.object("categories", &format!("[{ci}]"), c, &["name", "features"]) else { continue };
        let name = r.string(&path, "name", get(&cm, "name"), true).unwrap_or_default();
        let mut features = Vec::new();
        for (fi, f) in r.array(&path, "features", get(&cm, "features")).iter().enumerate() {
            let fpath = || format!("{path}.features[{fi}]");
            let known: &'static [&'static str] = &["id", "name", "phase", "link", "note"];
            let Some(fm) = r.object_at(&|| (format!("{path}.features"), format!("[{fi}]")), f, known) else {
                continue;
            };
            features.push(RawFeature {
                line: None,
                id: r.string_at(&fpath, "id", get(&fm, "id"), false),
                name: r.string_at(&fpath, "name", get(&fm, "name"), true).unwrap_or_default(),
                phase: r.string_at(&fpath, "phase", get(&fm, "phase"), true).unwrap_or_default(),
                link: r.string_at(&fpath, "link", get(&fm, "link"), false),
                note: r.string_at(&fpath, "note", get(&fm, "note"), false),
                extra_links: Vec::new(),
            });
        }
        raw.categories.push(RawCategory { line: None, name, features });
    }
    if let Some(l) = get(&m, "legend").filter(|l| l.kind() != Kind::Null) {
        raw.legend = read_legend(r, l);
    }
    Some((raw, m))
}

fn read_legend<V: JsonValue>(r: &mut Reader, l: &V) -> Option<RawLegend> {
    let lm = r.object("", "legend", l, &["phases", "aspects"])?;
    let phases = r
        .array("legend", "phases", get(&lm, "phases"))
        .iter()
        .enumerate()
        .filter_map(|(i, p)| r.string("legend.phases", &format!("[{i}]"), Some(p), true))
        .collect();
    let mut aspects = Vec::new();
    for (ai, a) in r.array("legend", "aspects", get(&lm, "aspects")).iter().enumerate() {
        let path = format!("legend.aspects[{ai}]");
        let Some(am) = r.object("legend.aspects", &format!("[{ai}]"), a, &["name", "cells"]) else { continue };
        let name = r.string(&path, "name", get(&am, "name"), true).unwrap_or_default();
        let cells = r
            .array(&path, "cells", get(&am, "cells"))
            .iter()
            .enumerate()
            .map(|(ci, cell)| read_cell(r, &format!("{path}.cells"), ci, cell))
            .collect();
        aspects.push(RawAspect { line: None, name, cells });
    }
    Some(RawLegend { line: None, phases, aspects })
}

/// A legend cell: a string, or an array of strings and `{ "text", "href" }` links.
fn read_cell<V: JsonValue>(r: &mut Reader, path: &str, ci: usize, cell: &V) -> Vec<Inline> {
    match cell.kind() {
        Kind::String => vec![Inline::Text(cell.string().unwrap_or_default().into())],
        Kind::Array => {
            let mut out = Vec::new();
            let at = format!("{path}[{ci}]");
            for (i, run) in cell.elements().iter().enumerate() {
                if run.kind() == Kind::String {
                    out.push(Inline::Text(run.string().unwrap_or_default().into()));
                    continue;
                }
                let Some(m) = r.object(&at, &format!("[{i}]"), run, &["text", "href"]) else { continue };
                let here = format!("{at}[{i}]");
                let text = r.string(&here, "text", get(&m, "text"), true).unwrap_or_default();
                match r.string(&here, "href", get(&m, "href"), false) {
                    Some(href) => out.push(Inline::Link { text: text.into(), href: href.into() }),
                    None => out.push(Inline::Text(text.into())),
                }
            }
            out
        }
        other => {
            r.problem(path, &format!("[{ci}]"), Problem::Expected(Msg::problem_expected_text, other));
            Vec::new()
        }
    }
}

/// For catalogs parsed on the host (tests, tools).
impl JsonValue for serde_json::Value {
    fn kind(&self) -> Kind {
        match self {
            serde_json::Value::Null => Kind::Null,
            serde_json::Value::Bool(_) => Kind::Bool,
            serde_json::Value::Number(_) => Kind::Number,
            serde_json::Value::String(_) => Kind::String,
            serde_json::Value::Array(_) => Kind::Array,
            serde_json::Value::Object(_) => Kind::Object,
        }
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn elements(&self) -> Vec<Self> {
        self.as_array().cloned().unwrap_or_default()
    }
    fn members(&self) -> Vec<(String, Self)> {
        self.as_object().map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Catalog, Phase};

    #[test]
    fn translations_are_read_per_language_and_checked() {
        let json = r#"{"categories": [{"name": "Networking", "features": [{"name": "A", "phase": "Beta"}]}],
            "translations": {"zh-CN": {"title": "网络功能", "categories": {"Networking": "网络"},
                "legend": {"phases": ["Beta"], "aspects": [{"name": "目的", "cells": ["可用"]}]}},
              "uk": {"categories": {"networking": "Мережа"}}}}"#;
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let loaded = load("t", "https://x.example", &v).expect("valid");
        let mut langs: Vec<&str> = loaded.translations.iter().map(|(l, _)| l.as_str()).collect();
        langs.sort_unstable();
        assert_eq!(langs, ["uk", "zh"], "by primary subtag");
        let of = |lang: &str| &loaded.translations.iter().find(|(l, _)| l == lang).expect("translated").1;
        let zh = of("zh");
        let (c, before) = zh.apply(loaded.catalog.clone());
        assert_eq!((c.title.as_ref(), c.categories[0].name.as_ref()), ("网络功能", "网络"));
        assert_eq!(before, ["Networking"]);
        assert!(zh.legend.is_some());
        let (c, _) = of("uk").apply(loaded.catalog.clone());
        assert_eq!(c.categories[0].name, "Мережа", "by id too");
        // A legend whose cells do not fit its phases, and a name that is not text: errors
        // with their place.
        let bad = r#"{"categories": [], "translations": {"zh": {"categories": {"x": 1},
            "legend": {"phases": ["Beta", "Alpha"], "aspects": [{"name": "目的", "cells": ["只有一个"]}]}}}}"#;
        let v: serde_json::Value = serde_json::from_str(bad).unwrap();
        let e: Vec<String> = load("t", "https://x.example", &v).unwrap_err().iter().map(ToString::to_string).collect();
        assert!(e.iter().any(|m| m.contains("translations.zh.categories") && m.contains("expected a string")), "{e:?}");
        assert!(
            e.iter()
                .any(|m| m.contains("translations.zh.legend")
                    && m.contains("has 1 cells but the legend defines 2 phases")),
            "{e:?}"
        );
    }

    #[test]
    fn a_language_file_gives_messages_and_catalog_text() {
        let messages = crate::i18n::Language::english().write().replacen("en 1", "zh 0", 1);
        let file = |catalog: serde_json::Value| serde_json::json!({ "messages": messages, "catalog": catalog, "titleOf": "Feature Status" });
        let l = language(&file(serde_json::json!({"title": "功能状态", "categories": {"core": "核心"},
            "legend": {"phases": ["Beta"], "aspects": [{"name": "目的", "cells": ["可用"]}]}})))
        .expect("read");
        assert_eq!(l.messages.lang(), "zh");
        assert_eq!(l.translation.title.as_deref(), Some("功能状态"));
        assert_eq!(l.translation.title_of.as_deref(), Some("Feature Status"), "only that title is translated");
        assert_eq!(l.translation.categories, [("core".to_owned(), "核心".to_owned())]);
        assert_eq!(l.translation.legend.as_ref().map(|l| l.aspects[0].name.as_ref()), Some("目的"));
        // Catalog text with a problem is left out; the messages still count.
        let l = language(&file(serde_json::json!({"categories": {"core": 1}}))).expect("read");
        assert!(l.translation.is_empty());
        let l = language(&file(serde_json::json!({"legend": {"phases": ["Beta"], "aspects": [{"name": "x",
            "cells": [[{"text": "x", "href": "javascript:alert(1)"}]]}]}})))
        .expect("read");
        assert!(l.translation.legend.is_none(), "an unsafe link refuses the legend");
        // Messages of another shape, or none: not a language.
        assert!(language(&serde_json::json!({ "messages": "zh\nA" })).is_none());
        assert!(language(&serde_json::json!("zh\nA")).is_none());
        assert!(language(&serde_json::json!({ "catalog": {} })).is_none());
    }

    fn load_str(json: &str) -> Result<Catalog, Vec<String>> {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        load("inline catalog #test", "https://docs.example.org", &v)
            .map(|v| v.catalog)
            .map_err(|d| d.iter().map(ToString::to_string).collect())
    }

    const GOOD: &str = r#"{
        "title": "Widget features",
        "docsBase": "https://widgets.example/docs",
        "legend": {
            "phases": ["Alpha", "Beta", "Stable"],
            "aspects": [
                {"name": "Purpose", "cells": ["Try it", "Use it", ["Rely on it, see ", {"text": "policy", "href": "/policy/"}]]}
            ]
        },
        "categories": [
            {"name": "Core", "features": [
                {"name": "Sprockets", "phase": "stable", "link": "/sprockets/"},
                {"name": "Gears", "phase": "Beta", "note": "Only metric sizes.", "id": "gears"}
            ]},
            {"name": "Extras", "features": [{"name": "Bells", "phase": "Alpha", "note": null}]}
        ]
    }"#;

    #[test]
    fn a_custom_catalog_loads() {
        let c = load_str(GOOD).unwrap();
        assert_eq!(c.title, "Widget features");
        assert_eq!(c.docs_base, "https://widgets.example/docs");
        assert_eq!(c.features.len(), 3);
        assert_eq!(c.features[0].phase, Phase::Stable);
        assert_eq!(c.features[0].id, "core-sprockets");
        assert_eq!(c.features[1].id, "gears");
        assert_eq!(c.features[1].note.as_deref(), Some("Only metric sizes."));
        assert_eq!(c.features[2].note, None);
        assert_eq!(c.legend.aspects[0].cells[2][1], Inline::Link { text: "policy".into(), href: "/policy/".into() });
    }

    #[test]
    fn the_default_docs_base_applies() {
        let c = load_str(r#"{"categories": [{"name": "A", "features": [{"name": "x", "phase": "Beta"}]}]}"#).unwrap();
        assert_eq!(c.docs_base, "https://docs.example.org");
    }

    #[test]
    fn validation_errors_name_entry_and_field() {
        let e = load_str(
            r#"{"categories": [{"name": "Core", "features": [
                {"name": "A", "phase": "Gamma"},
                {"name": "B", "phase": "Beta", "link": "javascript:alert(1)"},
                {"name": "a", "phase": "Beta"}
            ]}]}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            [
                "inline catalog #test: feature \"A\" (Core, row 1): field `phase`: unknown phase \"Gamma\"; expected one of Experimental, Alpha, Beta, Stable, Deprecated",
                "inline catalog #test: feature \"a\" (Core, row 3): field `name`: duplicate name \"a\", first used in row 1 of \"Core\"",
                "inline catalog #test: feature \"B\" (Core, row 2): field `link`: link \"javascript:alert(1)\" uses the scheme \"javascript\"; only https://, http:// and relative paths are allowed",
            ]
        );
    }

    #[test]
    fn bad_links_alone_are_warnings_and_render_as_text() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"legend": {"phases": ["Beta"], "aspects": [{"name": "P", "cells": [[{"text": "x", "href": "vbscript:y"}]]}]},
                "categories": [{"name": "C", "features": [{"name": "A", "phase": "Beta", "link": "javascript:alert(1)"}]}]}"#,
        )
        .unwrap();
        let out = load("t", "https://d.example", &v).unwrap();
        assert_eq!(out.catalog.features[0].link, None);
        assert_eq!(out.catalog.legend.aspects[0].cells[0][0], Inline::Text("x".into()));
        assert_eq!(out.warnings.len(), 2, "{:#?}", out.warnings);
    }

    #[test]
    fn shape_errors_name_the_json_path_all_at_once() {
        let e = load_str(
            r#"{"categories": [{"name": "Core", "features": [{"name": "A", "phase": 3, "lnk": "/x"}, 7]}], "legend": {"phases": "Alpha"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            [
                "inline catalog #test: categories[0].features[0]: field `lnk`: unknown field; expected one of id, name, phase, link, note",
                "inline catalog #test: categories[0].features[0]: field `phase`: expected a string, found a number",
                "inline catalog #test: categories[0].features: field `[1]`: expected an object, found a number",
                "inline catalog #test: legend: field `phases`: expected an array, found a string",
                "inline catalog #test: legend: field `aspects`: missing",
            ]
        );
        let e = load_str(r#"{"title": "no categories"}"#).unwrap_err();
        assert_eq!(e, ["inline catalog #test: catalog: field `categories`: missing"]);
        let e = load_str(r#""text""#).unwrap_err();
        assert_eq!(e, ["inline catalog #test: catalog: field `(root)`: expected an object, found a string"]);
        let e = load_str(r#"{"categories": [{"name": "C", "features": [{"name": "A"}]}]}"#).unwrap_err();
        assert_eq!(e, ["inline catalog #test: categories[0].features[0]: field `phase`: missing"]);
    }

    #[test]
    fn markup_in_a_custom_catalog_is_just_text() {
        let c = load_str(
            r#"{"categories": [{"name": "<b>C</b>", "features": [{"name": "<img src=x onerror=alert(1)>", "phase": "Beta"}]}]}"#,
        )
        .unwrap();
        assert_eq!(c.features[0].name, "<img src=x onerror=alert(1)>");
    }
}
