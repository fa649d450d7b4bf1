//! Property tests (proptest) over the parsers, the validators, URL state and the
//! search/filter/sort core. `cargo test` runs a short pass (PROPTEST_CASES, default 256
//! per property); `cargo xtask fuzz` runs a long one.

use std::collections::BTreeSet;

use feature_matrix_core::json_catalog;
use feature_matrix_core::links::{classify, resolve, LinkKind};
use feature_matrix_core::model::{Catalog, Phase};
use feature_matrix_core::query::{Direction, Query, SortKey};
use feature_matrix_core::search::{match_ranges, segments, terms};
use feature_matrix_core::shown::Shown;
use feature_matrix_core::source::{load_markdown, SourceInfo};
use feature_matrix_core::url_state::{self, UrlState};
use feature_matrix_core::validate::{validate, validate_with, LinkPolicy, RawCatalog, RawCategory, RawFeature};
use feature_matrix_core::ViewMode;
use proptest::prelude::*;
use std::rc::Rc;

fn info() -> SourceInfo {
    SourceInfo { file: "fuzz.md".into(), docs_base: "https://istio.io/latest".into(), provenance: String::new() }
}

/// Text with the characters that matter: markup, quotes, pipes, RTL marks, combining
/// marks, emoji, NUL and other controls.
fn nasty_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::char::range('a', 'z').prop_map(String::from),
            2 => Just(" ".to_owned()),
            1 => prop::sample::select(vec![
                "<script>", "</b>", "\"", "'", "&amp;", "|", "\\", "\n", "\u{0}", "\u{7}", "\u{202e}", "\u{301}",
                "İ", "ß", "🙂", "javascript:", "Alpha", "beta", "DNS", "/docs/", "#x", "%2F",
            ])
            .prop_map(str::to_owned),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn phase_text() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec!["Alpha", "Beta", "Stable", "alpha", " STABLE "]).prop_map(str::to_owned),
        1 => nasty_text(),
    ]
}

fn link_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        prop::sample::select(vec!["/docs/a/", "https://x.example/p", "http://y.example", "rel/path", "#frag"])
            .prop_map(str::to_owned),
        prop::sample::select(vec!["javascript:alert(1)", "data:text/html,x", "//evil", "mailto:a@b", "https://", " "])
            .prop_map(str::to_owned),
        nasty_text(),
    ])
}

fn raw_catalog() -> impl Strategy<Value = RawCatalog> {
    let feature = (nasty_text(), phase_text(), link_text(), prop::option::of(nasty_text())).prop_map(
        |(name, phase, link, note)| RawFeature {
            line: Some(1),
            id: None,
            name,
            phase,
            link,
            note,
            extra_links: vec![],
        },
    );
    let category = (nasty_text(), prop::collection::vec(feature, 0..6)).prop_map(|(name, features)| RawCategory {
        line: Some(1),
        name,
        features,
    });
    prop::collection::vec(category, 0..5).prop_map(|categories| RawCatalog {
        file: "fuzz".into(),
        docs_base: "https://istio.io/latest".into(),
        categories,
        ..RawCatalog::default()
    })
}

/// Valid catalogs: unique names, known phases.
fn catalog() -> impl Strategy<Value = Catalog> {
    let phases = prop::sample::select(vec!["Alpha", "Beta", "Stable"]);
    prop::collection::vec(
        prop::collection::vec((prop::sample::select(vec!["dns", "mesh", "tls", "gateway", "Ünï", "x"]), phases), 1..8),
        1..5,
    )
    .prop_map(|cats| {
        let mut n = 0;
        let categories = cats
            .into_iter()
            .enumerate()
            .map(|(ci, fs)| RawCategory {
                line: None,
                name: format!("Category {ci}"),
                features: fs
                    .into_iter()
                    .map(|(word, phase)| {
                        n += 1;
                        RawFeature { name: format!("{word} {n}"), phase: phase.into(), ..RawFeature::default() }
                    })
                    .collect(),
            })
            .collect();
        validate(RawCatalog {
            file: "gen".into(),
            docs_base: "https://x.example".into(),
            categories,
            ..Default::default()
        })
        .expect("generated catalogs are valid")
    })
}

