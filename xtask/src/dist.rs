//! Builds the static `dist/` folder: release wasm → wasm-bindgen (ES module, names
//! removed) → wasm-opt -Oz (npm binaryen) → copies `index.html` and `www/` (except the
//! Hugo example's sources). All URLs in the output are relative, so the folder works from
//! any static host and sub-path. Also writes `feature-matrix.single.js`: the same widget
//! as one classic script with the wasm inlined, which works from `file://`.
//! Writes `.gz` and `.br` siblings of the shipped files for hosts that serve precompressed
//! files. Measures the shipped bytes (raw, gzip, brotli) and writes them to
//! `target/dist-sizes.json`.

use std::io::Write;
use std::path::Path;

use crate::setup::{Toolchain, NIGHTLY};
use crate::{run, step, Result};

/// The release wasm built by stable Rust.
const WASM_STABLE: &str = "target/wasm32-unknown-unknown/release/feature_matrix.wasm";
/// The release wasm built by the pinned nightly (its own target folder: other flags, other
/// standard library).
const WASM_NIGHTLY: &str = "target/nightly/wasm32-unknown-unknown/release/feature_matrix.wasm";

/// Builds the release wasm with `toolchain`; returns its path.
pub fn release_wasm(root: &Path, toolchain: Toolchain) -> Result<&'static str> {
    if toolchain == Toolchain::Stable {
        step("build: release wasm with stable Rust (cargo build --release --target wasm32-unknown-unknown)");
        run(root, "cargo", &["build", "--release", "--target", "wasm32-unknown-unknown", "--lib"])?;
        return Ok(WASM_STABLE);
    }
    // `-Zbuild-std` compiles the standard library with the release profile (size, LTO) instead of
    // linking the prebuilt one; `optimize_for_size` picks its smaller algorithms; without panic
    // locations no file names are stored. Panics still reach the panic hook (crash
    // containment) and `{:?}` still formats (messages quote names with it).
    step(&format!("build: release wasm with {NIGHTLY}, standard library rebuilt for size"));
    let args = [
        &format!("+{NIGHTLY}"),
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
        "--target-dir",
        "target/nightly",
        "-Zbuild-std=std,panic_abort",
        "-Zbuild-std-features=optimize_for_size",
    ];
    // No source locations in panics, and `{:?}` prints nothing: shipped messages quote with
    // `i18n::Quoted` (a core test keeps `{:?}` out of shipped code).
    const FLAGS: &str = "-Zlocation-detail=none -Zfmt-debug=none";
    println!("    $ RUSTFLAGS=\"{FLAGS}\" cargo {}", args.join(" "));
    let status = std::process::Command::new("cargo")
        .args(args)
        .current_dir(root)
        .env("RUSTFLAGS", FLAGS)
        // Set by the `cargo xtask` that runs this; they would pin the stable compiler.
        .env_remove("RUSTC")
        .env_remove("RUSTUP_TOOLCHAIN")
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !status.success() {
        return Err(format!("the nightly wasm build failed ({status}); FM_TOOLCHAIN=stable builds with stable"));
    }
    Ok(WASM_NIGHTLY)
}
/// Folders under `www/` that are sources, not site files.
const NOT_SHIPPED: [&str; 1] = ["hugo"];

pub struct Sizes {
    pub files: Vec<(String, usize, usize)>,
}

pub fn build(root: &Path, toolchain: Toolchain) -> Result<Sizes> {
    let wasm_in = release_wasm(root, toolchain)?;

    let dist = root.join("dist");
    step("build: dist/ (wasm-bindgen --target web, wasm-opt -Oz, static files)");
    if dist.exists() {
        std::fs::remove_dir_all(&dist).map_err(|e| format!("cannot clear dist/: {e}"))?;
    }
    std::fs::create_dir_all(dist.join("pkg")).map_err(|e| format!("cannot create dist/pkg: {e}"))?;
    package(root, "dist/pkg", wasm_in)?;

    prerender(root, &dist)?;
    copy_tree(&root.join("www"), &dist, &NOT_SHIPPED)?;
    badges(root, &dist)?;
    // The entry module (the glue was minified with the wasm) and the badge scripts.
    for js in ["dist/feature-matrix.js", "dist/feature-badges.js", "dist/feature-badges-data.js"] {
        minify_js(root, js)?;
    }
    single_file(root, &dist, wasm_in)?;
    precompress(&dist)?;

    let sizes = measure(
        &dist,
        &["pkg/feature_matrix_bg.wasm", "pkg/feature_matrix.js", "feature-matrix.js", "feature-matrix.css"],
    )?;
    let single = std::fs::read(dist.join("feature-matrix.single.js")).map_err(|e| e.to_string())?;
    println!("    single-file build feature-matrix.single.js: {} raw, {} gzip", single.len(), gzip_len(&single)?);
    report(root, &sizes)?;
    Ok(sizes)
}

