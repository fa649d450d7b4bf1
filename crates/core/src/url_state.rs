//! Shareable URL state: the query and view of one widget instance as readable query
//! parameters namespaced by the instance (`?fm.q=dns&fm.phase=beta,stable&fm.sort=phase-desc`),
//! and deep links to features (`#fm-traffic-management-dns-proxying`).
//!
//! Defaults are left out, so an untouched widget adds nothing to the URL. Parsing never
//! fails: unknown keys, unknown values and malformed encodings are ignored one by one.
//! Parameters of other instances and of the host page are kept as they are.

use crate::model::Phase;
use crate::percent;
use crate::query::{format_sort, parse_sort, Direction, SortKey, ViewMode};
use crate::set::SmallSet;

/// Longest search text kept, in characters: in the search box, in the state and in the URL.
pub const MAX_SEARCH: usize = 200;

/// The search text as the widget keeps it: control characters (a pasted tab or newline)
/// become spaces and the text is cut at [`MAX_SEARCH`] characters, so what the URL holds is
/// read back identically.
pub fn clean_search(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).take(MAX_SEARCH).collect()
}

/// The part of the state that crosses a boundary (the URL, back/forward, embed options,
/// the start-up decision): ids and strings only, never positions in a catalog. Ids become
/// positions in the reducer (`state::Session`), against the catalog of the release being
/// shown, after the release is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlState {
    /// Search text (see [`clean_search`]).
    pub text: String,
    pub phases: SmallSet<Phase>,
    /// Category ids (embed options may also give names).
    pub categories: Vec<String>,
    pub sort: SortKey,
    pub direction: Direction,
    pub view: ViewMode,
    /// Istio release shown (label such as `1.24`); `None` for the Feature Status page.
    pub release: Option<String>,
    /// The release the changes view compares against.
    pub from: Option<String>,
    /// The feature a deep link (`#fm-<id>`) points at: its id.
    pub target: Option<String>,
}

impl Default for UrlState {
    fn default() -> Self {
        UrlState {
            text: String::new(),
            phases: SmallSet::new(),
            categories: Vec::new(),
            sort: SortKey::Category,
            direction: Direction::Ascending,
            view: ViewMode::Table,
            release: None,
            from: None,
            target: None,
        }
    }
}

impl UrlState {
    /// True when both give the same query string (the deep-link target lives in the
    /// fragment and does not count; nor do spaces-only searches, which are not written).
    pub fn same_link(&self, other: &UrlState) -> bool {
        let text = |u: &UrlState| if u.text.trim().is_empty() { String::new() } else { u.text.clone() };
        UrlState { text: text(self), target: None, ..self.clone() }
            == UrlState { text: text(other), target: None, ..other.clone() }
    }
}

fn key(ns: &str, name: &str) -> String {
    format!("{ns}.{name}")
}

/// The instance's parameters for a state, defaults omitted, in a fixed order. The deep-link
/// target is not among them: it lives in the fragment, which the reader's link sets.
pub fn to_params(ns: &str, url: &UrlState) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !url.text.trim().is_empty() {
        out.push((key(ns, "q"), url.text.clone()));
    }
    // Sets repeat their key (`fm.phase=alpha&fm.phase=beta`): readable, no escaping.
    for p in &url.phases {
        out.push((key(ns, "phase"), p.slug().to_owned()));
    }
    for c in &url.categories {
        out.push((key(ns, "cat"), c.clone()));
    }
    if (url.sort, url.direction) != (SortKey::Category, Direction::Ascending) {
        out.push((key(ns, "sort"), format_sort(url.sort, url.direction)));
    }
    if url.view != ViewMode::Table {
        out.push((key(ns, "view"), url.view.slug().to_owned()));
    }
    if let Some(r) = &url.release {
        out.push((key(ns, "release"), r.clone()));
    }
    if let Some(r) = &url.from {
        out.push((key(ns, "from"), r.clone()));
    }
    out
}

/// A release label as URLs may carry it: short, ASCII letters, digits and dots.
fn release_label(v: &str) -> Option<String> {
    let ok = !v.is_empty() && v.len() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    ok.then(|| v.to_owned())
}

