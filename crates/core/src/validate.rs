//! Validation: the only way to turn unchecked source data ([`RawCatalog`]) into a
//! [`Catalog`]. Every problem is collected (not just the first) as a [`Diagnostic`] that
//! names the file, the line, the entry and the field.
//!
//! Invariants of a validated catalog, which the rest of the code relies on:
//! - at least one feature; every category has at least one feature;
//! - names are non-empty, free of control characters and unique (case-insensitively);
//!   category names likewise;
//! - ids are non-empty and unique;
//! - every phase is a known [`Phase`];
//! - every link is `https://`, `http://` or a relative path ([`crate::links::classify`]);
//! - the legend's phases are known and unique, and every aspect has one cell per phase.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use crate::i18n::{quote, Messages, Msg, Say};
use crate::json::Kind;
use crate::links::{self, LinkError};
use crate::model::{slugify, Aspect, Catalog, Category, Feature, Inline, Legend, Phase};

/// Source data as a reader produced it, before any check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawCatalog {
    /// File name used in diagnostics.
    pub file: String,
    pub title: String,
    pub description: String,
    pub provenance: String,
    pub docs_base: String,
    pub categories: Vec<RawCategory>,
    pub legend: Option<RawLegend>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawCategory {
    pub line: Option<u32>,
    pub name: String,
    pub features: Vec<RawFeature>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawFeature {
    pub line: Option<u32>,
    /// Explicit id; derived from category and name when absent.
    pub id: Option<String>,
    pub name: String,
    pub phase: String,
    pub link: Option<String>,
    pub note: Option<String>,
    /// Further links found in the name cell (only one is allowed).
    pub extra_links: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawLegend {
    pub line: Option<u32>,
    pub phases: Vec<String>,
    pub aspects: Vec<RawAspect>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawAspect {
    pub line: Option<u32>,
    pub name: String,
    pub cells: Vec<Vec<Inline>>,
}

/// One problem found in the source data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<u32>,
    /// Which entry: `feature "DNS Proxying" (Traffic management, row 12)`.
    pub entry: EntryName,
    /// Which field of the entry: `name`, `phase`, `link`, ...
    pub field: Cow<'static, str>,
    pub problem: Problem,
}

impl Say for Diagnostic {
    fn say(&self, m: &Messages) -> String {
        let mut out = self.file.clone();
        if let (Some(l), false) = (self.line, matches!(self.problem, Problem::More(_))) {
            out.push(':');
            out.push_str(&l.to_string());
        }
        out.push_str(": ");
        out.push_str(&match self.problem {
            Problem::More(_) => self.problem.say(m),
            _ => m.fill(
                Msg::problem_in_field,
                &[("entry", &self.entry.say(m)), ("field", &self.field), ("problem", &self.problem.say(m))],
            ),
        });
        out
    }
}

impl std::error::Error for Diagnostic {}

/// Which entry of a catalog a problem is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryName {
    /// The catalog as a whole.
    Catalog,
    Category(String),
    /// A category without a name, by its position (from 1).
    CategoryNumber(usize),
    Feature {
        name: String,
        category: Rc<str>,
        row: usize,
    },
    /// A feature without a name, by its row in its category.
    FeatureNumber {
        category: Rc<str>,
        row: usize,
    },
    /// The phase-definitions table.
    Legend,
    /// A row of the phase-definitions table.
    Aspect(String),
    AspectNumber(usize),
    /// Istio's data: an entry by its position (from 1), and the file as a whole.
    Number(usize),
    File,
    /// A name from the data, quoted (an Istio entry without an id).
    Named(String),
    /// Words that are the data's own: a JSON path (`categories[2].features[0]`), an id, or a
    /// build tool's description of where it looked.
    Path(String),
}

impl Say for EntryName {
    fn say(&self, m: &Messages) -> String {
        let (msg, value, quoted) = match self {
            EntryName::Catalog => (Msg::place_catalog, "", false),
            EntryName::Category(name) => (Msg::place_category, name.as_str(), true),
            EntryName::Legend => (Msg::place_legend, "", false),
            EntryName::Aspect(name) => (Msg::place_phase_definition, name.as_str(), true),
            EntryName::File => (Msg::place_file, "", false),
            EntryName::Named(name) => return quote(name),
            EntryName::Path(path) => return path.clone(),
            EntryName::CategoryNumber(n) => return m.with(Msg::place_category_unnamed, &n.to_string()),
            EntryName::AspectNumber(n) => return m.with(Msg::place_phase_definition_unnamed, &n.to_string()),
            EntryName::Number(n) => return m.with(Msg::place_number, &n.to_string()),
            EntryName::Feature { name, category, row } => {
                let (name, row) = (quote(name), row.to_string());
                return m.fill(Msg::place_feature, &[("name", &name), ("category", category), ("row", &row)]);
            }
            EntryName::FeatureNumber { category, row } => {
                let (category, row) = (quote(category), row.to_string());
                return m.fill(Msg::place_feature_unnamed, &[("category", &category), ("row", &row)]);
            }
        };
        if quoted {
            m.quoting(msg, value)
        } else {
            m.with(msg, value)
        }
    }
}

/// Where an entry a problem repeats was first seen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    Line(u32),
    /// Its row in its category (sources without lines: JSON).
    Row(usize, Rc<str>),
    /// Before, where the source does not say.
    Earlier,
}

