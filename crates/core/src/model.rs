//! The typed catalog: categories, features, phases and the phase-definitions legend.
//!
//! Strings and slices are `Cow<'static, _>` so the same types hold the catalog that the
//! build embeds as `static` data (borrowed, zero start-up cost) and catalogs built at run
//! time (owned). A `Catalog` value is only ever produced by [`crate::validate`], so code
//! that receives one may rely on its invariants (see `validate`).

use std::borrow::Cow;
use std::fmt;

/// Text held by the catalog: borrowed from static data or owned.
pub type Text = Cow<'static, str>;

/// Maturity phase of a feature. Its order (`Ord`) is the maturity order, the one rule for
/// sorting by phase and for telling a promotion from a demotion: Deprecated (the end of
/// the line) < Experimental < Alpha < Beta < Stable; never the label's spelling. The page
/// before Istio 1.10 used only Alpha, Beta and Stable; releases from 1.10 add Experimental
/// (and allow Deprecated). [`Phase::ALL`] is the display order (filters, matrix columns).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    Experimental,
    Alpha,
    Beta,
    Stable,
    Deprecated,
}

impl Phase {
    /// Every phase, in display order: the maturity ladder, then Deprecated.
    pub const ALL: [Phase; 5] = [Phase::Experimental, Phase::Alpha, Phase::Beta, Phase::Stable, Phase::Deprecated];

    /// The label as written in catalogs and shown to readers.
    pub const fn label(self) -> &'static str {
        match self {
            Phase::Experimental => "Experimental",
            Phase::Alpha => "Alpha",
            Phase::Beta => "Beta",
            Phase::Stable => "Stable",
            Phase::Deprecated => "Deprecated",
        }
    }

    /// Lower-case identifier used in ids, class names and CSS hooks.
    pub const fn slug(self) -> &'static str {
        match self {
            Phase::Experimental => "experimental",
            Phase::Alpha => "alpha",
            Phase::Beta => "beta",
            Phase::Stable => "stable",
            Phase::Deprecated => "deprecated",
        }
    }

    /// Position in [`Phase::ALL`], used to index per-phase arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Rank in the maturity order (Deprecated lowest); see the type's documentation.
    pub const fn maturity(self) -> u8 {
        match self {
            Phase::Deprecated => 0,
            Phase::Experimental => 1,
            Phase::Alpha => 2,
            Phase::Beta => 3,
            Phase::Stable => 4,
        }
    }

    /// Parses a phase label case-insensitively ("beta", "Beta", " BETA ").
    pub fn parse(s: &str) -> Option<Phase> {
        let s = s.trim();
        Phase::ALL.into_iter().find(|p| p.label().eq_ignore_ascii_case(s))
    }
}

impl Ord for Phase {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.maturity().cmp(&other.maturity())
    }
}

impl PartialOrd for Phase {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A feature category (a section of the original page), in page order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    /// Stable identifier derived from the name (`traffic-management`).
    pub id: Text,
    pub name: Text,
}

/// One feature of the catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    /// Stable identifier, unique in the catalog (`traffic-management-dns-proxying`).
    pub id: Text,
    /// The name as written in the source.
    pub name: Text,
    /// Index into [`Catalog::categories`].
    pub category: u16,
    pub phase: Phase,
    /// Documentation link as written in the source: `https://`, `http://` or a relative
    /// path, never anything else (checked by `validate`). Resolve it with
    /// [`crate::links::resolve`] before rendering.
    pub link: Option<Text>,
    /// A note qualifying the phase ("Dual-stack IPv4 and IPv6 is not supported.").
    pub note: Option<Text>,
}

/// A piece of rich text in the legend: plain text or a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(Text),
    Link { text: Text, href: Text },
}

/// One row of the phase-definitions table ("Purpose", "API", ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aspect {
    pub name: Text,
    /// One cell per phase of [`Legend::phases`], in the same order.
    pub cells: Cow<'static, [Cow<'static, [Inline]>]>,
}

/// The phase-definitions table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Legend {
    /// The phases defined, in maturity order.
    pub phases: Cow<'static, [Phase]>,
    pub aspects: Cow<'static, [Aspect]>,
}

impl Legend {
    /// The definition cells of one phase, aspect by aspect.
    pub fn definition(&self, phase: Phase) -> Option<Vec<(&str, &[Inline])>> {
        let col = self.phases.iter().position(|p| *p == phase)?;
        Some(self.aspects.iter().map(|a| (a.name.as_ref(), a.cells[col].as_ref())).collect())
    }
}

