//! Reader and checker for Istio's upstream `features.yaml` (one per release branch since
//! 1.10; schema in `data/istio-releases/features_schema.json`).
//!
//! The real files have defects, and reading them must neither stop at the first one nor
//! silently fix or drop anything. Every entry is kept, in file order, with its line; every
//! problem is reported with file, line and the entry's id (or name):
//!
//! - errors: empty names, maturities outside the schema's enum, areas outside the schema's
//!   enum (`Ambient` for `Ambient mode`), links that are neither URLs nor paths, ids that
//!   repeat within the file;
//! - warnings: values with stray whitespace, a `link` placed under `level` instead of at the
//!   top level (it is used), a note after the maturity word (`Alpha. Dual-stack …`).
//!
//! Row keys: an entry's `id`; the second and later entries that repeat an id get `#2`, `#3`
//! appended (in file order), so no entry is merged into another; entries without an id are
//! keyed `name:<slug of name>`. Ids renamed across releases are separate keys here.

use serde::Deserialize;

use crate::links;
use crate::model::{slugify, Phase};

/// A feature maturity as upstream defines it: the widget's [`Phase`].
pub type Maturity = Phase;

/// The schema's `area` enum.
pub const AREAS: [&str; 6] =
    ["Traffic Management", "Observability", "Extensibility", "Security and policy enforcement", "Core", "Ambient mode"];

/// One entry, as written (trimmed), with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line of the entry's `- ` in the file.
    pub line: Option<u32>,
    /// Row key, unique within the file (see the module docs).
    pub key: String,
    pub id: Option<String>,
    pub name: String,
    pub area: String,
    /// `None` when the maturity is missing or outside the enum (an error is reported).
    pub maturity: Option<Maturity>,
    /// `maturityNotes`, or text after the maturity word.
    pub note: Option<String>,
    /// Top-level `link`, else `level.link`.
    pub link: Option<String>,
    pub checklist: Option<String>,
    pub next_expected_promotion: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in a features file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: Option<u32>,
    /// The entry's id, or its name in quotes when it has none.
    pub entry: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.line {
            Some(l) => write!(f, "{}:{l}: {kind}: {}: {}", self.file, self.entry, self.message),
            None => write!(f, "{}: {kind}: {}: {}", self.file, self.entry, self.message),
        }
    }
}

/// A release's features and what is wrong with them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Release {
    pub entries: Vec<Entry>,
    pub findings: Vec<Finding>,
}

impl Release {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Number of entries in each maturity (entries without a valid one are not counted).
    pub fn count(&self, m: Maturity) -> usize {
        self.entries.iter().filter(|e| e.maturity == Some(m)).count()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    features: Vec<YFeature>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct YFeature {
    name: Option<String>,
    id: Option<String>,
    link: Option<String>,
    area: Option<String>,
    level: Option<YLevel>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct YLevel {
    checklist: Option<String>,
    maturity: Option<String>,
    next_expected_promotion: Option<String>,
    maturity_notes: Option<String>,
    link: Option<String>,
}

/// Lines where the entries of the top-level `features` list start (`  - `).
fn item_lines(text: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("  - ") || *l == "  -")
        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX))
        .collect()
}

