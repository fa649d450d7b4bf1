//! `cargo xtask`: set-up, build, serve and test for feature-matrix, in Rust so the only
//! prerequisite is cargo (plus node/npm and apt, which the set-up drives).
//!
//! - `cargo xtask serve [--port 8080]`: set up, build `dist/`, serve it on 127.0.0.1.
//! - `cargo xtask test`: set up (with Chromium), run host tests, build, run browser tests.
//! - `cargo xtask build`: set up and build `dist/` only.
//! - `cargo xtask setup [--browser]`: only the idempotent set-up steps.
//! - `cargo xtask fuzz [--cases N]`: the long property-test run (default 100,000 per property).
//! - `cargo xtask bench [--quick] [node bench/run.mjs options]`: the benchmark against the
//!   peer libraries (bench/); the full run writes bench/results.json and BENCHMARKS.md.
//! - `cargo xtask size`: where the shipped wasm's bytes come from, by origin (`docs/size.md`).

mod dist;
mod package;
mod serve;
mod setup;
mod size_map;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(&root, args.iter().any(|a| a == "--browser")).map(drop),
        Some("build") => setup::all(&root, false).and_then(|t| dist::build(&root, t).map(drop)),
        Some("serve") => {
            let port = flag_value(&args, "--port").unwrap_or_else(|| "8080".into());
            setup::all(&root, false)
                .and_then(|t| dist::build(&root, t).map(drop))
                .and_then(|()| serve::serve_forever(&root.join("dist"), &format!("127.0.0.1:{port}")))
        }
        Some("test") => test(&root),
        Some("fuzz") => fuzz(&root, flag_value(&args, "--cases").as_deref().unwrap_or("100000")),
        Some("size") => setup::all(&root, false).and_then(|t| size_map::map(&root, t)),
        Some("package") => {
            setup::all(&root, false).and_then(|t| dist::build(&root, t)).and_then(|_| package::package(&root).map(drop))
        }
        // The stable build runs beside the shipped one (contestant ours-stable).
        Some("bench") => setup::all(&root, true)
            .and_then(|t| dist::build(&root, t).and_then(|_| dist::stable_variant(&root, t)).map(drop))
            .and_then(|()| bench(&root, &args[1..])),
        _ => {
            eprintln!(
                "usage: cargo xtask <serve [--port N] | test | build | package | setup [--browser] | fuzz [--cases N] | bench [--quick] | size>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn flag_value(args: &[String], flag: &str) -> Option<String> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).cloned()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repo root").to_path_buf()
}

/// Prints a step header, the way every step announces itself.
fn step(what: &str) {
    println!("==> {what}");
}

