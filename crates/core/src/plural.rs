//! Plural categories (CLDR cardinal rules, integers only) of the languages the widget's
//! message files may be written in. Shared by the core and its build script, which checks
//! that each language file has the forms its language needs.
//!
//! A language's rule travels with its messages as one digit ([`rule`], written by the build),
//! so the wasm holds the few rules but no table of language codes.

/// The plural rule of `lang` (host tools and the build only): 0 no plural forms, 1 `one` for 1,
/// 2 `one` for 0 and 1, 3 East Slavic (`one`, `few`, `many`).
pub fn rule(lang: &str) -> u8 {
    match lang {
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "lo" | "my" => 0,
        "fr" | "pt" | "hi" | "bn" | "fa" => 2,
        "uk" | "ru" | "be" => 3,
        _ => 1,
    }
}

/// The form of a count `n` under `rule`, as an offset into a plural message's four forms:
/// 0 `one`, 1 `few`, 2 `many`, 3 `other`.
pub fn category(rule: u8, n: usize) -> usize {
    let (d, h) = (n % 10, n % 100);
    match rule {
        0 => 3,
        // 1, 21, 31 … one; 2–4, 22–24 … few; the rest many.
        3 if d == 1 && h != 11 => 0,
        3 if (2..=4).contains(&d) && !(12..=14).contains(&h) => 1,
        3 => 2,
        2 if n < 2 => 0,
        1 if n == 1 => 0,
        _ => 3,
    }
}

/// Names of the forms, by offset.
pub const FORMS: [&str; 4] = ["one", "few", "many", "other"];

/// The forms a plural message in `lang` needs (always `other`).
pub fn needed(lang: &str) -> Vec<&'static str> {
    let mut used = [false, false, false, true];
    for n in 0..1000 {
        used[category(rule(lang), n)] = true;
    }
    FORMS.iter().zip(used).filter_map(|(f, u)| u.then_some(*f)).collect()
}
