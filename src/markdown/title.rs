//! Turning the inline content of a list item or table row into a title, a venue and a year.

use super::links::{is_anchor, is_generic_label};
use super::suffix::{self, ListDates};
use super::venue::{VenueTags, strip_venue_tags, venue_piece};
use crate::text::{collapse, first_separator};

/// Inline content of an item, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Span {
    Text { text: String, strong: bool },
    Link(RawLink),
}

/// A link as written: visible label, target, and the alt text of an image it wraps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawLink {
    pub label: String,
    pub url: String,
    pub image_alt: String,
    /// Set by `finish`: the label to store (the visible text, else the image's alt text).
    display: String,
    /// Set by `finish`: the label names the item (not "pdf", not a badge image).
    titled: bool,
}

impl RawLink {
    pub fn new(label: &str, url: &str, image_alt: &str) -> RawLink {
        RawLink {
            label: label.into(),
            url: url.into(),
            image_alt: image_alt.into(),
            ..RawLink::default()
        }
        .finish()
    }

    /// Classifies the link once its label is complete.
    pub fn finish(mut self) -> RawLink {
        let text = collapse(&self.label);
        self.titled = !text.is_empty() && !is_generic_label(&text);
        self.display = if text.is_empty() {
            collapse(&self.image_alt)
        } else {
            text
        };
        self
    }

    /// The label to store: the visible text, else the wrapped image's alt text.
    pub fn display_label(&self) -> &str {
        &self.display
    }

    pub fn is_anchor(&self) -> bool {
        is_anchor(&self.url)
    }

    pub fn is_titled(&self) -> bool {
        self.titled
    }

    /// Untitled, or labelled only with a resource word such as "pdf" or "code".
    pub fn is_generic(&self) -> bool {
        !self.titled
    }
}

/// Title, venue and year read from an item's text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TitleParts {
    pub title: String,
    pub venue: Option<String>,
    pub year: Option<i32>,
    /// The dates of a status suffix the export wrote (` — done 2026-11-20`), if any.
    pub dates: ListDates,
}

/// Reads title, venue and year from the spans of one item.
pub fn extract(spans: &[Span]) -> TitleParts {
    let (mut raw_title, cut_separators) = pick_title(spans);
    let mut rest = plain_text(spans);
    let mut dates = ListDates::default();
    if let Some((at, found)) = suffix::split(&rest) {
        // The suffix is status, not title, venue or year: a linkless title ends with it.
        let suffix = rest[at..].trim_end();
        if let Some(title) = raw_title.trim_end().strip_suffix(suffix)
            && has_words(title)
        {
            raw_title = title.to_string();
        }
        rest.truncate(at);
        dates = found;
    }
    let mut tags = VenueTags::default();
    let mut title = strip_venue_tags(&raw_title, &mut tags);
    if cut_separators {
        title = first_piece(&title);
    }
    // Tags may also sit outside the title text, e.g. `[Title](url) (ICML'23)`.
    if tags.venue.is_none() || tags.year.is_none() {
        let _ = strip_venue_tags(&rest, &mut tags);
        if tags.venue.is_none() {
            tags.venue = venue_piece(&rest);
        }
    }
    TitleParts {
        title: clean_title(&title),
        venue: tags.venue,
        year: tags.year,
        dates,
    }
}