/// Smallest file that gets precompressed siblings.
const PRECOMPRESS_MIN: usize = 1024;

/// Writes `name.gz` (gzip -9) and `name.br` (brotli, quality 11) beside every text or wasm file
/// of `dist/` of at least [`PRECOMPRESS_MIN`] bytes, for hosts that serve precompressed files
/// (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, most CDNs' origin rules).
/// Each sibling is decompressed again and compared with its file before the build goes on.
fn precompress(dist: &Path) -> Result {
    step("build: precompressed .gz and .br siblings of the shipped files");
    let mut files = Vec::new();
    list_files(dist, &mut files)?;
    let (mut n, mut raw, mut gz, mut br) = (0, 0, 0, 0);
    for path in files {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if !matches!(ext, "wasm" | "js" | "mjs" | "css" | "html" | "json" | "atom" | "svg" | "ts") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if bytes.len() < PRECOMPRESS_MIN {
            continue;
        }
        let (g, b) = (gzip(&bytes)?, brotli(&bytes)?);
        if gunzip(&g)? != bytes || unbrotli(&b)? != bytes {
            return Err(format!("{}: a compressed sibling does not decompress to the file", path.display()));
        }
        let sibling = |suffix: &str| {
            let mut name = path.clone().into_os_string();
            name.push(suffix);
            std::path::PathBuf::from(name)
        };
        std::fs::write(sibling(".gz"), &g).map_err(|e| e.to_string())?;
        std::fs::write(sibling(".br"), &b).map_err(|e| e.to_string())?;
        (n, raw, gz, br) = (n + 1, raw + bytes.len(), gz + g.len(), br + b.len());
    }
    println!("    {n} files: {raw} bytes, {gz} as .gz, {br} as .br");
    Ok(())
}

fn list_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) -> Result {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            list_files(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).map_err(|e| e.to_string())?;
    enc.finish().map_err(|e| e.to_string())
}

fn gunzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Brotli at its best quality with a 4 MiB window (22 bits, what browsers accept).
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out)
}

fn unbrotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// `wasm_in` made into the ES module package in `out_dir`: wasm-bindgen (`--target web`,
/// lean), wasm-opt `-Oz --converge`, the glue minified.
fn package(root: &Path, out_dir: &str, wasm_in: &str) -> Result {
    wasm_bindgen(root, "web", out_dir, wasm_in, true)?;
    let wasm = format!("{out_dir}/feature_matrix_bg.wasm");
    run(root, "node_modules/.bin/wasm-opt", &["-Oz", "--converge", &wasm, "-o", &wasm])?;
    minify_js(root, &format!("{out_dir}/feature_matrix.js"))
}

/// Minifies a JavaScript module in place (terser from npm): the sources keep their comments,
/// the wire does not carry them.
fn minify_js(root: &Path, js: &str) -> Result {
    run(root, "node_modules/.bin/terser", &[js, "--module", "--compress", "--mangle", "--toplevel", "-o", js])
}

