//! Venue tags in titles: `(ICML'23)`, `[OSDI'24]`, `[arxiv, 2022]`, `(2015)`, `| **ICLR** |`.

/// The venue and year found in an item's tags; the first of each wins.
#[derive(Debug, Clone, PartialEq, Default)]
pub(super) struct VenueTags {
    pub venue: Option<String>,
    pub year: Option<i32>,
}

const KNOWN_VENUES: &[&str] = &[
    "arxiv",
    "icml",
    "neurips",
    "nips",
    "iclr",
    "osdi",
    "sosp",
    "eurosys",
    "isca",
    "asplos",
    "mlsys",
    "sysml",
    "atc",
    "nsdi",
    "sigcomm",
    "cvpr",
    "iccv",
    "eccv",
    "acl",
    "emnlp",
    "naacl",
    "coling",
    "aaai",
    "ijcai",
    "kdd",
    "vldb",
    "sigmod",
    "micro",
    "hpca",
    "sc",
    "ppopp",
    "fast",
    "interspeech",
    "icassp",
    "tpami",
    "jmlr",
    "tmlr",
    "nature",
    "science",
    "icra",
    "iros",
    "corl",
    "rss",
    "www",
    "sigir",
    "wsdm",
    "uai",
    "aistats",
    "colt",
    "socc",
    "middleware",
    "hotos",
    "preprint",
    "tech report",
];

/// Removes `(ICML'23)`, `[arxiv, 2022]`, `(2015)` and similar tags, recording venue and year.
pub(super) fn strip_venue_tags(text: &str, parts: &mut VenueTags) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '[', '（']) {
        let open_char = rest[open..].chars().next().unwrap_or('(');
        let close_char = match open_char {
            '[' => ']',
            '（' => '）',
            _ => ')',
        };
        let after_open = open + open_char.len_utf8();
        let Some(close_rel) = rest[after_open..].find(close_char) else {
            break;
        };
        let inner = &rest[after_open..after_open + close_rel];
        let end = after_open + close_rel + close_char.len_utf8();
        out.push_str(&rest[..open]);
        if let Some((venue, year)) = parse_venue_tag(inner) {
            if parts.venue.is_none() && venue.is_some() {
                parts.venue = venue;
            }
            if parts.year.is_none() {
                parts.year = year;
            }
            let next = rest[end..].chars().next();
            if next.is_some_and(char::is_alphanumeric) && out.ends_with(char::is_alphanumeric) {
                out.push(' ');
            }
        } else {
            out.push_str(&rest[open..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The year a venue names (`NeurIPS'17` → 2017, `[OSDI 2024]`, `arxiv, 2022`), read as the importer
/// reads venue tags.
pub fn venue_year(venue: &str) -> Option<i32> {
    let inner = venue
        .trim()
        .trim_start_matches(['(', '[', '（'])
        .trim_end_matches([')', ']', '）']);
    parse_venue_tag(inner).and_then(|(_, year)| year)
}

/// Parses the inside of a bracketed tag: `ICML'23`, `arxiv`, `arxiv, 2022`, `2015`, `NeurIPS 2020`.
fn parse_venue_tag(inner: &str) -> Option<(Option<String>, Option<i32>)> {
    let inner = inner.trim();
    if let Some(year) = parse_year(inner, true) {
        return Some((None, Some(year)));
    }
    let (name, year_text) = if let Some((n, y)) = inner.split_once(',') {
        (n, Some(y))
    } else if let Some(i) = inner.find(['\'', '’']) {
        (
            &inner[..i],
            Some(&inner[i + inner[i..].chars().next()?.len_utf8()..]),
        )
    } else if let Some((n, y)) = inner.rsplit_once(' ') {
        if parse_year(y, true).is_some() {
            (n, Some(y))
        } else {
            (inner, None)
        }
    } else {
        (inner, None)
    };
    let name = name.trim();
    if !is_venue_name(name) {
        return None;
    }
    let year = match year_text {
        Some(y) => Some(parse_year(y.trim(), false)?),
        None if is_known_venue(name) => None,
        None => return None,
    };
    Some((Some(inner.to_string()), year))
}

fn parse_year(text: &str, four_digits_only: bool) -> Option<i32> {
    if !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: i32 = text.parse().ok()?;
    match text.len() {
        4 if (1900..=2099).contains(&n) => Some(n),
        2 if !four_digits_only => Some(if n < 70 { 2000 + n } else { 1900 + n }),
        _ => None,
    }
}

fn is_venue_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 24
        && name.split_whitespace().count() <= 3
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '&' | '.'))
}

fn is_known_venue(name: &str) -> bool {
    KNOWN_VENUES.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// A venue standing alone between separators, as in `Title | **ICLR** | [[Paper]()]`.
pub(super) fn venue_piece(text: &str) -> Option<String> {
    text.split(['|', '#'])
        .skip(1)
        .map(|p| p.trim().trim_matches(['*', '_', '[', ']', ' ']))
        .find(|p| is_known_venue(p))
        .map(str::to_string)
}
