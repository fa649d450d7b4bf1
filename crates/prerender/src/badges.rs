//! Feature badges: a feature's phase, the release it reached it and its history, anywhere on
//! a page (`<span data-feature-badge="traffic.sidecar"></span>`). Everything a badge says
//! comes from the core's `ReleaseSet::history` here, at build time:
//!
//! - `data_module`: `feature-badges-data.js`, what `www/feature-badges.js` renders badges
//!   from in the browser (per feature its phase and "since" in every release, so the script
//!   looks values up and applies no rule of its own);
//! - `fill_page`: a page's empty badges rendered into its HTML (readable without JavaScript);
//!   the script renders the same markup, which the browser test compares;
//! - `hugo_data`: what the Hugo shortcode `feature-status` needs beside the site's own data;
//! - `expectations`: every (feature, release) as the core describes it, for the test that
//!   checks the script's lookups.

use feature_matrix_core::html::escaped as escape;
use feature_matrix_core::i18n::{fill, primary, BADGE_MESSAGES};
use feature_matrix_core::model::{slugify, Phase};
use feature_matrix_core::releases::ReleaseSet;
use feature_matrix_core::url_state::feature_fragment;
use serde_json::{json, Value};

/// The release a badge without `data-release` describes: the newest numbered release
/// (`master` is not released).
pub fn default_release(set: &ReleaseSet) -> usize {
    (0..set.len()).rev().find(|&r| set.label(r) != "master").unwrap_or(0)
}

const fn code(p: Phase) -> char {
    match p {
        Phase::Experimental => 'E',
        Phase::Alpha => 'A',
        Phase::Beta => 'B',
        Phase::Stable => 'S',
        Phase::Deprecated => 'D',
    }
}

/// What a badge says about a feature in one release.
#[derive(Debug, PartialEq)]
pub struct Badge {
    /// The id the page asked for, as written.
    pub key: String,
    /// The feature's id in the widget (its row's anchor).
    pub slug: String,
    pub name: String,
    pub release: String,
    pub phase: Phase,
    pub since: String,
    /// Each release where the phase changed (or the feature appeared again), oldest first.
    pub history: Vec<(String, Phase)>,
}

/// Why a badge cannot describe a feature; its text is what the quiet badge shows.
#[derive(Debug, PartialEq)]
pub enum Missing {
    UnknownFeature,
    UnknownRelease,
    NotListed(String),
}

impl Missing {
    /// In English (the build's warnings, the script's `describe`).
    pub fn text(&self) -> String {
        self.says(&Words::of("en"))
    }

    /// What the quiet badge shows, in `words`' language.
    pub fn says(&self, words: &Words) -> String {
        match self {
            Missing::UnknownFeature => words.fill("badge_unknown_feature", &[]),
            Missing::UnknownRelease => words.fill("badge_unknown_release", &[]),
            Missing::NotListed(r) => words.fill("badge_not_in", &[("release", r)]),
        }
    }
}

/// The badges' strings in one language: the `badge_*` keys of `i18n/<lang>.toml` (checked
/// with the widget's at build time, but not in the wasm).
pub struct Words {
    /// The language they are in (`zh`).
    pub lang: &'static str,
    texts: &'static [(&'static str, &'static str)],
}

impl Words {
    /// The strings for a language tag (`zh-CN` → `zh`); English when there are none.
    pub fn of(tag: &str) -> Words {
        let code = primary(tag);
        let &(lang, texts) = BADGE_MESSAGES.iter().find(|(l, _)| *l == code).unwrap_or(&BADGE_MESSAGES[0]);
        Words { lang, texts }
    }

    /// Whether `tag`'s language has badge strings.
    pub fn known(tag: &str) -> bool {
        Words::of(tag).lang == primary(tag)
    }

    /// Every message, by key.
    pub fn texts(&self) -> &'static [(&'static str, &'static str)] {
        self.texts
    }

    /// Message `key` with its placeholders filled (raw text: the caller escapes).
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.texts.iter().find(|(k, _)| *k == key).map_or("", |(_, t)| t), args)
    }

    /// Every language's strings by code, for the badge script's data module.
    fn all() -> Value {
        let langs: serde_json::Map<String, Value> = BADGE_MESSAGES
            .iter()
            .map(|(lang, words)| {
                let m: serde_json::Map<String, Value> =
                    words.iter().map(|(k, t)| ((*k).to_owned(), Value::from(*t))).collect();
                ((*lang).to_owned(), Value::Object(m))
            })
            .collect();
        Value::Object(langs)
    }
}

