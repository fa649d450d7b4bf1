//! The Markdown catalog reader on the real Feature Status page and on broken fixtures.

use feature_matrix_core::links::resolve;
use feature_matrix_core::model::{Catalog, Inline, Phase};
use feature_matrix_core::source::{codegen, load_markdown, SourceInfo};

fn info(file: &str) -> SourceInfo {
    SourceInfo { file: file.into(), docs_base: "https://istio.io/latest".into(), provenance: "test".into() }
}

fn load(rel: &str) -> Result<Catalog, Vec<String>> {
    let path = format!("{}/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    load_markdown(&info(rel), &text).map_err(|d| d.iter().map(ToString::to_string).collect())
}

fn page() -> Catalog {
    load("../../data/feature-status.md").expect("the real page validates")
}

#[test]
fn the_page_has_43_features_in_5_categories_in_page_order() {
    let c = page();
    assert_eq!(c.title, "Feature Status");
    assert_eq!(c.description, "List of features and their release stages.");
    assert_eq!(c.features.len(), 43);
    let cats: Vec<&str> = c.categories.iter().map(|c| c.name.as_ref()).collect();
    assert_eq!(
        cats,
        ["Traffic management", "Observability", "Extensibility", "Security and policy enforcement", "Core"]
    );
    let per_cat: Vec<usize> =
        (0..5).map(|ci| c.features.iter().filter(|f| usize::from(f.category) == ci).count()).collect();
    assert_eq!(per_cat, [13, 8, 1, 9, 12]);
    let all = feature_matrix_core::Shown::page(std::rc::Rc::new(c.clone())).compute(&Default::default());
    let grid = feature_matrix_core::query::Grid::of(&c, &all, &feature_matrix_core::Phase::ALL);
    assert_eq!(grid.totals, [0, 10, 15, 18, 0]);
    // Features appear in page order, categories contiguous.
    assert!(c.features.windows(2).all(|w| w[0].category <= w[1].category));
    assert_eq!(c.features[0].name, "Protocols: HTTP1.1 / HTTP2 / gRPC / TCP");
    assert_eq!(c.features[42].name, "Helm Based Installation");
}

#[test]
fn names_links_and_phases_are_exact() {
    let c = page();
    let f = |name: &str| c.features.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("{name}"));
    let dns = f("DNS Proxying");
    assert_eq!(dns.phase, Phase::Alpha);
    assert_eq!(dns.id, "traffic-management-dns-proxying");
    assert_eq!(
        resolve(&c.docs_base, dns.link.as_deref().unwrap()).as_deref(),
        Some("https://istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/")
    );
    assert_eq!(f("Enabling custom filters in Envoy").link, None);
    let ipv6 = f("IPv6 Support for Kubernetes");
    assert_eq!(ipv6.phase, Phase::Alpha);
    assert_eq!(ipv6.note.as_deref(), Some("Dual-stack IPv4 and IPv6 is not supported."));
    assert_eq!(c.features.iter().filter(|f| f.note.is_some()).count(), 1);
    // The one absolute link stays as it is.
    let abs: Vec<&str> =
        c.features.iter().filter_map(|f| f.link.as_deref()).filter(|l| l.starts_with("http")).collect();
    assert_eq!(abs, ["https://istio.io/v1.6/docs/reference/config/policy-and-telemetry/"]);
    assert_eq!(resolve(&c.docs_base, abs[0]).as_deref(), Some(abs[0]));
    // Every link resolves to an absolute istio.io URL.
    for l in c.features.iter().filter_map(|f| f.link.as_deref()) {
        assert!(resolve(&c.docs_base, l).unwrap().starts_with("https://istio.io/"), "{l}");
    }
    assert_eq!(c.features.iter().filter(|f| f.link.is_some()).count(), 31);
    // Whitespace from the source table is collapsed, names are trimmed.
    assert_eq!(f("Service-to-service mutual TLS").phase, Phase::Stable);
}

