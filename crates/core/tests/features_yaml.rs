//! The upstream features.yaml reader and the `features-check` validator, on Istio's real
//! release files (data/istio-releases) and on broken fixtures.

use std::process::Command;

use feature_matrix_core::source::features_yaml::{read, Maturity, Release, Severity};

fn release(name: &str) -> (String, Release) {
    let path = format!("{}/../../data/istio-releases/features-{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let r = read(&format!("features-{name}.yaml"), &text);
    (text, r)
}

const RELEASES: [&str; 20] = [
    "1.10", "1.11", "1.12", "1.13", "1.14", "1.15", "1.16", "1.17", "1.18", "1.19", "1.20", "1.21", "1.22", "1.23",
    "1.24", "1.25", "1.26", "1.27", "1.28", "master",
];

#[test]
fn every_release_reads_with_every_entry_kept_and_keys_unique() {
    for name in RELEASES {
        let (text, r) = release(name);
        let items = text.lines().filter(|l| l.starts_with("  - ")).count();
        assert_eq!(r.entries.len(), items, "{name}: one entry per list item, none dropped or merged");
        assert!(r.entries.iter().all(|e| e.line.is_some()), "{name}: every entry has its line");
        let mut keys: Vec<&str> = r.entries.iter().map(|e| e.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), r.entries.len(), "{name}: row keys are unique");
    }
    assert_eq!(release("1.10").1.entries.len(), 44);
    for name in ["1.24", "1.25", "1.26", "1.27", "1.28"] {
        assert_eq!(release(name).1.entries.len(), 64, "{name}");
    }
}

/// Maturity counts straight from the text (each entry has one `maturity:` line), to check
/// the parsed entries against.
fn counted_in_text(text: &str, m: Maturity) -> usize {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("maturity:"))
        .filter(|v| v.trim().split(|c: char| !c.is_alphanumeric()).next() == Some(m.label()))
        .count()
}

#[test]
fn per_phase_counts_match_the_yaml() {
    for name in ["1.10", "1.16", "1.22", "1.28"] {
        let (text, r) = release(name);
        for m in Maturity::ALL {
            assert_eq!(r.count(m), counted_in_text(&text, m), "{name} {}", m.label());
        }
    }
    let r = release("1.10").1;
    assert_eq!(
        [Maturity::Experimental, Maturity::Alpha, Maturity::Beta, Maturity::Stable].map(|m| r.count(m)),
        [0, 12, 15, 17]
    );
    let r = release("1.28").1;
    assert!(r.count(Maturity::Experimental) > 0);
}

#[test]
fn repeated_ids_are_kept_apart_and_reported() {
    let (_, r) = release("1.28");
    let jwt: Vec<(&str, &str)> = r
        .entries
        .iter()
        .filter(|e| e.id.as_deref() == Some("security.jwt_authentication"))
        .map(|e| (e.key.as_str(), e.name.as_str()))
        .collect();
    assert_eq!(
        jwt,
        [
            ("security.jwt_authentication", "End User (JWT) Authentication"),
            ("security.jwt_authentication#2", "JWT Claim Based Routing"),
            ("security.jwt_authentication#3", "Copy JWT Claims to HTTP Headers"),
        ]
    );
    let dupes: Vec<String> = r
        .findings
        .iter()
        .filter(|f| f.problem.to_string().starts_with("duplicate id \"security.jwt"))
        .map(ToString::to_string)
        .collect();
    assert_eq!(dupes.len(), 2);
    assert!(
        dupes[0].starts_with("features-1.28.yaml:267: error: security.jwt_authentication: duplicate id"),
        "{}",
        dupes[0]
    );
    assert!(dupes[0].contains("first used on line 219; kept as security.jwt_authentication#2"), "{}", dupes[0]);
}