impl Say for Seen {
    fn say(&self, m: &Messages) -> String {
        match self {
            Seen::Line(l) => m.with(Msg::place_on_line, &l.to_string()),
            Seen::Row(r, category) => {
                m.fill(Msg::place_in_row, &[("row", &r.to_string()), ("category", &quote(category))])
            }
            Seen::Earlier => m.with(Msg::place_earlier, ""),
        }
    }
}

/// The message a JSON kind is named by.
pub fn kind_message(kind: Kind) -> Msg {
    match kind {
        Kind::Null => Msg::json_null,
        Kind::Bool => Msg::json_boolean,
        Kind::Number => Msg::json_number,
        Kind::String => Msg::json_string,
        Kind::Array => Msg::json_array,
        Kind::Object => Msg::json_object,
    }
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    EmptyName,
    ControlCharacters,
    UnknownPhase(String),
    MissingPhase,
    DuplicateName {
        name: String,
        first: Seen,
    },
    DuplicateId {
        id: String,
        first: Seen,
    },
    EmptyId,
    BadLink(LinkError),
    /// How many links the name cell has.
    ExtraLinks(usize),
    EmptyCategory,
    NoFeatures,
    DuplicatePhase(String),
    CellCount {
        expected: usize,
        found: usize,
    },
    TooManyCategories(usize),
    /// A field that must be there is not.
    Missing,
    /// A value of another kind than the field takes: the message saying what it takes
    /// (`problem_expected_object`, `_string`, `_array`, `_text`) and the kind found.
    Expected(Msg, Kind),
    /// A field the object does not have, with the fields it has.
    UnknownField(&'static [&'static str]),
    /// A build-time reader's own words (a Markdown table's shape); English, never shipped.
    Structure(String),
    IdStartsWithDash,
    IdTaken {
        id: String,
        used: String,
    },
    /// Stands for the problems beyond [`REPORT_LIMIT`], which are counted, not listed.
    More(usize),
}

impl From<LinkError> for Problem {
    fn from(e: LinkError) -> Problem {
        Problem::BadLink(e)
    }
}

impl Say for Problem {
    fn say(&self, m: &Messages) -> String {
        // Most problems are one message with one value (or none): one call at the end.
        let (msg, value, quoted) = match self {
            Problem::EmptyName => (Msg::problem_empty_name, "", false),
            Problem::ControlCharacters => (Msg::problem_control, "", false),
            Problem::UnknownPhase(p) => (Msg::problem_unknown_phase, p.as_str(), true),
            Problem::MissingPhase => (Msg::problem_missing_phase, "", false),
            Problem::EmptyId => (Msg::problem_empty_id, "", false),
            Problem::EmptyCategory => (Msg::problem_empty_category, "", false),
            Problem::NoFeatures => (Msg::problem_no_features, "", false),
            Problem::DuplicatePhase(p) => (Msg::problem_duplicate_phase, p.as_str(), true),
            Problem::Missing => (Msg::problem_missing, "", false),
            Problem::Expected(what, k) => (*what, m.get(kind_message(*k)), false),
            Problem::IdStartsWithDash => (Msg::problem_id_dash, "", false),
            Problem::Structure(text) => return text.clone(),
            Problem::BadLink(e) => return e.say(m),
            Problem::ExtraLinks(n) => return m.with(Msg::problem_extra_links, &n.to_string()),
            Problem::TooManyCategories(n) => return m.with(Msg::problem_too_many_categories, &m.number(*n)),
            Problem::UnknownField(known) => return m.with(Msg::problem_unknown_field, &crate::i18n::join(known, ", ")),
            Problem::More(n) => return m.count(Msg::problem_more, *n, &[]),
            Problem::DuplicateName { name: id, first } | Problem::DuplicateId { id, first } => {
                let msg = if let Problem::DuplicateName { .. } = self {
                    Msg::problem_duplicate_name
                } else {
                    Msg::problem_duplicate_id
                };
                return m.fill(msg, &[("name", &quote(id)), ("id", &quote(id)), ("first", &first.say(m))]);
            }
            Problem::CellCount { expected, found } => {
                let (found, expected) = (found.to_string(), expected.to_string());
                return m.fill(Msg::problem_cell_count, &[("found", &found), ("expected", &expected)]);
            }
            Problem::IdTaken { id, used } => {
                return m.fill(Msg::problem_id_taken, &[("id", &quote(id)), ("used", &quote(used))])
            }
        };
        if quoted {
            m.quoting(msg, value)
        } else {
            m.with(msg, value)
        }
    }
}