/// When the shipped build is the nightly's: the same `dist/` with the wasm and its glue built
/// by stable Rust, in `target/dist-stable/` (the test command checks that a stable build still
/// works; the benchmark runs it beside the shipped one). Prints its sizes. `None` when the
/// shipped build is stable already.
pub fn stable_variant(root: &Path, shipped: Toolchain) -> Result<Option<std::path::PathBuf>> {
    if shipped == Toolchain::Stable {
        return Ok(None);
    }
    let wasm_in = release_wasm(root, Toolchain::Stable)?;
    step("build: target/dist-stable (dist/ with the stable wasm and glue)");
    let out = root.join("target/dist-stable");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    copy_tree(&root.join("dist"), &out, &["pkg"])?;
    package(root, "target/dist-stable/pkg", wasm_in)?;
    let sizes = measure(&out, &["pkg/feature_matrix_bg.wasm", "pkg/feature_matrix.js"])?;
    for (file, raw, gz) in &sizes.files {
        println!("    stable build {file}: {raw} raw, {gz} gzip");
    }
    Ok(Some(out))
}

/// A test-only build with the `fault-injection` feature (typing "crash now" panics), in
/// `target/fault-dist/` beside copies of the static files: the browser tests use it to
/// check what a crash leaves on the page. Debug profile: it only needs to behave the same.
pub fn fault_injection_build(root: &Path) -> Result<std::path::PathBuf> {
    step("build: fault-injection variant for the crash test (target/fault-dist)");
    run(root, "cargo", &["build", "--target", "wasm32-unknown-unknown", "--lib", "--features", "fault-injection"])?;
    let out = root.join("target/fault-dist");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("cannot clear {}: {e}", out.display()))?;
    }
    wasm_bindgen(
        root,
        "web",
        "target/fault-dist/pkg",
        "target/wasm32-unknown-unknown/debug/feature_matrix.wasm",
        false,
    )?;
    copy_tree(&root.join("www"), &out, &NOT_SHIPPED)?;
    // Its single-file build too (the crash test checks that a crash there leaves the address).
    wasm_bindgen(
        root,
        "no-modules",
        "target/fault-single",
        "target/wasm32-unknown-unknown/debug/feature_matrix.wasm",
        false,
    )?;
    write_single_file(root, "target/fault-single", &out.join("feature-matrix.single.js"))?;
    Ok(out)
}

/// Where the Hugo shortcode finds the legend it writes under a table rendered from a site's
/// data (generated, and kept in the repository so the example site can be copied as is).
pub const HUGO_LEGEND: &str = "www/hugo/layouts/partials/feature-matrix/istio-legend.html";

/// Writes [`HUGO_LEGEND`]: the widget's own legend markup for Istio's four phases.
fn hugo_legend(root: &Path) -> Result {
    println!("    $ cargo run --quiet --package feature-matrix-prerender -- hugo-legend > {HUGO_LEGEND}");
    let out = run_prerender(root, &["hugo-legend"], "rendering the Hugo legend")?;
    keep_generated(root, HUGO_LEGEND, &out.stdout)?;
    // The Hugo site in every interface language: its i18n files (the shortcode's strings and
    // category names) and the legend in each language (`istio-legend.<lang>.html`).
    let dir = root.join("target/hugo-i18n");
    println!("    $ cargo run --quiet --package feature-matrix-prerender -- hugo-i18n target/hugo-i18n  (www/hugo/i18n/*.toml)");
    run_prerender(root, &["hugo-i18n", &dir.to_string_lossy()], "writing the Hugo i18n files")?;
    let mut files: Vec<_> = std::fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let content = std::fs::read(&path).map_err(|e| e.to_string())?;
        keep_generated(root, &format!("www/hugo/i18n/{name}"), &content)?;
        let lang = name.trim_end_matches(".toml");
        if lang != "en" {
            let file = HUGO_LEGEND.replace(".html", &format!(".{lang}.html"));
            println!("    $ cargo run --quiet --package feature-matrix-prerender -- hugo-legend {lang} > {file}");
            let out = run_prerender(root, &["hugo-legend", lang], "rendering the Hugo legend")?;
            keep_generated(root, &file, &out.stdout)?;
        }
    }
    Ok(())
}

/// Writes a generated file that is kept in the repository, when its content changed.
fn keep_generated(root: &Path, file: &str, content: &[u8]) -> Result {
    let path = root.join(file);
    if std::fs::read(&path).ok().as_deref() != Some(content) {
        std::fs::create_dir_all(path.parent().expect("a folder")).map_err(|e| e.to_string())?;
        std::fs::write(&path, content).map_err(|e| format!("cannot write {file}: {e}"))?;
        println!("    {file} updated");
    }
    Ok(())
}

