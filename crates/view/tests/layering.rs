//! One way to the releases: the widget's root builds its `Sources` from the embedded
//! `RELEASES`; every other part of the view reaches releases through `Sources` or `Shown`
//! (`Shown::releases`, `label`, `changes`), never through the global with an index of its
//! own. Read from the source, outside tests.

#[test]
fn only_the_root_names_the_embedded_releases() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "the view's files were found: {files:?}");
    let mut naming = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let uses = code.lines().filter(|l| !l.trim_start().starts_with("//")).any(|l| l.contains("RELEASES"));
        if uses {
            naming.push(path.strip_prefix(&src).unwrap().display().to_string());
        }
    }
    naming.sort();
    assert_eq!(naming, ["components/matrix.rs"], "files that name RELEASES");
}