crate::english_display!(Diagnostic, EntryName, Seen, Problem);

impl std::error::Error for Problem {}

/// Problems reported in full per list; the rest are counted in one [`Problem::More`], so a
/// catalog with a million bad entries costs a hundred messages, not a million.
pub const REPORT_LIMIT: usize = 100;

/// Adds `d` to `list` unless it already holds [`REPORT_LIMIT`] problems; then counts it in
/// the list's closing [`Problem::More`].
pub fn push_bounded(list: &mut Vec<Diagnostic>, d: Diagnostic) {
    if list.len() < REPORT_LIMIT {
        list.push(d);
        return;
    }
    match list.last_mut() {
        Some(Diagnostic { problem: Problem::More(n), .. }) => *n += 1,
        _ => list.push(Diagnostic {
            file: d.file,
            line: None,
            entry: EntryName::Catalog,
            field: Cow::Borrowed(""),
            problem: Problem::More(1),
        }),
    }
}

/// How many problems a list stands for (a [`Problem::More`] counts for all it counted).
pub fn count(list: &[Diagnostic]) -> usize {
    list.iter().map(|d| if let Problem::More(n) = d.problem { n } else { 1 }).sum()
}

/// Ids handed out so far, with where each came from: the one rule for unique ids, here and
/// in `istio`. A taken id gets a number, `base-2`, `base-3`, …, the first that is free,
/// counting on from the last number given for that base. Each number is tried once per
/// base, so n repeats of one id take linear time (restarting at 2 for every repeat made
/// 20,000 entries of one name a minute's work).
#[derive(Default)]
pub(crate) struct Ids {
    taken: Places,
    /// Per base: the next number to try, kept as its place's `row` (one map type in the wasm).
    next: Places,
}

impl Ids {
    pub(crate) fn with_capacity(n: usize) -> Ids {
        Ids { taken: Places::with_capacity(n), next: Places::default() }
    }

    pub(crate) fn get(&self, id: &str) -> Option<&Place> {
        self.taken.get(id)
    }

    pub(crate) fn contains(&self, id: &str) -> bool {
        self.taken.contains_key(id)
    }

    /// Records `id` as taken by the entry at `at`.
    pub(crate) fn insert(&mut self, id: String, at: Place) {
        self.taken.insert(id, at);
    }

    /// The first free numbered form of `base` (`base-2`, …); `base` itself is taken.
    pub(crate) fn numbered(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).map_or(2, |p| p.row);
        let id = loop {
            let id = format!("{base}-{n}");
            n += 1;
            if !self.taken.contains_key(&id) {
                break id;
            }
        };
        self.next.insert(base.to_owned(), Place { row: n, ..Place::default() });
        id
    }

    /// `base`, or its first free numbered form when taken, recorded for `at`.
    pub(crate) fn claim(&mut self, base: String, at: Place) -> String {
        let id = if self.contains(&base) { self.numbered(&base) } else { base };
        self.insert(id.clone(), at);
        id
    }
}

/// Entries by name or id, here and in `istio`: one hash-map type in the wasm (each instance
/// of hash-map code costs wasm bytes). The standard library's SipHash stays (keyed, on wasm
/// only by allocation addresses): names that collide under it cannot be computed the way
/// they can for an unkeyed multiply hash, which would let 100,000 crafted names freeze the
/// page. At 100,000 features the time went to growing the maps, which are sized once.
pub(crate) type Places = HashMap<String, Place>;

/// Where an entry was first seen: its line, or its row in its category when the source
/// has no lines (JSON).
#[derive(Clone, Default)]
pub(crate) struct Place {
    pub(crate) line: Option<u32>,
    pub(crate) row: usize,
    pub(crate) category: Rc<str>,
}

impl Place {
    pub(crate) fn seen(&self) -> Seen {
        match self.line {
            Some(l) => Seen::Line(l),
            None => Seen::Row(self.row, self.category.clone()),
        }
    }
}

fn has_control(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// What validation does with a link that is not `https://`, `http://` or a relative path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPolicy {
    /// An error: the catalog is rejected (build time).
    Reject,
    /// A warning: the entry is kept, its text shown without a link (run time, where one
    /// bad link should not hide a whole table).
    DropAndWarn,
}

/// A validated catalog and the warnings validation raised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    pub catalog: Catalog,
    pub warnings: Vec<Diagnostic>,
    /// The catalog's own translations, by language code (custom catalogs).
    pub translations: Vec<(String, crate::i18n::Translation)>,
}

struct Collector<'a> {
    file: &'a str,
    out: Vec<Diagnostic>,
    policy: LinkPolicy,
    warnings: Vec<Diagnostic>,
}