/// The row of `id`: a row key (an upstream id such as `traffic.sidecar`), else the row whose
/// widget id is `id`'s (the widget's id itself, or an upstream id some releases wrote with
/// stray punctuation, such as 1.12's `:"traffic.kubernetes_mcs"`).
fn row_of(set: &ReleaseSet, id: &str) -> Option<u16> {
    set.row(id).or_else(|| {
        let (rows, slug) = (u16::try_from(set.rows()).unwrap_or(u16::MAX), slugify(id));
        (0..rows).find(|&row| slugify(set.string(set.row_keys[usize::from(row)])) == slug)
    })
}

/// Feature `id` in `release` (the default release when `None`).
pub fn describe(set: &ReleaseSet, id: &str, release: Option<&str>) -> Result<Badge, Missing> {
    let row = row_of(set, id).ok_or(Missing::UnknownFeature)?;
    let r = match release {
        Some(label) => set.find(label).ok_or(Missing::UnknownRelease)?,
        None => default_release(set),
    };
    let history = set.history(row, r);
    let label = set.label(r).to_owned();
    let Some(&(since, phase)) = history.changes.last() else {
        return Err(Missing::NotListed(label));
    };
    Ok(Badge {
        key: id.to_owned(),
        slug: slugify(set.string(set.row_keys[usize::from(row)])),
        name: set.name(row, r).to_owned(),
        release: label,
        phase,
        since: set.label(since).to_owned(),
        history: history.changes.iter().map(|&(r, p)| (set.label(r).to_owned(), p)).collect(),
    })
}

/// A feature name as plain text and as HTML with its code spans (`model::code_spans`) in
/// `<code>` (escaped otherwise).
pub fn name_forms(name: &str) -> (String, String) {
    let (mut plain, mut html) = (String::new(), String::new());
    for (code, text) in feature_matrix_core::model::code_spans(name) {
        plain.push_str(text);
        if code {
            html.push_str(&format!("<code>{}</code>", escape(text)));
        } else {
            html.push_str(&escape(text));
        }
    }
    (plain, html)
}

/// Whether a badge may link to `href` (`data-matrix-href`): a relative path (`""` is the page
/// itself) or an http(s) URL, never `javascript:`, `data:` or another host's `//…`.
pub fn safe_href(href: &str) -> bool {
    href.is_empty() || feature_matrix_core::links::classify(href).is_ok()
}

/// The link to a feature's row in the matrix page `href` (as given: relative stays relative).
pub fn matrix_link(href: &str, release: &str, slug: &str) -> String {
    let base = href.split('#').next().unwrap_or("");
    let join = if base.contains('?') { '&' } else { '?' };
    format!("{base}{join}fm.release={release}{}", feature_fragment("fm", slug))
}

/// The attributes a page gave a badge, kept on the rendered badge.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Attrs {
    pub id: String,
    pub release: Option<String>,
    pub href: Option<String>,
    /// `data-lang`: the badge's language, when not the page's.
    pub lang: Option<String>,
}

impl Attrs {
    fn html(&self) -> String {
        let mut out = format!(" data-feature-badge=\"{}\"", escape(&self.id));
        if let Some(r) = &self.release {
            out.push_str(&format!(" data-release=\"{}\"", escape(r)));
        }
        if let Some(h) = &self.href {
            out.push_str(&format!(" data-matrix-href=\"{}\"", escape(h)));
        }
        if let Some(l) = &self.lang {
            // The language the badge speaks (English when `l` has no strings), for screen readers.
            out.push_str(&format!(" data-lang=\"{}\" lang=\"{}\"", escape(l), Words::of(l).lang));
        }
        out
    }
}

/// The matrix page a badge links to when the page does not say (`data-matrix-href`).
pub const DEFAULT_HREF: &str = "index.html";

