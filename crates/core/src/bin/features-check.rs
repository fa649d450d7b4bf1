//! `features-check check <features.yaml>…`: prints every data problem in Istio feature
//! catalogs (file, line, id, what is wrong), errors and warnings, then a summary. Exit code
//! 1 when any file has errors, 0 with only warnings, 2 for usage or unreadable files.

use std::process::ExitCode;

use feature_matrix_core::source::features_yaml::{read, Severity};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some("check"), files) = (args.first().map(String::as_str), &args[1.min(args.len())..]) else {
        eprintln!("usage: features-check check <features.yaml>...");
        return ExitCode::from(2);
    };
    if files.is_empty() {
        eprintln!("usage: features-check check <features.yaml>...");
        return ExitCode::from(2);
    }
    let (mut errors, mut warnings) = (0, 0);
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                return ExitCode::from(2);
            }
        };
        let release = read(file, &text);
        for f in &release.findings {
            println!("{f}");
            match f.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
        }
        println!("{file}: {} entries", release.entries.len());
    }
    println!("{errors} error(s), {warnings} warning(s) in {} file(s)", files.len());
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
