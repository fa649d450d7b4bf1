//! The custom catalog format a page can hand to the widget at run time (inline JSON or a
//! JS object), documented by `www/catalog.schema.json`. It is read with serde from any
//! serde deserializer (serde-wasm-bindgen in the browser, serde_json in tests), turned
//! into a [`RawCatalog`] and checked by the same [`crate::validate`] as the build-time
//! catalog. Shape errors name the JSON path (`categories[1].features[0].phase`).

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::{Catalog, Inline};
use crate::validate::{validate, Diagnostic, Problem, RawAspect, RawCatalog, RawCategory, RawFeature, RawLegend};

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields, rename_all = "camelCase", expecting = "a catalog object")]
struct JsonCatalog {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    provenance: String,
    docs_base: Option<String>,
    legend: Option<JsonLegend>,
    categories: Vec<JsonCategory>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonLegend {
    phases: Vec<String>,
    aspects: Vec<JsonAspect>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonAspect {
    name: String,
    cells: Vec<JsonCell>,
}

/// A legend cell: plain text, or a list of text runs and links.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum JsonCell {
    Text(String),
    Runs(Vec<JsonRun>),
}

#[derive(Deserialize, Debug)]
#[serde(untagged)]
enum JsonRun {
    Text(String),
    Link { text: String, href: Option<String> },
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonCategory {
    name: String,
    features: Vec<JsonFeature>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct JsonFeature {
    id: Option<String>,
    name: String,
    phase: String,
    link: Option<String>,
    note: Option<String>,
}

impl JsonCell {
    fn into_inlines(self) -> Vec<Inline> {
        match self {
            JsonCell::Text(t) => vec![Inline::Text(t.into())],
            JsonCell::Runs(runs) => runs
                .into_iter()
                .map(|r| match r {
                    JsonRun::Text(t) | JsonRun::Link { text: t, href: None } => Inline::Text(t.into()),
                    JsonRun::Link { text, href: Some(href) } => Inline::Link { text: text.into(), href: href.into() },
                })
                .collect(),
        }
    }
}

/// Reads and validates a custom catalog. `source` names it in messages
/// (`inline catalog #my-features`); `default_docs_base` applies when the catalog has none.
pub fn load<'de, D: serde::Deserializer<'de>>(
    source: &str,
    default_docs_base: &str,
    deserializer: D,
) -> Result<Catalog, Vec<Diagnostic>> {
    let json: JsonCatalog = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        let (entry, field) = match path.rsplit_once('.') {
            _ if path == "." || path.is_empty() => ("catalog".to_owned(), "(root)".to_owned()),
            Some((parent, last)) => (parent.to_owned(), last.to_owned()),
            None => ("catalog".to_owned(), path),
        };
        vec![Diagnostic {
            file: source.to_owned(),
            line: None,
            entry,
            field: Cow::Owned(field),
            problem: Problem::Structure(e.into_inner().to_string()),
        }]
    })?;
    validate(RawCatalog {
        file: source.to_owned(),
        title: json.title,
        description: json.description,
        provenance: json.provenance,
        docs_base: json.docs_base.unwrap_or_else(|| default_docs_base.to_owned()),
        categories: json
            .categories
            .into_iter()
            .map(|c| RawCategory {
                line: None,
                name: c.name,
                features: c
                    .features
                    .into_iter()
                    .map(|f| RawFeature {
                        line: None,
                        id: f.id,
                        name: f.name,
                        phase: f.phase,
                        link: f.link,
                        note: f.note,
                        extra_links: Vec::new(),
                    })
                    .collect(),
            })
            .collect(),
        legend: json.legend.map(|l| RawLegend {
            line: None,
            phases: l.phases,
            aspects: l
                .aspects
                .into_iter()
                .map(|a| RawAspect {
                    line: None,
                    name: a.name,
                    cells: a.cells.into_iter().map(JsonCell::into_inlines).collect(),
                })
                .collect(),
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    fn load_str(json: &str) -> Result<Catalog, Vec<String>> {
        let mut de = serde_json::Deserializer::from_str(json);
        load("inline catalog #test", "https://docs.example.org", &mut de)
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
            {"name": "Extras", "features": [{"name": "Bells", "phase": "Alpha"}]}
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
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!(e[0], "inline catalog #test: feature \"A\" (Core, row 1): field `phase`: unknown phase \"Gamma\"; expected one of Alpha, Beta, Stable");
        assert!(
            e[1].contains("feature \"B\" (Core, row 2): field `link`: link \"javascript:alert(1)\" uses the scheme"),
            "{}",
            e[1]
        );
        assert!(e[2].contains("duplicate name \"a\""), "{}", e[2]);
    }

    #[test]
    fn shape_errors_name_the_json_path() {
        let e = load_str(r#"{"categories": [{"name": "Core", "features": [{"name": "A", "phase": 3}]}]}"#).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].starts_with("inline catalog #test: categories[0].features[0]: field `phase`: invalid type: integer `3`, expected a string"), "{}", e[0]);
        let e = load_str(
            r#"{"categories": [{"name": "Core", "features": [{"name": "A", "phase": "Beta", "lnk": "/x"}]}]}"#,
        )
        .unwrap_err();
        assert!(e[0].contains("unknown field `lnk`"), "{}", e[0]);
        let e = load_str(r#"{"title": "no categories"}"#).unwrap_err();
        assert!(e[0].contains("missing field `categories`"), "{}", e[0]);
        let e = load_str("\"text\"").unwrap_err();
        assert!(
            e[0].starts_with("inline catalog #test: catalog: field `(root)`: invalid type: string \"text\", expected a catalog object"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn markup_in_a_custom_catalog_is_just_text() {
        let c = load_str(r#"{"categories": [{"name": "<b>C</b>", "features": [{"name": "<img src=x onerror=alert(1)>", "phase": "Beta"}]}]}"#).unwrap();
        assert_eq!(c.features[0].name, "<img src=x onerror=alert(1)>");
    }
}
