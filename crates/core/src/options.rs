//! Embed options: what a page can set on a widget, as `data-*` attributes on the
//! placeholder or as a JS object given to `mount()`. Both arrive here as (name, value)
//! pairs with the same camelCase names (`dataset` turns `data-docs-base` into `docsBase`).
//! Nothing here fails: a value that is not understood is skipped with a warning.

use crate::i18n::{Messages, Msg, Say};
use crate::model::Phase;
use crate::query::{parse_sort, Direction, SortKey, ViewMode};
use crate::url_state::{clean_search, UrlState};

/// How much of the phase definitions the widget shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LegendMode {
    /// The full definitions table, collapsible.
    #[default]
    Full,
    /// One line per phase: its first aspect (the purpose).
    Compact,
    /// No legend.
    Hidden,
}

/// Which optional table columns are shown (the feature column always is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Columns {
    pub category: bool,
    pub phase: bool,
}

impl Default for Columns {
    fn default() -> Self {
        EmbedOptions::NONE.columns
    }
}

impl Columns {
    /// Number of columns shown, for `colspan`.
    pub fn count(self) -> usize {
        1 + usize::from(self.category) + usize::from(self.phase)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbedOptions {
    /// Namespace of the instance's ids and URL parameters.
    pub id: Option<String>,
    pub search: Option<String>,
    pub phases: Vec<Phase>,
    /// Category ids or names.
    pub categories: Vec<String>,
    pub sort: Option<(SortKey, Direction)>,
    pub view: Option<ViewMode>,
    pub columns: Columns,
    /// Replaces the catalog's title in the widget.
    pub title: Option<String>,
    pub docs_base: Option<String>,
    pub legend: LegendMode,
    /// `#element-id` of a `<script type="application/json">` holding a custom catalog.
    pub catalog: Option<String>,
    /// The Istio release to show first (`1.24`, `master`); the Feature Status page if unset.
    pub release: Option<String>,
    /// Where "Report a problem" leads: an http(s) URL template with `{name}`, `{id}`,
    /// `{release}`, `{phase}`, `{source}` (see `links::fill`). Istio's catalogs have a default.
    pub report: Option<String>,
    /// The interface language (`zh`, `uk`, `zh-CN`); else the nearest `lang` attribute.
    pub lang: Option<String>,
}

impl EmbedOptions {
    /// No option given.
    pub const NONE: EmbedOptions = EmbedOptions {
        id: None,
        search: None,
        phases: Vec::new(),
        categories: Vec::new(),
        sort: None,
        view: None,
        columns: Columns { category: true, phase: true },
        title: None,
        docs_base: None,
        legend: LegendMode::Full,
        catalog: None,
        release: None,
        report: None,
        lang: None,
    };
}

impl Default for EmbedOptions {
    fn default() -> Self {
        EmbedOptions::NONE
    }
}

/// The option names, in the documented order.
pub const NAMES: [&str; 14] = [
    "id",
    "search",
    "phases",
    "categories",
    "sort",
    "view",
    "columns",
    "title",
    "docsBase",
    "legend",
    "catalog",
    "release",
    "report",
    "lang",
];

fn list(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// An option the widget skipped, for the console.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionWarning {
    /// An option given a value it does not take (as given, or for [`Expects::Type`] the
    /// JavaScript type of what was given).
    Value { option: String, expects: Expects, value: String },
    /// A name that is no option.
    Unknown(String),
    /// `mount()`'s options were not an object.
    NotObject,
}

/// What an option takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expects {
    Id,
    Sort,
    View,
    Phase,
    Column,
    Report,
    DocsBase,
    Legend,
    /// One value, not a list.
    One,
    /// Text, a whole number, true/false or a list.
    Type,
}

impl OptionWarning {
    pub fn value(option: &str, expects: Expects, value: &str) -> OptionWarning {
        OptionWarning::Value { option: option.to_owned(), expects, value: value.to_owned() }
    }
}

impl Say for OptionWarning {
    fn say(&self, m: &Messages) -> String {
        let (option, expects, value) = match self {
            OptionWarning::Value { option, expects, value } => (option, *expects, value),
            OptionWarning::Unknown(name) => {
                return m.fill(Msg::option_unknown, &[("option", name), ("known", &crate::i18n::join(&NAMES, ", "))])
            }
            OptionWarning::NotObject => return m.with(Msg::option_not_object, ""),
        };
        let msg = match expects {
            Expects::Id => Msg::option_id,
            Expects::Sort => Msg::option_sort,
            Expects::View => Msg::option_view,
            Expects::Phase => Msg::option_phase,
            Expects::Column => Msg::option_column,
            Expects::Report => Msg::option_report,
            Expects::DocsBase => Msg::option_docs_base,
            Expects::Legend => Msg::option_legend,
            Expects::One => Msg::option_list,
            // A JavaScript type's name, as it is.
            Expects::Type => Msg::option_kind,
        };
        let problem = if expects == Expects::Type { m.with(msg, value) } else { m.quoting(msg, value) };
        m.fill(Msg::option_ignored, &[("option", option), ("problem", &problem)])
    }
}

crate::english_display!(OptionWarning);

impl EmbedOptions {
    /// Reads options from (name, value) pairs; returns them with warnings for anything
    /// skipped. `featureMatrix` (the marker attribute itself) is ignored.
    pub fn from_pairs<I, K, V>(pairs: I) -> (EmbedOptions, Vec<OptionWarning>)
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut o = EmbedOptions::default();
        let mut warnings = Vec::new();
        for (name, value) in pairs {
            let (name, value) = (name.as_ref(), value.as_ref().trim());
            let mut bad = |expects| warnings.push(OptionWarning::value(name, expects, value));
            match name {
                "featureMatrix" => {}
                "id" => match sanitize_id(value) {
                    Some(id) => o.id = Some(id),
                    None => bad(Expects::Id),
                },
                "search" => o.search = Some(clean_search(value)),
                "phases" => {
                    for p in list(value) {
                        match Phase::parse(p) {
                            Some(p) if !o.phases.contains(&p) => o.phases.push(p),
                            Some(_) => {}
                            None => warnings.push(OptionWarning::value(name, Expects::Phase, p)),
                        }
                    }
                }
                "categories" => o.categories.extend(list(value).map(str::to_owned)),
                "sort" => match parse_sort(value) {
                    Some(s) => o.sort = Some(s),
                    None => bad(Expects::Sort),
                },
                "view" => match ViewMode::parse(value) {
                    Some(v) => o.view = Some(v),
                    None => bad(Expects::View),
                },
                "release" => o.release = Some(value.to_owned()).filter(|r| !r.is_empty()),
                "columns" => {
                    let mut cols = Columns { category: false, phase: false };
                    for c in list(value) {
                        match c {
                            "feature" => {}
                            "category" => cols.category = true,
                            "phase" => cols.phase = true,
                            other => warnings.push(OptionWarning::value(name, Expects::Column, other)),
                        }
                    }
                    o.columns = cols;
                }
                "title" => o.title = Some(value.to_owned()).filter(|t| !t.is_empty()),
                "lang" => o.lang = Some(value.to_owned()).filter(|t| !t.trim().is_empty()),
                // The data fills the template's placeholders: never its host, and a bounded
                // number of times (a 50 KB name in 2,000 placeholders made a 100 MB link).
                "report" => match crate::links::classify(value) {
                    Ok(crate::links::LinkKind::Absolute)
                        if !crate::links::host(value).unwrap_or_default().contains('{')
                            && value.bytes().filter(|&b| b == b'{').count() <= crate::links::MAX_PLACEHOLDERS =>
                    {
                        o.report = Some(value.to_owned())
                    }
                    _ => bad(Expects::Report),
                },
                "docsBase" => match crate::links::classify(value) {
                    Ok(crate::links::LinkKind::Absolute) => o.docs_base = Some(value.to_owned()),
                    _ => bad(Expects::DocsBase),
                },
                "legend" => match value {
                    "full" => o.legend = LegendMode::Full,
                    "compact" => o.legend = LegendMode::Compact,
                    "none" => o.legend = LegendMode::Hidden,
                    _ => bad(Expects::Legend),
                },
                "catalog" => o.catalog = Some(value.to_owned()),
                other => warnings.push(OptionWarning::Unknown(other.to_owned())),
            }
        }
        (o, warnings)
    }