/// Reads a features file. A file that is not valid YAML of the expected shape gives a
/// single error and no entries.
pub fn read(file: &str, text: &str) -> Release {
    let mut out = Release::default();
    let parsed: File = match serde_saphyr::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            out.findings.push(Finding {
                severity: Severity::Error,
                file: file.to_owned(),
                line: None,
                entry: "file".to_owned(),
                message: format!("not a features.yaml: {e}"),
            });
            return out;
        }
    };
    let lines = item_lines(text);
    let lines_known = lines.len() == parsed.features.len();
    let mut first_by_id: Vec<(String, Option<u32>, usize)> = Vec::new();
    for (i, f) in parsed.features.into_iter().enumerate() {
        let line = if lines_known { Some(lines[i]) } else { None };
        let level = f.level.unwrap_or(YLevel {
            checklist: None,
            maturity: None,
            next_expected_promotion: None,
            maturity_notes: None,
            link: None,
        });
        let name = f.name.unwrap_or_default();
        let id = f.id.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let entry_label = id.clone().unwrap_or_else(|| format!("{:?}", name.trim()));
        let malformed_id =
            id.as_deref().is_some_and(|i| !i.chars().all(|c| c.is_ascii_alphanumeric() || "_.+-".contains(c)));
        let mut find = |severity: Severity, message: String| {
            out.findings.push(Finding { severity, file: file.to_owned(), line, entry: entry_label.clone(), message });
        };
        let trimmed = |field: &str, value: Option<String>, find: &mut dyn FnMut(Severity, String)| {
            value.map(|v| {
                if v.trim() != v {
                    find(Severity::Warning, format!("`{field}` {v:?} has stray whitespace"));
                }
                v.trim().to_owned()
            })
        };
        if malformed_id {
            find(Severity::Warning, "`id` has characters other than letters, digits and _.+-".to_owned());
        }
        let name_t = trimmed("name", Some(name), &mut find).unwrap_or_default();
        if name_t.is_empty() {
            find(Severity::Error, "`name` is empty".to_owned());
        }
        let area = trimmed("area", f.area, &mut find).unwrap_or_default();
        if !AREAS.contains(&area.as_str()) {
            find(Severity::Error, format!("`area` {area:?} is not in the schema's enum ({})", AREAS.join(", ")));
        }
        let raw_maturity = trimmed("level.maturity", level.maturity, &mut find).unwrap_or_default();
        let end = raw_maturity.find(|c: char| !c.is_alphanumeric()).unwrap_or(raw_maturity.len());
        let (word, rest) = raw_maturity.split_at(end);
        let maturity = Phase::parse(word);
        let mut note = level.maturity_notes.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        match maturity {
            None => find(
                Severity::Error,
                format!(
                    "`level.maturity` {raw_maturity:?} is not one of {}",
                    Maturity::ALL.map(Maturity::label).join(", ")
                ),
            ),
            Some(_) if !rest.trim().is_empty() => {
                let extra = rest.trim_start_matches(|c: char| c.is_whitespace() || ".,;:-".contains(c)).trim();
                find(Severity::Warning, format!("`level.maturity` carries a note ({extra:?}); use `maturityNotes`"));
                if note.is_none() {
                    note = Some(extra.to_owned());
                }
            }
            Some(_) => {}
        }
        let link = match (f.link, level.link) {
            (Some(top), _) => Some(top),
            (None, Some(nested)) => {
                find(Severity::Warning, "`link` is under `level`; the schema puts it at the top level".to_owned());
                Some(nested)
            }
            (None, None) => None,
        }
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
        if let Some(l) = &link {
            if let Err(e) = links::classify(l) {
                find(Severity::Error, format!("`link`: {e}"));
            }
        }
        let key = match &id {
            Some(id) => {
                let repeats = first_by_id.iter().filter(|(k, _, _)| k == id).count();
                if let Some((_, first_line, _)) = first_by_id.iter().find(|(k, _, _)| k == id) {
                    let at = first_line.map_or_else(|| "earlier".to_owned(), |l| format!("on line {l}"));
                    find(
                        Severity::Error,
                        format!("duplicate id {id:?}, first used {at}; kept as {id}#{}", repeats + 1),
                    );
                }
                first_by_id.push((id.clone(), line, i));
                if repeats == 0 {
                    id.clone()
                } else {
                    format!("{id}#{}", repeats + 1)
                }
            }
            None => format!("name:{}", slugify(&name_t)),
        };
        out.entries.push(Entry {
            line,
            key,
            id,
            name: name_t,
            area,
            maturity,
            note,
            link,
            checklist: level.checklist.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()),
            next_expected_promotion: level
                .next_expected_promotion
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
        });
    }
    out
}
