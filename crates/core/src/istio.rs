//! Istio's own feature data: the `features.yaml` of istio/enhancements (one per release
//! branch since 1.10; schema in `data/istio-releases/features_schema.json`), read from a
//! parsed tree through [`JsonValue`]. The one set of rules for it: the build reads the YAML
//! files with it (`source::features_yaml`), and the widget reads the same data handed to it
//! at run time as JSON (what Hugo's `jsonify` makes of `.Site.Data.features`).
//!
//! The real files have defects, and reading them must neither stop at the first one nor
//! silently fix or drop anything. Every entry is kept, in file order, with its line when the
//! caller knows it; every problem is reported with file, line and the entry's id (or name):
//!
//! - errors: empty names, maturities outside the schema's enum, links that are neither URLs
//!   nor paths, ids that repeat within the file, values of the wrong type, deprecation states
//!   outside the schema's enum;
//! - warnings: areas outside the schema's enum (new areas do appear: the entry is shown in a
//!   category of its own), values with stray whitespace or control characters, a `link` under
//!   `level` instead of at the top level (it is used), a note after the maturity word
//!   (`Alpha. Dual-stack …`), a deprecation without `details.next`, unknown fields.
//!
//! Row keys: an entry's `id`; the second and later entries that repeat an id get `#2`, `#3`
//! appended (in file order), so no entry is merged into another; entries without an id are
//! keyed `name:<slug of name>`.

use std::borrow::Cow;

use crate::i18n::{quote, Messages, Msg, Say};
use crate::json_catalog::{JsonValue, Kind};
use crate::links::{self, LinkError};
use crate::model::{slugify, Catalog, Category, Feature, Legend, Phase, Text};
use crate::validate::{kind_message, EntryName, Ids, Place, Places, Seen};

/// A feature maturity as upstream defines it: the widget's [`Phase`].
pub type Maturity = Phase;

/// The schema's `area` enum, in the order istio.io's Feature Status page lists the areas
/// (Ambient mode, not on that page, last).
pub const AREAS: [&str; 6] =
    ["Traffic Management", "Observability", "Extensibility", "Security and policy enforcement", "Core", "Ambient mode"];

/// A feature's `deprecation`, as the schema defines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    /// `state: retired` (else `deprecated`).
    pub retired: bool,
    /// `details.next`: the release in which the feature will be retired.
    pub next: Option<String>,
    /// `details.replacement`.
    pub replacement: Option<String>,
}

/// One entry, as written (trimmed), with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line of the entry's `- ` in the file, when the source has lines.
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
    /// Top-level `link`, else `level.link`; `None` when it is not a URL or a path.
    pub link: Option<String>,
    pub checklist: Option<String>,
    pub next_expected_promotion: Option<String>,
    pub deprecation: Option<Deprecation>,
}

impl Entry {
    /// The phase shown: Deprecated for a deprecated or retired feature, else its maturity;
    /// `None` when the entry cannot be shown (no valid maturity, or no name).
    pub fn phase(&self) -> Option<Phase> {
        if self.name.is_empty() {
            return None;
        }
        self.maturity.map(|m| if self.deprecation.is_some() { Phase::Deprecated } else { m })
    }

    /// The note shown: the deprecation in istio.io's words ("Removal planned for 1.30.
    /// Replaced by …. Was Beta."), then `maturityNotes`.
    pub fn shown_note(&self) -> Option<String> {
        let Some(d) = &self.deprecation else { return self.note.clone() };
        let mut s = String::from(if d.retired { "Retired." } else { "" });
        let mut add = |part: String| {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&part);
        };
        if let Some(n) = &d.next {
            add(format!("Removal planned for {n}."));
        }
        if let Some(r) = &d.replacement {
            add(format!("Replaced by {r}."));
        }
        if let Some(m) = self.maturity {
            add(format!("Was {}.", m.label()));
        }
        if let Some(n) = &self.note {
            add(n.clone());
        }
        Some(s)
    }
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
    /// The entry's id ([`EntryName::Path`]), its name when it has none ([`EntryName::Named`]), its
    /// position when it has neither, or the file.
    pub entry: EntryName,
    pub problem: Problem,
}

