//! `mlpath next`: numbered suggestions, each with a line of details under it.

use super::fit::{cut, join_parts, wrap};
use super::{Output, safe, section};
use crate::rank;
use crate::views::Suggestion;

/// The suggestions; `explain` adds the value of each ranking term.
pub fn text(suggestions: &[Suggestion], explain: bool, out: &Output) -> String {
    // Numbers are right-aligned, so every detail line starts under its item's slug.
    let digits = suggestions.len().to_string().len();
    let indent = " ".repeat(digits + 2);
    let room = out.width.map(|w| w.saturating_sub(indent.len()).max(10));
    let mut text = String::new();
    for (i, s) in suggestions.iter().enumerate() {
        let headline = format!("{}  {}", safe(&s.slug, false), safe(&s.title, false));
        let headline = room.map_or_else(|| headline.clone(), |room| cut(&headline, room));
        text.push_str(&format!("{:>digits$}. {headline}\n", i + 1));
        let parts = [
            s.kind.to_string(),
            section(&s.section),
            safe(&s.reason, false),
        ];
        let parts = parts.map(|p| room.map_or_else(|| p.clone(), |room| cut(&p, room)));
        for line in join_parts(&parts, room).lines() {
            text.push_str(&format!("{indent}{line}\n"));
        }
        if explain && let Some(terms) = &s.terms {
            let score = terms_line(s.score, terms);
            for line in room.map_or_else(|| vec![score.clone()], |room| wrap(&score, room)) {
                text.push_str(&format!("{indent}{line}\n"));
            }
        }
    }
    text
}

/// `score 16 = 10×1 in_progress + …`: the weighted sum the ranking computed.
fn terms_line(score: f64, t: &rank::Terms) -> String {
    let terms = [
        (rank::W_IN_PROGRESS, t.in_progress, "in_progress"),
        (rank::W_RECENCY, t.recency, "recency"),
        (rank::W_EARLINESS, t.earliness, "earliness"),
        (rank::W_SECTION, t.section, "section"),
        (rank::W_REVIEW, t.review, "review"),
    ]
    .map(|(weight, value, name)| format!("{weight}×{value:.3} {name}"));
    format!("score {score:.3} = {}", terms.join(" + "))
}