/// A badge's markup in `words`' language. `popover` is its popover's element id, unique in
/// the page. Only phrasing content, so a badge can sit inside a paragraph.
pub fn html(attrs: &Attrs, found: &Result<Badge, Missing>, popover: &str, words: &Words) -> String {
    let b = match found {
        Ok(b) => b,
        Err(m) => {
            return format!(
                "<span class=\"fm-badge fm-badge--unknown\"{}><span class=\"fm-badge-phase\">{}</span></span>",
                attrs.html(),
                escape(&m.says(words))
            )
        }
    };
    let href = escape(&matrix_link(attrs.href.as_deref().unwrap_or(DEFAULT_HREF), &b.release, &b.slug));
    let (plain, title) = name_forms(&b.name);
    let (phase, since) = (b.phase.label(), &b.since);
    let steps: String =
        b.history.iter().map(|(r, p)| format!("<span role=\"listitem\">{} {}</span>", escape(r), p.label())).collect();
    let say = |key: &str, args: &[(&str, &str)]| escape(&words.fill(key, args));
    format!(
        "<span class=\"fm-badge fm-badge--{slug}\"{attrs}>\
         <a class=\"fm-badge-link\" href=\"{href}\" aria-label=\"{label}\">\
         <span class=\"fm-badge-phase\">{phase}</span> <span class=\"fm-badge-since\">{since_text}</span></a>\
         <button type=\"button\" class=\"fm-badge-more\" popovertarget=\"{popover}\" aria-label=\"{history}\">i</button>\
         <span class=\"fm-badge-pop\" id=\"{popover}\" popover role=\"group\" aria-label=\"{group}\">\
         <span class=\"fm-badge-title\">{title}</span> <code>{key}</code>\
         <span class=\"fm-badge-steps\" role=\"list\">{steps}</span>\
         <a class=\"fm-badge-open\" href=\"{href}\">{open}</a></span></span>",
        slug = b.phase.slug(),
        attrs = attrs.html(),
        label = say("badge_label", &[("name", &plain), ("phase", phase), ("release", since)]),
        since_text = say("badge_since", &[("release", since)]),
        history = say("badge_history", &[("name", &plain)]),
        group = say("badge_group", &[("name", &plain), ("release", &b.release)]),
        open = say("badge_open", &[]),
        popover = escape(popover),
        key = escape(&b.key),
    )
}

/// The value of attribute `name` in a start tag's text, if present.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[at..].find('"')?;
    Some(tag[at..at + len].replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
}

/// `page` with every empty `<span data-feature-badge="…" …></span>` rendered, each in its
/// `data-lang`, else the page's (`<html lang>`); also the warnings (unknown features,
/// releases and languages), one per badge.
pub fn fill_page(set: &ReleaseSet, page: &str) -> (String, Vec<String>) {
    let page_lang = page.find("<html").and_then(|at| attribute(&page[at..at + page[at..].find('>')?], "lang"));
    const OPEN: &str = "<span data-feature-badge=\"";
    const CLOSE: &str = "></span>";
    let (mut out, mut warnings, mut rest, mut n) = (String::new(), Vec::new(), page, 0);
    while let Some(start) = rest.find(OPEN) {
        let Some(end) = rest[start..].find(CLOSE).map(|e| start + e) else { break };
        let tag = &rest[start..end];
        if tag.contains('>') {
            // Not an empty badge (it has content): leave it.
            out.push_str(&rest[..start + OPEN.len()]);
            rest = &rest[start + OPEN.len()..];
            continue;
        }
        let mut attrs = Attrs {
            id: attribute(tag, "data-feature-badge").unwrap_or_default(),
            release: attribute(tag, "data-release"),
            href: attribute(tag, "data-matrix-href"),
            lang: attribute(tag, "data-lang").filter(|l| !l.trim().is_empty()),
        };
        // As feature-badges.js takes it: a relative path or an http(s) URL, else the default.
        if let Some(h) = attrs.href.as_deref().filter(|h| !safe_href(h)) {
            warnings.push(format!(
                "badge \"{}\": data-matrix-href {h:?} is not a relative path or an http(s) URL; it links to {DEFAULT_HREF}",
                attrs.id
            ));
            attrs.href = None;
        }
        let found = describe(set, &attrs.id, attrs.release.as_deref());
        if let Err(m) = &found {
            warnings.push(format!("badge \"{}\": {}", attrs.id, m.text()));
        }
        let lang = attrs.lang.as_deref().or(page_lang.as_deref()).unwrap_or("en");
        if !Words::known(lang) {
            warnings.push(format!("badge \"{}\": no badge strings for language \"{lang}\"; in English", attrs.id));
        }
        n += 1;
        out.push_str(&rest[..start]);
        out.push_str(&html(&attrs, &found, &format!("fmb-{n}"), &Words::of(lang)));
        rest = &rest[end + CLOSE.len()..];
    }
    out.push_str(rest);
    (out, warnings)
}