#[test]
fn the_legend_is_three_phases_by_five_aspects() {
    let c = page();
    assert_eq!(c.legend.phases.as_ref(), [Phase::Alpha, Phase::Beta, Phase::Stable]);
    let aspects: Vec<&str> = c.legend.aspects.iter().map(|a| a.name.as_ref()).collect();
    assert_eq!(aspects, ["Purpose", "API", "Performance", "Deprecation Policy", "Security"]);
    let stable = c.legend.definition(Phase::Stable).unwrap();
    assert_eq!(stable[0], ("Purpose", &[Inline::Text("Dependable, production hardened".into())][..]));
    let security_beta = &c.legend.aspects[4].cells[1];
    assert_eq!(
        security_beta.as_ref(),
        [
            Inline::Text("Security vulnerabilities will be handled according to our ".into()),
            Inline::Link {
                text: "security vulnerability policy".into(),
                href: "/about/security-vulnerabilities/".into()
            },
        ]
    );
    assert!(
        matches!(&c.legend.aspects[3].cells[2][0], Inline::Text(t) if t == "Dependable, Firm. 1 year notice will be provided before changes")
    );
}

#[test]
fn generated_rust_mentions_every_feature() {
    let c = page();
    let src = codegen::rust_source(&c, "data/feature-status.md");
    assert!(src.contains("pub static CATALOG"));
    assert!(src.contains("static FEATURES: [::feature_matrix_core::model::Feature; 43]"));
    for f in c.features.iter() {
        assert!(src.contains(&format!("{:?}", f.name.as_ref())), "{}", f.name);
    }
}

#[test]
fn unknown_phase_is_reported_with_file_line_entry_and_field() {
    let e = load("tests/fixtures/unknown-phase.md").unwrap_err();
    assert_eq!(
        e,
        ["tests/fixtures/unknown-phase.md:9: feature \"DNS Proxying\" (Traffic management, row 1): field `phase`: unknown phase \"Gamma\"; expected one of Experimental, Alpha, Beta, Stable, Deprecated"]
    );
}

#[test]
fn duplicate_name_points_to_both_lines() {
    let e = load("tests/fixtures/duplicate-name.md").unwrap_err();
    assert_eq!(
        e,
        ["tests/fixtures/duplicate-name.md:12: feature \"dns proxying\" (Core, row 2): field `name`: duplicate name \"dns proxying\", first used on line 5"]
    );
}

#[test]
fn empty_name_is_reported() {
    let e = load("tests/fixtures/empty-name.md").unwrap_err();
    assert_eq!(e, ["tests/fixtures/empty-name.md:6: feature #2 of \"Core\": field `name`: name is empty"]);
}

#[test]
fn bad_links_are_reported_one_per_entry() {
    let e = load("tests/fixtures/bad-link.md").unwrap_err();
    assert_eq!(e.len(), 3, "{e:#?}");
    assert!(e[0].starts_with("tests/fixtures/bad-link.md:5: feature \"Click me\" (Core, row 1): field `link`: link \"javascript:alert(1)\" uses the scheme \"javascript\""), "{}", e[0]);
    assert!(e[1].contains(":6: feature \"Data\"") && e[1].contains("scheme \"data\""), "{}", e[1]);
    assert!(e[2].contains(":7: feature \"Two links\"") && e[2].contains("more than one link (2)"), "{}", e[2]);
}

#[test]
fn unknown_tables_are_errors_not_silently_skipped() {
    let e = load("tests/fixtures/unknown-table.md").unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("tests/fixtures/unknown-table.md:3: table with header \"name | maturity\": field `header`"),
        "{}",
        e[0]
    );
}

#[test]
fn bad_front_matter_is_an_error() {
    let e = load("tests/fixtures/bad-front-matter.md").unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("tests/fixtures/bad-front-matter.md:2: front matter: field `yaml`: invalid YAML"),
        "{}",
        e[0]
    );
}

