//! The view rendered on the host (Yew SSR to a string) for the states that matter: the
//! default table, an empty result, filters, a release, the matrix view and the changes
//! view. Each asserts the HTML a reader gets: rows, counts, pressed buttons, ids.

use feature_matrix_core::url_state;
use feature_matrix_core::Start;
use feature_matrix_view::{default_props, FeatureMatrix};

/// The default widget (built-in catalog with releases, instance `fm`) starting at `search`.
async fn render(search: &str, fragment: &str) -> String {
    let start = feature_matrix_core::start(&feature_matrix_core::StartFrom {
        search,
        fragment,
        ..feature_matrix_core::StartFrom::default()
    });
    render_start(start).await
}

async fn render_start(start: Start) -> String {
    yew::ServerRenderer::<FeatureMatrix>::with_props(move || default_props(start)).hydratable(false).render().await
}

/// Feature rows (`<tr … class="fm-row…">`) in document order, by id.
fn row_ids(html: &str) -> Vec<String> {
    html.match_indices("<tr ")
        .filter_map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>')?];
            if !tag.contains("fm-row") {
                return None;
            }
            let id = tag.split("id=\"").nth(1)?.split('"').next()?;
            Some(id.to_owned())
        })
        .collect()
}

/// The status line's text.
fn status(html: &str) -> String {
    let at = html.find("class=\"fm-count-text\">").expect("a status line");
    let rest = &html[at + "class=\"fm-count-text\">".len()..];
    rest[..rest.find('<').unwrap()].to_owned()
}

/// Labels of the pressed toggle buttons (the first text inside each).
fn pressed(html: &str) -> Vec<String> {
    html.match_indices("aria-pressed=\"true\"")
        .filter_map(|(at, _)| {
            let inner = &html[at..];
            let inner = &inner[inner.find('>')? + 1..inner.find("</button>")?];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => {
                        in_tag = true;
                        if !text.trim().is_empty() {
                            break;
                        }
                    }
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            Some(text.trim().to_owned())
        })
        .collect()
}

fn sorted_column(html: &str) -> Option<(String, String)> {
    let at = html.find("aria-sort=\"")?;
    let dir = html[at + 11..].split('"').next()?.to_owned();
    let button = &html[at..];
    let text = &button[button.find("class=\"fm-sort\"")?..];
    let label = &text[text.find('>')? + 1..];
    Some((label[..label.find('<')?].trim().to_owned(), dir))
}

#[tokio::test(flavor = "current_thread")]
async fn the_default_table() {
    let html = render("", "").await;
    assert_eq!(status(&html), "43 of 43 features");
    let rows = row_ids(&html);
    assert_eq!(rows.len(), 43);
    assert_eq!(rows[0], "fm-traffic-management-protocols-http1-1-http2-grpc-tcp");
    assert_eq!(pressed(&html), ["Table"]);
    assert_eq!(sorted_column(&html), Some(("Category".into(), "ascending".into())));
    // Instance ids (the widget's own, in `fm--…` where no feature id can be): one search box
    // with its label and hint, the legend, the release picker.
    for id in [
        "id=\"fm\"",
        "id=\"fm--search\"",
        "for=\"fm--search\"",
        "id=\"fm--search-hint\"",
        "id=\"fm--legend\"",
        "id=\"fm--release\"",
    ] {
        assert_eq!(html.matches(id).count(), 1, "{id}");
    }
    assert!(html.contains("maxlength=\"200\""), "the search box keeps what the URL can hold");
    assert!(!html.contains("fm--static"), "a widget that does not hydrate renders its live form");
}

#[tokio::test(flavor = "current_thread")]
async fn an_empty_result() {
    let html = render("?fm.q=zzzz-nothing&fm.phase=stable", "").await;
    assert_eq!(status(&html), "0 of 43 features");
    assert!(row_ids(&html).is_empty());
    assert!(html.contains("No features match <strong>“zzzz-nothing” in phase Stable</strong>."), "{html}");
    assert_eq!(pressed(&html), ["Stable", "Table"]);
}