/// Runs a command in `dir`, echoing it; fails with its exit status.
fn run(dir: &Path, program: &str, args: &[&str]) -> Result {
    println!("    $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The shipped wasm is built with the pinned nightly; a stable build must work as well. The
/// reader's and the embedding tests run against `target/dist-stable` (dist/ with the
/// stable wasm and glue).
fn stable_tests(root: &Path, stable_dist: &Path, artifacts: &Path) -> Result {
    step("browser tests against the stable build (reader and embedding tests)");
    let server = serve::Server::start(stable_dist, "127.0.0.1:0")?;
    let base = format!("http://{}/", server.addr());
    println!("    serving target/dist-stable at {base}");
    let artifacts = artifacts.join("stable");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("cannot create {}: {e}", artifacts.display()))?;
    let files = ["tests/e2e/reader.test.mjs", "tests/e2e/embed.test.mjs"];
    println!("    $ node --test --test-concurrency=1 {}", files.join(" "));
    let status = Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(files)
        .current_dir(root)
        .env("FM_BASE_URL", &base)
        .env("FM_ARTIFACTS", &artifacts)
        .status()
        .map_err(|e| format!("cannot start node: {e}"))?;
    drop(server);
    if status.success() {
        Ok(())
    } else {
        Err(format!("browser tests against the stable build failed ({status})"))
    }
}

/// The long property-test run: every property of `crates/core/tests/properties.rs` with
/// `cases` generated inputs each (the test command runs 256 each).
fn fuzz(root: &Path, cases: &str) -> Result {
    let n: u64 = cases.parse().map_err(|_| format!("--cases expects a number, not {cases:?}"))?;
    step(&format!("property tests, {n} cases per property"));
    println!(
        "    $ PROPTEST_CASES={n} cargo test --release -p feature-matrix-core --features source --test properties"
    );
    let started = std::time::Instant::now();
    let out = Command::new("cargo")
        .args(["test", "--release", "-p", "feature-matrix-core", "--features", "source", "--test", "properties"])
        .env("PROPTEST_CASES", n.to_string())
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err("a property failed (the minimal failing input is printed above)".into());
    }
    let properties = stdout.lines().filter(|l| l.starts_with("test ") && l.ends_with(" ok")).count() as u64;
    println!(
        "    {properties} properties x {n} cases = {} generated inputs, all passed, in {:.1} s",
        properties * n,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A catalog with a data error must fail the build with a message naming file, line,
/// entry and field. Checks the real build script on a broken fixture.
fn broken_catalog_fails_the_build(root: &Path) -> Result {
    step("build-time validation: a broken catalog fails the build");
    let fixture = "crates/core/tests/fixtures/unknown-phase.md";
    let expected = format!(
        "{fixture}:9: feature \"DNS Proxying\" (Traffic management, row 1): field `phase`: unknown phase \"Gamma\""
    );
    build_must_fail(
        root,
        "feature-matrix",
        ("FEATURE_MATRIX_CATALOG", fixture),
        "a catalog with an unknown phase",
        &[expected],
    )
}

/// A message file with a missing key or placeholders other than English's must fail the
/// build naming file, key and language. Checks the real build script on a broken copy of
/// `i18n/` (under `target/`).
fn broken_messages_fail_the_build(root: &Path) -> Result {
    step("build-time validation: a broken message file fails the build");
    let dir = "target/i18n-broken";
    let full = root.join(dir);
    let _ = std::fs::remove_dir_all(&full);
    std::fs::create_dir_all(&full).map_err(|e| format!("cannot create {dir}: {e}"))?;
    std::fs::copy(root.join("i18n/en.toml"), full.join("en.toml")).map_err(|e| e.to_string())?;
    let zh = std::fs::read_to_string(root.join("i18n/zh.toml")).map_err(|e| e.to_string())?;
    // The key `copy_link` left out, `{format}` misspelt in `export_visible`.
    let broken = zh
        .replace("[copy_link]\nother = \"复制链接\"\n", "")
        .replace("导出为 {format}\"\n[export_checklist]", "导出为 {fromat}\"\n[export_checklist]");
    if broken == zh || broken.matches("{fromat}").count() != 1 {
        return Err("the broken copy of i18n/zh.toml could not be made (the file changed?)".into());
    }
    std::fs::write(full.join("xx.toml"), broken).map_err(|e| e.to_string())?;
    let expected = [
        format!("{dir}/xx.toml: key `copy_link` is missing (language xx; English has it)"),
        format!("{dir}/xx.toml: key `export_visible`, form `other` (language xx): placeholders [{{fromat}}] do not match English [{{format}}]"),
    ];
    build_must_fail(
        root,
        "feature-matrix-core",
        ("FEATURE_MATRIX_I18N", dir),
        "a message file with a missing key",
        &expected,
    )
}

/// `cargo check` of `package` with `env` set must fail, its messages containing every
/// `expected` line; `what` names the broken input.
fn build_must_fail(root: &Path, package: &str, env: (&str, &str), what: &str, expected: &[String]) -> Result {
    println!("    $ {}={} cargo check --package {package} --lib", env.0, env.1);
    let out = Command::new("cargo")
        .args(["check", "--package", package, "--lib", "--message-format", "short"])
        .env(env.0, env.1)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        return Err(format!("the build accepted {what}"));
    }
    for e in expected {
        if !stderr.contains(e.as_str()) {
            return Err(format!("the build failed without naming the problem; expected {e:?} in:\n{stderr}"));
        }
        println!("    build failed as it must, with: {e}");
    }
    Ok(())
}

/// The benchmark (bench/run.mjs) against the built `dist/`. `--quick` is the smoke run the
/// test command includes: small catalogs, 2 runs, every contestant through the correctness
/// gate, results under target/bench/ (the committed results stay as they are).
fn bench(root: &Path, args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--quick");
    step(if quick { "benchmark, quick mode (node bench/run.mjs --quick)" } else { "benchmark (node bench/run.mjs)" });
    let mut all = vec!["bench/run.mjs"];
    all.extend(args.iter().map(String::as_str));
    run(root, "node", &all)
}

/// Runs every test: host unit tests, then the browser tests against a fresh `dist/`.
fn test(root: &Path) -> Result {
    let toolchain = setup::all(root, true)?;
    // The habits a reviewer expects, checked before anything is built.
    step("formatting and lints (cargo fmt --check, cargo clippy -D warnings)");
    run(root, "cargo", &["fmt", "--all", "--check"])?;
    run(root, "cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    step("host tests (cargo test --workspace --all-features)");
    run(root, "cargo", &["test", "--workspace", "--all-features"])?;
    broken_catalog_fails_the_build(root)?;
    broken_messages_fail_the_build(root)?;
    let sizes = dist::build(root, toolchain)?;
    step("size budget of the shipped files");
    dist::check_budget(&sizes, toolchain)?;
    package::package(root)?;
    let stable_dist = dist::stable_variant(root, toolchain)?;
    let fault_dist = dist::fault_injection_build(root)?;
    step("browser tests (node --test tests/e2e, headless Chromium)");
    let server = serve::Server::start(&root.join("dist"), "127.0.0.1:0")?;
    let base = format!("http://{}/", server.addr());
    println!("    serving dist/ at {base}");
    let artifacts = root.join("test-results");
    std::fs::create_dir_all(&artifacts).map_err(|e| format!("cannot create {}: {e}", artifacts.display()))?;
    println!("    $ node --test --test-concurrency=1 tests/e2e/");
    let status = Command::new("node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .current_dir(root)
        .env("FM_BASE_URL", &base)
        .env("FM_ARTIFACTS", &artifacts)
        .env("FM_FAULT_DIST", &fault_dist)
        .status()
        .map_err(|e| format!("cannot start node: {e}"))?;
    drop(server);
    if !status.success() {
        return Err(format!("browser tests failed ({status})"));
    }
    if let Some(stable_dist) = stable_dist {
        stable_tests(root, &stable_dist, &artifacts)?;
    }
    println!("    screenshots and other artifacts: {}", artifacts.display());
    bench(root, &["--quick".to_owned()])?;
    step("all tests passed");
    Ok(())
}