    /// The state a widget starts in when the URL says nothing about it. Categories stay
    /// as given (ids or names): the reducer looks them up in the catalog shown.
    pub fn url_state(&self) -> UrlState {
        let mut s = UrlState::default();
        if let Some(q) = &self.search {
            s.text = clean_search(q);
        }
        s.phases.extend(self.phases.iter().copied());
        s.categories.clone_from(&self.categories);
        if let Some((key, dir)) = self.sort {
            s.sort = key;
            s.direction = dir;
        }
        if let Some(v) = self.view {
            s.view = v;
        }
        s.release.clone_from(&self.release);
        s
    }
}

/// An instance id usable in element ids and URL keys: lower-case ASCII letters, digits
/// and dashes, starting with a letter, at most 32 characters.
pub fn sanitize_id(text: &str) -> Option<String> {
    let id = text.trim().to_ascii_lowercase();
    let ok = id.len() <= 32
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    ok.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn all_options_parse() {
        let (o, w) = EmbedOptions::from_pairs([
            ("featureMatrix", ""),
            ("id", "Security"),
            ("search", " dns "),
            ("phases", "beta, Stable,beta"),
            ("categories", "core,Traffic management"),
            ("sort", "phase-desc"),
            ("view", "matrix"),
            ("columns", "feature,phase"),
            ("title", "Mesh features"),
            ("docsBase", "https://example.org/docs"),
            ("legend", "compact"),
            ("catalog", "#my-features"),
        ]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(o.id.as_deref(), Some("security"));
        assert_eq!(o.search.as_deref(), Some("dns"));
        assert_eq!(o.phases, [Phase::Beta, Phase::Stable]);
        assert_eq!(o.sort, Some((SortKey::Phase, Direction::Descending)));
        assert_eq!(o.view, Some(ViewMode::Matrix));
        assert_eq!(o.columns, Columns { category: false, phase: true });
        assert_eq!(o.columns.count(), 2);
        assert_eq!(o.legend, LegendMode::Compact);
        assert_eq!(o.catalog.as_deref(), Some("#my-features"));
        let s = o.url_state();
        assert_eq!(s.text, "dns");
        assert_eq!(s.categories, ["core", "Traffic management"]);
        assert_eq!(s.view, ViewMode::Matrix);
        assert_eq!(s.sort, SortKey::Phase);
    }

    #[test]
    fn bad_values_warn_and_are_skipped() {
        let (o, w) = EmbedOptions::from_pairs([
            ("id", "1bad id"),
            ("phases", "omega"),
            ("sort", "sideways"),
            ("view", "3d"),
            ("legend", "huge"),
            ("columns", "category,color"),
            ("colour", "red"),
            ("docsBase", "javascript:alert(1)"),
            ("docsBase", "/relative/docs"),
            ("report", "https://{name}/"),
            ("report", "https://x.example/{name}{name}{name}{name}{name}{name}{name}{name}{name}{name}{name}"),
        ]);
        assert_eq!(o.report, None, "the data never chooses the host, nor the link's size");
        assert_eq!(o.id, None);
        assert!(o.phases.is_empty());
        assert_eq!(o.sort, None);
        assert_eq!(o.view, None);
        assert_eq!(o.legend, LegendMode::Full);
        assert_eq!(o.columns, Columns { category: true, phase: false });
        assert_eq!(o.docs_base, None);
        assert_eq!(w.len(), 11, "{w:#?}");
        assert!(matches!(&w[10], OptionWarning::Value { option, expects: Expects::Report, .. } if option == "report"));
        assert!(w[10].to_string().starts_with("option `report`: expects an http:// or https:// address template"));
        assert!(EmbedOptions::from_pairs([("report", "https://x.example/new?t={name}&id={id}")]).0.report.is_some());
        assert_eq!(w[7], OptionWarning::value("docsBase", Expects::DocsBase, "javascript:alert(1)"));
        assert_eq!(
            w[7].to_string(),
            "option `docsBase`: expects an http:// or https:// address, not \"javascript:alert(1)\"; ignored"
        );
        assert_eq!(w[6], OptionWarning::Unknown("colour".to_owned()));
        assert!(w[6].to_string().starts_with("unknown option `colour`; ignored (known: id, search,"), "{}", w[6]);
        assert_eq!(EmbedOptions::from_pairs([("search", "a\tb")]).0.url_state().text, "a b");
    }

    #[test]
    fn ids() {
        assert_eq!(sanitize_id(" Docs-2 ").as_deref(), Some("docs-2"));
        assert_eq!(sanitize_id("2docs"), None);
        assert_eq!(sanitize_id("a b"), None);
        assert_eq!(sanitize_id(""), None);
        assert_eq!(sanitize_id(&"a".repeat(33)), None);
    }
}
