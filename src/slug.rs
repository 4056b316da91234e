//! Short, stable, ASCII names for items: `flexgen`, `neural-network`, `history-of-speech-recognition`.
//! Letters of any script are transliterated with `deunicode` (`Глубокое обучение` →
//! `glubokoe-obuchenie`, `大模型` → `da-mo-xing`).

use std::collections::{HashMap, HashSet};

const MAX_WORDS: usize = 4;
const MAX_LEN: usize = 30;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "for", "with", "in", "on", "at", "by", "via", "is",
    "are", "what", "but", "how", "why", "from", "into", "your", "you", "we", "our", "my",
];

/// The slug a title would get, before collisions are resolved.
///
/// `Name: subtitle` gives the slugified name; otherwise the first few significant words of the
/// title's first clause. Titles without any letters or digits get `item`.
pub fn base(title: &str) -> String {
    let head = match title.split_once(':') {
        // `2003: The Google File System`: a year (or any bare number) is not a name.
        Some((name, rest)) if is_number(name) && has_letters(rest) => return base(rest),
        Some((name, _)) if name.chars().any(char::is_alphanumeric) => name,
        _ => first_clause(title),
    };
    let mut words = ascii_words(head);
    if words.is_empty() {
        words = ascii_words(title);
    }
    let slug = join_significant(&words);
    if slug.is_empty() {
        "item".to_string()
    } else {
        slug
    }
}

/// The slugs in use, and for each base the next numeric suffix worth trying, so that making
/// 100,000 identical titles unique takes linear time rather than quadratic.
#[derive(Debug, Default)]
pub struct Taken {
    slugs: HashSet<String>,
    next_suffix: HashMap<String, u64>,
}

impl FromIterator<String> for Taken {
    fn from_iter<I: IntoIterator<Item = String>>(slugs: I) -> Taken {
        Taken {
            slugs: slugs.into_iter().collect(),
            next_suffix: HashMap::new(),
        }
    }
}

/// Makes `base` unique among `taken` with a numeric suffix (`alpa`, `alpa-2`, …), and records it.
pub fn unique(base: &str, taken: &mut Taken) -> String {
    if taken.slugs.insert(base.to_string()) {
        return base.to_string();
    }
    let next = taken.next_suffix.entry(base.to_string()).or_insert(2);
    loop {
        let candidate = format!("{base}-{next}");
        *next += 1;
        if taken.slugs.insert(candidate.clone()) {
            return candidate;
        }
    }
}

/// The longest slug accepted from an export: a 30-character base and a 20-digit suffix fit.
const MAX_WELL_FORMED: usize = 64;

