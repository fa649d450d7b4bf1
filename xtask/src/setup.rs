//! Idempotent set-up of the build and test prerequisites. Each step checks first, says
//! what it found, and only installs what is missing. Sources: rustup, crates.io, npm, apt
//! and PyPI (MkDocs Material, in a virtual environment under `target/`) only.

use std::path::Path;
use std::process::Command;

use crate::{run, step, Result};

/// Runs every set-up step; returns the toolchain the shipped wasm is built with.
pub fn all(root: &Path, browser: bool) -> Result<Toolchain> {
    wasm_target()?;
    let toolchain = nightly();
    wasm_bindgen_cli(root)?;
    npm_tools(root)?;
    if browser {
        lint_tools()?;
        test_packages()?;
        mkdocs(root)?;
    }
    Ok(toolchain)
}

/// The pinned nightly the shipped wasm is built with: it rebuilds the standard library for
/// size (`-Zbuild-std`, `optimize_for_size`, no panic locations), 17,835 gzip bytes less
/// than stable when it was introduced. Everything else (host crates, tests, the fault-injection build, the stable
/// variant the test command checks) uses stable.
pub const NIGHTLY: &str = "nightly-2026-10-30";

/// Which compiler builds the shipped wasm.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Toolchain {
    /// [`NIGHTLY`] with the standard library rebuilt for size (the default).
    Nightly,
    /// The stable toolchain: `FM_TOOLCHAIN=stable`, or when the nightly cannot be installed.
    Stable,
}

/// Installs [`NIGHTLY`] with `rust-src` and the wasm32 target (rustup), unless
/// `FM_TOOLCHAIN=stable` asks for stable. If rustup cannot install it, the build goes on
/// with stable and says so (the size budget, set for the nightly build, then fails in tests).
fn nightly() -> Toolchain {
    if std::env::var("FM_TOOLCHAIN").is_ok_and(|t| t == "stable") {
        step("set-up: FM_TOOLCHAIN=stable: the shipped wasm is built with stable Rust");
        return Toolchain::Stable;
    }
    step(&format!("set-up: Rust {NIGHTLY} with rust-src and the wasm32 target (builds the shipped wasm; FM_TOOLCHAIN=stable skips it)"));
    let ready = || {
        let components =
            output("rustup", &["component", "list", "--installed", "--toolchain", NIGHTLY]).unwrap_or_default();
        let targets = output("rustup", &["target", "list", "--installed", "--toolchain", NIGHTLY]).unwrap_or_default();
        components.lines().any(|l| l.trim() == "rust-src")
            && targets.lines().any(|l| l.trim() == "wasm32-unknown-unknown")
    };
    if ready() {
        println!("    already installed");
        return Toolchain::Nightly;
    }
    let args = [
        "toolchain",
        "install",
        NIGHTLY,
        "--profile",
        "minimal",
        "--component",
        "rust-src",
        "--target",
        "wasm32-unknown-unknown",
    ];
    match run(Path::new("."), "rustup", &args) {
        Ok(()) if ready() => Toolchain::Nightly,
        Ok(()) => {
            println!("    warning: {NIGHTLY} installed without rust-src or the wasm32 target; building with stable");
            Toolchain::Stable
        }
        Err(e) => {
            println!("    warning: cannot install {NIGHTLY} ({e}); building with stable (a larger wasm)");
            Toolchain::Stable
        }
    }
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// rustfmt and clippy, which the test command runs first (rustup's default profile has them;
/// a minimal one does not).
fn lint_tools() -> Result {
    step("set-up: rustfmt and clippy");
    let installed = output("rustup", &["component", "list", "--installed"]).unwrap_or_default();
    let has = |c: &str| installed.lines().any(|l| l.trim().starts_with(c));
    if has("rustfmt") && has("clippy") {
        println!("    already installed");
        Ok(())
    } else {
        run(Path::new("."), "rustup", &["component", "add", "rustfmt", "clippy"])
    }
}

fn wasm_target() -> Result {
    step("set-up: Rust target wasm32-unknown-unknown");
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        println!("    already installed");
        Ok(())
    } else {
        run(Path::new("."), "rustup", &["target", "add", "wasm32-unknown-unknown"])
    }
}

/// The wasm-bindgen version Cargo.lock pins; the CLI must match it exactly.
pub fn locked_wasm_bindgen_version(root: &Path) -> Result<String> {
    #[derive(serde::Deserialize)]
    struct Lock {
        package: Vec<Package>,
    }
    #[derive(serde::Deserialize)]
    struct Package {
        name: String,
        version: String,
    }
    let text = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let lock: Lock = toml::from_str(&text).map_err(|e| format!("cannot parse Cargo.lock: {e}"))?;
    lock.package
        .into_iter()
        .find(|p| p.name == "wasm-bindgen")
        .map(|p| p.version)
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_owned())
}