/// Runs `feature-matrix-prerender` with `args` (the mode and its arguments); its output, or an
/// error saying `what` failed with the program's messages.
fn run_prerender(root: &Path, args: &[&str], what: &str) -> Result<std::process::Output> {
    let out = std::process::Command::new("cargo")
        .args(["run", "--quiet", "--package", "feature-matrix-prerender", "--"])
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what} failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(out)
}

/// Where the Hugo shortcode `feature-status` finds each feature's "since" and history
/// (generated, kept in the repository like [`HUGO_LEGEND`]).
pub const HUGO_BADGES: &str = "www/hugo/data/feature_matrix_badges.json";

/// Feature badges (crates/prerender/src/badges.rs): writes `feature-badges-data.js`, renders
/// the badges of `dist/examples/*.html` into their HTML, and updates [`HUGO_BADGES`].
fn badges(root: &Path, dist: &Path) -> Result {
    step("build: feature badges (data module, badges in the examples, Hugo data)");
    println!("    $ cargo run --quiet --package feature-matrix-prerender -- badges dist > {HUGO_BADGES}");
    let out = run_prerender(root, &["badges", &dist.to_string_lossy()], "rendering the badges")?;
    // Unknown ids in the examples are shown as such (one is there on purpose): say so.
    print!("{}", String::from_utf8_lossy(&out.stderr));
    keep_generated(root, HUGO_BADGES, &out.stdout)
}

/// Renders the default widget with Yew SSR and puts the HTML into the demo page's
/// placeholder (between `<!--fm:prerender-->` markers) and into `fallback.html`, a snippet a
/// docs page can paste: readers without JavaScript get the full table and legend, and the
/// script hydrates it in place.
fn prerender(root: &Path, dist: &Path) -> Result {
    step("build: prerendered HTML (Yew SSR, crates/prerender)");
    println!("    $ cargo run --quiet --package feature-matrix-prerender");
    let out = run_prerender(root, &[], "prerendering")?;
    let html = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    std::fs::write(dist.join("index.html"), fill_placeholder(root, "index.html", &html)?).map_err(|e| e.to_string())?;
    std::fs::write(dist.join("fallback.html"), format!("<div data-feature-matrix>{html}</div>\n"))
        .map_err(|e| e.to_string())?;
    hugo_legend(root)?;
    // The change feed of Istio's releases beside the demo page (see crates/prerender).
    println!(
        "    $ cargo run --quiet --package feature-matrix-prerender -- changes dist  (changes.atom, changes.json)"
    );
    run_prerender(root, &["changes", &dist.to_string_lossy()], "writing the change feed")?;
    println!("    {} bytes of prerendered HTML", html.len());
    languages(root, dist)
}

/// The demo page `template` with the prerendered widget `html` in its placeholder (between
/// `<!--fm:prerender-->` markers).
fn fill_placeholder(root: &Path, template: &str, html: &str) -> Result<String> {
    let page = std::fs::read_to_string(root.join(template)).map_err(|e| format!("{template}: {e}"))?;
    let (start, end) = ("<!--fm:prerender-->", "<!--/fm:prerender-->");
    let (Some(a), Some(b)) = (page.find(start), page.find(end)) else {
        return Err(format!("{template} has no <!--fm:prerender--> … <!--/fm:prerender--> markers in its placeholder"));
    };
    // The prerender prints the `.fm-root` container (with its shape) and the widget.
    Ok(format!("{}{html}{}", &page[..a], &page[b + end.len()..]))
}