impl Say for Finding {
    fn say(&self, m: &Messages) -> String {
        let mut out = self.file.clone();
        if let Some(l) = self.line {
            out.push(':');
            out.push_str(&l.to_string());
        }
        let severity = m.get(match self.severity {
            Severity::Error => Msg::problem_error,
            Severity::Warning => Msg::problem_warning,
        });
        let (entry, problem) = (self.entry.say(m), self.problem.say(m));
        out.push_str(": ");
        out.push_str(
            &m.fill(Msg::problem_in_entry, &[("severity", severity), ("entry", &entry), ("problem", &problem)]),
        );
        out
    }
}

/// What is wrong with an entry of a features file. `field` is the field's path in the
/// entry (`level.maturity`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The file is not `{"features": [...]}`: what it holds instead (`None`: no `features`).
    NotFeatures(Option<Kind>),
    UnknownField(String),
    NotText {
        field: &'static str,
        found: Kind,
    },
    StraySpace {
        field: &'static str,
        value: String,
    },
    ControlCharacters(&'static str),
    NotObject(Kind),
    IdCharacters,
    EmptyName,
    UnknownArea(String),
    LevelNotObject,
    UnknownMaturity(String),
    MaturityNote(String),
    LinkUnderLevel,
    BadLink(LinkError),
    UnknownState(String),
    NoNext,
    /// An id used before (where first, if the file has lines), kept under `key`.
    DuplicateId {
        id: String,
        first: Option<u32>,
        key: String,
    },
    TooManyAreas(usize),
    /// A build-time check's finding (the YAML, the JSON Schema, release order), in English:
    /// the shipped reader never makes one.
    Checked(String),
}

impl Say for Problem {
    fn say(&self, m: &Messages) -> String {
        let kind = |k: &Kind| m.get(kind_message(*k));
        // Most findings are one message with one value (or none): one call at the end.
        let (msg, value, quoted) = match self {
            Problem::NotFeatures(k) => {
                (Msg::istio_not_features, k.as_ref().map_or(m.get(Msg::json_nothing), kind), false)
            }
            Problem::UnknownField(f) => (Msg::istio_unknown_field, f.as_str(), false),
            Problem::ControlCharacters(field) => (Msg::istio_control, *field, false),
            Problem::NotObject(k) => (Msg::problem_expected_object, kind(k), false),
            Problem::IdCharacters => (Msg::istio_id_characters, "", false),
            Problem::EmptyName => (Msg::istio_empty_name, "", false),
            Problem::UnknownArea(a) => (Msg::istio_unknown_area, a.as_str(), true),
            Problem::LevelNotObject => (Msg::istio_level_not_object, "", false),
            Problem::UnknownMaturity(v) => (Msg::istio_unknown_maturity, v.as_str(), true),
            Problem::MaturityNote(n) => (Msg::istio_maturity_note, n.as_str(), true),
            Problem::LinkUnderLevel => (Msg::istio_link_under_level, "", false),
            Problem::UnknownState(v) => (Msg::istio_unknown_state, v.as_str(), true),
            Problem::NoNext => (Msg::istio_no_next, "", false),
            Problem::Checked(text) => return text.clone(),
            Problem::BadLink(e) => return m.with(Msg::istio_bad_link, &e.say(m)),
            Problem::TooManyAreas(n) => return m.with(Msg::istio_too_many_areas, &m.number(*n)),
            Problem::NotText { field, found } => {
                return m.fill(Msg::istio_not_text, &[("field", field), ("found", kind(found))])
            }
            Problem::StraySpace { field, value } => {
                return m.fill(Msg::istio_stray_space, &[("field", field), ("value", &quote(value))])
            }
            Problem::DuplicateId { id, first, key } => {
                let first = first.map_or(Seen::Earlier, Seen::Line).say(m);
                return m.fill(Msg::istio_duplicate_id, &[("id", &quote(id)), ("first", &first), ("key", key)]);
            }
        };
        if quoted {
            m.quoting(msg, value)
        } else {
            m.with(msg, value)
        }
    }
}

crate::english_display!(Finding, Problem);

/// A release's features and what is wrong with them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Release {
    pub entries: Vec<Entry>,
    /// The findings, up to the reader's limit.
    pub findings: Vec<Finding>,
    /// Findings past the limit (counted, not kept).
    pub more: usize,
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

struct Reader<'a> {
    file: &'a str,
    limit: usize,
    out: Release,
    line: Option<u32>,
    entry: EntryName,
}

