//! Shared links come back: for every Istio release and the Feature Status page, any state a
//! reader can reach (search, phases, categories, sort, view, compared release, deep link)
//! is encoded to the URL, decoded and resolved again, and shows the same thing. Also the
//! reproductions of view-state bugs, each on the real data.

use std::rc::Rc;
use std::sync::OnceLock;

use feature_matrix_core::model::{Catalog, Legend, Phase};
use feature_matrix_core::query::{Direction, SortKey};
use feature_matrix_core::releases::ReleaseSet;
use feature_matrix_core::shown::Sources;
use feature_matrix_core::source::{features_yaml, history, load_markdown, SourceInfo};
use feature_matrix_core::state::{Action, Dropped, Effects, Session, UrlWrite};
use feature_matrix_core::url_state::{self, UrlState};
use feature_matrix_core::ViewMode;
use proptest::prelude::*;

const LABELS: [&str; 20] = [
    "1.10", "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20", "1.21", "1.22", "1.23",
    "1.24", "1.25", "1.26", "1.27", "1.28", "master",
];

fn data(path: &str) -> String {
    let path = format!("{}/../../data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every release, as the build embeds them (the legend does not matter here).
fn releases() -> &'static ReleaseSet {
    static SET: OnceLock<ReleaseSet> = OnceLock::new();
    SET.get_or_init(|| {
        let files: Vec<(String, features_yaml::Release)> = LABELS
            .iter()
            .map(|l| {
                let name = format!("istio-releases/features-{l}.yaml");
                ((*l).to_owned(), features_yaml::read(&name, &data(&name)))
            })
            .collect();
        let legend = Legend { phases: Default::default(), aspects: Default::default() };
        history::build(&files, legend, "https://istio.io/latest", "test")
    })
}

fn page() -> Catalog {
    let info = SourceInfo {
        file: "data/feature-status.md".into(),
        docs_base: "https://istio.io/latest".into(),
        provenance: String::new(),
    };
    load_markdown(&info, &data("feature-status.md")).unwrap()
}

fn sources() -> Sources {
    Sources::new(Rc::new(page()), Some(releases()))
}

/// What a reader sees of a session: rows, pressed filters (as ids), sort, view, releases.
#[derive(Debug, PartialEq)]
struct Seen {
    release: Option<String>,
    rows: Vec<String>,
    phases: Vec<Phase>,
    categories: Vec<String>,
    sort: (SortKey, Direction),
    view: ViewMode,
    from: Option<usize>,
    revealed: Option<String>,
}

fn seen(s: &Session, src: &Sources) -> Seen {
    let c = s.shown.catalog();
    let view = s.shown.compute(&s.state.query);
    Seen {
        release: s.url().release,
        rows: view.rows.iter().map(|&i| c.features[i].id.to_string()).collect(),
        phases: s.state.query.phases.iter().copied().collect(),
        categories: s.url().categories,
        sort: (s.state.query.sort, s.state.query.direction),
        view: s.state.view,
        from: (s.state.view == ViewMode::Changes).then(|| s.diff_from(src)).flatten(),
        revealed: s.url().target,
    }
}

/// Opens the link `s` would share (its query string and, when it reveals a feature, the
/// fragment to it) in a fresh widget.
fn reopen(s: &Session, src: &Sources) -> Session {
    let url = s.url();
    let search = url_state::merge_search("fm", "?lang=en", &url_state::to_params("fm", &url));
    let fragment = url.target.as_deref().map(|id| url_state::feature_fragment("fm", id)).unwrap_or_default();
    let start = feature_matrix_core::start(&feature_matrix_core::StartFrom {
        search: &search,
        fragment: &fragment,
        ..feature_matrix_core::StartFrom::default()
    });
    Session::start(src, &start.first).0
}

fn action() -> impl Strategy<Value = Action> {
    let label = prop::sample::select(LABELS.to_vec()).prop_map(str::to_owned);
    prop_oneof![
        2 => prop::sample::select(vec!["dns", "ambient", "流量", "tls mutual", "", "x".repeat(250).leak(), "a\tb", "c++"])
            .prop_map(|t| Action::SetSearch(t.to_owned())),
        2 => prop::sample::select(Phase::ALL.to_vec()).prop_map(Action::TogglePhase),
        3 => prop::sample::select(vec![
            "traffic-management", "ambient-mode", "security-and-policy-enforcement", "core", "observability",
            "extensibility", "security", "nope",
        ])
        .prop_map(|c| Action::ToggleCategory(c.to_owned())),
        2 => prop::sample::select(SortKey::ALL.to_vec()).prop_map(Action::SortBy),
        2 => prop::sample::select(vec![ViewMode::Table, ViewMode::Matrix, ViewMode::Changes]).prop_map(Action::SetView),
        3 => prop::option::of(prop_oneof![5 => label.clone(), 1 => Just("9.99".to_owned())]).prop_map(Action::SetRelease),
        1 => prop::option::of(label).prop_map(Action::SetDiffFrom),
        1 => Just(Action::ClearFilters),
        1 => prop::sample::select(vec!["traffic-dns-proxying", "traffic.sidecar", "core-helm-chart-install", "nope"])
            .prop_map(|id| Action::Reveal(id.to_owned())),
    ]
}

proptest! {

    #[test]
    fn every_reachable_state_survives_its_shared_link(start in prop::option::of(prop::sample::select(LABELS.to_vec())),
                                                       actions in prop::collection::vec(action(), 0..10)) {
        let src = sources();
        let first = UrlState { release: start.map(str::to_owned), ..UrlState::default() };
        let mut s = Session::start(&src, &first).0;
        for a in actions {
            if let Some((next, _)) = s.apply(a, &src) {
                s = next;
            }
            let back = reopen(&s, &src);
            prop_assert_eq!(seen(&back, &src), seen(&s, &src), "link {:?}", url_state::to_params("fm", &s.url()));
            // And the link of the reopened view is the same link.
            prop_assert_eq!(back.url(), s.url());
        }
    }
}

#[test]
fn every_release_resolves_its_own_categories_and_features() {
    let src = sources();
    for label in LABELS {
        let url = UrlState { release: Some(label.to_owned()), ..UrlState::default() };
        let s = Session::start(&src, &url).0;
        assert_eq!(s.url().release.as_deref(), Some(label));
        let c = s.shown.catalog();
        for (i, cat) in c.categories.iter().enumerate() {
            let mut u = url.clone();
            u.categories = vec![cat.id.to_string()];
            let (t, dropped) = Session::start(&src, &u);
            assert_eq!(t.state.query.categories.iter().copied().collect::<Vec<_>>(), [i as u16], "{label} {}", cat.id);
            assert!(dropped.is_empty());
        }
        for f in c.features.iter() {
            let mut u = url.clone();
            u.target = Some(f.id.to_string());
            let t = Session::start(&src, &u).0;
            let r = t.state.revealed.expect("revealed");
            assert_eq!(t.shown.catalog().features[r.feature].id, f.id, "{label}");
        }
    }
}

/// `?fm.phase=beta&fm.cat=ambient-mode&fm.sort=feature&fm.release=1.24`: the category is
/// resolved in 1.24's catalog, not in the page's (which has no "Ambient mode").
#[test]
fn a_release_link_keeps_its_category_filter() {
    let src = sources();
    let start = feature_matrix_core::start(&feature_matrix_core::StartFrom {
        search: "?fm.phase=beta&fm.cat=ambient-mode&fm.sort=feature&fm.release=1.24",
        ..feature_matrix_core::StartFrom::default()
    });
    let (s, dropped) = Session::start(&src, &start.first);
    let view = s.shown.compute(&s.state.query);
    assert_eq!(view.total, 64);
    assert_eq!(view.rows.len(), 4, "Ambient mode features in Beta in 1.24");
    assert_eq!(s.url().categories, ["ambient-mode"]);
    assert!(dropped.is_empty(), "{dropped:?}");
}

/// Back/forward across releases: each restored state is exactly its URL's, release first.
#[test]
fn back_and_forward_across_releases_restore_each_step() {
    let src = sources();
    let s0 = Session::start(&src, &UrlState::default()).0;
    let (s1, e1) = s0.apply(Action::ToggleCategory("security-and-policy-enforcement".into()), &src).unwrap();
    let (s2, e2) = s1.apply(Action::SetRelease(Some("1.28".into())), &src).unwrap();
    let (s3, e3) = s2.apply(Action::ToggleCategory("ambient-mode".into()), &src).unwrap();
    for e in [e1, e2, e3] {
        assert_eq!(e, Effects { write: UrlWrite::Push, dropped: vec![], announce: true });
    }
    let urls = [s0.url(), s1.url(), s2.url(), s3.url()];
    // Back, Back, Forward, Forward, from s3.
    let mut cur = s3.clone();
    for (step, want) in [2usize, 1, 2, 3].into_iter().enumerate() {
        let (next, effects) = cur.apply(Action::Restore(urls[want].clone()), &src).expect("each step changes the view");
        cur = next;
        assert_eq!(cur.url(), urls[want], "step {step}");
        assert_eq!(cur.url().release, urls[want].release);
        assert_eq!(cur.shown.release(), urls[want].release.as_deref().and_then(|r| src.find(r)));
        assert_eq!(effects.write, UrlWrite::Replace, "back/forward never pushes");
    }
    let view = cur.shown.compute(&cur.state.query);
    assert!(view.rows.len() < view.total, "the ambient filter is applied after the last Forward");
    // Switching release keeps categories the new release also has.
    assert_eq!(s2.url().categories, ["security-and-policy-enforcement"]);
}

/// A deep link into a release resolves against that release's catalog.
#[test]
fn deep_links_resolve_in_the_release_shown() {
    let src = sources();
    let s = Session::start(&src, &url_state::from_location("fm", "?fm.release=1.24", "#fm-ambient-dual-stack")).0;
    let r = s.state.revealed.expect("the 1.24 feature is revealed");
    assert_eq!(s.shown.catalog().features[r.feature].id, "ambient-dual-stack");
    // A page feature's id is not looked up in the release (and vice versa).
    let page_id = src.page().catalog().features[0].id.to_string();
    let (t, effects) = s.apply(Action::Reveal(page_id.clone()), &src).unwrap();
    assert_eq!(t.state.revealed, None);
    assert_eq!(effects.dropped, [Dropped::Feature(page_id)]);
}

/// Clamping: what cannot be shown is not kept (and so not written).
#[test]
fn links_that_cannot_be_shown_are_clamped() {
    let src = sources();
    let open = |search: &str| {
        let start = feature_matrix_core::start(&feature_matrix_core::StartFrom {
            search,
            ..feature_matrix_core::StartFrom::default()
        });
        Session::start(&src, &start.first)
    };
    let (s, _) = open("?fm.sort=since");
    assert_eq!(s.state.query.sort, SortKey::Category, "no Since column on the page");
    let (s, _) = open("?fm.release=1.10&fm.view=changes");
    assert_eq!(s.state.view, ViewMode::Changes);
    assert_eq!(s.diff_from(&src), None, "1.10 is the oldest: nothing to compare it with, never itself");
    let (s, _) = open("?fm.release=1.24&fm.view=changes&fm.from=1.24");
    assert_eq!(s.diff_from(&src), src.find("1.23"));
    assert_eq!(s.url().from, None);
    let (s, dropped) = open("?fm.release=7.7&fm.cat=core");
    assert_eq!(s.shown.release(), None);
    assert_eq!(dropped, [Dropped::Release("7.7".into())]);
    assert_eq!(s.url().categories, ["core"]);
}

/// The changes view filters with the table's search: every field, aliases, accents.
#[test]
fn changes_are_searched_like_the_table() {
    let src = sources();
    let set = releases();
    let s = Session::start(&src, &url_state::from_location("fm", "?fm.release=1.24", "")).0;
    let from = s.diff_from(&src).unwrap();
    let all = s.shown.changes(from, "").unwrap();
    assert!(!all.all.promoted.is_empty());
    assert_eq!(all.all, all.matching);
    // Exactly the changes whose feature matches in every searchable field of the release
    // that lists it (1.24; 1.23 for removed features): name, area, note, phase.
    let to = s.shown.release().unwrap();
    let matching = |text: &str| {
        let terms = feature_matrix_core::search::terms(text);
        let fold = feature_matrix_core::search::fold;
        let hit = |r: usize, row: u16| {
            let (c, rows) = set.catalog(r);
            let f = &c.features[rows.iter().position(|&x| x == row).unwrap()];
            let fields = [
                fold(&f.name),
                fold(&c.category(f).name),
                fold(f.note.as_deref().unwrap_or("")),
                fold(f.phase.label()),
            ];
            feature_matrix_core::search::matches(&fields, &terms)
        };
        let mut d = all.all.clone();
        d.added.retain(|&row| hit(to, row));
        d.removed.retain(|&row| hit(from, row));
        d.promoted.retain(|&(row, _, _)| hit(to, row));
        d.demoted.retain(|&(row, _, _)| hit(to, row));
        d
    };
    for text in ["ambient", "stable", "dns", "Ambient mode", "zzzz-nothing"] {
        assert_eq!(s.shown.changes(from, text).unwrap().matching, matching(text), "{text}");
    }
    // By area name, which a name-only filter missed: changes of every kind, fewer than all.
    let by_area = matching("ambient");
    assert!(!by_area.added.is_empty() && !by_area.promoted.is_empty(), "{by_area:?}");
    assert_ne!(by_area, all.all);
    // By phase, which is a field of the row.
    let stable = s.shown.changes(from, "stable").unwrap();
    assert!(stable.matching.promoted.iter().any(|&(_, _, to)| to == Phase::Stable));
    assert_eq!(s.shown.changes(from, "zzzz-nothing").unwrap().matching, Default::default());
}

#[test]
fn the_host_state_names_the_release_and_the_one_compared_with() {
    use feature_matrix_core::events::{visible_json, ViewState};
    let src = sources();
    let s = Session::start(&src, &UrlState::default()).0;
    let s = [Action::SetRelease(Some("1.24".into())), Action::SetView(ViewMode::Changes)]
        .into_iter()
        .fold(s, |s, a| s.apply(a, &src).map_or(s, |(next, _)| next));
    let view = s.shown.compute(&s.state.query);
    let v = ViewState::of("fm", &s, &src, &view);
    assert_eq!((v.release.as_deref(), v.from.as_deref(), v.view.as_str()), (Some("1.24"), Some("1.23"), "changes"));
    let r = releases().find("1.24").unwrap();
    assert_eq!(v.total as usize, releases().release(r).len());
    // The ids the event lists are the release's own, each once, one per row.
    let visible: Vec<String> = serde_json::from_str(&visible_json(s.shown.catalog(), &view.rows)).unwrap();
    assert_eq!(visible.len(), releases().release(r).len());
    let found: Vec<usize> = visible.iter().filter_map(|id| s.shown.feature(id)).collect();
    assert_eq!(found, view.rows, "each id names its row of 1.24");
    // Back in the table view there is nothing to compare with.
    let (s, _) = s.apply(Action::SetView(ViewMode::Table), &src).unwrap();
    assert_eq!(ViewState::of("fm", &s, &src, &s.shown.compute(&s.state.query)).from, None);
}

/// What an export holds is the core's decision (`export::download`): the visible rows named
/// after the catalog, or in the changes view the upgrade checklist of what that view shows,
/// titled from the message files.
#[test]
fn exports_hold_what_the_view_shows() {
    use feature_matrix_core::export::{download, Format};
    use feature_matrix_core::i18n::Messages;
    let src = sources();
    let en = Messages::english();
    let open = |search: &str| Session::start(&src, &url_state::from_location("fm", search, "")).0;
    // The table: exactly the visible rows, one CSV line each after the header.
    let s = open("?fm.q=dns");
    let view = s.shown.compute(&s.state.query);
    let d = download(&s.shown, s.changes_shown(&src).as_ref(), &view, "https://istio.io/latest", Format::Csv, &en);
    assert_eq!((d.rows, d.mime), (view.rows.len(), "text/csv;charset=utf-8"));
    assert_eq!(d.text.trim_end().split("\r\n").count(), 1 + view.rows.len());
    assert_eq!(d.file, "feature-status-features.csv");
    // The changes view of 1.24 from 1.22, searched: the checklist of the matching changes.
    let s = open("?fm.release=1.24&fm.view=changes&fm.from=1.22&fm.q=ambient");
    let changes = s.changes_shown(&src).expect("the changes view shows changes");
    let view = s.shown.compute(&s.state.query);
    let d = download(&s.shown, Some(&changes), &view, "https://istio.io/latest", Format::Markdown, &en);
    let m = &changes.matching;
    assert_eq!(d.rows, m.added.len() + m.removed.len() + m.promoted.len() + m.demoted.len());
    assert!(d.rows > 0 && d.rows < view.total);
    assert!(d.text.starts_with("# Upgrading from Istio 1.22 to Istio 1.24\n"), "{}", d.text);
    assert_eq!(d.file, "upgrading-from-istio-1-22-to-istio-1-24-features.md");
    // In another language, the title is that language's.
    let zh = Messages::built_in("zh").unwrap();
    let d = download(&s.shown, Some(&changes), &view, "https://istio.io/latest", Format::Markdown, &zh);
    assert!(d.text.starts_with("# 从 Istio 1.22 升级到 Istio 1.24\n"), "{}", d.text);
    // The table of a release is not its changes.
    assert_eq!(open("?fm.release=1.24&fm.q=ambient").changes_shown(&src), None);
}