impl Collector<'_> {
    /// A bad link: an error or a warning, by policy. Returns true when the link is dropped
    /// rather than the entry rejected.
    fn bad_link(&mut self, line: Option<u32>, entry: EntryName, problem: Problem) -> bool {
        let d = self.diagnostic(line, entry, "link", problem);
        match self.policy {
            LinkPolicy::Reject => {
                push_bounded(&mut self.out, d);
                false
            }
            LinkPolicy::DropAndWarn => {
                push_bounded(&mut self.warnings, d);
                true
            }
        }
    }

    fn diagnostic(&self, line: Option<u32>, entry: EntryName, field: &'static str, problem: Problem) -> Diagnostic {
        Diagnostic { file: self.file.to_owned(), line, entry, field: Cow::Borrowed(field), problem }
    }

    /// A problem that does not stop the catalog (listed as a warning).
    fn warn(&mut self, line: Option<u32>, entry: EntryName, field: &'static str, problem: Problem) {
        let d = self.diagnostic(line, entry, field, problem);
        push_bounded(&mut self.warnings, d);
    }

    fn push(&mut self, line: Option<u32>, entry: EntryName, field: &'static str, problem: Problem) {
        let d = self.diagnostic(line, entry, field, problem);
        push_bounded(&mut self.out, d);
    }
}

/// Checks a raw catalog and builds the typed one, or returns every problem found. Bad
/// links are errors.
pub fn validate(raw: RawCatalog) -> Result<Catalog, Vec<Diagnostic>> {
    validate_with(raw, LinkPolicy::Reject).map(|v| v.catalog)
}

/// A catalog being checked: what was seen so far, and what passed.
struct Check<'a> {
    c: Collector<'a>,
    /// Feature names (lower case) and ids, category names (lower case) and ids.
    names: Places,
    ids: Ids,
    category_names: Places,
    category_ids: Ids,
    categories: Vec<Category>,
    features: Vec<Feature>,
}

/// Where a feature is: its category (position, id and name as places describe it) and its
/// row in it (from 1).
#[derive(Clone, Copy)]
struct FeatureAt<'a> {
    category: usize,
    category_id: &'a str,
    label: &'a Rc<str>,
    row: usize,
}