fn wasm_bindgen_cli(root: &Path) -> Result {
    let want = locked_wasm_bindgen_version(root)?;
    step(&format!("set-up: wasm-bindgen-cli {want} (matches Cargo.lock)"));
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        println!("    already installed: {}", have.trim());
        return Ok(());
    }
    if !have.is_empty() {
        println!("    found {}, replacing it", have.trim());
    }
    println!("    installing from crates.io (about 4-5 minutes on 2 cores)");
    // Not --locked: the CLI's own lock file pins a webpki-roots release some mirrors lack.
    run(root, "cargo", &["install", "--force", &format!("wasm-bindgen-cli@{want}")])
}

fn npm_tools(root: &Path) -> Result {
    step("set-up: npm tools (binaryen for wasm-opt, terser, playwright-core, axe-core, typescript) from package-lock.json");
    let manifest = std::fs::read_to_string(root.join("package.json")).map_err(|e| format!("package.json: {e}"))?;
    let wanted = ["axe-core", "binaryen", "playwright-core", "terser", "typescript"];
    let up_to_date = wanted.iter().all(|name| {
        let want =
            manifest.split(&format!("\"{name}\": \"")).nth(1).and_then(|rest| rest.split('"').next()).unwrap_or("?");
        std::fs::read_to_string(root.join("node_modules").join(name).join("package.json"))
            .is_ok_and(|p| p.contains(&format!("\"version\": \"{want}\"")))
    });
    if up_to_date {
        println!("    already installed in node_modules/");
        return Ok(());
    }
    run(root, "npm", &["ci", "--no-audit", "--no-fund"])
}

/// MkDocs Material, the docs tool `tests/e2e/mkdocs.test.mjs` builds a site with, from PyPI in
/// a virtual environment of its own (`target/mkdocs-venv`).
pub const MKDOCS_MATERIAL: &str = "9.8.2";

fn mkdocs(root: &Path) -> Result {
    step(&format!("set-up: MkDocs Material {MKDOCS_MATERIAL} (PyPI) in target/mkdocs-venv"));
    let venv = root.join("target/mkdocs-venv");
    let pip = venv.join("bin/pip");
    let installed = output(&pip.to_string_lossy(), &["show", "mkdocs-material"])
        .is_some_and(|o| o.lines().any(|l| l == format!("Version: {MKDOCS_MATERIAL}")));
    if installed {
        println!("    already installed");
        return Ok(());
    }
    // Debian's own python3 makes virtual environments only with its python3-venv package.
    if output("python3", &["-c", "import ensurepip, venv"]).is_none() {
        println!("    python3 cannot make a virtual environment: installing python3-venv (apt)");
        apt_install(&["python3-venv"])?;
    }
    run(root, "python3", &["-m", "venv", "target/mkdocs-venv"])?;
    let wanted = format!("mkdocs-material=={MKDOCS_MATERIAL}");
    run(root, &pip.to_string_lossy(), &["install", "--quiet", "--disable-pip-version-check", &wanted])
}

/// Debian packages the browser tests need: Chromium (and its driver) to drive, Hugo to
/// build the Hugo example site, a font with Chinese glyphs (the layout and screenshots of the
/// Chinese pages measure real text, not boxes).
fn test_packages() -> Result {
    step("set-up: apt packages for tests (chromium, chromium-driver, hugo, fonts-wqy-microhei)");
    let wanted = [
        ("/usr/bin/chromium", "chromium"),
        ("/usr/bin/chromedriver", "chromium-driver"),
        ("/usr/bin/hugo", "hugo"),
        ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "fonts-wqy-microhei"),
    ];
    let missing: Vec<&str> = wanted.iter().filter(|(bin, _)| !Path::new(bin).exists()).map(|(_, pkg)| *pkg).collect();
    if missing.is_empty() {
        println!("    already installed: {}", output("/usr/bin/chromium", &["--version"]).unwrap_or_default().trim());
        return Ok(());
    }
    println!("    missing: {}", missing.join(", "));
    apt_install(&missing)
}

/// `apt-get install` of `packages` (with `sudo` when not root), after an `apt-get update`.
fn apt_install(packages: &[&str]) -> Result {
    let root_user = output("id", &["-u"]).is_some_and(|u| u.trim() == "0");
    let (program, prefix): (&str, &[&str]) = if root_user { ("apt-get", &[]) } else { ("sudo", &["apt-get"]) };
    fn with<'a>(prefix: &[&'a str], args: &[&'a str]) -> Vec<&'a str> {
        [prefix, args].concat()
    }
    std::env::set_var("DEBIAN_FRONTEND", "noninteractive");
    run(Path::new("."), program, &with(prefix, &["update"]))?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(packages);
    run(Path::new("."), program, &with(prefix, &install))
}