impl Reader<'_> {
    fn find(&mut self, severity: Severity, problem: Problem) {
        if self.out.findings.len() < self.limit {
            let (file, line, entry) = (self.file.to_owned(), self.line, self.entry.clone());
            self.out.findings.push(Finding { severity, file, line, entry, problem });
        } else {
            self.out.more += 1;
        }
    }

    /// Warns about every member of an object not in `known`.
    fn known<V>(&mut self, at: &str, members: &[(String, V)], known: &[&str]) {
        for (k, _) in members {
            if !known.contains(&k.as_str()) {
                self.find(Severity::Warning, Problem::UnknownField(format!("{at}{k}")));
            }
        }
    }

    /// A string field, trimmed, control characters turned into spaces; `None` when absent,
    /// null or empty. Stray whitespace is reported for `warn_space` fields.
    fn text<V: JsonValue>(&mut self, field: &'static str, v: Option<&V>, warn_space: bool) -> Option<String> {
        let v = v?;
        let Some(s) = v.string() else {
            if v.kind() != Kind::Null {
                self.find(Severity::Error, Problem::NotText { field, found: v.kind() });
            }
            return None;
        };
        let mut t = s.trim().to_owned();
        if warn_space && t.len() != s.len() {
            self.find(Severity::Warning, Problem::StraySpace { field, value: s.clone() });
        }
        if t.chars().any(char::is_control) {
            self.find(Severity::Warning, Problem::ControlCharacters(field));
            let mut spaced = String::with_capacity(t.len());
            for c in t.chars() {
                spaced.push(if c.is_control() { ' ' } else { c });
            }
            t = spaced;
        }
        (!t.is_empty()).then_some(t)
    }
}

/// The value of `key` among `members` (not inlined: it is called for every field).
#[inline(never)]
fn member<'v, V>(members: &'v [(String, V)], key: &str) -> Option<&'v V> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Reads Istio's feature data from a parsed tree: `{"features": [...]}`. `lines` are the
/// 1-based lines where the list's items start (used when there is one per item); at most
/// `limit` findings are kept. Data that is not of that shape gives a single error and no
/// entries.
pub fn read<V: JsonValue>(file: &str, root: &V, lines: &[u32], limit: usize) -> Release {
    let mut r = Reader { file, limit, out: Release::default(), line: None, entry: EntryName::File };
    let top = root.members();
    let features = member(&top, "features");
    let Some(items) = features.filter(|f| f.kind() == Kind::Array).map(JsonValue::elements) else {
        let found = if root.kind() == Kind::Object { features.map(JsonValue::kind) } else { Some(root.kind()) };
        r.find(Severity::Error, Problem::NotFeatures(found));
        return r.out;
    };
    r.known("", &top, &["features"]);
    let lines_known = lines.len() == items.len();
    // Per id: the first entry's line and how many entries used it so far (as `row`).
    let mut ids = Places::default();
    for (i, item) in items.iter().enumerate() {
        r.line = if lines_known { lines.get(i).copied() } else { None };
        if let Some(e) = r.entry(i, item, &mut ids) {
            r.out.entries.push(e);
        }
    }
    r.refuse_too_many_areas();
    r.out
}

