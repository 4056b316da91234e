//! Short, stable, ASCII names for items: `flexgen`, `neural-network`, `history-of-speech-recognition`.

use std::collections::HashSet;

const MAX_WORDS: usize = 4;
const MAX_LEN: usize = 30;

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "and", "or", "for", "with", "in", "on", "at", "by", "via", "is",
    "are", "what", "but", "how", "why", "from", "into", "your", "you", "we", "our", "my",
];

/// The slug a title would get, before collisions are resolved.
///
/// `Name: subtitle` gives the slugified name; otherwise the first few significant words of the
/// title's first clause. Titles without any ASCII letters or digits get `item`.
pub fn base(title: &str) -> String {
    let head = match title.split_once(':') {
        Some((name, _)) if name.chars().any(|c| c.is_ascii_alphanumeric()) => name,
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

/// Makes `base` unique among `taken` with a numeric suffix, and records it.
pub fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    if taken.insert(base.to_string()) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| taken.insert(candidate.clone()))
        .unwrap_or_else(|| base.to_string())
}

fn first_clause(title: &str) -> &str {
    let end =
        crate::text::first_separator(title, &[" | ", " - ", " — ", ",", "?", "(", "["], |c| {
            c.is_ascii_alphanumeric()
        });
    &title[..end.unwrap_or(title.len())]
}

fn ascii_words(text: &str) -> Vec<String> {
    let folded: String = text.chars().map(fold_accent).collect();
    folded
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

/// Folds common Latin accents to ASCII so `Café` slugs as `cafe`.
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Ö' | 'Ó' | 'Ò' => 'O',
        'Ü' | 'Ú' => 'U',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            ("大模型时代下做科研的四个思路", "item"),
            ("What Is", "what"),
            ("A", "a"),
            ("Llama 3.1论文精读 · 5. 模型训练过程", "llama-3-1-5"),
        ];
        for (title, slug) in cases {
            assert_eq!(base(title), slug, "{title}");
        }
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut taken = HashSet::new();
        assert_eq!(unique("alpa", &mut taken), "alpa");
        assert_eq!(unique("alpa", &mut taken), "alpa-2");
        assert_eq!(unique("alpa", &mut taken), "alpa-3");
        assert_eq!(unique("alpa-2", &mut taken), "alpa-2-2");
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
