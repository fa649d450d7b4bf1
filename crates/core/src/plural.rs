//! Plural categories (CLDR cardinal rules, integers only) of the languages the widget's
//! message files may be written in. Shared by the core and its build script, which checks
//! that each language file has the forms its language needs.

/// The form of a count `n` in `lang`, as an offset into a plural message's four forms:
/// 0 `one`, 1 `few`, 2 `many`, 3 `other`.
pub fn category(lang: &str, n: usize) -> usize {
    match lang {
        // No plural forms.
        "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "lo" | "my" => 3,
        // East Slavic: 1, 21, 31 … one; 2–4, 22–24 … few; the rest many.
        "uk" | "ru" | "be" => {
            let (d, h) = (n % 10, n % 100);
            if d == 1 && h != 11 {
                0
            } else if (2..=4).contains(&d) && !(12..=14).contains(&h) {
                1
            } else {
                2
            }
        }
        // 0 and 1 are singular.
        "fr" | "pt" | "hi" | "bn" | "fa" => {
            if n < 2 {
                0
            } else {
                3
            }
        }
        _ => {
            if n == 1 {
                0
            } else {
                3
            }
        }
    }
}

/// Names of the forms, by offset.
pub const FORMS: [&str; 4] = ["one", "few", "many", "other"];

/// The forms a plural message in `lang` needs (always `other`).
pub fn needed(lang: &str) -> Vec<&'static str> {
    let mut used = [false, false, false, true];
    for n in 0..1000 {
        used[category(lang, n)] = true;
    }
    FORMS.iter().zip(used).filter_map(|(f, u)| u.then_some(*f)).collect()
}