/// Per row: its key, its widget id, names by release (`[index, name]` from that release on)
/// and per release one character each for the phase (`E`, `A`, `B`, `S`, `D`, `-` when not
/// listed) and for "since" (the release index in base 36, `-` when not listed).
fn rows(set: &ReleaseSet) -> Vec<(String, Value)> {
    let rows = u16::try_from(set.rows()).unwrap_or(u16::MAX);
    (0..rows)
        .map(|row| {
            let key = set.string(set.row_keys[usize::from(row)]).to_owned();
            let (mut phases, mut since, mut names) = (String::new(), String::new(), Vec::<Value>::new());
            for r in 0..set.len() {
                let h = set.history(row, r);
                match h.changes.last() {
                    Some(&(s, p)) => {
                        phases.push(code(p));
                        since.push(char::from_digit(u32::try_from(s).unwrap_or(0), 36).unwrap_or('-'));
                        let name = set.name(row, r);
                        if names.last().and_then(|n| n[1].as_str()) != Some(name) {
                            names.push(json!([r, name]));
                        }
                    }
                    None => {
                        phases.push('-');
                        since.push('-');
                    }
                }
            }
            let slug = slugify(&key);
            (key, json!([slug, names, phases, since]))
        })
        .collect()
}

/// `feature-badges-data.js`: the data module `www/feature-badges.js` imports.
pub fn data_module(set: &ReleaseSet) -> String {
    assert!(set.len() <= 36, "one base-36 digit per release");
    let features: serde_json::Map<String, Value> = rows(set).into_iter().collect();
    let releases: Vec<&str> = (0..set.len()).map(|r| set.label(r)).collect();
    let data =
        json!({ "releases": releases, "latest": default_release(set), "messages": Words::all(), "features": features });
    format!(
        "// Generated by `cargo xtask build` (crates/prerender/src/badges.rs) from Istio's features.yaml\n\
         // files (istio/enhancements, Apache-2.0): per feature [widget id, [[release, name]], phase by\n\
         // release, since by release (base 36)]; the badges' strings by language (i18n/<lang>.toml,\n\
         // badge_* keys). Read by feature-badges.js.\n\
         export default {data};\n"
    )
}

/// Every known id (row keys and widget ids) in every release, as [`describe`] gives it: what
/// the browser test compares the script's lookups with.
pub fn expectations(set: &ReleaseSet) -> Value {
    let mut out = Vec::new();
    for (key, row) in rows(set) {
        let slug = row[0].as_str().unwrap_or_default().to_owned();
        for id in [key, slug] {
            for r in (0..set.len()).map(|r| Some(set.label(r))).chain([None]) {
                let v = match describe(set, &id, r) {
                    Ok(b) => json!({
                        "id": id, "release": r, "slug": b.slug, "name": b.name, "phase": b.phase.label(),
                        "since": b.since, "shown": b.release,
                        "history": b.history.iter().map(|(r, p)| json!([r, p.label()])).collect::<Vec<_>>(),
                    }),
                    Err(m) => json!({ "id": id, "release": r, "missing": m.text() }),
                };
                out.push(v);
            }
        }
    }
    Value::Array(out)
}

/// What the Hugo shortcode `feature-status` reads beside the site's own `features.yaml`
/// (`data/feature_matrix_badges.json`): per widget id (the shortcode derives it from the id it
/// is given, so ids some releases wrote with stray punctuation still match), in the default
/// release, the phase, since and history. The shortcode shows the site's phase and uses
/// "since" and the history only while they agree with it. One feature per line.
pub fn hugo_data(set: &ReleaseSet) -> String {
    let r = default_release(set);
    let mut lines = Vec::new();
    for (key, row) in rows(set) {
        if let Ok(b) = describe(set, &key, Some(set.label(r))) {
            let history: Vec<Value> = b.history.iter().map(|(r, p)| json!([r, p.label()])).collect();
            let v = json!({ "phase": b.phase.label(), "since": b.since, "history": history });
            lines.push(format!("    {}: {v}", Value::from(row[0].as_str().unwrap_or_default())));
        }
    }
    format!(
        "{{\n  \"generated\": \"cargo xtask build (crates/prerender/src/badges.rs) from Istio's features.yaml files\",\n  \
         \"release\": {},\n  \"features\": {{\n{}\n  }}\n}}\n",
        Value::from(set.label(r)),
        lines.join(",\n")
    )
}

