//! Finding the item a user means: `flexgen`, `flex`, `neural network`, `backprop`. Pure.

/// What lookup needs of an item.
#[derive(Debug, Clone, Copy)]
pub struct NamedItem<'a> {
    pub id: i64,
    pub slug: &'a str,
    pub title: &'a str,
}

/// The outcome of a lookup.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    One(i64),
    /// Several items match; each as (slug, title).
    Many(Vec<(String, String)>),
    /// Nothing matches; up to three close slugs.
    None {
        suggestions: Vec<String>,
    },
}

/// Rules, first that matches wins: numeric id; exact slug; unique slug prefix; all words found
/// as whole title words; all words as prefixes of title words.
pub fn find(query: &str, items: &[NamedItem<'_>]) -> Found {
    let q = query.trim();
    let lower = q.to_lowercase();
    if let Ok(id) = q.parse::<i64>()
        && items.iter().any(|c| c.id == id)
    {
        return Found::One(id);
    }
    if let Some(c) = items.iter().find(|c| c.slug == lower) {
        return Found::One(c.id);
    }
    let by_prefix: Vec<&NamedItem> = items
        .iter()
        .filter(|c| c.slug.starts_with(&lower))
        .collect();
    if by_prefix.len() == 1 {
        return Found::One(by_prefix[0].id);
    }
    let words = words_of(&lower);
    if !words.is_empty() {
        for matcher in [
            whole_words as fn(&[String], &[String]) -> bool,
            word_prefixes,
        ] {
            let hits: Vec<&NamedItem> = items
                .iter()
                .filter(|c| matcher(&words, &words_of(&c.title.to_lowercase())))
                .collect();
            match hits.len() {
                0 => continue,
                1 => return Found::One(hits[0].id),
                _ => return many(&hits),
            }
        }
    }
    if by_prefix.len() > 1 {
        return many(&by_prefix);
    }
    Found::None {
        suggestions: suggestions(&lower, items),
    }
}

fn many(hits: &[&NamedItem<'_>]) -> Found {
    Found::Many(
        hits.iter()
            .map(|c| (c.slug.to_string(), c.title.to_string()))
            .collect(),
    )
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn whole_words(query: &[String], title: &[String]) -> bool {
    query.iter().all(|q| title.contains(q))
}

fn word_prefixes(query: &[String], title: &[String]) -> bool {
    query
        .iter()
        .all(|q| title.iter().any(|t| t.starts_with(q.as_str())))
}

/// Up to three slugs that look like the query, closest first.
fn suggestions(query: &str, items: &[NamedItem<'_>]) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = items
        .iter()
        .map(|c| (strsim::jaro_winkler(query, c.slug), c.slug))
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEMS: &[(i64, &str, &str)] = &[
        (
            1,
            "neural-network",
            "But what is a neural network? | Chapter 1, Deep learning",
        ),
        (
            2,
            "gradient-descent",
            "Gradient descent, how neural networks learn | Chapter 2, Deep learning",
        ),
        (
            3,
            "backpropagation-really-doing",
            "What is backpropagation really doing? | Chapter 3",
        ),
        (
            4,
            "alpaserve",
            "Alpaserve: Statistical Multiplexing with Model Parallelism",
        ),
        (
            5,
            "alpa",
            "Alpa: Automating Inter- and Intra-Operator Parallelism",
        ),
        (
            6,
            "flexgen",
            "FlexGen: High-throughput Generative Inference",
        ),
        (
            7,
            "history-of-speech-recognition",
            "The History of Speech Recognition to the Year 2030",
        ),
        (
            8,
            "backpropagation-calculus",
            "Backpropagation calculus | Chapter 4, Deep learning",
        ),
    ];

    fn candidates() -> Vec<NamedItem<'static>> {
        ITEMS
            .iter()
            .map(|&(id, slug, title)| NamedItem { id, slug, title })
            .collect()
    }

    #[test]
    fn each_rule_in_order() {
        let c = candidates();
        let cases = [
            ("6", 6),
            ("alpa", 5),
            ("ALPA", 5),
            ("flex", 6),
            ("alpas", 4),
            ("neural network", 1),
            ("speech recognition", 7),
            ("calculus", 8),
            ("intra", 5),
        ];
        for (query, id) in cases {
            assert_eq!(find(query, &c), Found::One(id), "{query}");
        }
    }

    #[test]
    fn ambiguity_lists_candidates() {
        let c = candidates();
        let Found::Many(hits) = find("backprop", &c) else {
            panic!("expected several")
        };
        let slugs: Vec<&str> = hits.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            slugs,
            ["backpropagation-really-doing", "backpropagation-calculus"]
        );
        assert!(matches!(find("deep learning", &c), Found::Many(h) if h.len() == 3));
    }

    #[test]
    fn misses_suggest_close_slugs() {
        let c = candidates();
        match find("flexgn", &c) {
            Found::None { suggestions } => {
                assert_eq!(suggestions.first().map(String::as_str), Some("flexgen"))
            }
            other => panic!("expected none, got {other:?}"),
        }
        assert_eq!(
            find("zzzz qqq", &c),
            Found::None {
                suggestions: vec![]
            }
        );
        assert_eq!(
            find("99", &c),
            Found::None {
                suggestions: vec![]
            }
        );
    }
}