/// Reads the instance's state from a URL query string (with or without the leading `?`)
/// and fragment (with or without `#`). Anything not understood is ignored; ids are not
/// checked here (the reducer resolves them against the catalog shown). `phase` and `cat`
/// may repeat (and also accept comma-separated lists); any other repeated key takes its
/// last value.
pub fn from_location(ns: &str, search: &str, fragment: &str) -> UrlState {
    let mut url = UrlState { target: feature_from_fragment(ns, fragment), ..UrlState::default() };
    let prefix = format!("{ns}.");
    let search = search.strip_prefix('?').unwrap_or(search);
    for (k, v) in percent::parse_form(search) {
        let Some(name) = k.strip_prefix(prefix.as_str()) else {
            continue;
        };
        let v = v.as_str();
        match name {
            "q" => url.text = clean_search(v),
            "phase" => url.phases.extend(v.split(',').filter_map(Phase::parse)),
            "cat" => {
                for id in v.split(',').map(str::trim).filter(|id| !id.is_empty()) {
                    if !url.categories.iter().any(|c| c == id) {
                        url.categories.push(id.to_owned());
                    }
                }
            }
            "sort" => {
                if let Some((key, dir)) = parse_sort(v) {
                    url.sort = key;
                    url.direction = dir;
                }
            }
            "view" => url.view = ViewMode::parse(v).unwrap_or_default(),
            "release" => url.release = release_label(v),
            "from" => url.from = release_label(v),
            _ => {}
        }
    }
    url
}

/// Rewrites a URL query string: the instance's own parameters are replaced by `params`,
/// everything else is kept in order. Returns the new query string with a leading `?`, or
/// an empty string when nothing remains.
pub fn merge_search(ns: &str, search: &str, params: &[(String, String)]) -> String {
    let prefix = format!("{ns}.");
    let search = search.strip_prefix('?').unwrap_or(search);
    let kept: Vec<(String, String)> =
        percent::parse_form(search).filter(|(k, _)| !k.starts_with(prefix.as_str())).collect();
    let all = kept.iter().chain(params).map(|(k, v)| (k.as_str(), v.as_str()));
    let query = percent::form(all);
    if query.is_empty() {
        query
    } else {
        format!("?{query}")
    }
}

/// True when the query string holds any parameter of this instance (then the URL, not
/// the embed options, decides the initial state).
pub fn has_params(ns: &str, search: &str) -> bool {
    let prefix = format!("{ns}.");
    let search = search.strip_prefix('?').unwrap_or(search);
    percent::parse_form(search).any(|(k, _)| k.starts_with(prefix.as_str()))
}

/// The element id of a feature's row, which is also the fragment that deep-links to it.
pub fn feature_anchor(ns: &str, feature_id: &str) -> String {
    format!("{ns}-{feature_id}")
}

/// The fragment (with `#`) of a link to a feature: [`feature_anchor`], percent-encoded so
/// that [`feature_from_fragment`] reads back exactly this id, whatever it contains.
pub fn feature_fragment(ns: &str, feature_id: &str) -> String {
    format!("#{}", percent::fragment(&feature_anchor(ns, feature_id)))
}

