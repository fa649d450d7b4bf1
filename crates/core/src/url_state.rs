//! Shareable URL state: the query and view of one widget instance as readable query
//! parameters namespaced by the instance (`?fm.q=dns&fm.phase=beta,stable&fm.sort=phase-desc`),
//! and deep links to features (`#fm-traffic-management-dns-proxying`).
//!
//! Defaults are left out, so an untouched widget adds nothing to the URL. Parsing never
//! fails: unknown keys, unknown values and malformed encodings are ignored one by one.
//! Parameters of other instances and of the host page are kept as they are.

use crate::model::{Catalog, Phase};
use crate::query::{format_sort, parse_sort, Query};
use crate::state::{MatrixState, ViewMode};

/// The part of the state that lives in the URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlState {
    pub query: Query,
    pub view: ViewMode,
    /// Istio release shown (label such as `1.24`); `None` for the Feature Status page.
    pub release: Option<String>,
    /// The release the changes view compares against.
    pub diff_from: Option<String>,
}

impl UrlState {
    pub fn of(state: &MatrixState) -> Self {
        UrlState {
            query: state.query.clone(),
            view: state.view,
            release: state.release.clone(),
            diff_from: state.diff_from.clone(),
        }
    }
}

fn key(ns: &str, name: &str) -> String {
    format!("{ns}.{name}")
}

/// The instance's parameters for a state, defaults omitted, in a fixed order.
pub fn to_params(ns: &str, url: &UrlState, catalog: &Catalog) -> Vec<(String, String)> {
    let q = &url.query;
    let mut out = Vec::new();
    if !q.text.trim().is_empty() {
        out.push((key(ns, "q"), q.text.clone()));
    }
    // Sets repeat their key (`fm.phase=alpha&fm.phase=beta`): readable, no escaping.
    for p in &q.phases {
        out.push((key(ns, "phase"), p.slug().to_owned()));
    }
    for c in q.categories.iter().filter_map(|c| catalog.categories.get(usize::from(*c))) {
        out.push((key(ns, "cat"), c.id.to_string()));
    }
    if let Some(s) = format_sort(q.sort, q.direction) {
        out.push((key(ns, "sort"), s));
    }
    match url.view {
        ViewMode::Table => {}
        ViewMode::Matrix => out.push((key(ns, "view"), "matrix".to_owned())),
        ViewMode::Changes => out.push((key(ns, "view"), "changes".to_owned())),
    }
    if let Some(r) = &url.release {
        out.push((key(ns, "release"), r.clone()));
    }
    if let Some(r) = &url.diff_from {
        out.push((key(ns, "from"), r.clone()));
    }
    out
}