fn query(categories: u16) -> impl Strategy<Value = Query> {
    (
        prop::collection::vec(
            prop::sample::select(vec![
                "dns", "MESH", "1", "ü", "stable", "category", "zz", " ", "mtls", "vm", "e", "a",
            ]),
            0..3,
        ),
        prop::collection::vec(prop::sample::select(Phase::ALL.to_vec()), 0..3),
        prop::collection::vec(0..categories.max(1), 0..3),
        prop::sample::select(SortKey::ALL.to_vec()),
        prop::bool::ANY,
    )
        .prop_map(|(words, phases, cats, sort, desc)| {
            let mut q = Query { text: words.join(" "), sort, ..Query::default() };
            q.phases.extend(phases);
            q.categories.extend(cats);
            q.direction = if desc { Direction::Descending } else { Direction::Ascending };
            q
        })
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i32>().prop_map(|n| serde_json::json!(n)),
        nasty_text().prop_map(serde_json::Value::String),
        phase_text().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "categories",
                        "features",
                        "name",
                        "phase",
                        "link",
                        "note",
                        "id",
                        "title",
                        "legend",
                        "phases",
                        "aspects",
                        "cells",
                        "text",
                        "href",
                        "docsBase",
                        "junk"
                    ]),
                    inner
                ),
                0..6
            )
            .prop_map(|kv| serde_json::Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// The invariants every validated catalog keeps, whatever its source.
fn check_catalog(c: &Catalog) -> Result<(), TestCaseError> {
    let mut names = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for f in c.features.iter() {
        prop_assert!(!f.name.trim().is_empty());
        prop_assert!(!f.name.chars().any(char::is_control));
        prop_assert!(names.insert(f.name.to_lowercase()), "duplicate name {:?}", f.name);
        prop_assert!(ids.insert(f.id.to_string()), "duplicate id {:?}", f.id);
        prop_assert!(!f.id.starts_with('-'), "feature id {:?} in the widget's own id space", f.id);
        prop_assert!(usize::from(f.category) < c.categories.len());
        if let Some(l) = &f.link {
            prop_assert!(classify(l).is_ok(), "bad link kept: {l:?}");
            let url = resolve(&c.docs_base, l).expect("valid links resolve");
            let scheme = url.get(..8).unwrap_or_default().to_ascii_lowercase();
            prop_assert!(scheme == "https://" || scheme.starts_with("http://"), "{url}");
        }
    }
    let mut category_ids = BTreeSet::new();
    for cat in c.categories.iter() {
        prop_assert!(category_ids.insert(cat.id.to_string()), "duplicate category id {:?}", cat.id);
    }
    Ok(())
}

proptest! {
    /// Names that derive the same ids ("C++", "C", "C#"; "a+b", "a b") never make a catalog
    /// invalid and never share an id: the later ones are numbered.
    #[test]
    fn derived_ids_are_unique_for_any_names(
        cats in prop::collection::vec(
            (prop::sample::select(vec!["C", "C++", "C#", "c", "Ü", "u", "A-B", "A B", "a+b", "x"]),
             prop::collection::vec(prop::sample::select(vec!["C", "C++", "C#", "Ünï", "a b", "A+B", "a-b", "dns"]), 1..5)),
            1..6)
    ) {
        let mut seen_cats = BTreeSet::new();
        let mut seen_names = BTreeSet::new();
        let categories: Vec<RawCategory> = cats.into_iter()
            .filter(|(n, _)| seen_cats.insert(n.to_lowercase()))
            .map(|(n, fs)| RawCategory {
                line: None,
                name: n.to_owned(),
                features: fs.into_iter()
                    .map(|f| format!("{f} {n}"))
                    .filter(|f| seen_names.insert(f.to_lowercase()))
                    .map(|name| RawFeature { name, phase: "Beta".into(), ..RawFeature::default() })
                    .collect(),
            })
            .filter(|c| !c.features.is_empty())
            .collect();
        prop_assume!(!categories.is_empty());
        let raw = RawCatalog { file: "ids".into(), docs_base: "https://x.example".into(), categories, ..RawCatalog::default() };
        let c = validate(raw).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        check_catalog(&c)?;
    }

    #[test]
    fn markdown_reader_never_panics(text in prop::collection::vec(prop_oneof![
        nasty_text(),
        Just("\n| Feature | Phase\n|---|---\n".to_owned()),
        Just("\n### Core\n".to_owned()),
        Just("\n|  | Alpha | Beta\n|---|---|---\n| **API** | a | [b](javascript:x)\n".to_owned()),
        Just("| [n](/l) | Alpha. note\n".to_owned()),
        Just("---\ntitle: [\n---\n".to_owned()),
    ], 0..12)) {
        let text = text.concat();
        if let Ok(c) = load_markdown(&info(), &text) {
            check_catalog(&c)?;
        }
    }

    #[test]
    fn validator_never_panics_and_keeps_its_invariants(raw in raw_catalog()) {
        match validate(raw.clone()) {
            Ok(c) => {
                check_catalog(&c)?;
                let total: usize = raw.categories.iter().map(|c| c.features.len()).sum();
                prop_assert_eq!(c.features.len(), total, "a valid catalog drops nothing");
            }
            // Every problem names the file and, but for the catalog-wide ones, its entry.
            Err(problems) => prop_assert!(problems.iter().all(|d| d.file == "fuzz" && !d.entry.to_string().is_empty()), "{problems:?}"),
        }
    }

    /// Random JSON: the reader never panics, and whatever it accepts keeps the invariants.
    #[test]
    fn runtime_catalog_reader_never_panics(v in json_value()) {
        if let Ok(v) = json_catalog::load("fuzz", "https://istio.io/latest", &v) {
            check_catalog(&v.catalog)?;
        }
    }

    /// Catalogs written in the run-time format (most of them valid, with hostile text): the
    /// reader accepts exactly what `validate` accepts with bad links dropped, with the same
    /// rows, and keeps the invariants.
    #[test]
    fn runtime_catalog_reader_reads_what_validate_reads(raw in raw_catalog()) {
        let json = serde_json::json!({
            "docsBase": raw.docs_base,
            "categories": raw.categories.iter().map(|c| serde_json::json!({
                "name": c.name,
                "features": c.features.iter().map(|f| serde_json::json!({
                    "name": f.name, "phase": f.phase, "link": f.link, "note": f.note,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let read = json_catalog::load("fuzz", "https://istio.io/latest", &json);
        let checked = validate_with(raw, LinkPolicy::DropAndWarn);
        prop_assert_eq!(read.is_ok(), checked.is_ok(), "{:?} / {:?}", read, checked);
        if let (Ok(read), Ok(checked)) = (read, checked) {
            check_catalog(&read.catalog)?;
            prop_assert_eq!(&read.catalog.features, &checked.catalog.features);
        }
    }

    /// Valid catalogs in the run-time format always load.
    #[test]
    fn runtime_catalog_reader_loads_every_valid_catalog(c in catalog()) {
        let json = serde_json::json!({
            "docsBase": c.docs_base.as_ref(),
            "categories": c.categories.iter().enumerate().map(|(ci, cat)| serde_json::json!({
                "name": cat.name.as_ref(),
                "features": c.features.iter().filter(|f| usize::from(f.category) == ci)
                    .map(|f| serde_json::json!({ "name": f.name.as_ref(), "phase": f.phase.label() })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let read = json_catalog::load("gen", "https://istio.io/latest", &json).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        check_catalog(&read.catalog)?;
        prop_assert_eq!(&read.catalog.features, &c.features);
    }

    #[test]
    fn url_parsing_never_panics_and_round_trips((c, q) in catalog().prop_flat_map(|c| { let n = c.categories.len() as u16; (Just(c), query(n)) }),
                                                junk in nasty_text(), matrix in any::<bool>()) {
        let _ = url_state::from_location("fm", &junk, &junk);
        let url = UrlState {
            text: url_state::clean_search(q.text.trim()),
            phases: q.phases.clone(),
            categories: q.categories.iter().map(|&i| c.categories[usize::from(i)].id.to_string()).collect(),
            sort: q.sort,
            direction: q.direction,
            view: if matrix { ViewMode::Matrix } else { ViewMode::Table },
            release: matrix.then(|| "1.24".to_owned()),
            from: None,
            target: c.features.first().map(|f| f.id.to_string()),
        };
        let search = url_state::merge_search("fm", &format!("?{junk}"), &url_state::to_params("fm", &url));
        let fragment = url_state::feature_fragment("fm", url.target.as_deref().unwrap_or_default());
        let back = url_state::from_location("fm", &search, &fragment);
        prop_assert_eq!(back, url);
    }

    #[test]
    fn filtering_is_a_subset_sorting_a_stable_permutation_counts_add_up(
        (c, q) in catalog().prop_flat_map(|c| { let n = c.categories.len() as u16; (Just(c), query(n)) })
    ) {
        let shown = Shown::page(Rc::new(c.clone()));
        let view = shown.compute(&q);
        // Subset, no duplicates.
        let set: BTreeSet<usize> = view.rows.iter().copied().collect();
        prop_assert_eq!(set.len(), view.rows.len());
        prop_assert!(view.rows.iter().all(|&i| i < c.features.len()));
        // Exactly the features that match, field by field: the one-haystack scan of the
        // index agrees with searching each folded field on its own.
        let ts = terms(&q.text);
        let fold = feature_matrix_core::search::fold;
        let expected: BTreeSet<usize> = c.features.iter().enumerate().filter(|(_, f)| {
            let fields = [fold(&f.name), fold(&c.category(f).name), fold(f.note.as_deref().unwrap_or_default()), fold(f.phase.label())];
            feature_matrix_core::search::matches(&fields, &ts)
                && (q.phases.is_empty() || q.phases.contains(&f.phase))
                && (q.categories.is_empty() || q.categories.contains(&f.category))
        }).map(|(i, _)| i).collect();
        prop_assert_eq!(&set, &expected);
        // The same rows as the unsorted filter (a permutation of it).
        let unsorted = shown.compute(&Query { sort: SortKey::Category, direction: Direction::Ascending, ..q.clone() });
        let mut a = view.rows.clone();
        let mut b = unsorted.rows.clone();
        a.sort_unstable();
        b.sort_unstable();
        prop_assert_eq!(a, b);
        // Sorted by the key, ties in page order (stable).
        let key = |i: usize| -> String {
            let f = &c.features[i];
            match q.sort {
                SortKey::Feature => feature_matrix_core::search::fold(&f.name),
                SortKey::Category => format!("{:05}", f.category),
                SortKey::Phase => format!("{}", f.phase.maturity()),
                // A page has no history: every row ties (page order). Releases are
                // `since_sort_follows_each_features_history`'s.
                SortKey::Since => String::new(),
            }
        };
        for w in view.rows.windows(2) {
            let (x, y) = (key(w[0]), key(w[1]));
            match q.direction {
                Direction::Ascending => prop_assert!(x <= y),
                Direction::Descending => prop_assert!(x >= y),
            }
            if x == y { prop_assert!(w[0] < w[1], "ties keep page order"); }
        }
        // Counts add up.
        if q.phases.is_empty() { prop_assert_eq!(view.phase_counts.iter().sum::<usize>(), view.rows.len()); }
        if q.categories.is_empty() { prop_assert_eq!(view.category_counts.iter().sum::<usize>(), view.rows.len()); }
        // Category groups partition the rows, in order.
        if q.sort == SortKey::Category {
            let mut at = 0;
            for g in &view.groups {
                prop_assert_eq!(g.rows.start, at);
                prop_assert!(view.rows[g.rows.clone()].iter().all(|&i| c.features[i].category == g.category));
                at = g.rows.end;
            }
            prop_assert_eq!(at, view.rows.len());
        }
    }

    #[test]
    fn highlighting_ranges_are_sorted_disjoint_and_on_char_boundaries(text in nasty_text(), q in nasty_text()) {
        let t = terms(&q);
        let ranges = match_ranges(&text, &t);
        for r in &ranges {
            prop_assert!(r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        for w in ranges.windows(2) { prop_assert!(w[0].end < w[1].start); }
        let joined: String = segments(&text, &t).iter().map(|s| s.text).collect();
        prop_assert_eq!(joined, text);
    }

    #[test]
    fn only_http_links_and_paths_are_accepted(href in nasty_text()) {
        match classify(&href) {
            Ok(LinkKind::Absolute) => prop_assert!(href.to_ascii_lowercase().starts_with("http")),
            Ok(LinkKind::Relative) => {
                prop_assert!(!href.contains(':') || href.find(['/', '?', '#']).is_some_and(|p| p < href.find(':').unwrap()));
                prop_assert!(!href.starts_with("//"));
            }
            Err(_) => prop_assert!(resolve("https://x.example", &href).is_none()),
        }
    }
}

/// Up to four releases of up to eight features (keys `core.f0`…), each feature in some of
/// them with some maturity: a release set with real histories.
fn release_set() -> impl Strategy<Value = &'static feature_matrix_core::releases::ReleaseSet> {
    let release = prop::collection::vec(
        prop::option::of(prop::sample::select(vec!["Experimental", "Alpha", "Beta", "Stable"])),
        8,
    );
    prop::collection::vec(release, 1..5).prop_map(|releases| {
        let read: Vec<(String, feature_matrix_core::istio::Release)> = releases
            .iter()
            .enumerate()
            .map(|(r, features)| {
                let entries: Vec<serde_json::Value> = features
                    .iter()
                    .enumerate()
                    .filter_map(|(k, m)| {
                        let m = (*m)?;
                        Some(serde_json::json!({ "name": format!("F{k}"), "id": format!("core.f{k}"), "area": "Core",
                                                 "level": { "checklist": "", "maturity": m } }))
                    })
                    .collect();
                let json = serde_json::json!({ "features": entries });
                (format!("1.{r}"), feature_matrix_core::istio::read("gen", &json, &[], usize::MAX))
            })
            .collect();
        let legend = feature_matrix_core::model::Legend { phases: Default::default(), aspects: Default::default() };
        let set = feature_matrix_core::source::history::build(&read, legend, "https://x.example", "gen");
        &*Box::leak(Box::new(set))
    })
}

proptest! {
    /// Sorting by "since" in a release: rows ordered by the release each reached its phase
    /// in (as its history says), ties in page order, either direction.
    #[test]
    fn since_sort_follows_each_features_history(set in release_set(), r in 0usize..4, desc in any::<bool>()) {
        let r = r % set.len();
        let shown = Shown::of_release(set, r);
        let direction = if desc { Direction::Descending } else { Direction::Ascending };
        let view = shown.compute(&Query { sort: SortKey::Since, direction, ..Query::default() });
        prop_assert_eq!(view.rows.len(), shown.catalog().features.len());
        let since = |i: usize| shown.history(i).and_then(|h| h.since()).unwrap_or(usize::MAX);
        for w in view.rows.windows(2) {
            let (x, y) = (since(w[0]), since(w[1]));
            match direction {
                Direction::Ascending => prop_assert!(x <= y, "{x} before {y}"),
                Direction::Descending => prop_assert!(x >= y, "{x} before {y}"),
            }
            if x == y { prop_assert!(w[0] < w[1], "ties keep page order"); }
        }
        // No feature reached its phase after the release shown.
        for (i, f) in shown.catalog().features.iter().enumerate() {
            let s = since(i);
            prop_assert!(s <= r, "{} reached its phase after the release shown", f.id);
        }
    }
}