#[test]
fn markup_in_the_source_stays_text() {
    let c = load("tests/fixtures/hostile.md").unwrap();
    assert_eq!(c.title, "<script>alert(1)</script>");
    assert_eq!(c.categories[0].name, "<img src=x onerror=alert(1)>");
    assert_eq!(c.features[0].name, "<script>window.pwned=1</script> Scripted \"quotes\" & 'apostrophes'");
    assert_eq!(c.features[0].note.as_deref(), Some("<b>bold</b> note"));
    assert_eq!(c.features[1].name, "Back\\slash | pipe");
    // The generated Rust still compiles to the same strings: literals are escaped.
    let src = codegen::rust_source(&c, "hostile");
    assert!(src.contains(r#""<script>window.pwned=1</script> Scripted \"quotes\" & 'apostrophes'""#));
}

/// A generated page: one category with `rows` features plus the hostile rows given.
fn generated_page(rows: usize, extra: &[&str]) -> String {
    let mut page = String::from("---\ntitle: Big\n---\n\n### Generated\n\n| Feature | Phase\n|---|---\n");
    for i in 0..rows {
        page.push_str(&format!("| [Feature {i}](/docs/f{i}/) | {}\n", ["Alpha", "Beta", "Stable"][i % 3]));
    }
    for row in extra {
        page.push_str(row);
        page.push('\n');
    }
    page
}

#[test]
fn a_build_time_catalog_of_100_000_rows_with_hostile_text_loads_and_escapes() {
    let huge_name = "x".repeat(1_000_000);
    let hostile = [
        "| <script>window.pwned=1</script> | Beta".to_owned(),
        "| <img src=x onerror=\"window.pwned=2\"> quote \" ' | Alpha".to_owned(),
        "| RTL \u{202e}evil\u{202c} עברית e\u{301} 🙂 | Stable".to_owned(),
        format!("| {huge_name} | Alpha"),
    ];
    let rows: Vec<&str> = hostile.iter().map(String::as_str).collect();
    let page = generated_page(100_000, &rows);
    let c = load_markdown(&info("big.md"), &page).expect("loads");
    assert_eq!(c.features.len(), 100_004);
    assert_eq!(c.features[100_000].name, "<script>window.pwned=1</script>");
    assert_eq!(c.features[100_003].name.len(), 1_000_000);
    let src = codegen::rust_source(&c, "big.md");
    assert!(src.contains(r#""<img src=x onerror=\"window.pwned=2\"> quote \" '""#));
    assert!(src.contains(r#""RTL \u{202e}evil\u{202c} עברית e\u{301} 🙂""#));
}

#[test]
fn build_time_rejects_nul_bytes_duplicate_ids_unknown_phases_and_script_links_naming_entries() {
    let page = generated_page(
        3,
        &[
            "| Nul\u{0}byte | Beta",
            "| [Feature 1](/again/) | Beta",
            "| Warp drive | Omega",
            "| [Click](javascript:alert(1)) | Beta",
            "| [Data](data:text/html,x) | Beta",
            "| [VB](vbscript:msgbox) | Beta",
        ],
    );
    let e = load_markdown(&info("bad.md"), &page).unwrap_err();
    let e: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(e.len(), 6, "{e:#?}");
    // Names are quoted with escapes in messages, so the NUL shows as \0.
    assert!(
        e[0].starts_with(
            "bad.md:12: feature \"Nul\\0byte\" (Generated, row 4): field `name`: contains control characters"
        ),
        "{}",
        e[0]
    );
    assert!(e[1].starts_with("bad.md:13: feature \"Feature 1\" (Generated, row 5): field `name`: duplicate name \"Feature 1\", first used on line 10"), "{}", e[1]);
    assert!(
        e[2].starts_with(
            "bad.md:14: feature \"Warp drive\" (Generated, row 6): field `phase`: unknown phase \"Omega\""
        ),
        "{}",
        e[2]
    );
    for (i, scheme) in [(3, "javascript"), (4, "data"), (5, "vbscript")] {
        assert!(e[i].contains("field `link`: link") && e[i].contains(&format!("scheme \"{scheme}\"")), "{}", e[i]);
    }
}