/// The interface languages: `dist/i18n/<lang>.js` for every `i18n/<lang>.toml` (the files a
/// page in that language loads), and for every demo page template `i18n/pages/<lang>.html`
/// the page `dist/<lang>/index.html` with the widget prerendered in its language.
fn languages(root: &Path, dist: &Path) -> Result {
    step("build: interface languages (dist/i18n/*.js, dist/<lang>/index.html)");
    println!("    $ cargo run --quiet --package feature-matrix-prerender -- i18n dist/i18n");
    run_prerender(root, &["i18n", &dist.join("i18n").to_string_lossy()], "writing the language files")?;
    // The entry module loads only the languages it lists: they must be the build's.
    let mut codes: Vec<String> = std::fs::read_dir(dist.join("i18n"))
        .map_err(|e| format!("dist/i18n: {e}"))?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".js").map(|c| format!("'{c}'")))
        .collect();
    codes.sort();
    let listed = format!("const LANGUAGES = [{}];", codes.join(", "));
    let entry = std::fs::read_to_string(root.join("www/feature-matrix.js")).map_err(|e| e.to_string())?;
    if !entry.contains(&listed) {
        return Err(format!("www/feature-matrix.js must list the languages of i18n/*.toml: `{listed}`"));
    }
    let mut pages: Vec<_> = std::fs::read_dir(root.join("i18n/pages"))
        .map_err(|e| format!("i18n/pages: {e}"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    for page in pages {
        let lang = page.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        println!(
            "    $ cargo run --quiet --package feature-matrix-prerender -- --lang {lang}  (dist/{lang}/index.html)"
        );
        let out = run_prerender(root, &["--lang", &lang], "prerendering a language's page")?;
        let html = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
        let filled = fill_placeholder(root, &format!("i18n/pages/{lang}.html"), &html)?;
        std::fs::create_dir_all(dist.join(&lang)).map_err(|e| e.to_string())?;
        std::fs::write(dist.join(&lang).join("index.html"), filled).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// The single-file build: `wasm-bindgen --target no-modules` glue plus the optimised wasm
/// as base64, in one classic script. ES modules are blocked on `file://`; this is not.
fn single_file(root: &Path, dist: &Path, wasm_in: &str) -> Result {
    let out = "target/single-file";
    wasm_bindgen(root, "no-modules", out, wasm_in, true)?;
    let wasm = format!("{out}/feature_matrix_bg.wasm");
    run(root, "node_modules/.bin/wasm-opt", &["-Oz", "--converge", &wasm, "-o", &wasm])?;
    write_single_file(root, out, &dist.join("feature-matrix.single.js"))
}

/// Writes the single-file script from the no-modules glue and wasm in `out` (under `root`).
fn write_single_file(root: &Path, out: &str, to: &Path) -> Result {
    use base64::Engine;
    let glue = std::fs::read_to_string(root.join(out).join("feature_matrix.js")).map_err(|e| e.to_string())?;
    let bytes = std::fs::read(root.join(out).join("feature_matrix_bg.wasm")).map_err(|e| e.to_string())?;
    let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
    if SINGLE_FILE.matches("__WASM_BASE64__").count() != 1 {
        return Err("xtask/src/single_file.js must name __WASM_BASE64__ exactly once".into());
    }
    let script = format!("{glue}\n{}", SINGLE_FILE.replacen("__WASM_BASE64__", &b64, 1));
    std::fs::write(to, script).map_err(|e| e.to_string())
}

/// Runs wasm-bindgen for `target` (`web` or `no-modules`), output named `feature_matrix`;
/// `lean` drops the name and producers sections (shipped builds).
fn wasm_bindgen(root: &Path, target: &str, out_dir: &str, input: &str, lean: bool) -> Result {
    let mut args = vec!["--target", target, "--no-typescript"];
    if lean {
        args.extend(["--remove-name-section", "--remove-producers-section"]);
    }
    args.extend(["--out-dir", out_dir, "--out-name", "feature_matrix", input]);
    run(root, "wasm-bindgen", &args)?;
    let path = root.join(out_dir).join("feature_matrix.js");
    let glue = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    std::fs::write(&path, guard_glue(&glue)?).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The glue with the page boundary of `glue_guard.js`: every wasm export called through
/// `fmGuard`, every `innerHTML` the wasm sets through `fmSetHtml`. Fails when wasm-bindgen's
/// output no longer has the one place each patch expects (a new wasm-bindgen must be looked at).
pub fn guard_glue(glue: &str) -> Result<String> {
    let once = |text: &str, what: &str| -> Result<usize> {
        match (text.find(what), text.matches(what).count()) {
            (Some(at), 1) => Ok(at),
            (_, n) => {
                Err(format!("the wasm-bindgen glue has {n} copies of `{what}`, not one; see xtask/src/glue_guard.js"))
            }
        }
    };
    let exports = "wasm = instance.exports;";
    once(glue, exports)?;
    let mut out = glue.replacen(exports, "wasm = fmGuard(instance.exports);", 1);
    let setter = "arg0.innerHTML = getStringFromWasm0(arg1, arg2);";
    once(&out, setter)?;
    out = out.replacen(setter, "fmSetHtml(arg0, getStringFromWasm0(arg1, arg2));", 1);
    if out.matches(".innerHTML =").count() != 0 {
        return Err("the wasm-bindgen glue sets innerHTML somewhere fmSetHtml does not cover".into());
    }
    let at = once(&out, "function __wbg_finalize_init(")?;
    out.insert_str(at, GLUE_GUARD);
    Ok(out)
}

const GLUE_GUARD: &str = include_str!("glue_guard.js");

/// The single-file build's own script, after the glue.
const SINGLE_FILE: &str = include_str!("single_file.js");

/// Copies the files under `from` into `to`, keeping sub-folders, except folders named in
/// `skip` (at the top level).
fn copy_tree(from: &Path, to: &Path, skip: &[&str]) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        if kind.is_dir() {
            if skip.iter().any(|s| entry.file_name() == *s) {
                continue;
            }
            copy_tree(&entry.path(), &to.join(entry.file_name()), &[])?;
        } else if kind.is_file() {
            copy(&entry.path(), &to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result {
    if from.extension().is_some_and(|e| e == "css") {
        let text = std::fs::read_to_string(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        return std::fs::write(to, minify_css(&text)).map_err(|e| format!("cannot write {}: {e}", to.display()));
    }
    std::fs::copy(from, to).map(drop).map_err(|e| format!("cannot copy {} to {}: {e}", from.display(), to.display()))
}

/// Shrinks a stylesheet without changing what it means: comments go, runs of white space
/// become one space, and the space next to `{ } ; ,` and after `:` goes (none of them is
/// ever significant there); strings are copied as they are. The sources in `www/` keep
/// their comments and layout.
pub fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                space = true;
            }
            '"' | '\'' => {
                if space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',', ':']) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            out.push(e);
                        }
                    } else if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                let tight =
                    matches!(c, '{' | '}' | ';' | ',') || out.is_empty() || out.ends_with(['{', '}', ';', ',', ':']);
                if space && !tight {
                    out.push(' ');
                }
                space = false;
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
        }
    }
    out
}

