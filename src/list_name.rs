//! Finding the list a `--list NAME` means: the exact name, else the one name equal to it in any
//! case (as every other value is read), else close names to suggest. Pure.

/// The outcome of matching a name against the recorded lists' names.
#[derive(Debug, Clone, PartialEq)]
pub enum ListMatch {
    /// The index of the list meant.
    One(usize),
    /// Several names equal the query in some case (`Notes` and `NOTES` for `notes`).
    Ambiguous(Vec<String>),
    /// Nothing matches; up to three close names, closest first.
    None { suggestions: Vec<String> },
}

/// Matches `query` against `names` (in list order).
pub fn find(query: &str, names: &[&str]) -> ListMatch {
    if let Some(at) = names.iter().position(|n| *n == query) {
        return ListMatch::One(at);
    }
    let lower = query.trim().to_lowercase();
    let same: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].trim().to_lowercase() == lower)
        .collect();
    match same.as_slice() {
        [one] => ListMatch::One(*one),
        [] => ListMatch::None {
            suggestions: suggestions(&lower, names),
        },
        many => ListMatch::Ambiguous(many.iter().map(|&i| names[i].to_string()).collect()),
    }
}

fn suggestions(lower: &str, names: &[&str]) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = names
        .iter()
        .map(|n| (strsim::jaro_winkler(lower, &n.to_lowercase()), *n))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(3)
        .map(|(_, n)| n.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["List Alpha", "List Beta", "Notes", "NOTES"];

    #[test]
    fn names_match_exactly_first_then_in_any_case() {
        let cases = [
            ("List Beta", ListMatch::One(1)),
            ("list beta", ListMatch::One(1)),
            ("  LIST ALPHA ", ListMatch::One(0)),
            ("NOTES", ListMatch::One(3)),
            ("Notes", ListMatch::One(2)),
            (
                "notes",
                ListMatch::Ambiguous(vec!["Notes".into(), "NOTES".into()]),
            ),
        ];
        for (query, want) in cases {
            assert_eq!(find(query, NAMES), want, "{query:?}");
        }
    }

    #[test]
    fn an_unknown_name_suggests_close_ones_only() {
        assert_eq!(
            find("list bta", NAMES),
            ListMatch::None {
                suggestions: vec!["List Beta".into(), "List Alpha".into()]
            }
        );
        assert_eq!(
            find("papers", NAMES),
            ListMatch::None {
                suggestions: vec![]
            }
        );
        assert_eq!(
            find("x", &[]),
            ListMatch::None {
                suggestions: vec![]
            }
        );
    }
}