/// A validated catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    /// Title of the source page ("Feature Status").
    pub title: Text,
    /// One-sentence description of the source page, may be empty.
    pub description: Text,
    /// Where the data comes from (file name and upstream), shown in the widget footer.
    pub provenance: Text,
    /// Base URL that relative documentation links resolve against.
    pub docs_base: Text,
    pub categories: Cow<'static, [Category]>,
    pub features: Cow<'static, [Feature]>,
    pub legend: Legend,
}

impl Catalog {
    pub fn category(&self, feature: &Feature) -> &Category {
        &self.categories[usize::from(feature.category)]
    }
}

/// Lower-case ASCII slug of a name: letters and digits kept, everything else collapsed
/// into single dashes ("Protocols: HTTP1.1 / HTTP2" -> "protocols-http1-1-http2").
/// Non-ASCII letters and digits are kept as they are (lower-cased).
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    };
    for c in name.chars() {
        // ASCII first: `char::to_lowercase` searches Unicode's tables for every character.
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut push);
        }
    }
    out
}

/// A feature name's pieces, `(code, text)`: Istio writes names with Markdown code spans
/// ("Waypoints: `DestinationRule`"), which istio.io renders as code. Each pair of
/// backticks, left to right, encloses a code span; a lone backtick stays as text.
pub fn code_spans(name: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut rest = name;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else { break };
        if open > 0 {
            out.push((false, &rest[..open]));
        }
        out.push((true, &rest[open + 1..open + 1 + len]));
        rest = &rest[open + len + 2..];
    }
    if !rest.is_empty() {
        out.push((false, rest));
    }
    out
}

/// A feature name as plain text: its [`code_spans`] without their backticks (for accessible
/// names and messages, which a screen reader would otherwise read with the backticks, and
/// for sorting by name). Borrowed when the name has no backtick.
pub fn plain_name(name: &str) -> Cow<'_, str> {
    if name.contains('`') {
        Cow::Owned(code_spans(name).into_iter().map(|(_, text)| text).collect())
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_in_names() {
        assert_eq!(code_spans("Waypoints: `DestinationRule`"), [(false, "Waypoints: "), (true, "DestinationRule")]);
        assert_eq!(
            code_spans("APIs (`Gateway` `parentRef`) x"),
            [(false, "APIs ("), (true, "Gateway"), (false, " "), (true, "parentRef"), (false, ") x")]
        );
        assert_eq!(code_spans("a ` lone"), [(false, "a ` lone")]);
        assert_eq!(code_spans("`a` b `c"), [(true, "a"), (false, " b `c")]);
        assert_eq!(code_spans(""), []);
        assert_eq!(plain_name("`AuthorizationPolicy` dry-run"), "AuthorizationPolicy dry-run");
        assert_eq!(plain_name("DNS proxying"), "DNS proxying");
        assert_eq!(plain_name("`code` and a lone `"), "code and a lone `");
    }

    #[test]
    fn phase_order_is_maturity_not_alphabet() {
        assert!(Phase::Experimental < Phase::Alpha && Phase::Alpha < Phase::Beta && Phase::Beta < Phase::Stable);
        let mut v = vec![Phase::Stable, Phase::Deprecated, Phase::Alpha, Phase::Experimental, Phase::Beta];
        v.sort();
        assert_eq!(v, [Phase::Deprecated, Phase::Experimental, Phase::Alpha, Phase::Beta, Phase::Stable]);
        // The rank and the order are one rule.
        for a in Phase::ALL {
            for b in Phase::ALL {
                assert_eq!(a.cmp(&b), a.maturity().cmp(&b.maturity()));
            }
        }
    }

    #[test]
    fn phase_parse_is_case_insensitive_and_strict() {
        assert_eq!(Phase::parse(" beta "), Some(Phase::Beta));
        assert_eq!(Phase::parse("STABLE"), Some(Phase::Stable));
        assert_eq!(Phase::parse("Gamma"), None);
        assert_eq!(Phase::parse("Alpha."), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Protocols: HTTP1.1 / HTTP2 / gRPC / TCP"), "protocols-http1-1-http2-grpc-tcp");
        assert_eq!(slugify("  DNS Proxying "), "dns-proxying");
        assert_eq!(slugify("End User (JWT) Authentication"), "end-user-jwt-authentication");
        assert_eq!(slugify("Übersicht Ä"), "übersicht-ä");
        assert_eq!(slugify("!!!"), "");
    }
}