impl Reader<'_> {
    /// Entry `i` of the list: every field read and checked; `None` when it is not an object.
    fn entry<V: JsonValue>(&mut self, i: usize, item: &V, ids: &mut Places) -> Option<Entry> {
        let r = self;
        let m = item.members();
        let get = |k: &str| member(&m, k);
        let raw_id = get("id").and_then(JsonValue::string);
        let raw_name = get("name").and_then(JsonValue::string);
        r.entry = match (raw_id.as_deref().map(str::trim).filter(|s| !s.is_empty()), &raw_name) {
            (Some(id), _) => EntryName::Path(id.to_owned()),
            (None, Some(n)) => EntryName::Named(n.trim().to_owned()),
            (None, None) => EntryName::Number(i + 1),
        };
        if item.kind() != Kind::Object {
            r.find(Severity::Error, Problem::NotObject(item.kind()));
            return None;
        }
        r.known("", &m, &["name", "id", "link", "area", "level", "deprecation", "apis"]);
        let id = r.text("id", get("id"), false);
        if id
            .as_deref()
            .is_some_and(|i| !i.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '+' | '-')))
        {
            r.find(Severity::Warning, Problem::IdCharacters);
        }
        let name = r.text("name", get("name"), true).unwrap_or_default();
        if name.is_empty() {
            r.find(Severity::Error, Problem::EmptyName);
        }
        let area = r.text("area", get("area"), true).unwrap_or_default();
        if !AREAS.contains(&area.as_str()) {
            r.find(Severity::Warning, Problem::UnknownArea(area.clone()));
        }
        let level = get("level").map(JsonValue::members).unwrap_or_default();
        if get("level").is_some_and(|l| l.kind() != Kind::Object) {
            r.find(Severity::Error, Problem::LevelNotObject);
        }
        r.known("level.", &level, &["checklist", "maturity", "maturityNotes", "nextExpectedPromotion", "link"]);
        let (maturity, note) = r.maturity(&level);
        let link = r.link(get("link"), member(&level, "link"));
        let deprecation = get("deprecation").and_then(|d| r.deprecation(d));
        let key = match &id {
            Some(id) => r.key(id, ids),
            None => format!("name:{}", slugify(&name)),
        };
        let checklist = r.text("level.checklist", member(&level, "checklist"), false);
        let next_expected_promotion =
            r.text("level.nextExpectedPromotion", member(&level, "nextExpectedPromotion"), false);
        let line = r.line;
        Some(Entry { line, key, id, name, area, maturity, note, link, checklist, next_expected_promotion, deprecation })
    }

    /// `level.maturity` (one of the four, a trailing note moved to the note with a warning)
    /// and `level.maturityNotes`.
    fn maturity<V: JsonValue>(&mut self, level: &[(String, V)]) -> (Option<Phase>, Option<String>) {
        let raw = self.text("level.maturity", member(level, "maturity"), true).unwrap_or_default();
        let end = raw.find(|c: char| !c.is_alphanumeric()).unwrap_or(raw.len());
        let (word, rest) = raw.split_at(end);
        let maturity = Phase::parse(word).filter(|p| *p != Phase::Deprecated);
        let mut note = self.text("level.maturityNotes", member(level, "maturityNotes"), false);
        match maturity {
            None => self.find(Severity::Error, Problem::UnknownMaturity(raw.clone())),
            Some(_) if !rest.trim().is_empty() => {
                let extra = rest
                    .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '-'))
                    .trim();
                self.find(Severity::Warning, Problem::MaturityNote(extra.to_owned()));
                if note.is_none() {
                    note = Some(extra.to_owned());
                }
            }
            Some(_) => {}
        }
        (maturity, note)
    }

    /// `link`, else `level.link` (with a warning); a link that is not http(s) or a path is
    /// an error and dropped.
    fn link<V: JsonValue>(&mut self, top: Option<&V>, under_level: Option<&V>) -> Option<String> {
        let mut link = self.text("link", top, false);
        if link.is_none() {
            link = self.text("level.link", under_level, false);
            if link.is_some() {
                self.find(Severity::Warning, Problem::LinkUnderLevel);
            }
        }
        if let Some(Err(e)) = link.as_deref().map(links::classify) {
            self.find(Severity::Error, Problem::BadLink(e));
            link = None;
        }
        link
    }

    /// `deprecation`: its state (deprecated or retired, else an error and none) and details.
    fn deprecation<V: JsonValue>(&mut self, d: &V) -> Option<Deprecation> {
        let d = d.members();
        self.known("deprecation.", &d, &["state", "details"]);
        let details = member(&d, "details").map(JsonValue::members).unwrap_or_default();
        self.known("deprecation.details.", &details, &["next", "replacement"]);
        let state = self.text("deprecation.state", member(&d, "state"), true);
        let retired = state.as_deref() == Some("retired");
        if !retired && state.as_deref() != Some("deprecated") {
            let state = state.unwrap_or_default();
            self.find(Severity::Error, Problem::UnknownState(state));
            return None;
        }
        let next = self.text("deprecation.details.next", member(&details, "next"), false);
        if next.is_none() {
            self.find(Severity::Warning, Problem::NoNext);
        }
        let replacement = self.text("deprecation.details.replacement", member(&details, "replacement"), false);
        Some(Deprecation { retired, next, replacement })
    }

    /// The row key of an entry with `id`: the id, or `id#n` for its n-th use (an error).
    fn key(&mut self, id: &str, ids: &mut Places) -> String {
        let (repeats, first) = match ids.get_mut(id) {
            Some(seen) => {
                seen.row += 1;
                (seen.row, seen.line)
            }
            None => {
                ids.insert(id.to_owned(), Place { line: self.line, row: 1, ..Place::default() });
                (1, self.line)
            }
        };
        if repeats == 1 {
            return id.to_owned();
        }
        let key = format!("{id}#{repeats}");
        self.find(Severity::Error, Problem::DuplicateId { id: id.to_owned(), first, key: key.clone() });
        key
    }

    /// A feature names its category by a 16-bit index, as in the widget's own format: data
    /// with more areas is refused whole, with this one finding. (Only data with more entries
    /// than that can have more areas: no second map otherwise.)
    fn refuse_too_many_areas(&mut self) {
        let mut areas = Places::default();
        if self.out.entries.len() > MAX_AREAS {
            for e in &self.out.entries {
                areas.insert(area_key(&e.area), Place::default());
            }
        }
        if areas.len() > MAX_AREAS {
            self.out = Release::default();
            (self.line, self.entry) = (None, EntryName::File);
            self.find(Severity::Error, Problem::TooManyAreas(areas.len()));
        }
    }
}