/// The raw title text, and whether separators such as ` # ` and ` | ` end it.
fn pick_title(spans: &[Span]) -> (String, bool) {
    let meaningful = spans.iter().find(|s| match s {
        Span::Text { text, .. } => has_words(text),
        Span::Link(l) => !l.is_anchor(),
    });
    match meaningful {
        Some(Span::Link(link)) if link.is_titled() => return (link.label.clone(), false),
        Some(Span::Text { strong: true, .. }) => {
            let bold: String = spans
                .iter()
                .skip_while(|s| !matches!(s, Span::Text { strong: true, text } if has_words(text)))
                .map_while(|s| match s {
                    Span::Text { text, strong: true } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            return (bold, true);
        }
        _ => {}
    }
    let before_link: String = spans
        .iter()
        .map_while(|s| match s {
            Span::Text { text, .. } => Some(text.as_str()),
            Span::Link(l) if l.is_anchor() => Some(l.label.as_str()),
            Span::Link(_) => None,
        })
        .collect();
    if has_words(&before_link) {
        return (before_link, true);
    }
    let all = plain_text(spans);
    if has_words(&all) {
        return (all, true);
    }
    let first_label = spans.iter().find_map(|s| match s {
        Span::Link(l) if !l.display_label().is_empty() => Some(l.display_label().to_string()),
        _ => None,
    });
    (first_label.unwrap_or_default(), false)
}

/// The text of the spans, without link labels.
pub(super) fn plain_text(spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| match s {
            Span::Text { text, .. } => Some(text.as_str()),
            Span::Link(_) => None,
        })
        .collect()
}

/// True when the text has a letter or digit in it.
pub fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Words beyond which a line reads as a sentence rather than a name.
const MAX_NAME_WORDS: usize = 10;

/// Whether a line reads as a sentence rather than a name: it ends with `.`, `!` or `?` (not
/// `etc.`, `et al.` or `...`) or it has more than ten words besides its asides in brackets
/// (`MIT Probability (mathy, and go slowly, which is good for mathy things) (videos)` is a name).
pub fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    words_outside_brackets(text) > MAX_NAME_WORDS || ends_like_sentence(text)
}

fn words_outside_brackets(text: &str) -> usize {
    let mut depth = 0usize;
    let outside: String = text
        .chars()
        .map(|c| match c {
            '(' | '（' => {
                depth += 1;
                ' '
            }
            ')' | '）' => {
                depth = depth.saturating_sub(1);
                ' '
            }
            _ if depth > 0 => ' ',
            c => c,
        })
        .collect();
    outside.split_whitespace().count()
}

fn ends_like_sentence(text: &str) -> bool {
    if text.ends_with(['!', '?', '。', '！', '？']) {
        return true;
    }
    let Some(before) = text.strip_suffix('.') else {
        return false;
    };
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default();
    !(before.ends_with('.') || matches!(last.to_lowercase().as_str(), "etc" | "al" | "vs"))
}

/// Cuts a title at the first ` # ` or ` | ` separator (the rest is links and tags).
fn first_piece(text: &str) -> String {
    let cut = first_separator(text, &[" # ", "|", " #"], char::is_alphanumeric);
    text[..cut.unwrap_or(text.len())].to_string()
}

/// Collapses white space and trims separators, dangling brackets and emoji shortcodes.
pub fn clean_title(text: &str) -> String {
    let without_codes = strip_shortcodes(text);
    let collapsed = collapse(&without_codes);
    let is_trailing_junk = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '-' | '–' | '—' | '|' | '#' | '[' | '(' | ',' | ';' | '：' | '，' | '*' | '·'
            )
    };
    let is_leading_junk = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ':' | '-' | '|' | '#' | ']' | ')' | ',' | '*' | '•' | '：'
            )
    };
    let trimmed = collapsed
        .trim_end_matches(is_trailing_junk)
        .trim_start_matches(is_leading_junk);
    balance_brackets(trimmed)
}

/// Drops an unmatched closing bracket at the end left by a cut.
fn balance_brackets(text: &str) -> String {
    let mut s = text.to_string();
    for (open, close) in [('(', ')'), ('[', ']')] {
        let opens = s.matches(open).count();
        let closes = s.matches(close).count();
        if closes > opens && s.ends_with(close) {
            s.pop();
            s = s.trim_end().to_string();
        }
    }
    s
}