#[tokio::test(flavor = "current_thread")]
async fn a_filtered_page_view() {
    let html = render("?fm.q=tls&fm.cat=security-and-policy-enforcement&fm.sort=feature-desc", "").await;
    let rows = row_ids(&html);
    assert_eq!(status(&html), format!("{} of 43 features", rows.len()));
    assert!(!rows.is_empty() && rows.iter().all(|r| r.starts_with("fm-security-and-policy-enforcement-")), "{rows:?}");
    assert_eq!(pressed(&html), ["Security and policy enforcement", "Table"]);
    assert_eq!(sorted_column(&html), Some(("Feature".into(), "descending".into())));
    assert!(html.contains("value=\"tls\""));
}

#[tokio::test(flavor = "current_thread")]
async fn a_release_with_a_category_and_a_deep_link() {
    let html = render("?fm.phase=beta&fm.cat=ambient-mode&fm.sort=feature&fm.release=1.24", "").await;
    assert_eq!(status(&html), "4 of 64 features");
    assert_eq!(pressed(&html), ["Beta", "Ambient mode", "Table"]);
    assert!(html.contains("<option value=\"1.24\" selected"), "the picker shows the release");
    assert!(html.contains(">Since<"), "a release has a Since column");
    // A deep link into the release is found in the release's catalog.
    let html = render("?fm.release=1.24", &url_state::feature_fragment("fm", "ambient-dual-stack")).await;
    let at = html.find("id=\"fm-ambient-dual-stack\"").expect("the 1.24 row");
    let tag = &html[html[..at].rfind('<').unwrap()..at + html[at..].find('>').unwrap()];
    assert!(tag.contains("fm-row--revealed") && tag.contains("tabindex=\"-1\""), "{tag}");
    assert!(html.contains("Showing “"), "the status names the revealed feature");
}