/// The category of entries with no area.
pub const NO_AREA: &str = "Other";

/// The most areas (categories) a file may have: a feature's category is a 16-bit index, as
/// `validate` allows for the widget's own format. Data with more is refused whole.
pub const MAX_AREAS: usize = u16::MAX as usize;

/// Whether a parsed value looks like Istio's feature data (`{"features": [...]}`) rather than
/// the widget's own catalog format (`{"categories": [...]}`).
pub fn is_features_data<V: JsonValue>(v: &V) -> bool {
    let m = v.members();
    member(&m, "features").is_some() && member(&m, "categories").is_none()
}

/// An area as shown: trimmed, and [`NO_AREA`] for entries with none (an error the reader
/// reported) or with a name that has no letter or digit, so a reader hears a name, not an
/// empty one.
fn area_name(area: &str) -> &str {
    let a = area.trim();
    if a.chars().any(char::is_alphanumeric) {
        a
    } else {
        NO_AREA
    }
}

/// What tells areas apart, and each category's id: the slug of the area's shown name
/// ("Core", " core " and "CORE" are one category; entries with no area join an area named
/// "Other").
fn area_key(area: &str) -> String {
    slugify(area_name(area))
}

/// Categories for the areas of `entries`: the schema's areas in istio.io's page order, by
/// the schema's spelling, then any other area in order of appearance, as first written.
/// Returns them with each area's category index (as `row`), by [`area_key`].
fn categories<'a>(areas: impl Iterator<Item = &'a str>) -> (Vec<Category>, Places) {
    let mut index = Places::default();
    let mut seen: Vec<&str> = Vec::new();
    for a in areas {
        if index.insert(area_key(a), Place::default()).is_none() {
            seen.push(area_name(a));
        }
    }
    let known: Vec<&str> = AREAS.iter().copied().filter(|a| index.contains_key(&area_key(a))).collect();
    let known_keys: Vec<String> = known.iter().map(|k| area_key(k)).collect();
    let others = seen.into_iter().filter(|a| !known_keys.contains(&area_key(a)));
    let mut out: Vec<Category> = Vec::new();
    for (i, name) in known.iter().copied().chain(others).enumerate() {
        let key = area_key(name);
        out.push(Category { id: key.clone().into(), name: Cow::Owned(name.to_owned()) });
        index.insert(key, Place { row: i, ..Place::default() });
    }
    (out, index)
}

/// What the widget shows for Istio data given at run time: the catalog of its entries that
/// can be shown, or `None` when the data holds entries (or is not a list) but none can be
/// shown, which the widget shows as an error box listing the findings. An empty list is an
/// empty table.
pub fn catalog_to_show(release: &Release, title: &str, docs_base: &str, legend: Legend) -> Option<Catalog> {
    let c = catalog(release, title, docs_base, legend);
    (!c.features.is_empty() || !release.has_errors()).then_some(c)
}