/// Removes `:rocket:`-style emoji shortcodes.
fn strip_shortcodes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(':') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let code_len = after.find(':').filter(|&n| {
            n > 0
                && after[..n]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '+')
        });
        match code_len {
            Some(n) => rest = &after[n + 1..],
            None => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Span {
        Span::Text {
            text: t.into(),
            strong: false,
        }
    }
    fn bold(t: &str) -> Span {
        Span::Text {
            text: t.into(),
            strong: true,
        }
    }
    fn link(label: &str, url: &str) -> Span {
        Span::Link(RawLink::new(label, url, ""))
    }

    #[test]
    fn paper_with_venue_and_generic_links() {
        let spans = [
            text(
                "FlexGen: High-throughput Generative Inference of Large Language Models with a Single GPU (ICML'23) # ",
            ),
            link("paper", "https://arxiv.org/abs/2303.06865"),
            text(" | "),
            link("review", "reviews/flexgen.md"),
        ];
        let parts = extract(&spans);
        assert_eq!(
            parts.title,
            "FlexGen: High-throughput Generative Inference of Large Language Models with a Single GPU"
        );
        assert_eq!(parts.venue.as_deref(), Some("ICML'23"));
        assert_eq!(parts.year, Some(2023));
    }

    #[test]
    fn venue_spellings() {
        let cases = [
            ("A (arxiv) # ", Some("arxiv"), None),
            ("A [OSDI'24]", Some("OSDI'24"), Some(2024)),
            ("A [arxiv'25]", Some("arxiv'25"), Some(2025)),
            ("A [arxiv, 2022]", Some("arxiv, 2022"), Some(2022)),
            ("rTasks[OSDI'20]: B", Some("OSDI'20"), Some(2020)),
            ("A (EuroSys'23) # ", Some("EuroSys'23"), Some(2023)),
            ("A (2015), G. Hinton", None, Some(2015)),
            ("A (video)", None, None),
        ];
        for (input, venue, year) in cases {
            let parts = extract(&[text(input)]);
            assert_eq!(parts.venue.as_deref(), venue, "venue of {input}");
            assert_eq!(parts.year, year, "year of {input}");
        }
        assert_eq!(extract(&[text("rTasks[OSDI'20]: B")]).title, "rTasks: B");
        assert_eq!(extract(&[text("A (video)")]).title, "A (video)");
    }

    #[test]
    fn whole_link_is_the_title() {
        let spans = [link(
            "But what is a neural network? | Chapter 1, Deep learning",
            "https://youtu.be/a",
        )];
        assert_eq!(
            extract(&spans).title,
            "But what is a neural network? | Chapter 1, Deep learning"
        );
    }

    #[test]
    fn titled_link_then_description() {
        let spans = [
            link("Enriching Word Vectors", "https://a.org"),
            text("：word2vec的升级版 | Piotr et al,2016"),
        ];
        assert_eq!(extract(&spans).title, "Enriching Word Vectors");
    }

    #[test]
    fn bold_title_with_year_and_authors() {
        let spans = [
            bold("Distilling the knowledge in a neural network"),
            text(" (2015), G. Hinton et al. ["),
            link("pdf", "http://arxiv.org/pdf/1503.02531"),
            text("]"),
        ];
        let parts = extract(&spans);
        assert_eq!(parts.title, "Distilling the knowledge in a neural network");
        assert_eq!(parts.year, Some(2015));
    }

    #[test]
    fn pipe_separated_venue() {
        let spans = [
            text("Zero-shot Whole-body Humanoid Control | "),
            bold("ICLR"),
            text(" | ["),
            link("Paper", ""),
            text("] | ["),
            link("Code", ""),
            text("] |"),
        ];
        let parts = extract(&spans);
        assert_eq!(parts.title, "Zero-shot Whole-body Humanoid Control");
        assert_eq!(parts.venue.as_deref(), Some("ICLR"));
    }

    #[test]
    fn shortcodes_and_space_are_cleaned() {
        assert_eq!(clean_title(" :rocket: Fast\n  thing: "), "Fast thing");
        assert_eq!(clean_title("Ratio 16:9 screens"), "Ratio 16:9 screens");
    }
}