/// Whether `slug` has the shape `base` and `unique` give: lower-case ASCII letters and digits in
/// words joined by single hyphens (`flexgen`, `neural-network-2`). Restore refuses other slugs,
/// which could carry escapes or spaces that break every command naming the item.
pub fn is_well_formed(slug: &str) -> bool {
    slug.len() <= MAX_WELL_FORMED
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_number(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

fn has_letters(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

fn first_clause(title: &str) -> &str {
    let end = crate::text::first_separator(
        title,
        &[" | ", " - ", " — ", ",", "?", "(", "["],
        char::is_alphanumeric,
    );
    &title[..end.unwrap_or(title.len())]
}

/// Lowercase ASCII words: letters and digits of any script transliterated, apostrophes joining
/// (`Let's` → `lets`), everything else (punctuation, emoji) separating.
fn ascii_words(text: &str) -> Vec<String> {
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\'' | '’' | 'ʼ') {
            continue;
        }
        if c.is_ascii() {
            ascii.push(c);
        } else if c.is_alphanumeric() {
            let latin = deunicode::deunicode_char(c).unwrap_or(" ");
            // CJK characters come back as syllables with a trailing space ("Bei "): each one
            // is a word, also after a digit (`3.1论文` → `3 1 lun wen`).
            if latin.ends_with(' ') {
                ascii.push(' ');
            }
            ascii.push_str(latin);
        } else {
            ascii.push(' ');
        }
    }
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

fn join_significant(words: &[String]) -> String {
    let is_stop = |w: &String| STOP_WORDS.contains(&w.as_str());
    // Leading stop words go, unless the title is nothing else ("The Who" → "who", "It" → "it").
    let start = words.iter().position(|w| !is_stop(w)).unwrap_or(0);
    let mut picked: Vec<&str> = words[start..]
        .iter()
        .take(MAX_WORDS)
        .map(String::as_str)
        .collect();
    while picked.len() > 1 && picked.last().is_some_and(|w| STOP_WORDS.contains(w)) {
        picked.pop();
    }
    let mut slug = String::new();
    for word in picked {
        if !slug.is_empty() && slug.len() + 1 + word.len() > MAX_LEN {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word[..word.len().min(MAX_LEN)]);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_slugs_are_what_base_and_unique_give() {
        let mut taken = Taken::default();
        for title in [
            "FlexGen: Fast",
            "FlexGen: Fast",
            "大模型",
            "!!!",
            "A very long title about many different things",
        ] {
            let slug = unique(&base(title), &mut taken);
            assert!(is_well_formed(&slug), "{slug}");
        }
        assert!(is_well_formed(&format!(
            "{}-18446744073709551615",
            "a".repeat(30)
        )));
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Flexgen",
            "a b",
            "a_b",
            "a\u{1b}[31m",
            "é",
            "a/b",
            &"a".repeat(65),
        ] {
            assert!(!is_well_formed(bad), "{bad:?} should be refused");
        }
    }

    #[test]
    fn name_before_colon() {
        let cases = [
            ("FlexGen: High-throughput Generative Inference", "flexgen"),
            ("ORCA: A Distributed Serving System", "orca"),
            ("OliVe: Accelerating Large Language Models", "olive"),
            ("Tabi: An Efficient Multi-Level Inference System", "tabi"),
            ("Alpaserve: Statistical Multiplexing", "alpaserve"),
            (
                "Alpa: Automating Inter- and Intra-Operator Parallelism",
                "alpa",
            ),
            (
                "Response Length Perception and Sequence Scheduling: An LLM",
                "response-length-perception",
            ),
            (
                "Deep Learning With Pytorch: A 60 min blitz",
                "deep-learning-with-pytorch",
            ),
            ("2003: The Google File System", "google-file-system"),
            (
                "2007: Dynamo: Amazon’s Highly Available Key-value Store",
                "dynamo",
            ),
            ("3: 1", "3"),
            // A course number is a name.
            ("6.006: Dynamic Programming I", "6-006"),
        ];
        for (title, slug) in cases {
            assert_eq!(base(title), slug, "{title}");
        }
    }

    #[test]
    fn significant_words() {
        let cases = [
            (
                "But what is a neural network? | Chapter 1, Deep learning",
                "neural-network",
            ),
            (
                "Gradient descent, how neural networks learn | Chapter 2",
                "gradient-descent",
            ),
            (
                "The History of Speech Recognition to the Year 2030",
                "history-of-speech-recognition",
            ),
            ("State of GPT | BRK216HFS", "state-of-gpt"),
            ("Café Society", "cafe-society"),
            ("大模型时代下做科研的四个思路", "da-mo-xing-shi"),
            ("Глубокое обучение", "glubokoe-obuchenie"),
            ("Μηχανική μάθηση", "mekhanike-mathese"),
            ("Let's build GPT: from scratch", "lets-build-gpt"),
            ("Let’s build GPT", "lets-build-gpt"),
            ("🚀 Rocket Science", "rocket-science"),
            ("★ ☆ ✓ …", "item"),
            ("What Is", "what"),
            ("A", "a"),
            ("Llama 3.1论文精读 · 5. 模型训练过程", "llama-3-1-lun"),
        ];
        for (title, slug) in cases {
            assert_eq!(base(title), slug, "{title}");
        }
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut taken = Taken::default();
        assert_eq!(unique("alpa", &mut taken), "alpa");
        assert_eq!(unique("alpa", &mut taken), "alpa-2");
        assert_eq!(unique("alpa", &mut taken), "alpa-3");
        assert_eq!(unique("alpa-2", &mut taken), "alpa-2-2");
        // Slugs already in the database are skipped over.
        let mut taken: Taken = ["tabi", "tabi-2", "tabi-4"]
            .map(String::from)
            .into_iter()
            .collect();
        assert_eq!(unique("tabi", &mut taken), "tabi-3");
        assert_eq!(unique("tabi", &mut taken), "tabi-5");
        assert_eq!(unique("tabi-3", &mut taken), "tabi-3-2");
    }

    /// 100,000 identical titles: every slug unique, numbered in order. (Quadratic before; the
    /// time is shown by scripts/bench.sh, not asserted here.)
    #[test]
    fn many_identical_titles_get_distinct_numbered_slugs() {
        let mut taken = Taken::default();
        let slugs: Vec<String> = (0..100_000).map(|_| unique("item", &mut taken)).collect();
        assert_eq!(slugs[0], "item");
        assert_eq!(slugs[1], "item-2");
        assert_eq!(slugs[99_999], "item-100000");
        let distinct: HashSet<&String> = slugs.iter().collect();
        assert_eq!(distinct.len(), slugs.len());
    }

    #[test]
    fn slugs_are_short_lowercase_ascii() {
        let s = base("Supercalifragilisticexpialidocious Extraordinarily Long Words Everywhere");
        assert!(s.len() <= MAX_LEN, "{s}");
        assert!(
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        );
    }
}