#[test]
fn a_link_under_level_is_used_and_reported() {
    let (_, r) = release("1.24");
    let e = r.entries.iter().find(|e| e.id.as_deref() == Some("core.dual_stack")).unwrap();
    assert_eq!(e.link.as_deref(), Some("https://istio.io/latest/docs/setup/additional-setup/dual-stack/"));
    assert!(r.findings.iter().any(|f| f.entry.to_string() == "core.dual_stack"
        && f.severity == Severity::Warning
        && f.problem.to_string().contains("`link` is under `level`")));
}

#[test]
fn maturity_notes_are_kept() {
    let (_, r) = release("1.11");
    let ipv6 = r.entries.iter().find(|e| e.name.starts_with("IPv6")).unwrap();
    assert_eq!(ipv6.maturity, Some(Maturity::Alpha));
    assert_eq!(ipv6.note.as_deref(), Some("Dual-stack IPv4 and IPv6 is not supported."));
}

/// The same data as JSON, the way a docs site hands it to the widget (Hugo's `jsonify`:
/// keys sorted), read by the same rules: the same entries and the same findings, without
/// lines (JSON has none).
#[test]
fn every_release_as_json_reads_like_the_yaml() {
    use feature_matrix_core::istio;
    for name in RELEASES {
        let (text, yaml) = release(name);
        let tree: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let json: serde_json::Value = serde_json::from_str(&serde_json::to_string(&tree).unwrap()).unwrap();
        let from_json = istio::read(&format!("features-{name}.yaml"), &json, &[], usize::MAX);
        let no_lines = |r: &Release| {
            let mut r = r.clone();
            r.entries.iter_mut().for_each(|e| e.line = None);
            r.findings.iter_mut().for_each(|f| {
                f.line = None;
                if let istio::Problem::DuplicateId { first, .. } = &mut f.problem {
                    *first = None;
                }
            });
            r
        };
        assert_eq!(no_lines(&from_json), no_lines(&yaml), "{name}");
    }
}