impl Check<'_> {
    /// The catalog-wide rules: a docs base with a host, at most 65,535 categories, a feature.
    fn catalog(&mut self, raw: &RawCatalog) {
        let (c, entry) = (&mut self.c, || EntryName::Catalog);
        if let Err(e) = links::classify(&raw.docs_base).and_then(|k| match k {
            links::LinkKind::Absolute => Ok(()),
            links::LinkKind::Relative => Err(LinkError::NoHost(raw.docs_base.clone())),
        }) {
            c.push(None, entry(), "docs_base", e.into());
        }
        if raw.categories.len() > usize::from(u16::MAX) {
            c.push(None, entry(), "categories", Problem::TooManyCategories(raw.categories.len()));
        }
        if raw.categories.iter().all(|cat| cat.features.is_empty()) {
            c.push(None, entry(), "features", Problem::NoFeatures);
        }
    }

    /// Category `ci`: a name that derives an id (numbered when taken, with a warning), used
    /// once, and features. Returns its id and its name as places name it.
    fn category(&mut self, ci: usize, cat: &RawCategory) -> (String, Rc<str>) {
        let c = &mut self.c;
        let cat_entry = || EntryName::Category(cat.name.clone());
        let cat_name = cat.name.trim();
        if cat_name.is_empty() {
            c.push(cat.line, EntryName::CategoryNumber(ci + 1), "name", Problem::EmptyName);
        } else if has_control(cat_name) {
            c.push(cat.line, cat_entry(), "name", Problem::ControlCharacters);
        }
        let mut cat_id = slugify(cat_name);
        if !cat_name.is_empty() && cat_id.is_empty() {
            c.push(cat.line, cat_entry(), "name", Problem::EmptyId);
        }
        // "C++", "C" and "C#" all derive `c`: later ones get a number, with a warning.
        let here = Place { line: cat.line, row: ci + 1, category: Rc::from("categories") };
        if !cat_id.is_empty() {
            let taken = cat_id.clone();
            cat_id = self.category_ids.claim(taken.clone(), here.clone());
            if cat_id != taken {
                c.warn(cat.line, cat_entry(), "name", Problem::IdTaken { id: taken, used: cat_id.clone() });
            }
        }
        if let Some(first) = self.category_names.insert(cat_name.to_lowercase(), here) {
            if !cat_name.is_empty() {
                let first = first.seen();
                c.push(cat.line, cat_entry(), "name", Problem::DuplicateName { name: cat_name.to_owned(), first });
            }
        }
        if cat.features.is_empty() {
            c.push(cat.line, cat_entry(), "features", Problem::EmptyCategory);
        }
        self.categories.push(Category { id: cat_id.clone().into(), name: cat_name.to_owned().into() });
        (cat_id, Rc::from(cat_name))
    }

    /// One feature: kept when its name, id, phase, links and note pass.
    fn feature(&mut self, at: FeatureAt<'_>, f: &RawFeature) -> Option<Feature> {
        let name = f.name.trim();
        // Only a problem needs the entry's description.
        let entry = || {
            if name.is_empty() {
                EntryName::FeatureNumber { category: at.label.clone(), row: at.row }
            } else {
                EntryName::Feature { name: name.to_owned(), category: at.label.clone(), row: at.row }
            }
        };
        let here = Place { line: f.line, row: at.row, category: at.label.clone() };
        // The name: present, without control characters, used once in the catalog (case aside).
        let c = &mut self.c;
        let mut ok = false;
        if name.is_empty() {
            c.push(f.line, entry(), "name", Problem::EmptyName);
        } else if has_control(name) {
            c.push(f.line, entry(), "name", Problem::ControlCharacters);
        } else {
            let key = name.to_lowercase();
            if let Some(first) = self.names.get(&key) {
                let first = first.seen();
                c.push(f.line, entry(), "name", Problem::DuplicateName { name: name.to_owned(), first });
            } else {
                self.names.insert(key, here.clone());
                ok = true;
            }
        }
        let id = self.feature_id(at, f, name, &mut ok, here, &entry);
        let c = &mut self.c;
        let phase = if f.phase.trim().is_empty() {
            c.push(f.line, entry(), "phase", Problem::MissingPhase);
            None
        } else {
            let p = Phase::parse(&f.phase);
            if p.is_none() {
                c.push(f.line, entry(), "phase", Problem::UnknownPhase(f.phase.trim().to_owned()));
            }
            p
        };
        let mut link = f.link.as_deref().map(str::trim);
        if let Some(href) = link {
            if let Err(e) = links::classify(href) {
                if c.bad_link(f.line, entry(), e.into()) {
                    link = None;
                } else {
                    ok = false;
                }
            }
        }
        if !f.extra_links.is_empty() && !c.bad_link(f.line, entry(), Problem::ExtraLinks(f.extra_links.len() + 1)) {
            ok = false;
        }
        let note = f.note.as_deref().map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(has_control) {
            c.push(f.line, entry(), "note", Problem::ControlCharacters);
            ok = false;
        }
        let phase = phase.filter(|_| ok)?;
        Some(Feature {
            id: id.into(),
            name: name.to_owned().into(),
            category: u16::try_from(at.category).unwrap_or(u16::MAX),
            phase,
            link: link.map(|l| Cow::Owned(l.to_owned())),
            note: note.map(|n| Cow::Owned(n.to_owned())),
        })
    }

    /// A feature's id: its own, or `{category id}-{name's slug}` (numbered, with a warning,
    /// when two names derive the same); one that is not empty, has no spaces or control
    /// characters, does not start with `-` and is used once. Clears `ok` when it fails.
    fn feature_id(
        &mut self,
        at: FeatureAt<'_>,
        f: &RawFeature,
        name: &str,
        ok: &mut bool,
        here: Place,
        entry: &impl Fn() -> EntryName,
    ) -> String {
        let c = &mut self.c;
        let mut id = match &f.id {
            Some(id) => id.trim().to_owned(),
            None if name.is_empty() => String::new(),
            None => {
                let slug = slugify(name);
                if slug.is_empty() {
                    String::new()
                } else {
                    format!("{}-{slug}", at.category_id)
                }
            }
        };
        // Two names that derive the same id ("A+B" and "A B"): the later one gets a number.
        if f.id.is_none() && *ok && !id.is_empty() && self.ids.contains(&id) {
            let taken = std::mem::take(&mut id);
            id = self.ids.numbered(&taken);
            c.warn(f.line, entry(), "id", Problem::IdTaken { id: taken, used: id.clone() });
        }
        if id.starts_with('-') {
            c.push(f.line, entry(), "id", Problem::IdStartsWithDash);
            *ok = false;
        } else if id.is_empty() || has_control(&id) || id.chars().any(char::is_whitespace) {
            if !name.is_empty() {
                c.push(f.line, entry(), "id", Problem::EmptyId);
            }
            *ok = false;
        } else if let Some(first) = self.ids.get(&id) {
            // A derived id repeats when the name does; that is already reported.
            if *ok || f.id.is_some() {
                c.push(f.line, entry(), "id", Problem::DuplicateId { id: id.clone(), first: first.seen() });
            }
            *ok = false;
        } else {
            self.ids.insert(id.clone(), here);
        }
        id
    }
}

