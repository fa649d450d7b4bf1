//! A small static file server for `dist/` on loopback: correct MIME types (wasm is
//! `application/wasm` so it compiles while streaming), no directory escapes, no caching, and
//! the build's precompressed `.br`/`.gz` siblings for clients that accept them (as a static
//! host configured for precompressed files does; so every browser test reads them).

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Response, StatusCode};

use crate::Result;

pub struct Server {
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `dir` on `addr` (port 0 picks a free port) from a background thread.
    pub fn start(dir: &Path, addr: &str) -> Result<Server> {
        let server = Arc::new(tiny_http::Server::http(addr).map_err(|e| format!("cannot listen on {addr}: {e}"))?);
        let dir = dir.to_path_buf();
        let worker = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in worker.incoming_requests() {
                // One thread per request: a slow or stalled client never holds up the others.
                let dir = dir.clone();
                std::thread::spawn(move || {
                    let accept = request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv("Accept-Encoding"))
                        .map(|h| h.value.as_str().to_owned())
                        .unwrap_or_default();
                    let response = respond(&dir, request.url(), &accept);
                    let _ = request.respond(response);
                });
            }
        });
        Ok(Server { server, thread: Some(thread) })
    }

    pub fn addr(&self) -> String {
        self.server.server_addr().to_string()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn serve_forever(dir: &Path, addr: &str) -> Result {
    let server = Server::start(dir, addr)?;
    println!("==> serving {} at http://{}/ (Ctrl-C to stop)", dir.display(), server.addr());
    loop {
        std::thread::park();
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("atom") => "application/atom+xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `dir`, refusing anything that leaves it.
fn resolve(dir: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut out = dir.to_path_buf();
    for c in Path::new(decoded.trim_start_matches('/')).components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    out.is_file().then_some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The precompressed sibling of `path` the client accepts (`br` first), with its encoding.
fn precompressed(path: &Path, accept: &str) -> Option<(Vec<u8>, &'static str)> {
    let accepts = |coding: &str| {
        accept.split(',').any(|part| {
            let mut it = part.split(';');
            it.next().is_some_and(|c| c.trim().eq_ignore_ascii_case(coding))
                && it.all(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()) != Some(0.0))
        })
    };
    [("br", ".br"), ("gzip", ".gz")].into_iter().filter(|(coding, _)| accepts(coding)).find_map(|(coding, suffix)| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::fs::read(PathBuf::from(name)).ok().map(|bytes| (bytes, coding))
    })
}

fn respond(dir: &Path, url: &str, accept: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let header = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header");
    let found = resolve(dir, url).and_then(|p| match precompressed(&p, accept) {
        Some((bytes, coding)) => Some((p, bytes, Some(coding))),
        None => std::fs::read(&p).ok().map(|b| (p, b, None)),
    });
    match found {
        Some((path, bytes, coding)) => {
            let response = Response::from_data(bytes)
                .with_header(header("Content-Type", content_type(&path)))
                .with_header(header("Cache-Control", "no-store"))
                .with_header(header("Vary", "Accept-Encoding"));
            match coding {
                Some(coding) => response.with_header(header("Content-Encoding", coding)),
                None => response,
            }
        }
        None => Response::from_string("not found")
            .with_status_code(StatusCode(404))
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_served_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert!(resolve(dir, "/Cargo.toml").is_some());
        assert!(resolve(dir, "/src/main.rs?x=1").is_some());
        assert!(resolve(dir, "/../Cargo.toml").is_none());
        assert!(resolve(dir, "/src/%2e%2e/%2e%2e/Cargo.toml").is_none());
        assert!(resolve(dir, "/missing.txt").is_none());
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/bad%zz"), None);
    }

    #[test]
    fn precompressed_siblings_are_served_to_clients_that_accept_them() {
        let dir = std::env::temp_dir().join(format!("fm-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.js"), "plain").unwrap();
        std::fs::write(dir.join("a.js.gz"), "gz").unwrap();
        std::fs::write(dir.join("a.js.br"), "br").unwrap();
        std::fs::write(dir.join("b.css"), "plain").unwrap();
        let path = dir.join("a.js");
        assert_eq!(precompressed(&path, "gzip, deflate, br, zstd"), Some((b"br".to_vec(), "br")));
        assert_eq!(precompressed(&path, "gzip"), Some((b"gz".to_vec(), "gzip")));
        assert_eq!(precompressed(&path, "br;q=0, gzip;q=0.5"), Some((b"gz".to_vec(), "gzip")));
        assert_eq!(precompressed(&path, ""), None);
        assert_eq!(precompressed(&dir.join("b.css"), "br"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(content_type(Path::new("x/feature_matrix_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("boot.js")), "text/javascript; charset=utf-8");
    }
}