pub fn gzip_len(bytes: &[u8]) -> Result<usize> {
    Ok(gzip(bytes)?.len())
}

/// What every page that embeds the widget may load at most (wasm, glue JS, entry module,
/// CSS), in gzip -9 bytes. It may grow only by what an issue allows: 211,939 (the size
/// before the state-by-id work, which had to stay within it) plus the 6 KiB the languages
/// issue allows for every interface language (English compiled in, the others loaded only
/// by the pages that use them), minus the 17,835 the weight work saved by building the
/// shipped wasm with the pinned nightly (215,390 → 197,555) and the 7,606 it saved by
/// rendering the widget's parts as plain functions instead of component types (197,110 →
/// 189,504), and the 1,280 lighter language code and one plain `join` saved (189,477 →
/// 188,197), and the 721 that writing what seldom changes as markup saved (189,335 →
/// 188,614), and the 302 that messages as static text saved (188,467 → 188,165), and the 118
/// that one address clean-up after a crash saved (188,723 → 188,605): what is saved stays
/// saved. Plus the 1 KiB the third hardening round allows (the glue's guard at the page
/// boundary and its Trusted Types policy, the entry module mounting placeholders added later
/// and freeing removed ones, host ids checked, linear id numbering: 188,605 → 191,156).
pub const BUDGET_GZIP: usize = 211_939 + 6_144 - 17_835 - 7_606 - 1_280 - 721 - 302 - 118 + 1_024;

