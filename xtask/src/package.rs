//! `cargo xtask package`: the npm package and the static tarball, from `dist/`, for docs
//! maintainers who do not build with Rust. `target/package/feature-matrix/` holds the files
//! (`www/package/package.json` and its README beside the shipped ones);
//! `target/package/feature-matrix-<version>.tgz` is `npm pack` of that folder and
//! `target/package/feature-matrix-static-<version>.tar.gz` the same files for any static host.

use std::path::{Path, PathBuf};

use crate::{run, step, Result};

/// What the package holds from `dist/` (folders whole): the module, its types, styles, the
/// badge script and its data, the glue and the wasm, the language files, the catalog schema.
const FILES: [&str; 10] = [
    "feature-matrix.js",
    "feature-matrix.d.ts",
    "feature-matrix.css",
    "feature-badges.js",
    "feature-badges-data.js",
    "feature-badges.css",
    "pkg/feature_matrix.js",
    "pkg/feature_matrix_bg.wasm",
    "i18n",
    "catalog.schema.json",
];

/// The version every place states (Cargo.toml's `[package]`; `versions_agree` checks the rest).
pub fn version(root: &Path) -> Result<String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let package = manifest.split("[package]").nth(1).ok_or("Cargo.toml has no [package]")?;
    package
        .lines()
        .find_map(|l| l.strip_prefix("version = \"").and_then(|v| v.strip_suffix('"')))
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml's [package] has no version".to_owned())
}

/// Writes the package folder and both tarballs; returns the npm tarball's path.
pub fn package(root: &Path) -> Result<PathBuf> {
    let version = version(root)?;
    step(&format!("package: feature-matrix {version} (npm tarball and static tarball) in target/package/"));
    let out = root.join("target/package");
    let folder = out.join("feature-matrix");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("cannot clear {}: {e}", folder.display()))?;
    }
    let dist = root.join("dist");
    for file in FILES {
        copy(&dist.join(file), &folder.join(file))?;
    }
    for file in ["package.json", "README.md"] {
        copy(&root.join("www/package").join(file), &folder.join(file))?;
    }
    let tgz = out.join(format!("feature-matrix-{version}.tgz"));
    let _ = std::fs::remove_file(&tgz);
    run(&folder, "npm", &["pack", "--quiet", "--pack-destination", ".."])?;
    if !tgz.exists() {
        return Err(format!("npm pack did not write {}", tgz.display()));
    }
    let static_tgz = format!("feature-matrix-static-{version}.tar.gz");
    run(&out, "tar", &["-czf", &static_tgz, "feature-matrix"])?;
    println!("    {}\n    {}", tgz.display(), out.join(static_tgz).display());
    Ok(tgz)
}

/// Copies a file or a folder (without the build's .gz/.br siblings).
fn copy(from: &Path, to: &Path) -> Result {
    let cannot = |e: std::io::Error| format!("cannot copy {}: {e}", from.display());
    if from.is_dir() {
        for entry in std::fs::read_dir(from).map_err(cannot)? {
            let path = entry.map_err(cannot)?.path();
            if path.extension().is_some_and(|e| e == "gz" || e == "br") {
                continue;
            }
            copy(&path, &to.join(path.file_name().unwrap_or_default()))?;
        }
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(cannot)?;
    }
    std::fs::copy(from, to).map(drop).map_err(cannot)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One version everywhere: Cargo.toml, the package's package.json, the entry module's
    /// `version`, the types, and the newest entry of CHANGELOG.md.
    #[test]
    fn versions_agree() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let v = version(root).unwrap();
        assert!(v.split('.').count() == 3 && v.split('.').all(|n| n.parse::<u32>().is_ok()), "semver: {v}");
        let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
        let package: serde_json::Value = serde_json::from_str(&read("www/package/package.json")).unwrap();
        assert_eq!(package["version"], v.as_str());
        assert!(read("www/feature-matrix.js").contains(&format!("export const version = '{v}';")));
        assert!(read("www/feature-matrix.d.ts").contains(&format!("export const version: '{v}';")));
        let newest = read("CHANGELOG.md").lines().find(|l| l.starts_with("## [")).unwrap().to_owned();
        assert!(newest.starts_with(&format!("## [{v}] - ")), "{newest}");
    }

    /// The package's files are the ones `package.json` lists (a file left out of one or the
    /// other would be missing from the tarball or copied for nothing).
    #[test]
    fn package_json_lists_what_is_packaged() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let package: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("www/package/package.json")).unwrap()).unwrap();
        let listed: Vec<String> =
            package["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect();
        let mut want: Vec<String> =
            FILES.iter().map(|f| if *f == "i18n" { "i18n/*.js".to_owned() } else { (*f).to_owned() }).collect();
        want.push("README.md".to_owned());
        assert_eq!(listed, want);
    }
}