/// Reads the instance's state from a URL query string (with or without the leading `?`).
/// Anything not understood is ignored. `phase` and `cat` may repeat (and also accept
/// comma-separated lists); any other repeated key takes its last value.
pub fn from_search(ns: &str, search: &str, catalog: &Catalog) -> UrlState {
    let mut url = UrlState::default();
    let prefix = format!("{ns}.");
    let search = search.strip_prefix('?').unwrap_or(search);
    for (k, v) in form_urlencoded::parse(search.as_bytes()) {
        let Some(name) = k.strip_prefix(prefix.as_str()) else {
            continue;
        };
        let v = v.as_ref();
        match name {
            "q" => url.query.text = v.chars().filter(|c| !c.is_control()).take(200).collect(),
            "phase" => url.query.phases.extend(v.split(',').filter_map(Phase::parse)),
            "cat" => {
                url.query.categories.extend(
                    v.split(',')
                        .filter_map(|id| catalog.categories.iter().position(|c| c.id == id.trim()))
                        .filter_map(|i| u16::try_from(i).ok()),
                );
            }
            "sort" => {
                if let Some((key, dir)) = parse_sort(v) {
                    url.query.sort = key;
                    url.query.direction = dir;
                }
            }
            "view" => {
                url.view = match v {
                    "matrix" => ViewMode::Matrix,
                    "changes" => ViewMode::Changes,
                    _ => ViewMode::Table,
                }
            }
            // Release labels are checked against the embedded releases by the widget.
            "release" | "from"
                if !v.is_empty() && v.len() <= 16 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') =>
            {
                if name == "release" {
                    url.release = Some(v.to_owned());
                } else {
                    url.diff_from = Some(v.to_owned());
                }
            }
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
    let mut ser = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in form_urlencoded::parse(search.as_bytes()) {
        if !k.starts_with(prefix.as_str()) {
            ser.append_pair(&k, &v);
            any = true;
        }
    }
    for (k, v) in params {
        ser.append_pair(k, v);
        any = true;
    }
    if any {
        format!("?{}", ser.finish())
    } else {
        String::new()
    }
}

/// True when the query string holds any parameter of this instance (then the URL, not
/// the embed options, decides the initial state).
pub fn has_params(ns: &str, search: &str) -> bool {
    let prefix = format!("{ns}.");
    let search = search.strip_prefix('?').unwrap_or(search);
    form_urlencoded::parse(search.as_bytes()).any(|(k, _)| k.starts_with(prefix.as_str()))
}

/// The fragment (without `#`) that deep-links to a feature of this instance.
pub fn feature_anchor(ns: &str, feature_id: &str) -> String {
    format!("{ns}-{feature_id}")
}

/// The feature a URL fragment (with or without `#`) deep-links to, if it is one of ours.
pub fn feature_from_fragment(ns: &str, fragment: &str, catalog: &Catalog) -> Option<usize> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let decoded: String = form_urlencoded::parse(format!("x={fragment}").as_bytes()).next()?.1.into_owned();
    let id = decoded.strip_prefix(ns)?.strip_prefix('-')?;
    catalog.features.iter().position(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{Direction, SortKey};
    use crate::validate::{validate, RawCatalog, RawCategory, RawFeature};

    fn catalog() -> Catalog {
        let f = |n: &str, p: &str| RawFeature { name: n.into(), phase: p.into(), ..Default::default() };
        validate(RawCatalog {
            file: "t".into(),
            docs_base: "https://x.example".into(),
            categories: vec![
                RawCategory {
                    line: None,
                    name: "Traffic management".into(),
                    features: vec![f("DNS Proxying", "Alpha")],
                },
                RawCategory { line: None, name: "Core".into(), features: vec![f("Helm", "Beta")] },
            ],
            ..Default::default()
        })
        .unwrap()
    }

    fn sample() -> UrlState {
        let mut u = UrlState::default();
        u.query.text = "dns  proxy & co=1".into();
        u.query.phases.extend([Phase::Beta, Phase::Alpha]);
        u.query.categories.insert(1);
        u.query.sort = SortKey::Phase;
        u.query.direction = Direction::Descending;
        u.view = ViewMode::Matrix;
        u.release = Some("1.24".into());
        u.diff_from = Some("1.20".into());
        u
    }

    #[test]
    fn defaults_write_nothing() {
        assert!(to_params("fm", &UrlState::default(), &catalog()).is_empty());
        assert_eq!(merge_search("fm", "", &[]), "");
    }

    #[test]
    fn readable_parameters() {
        let c = catalog();
        let params = to_params("fm", &sample(), &c);
        let search = merge_search("fm", "", &params);
        assert_eq!(
            search,
            "?fm.q=dns++proxy+%26+co%3D1&fm.phase=alpha&fm.phase=beta&fm.cat=core&fm.sort=phase-desc&fm.view=matrix&fm.release=1.24&fm.from=1.20"
        );
    }

    #[test]
    fn round_trip() {
        let c = catalog();
        let u = sample();
        let search = merge_search("fm", "", &to_params("fm", &u, &c));
        assert_eq!(from_search("fm", &search, &c), u);
        for sort in [SortKey::Feature, SortKey::Category, SortKey::Phase] {
            for direction in [Direction::Ascending, Direction::Descending] {
                let mut u = UrlState::default();
                u.query.sort = sort;
                u.query.direction = direction;
                let s = merge_search("fm", "", &to_params("fm", &u, &c));
                assert_eq!(from_search("fm", &s, &c), u, "{s}");
            }
        }
    }

    #[test]
    fn other_instances_and_host_parameters_are_kept() {
        let c = catalog();
        let merged =
            merge_search("fm", "?lang=en&fm.q=old&fm2.q=other&fm.phase=stable", &to_params("fm", &sample(), &c));
        assert!(merged.starts_with("?lang=en&fm2.q=other&fm.q=dns"), "{merged}");
        assert_eq!(from_search("fm2", &merged, &c).query.text, "other");
        assert_eq!(from_search("fm", &merged, &c), sample());
        // Clearing our state removes only our keys.
        assert_eq!(merge_search("fm", &merged, &[]), "?lang=en&fm2.q=other");
    }

    #[test]
    fn garbage_is_ignored_never_a_crash() {
        let c = catalog();
        for junk in [
            "fm.phase=omega,,BETA&fm.cat=nope,core&fm.sort=sideways&fm.view=3d&fm.zzz=1",
            "%%%&&&==fm.q",
            "fm.q=%ZZ%E2%82&fm.sort=-desc",
            "?fm.=1&.fm=2&fm=3&fm.q",
            "fm.q=a%00b\u{7}c",
        ] {
            let u = from_search("fm", junk, &c);
            assert!(u.query.text.chars().all(|ch| !ch.is_control()), "{junk}");
            assert_eq!(u.view, ViewMode::Table);
        }
        let u = from_search("fm", "fm.phase=omega,,BETA&fm.cat=nope,core&fm.sort=sideways", &c);
        assert_eq!(u.query.phases.iter().copied().collect::<Vec<_>>(), [Phase::Beta]);
        assert_eq!(u.query.categories.iter().copied().collect::<Vec<_>>(), [1]);
        assert_eq!(u.query.sort, SortKey::Category);
        assert_eq!(from_search("fm", "fm.q=", &c).query.text, "");
        let both = from_search("fm", "fm.phase=alpha&fm.phase=stable,beta", &c);
        assert_eq!(both.query.phases.len(), 3);
        assert_eq!(from_search("fm", &format!("fm.q={}", "x".repeat(5000)), &c).query.text.len(), 200);
    }

    #[test]
    fn has_params_only_sees_this_namespace() {
        assert!(has_params("fm", "?x=1&fm.q=a"));
        assert!(!has_params("fm", "?fm2.q=a&fmx=1"));
        assert!(!has_params("fm", ""));
    }

    #[test]
    fn deep_links() {
        let c = catalog();
        let anchor = feature_anchor("fm", &c.features[0].id);
        assert_eq!(anchor, "fm-traffic-management-dns-proxying");
        assert_eq!(feature_from_fragment("fm", &format!("#{anchor}"), &c), Some(0));
        assert_eq!(feature_from_fragment("fm", "fm-core-helm", &c), Some(1));
        assert_eq!(feature_from_fragment("fm2", "fm-core-helm", &c), None);
        assert_eq!(feature_from_fragment("fm", "#fm-nope", &c), None);
        assert_eq!(feature_from_fragment("fm", "#", &c), None);
        assert_eq!(feature_from_fragment("fm", "#%", &c), None);
    }
}