#[tokio::test(flavor = "current_thread")]
async fn the_matrix_view() {
    let html = render("?fm.view=matrix&fm.phase=alpha", "").await;
    assert!(row_ids(&html).is_empty(), "no table rows in the matrix view");
    assert!(html.contains("id=\"fm--matrix-caption\""));
    assert!(html.contains("features by category (rows) and phase (columns)"));
    assert_eq!(pressed(&html), ["Alpha", "Matrix"]);
    // The footer: features per phase column (Alpha, Beta, Stable), only Alpha's shown.
    let foot = &html[html.find("<tfoot>").expect("a footer")..];
    let totals: Vec<&str> =
        foot.split("<td class=\"fm-grid-count\">").skip(1).map(|c| &c[..c.find('<').unwrap()]).collect();
    assert_eq!(totals, ["10", "0", "0"], "the page's ten Alpha features");
    // One row per category with an Alpha feature, its Alpha cell listing exactly those.
    let catalog = feature_matrix_view::default_catalog();
    for cat in catalog.0.categories.iter() {
        let alpha: Vec<&str> = catalog
            .0
            .features
            .iter()
            .filter(|f| catalog.0.category(f).id == cat.id && f.phase == feature_matrix_core::Phase::Alpha)
            .map(|f| f.name.as_ref())
            .collect();
        let row =
            html.find(&format!("<tr key=\"{}\"", cat.id)).map(|at| &html[at..at + html[at..].find("</tr>").unwrap()]);
        let row = row.or_else(|| {
            // Yew writes no key attribute: find the row by its heading.
            let at = html.find(&format!("<span class=\"fm-name\">{}</span>", cat.name))?;
            let start = html[..at].rfind("<tr")?;
            Some(&html[start..at + html[at..].find("</tr>").unwrap()])
        });
        match row {
            None => assert!(alpha.is_empty(), "{} has Alpha features but no row", cat.name),
            Some(row) => {
                let cell = &row[row.find("<td").unwrap()..];
                let cell = &cell[..cell.find("</td>").unwrap()];
                assert!(cell.contains(&format!("fm-grid-count\">{}<", alpha.len())), "{}: {cell}", cat.name);
                for name in &alpha {
                    assert!(cell.contains(name), "{} lists {name}", cat.name);
                }
            }
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn the_changes_view() {
    let html = render("?fm.release=1.24&fm.view=changes&fm.from=1.22&fm.q=sidecar", "").await;
    assert!(html.contains("aria-label=\"Changes from Istio 1.22 to Istio 1.24\""), "{html}");
    assert!(html.contains("<option value=\"1.22\" selected"));
    assert!(html.contains("<mark class=\"fm-mark\">Sidecar</mark> API"), "{html}");
    assert!(html.contains("aria-label=\"Promoted (1)\""), "only the matching change is listed");
    assert_eq!(pressed(&html), ["Changes"]);
    // The oldest release has nothing before it: said plainly, never compared with itself.
    let html = render("?fm.release=1.10&fm.view=changes", "").await;
    assert!(html.contains("Istio 1.10 is the oldest release here"), "{html}");
    assert!(!html.contains("From Istio 1.10 to Istio 1.10"));
}

/// Istio's feature data given at run time, rendered the way the widget mounts it (no
/// release picker, the four-phase legend of its era); `None` where the widget shows the
/// error box instead (the decision is the one the mount makes, `istio::catalog_to_show`).
async fn render_istio(json: &str) -> Option<String> {
    use feature_matrix_core::istio;
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let release = istio::read("data", &value, &[], 100);
    let legend = feature_matrix_view::embedded::RELEASES.legend.clone();
    let catalog = istio::catalog_to_show(&release, "Istio features", "https://istio.io/latest", legend)?;
    let problems = feature_matrix_view::Problems::findings(&release, &feature_matrix_core::i18n::Messages::english());
    let start = feature_matrix_core::start(&feature_matrix_core::StartFrom {
        custom_catalog: true,
        ..feature_matrix_core::StartFrom::default()
    });
    yew::ServerRenderer::<FeatureMatrix>::with_props(move || feature_matrix_view::MatrixProps {
        catalog: feature_matrix_view::CatalogHandle(std::rc::Rc::new(catalog)),
        warnings: std::rc::Rc::new(problems),
        with_releases: false,
        report: None,
        ..default_props(start)
    })
    .hydratable(false)
    .render()
    .await
    .into()
}

#[tokio::test]
async fn istio_data_renders_every_entry_with_its_deprecation_and_problems() {
    let html = render_istio(
        r#"{"features": [
            {"area": "Zero trust", "id": "zero.a", "level": {"checklist": "", "maturity": "Alpha"}, "name": "Zero A"},
            {"area": "Core", "id": "core.old", "level": {"checklist": "", "maturity": "Beta"}, "name": "Old <b>API</b>",
             "link": "/docs/old/", "deprecation": {"state": "deprecated", "details": {"next": "1.30", "replacement": "New API"}}},
            {"area": "Traffic Management", "id": "traffic.x", "level": {"checklist": "", "maturity": "Stable"}, "name": "X"},
            {"area": "Traffic Management", "id": "traffic.x", "level": {"checklist": "", "maturity": "Beta"}, "name": "X again"}
        ]}"#,
    )
    .await
    .expect("a table");
    assert_eq!(
        row_ids(&html),
        ["fm-traffic-x", "fm-traffic-x-2", "fm-core-old", "fm-zero-a"],
        "istio.io's area order, new areas last"
    );
    assert_eq!(status(&html), "4 of 4 features");
    assert!(!html.contains("fm--release"), "no release picker for a site's own data");
    assert!(html.contains("Old &lt;b&gt;API&lt;/b&gt;"), "names are text, never markup");
    assert!(html.contains("href=\"https://istio.io/latest/docs/old/\""));
    assert!(html.contains("Removal planned for 1.30. Replaced by New API. Was Beta."));
    assert!(html.contains("fm-badge--deprecated"));
    assert!(html.contains("2 data problems in this catalog"), "the unknown area and the repeated id");
    assert!(html.contains("id=\"fm--def-experimental\""), "the four-phase legend of features.yaml's era");
}

#[tokio::test]
async fn istio_data_without_entries_is_an_empty_table_not_an_error() {
    let html = render_istio(r#"{"features": []}"#).await.expect("a table");
    assert_eq!(status(&html), "0 of 0 features");
    assert!(row_ids(&html).is_empty());
    assert!(!html.contains("data problem"));
    // Entries none of which can be shown, or no list at all: the error box.
    let unshowable = r#"{"features": [{"area": "Core", "id": "core.a", "name": "A", "level": {"maturity": "Gamma"}}]}"#;
    assert_eq!(render_istio(unshowable).await, None);
    assert_eq!(render_istio(r#"{"features": 7}"#).await, None);
}

/// Provenance: each release view's "data as of" line and each row's source link come from
/// the project's own `data/istio-releases/` files (SOURCES.tsv, the YAML's lines).
#[test]
fn provenance_of_releases_and_rows_matches_the_release_files() {
    use feature_matrix_core::Shown;
    use feature_matrix_view::embedded::RELEASES;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/istio-releases");
    let sources = std::fs::read_to_string(format!("{dir}/SOURCES.tsv")).unwrap();
    for label in ["1.10", "1.24", "master"] {
        let row: Vec<&str> =
            sources.lines().find(|l| l.starts_with(&format!("features-{label}.yaml\t"))).unwrap().split('\t').collect();
        let (commit, date) = (row[2], row[3]);
        let shown = Shown::of_release(&RELEASES, RELEASES.find(label).unwrap());
        let (url, short, shown_date) = shown.data_as_of().unwrap();
        assert_eq!(short, &commit[..7], "{label}");
        assert_eq!(shown_date, date, "{label}");
        assert!(commit.starts_with(url.split("/blob/").nth(1).unwrap().split('/').next().unwrap()), "{url}");
        assert!(
            url.starts_with("https://github.com/istio/enhancements/blob/") && url.ends_with("/features.yaml"),
            "{url}"
        );
    }
    // Five entries: the line of their `- name:` in the file of that release.
    let line_of = |label: &str, needle: &str, nth: usize| -> u32 {
        let text = std::fs::read_to_string(format!("{dir}/features-{label}.yaml")).unwrap();
        let at = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with("  - name:") && l.contains(needle))
            .nth(nth)
            .unwrap()
            .0;
        u32::try_from(at + 1).unwrap()
    };
    let cases = [
        ("master", "\"Sidecar API\"", 0, "Sidecar API", "traffic.sidecar"),
        ("master", "\"JWT Claim Based Routing\"", 0, "JWT Claim Based Routing", "security.jwt_authentication#2"),
        (
            "master",
            "\"Copy JWT Claims to HTTP Headers\"",
            0,
            "Copy JWT Claims to HTTP Headers",
            "security.jwt_authentication#3",
        ),
        ("1.10", "DNS Proxying", 0, "DNS Proxying", "traffic.dns_proxying"),
        ("1.24", "\"Waypoints: `VirtualService`\"", 0, "Waypoints: `VirtualService`", "ambient.destinationrule#2"),
    ];
    for (label, needle, nth, name, upstream) in cases {
        let r = RELEASES.find(label).unwrap();
        let shown = Shown::of_release(&RELEASES, r);
        let i =
            shown.catalog().features.iter().position(|f| f.name == name).unwrap_or_else(|| panic!("{label} {name}"));
        let link = shown.source_link(i).unwrap();
        assert!(link.ends_with(&format!("/features.yaml#L{}", line_of(label, needle, nth))), "{label} {name}: {link}");
        assert_eq!(shown.upstream_id(i), Some(upstream), "{label} {name}");
    }
    assert_eq!(Shown::page(std::rc::Rc::new(feature_matrix_view::embedded::CATALOG.clone())).data_as_of(), None);
}