/// The widget's phase colours (light theme, `feature-matrix.css`): background, text, border.
const fn colours(p: Phase) -> (&'static str, &'static str, &'static str) {
    match p {
        Phase::Experimental => ("#f5edff", "#5b2a9a", "#b99be6"),
        Phase::Alpha => ("#fff1e5", "#8a3b00", "#e8a46f"),
        Phase::Beta => ("#e7f0ff", "#0b4aa2", "#8db3ef"),
        Phase::Stable => ("#e6f6ea", "#135a2a", "#7cc491"),
        Phase::Deprecated => ("#f1f1f1", "#4a4a4a", "#a8a8a8"),
    }
}

/// About how wide `text` is in 11 px Verdana-like type (each `<text>` is then stretched or
/// squeezed to exactly this with `textLength`, so it fits whatever font the viewer has).
fn text_width(text: &str, bold: bool) -> f64 {
    let w: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | ' ' => 3.6,
            'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' | '/' => 4.6,
            'm' | 'w' | 'M' | 'W' => 10.0,
            'A'..='Z' => 7.6,
            c if c.is_ascii() => 6.6,
            _ => 11.0,
        })
        .sum();
    if bold {
        w * 1.08
    } else {
        w
    }
}

/// A static SVG badge of a feature in a release, for pages where no script runs (a README, an
/// issue comment): its name, then "{phase} since {release}" in the phase's colours, with a
/// `<title>` and an accessible name, as the badge link says it.
pub fn svg(b: &Badge, words: &Words) -> String {
    let (plain, _) = name_forms(&b.name);
    let since = words.fill("badge_since", &[("release", &b.since)]);
    let value = format!("{} {since}", b.phase.label());
    let label = words.fill("badge_label", &[("name", &plain), ("phase", b.phase.label()), ("release", &b.since)]);
    let title = format!("{label} (Istio {})", b.release);
    let (bg, text, border) = colours(b.phase);
    let (lw, vw) = (text_width(&plain, false), text_width(&value, true));
    let (left, right) = ((lw + 12.0).round(), (vw + 12.0).round());
    let width = left + right;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"20\" viewBox=\"0 0 {width} 20\" role=\"img\" aria-label=\"{aria}\">\
         <title>{title}</title>\
         <rect x=\"0.5\" y=\"0.5\" width=\"{w1}\" height=\"19\" rx=\"4\" fill=\"#f6f8fa\" stroke=\"#d0d7de\"/>\
         <rect x=\"{left}\" y=\"0.5\" width=\"{r1}\" height=\"19\" rx=\"4\" fill=\"{bg}\" stroke=\"{border}\"/>\
         <g font-family=\"Verdana,DejaVu Sans,Geneva,sans-serif\" font-size=\"11\">\
         <text x=\"6\" y=\"14\" fill=\"#1b1f24\" textLength=\"{lw:.1}\" lengthAdjust=\"spacingAndGlyphs\">{name}</text>\
         <text x=\"{vx}\" y=\"14\" fill=\"{text}\" font-weight=\"bold\" textLength=\"{vw:.1}\" lengthAdjust=\"spacingAndGlyphs\">{value}</text>\
         </g></svg>\n",
        aria = escape(&label),
        title = escape(&title),
        w1 = width - 1.0,
        r1 = right - 0.5,
        name = escape(&plain),
        vx = left + 6.0,
        value = escape(&value),
    )
}