/// [`validate`] with a choice of what bad links are. With [`LinkPolicy::DropAndWarn`] a
/// catalog whose only problems are links is accepted, those links removed, and the
/// problems returned as warnings; if there are errors, the warnings are listed with them.
pub fn validate_with(raw: RawCatalog, policy: LinkPolicy) -> Result<Validated, Vec<Diagnostic>> {
    let c = Collector { file: &raw.file, out: Vec::new(), policy, warnings: Vec::new() };
    let count: usize = raw.categories.iter().map(|c| c.features.len()).sum();
    let mut check = Check {
        c,
        names: Places::with_capacity(count),
        ids: Ids::with_capacity(count),
        category_names: Places::default(),
        category_ids: Ids::default(),
        categories: Vec::with_capacity(raw.categories.len()),
        features: Vec::new(),
    };
    check.catalog(&raw);
    for (ci, cat) in raw.categories.iter().enumerate() {
        let (cat_id, label) = check.category(ci, cat);
        for (fi, f) in cat.features.iter().enumerate() {
            if let Some(feature) =
                check.feature(FeatureAt { category: ci, category_id: &cat_id, label: &label, row: fi + 1 }, f)
            {
                check.features.push(feature);
            }
        }
    }
    let legend = match &raw.legend {
        None => Legend { phases: Cow::Borrowed(&[]), aspects: Cow::Borrowed(&[]) },
        Some(l) => validate_legend(l, &mut check.c),
    };
    let Check { c, categories, features, .. } = check;
    if !c.out.is_empty() {
        let mut all = c.out;
        for w in c.warnings {
            push_bounded(&mut all, w);
        }
        return Err(all);
    }
    Ok(Validated {
        catalog: Catalog {
            title: raw.title.trim().to_owned().into(),
            description: raw.description.trim().to_owned().into(),
            provenance: raw.provenance.trim().to_owned().into(),
            docs_base: raw.docs_base.trim().to_owned().into(),
            categories: categories.into(),
            features: features.into(),
            legend,
        },
        warnings: c.warnings,
        translations: Vec::new(),
    })
}

/// Checks a phase-definitions table on its own (used for the release era's legend).
pub fn legend(raw: &RawLegend, file: &str) -> Result<Legend, Vec<Diagnostic>> {
    let mut c = Collector { file, out: Vec::new(), policy: LinkPolicy::Reject, warnings: Vec::new() };
    let legend = validate_legend(raw, &mut c);
    if c.out.is_empty() {
        Ok(legend)
    } else {
        Err(c.out)
    }
}

