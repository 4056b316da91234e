//! Numbered reference paragraphs, the shape of famous reading roadmaps:
//! `**[12]** Author, A. "**Title of the paper**." Venue (2015). [[pdf]](url) **(note)** :star:`.
//! Each is one item titled by its quoted (usually bold) title, with its links and year.

use super::title::{RawLink, Span, has_words};
use super::tree::RawItem;

/// The item a top-level paragraph stands for, when it is a numbered reference with a quoted
/// title; `None` for any other paragraph.
pub(super) fn item(spans: &[Span], line: usize, section: Vec<String>) -> Option<RawItem> {
    let rest = after_number(spans)?;
    let (title, after) = bold_quoted_title(rest).or_else(|| plain_quoted_title(rest))?;
    let links: Vec<RawLink> = rest
        .iter()
        .filter_map(|s| match s {
            Span::Link(l) if !l.is_anchor() => Some(l.clone()),
            _ => None,
        })
        .collect();
    // The year goes where the title reader looks for it: a `(2015)` tag after the title.
    let tail = match year(&after) {
        Some(y) => format!(" ({y})"),
        None => String::new(),
    };
    let spans = vec![
        Span::Text {
            text: title,
            strong: true,
        },
        Span::Text {
            text: tail,
            strong: false,
        },
    ];
    Some(RawItem {
        spans,
        links,
        checkbox: None,
        line,
        section,
    })
}

/// The spans after a leading bold `[12]`, or `None` when the paragraph does not start so.
fn after_number(spans: &[Span]) -> Option<&[Span]> {
    let (first, rest) = spans.split_first()?;
    let Span::Text { text, strong: true } = first else {
        return None;
    };
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())).then_some(rest)
}

fn ends_with_quote(text: &str) -> bool {
    text.trim_end().ends_with(['"', '“', '«'])
}

/// `"**Title**."`: a bold run right after an opening quote. Returns it and the text after it.
fn bold_quoted_title(spans: &[Span]) -> Option<(String, String)> {
    let at = spans.iter().enumerate().position(|(i, s)| {
        matches!(s, Span::Text { strong: true, text } if has_words(text))
            && i > 0
            && matches!(&spans[i - 1], Span::Text { strong: false, text } if ends_with_quote(text))
    })?;
    let Span::Text { text, .. } = &spans[at] else {
        return None;
    };
    Some((clean(text), plain(&spans[at + 1..])))
}

/// `"Title."` without bold: the text between the first pair of quotes.
fn plain_quoted_title(spans: &[Span]) -> Option<(String, String)> {
    let text = plain(spans);
    let open = text.find(['"', '“'])?;
    let body = &text[open + 1..];
    let close = body.find(['"', '”'])?;
    let title = clean(&body[..close]);
    has_words(&title).then(|| (title, body[close + 1..].to_string()))
}

fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .filter_map(|s| match s {
            Span::Text { text, .. } => Some(text.as_str()),
            Span::Link(_) => None,
        })
        .collect()
}

/// The title without the full stop or comma that closes it inside the quotes.
fn clean(text: &str) -> String {
    text.trim().trim_end_matches(['.', ',']).trim().to_string()
}

/// The first plausible year (1900–2099) standing alone in the text after the title: not part
/// of a longer number, an arXiv id (`arXiv:2005.14165`) or a volume (`521.7553`).
fn year(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let before_ok =
            i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b':'));
        let decimal = b.get(i + 4) == Some(&b'.') && digit(i + 5);
        let after_ok = !(digit(i + 4) || decimal);
        if !(before_ok && after_ok && (i..i + 4).all(digit)) {
            return None;
        }
        let year: i32 = text.get(i..i + 4)?.parse().ok()?;
        (1900..2100).contains(&year).then_some(year)
    })
}

#[cfg(test)]
mod tests {
    use super::year;

    #[test]
    fn the_year_is_a_four_digit_number_standing_alone() {
        let cases = [
            ("\" Nature 521.7553 (2015): 436-444. ", Some(2015)),
            (
                "\" Advances in neural information processing systems. 2012. ",
                Some(2012),
            ),
            ("\" arXiv preprint arXiv:1409.1556 (2014). ", Some(2014)),
            ("\" ICML (3) 28 (2013): 1139-1147.", Some(2013)),
            ("\" CoRR, abs/1510.00149 2 (2015).", Some(2015)),
            ("\" PMLR 9:249-256,2010.", Some(2010)),
            ("\" arXiv preprint arXiv:2005.14165 (2020)", Some(2020)),
            ("\" [[pdf]]", None),
        ];
        for (text, want) in cases {
            assert_eq!(year(text), want, "{text}");
        }
    }
}