/// Every feature's SVG badge: `(path, svg)`, `<id>.svg` for the default release and
/// `<release>/<id>.svg` for each release that lists it, by the feature's Istio id.
pub fn svgs(set: &ReleaseSet) -> Vec<(String, String)> {
    let words = Words::of("en");
    let newest = set.label(default_release(set)).to_owned();
    let mut out = Vec::new();
    let mut snippets = vec![format!(
        "# Feature badges for Istio {newest}\n\nFor a README or an issue: each line is Markdown that shows the badge and \
         links it to the feature's row. Put the address where `dist/` is served before `badges/` and \
         `index.html` (`https://docs.example.org/feature-matrix/badges/...`). Other releases: \
         `badges/<release>/<id>.svg`.\n"
    )];
    for (key, _) in rows(set) {
        // An id is a file name here: letters, digits and `._-` only (all of Istio's are).
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
            continue;
        }
        for r in 0..set.len() {
            let label = set.label(r);
            if let Ok(b) = describe(set, &key, Some(label)) {
                let file = svg(&b, &words);
                if label == newest {
                    out.push((format!("{key}.svg"), file.clone()));
                    let alt = words.fill(
                        "badge_label",
                        &[("name", &name_forms(&b.name).0), ("phase", b.phase.label()), ("release", &b.since)],
                    );
                    let link = matrix_link(DEFAULT_HREF, &b.release, &b.slug);
                    // Markdown's own characters in a name are escaped in the image's text.
                    let alt: String = alt
                        .chars()
                        .flat_map(|c| (matches!(c, '[' | ']' | '\\')).then_some('\\').into_iter().chain([c]))
                        .collect();
                    snippets.push(format!("- `{key}`: `[![{alt}](badges/{key}.svg)]({link})`"));
                }
                out.push((format!("{label}/{key}.svg"), file));
            }
        }
    }
    out.push(("snippets.md".to_owned(), snippets.join("\n") + "\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use feature_matrix_view::embedded::RELEASES;

    #[test]
    fn svg_badges_escape_names_and_cover_every_listed_feature() {
        let b = Badge {
            key: "x.y".into(),
            slug: "x-y".into(),
            name: "A <script>alert(\"1\")</script> & `code`".into(),
            release: "1.28".into(),
            phase: Phase::Alpha,
            since: "1.20".into(),
            history: Vec::new(),
        };
        let svg = svg(&b, &Words::of("en"));
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("A &lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; code"), "{svg}");
        assert!(svg.contains(">Alpha since 1.20</text>") && svg.contains("fill=\"#fff1e5\""), "{svg}");
        let all = svgs(&RELEASES);
        let newest = all.iter().filter(|(p, _)| !p.contains('/') && p.ends_with(".svg")).count();
        let in_newest = (0..u16::try_from(RELEASES.rows()).unwrap())
            .filter(|&row| RELEASES.history(row, default_release(&RELEASES)).changes.last().is_some())
            .count();
        assert!(newest > 40 && newest <= in_newest, "{newest} badges, {in_newest} features listed");
        assert!(all.iter().any(|(p, _)| p == "snippets.md"));
    }

    #[test]
    fn a_badge_says_phase_since_and_history() {
        let b = describe(&RELEASES, "traffic.sidecar", Some("1.28")).unwrap();
        assert_eq!((b.slug.as_str(), b.name.as_str(), b.phase), ("traffic-sidecar", "Sidecar API", Phase::Stable));
        let r = RELEASES.find("1.28").unwrap();
        let row = RELEASES.row("traffic.sidecar").unwrap();
        assert_eq!(b.since, RELEASES.label(RELEASES.since(row, r).unwrap()));
        assert_eq!(b.history.last().map(|h| h.0.as_str()), Some(b.since.as_str()));
        // The widget's id finds the same feature; no release means the newest numbered one.
        assert_eq!(describe(&RELEASES, "traffic-sidecar", Some("1.28")).map(|b| b.since), Ok(b.since.clone()));
        assert_eq!(RELEASES.label(default_release(&RELEASES)), "1.28");
        // Found by its id although its row key is 1.12's `:"traffic.kubernetes_mcs"`.
        assert_eq!(
            describe(&RELEASES, "traffic.kubernetes_mcs", None).map(|b| b.slug),
            Ok("traffic-kubernetes-mcs".into())
        );
        assert_eq!(describe(&RELEASES, "traffic.sidecar", None).map(|b| b.release), Ok("1.28".to_owned()));
    }

    #[test]
    fn every_language_names_a_badge_with_its_visible_text() {
        for (lang, _) in BADGE_MESSAGES {
            let words = Words::of(lang);
            let since = words.fill("badge_since", &[("release", "1.24")]);
            let label = words.fill("badge_label", &[("name", "Sidecar API"), ("phase", "Stable"), ("release", "1.24")]);
            assert!(label.contains(&format!("Stable {since}")), "{lang}: {label:?} lacks {since:?}");
            assert!(label.contains("Sidecar API"), "{lang}: {label:?}");
        }
        assert!(Words::known("zh-CN") && Words::known("uk") && !Words::known("de"));
        // The lang attribute names the language spoken: English for a language without strings.
        let attrs = |l: &str| Attrs { id: "x".into(), lang: Some(l.into()), ..Attrs::default() }.html();
        assert!(attrs("zh-CN").ends_with(" data-lang=\"zh-CN\" lang=\"zh\""), "{}", attrs("zh-CN"));
        assert!(attrs("de").ends_with(" data-lang=\"de\" lang=\"en\""), "{}", attrs("de"));
        assert_eq!(Words::of("de-AT").fill("badge_open", &[]), "Open in the feature matrix");
    }

    #[test]
    fn what_a_badge_cannot_describe_is_named() {
        assert_eq!(describe(&RELEASES, "no.such", None), Err(Missing::UnknownFeature));
        assert_eq!(describe(&RELEASES, "traffic.sidecar", Some("0.9")), Err(Missing::UnknownRelease));
        let (page, warnings) = fill_page(&RELEASES, "<p>a <span data-feature-badge=\"x&lt;y\"></span> b</p>");
        assert_eq!(
            page,
            "<p>a <span class=\"fm-badge fm-badge--unknown\" data-feature-badge=\"x&lt;y\"><span class=\"fm-badge-phase\">unknown feature</span></span> b</p>"
        );
        assert_eq!(warnings, ["badge \"x<y\": unknown feature"]);
    }

    #[test]
    fn pages_get_their_badges_and_keep_the_rest() {
        let page = "<p>x <span data-feature-badge=\"traffic.sidecar\" data-release=\"1.24\" data-matrix-href=\"../index.html\"></span>\
                    <span data-feature-badge=\"y\">kept</span></p>";
        let (out, _) = fill_page(&RELEASES, page);
        assert!(out.contains("href=\"../index.html?fm.release=1.24#fm-traffic-sidecar\""), "{out}");
        assert!(out.contains("popovertarget=\"fmb-1\"") && out.contains("id=\"fmb-1\" popover"));
        assert!(out.ends_with("<span data-feature-badge=\"y\">kept</span></p>"));
        // Only phrasing content: a badge can stand inside a paragraph.
        for tag in ["<div", "<p ", "<ol", "<ul", "<li"] {
            assert!(!out[3..].contains(tag), "{tag} in {out}");
        }
    }

    #[test]
    fn the_hugo_data_is_json_keyed_by_widget_id() {
        let v: Value = serde_json::from_str(&hugo_data(&RELEASES)).unwrap();
        assert_eq!(v["release"], "1.28");
        assert_eq!(v["features"]["traffic-kubernetes-mcs"]["phase"], "Experimental");
        let sidecar = describe(&RELEASES, "traffic.sidecar", None).unwrap();
        assert_eq!(v["features"]["traffic-sidecar"]["since"], sidecar.since.as_str());
    }

    #[test]
    fn code_spans_in_names() {
        assert_eq!(
            name_forms("Waypoints: `DestinationRule`"),
            ("Waypoints: DestinationRule".into(), "Waypoints: <code>DestinationRule</code>".into())
        );
        assert_eq!(name_forms("a `<b>` c `d"), ("a <b> c `d".into(), "a <code>&lt;b&gt;</code> c `d".into()));
        assert_eq!(name_forms("``x"), ("x".into(), "<code></code>x".into()));
    }

    #[test]
    fn links_keep_the_page_query_and_drop_its_fragment() {
        assert_eq!(matrix_link("/docs/stages/?x=1#top", "1.28", "a-b"), "/docs/stages/?x=1&fm.release=1.28#fm-a-b");
        for bad in [
            "javascript:window.__canary=1//",
            "data:text/html,x",
            "//other.host/x",
            " javascript:x",
            "java\tscript:x",
            "\\\\evil.example",
            "/\\evil.example",
        ] {
            assert!(!safe_href(bad), "{bad:?}");
        }
        for good in ["", "../x/index.html", "https://example.com/m.html", "?fm.q=x"] {
            assert!(safe_href(good), "{good:?}");
        }
    }
}