/// The entries that can be shown (a name and a valid maturity) as a catalog: categories as
/// [`categories`] orders them, features in file order, ids derived from the row keys
/// (`traffic.sidecar` → `traffic-sidecar`, a repeat `…#2` → `…-2`), numbered when two
/// derive the same id. Bad links were already dropped by the reader and all text is free of
/// control characters: `validate` accepts the catalog but for one rule of its own that
/// Istio's data does not follow (names repeat across areas), which `tests/features_yaml.rs`
/// (`istio_catalogs_validate`) proves on every release file, hostile shapes and random data.
pub fn catalog(release: &Release, title: &str, docs_base: &str, legend: Legend) -> Catalog {
    let shown: Vec<(&Entry, Phase)> = release.entries.iter().filter_map(|e| e.phase().map(|p| (e, p))).collect();
    let (categories, areas) = categories(shown.iter().map(|(e, _)| e.area.as_str()));
    let mut ids = Ids::default();
    let mut features = Vec::with_capacity(shown.len());
    for (e, phase) in shown {
        // The row key's slug (`feature` when it has none), numbered when taken.
        let slug = slugify(&e.key);
        let id = ids.claim(if slug.is_empty() { "feature".to_owned() } else { slug }, Place::default());
        features.push(Feature {
            id: id.into(),
            name: Cow::Owned(e.name.clone()),
            category: areas.get(&area_key(&e.area)).map_or(0, |p| u16::try_from(p.row).unwrap_or(u16::MAX)),
            phase,
            link: e.link.clone().map(Cow::Owned),
            note: e.shown_note().map(Cow::Owned),
        });
    }
    Catalog {
        title: Cow::Owned(title.to_owned()),
        description: Text::Borrowed(""),
        provenance: Text::Borrowed(""),
        docs_base: Cow::Owned(docs_base.to_owned()),
        categories: categories.into(),
        features: features.into(),
        legend,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn four_phases() -> Legend {
        Legend { phases: Cow::Borrowed(&[]), aspects: Cow::Borrowed(&[]) }
    }

    fn messages(r: &Release) -> Vec<String> {
        r.findings.iter().map(ToString::to_string).collect()
    }

    fn feature(name: &str, id: &str, area: &str, maturity: &str) -> serde_json::Value {
        json!({ "name": name, "id": id, "area": area, "level": { "checklist": "", "maturity": maturity } })
    }

    #[test]
    fn hugo_jsonify_data_reads_like_the_yaml() {
        // What Hugo's jsonify makes of .Site.Data.features: keys sorted, empty strings kept.
        let data = json!({ "features": [
            { "area": "Core", "id": "core.a", "level": { "checklist": "", "maturity": "Beta", "nextExpectedPromotion": "" },
              "link": "/docs/a/", "name": "A" },
            { "area": "Traffic Management", "id": "traffic.b", "level": { "checklist": "x.md", "maturity": "Alpha",
              "maturityNotes": "Only on Linux." }, "name": "B" },
        ] });
        let r = read("features", &data, &[], 100);
        assert!(r.findings.is_empty(), "{:?}", messages(&r));
        assert_eq!(r.entries[0].link.as_deref(), Some("/docs/a/"));
        assert_eq!(r.entries[0].next_expected_promotion, None, "an empty string is no value");
        assert_eq!(r.entries[1].note.as_deref(), Some("Only on Linux."));
        let c = catalog(&r, "Istio features", "https://istio.io/latest", four_phases());
        let cats: Vec<&str> = c.categories.iter().map(|c| c.name.as_ref()).collect();
        assert_eq!(cats, ["Traffic Management", "Core"], "istio.io's page order, not file order");
        let ids: Vec<&str> = c.features.iter().map(|f| f.id.as_ref()).collect();
        assert_eq!(ids, ["core-a", "traffic-b"]);
        assert_eq!(c.features[0].category, 1);
        assert_eq!(c.features[1].note.as_deref(), Some("Only on Linux."));
    }

    #[test]
    fn twenty_thousand_entries_of_one_name_get_numbered_ids() {
        let one = json!({ "name": "Same", "area": "Core", "level": { "checklist": "", "maturity": "Beta" } });
        let data = json!({ "features": vec![one; 20_000] });
        let r = read("f", &data, &[], 100);
        let c = catalog(&r, "Istio features", "https://istio.io/latest", four_phases());
        let ids: Vec<&str> = c.features.iter().map(|f| f.id.as_ref()).collect();
        assert_eq!(ids[..3], ["name-same", "name-same-2", "name-same-3"]);
        assert_eq!(ids[19_999], "name-same-20000");
    }

    #[test]
    fn more_areas_than_a_catalog_holds_refuse_the_data() {
        let many: Vec<_> =
            (0..=MAX_AREAS).map(|i| feature("F", &format!("a.f{i}"), &format!("Area {i}"), "Beta")).collect();
        let r = read("big.json", &json!({ "features": many }), &[], 10);
        assert!(r.entries.is_empty(), "nothing is shown under a wrong category");
        assert!(r.has_errors());
        assert_eq!(
            messages(&r)[0],
            "big.json: error: file: 65,536 areas; a catalog holds at most 65,535 categories, so none is shown"
        );
        let fits: Vec<_> = (0..MAX_AREAS).map(|i| feature("F", "", &format!("Area {i}"), "Beta")).collect();
        let r = read("big.json", &json!({ "features": fits }), &[], 10);
        let c = catalog(&r, "Istio features", "https://istio.io/latest", four_phases());
        assert_eq!(c.categories.len(), MAX_AREAS);
        let last = c.features.last().unwrap();
        assert_eq!(c.category(last).name, format!("Area {}", MAX_AREAS - 1), "the last area keeps its name");
    }

    #[test]
    fn entries_with_no_area_are_shown_under_other() {
        let data = json!({ "features": [feature("A", "x.a", "", "Beta")] });
        let r = read("f", &data, &[], 100);
        let c = catalog(&r, "Istio features", "https://istio.io/latest", four_phases());
        assert_eq!(c.categories[0].name, NO_AREA);
    }

    #[test]
    fn a_new_area_is_its_own_category_after_the_known_ones_and_a_warning() {
        let data = json!({ "features": [
            feature("Z", "zero.trust", "Zero trust", "Alpha"),
            feature("A", "core.a", "Core", "Beta"),
            feature("M", "ambient.m", "Ambient mode", "Beta"),
        ] });
        let r = read("f", &data, &[], 100);
        assert_eq!(messages(&r), [
            "f: warning: zero.trust: `area` \"Zero trust\" is not one of the schema's areas; shown as its own category",
        ]);
        let c = catalog(&r, "t", "https://x.test", four_phases());
        let cats: Vec<(&str, &str)> = c.categories.iter().map(|c| (c.id.as_ref(), c.name.as_ref())).collect();
        assert_eq!(cats, [("core", "Core"), ("ambient-mode", "Ambient mode"), ("zero-trust", "Zero trust")]);
        assert_eq!(c.features.len(), 3, "never dropped");
        assert_eq!(c.features[0].category, 2);
    }

    #[test]
    fn repeated_ids_are_kept_and_keyed_and_bad_entries_listed() {
        let data = json!({ "features": [
            feature("JWT", "security.jwt", "Security and policy enforcement", "Stable"),
            feature("JWT routing", "security.jwt", "Security and policy enforcement", "Alpha"),
            feature("", "core.empty", "Core", "Beta"),
            feature("Gamma", "core.gamma", "Core", "Gamma"),
            json!({ "name": "Nested link", "id": "core.nested", "area": "Core",
                    "level": { "maturity": "Alpha. Dual-stack is not supported.", "link": "javascript:alert(1)" } }),
            json!("not an entry"),
            json!({ "name": 7, "id": "core.number", "area": "Core", "level": { "maturity": "Beta" }, "extra": true }),
        ] });
        let r = read("data", &data, &[], 100);
        assert_eq!(messages(&r), [
            "data: error: security.jwt: duplicate id \"security.jwt\", first used earlier; kept as security.jwt#2",
            "data: error: core.empty: `name` is empty",
            "data: error: core.gamma: `level.maturity` \"Gamma\" is not one of Experimental, Alpha, Beta, Stable",
            "data: warning: core.nested: `level.maturity` carries a note (\"Dual-stack is not supported.\"); use `maturityNotes`",
            "data: warning: core.nested: `link` is under `level`; the schema puts it at the top level",
            "data: error: core.nested: `link`: link \"javascript:alert(1)\" uses the scheme \"javascript\"; only https://, http:// and relative paths are allowed",
            "data: error: entry #6: expected an object, found a string",
            "data: warning: core.number: unknown field `extra`; ignored",
            "data: error: core.number: `name` is a number, not text",
            "data: error: core.number: `name` is empty",
        ]);
        assert_eq!(r.entries.len(), 6, "every object entry is kept");
        assert_eq!(r.entries[1].key, "security.jwt#2");
        let c = catalog(&r, "t", "https://x.test", four_phases());
        let shown: Vec<(&str, &str)> = c.features.iter().map(|f| (f.id.as_ref(), f.name.as_ref())).collect();
        assert_eq!(shown, [("security-jwt", "JWT"), ("security-jwt-2", "JWT routing"), ("core-nested", "Nested link")]);
        assert_eq!(c.features[2].link, None, "the bad link is dropped, the entry kept");
        assert_eq!(c.features[2].note.as_deref(), Some("Dual-stack is not supported."));
    }

    #[test]
    fn deprecation_is_shown_the_way_istio_io_words_it() {
        let mut old = feature("Old API", "core.old", "Core", "Beta");
        old["deprecation"] = json!({ "state": "deprecated", "details": { "next": "1.30", "replacement": "New API" } });
        let mut gone = feature("Gone", "core.gone", "Core", "Alpha");
        gone["deprecation"] = json!({ "state": "retired", "details": {} });
        let mut odd = feature("Odd", "core.odd", "Core", "Stable");
        odd["deprecation"] = json!({ "state": "sunset" });
        let r = read("d", &json!({ "features": [old, gone, odd] }), &[], 100);
        assert_eq!(
            messages(&r),
            [
                "d: warning: core.gone: `deprecation.details.next` is missing",
                "d: error: core.odd: `deprecation.state` \"sunset\" is not one of deprecated, retired",
            ]
        );
        let c = catalog(&r, "t", "https://x.test", four_phases());
        let shown: Vec<(Phase, Option<&str>)> = c.features.iter().map(|f| (f.phase, f.note.as_deref())).collect();
        assert_eq!(
            shown,
            [
                (Phase::Deprecated, Some("Removal planned for 1.30. Replaced by New API. Was Beta.")),
                (Phase::Deprecated, Some("Retired. Was Alpha.")),
                (Phase::Stable, None),
            ]
        );
    }

    #[test]
    fn control_characters_and_whitespace_never_reach_the_catalog() {
        let data = json!({ "features": [feature(" Line\nbreak ", "core.x", "Core\u{7}", "Beta")] });
        let r = read("c", &data, &[4], 100);
        assert_eq!(
            messages(&r),
            [
                "c:4: warning: core.x: `name` \" Line\\nbreak \" has stray whitespace",
                "c:4: warning: core.x: `name` has control characters; shown as spaces",
                "c:4: warning: core.x: `area` has control characters; shown as spaces",
                "c:4: warning: core.x: `area` \"Core \" is not one of the schema's areas; shown as its own category",
            ]
        );
        let c = catalog(&r, "t", "https://x.test", four_phases());
        assert_eq!(c.features[0].name, "Line break");
        assert!(!c.categories[0].name.chars().any(char::is_control));
    }

    #[test]
    fn shapes_that_are_not_features_data_give_one_error() {
        for (v, found) in [
            (json!([1, 2]), "an array"),
            (json!({ "features": "x" }), "a string"),
            (json!({ "feature": [] }), "nothing"),
        ] {
            let r = read("s", &v, &[], 100);
            assert!(r.entries.is_empty());
            assert_eq!(
                messages(&r),
                [format!(
                    "s: error: file: not a features.yaml: expected an object with a `features` list, found {found}"
                )]
            );
        }
        assert!(is_features_data(&json!({ "features": [] })));
        assert!(!is_features_data(&json!({ "categories": [], "features": [] })));
        assert!(!is_features_data(&json!([])));
    }

    #[test]
    fn findings_past_the_limit_are_counted_not_kept() {
        let items: Vec<_> = (0..500).map(|i| feature(&format!("F{i}"), "same.id", "Core", "Beta")).collect();
        let r = read("l", &json!({ "features": items }), &[], 100);
        assert_eq!(r.findings.len(), 100);
        assert_eq!(r.more, 399);
        assert_eq!(catalog(&r, "t", "https://x.test", four_phases()).features.len(), 500);
    }
}