/// The size budget: fails naming every file and its bytes when the total exceeds it.
pub fn check_budget(sizes: &Sizes, toolchain: Toolchain) -> Result {
    let total: usize = sizes.files.iter().map(|f| f.2).sum();
    let files: Vec<String> = sizes.files.iter().map(|(n, r, g)| format!("{n}: {r} raw, {g} gzip")).collect();
    if total > BUDGET_GZIP {
        return Err(format!(
            "shipped files total {total} gzip bytes, over the budget of {BUDGET_GZIP} by {}:\n  {}{}",
            total - BUDGET_GZIP,
            files.join("\n  "),
            if toolchain == Toolchain::Stable {
                format!("\n  (built with stable Rust; the budget is set for the {NIGHTLY} build)")
            } else {
                String::new()
            }
        ));
    }
    println!("    size budget: {total} of {BUDGET_GZIP} gzip bytes ({} to spare)", BUDGET_GZIP - total);
    Ok(())
}

fn measure(dist: &Path, files: &[&str]) -> Result<Sizes> {
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(dist.join(f)).map_err(|e| format!("cannot read dist/{f}: {e}"))?;
        out.push(((*f).to_owned(), bytes.len(), gzip_len(&bytes)?));
    }
    Ok(Sizes { files: out })
}

fn report(root: &Path, sizes: &Sizes) -> Result {
    println!("    shipped bytes (gzip -9; brotli 11, the .br siblings):");
    let mut json = String::from("{\n  \"files\": [\n");
    let (mut raw, mut gz, mut brs) = (0, 0, 0);
    for (i, (name, r, g)) in sizes.files.iter().enumerate() {
        let br = std::fs::metadata(root.join("dist").join(format!("{name}.br"))).map_or(0, |m| m.len() as usize);
        println!("      {name:<32} {r:>8} raw {g:>8} gzip {br:>8} br");
        raw += r;
        gz += g;
        brs += br;
        let comma = if i + 1 < sizes.files.len() { "," } else { "" };
        json.push_str(&format!("    {{ \"file\": \"{name}\", \"raw\": {r}, \"gzip\": {g}, \"br\": {br} }}{comma}\n"));
    }
    println!("      {:<32} {raw:>8} raw {gz:>8} gzip {brs:>8} br", "total");
    json.push_str(&format!("  ],\n  \"total\": {{ \"raw\": {raw}, \"gzip\": {gz}, \"br\": {brs} }}\n}}\n"));
    let path = root.join("target/dist-sizes.json");
    std::fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::{guard_glue, minify_css};

    const GLUE: &str = "let wasm;\nconst imports = { __wbg_set_innerHTML_1: function(arg0, arg1, arg2) {\n    arg0.innerHTML = getStringFromWasm0(arg1, arg2);\n} };\nfunction __wbg_finalize_init(instance, module) {\n    wasm = instance.exports;\n}\n";

    #[test]
    fn the_glue_calls_the_wasm_through_the_guard_and_sets_markup_through_the_policy() {
        let out = guard_glue(GLUE).unwrap();
        assert!(out.contains("wasm = fmGuard(instance.exports);"));
        assert!(out.contains("fmSetHtml(arg0, getStringFromWasm0(arg1, arg2));"));
        assert!(out.find("function fmGuard(").unwrap() < out.find("function __wbg_finalize_init(").unwrap());
        // Every innerHTML write left is the guard's own (through the policy or a fallback).
        assert_eq!(out.matches(".innerHTML =").count(), 2);
    }

    #[test]
    fn a_glue_of_another_shape_fails_the_build() {
        assert!(guard_glue(&GLUE.replace("wasm = instance.exports;", "wasm = instance.exports ;")).is_err());
        let second_setter = GLUE.replace("} };", "}, b: function(arg0, arg1, arg2) { arg0.innerHTML = x; } };");
        assert!(guard_glue(&second_setter).unwrap_err().contains("innerHTML"));
    }

    #[test]
    fn css_minification_keeps_meaning() {
        let css = "/* head */\n.fm :where(a, b) > .x:hover {\n  color : red;  /* note */\n  content: \"✓  /* kept */\" / \"\";\n}\n@media (max-width: 30em) and (prefers-color-scheme: dark) {\n  .fm .a { margin: 0 auto; }\n}\n";
        assert_eq!(
            minify_css(css),
            ".fm :where(a,b) > .x:hover{color :red;content:\"✓  /* kept */\" / \"\"}@media (max-width:30em) and (prefers-color-scheme:dark){.fm .a{margin:0 auto}}"
        );
    }
}
