//! Documentation links: which hrefs a catalog may hold, and how relative ones resolve.
//!
//! A catalog link is `https://…`, `http://…` or a relative path. Everything else
//! (`javascript:`, `data:`, `mailto:`, protocol-relative `//host`, text with spaces or
//! control characters) is rejected by validation and never rendered as a link.

use crate::i18n::{quote, Messages, Msg, Say};

/// What kind of link an href is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// `http://` or `https://` with a host.
    Absolute,
    /// A path (`/docs/x/`, `docs/x`, `../x`, `#anchor`, `?q`) resolved against the docs base.
    Relative,
}

/// Why an href is not acceptable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    /// Whitespace or control characters.
    BadCharacters(String),
    /// A scheme other than http(s).
    Scheme {
        href: String,
        scheme: String,
    },
    /// Starts with `//`.
    ProtocolRelative(String),
    /// Nothing after `https://`.
    NoHost(String),
}

impl Say for LinkError {
    fn say(&self, m: &Messages) -> String {
        let (msg, href) = match self {
            LinkError::Empty => return m.with(Msg::link_empty, ""),
            LinkError::Scheme { href, scheme } => {
                return m.fill(Msg::link_scheme, &[("href", &quote(href)), ("scheme", &quote(scheme))])
            }
            LinkError::BadCharacters(h) => (Msg::link_characters, h),
            LinkError::ProtocolRelative(h) => (Msg::link_protocol_relative, h),
            LinkError::NoHost(h) => (Msg::link_no_host, h),
        };
        m.quoting(msg, href)
    }
}

crate::english_display!(LinkError);

impl std::error::Error for LinkError {}

/// Classifies an href, or says why it is not allowed.
pub fn classify(href: &str) -> Result<LinkKind, LinkError> {
    if href.is_empty() {
        return Err(LinkError::Empty);
    }
    if href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(LinkError::BadCharacters(href.to_owned()));
    }
    if href.starts_with("//") || href.starts_with("\\\\") || href.starts_with("/\\") {
        return Err(LinkError::ProtocolRelative(href.to_owned()));
    }
    // A scheme is letters/digits/+/-/. before the first ':' that comes before any '/', '?', '#'.
    let head_end = href.find(['/', '?', '#']).unwrap_or(href.len());
    if let Some(colon) = href[..head_end].find(':') {
        let scheme = &href[..colon];
        if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
            return match host(href) {
                Some(h) if !h.is_empty() => Ok(LinkKind::Absolute),
                _ => Err(LinkError::NoHost(href.to_owned())),
            };
        }
        return Err(LinkError::Scheme { href: href.to_owned(), scheme: scheme.to_owned() });
    }
    Ok(LinkKind::Relative)
}

/// The host of an absolute `scheme://host/…` link (what comes after `//` up to the first `/`,
/// `?` or `#`).
pub fn host(href: &str) -> Option<&str> {
    let colon = href.find(':')?;
    href[colon + 1..].strip_prefix("//").map(|r| r.split(['/', '?', '#']).next().unwrap_or(""))
}

/// Resolves an href against the documentation base (`https://istio.io/latest`).
///
/// Absolute links are returned unchanged. Paths starting with `/` are appended to the
/// base (so a base with a path, like `/latest`, keeps it: `/docs/x/` becomes
/// `https://istio.io/latest/docs/x/`); other relative paths are joined with one `/`.
/// Returns `None` for hrefs that [`classify`] rejects: such links are never rendered.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    match classify(href).ok()? {
        LinkKind::Absolute => Some(href.to_owned()),
        LinkKind::Relative => {
            if classify(base).ok()? != LinkKind::Absolute {
                return None;
            }
            let base = base.trim_end_matches('/');
            Some(match href.as_bytes()[0] {
                b'/' => format!("{base}{href}"),
                b'#' | b'?' => format!("{base}/{href}"),
                _ => format!("{base}/{}", href.trim_start_matches("./")),
            })
        }
    }
}

/// The report link Istio's catalogs use: a new issue in istio/enhancements, its title naming
/// the feature and its id, its body the release, the phase shown and the source.
pub const ISTIO_REPORT: &str = "https://github.com/istio/enhancements/issues/new?title={name}%20({id})%3A%20feature%20status&body=Release%3A%20{release}%0APhase%20shown%3A%20{phase}%0ASource%3A%20{source}%0A%0AWhat%20is%20wrong%3A%20";

/// The most placeholders a report template may have, and the most characters of a value it
/// takes.
pub const MAX_PLACEHOLDERS: usize = 10;
const MAX_VALUE: usize = 500;