/// Istio's data given at run time shows what the build-time release view of the same file
/// shows: the same features in the same categories, phases, links and notes.
#[test]
fn master_at_run_time_shows_what_the_built_in_master_release_shows() {
    use feature_matrix_core::istio;
    use feature_matrix_core::model::Legend;
    use feature_matrix_core::source::history::build;
    let legend = || Legend { phases: Default::default(), aspects: Default::default() };
    let (_, master) = release("master");
    let set = build(&[("master".to_owned(), master.clone())], legend(), "https://istio.io/latest", "test");
    let (built, _) = set.catalog(0);
    let run_time = istio::catalog(&master, "Istio features", "https://istio.io/latest", legend());
    let rows = |c: &feature_matrix_core::Catalog| {
        c.features
            .iter()
            .map(|f| (c.category(f).name.to_string(), f.name.to_string(), f.phase, f.link.clone(), f.note.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(rows(&run_time), rows(&built));
    assert_eq!(run_time.features.len(), 64);
    let ids: Vec<&str> = run_time.features.iter().map(|f| f.id.as_ref()).collect();
    assert!(ids.contains(&"security-jwt-authentication-2") && ids.contains(&"ambient-destinationrule-2"), "{ids:?}");
}

fn check(files: &[&str]) -> (i32, String) {
    run(&[&["check"], files].concat())
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_features-check")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Output lines with the fixtures' folder left out.
fn short(out: &str) -> Vec<String> {
    let dir = fixture("");
    out.lines().map(|l| l.replace(&dir, "")).collect()
}

#[test]
fn the_validator_reports_errors_with_file_line_and_id_and_exits_1() {
    let (code, out) = check(&[&fixture("features-broken.yaml")]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        short(&out),
        [
            "features-broken.yaml:2: error: traffic.empty: `name` is empty",
            "features-broken.yaml:2: error: traffic.empty: schema: \"checklist\" is a required property (at /features/0/level)",
            "features-broken.yaml:7: error: traffic.gamma: `level.maturity` \"Gamma\" is not one of Experimental, Alpha, Beta, Stable",
            "features-broken.yaml:7: error: traffic.gamma: schema: \"Gamma\" is not one of \"Experimental\", \"Alpha\" or 2 other candidates (at /features/1/level/maturity)",
            "features-broken.yaml:7: error: traffic.gamma: schema: \"checklist\" is a required property (at /features/1/level)",
            "features-broken.yaml:12: warning: traffic.nested: `link` is under `level`; the schema puts it at the top level",
            "features-broken.yaml:12: error: traffic.nested: `link`: link \"javascript:alert(1)\" uses the scheme \"javascript\"; only https://, http:// and relative paths are allowed",
            "features-broken.yaml:12: error: traffic.nested: schema: \"checklist\" is a required property (at /features/2/level)",
            "features-broken.yaml:18: warning: traffic.spaces: `area` \"Ambient\" is not one of the schema's areas; shown as its own category",
            "features-broken.yaml:18: warning: traffic.spaces: `level.maturity` \"Beta \" has stray whitespace",
            "features-broken.yaml:18: error: traffic.spaces: schema: \"Ambient\" is not one of \"Traffic Management\", \"Observability\" or 4 other candidates (at /features/3/area)",
            "features-broken.yaml:18: error: traffic.spaces: schema: \"Beta \" is not one of \"Experimental\", \"Alpha\" or 2 other candidates (at /features/3/level/maturity)",
            "features-broken.yaml:18: error: traffic.spaces: schema: \"checklist\" is a required property (at /features/3/level)",
            "features-broken.yaml:23: error: traffic.gamma: duplicate id \"traffic.gamma\", first used on line 7; kept as traffic.gamma#2",
            "features-broken.yaml:23: error: traffic.gamma: schema: \"checklist\" is a required property (at /features/4/level)",
            "features-broken.yaml:23: warning: traffic.gamma: `id` \"traffic.gamma\" breaks the area.name convention: Core features are `core.<name>`",
            "features-broken.yaml: 5 entries",
            "12 error(s), 4 warning(s) in 1 file(s)",
        ]
    );
}

/// Every kind of problem the data's owners get: staleness, links, ids, deprecation, unknown
/// fields, types, schema; in each format.
#[test]
fn every_kind_of_problem_in_each_format() {
    let file = fixture("features-every-problem.yaml");
    let expected = [
        (10, "warning", "traffic.promised", "`level.nextExpectedPromotion` 1.14 is already out (newest release 1.28) and the feature is still Alpha"),
        (18, "warning", "core.blog", "`level.nextExpectedPromotion` \"soon\" is not a release (1.N) or never"),
        (18, "warning", "core.blog", "`link` \"https://example.com/blog/post\" is not a docs path (/docs/… or an istio.io docs URL)"),
        (26, "warning", "extensability.mtls", "`link` \"/blog/2024/mtls/\" is not a docs path (/docs/… or an istio.io docs URL)"),
        (26, "warning", "extensability.mtls", "`id` \"extensability.mtls\" breaks the area.name convention: Security and policy enforcement features are `security.<name>`"),
        (34, "warning", "core.going", "`deprecation.details.next` is missing"),
        (34, "error", "core.going", "schema: \"next\" is a required property (at /features/4/deprecation/details)"),
        (45, "warning", "core.typo", "unknown field `level.maturityNote`; ignored"),
        (53, "error", "core.number", "`name` is a number, not text"),
        (53, "error", "core.number", "`name` is empty"),
        (53, "error", "core.number", "schema: 42 is not of type \"string\" (at /features/6/name)"),
    ];
    // Human.
    let (code, out) = check(&[&file]);
    assert_eq!(code, 1, "{out}");
    let mut human: Vec<String> =
        expected.iter().map(|(l, k, e, m)| format!("features-every-problem.yaml:{l}: {k}: {e}: {m}")).collect();
    human.push("features-every-problem.yaml: 7 entries".to_owned());
    human.push("4 error(s), 7 warning(s) in 1 file(s)".to_owned());
    assert_eq!(short(&out), human);
    // GitHub workflow commands: file and line as properties, `:` and `,` escaped in them.
    let (code, out) = run(&["check", "--format", "github", &file]);
    assert_eq!(code, 1);
    let dir = fixture("");
    let github: Vec<String> = out.lines().map(str::to_owned).collect();
    for ((line, kind, entry, message), got) in expected.iter().zip(&github) {
        assert_eq!(
            got,
            &format!(
                "::{kind} file={dir}features-every-problem.yaml,line={line},title=features-check::{entry}: {message}"
            )
        );
    }
    assert_eq!(github.last().unwrap(), "features-check: 4 error(s), 7 warning(s) in 1 file(s)");
    assert_eq!(github.len(), expected.len() + 1);
    // JSON.
    let (code, out) = run(&["check", "--format", "json", &file]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["errors"].as_u64(), v["warnings"].as_u64(), v["ok"].as_bool()), (Some(4), Some(7), Some(false)));
    let findings = v["files"][0]["findings"].as_array().unwrap();
    assert_eq!(v["files"][0]["entries"], 7);
    let got: Vec<(u64, String, String, String)> = findings
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_owned();
            (f["line"].as_u64().unwrap(), s("severity"), s("entry"), s("message"))
        })
        .collect();
    let want: Vec<(u64, String, String, String)> =
        expected.iter().map(|(l, k, e, m)| (*l, (*k).to_owned(), (*e).to_owned(), (*m).to_owned())).collect();
    assert_eq!(got, want);
}

#[test]
fn github_annotations_escape_what_the_runner_would_misread() {
    let dir = std::env::temp_dir().join(format!("fc-escape-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("odd, name: here.yaml");
    std::fs::write(
        &file,
        "features:\n  - name: \"Pct\"\n    id: \"core.pct\"\n    level:\n      checklist: \"\"\n      maturity: \"Gamma 100%\"\n    area: Core\n",
    )
    .unwrap();
    let (_, out) = run(&["check", "--format", "github", file.to_str().unwrap()]);
    let first = out.lines().next().unwrap();
    assert!(first.starts_with("::error file="), "{first}");
    assert!(first.contains("odd%2C name%3A here.yaml,line=2,title=features-check::core.pct: "), "{first}");
    assert!(first.contains("\"Gamma 100%25\" is not one of"), "a `%` in a message is escaped: {first}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn exit_codes_0_clean_or_warnings_1_errors_or_denied_warnings_2_bad_usage() {
    let (code, out) = check(&[&fixture("features-warnings.yaml")]);
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("0 error(s), 1 warning(s) in 1 file(s)\n"), "{out}");
    let (code, _) = run(&["check", "--deny-warnings", &fixture("features-warnings.yaml")]);
    assert_eq!(code, 1, "warnings fail with --deny-warnings");
    let (code, out) = run(&["check", "--format", "json", "--deny-warnings", &fixture("features-warnings.yaml")]);
    assert_eq!(code, 1);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap()["ok"], false);
    // --released moves "already out": 1.14 is not out yet if 1.13 is the newest release.
    let (_, out) = run(&["check", "--released", "1.13", &fixture("features-every-problem.yaml")]);
    assert!(!out.contains("already out"), "{out}");
    // A schema of one's own.
    let dir = std::env::temp_dir().join(format!("fc-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = dir.join("strict.json");
    std::fs::write(&schema, r#"{"type": "object", "required": ["features", "owner"]}"#).unwrap();
    let (code, out) = run(&["check", "--schema", schema.to_str().unwrap(), &fixture("features-warnings.yaml")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("file: schema: \"owner\" is a required property (at /)"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
    // Bad usage and unreadable files.
    for args in [
        &["check"][..],
        &[],
        &["verify", "x.yaml"],
        &["check", "--format", "xml", "x.yaml"],
        &["check", "--released", "latest", "x.yaml"],
        &["check", "--frobnicate", "x.yaml"],
        &["check", "--format"],
        &["check", "/nonexistent.yaml"],
    ] {
        assert_eq!(run(args).0, 2, "{args:?}");
    }
    // Istio's own files have real defects today.
    let (code, out) = check(&[&format!("{}/../../data/istio-releases/features-1.28.yaml", env!("CARGO_MANIFEST_DIR"))]);
    assert_eq!(code, 1, "{out}");
}

mod history {
    use feature_matrix_core::model::Legend;
    use feature_matrix_core::model::Phase::{self, *};
    use feature_matrix_core::releases::ReleaseSet;
    use feature_matrix_core::source::history::build;

    use super::{release, RELEASES};

    fn all() -> ReleaseSet {
        let legend = Legend { phases: Default::default(), aspects: Default::default() };
        build(&RELEASES.map(|name| (name.to_owned(), release(name).1)), legend, "https://istio.io/latest", "test")
    }

    fn timeline(h: &ReleaseSet, key: &str) -> Vec<Option<Phase>> {
        h.timeline(h.row(key).unwrap_or_else(|| panic!("{key}")))
    }

    #[test]
    fn every_entry_of_every_release_has_exactly_one_row_and_becomes_a_catalog() {
        let h = all();
        for (ri, name) in RELEASES.iter().enumerate() {
            let entries = h.release(ri);
            assert_eq!(entries.len(), release(name).1.entries.len(), "{name}");
            let mut rows: Vec<u16> = entries.iter().map(|e| e.row).collect();
            rows.sort_unstable();
            rows.dedup();
            assert_eq!(rows.len(), entries.len(), "{name}: no two entries share a row");
            let (catalog, feature_rows) = h.catalog(ri);
            assert_eq!(catalog.features.len(), entries.len());
            assert_eq!(feature_rows.len(), entries.len());
            let mut ids: Vec<&str> = catalog.features.iter().map(|f| f.id.as_ref()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), entries.len(), "{name}: feature ids unique");
        }
        let (c, _) = h.catalog(h.find("1.28").unwrap());
        assert_eq!(c.features.len(), 64);
        assert!(c.categories.iter().any(|c| c.name == "Ambient mode"));
        assert!(!c.categories.iter().any(|c| c.name == "Ambient"), "areas are folded");
    }

    #[test]
    fn known_moves() {
        let h = all();
        let at = |label: &str| h.find(label).unwrap();
        // Sidecar API: Beta, Stable from 1.24. Ids start in 1.12; 1.10 and 1.11 are linked by name.
        let sidecar = timeline(&h, "traffic.sidecar");
        assert_eq!(sidecar[at("1.10")], Some(Beta));
        assert_eq!(sidecar[at("1.23")], Some(Beta));
        assert_eq!(sidecar[at("1.24")], Some(Stable));
        let row = h.row("traffic.sidecar").unwrap();
        assert_eq!(h.since(row, at("1.28")), Some(at("1.24")));
        assert_eq!(h.since(row, at("1.20")), Some(at("1.10")));
        // DNS Proxying: Alpha, Beta from 1.13.
        let dns = timeline(&h, "traffic.dns_proxying");
        assert_eq!(&dns[at("1.10")..=at("1.13")], [Some(Alpha), Some(Alpha), Some(Alpha), Some(Beta)]);
        assert_eq!(h.since(h.row("traffic.dns_proxying").unwrap(), at("master")), Some(at("1.13")));
        // Its ambient namesake is another feature, not merged into it.
        assert_ne!(h.row("ambient.dns_proxying"), h.row("traffic.dns_proxying"));
        // Istio CNI: Alpha, Beta from 1.11, Stable from 1.24.
        let cni = timeline(&h, "core.cni");
        assert_eq!(cni[at("1.10")], Some(Alpha));
        assert_eq!(cni[at("1.11")], Some(Beta));
        assert_eq!(cni[at("1.23")], Some(Beta));
        assert_eq!(cni[at("1.24")], Some(Stable));
        assert_eq!(h.name(h.row("core.cni").unwrap(), at("1.10")), "Istio CNI Plugin");
    }

    /// The changes view as an upgrade checklist: grouped, with docs links, in each format.
    #[test]
    fn upgrade_digest_between_two_releases() {
        use feature_matrix_core::export::{digest, render_digest, Format};
        use feature_matrix_core::Shown;
        let h: &'static ReleaseSet = Box::leak(Box::new(all()));
        let (r22, r28) = (h.find("1.22").unwrap(), h.find("1.28").unwrap());
        let to = Shown::of_release(h, r28);
        let ch = to.changes(r22, "").unwrap();
        let rows = digest(h, &ch, "https://istio.io/latest");
        let d = h.diff(r22, r28);
        let count = |g: &str| rows.iter().filter(|r| r.change == g).count();
        assert_eq!(count("Promoted"), d.promoted.len());
        assert_eq!(count("Demoted") + count("Deprecated"), d.demoted.len());
        assert_eq!((count("Added"), count("Removed")), (d.added.len(), d.removed.len()));
        let order: Vec<&str> = rows.iter().map(|r| r.change).collect();
        let mut sorted = order.clone();
        sorted.sort_by_key(|g| ["Promoted", "Demoted", "Deprecated", "Added", "Removed"].iter().position(|x| x == g));
        assert_eq!(order, sorted, "grouped in checklist order");
        let sidecar = rows.iter().find(|r| r.id == "traffic.sidecar").unwrap();
        assert_eq!((sidecar.change, sidecar.from, sidecar.to), ("Promoted", "Beta", "Stable"));
        assert!(sidecar.docs.starts_with("https://istio.io/latest/docs/"), "{}", sidecar.docs);
        let md = render_digest(Format::Markdown, "Upgrading from Istio 1.22 to Istio 1.28", &rows);
        assert!(md.starts_with("# Upgrading from Istio 1.22 to Istio 1.28\n\n## Promoted ("), "{md}");
        let line = md.lines().find(|l| l.contains("`traffic.sidecar`")).unwrap();
        assert_eq!(line, format!("- [ ] [Sidecar API]({}) (`traffic.sidecar`): Beta → Stable", sidecar.docs));
        assert_eq!(md.lines().filter(|l| l.starts_with("- [ ] ")).count(), rows.len());
        let csv = render_digest(Format::Csv, "", &rows);
        assert!(csv.starts_with("change,id,feature,from,to,docs\r\n"), "{csv}");
        assert_eq!(csv.lines().count(), rows.len() + 1);
        let json: serde_json::Value = serde_json::from_str(&render_digest(Format::Json, "", &rows)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), rows.len());
        assert!(json.as_array().unwrap().iter().any(|r| r["id"] == "traffic.sidecar" && r["to"] == "Stable"));
        // The search narrows the digest as it narrows the view.
        let dns = to.changes(r22, "dns").unwrap();
        assert!(digest(h, &dns, "https://istio.io/latest").iter().all(|r| r.feature.to_lowercase().contains("dns")));
        assert_eq!(render_digest(Format::Markdown, "T", &[]), "# T\n\nNothing changed.\n");
    }

    #[test]
    fn diff_between_two_releases() {
        let h = all();
        let (r23, r24) = (h.find("1.23").unwrap(), h.find("1.24").unwrap());
        let d = h.diff(r23, r24);
        let key = |row: u16| h.string(h.row_keys[usize::from(row)]).to_owned();
        let promoted: Vec<(String, Phase, Phase)> = d.promoted.iter().map(|&(r, a, b)| (key(r), a, b)).collect();
        assert!(promoted.contains(&("traffic.sidecar".to_owned(), Beta, Stable)), "{promoted:?}");
        assert!(promoted.contains(&("core.cni".to_owned(), Beta, Stable)), "{promoted:?}");
        // Everything listed in 1.24 is either new or was there in 1.23.
        let kept = h.release(r24).iter().filter(|e| h.release(r23).iter().any(|x| x.row == e.row)).count();
        assert_eq!(h.release(r24).len(), kept + d.added.len());
        assert_eq!(h.diff(r24, r24), Default::default());
        // 1.23 mistyped two ids (`:"traffic.gateway_injection"`); the rows still link up.
        let names = |rows: &[u16]| rows.iter().map(|&r| h.name(r, r24).to_owned()).collect::<Vec<_>>();
        assert!(!names(&d.added).contains(&"Gateway Injection".to_owned()), "{:?}", names(&d.added));
        assert!(!names(&d.removed).iter().any(|n| n == "Gateway Injection"), "{:?}", names(&d.removed));
        let injection = h.release(r24).iter().find(|e| h.string(e.name) == "Gateway Injection").unwrap().row;
        let t = h.timeline(injection);
        assert!(t[r23].is_some() && t[r24].is_some(), "{t:?}");
    }
}

/// `istio::catalog` builds its catalog without `validate`; this proves that `validate`
/// accepts every catalog it builds once feature names are told apart by id (Istio's entries
/// are identified by id, and upstream repeats names: "DNS Proxying" in Traffic Management
/// and in Ambient mode), and that it reads back the same categories, ids, names, phases,
/// links and notes.
mod istio_catalogs_validate {
    use feature_matrix_core::istio;
    use feature_matrix_core::model::{Catalog, Legend};
    use feature_matrix_core::validate::{validate_with, LinkPolicy, Problem, RawCatalog, RawCategory, RawFeature};
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn legend() -> Legend {
        Legend { phases: Default::default(), aspects: Default::default() }
    }

    /// Fails when `validate` refuses `c` or reads it differently.
    fn assert_validates(c: &Catalog) {
        let categories = c
            .categories
            .iter()
            .enumerate()
            .map(|(ci, cat)| RawCategory {
                line: None,
                name: cat.name.to_string(),
                features: c
                    .features
                    .iter()
                    .filter(|f| usize::from(f.category) == ci)
                    .map(|f| RawFeature {
                        id: Some(f.id.to_string()),
                        name: format!("{} ({})", f.name, f.id),
                        phase: f.phase.label().to_owned(),
                        link: f.link.as_deref().map(str::to_owned),
                        note: f.note.as_deref().map(str::to_owned),
                        ..RawFeature::default()
                    })
                    .collect(),
            })
            .collect();
        let raw = RawCatalog {
            file: "istio".into(),
            title: c.title.to_string(),
            docs_base: c.docs_base.to_string(),
            categories,
            ..RawCatalog::default()
        };
        let v = validate_with(raw, LinkPolicy::Reject).unwrap_or_else(|d| panic!("validate refuses it: {d:?}"));
        // Its only warnings: ids it numbered, as `istio` did (the ids are compared below).
        assert!(v.warnings.iter().all(|w| matches!(w.problem, Problem::IdTaken { .. })), "{:?}", v.warnings);
        let back = &v.catalog;
        let cats = |c: &Catalog| c.categories.iter().map(|k| k.id.to_string()).collect::<Vec<_>>();
        assert_eq!(cats(back), cats(c));
        let names: Vec<String> = c.categories.iter().map(|k| k.name.trim().to_lowercase()).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "no two categories share a name: {names:?}");
        let mut features = c.features.to_vec();
        // Validate lists features category by category; compare in that order.
        features.sort_by_key(|f| f.category);
        let rows = |fs: &[feature_matrix_core::Feature]| {
            fs.iter()
                .map(|f| (f.id.to_string(), f.category, f.phase, f.link.clone(), f.note.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(rows(&back.features), rows(&features));
        let names: Vec<String> = features.iter().map(|f| format!("{} ({})", f.name, f.id)).collect();
        assert_eq!(back.features.iter().map(|f| f.name.to_string()).collect::<Vec<_>>(), names);
    }

    fn catalog_of(value: &Value) -> Catalog {
        let r = istio::read("data", value, &[], usize::MAX);
        istio::catalog(&r, "Istio features", "https://istio.io/latest", legend())
    }

    #[test]
    fn every_release_file() {
        for name in super::RELEASES {
            let (_, r) = super::release(name);
            let c = istio::catalog(&r, "Istio features", "https://istio.io/latest", legend());
            assert!(!c.features.is_empty(), "{name}");
            assert_validates(&c);
        }
    }

    #[test]
    fn the_canary_shapes() {
        let level = |m: &str| json!({ "checklist": "", "maturity": m });
        let shapes = [
            // No area, a blank area, an area named like the fallback, an area of symbols.
            json!([{ "name": "A", "id": "core.a", "level": level("Beta") },
                   { "name": "B", "id": "core.b", "area": "  ", "level": level("Beta") },
                   { "name": "C", "id": "core.c", "area": "Other", "level": level("Alpha") },
                   { "name": "D", "id": "core.d", "area": "+++", "level": level("Stable") },
                   { "name": "E", "id": "core.e", "area": "Area", "level": level("Beta") },
                   { "name": "F", "id": "core.f", "area": " other ", "level": level("Beta") },
                   { "name": "G", "id": "core.g", "area": "traffic management", "level": level("Beta") }]),
            // Repeated ids and keys that slug alike; an id of symbols; no id.
            json!([{ "name": "Same", "id": "x.a", "area": "Core", "level": level("Beta") },
                   { "name": "Same", "id": "x.a", "area": "Core", "level": level("Beta") },
                   { "name": "Other", "id": "x-a", "area": "Core", "level": level("Beta") },
                   { "name": "Sym", "id": "+++", "area": "Core", "level": level("Beta") },
                   { "name": "None", "area": "Core", "level": level("Alpha") }]),
            // Markup, control characters, bad and nested links, deprecation notes, spaces.
            json!([{ "name": "<b>x</b>\u{7}\n", "id": "a.b", "area": "Traffic Management", "level": level("Stable"),
                     "link": "javascript:alert(1)" },
                   { "name": "  padded  ", "id": "a.c", "area": "Traffic Management", "level":
                     { "maturity": "Beta", "link": "/docs/x/" }, "link": " /docs/y/ " },
                   { "name": "Old", "id": "a.d", "area": "Core", "level": level("Alpha"),
                     "deprecation": { "state": "deprecated", "details": { "next": "1.30", "replacement": "New" } } }]),
        ];
        for list in shapes {
            let c = catalog_of(&json!({ "features": list }));
            assert!(!c.features.is_empty());
            assert_validates(&c);
        }
    }

    fn entry() -> impl Strategy<Value = Value> {
        let text = prop::sample::select(vec![
            "",
            " ",
            "Area",
            "Other",
            "A",
            "a",
            "A b",
            "DNS Proxying",
            "ü",
            "x.y",
            "x-y",
            "+",
            "<i>",
            "\u{200b}",
            "Ä",
            "a\tb",
            "1.2",
        ]);
        let maturity = prop::sample::select(vec!["Alpha", "Beta", "Stable", "Experimental", "Gamma", ""]);
        let link =
            prop::option::of(prop::sample::select(vec!["/docs/a/", "https://x.example/", "ftp://x", "", " /y/ "]));
        (text.clone(), text.clone(), text, maturity, link, any::<bool>()).prop_map(
            |(name, id, area, m, link, deprecated)| {
                let mut e =
                    json!({ "name": name, "id": id, "area": area, "level": { "checklist": "", "maturity": m } });
                if let Some(l) = link {
                    e["link"] = json!(l);
                }
                if deprecated {
                    e["deprecation"] = json!({ "state": "deprecated", "details": { "next": "1.40" } });
                }
                e
            },
        )
    }

    proptest! {
        #[test]
        fn random_data(list in prop::collection::vec(entry(), 1..12)) {
            let c = catalog_of(&json!({ "features": list }));
            prop_assume!(!c.features.is_empty());
            assert_validates(&c);
        }
    }
}