/// The feature id a URL fragment (with or without `#`) deep-links to, if it is one of
/// ours. Percent-decoded as browsers encode fragments (`+` and `&` stay themselves).
pub fn feature_from_fragment(ns: &str, fragment: &str) -> Option<String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let decoded = percent::decode_fragment(fragment)?;
    let id = decoded.strip_prefix(ns)?.strip_prefix('-')?;
    (!id.is_empty()).then(|| id.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> UrlState {
        let mut u = UrlState { text: "dns  proxy & co=1".into(), ..UrlState::default() };
        u.phases.extend([Phase::Beta, Phase::Alpha]);
        u.categories.push("core".into());
        u.sort = SortKey::Phase;
        u.direction = Direction::Descending;
        u.view = ViewMode::Matrix;
        u.release = Some("1.24".into());
        u.from = Some("1.20".into());
        u
    }

    fn round(u: &UrlState) -> UrlState {
        from_location("fm", &merge_search("fm", "", &to_params("fm", u)), "")
    }

    #[test]
    fn defaults_write_nothing() {
        assert!(to_params("fm", &UrlState::default()).is_empty());
        assert_eq!(merge_search("fm", "", &[]), "");
    }

    #[test]
    fn readable_parameters() {
        let search = merge_search("fm", "", &to_params("fm", &sample()));
        assert_eq!(
            search,
            "?fm.q=dns++proxy+%26+co%3D1&fm.phase=alpha&fm.phase=beta&fm.cat=core&fm.sort=phase-desc&fm.view=matrix&fm.release=1.24&fm.from=1.20"
        );
    }

    #[test]
    fn round_trip() {
        assert_eq!(round(&sample()), sample());
        for sort in SortKey::ALL {
            for direction in [Direction::Ascending, Direction::Descending] {
                let u = UrlState { sort, direction, ..UrlState::default() };
                assert_eq!(round(&u), u);
            }
        }
        // What the state keeps of a search is read back identically: long, tabs, `+`.
        for text in ["x".repeat(500), "a\tb\nc".into(), "c++ & a+b %20".into(), "流量 管理".into()] {
            let u = UrlState { text: clean_search(&text), ..UrlState::default() };
            assert_eq!(round(&u), u, "{text:?}");
        }
    }

    #[test]
    fn other_instances_and_host_parameters_are_kept() {
        let merged = merge_search("fm", "?lang=en&fm.q=old&fm2.q=other&fm.phase=stable", &to_params("fm", &sample()));
        assert!(merged.starts_with("?lang=en&fm2.q=other&fm.q=dns"), "{merged}");
        assert_eq!(from_location("fm2", &merged, "").text, "other");
        assert_eq!(from_location("fm", &merged, ""), sample());
        // Clearing our state removes only our keys.
        assert_eq!(merge_search("fm", &merged, &[]), "?lang=en&fm2.q=other");
    }

    #[test]
    fn garbage_is_ignored_never_a_crash() {
        for junk in [
            "fm.phase=omega,,BETA&fm.cat=nope,core&fm.sort=sideways&fm.view=3d&fm.zzz=1",
            "%%%&&&==fm.q",
            "fm.q=%ZZ%E2%82&fm.sort=-desc",
            "?fm.=1&.fm=2&fm=3&fm.q",
            "fm.q=a%00b\u{7}c",
            "fm.release=1.24%3Cscript%3E&fm.from=",
        ] {
            let u = from_location("fm", junk, "#%");
            assert!(u.text.chars().all(|ch| !ch.is_control()), "{junk}");
            assert_eq!(u.view, ViewMode::Table);
            assert_eq!((u.release, u.from, u.target), (None, None, None));
        }
        let u = from_location("fm", "fm.phase=omega,,BETA&fm.cat=nope,core,,core&fm.sort=sideways", "");
        assert_eq!(u.phases.iter().copied().collect::<Vec<_>>(), [Phase::Beta]);
        // Ids are kept as given (the reducer checks them against the catalog shown), once each.
        assert_eq!(u.categories, ["nope", "core"]);
        assert_eq!(u.sort, SortKey::Category);
        assert_eq!(from_location("fm", "fm.q=", "").text, "");
        let both = from_location("fm", "fm.phase=alpha&fm.phase=stable,beta", "");
        assert_eq!(both.phases.len(), 3);
        assert_eq!(from_location("fm", &format!("fm.q={}", "x".repeat(5000)), "").text.len(), MAX_SEARCH);
        assert_eq!(from_location("fm", "fm.q=a%09b", "").text, "a b");
    }

    #[test]
    fn has_params_only_sees_this_namespace() {
        assert!(has_params("fm", "?x=1&fm.q=a"));
        assert!(!has_params("fm", "?fm2.q=a&fmx=1"));
        assert!(!has_params("fm", ""));
    }

    #[test]
    fn deep_links() {
        assert_eq!(feature_anchor("fm", "traffic-management-dns-proxying"), "fm-traffic-management-dns-proxying");
        assert_eq!(
            feature_from_fragment("fm", "#fm-traffic-management-dns-proxying").as_deref(),
            Some("traffic-management-dns-proxying")
        );
        assert_eq!(feature_from_fragment("fm", "fm-core-helm").as_deref(), Some("core-helm"));
        assert_eq!(feature_from_fragment("fm2", "fm-core-helm"), None);
        assert_eq!(feature_from_fragment("fm", "#fm-"), None);
        assert_eq!(feature_from_fragment("fm", "#"), None);
        assert_eq!(feature_from_fragment("fm", "#%"), None);
        assert_eq!(feature_from_fragment("fm", "#fm-%FF"), None);
        // Ids with `+`, `&`, `%`, `#`, spaces or non-ASCII letters come back as written.
        for id in ["c++", "a&b=c", "50%", "x#y", "a b", "traffic.dns_proxying", "流量-管理", "q?x=1"] {
            let fragment = feature_fragment("fm", id);
            assert_eq!(feature_from_fragment("fm", &fragment).as_deref(), Some(id), "{fragment}");
        }
        // Browsers percent-encode spaces and non-ASCII text in location.hash.
        assert_eq!(feature_from_fragment("fm", "#fm-%E6%B5%81%E9%87%8F").as_deref(), Some("流量"));
        assert_eq!(feature_from_fragment("fm", "#fm-a+b").as_deref(), Some("a+b"));
    }
}