/// `template` with `{name}`, `{id}`, `{release}`, `{phase}` and `{source}` replaced by the
/// values, percent-encoded (so a value can never end the query or add a parameter).
/// Other text is kept as written.
pub fn fill(template: &str, values: [(&str, &str); 5]) -> String {
    // Each value at most MAX_VALUE characters: with at most MAX_PLACEHOLDERS in a template (the
    // `report` option's rule), a link stays a link, whatever the data's names.
    let encoded = values.map(|(_, v)| {
        let v = v.char_indices().nth(MAX_VALUE).map_or(v, |(at, _)| &v[..at]);
        crate::percent::component(v)
    });
    let args: [(&str, &str); 5] = std::array::from_fn(|i| (values[i].0, encoded[i].as_str()));
    // The messages' placeholder filling, with the values encoded.
    crate::i18n::fill(template, &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://istio.io/latest";

    #[test]
    fn report_links_stay_short_whatever_the_names() {
        let long = "x".repeat(50_000);
        let link = fill(
            "https://x.example/?a={name}&b={name}",
            [("name", &long), ("id", ""), ("release", ""), ("phase", ""), ("source", "")],
        );
        assert_eq!(link.len(), "https://x.example/?a=&b=".len() + 2 * MAX_VALUE);
    }

    #[test]
    fn report_links_encode_every_value() {
        let link = fill(
            ISTIO_REPORT,
            [
                ("name", "Sidecar API & more"),
                ("id", "traffic.sidecar"),
                ("release", "Istio 1.24"),
                ("phase", "Stable"),
                ("source", "https://github.com/istio/enhancements/blob/abc/features.yaml#L79"),
            ],
        );
        let query = link.split_once('?').unwrap().1;
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        assert_eq!(pairs.len(), 2, "a value cannot add parameters: {link}");
        assert_eq!(pairs[0], ("title".into(), "Sidecar API & more (traffic.sidecar): feature status".into()));
        assert_eq!(pairs[1].1, "Release: Istio 1.24\nPhase shown: Stable\nSource: https://github.com/istio/enhancements/blob/abc/features.yaml#L79\n\nWhat is wrong: ");
        assert_eq!(
            fill(
                "https://x.test/{nope}/{id}{",
                [("id", "a/b"), ("name", ""), ("release", ""), ("phase", ""), ("source", "")]
            ),
            "https://x.test/{nope}/a%2Fb{"
        );
    }

    #[test]
    fn relative_paths_resolve_under_the_base_path() {
        assert_eq!(
            resolve(BASE, "/docs/ops/configuration/traffic-management/dns-proxy/").as_deref(),
            Some("https://istio.io/latest/docs/ops/configuration/traffic-management/dns-proxy/")
        );
        assert_eq!(resolve("https://istio.io/latest/", "/about/").as_deref(), Some("https://istio.io/latest/about/"));
        assert_eq!(resolve(BASE, "docs/setup/").as_deref(), Some("https://istio.io/latest/docs/setup/"));
        assert_eq!(resolve(BASE, "./docs/").as_deref(), Some("https://istio.io/latest/docs/"));
        assert_eq!(
            resolve(BASE, "/docs/tasks/observability/distributed-tracing/configurability/#trace-sampling").as_deref(),
            Some(
                "https://istio.io/latest/docs/tasks/observability/distributed-tracing/configurability/#trace-sampling"
            )
        );
    }

    #[test]
    fn absolute_links_stay_as_they_are() {
        let abs = "https://istio.io/v1.6/docs/reference/config/policy-and-telemetry/";
        assert_eq!(resolve(BASE, abs).as_deref(), Some(abs));
        assert_eq!(resolve(BASE, "http://example.com").as_deref(), Some("http://example.com"));
        assert_eq!(resolve("https://docs.example.org/v2", "HTTPS://A.B/c").as_deref(), Some("HTTPS://A.B/c"));
    }

    #[test]
    fn hostile_and_malformed_links_are_rejected() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "vbscript:x",
            "mailto:a@b.c",
            "//evil.example/x",
            "\\\\evil",
            "https:/nohost",
            "https://",
            "http:x",
            "/docs/with space",
            "/docs/\u{0}nul",
            "java\tscript:alert(1)",
            "",
        ] {
            assert!(classify(bad).is_err(), "{bad:?} should be rejected");
            assert_eq!(resolve(BASE, bad), None, "{bad:?} must not resolve");
        }
    }

    #[test]
    fn relative_links_need_an_absolute_base() {
        assert_eq!(resolve("javascript:", "/docs/"), None);
        assert_eq!(resolve("/local", "/docs/"), None);
        assert_eq!(resolve("/local", "https://a.b/").as_deref(), Some("https://a.b/"));
    }

    #[test]
    fn error_messages_name_the_problem() {
        let e = classify("javascript:alert(1)").unwrap_err().to_string();
        assert!(e.contains("javascript") && e.contains("only https://"), "{e}");
    }
}