fn validate_legend(l: &RawLegend, c: &mut Collector<'_>) -> Legend {
    let mut phases = Vec::new();
    for p in &l.phases {
        match Phase::parse(p) {
            None => c.push(l.line, EntryName::Legend, "phases", Problem::UnknownPhase(p.trim().to_owned())),
            Some(ph) if phases.contains(&ph) => {
                c.push(l.line, EntryName::Legend, "phases", Problem::DuplicatePhase(p.trim().to_owned()))
            }
            Some(ph) => phases.push(ph),
        }
    }
    let mut aspects = Vec::new();
    for (ai, a) in l.aspects.iter().enumerate() {
        let name = a.name.trim();
        let entry =
            || if name.is_empty() { EntryName::AspectNumber(ai + 1) } else { EntryName::Aspect(name.to_owned()) };
        if name.is_empty() {
            c.push(a.line, entry(), "name", Problem::EmptyName);
        }
        if a.cells.len() != l.phases.len() {
            c.push(a.line, entry(), "cells", Problem::CellCount { expected: l.phases.len(), found: a.cells.len() });
        }
        for cell in &a.cells {
            for inline in cell {
                let (text, href) = match inline {
                    Inline::Text(t) => (t, None),
                    Inline::Link { text, href } => (text, Some(href)),
                };
                if has_control(text) {
                    c.push(a.line, entry(), "cells", Problem::ControlCharacters);
                }
                if let Some(Err(e)) = href.map(|h| links::classify(h)) {
                    c.bad_link(a.line, entry(), e.into());
                }
            }
        }
        // Links that did not pass become plain text (only reachable when they are warnings).
        let safe = |i: &Inline| match i {
            Inline::Link { text, href } if links::classify(href).is_err() => Inline::Text(text.clone()),
            other => other.clone(),
        };
        aspects.push(Aspect {
            name: name.to_owned().into(),
            cells: a.cells.iter().map(|cell| Cow::Owned(cell.iter().map(safe).collect())).collect::<Vec<_>>().into(),
        });
    }
    Legend { phases: phases.into(), aspects: aspects.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(name: &str, phase: &str) -> RawFeature {
        RawFeature { line: Some(10), name: name.into(), phase: phase.into(), ..Default::default() }
    }

    fn raw(features: Vec<RawFeature>) -> RawCatalog {
        RawCatalog {
            file: "data/test.md".into(),
            title: "T".into(),
            docs_base: "https://istio.io/latest".into(),
            categories: vec![RawCategory { line: Some(3), name: "Core".into(), features }],
            ..Default::default()
        }
    }

    fn errors(r: RawCatalog) -> Vec<String> {
        validate(r).expect_err("should fail").iter().map(ToString::to_string).collect()
    }

    #[test]
    fn numbering_tries_each_number_once_per_base() {
        // Restarting at `-2` for every repeat made n repeats cost n²/2 probes (20,000 entries
        // of one name froze a page for a minute); counting on costs one probe per repeat.
        let mut ids = Ids::default();
        ids.insert("x-3".to_owned(), Place::default());
        let given: Vec<String> = (0..20_001).map(|_| ids.claim("x".to_owned(), Place::default())).collect();
        assert_eq!(given[..4], ["x", "x-2", "x-4", "x-5"], "a taken number is skipped");
        assert_eq!(ids.taken.len(), 20_002, "every id given is new");
        // Counting on: the next number for `x` is the one after the last given.
        assert_eq!(ids.next["x"].row, 20_003, "x-2, then x-4 to x-20002");
    }

    #[test]
    fn eight_thousand_names_that_derive_one_id_are_numbered_in_order() {
        // `x─←`, `x─↑`, … (box drawing and arrows: no letters or digits) all derive `core-x`.
        let symbol = |base: u32, i: u32| char::from_u32(base + i).unwrap();
        let features = (0..8_000u32)
            .map(|i| feature(&format!("x{}{}", symbol(0x2500, i / 100), symbol(0x2190, i % 100)), "Beta"))
            .collect();
        let v = validate_with(raw(features), LinkPolicy::Reject).expect("valid, with warnings");
        let ids: Vec<&str> = v.catalog.features.iter().map(|f| f.id.as_ref()).collect();
        assert_eq!(ids[..3], ["core-x", "core-x-2", "core-x-3"]);
        assert_eq!(ids[7_999], "core-x-8000");
        assert_eq!(count(&v.warnings), 7_999, "one warning per renumbered id");
    }

    #[test]
    fn derived_ids_that_collide_are_numbered_and_reported() {
        let cats = ["C++", "C", "C#"]
            .into_iter()
            .map(|n| RawCategory {
                line: None,
                name: n.into(),
                features: vec![feature(&format!("{n} compiler"), "Beta")],
            })
            .collect();
        let r = RawCatalog {
            file: "t".into(),
            docs_base: "https://x.example".into(),
            categories: cats,
            ..Default::default()
        };
        let v = validate_with(r, LinkPolicy::Reject).unwrap();
        let ids: Vec<&str> = v.catalog.categories.iter().map(|c| c.id.as_ref()).collect();
        assert_eq!(ids, ["c", "c-2", "c-3"]);
        let fids: Vec<&str> = v.catalog.features.iter().map(|f| f.id.as_ref()).collect();
        assert_eq!(fids, ["c-c-compiler", "c-2-c-compiler", "c-3-c-compiler"]);
        assert_eq!(v.warnings.len(), 2, "{:?}", v.warnings);
        assert!(v.warnings[0]
            .to_string()
            .contains("derived id \"c\" is already used by an earlier entry; this one is \"c-2\""));
        // Names that differ only in signs derive the same feature id.
        let v = validate_with(raw(vec![feature("A+B", "Beta"), feature("A B", "Beta")]), LinkPolicy::Reject).unwrap();
        assert_eq!(v.catalog.features[1].id, format!("{}-2", v.catalog.features[0].id));
        // Explicit ids may not start with "-": that is the widget's own namespace.
        let mut f = feature("X", "Beta");
        f.id = Some("-search".into());
        assert!(errors(raw(vec![f])).iter().any(|e| e.contains("starts with \"-\"")));
    }

    #[test]
    fn many_problems_are_listed_up_to_the_limit_and_counted_beyond() {
        let bad: Vec<RawFeature> = (0..1000)
            .map(|i| RawFeature { name: format!("f{i}"), phase: "Omega".into(), ..Default::default() })
            .collect();
        let problems = validate(raw(bad)).expect_err("every phase is unknown");
        assert_eq!(problems.len(), REPORT_LIMIT + 1);
        assert_eq!(count(&problems), 1000);
        assert_eq!(problems[REPORT_LIMIT].to_string(), "data/test.md: and 900 more problems of the same kinds");
        let thousands = crate::i18n::english_number;
        assert_eq!(thousands(999_900), "999,900");
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(crate::i18n::group_digits(12_345, "\u{a0}", 5), "12\u{a0}345");
        assert_eq!(crate::i18n::group_digits(1_234, ".", 5), "1234");
    }

    #[test]
    fn a_good_catalog_validates_with_derived_ids() {
        let mut f = feature("DNS Proxying", "alpha");
        f.link = Some("/docs/dns/".into());
        f.note = Some("  A note. ".into());
        let cat = validate(raw(vec![f, feature("Sidecar API", "Beta")])).unwrap();
        assert_eq!(cat.features.len(), 2);
        assert_eq!(cat.features[0].id, "core-dns-proxying");
        assert_eq!(cat.features[0].phase, Phase::Alpha);
        assert_eq!(cat.features[0].note.as_deref(), Some("A note."));
        assert_eq!(cat.categories[0].id, "core");
    }

    #[test]
    fn unknown_phase_names_file_line_entry_and_field() {
        let e = errors(raw(vec![feature("DNS Proxying", "Gamma")]));
        assert_eq!(
            e,
            ["data/test.md:10: feature \"DNS Proxying\" (Core, row 1): field `phase`: unknown phase \"Gamma\"; expected one of Experimental, Alpha, Beta, Stable, Deprecated"]
        );
    }

    #[test]
    fn empty_name_and_missing_phase() {
        let e = errors(raw(vec![feature("  ", "Beta"), feature("X", " ")]));
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].contains("feature #1 of \"Core\": field `name`: name is empty"), "{}", e[0]);
        assert!(e[1].contains("field `phase`: phase is missing"), "{}", e[1]);
    }

    #[test]
    fn duplicate_names_are_case_insensitive_and_point_at_the_first() {
        let mut second = feature("dns proxying", "Beta");
        second.line = Some(12);
        let e = errors(raw(vec![feature("DNS Proxying", "Alpha"), second]));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].starts_with("data/test.md:12:"), "{}", e[0]);
        assert!(e[0].contains("duplicate name \"dns proxying\", first used on line 10"), "{}", e[0]);
    }

    #[test]
    fn duplicate_explicit_ids() {
        let mut a = feature("A", "Alpha");
        a.id = Some("same".into());
        let mut b = feature("B", "Alpha");
        b.id = Some("same".into());
        let e = errors(raw(vec![a, b]));
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("field `id`: duplicate id \"same\""), "{}", e[0]);
    }

    #[test]
    fn bad_links_are_errors() {
        for href in ["javascript:alert(1)", "ftp://x/y", "//evil.example", "mailto:a@b"] {
            let mut f = feature("A", "Alpha");
            f.link = Some(href.into());
            let e = errors(raw(vec![f]));
            assert_eq!(e.len(), 1, "{href}: {e:?}");
            assert!(e[0].contains("field `link`"), "{}", e[0]);
        }
        let mut f = feature("A", "Alpha");
        f.link = Some("https://a.example/x".into());
        f.extra_links = vec!["/second".into()];
        assert!(errors(raw(vec![f]))[0].contains("more than one link (2)"));
    }

    #[test]
    fn lenient_links_drop_the_link_and_warn() {
        let mut f = feature("A", "Alpha");
        f.link = Some("javascript:alert(1)".into());
        let mut g = feature("B", "Beta");
        g.link = Some("/ok/".into());
        let v = validate_with(raw(vec![f, g]), LinkPolicy::DropAndWarn).unwrap();
        assert_eq!(v.catalog.features[0].link, None);
        assert_eq!(v.catalog.features[1].link.as_deref(), Some("/ok/"));
        assert_eq!(v.warnings.len(), 1);
        assert!(v.warnings[0].to_string().contains("feature \"A\" (Core, row 1): field `link`"), "{}", v.warnings[0]);
        // With errors present, the warnings are listed with them.
        let mut f = feature("A", "Omega");
        f.link = Some("data:x".into());
        let e = validate_with(raw(vec![f]), LinkPolicy::DropAndWarn).unwrap_err();
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn control_characters_are_rejected() {
        let e = errors(raw(vec![feature("A\u{0}B", "Alpha")]));
        assert!(e[0].contains("field `name`: contains control characters"), "{}", e[0]);
    }

    #[test]
    fn name_without_letters_cannot_form_an_id() {
        let e = errors(raw(vec![feature("!!!", "Alpha")]));
        assert!(e[0].contains("field `id`: no letters or digits"), "{}", e[0]);
    }

    #[test]
    fn all_problems_are_reported_not_just_the_first() {
        let mut bad_link = feature("L", "Alpha");
        bad_link.link = Some("javascript:x".into());
        let e = errors(raw(vec![feature("", "Alpha"), feature("P", "Omega"), bad_link]));
        assert_eq!(e.len(), 3, "{e:?}");
    }

    #[test]
    fn empty_catalog_and_empty_category() {
        let e = errors(raw(vec![]));
        assert!(e.iter().any(|m| m.contains("category \"Core\": field `features`: category has no features")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("catalog: field `features`: catalog has no features")), "{e:?}");
    }

    #[test]
    fn docs_base_must_be_absolute() {
        let mut r = raw(vec![feature("A", "Alpha")]);
        r.docs_base = "javascript:alert(1)//".into();
        assert!(errors(r)[0].contains("field `docs_base`"));
    }

    #[test]
    fn legend_checks_phases_and_cells() {
        let mut r = raw(vec![feature("A", "Alpha")]);
        r.legend = Some(RawLegend {
            line: Some(5),
            phases: vec!["Alpha".into(), "Omega".into(), "alpha".into()],
            aspects: vec![RawAspect {
                line: Some(7),
                name: "API".into(),
                cells: vec![vec![Inline::Link { text: "x".into(), href: "javascript:1".into() }]],
            }],
        });
        let e = errors(r);
        assert!(e.iter().any(|m| m.contains("unknown phase \"Omega\"")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("phase \"alpha\" appears twice")), "{e:?}");
        assert!(e.iter().any(|m| m.contains("has 1 cells but the legend defines 3 phases")), "{e:?}");
        assert!(e.iter().any(|m| m.starts_with("data/test.md:7: phase definition \"API\": field `link`")), "{e:?}");
    }
}
