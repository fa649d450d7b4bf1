//! `features-check check [options] <features.yaml>…`: every data problem in Istio feature
//! catalogs (file, line, id, what is wrong), for people and for CI.
//!
//! Checks: the reader's rules (the widget's, `feature_matrix_core::istio`), the JSON Schema
//! shipped beside the data (`features_schema.json` in the file's folder, else `--schema`, else
//! the copy built in), and conventions (promised releases already out, links that are not docs
//! paths, ids that break `area.name`).
//!
//! Options:
//!   --format human|github|json   human (default): `file:line: error: id: message` and a summary;
//!                                github: `::error file=…,line=…::…` workflow commands, which
//!                                GitHub Actions turns into annotations; json: one object.
//!   --deny-warnings              warnings fail the check too.
//!   --released <1.N>             the newest Istio release out (default 1.28).
//!   --schema <file>              the JSON Schema to validate against.
//!
//! Exit codes: 0 clean or warnings only; 1 errors (or warnings with --deny-warnings);
//! 2 bad usage or unreadable files.

use std::path::Path;
use std::process::ExitCode;

use feature_matrix_core::source::check::{self, NEWEST_RELEASE};
use feature_matrix_core::source::features_yaml::{item_lines, read_tree, Finding, Severity};

/// The schema of `data/istio-releases/`, for files that have none beside them.
const BUILT_IN_SCHEMA: &str = include_str!("../../../../data/istio-releases/features_schema.json");

const USAGE: &str = "usage: features-check check [--format human|github|json] [--deny-warnings] \
                     [--released 1.N] [--schema schema.json] <features.yaml>...";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Human,
    Github,
    Json,
}

struct Args {
    format: Format,
    deny_warnings: bool,
    released: String,
    schema: Option<String>,
    files: Vec<String>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        format: Format::Human,
        deny_warnings: false,
        released: NEWEST_RELEASE.to_owned(),
        schema: None,
        files: Vec::new(),
    };
    let mut it = args.iter();
    if it.next().map(String::as_str) != Some("check") {
        return Err("the command is `check`".to_owned());
    }
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--format" => {
                a.format = match value("--format")?.as_str() {
                    "human" => Format::Human,
                    "github" => Format::Github,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format {other:?}; expected human, github or json")),
                }
            }
            "--deny-warnings" => a.deny_warnings = true,
            "--released" => {
                a.released = value("--released")?;
                if check::version(&a.released).is_none() {
                    return Err(format!("--released {:?} is not a release like 1.28", a.released));
                }
            }
            "--schema" => a.schema = Some(value("--schema")?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file => a.files.push(file.to_owned()),
        }
    }
    if a.files.is_empty() {
        return Err("no files to check".to_owned());
    }
    Ok(a)
}

/// The schema for `file`: `--schema`, else `features_schema.json` beside it, else built in.
fn schema_for(file: &str, given: Option<&str>) -> Result<serde_json::Value, String> {
    let beside = Path::new(file).with_file_name("features_schema.json");
    let (name, text) = match given {
        Some(path) => {
            (path.to_owned(), std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?)
        }
        None if beside.is_file() => {
            let name = beside.display().to_string();
            let text = std::fs::read_to_string(&beside).map_err(|e| format!("{name}: cannot read: {e}"))?;
            (name, text)
        }
        None => ("built-in schema".to_owned(), BUILT_IN_SCHEMA.to_owned()),
    };
    serde_json::from_str(&text).map_err(|e| format!("{name}: not JSON: {e}"))
}

/// A GitHub workflow command's data and property values, escaped as the runner expects.
fn escape(s: &str, property: bool) -> String {
    let s = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        s.replace(':', "%3A").replace(',', "%2C")
    } else {
        s
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("features-check: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut all: Vec<(String, usize, Vec<Finding>)> = Vec::new();
    for file in &args.files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                return ExitCode::from(2);
            }
        };
        let schema = match schema_for(file, args.schema.as_deref()) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("features-check: {e}");
                return ExitCode::from(2);
            }
        };
        let (release, tree) = read_tree(file, &text);
        let mut findings = release.findings.clone();
        if !tree.is_null() {
            findings.extend(check::schema(file, &tree, &schema, &release, &item_lines(&text)));
        }
        findings.extend(check::conventions(file, &release, &args.released));
        // File order: by line, the file-level ones first; stable, so a line keeps its order.
        findings.sort_by_key(|f| f.line.unwrap_or(0));
        all.push((file.clone(), release.entries.len(), findings));
    }
    let count = |s: Severity| all.iter().flat_map(|(_, _, f)| f).filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    match args.format {
        Format::Human => {
            for (file, entries, findings) in &all {
                for f in findings {
                    println!("{f}");
                }
                println!("{file}: {entries} entries");
            }
            println!("{errors} error(s), {warnings} warning(s) in {} file(s)", all.len());
        }
        Format::Github => {
            for f in all.iter().flat_map(|(_, _, f)| f) {
                let kind = if f.severity == Severity::Error { "error" } else { "warning" };
                let line = f.line.map_or_else(String::new, |l| format!(",line={l}"));
                let message = escape(&format!("{}: {}", f.entry, f.problem), false);
                println!("::{kind} file={}{line},title=features-check::{message}", escape(&f.file, true));
            }
            println!("features-check: {errors} error(s), {warnings} warning(s) in {} file(s)", all.len());
        }
        Format::Json => {
            let files: Vec<serde_json::Value> = all
                .iter()
                .map(|(file, entries, findings)| {
                    let findings: Vec<serde_json::Value> = findings
                        .iter()
                        .map(|f| {
                            serde_json::json!({
                                "severity": if f.severity == Severity::Error { "error" } else { "warning" },
                                "line": f.line,
                                "entry": f.entry.to_string(),
                                "message": f.problem.to_string(),
                            })
                        })
                        .collect();
                    serde_json::json!({ "file": file, "entries": entries, "findings": findings })
                })
                .collect();
            let out = serde_json::json!({ "errors": errors, "warnings": warnings, "ok": !failed, "files": files });
            println!("{}", serde_json::to_string_pretty(&out).expect("JSON values serialize"));
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
