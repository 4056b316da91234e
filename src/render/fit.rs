//! Fitting text into terminal columns. Pure; widths are display columns (a CJK character is two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of text in terminal columns.
pub fn width(text: &str) -> usize {
    // Printable ASCII is one column a byte; checking is much cheaper than measuring.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.len();
    }
    text.width()
}

/// Text cut to at most `max` columns, ending with `…` when cut; at a word when that keeps most
/// of the room, else mid-word (CJK text has no spaces to cut at).
pub fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let room = max.saturating_sub(1);
    if room == 0 {
        return "…".chars().take(max).collect();
    }
    let head = hard_cut(text, room);
    let ends_a_word = text[head.len()..].starts_with(' ');
    let at_word = match head.rfind(' ') {
        Some(space) if !ends_a_word && width(&head[..space]) * 3 >= room * 2 => &head[..space],
        _ => head,
    };
    format!("{}…", at_word.trim_end())
}

/// Text cut to at most `max` columns by dropping its start (`…` first): the end of a section path
/// is its most specific part.
pub fn cut_front(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_string();
    }
    let mut used = 1;
    let mut start = text.len();
    for (i, c) in text.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > max {
            break;
        }
        start = i;
    }
    format!("…{}", text[start..].trim_start())
}

/// The longest start of `text` that is at most `max` columns wide.
fn hard_cut(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > max {
            return &text[..i];
        }
    }
    text
}

/// A one-line answer `HEAD · TAIL` in at most `max` columns: the tail (a title, the least
/// needed part) is cut to the room left, and left out when under [`TAIL_MIN`] columns would be
/// left; the head (slug, status, next review) is never cut.
pub fn cut_tail(head: &str, tail: &str, max: Option<usize>) -> String {
    let whole = format!("{head} · {tail}");
    let Some(max) = max else {
        return whole;
    };
    if width(&whole) <= max {
        return whole;
    }
    match max.checked_sub(width(head) + 3) {
        Some(room) if room >= TAIL_MIN => format!("{head} · {}", cut(tail, room)),
        _ => head.to_string(),
    }
}

/// Fewer columns of a title than this say too little to be worth printing.
const TAIL_MIN: usize = 12;

/// Text wrapped at words into lines of at most `max` columns (a word longer than a line is broken).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let options = textwrap::Options::new(max.max(1)).break_words(true);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// Parts joined with ` · `; with a width, a part that would pass it starts a new line instead.
pub fn join_parts(parts: &[String], max: Option<usize>) -> String {
    let mut text = String::new();
    let mut used = 0;
    for part in parts {
        let w = width(part);
        if used > 0 && max.is_some_and(|max| used + 3 + w > max) {
            text.push('\n');
            used = 0;
        } else if used > 0 {
            text.push_str(" · ");
            used += 3;
        }
        text.push_str(part);
        used += w;
    }
    text
}

/// How one table column gives way when the table is wider than the output.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Give {
    /// Hidden on a narrow output, lowest first; `None`: never hidden.
    pub drop: Option<u8>,
    /// May be cut down to this width before any column is hidden (the title).
    pub min: Option<usize>,
    /// Never wider than this (a long section path beside the title).
    pub max: Option<usize>,
}

/// Two spaces between columns.
pub const GAP: usize = 2;

/// A flexible column is cut below its `min` down to this before other columns are cut.
const LAST_RESORT_MIN: usize = 8;

/// The width of each column, `None` for a hidden one, so that the table fits `total` columns.
///
/// Columns keep their content's width (`natural`, capped by `max`) as long as they fit; when they
/// do not, columns with a `min` are cut down to it, then droppable columns are hidden in `drop`
/// order until the rest fits; what is left over goes back to the columns with a `min`. If even the
/// columns that cannot be hidden do not fit, the flexible ones are cut further, then the widest,
/// until the table fits.
pub fn layout(natural: &[usize], give: &[Give], total: Option<usize>) -> Vec<Option<usize>> {
    let Some(total) = total else {
        return natural.iter().map(|&w| Some(w)).collect();
    };
    let wanted: Vec<usize> = natural
        .iter()
        .zip(give)
        .map(|(&w, g)| g.max.map_or(w, |max| w.min(max)))
        .collect();
    let floor: Vec<usize> = wanted
        .iter()
        .zip(give)
        .map(|(&w, g)| g.min.map_or(w, |min| w.min(min)))
        .collect();
    let mut shown = vec![true; natural.len()];
    let used = |widths: &[usize], shown: &[bool]| -> usize {
        let n = shown.iter().filter(|&&s| s).count();
        let sum: usize = widths
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .map(|(w, _)| w)
            .sum();
        sum + GAP * n.saturating_sub(1)
    };
    if used(&wanted, &shown) <= total {
        return wanted.into_iter().map(Some).collect();
    }
    while used(&floor, &shown) > total {
        let next = (0..give.len())
            .filter(|&i| shown[i])
            .filter_map(|i| give[i].drop.map(|rank| (rank, i)))
            .min();
        match next {
            Some((_, i)) => shown[i] = false,
            None => break,
        }
    }
    let mut widths = floor;
    let mut spare = total.saturating_sub(used(&widths, &shown));
    for i in (0..widths.len()).filter(|&i| shown[i]) {
        let grow = (wanted[i] - widths[i]).min(spare);
        widths[i] += grow;
        spare -= grow;
    }
    while used(&widths, &shown) > total {
        // The flexible columns give first (a cut title still reads), then the widest.
        let flexible = (0..widths.len())
            .find(|&i| shown[i] && give[i].min.is_some() && widths[i] > LAST_RESORT_MIN);
        let widest = || {
            (0..widths.len())
                .filter(|&i| shown[i])
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)))
        };
        match flexible.or_else(widest) {
            Some(i) if widths[i] > 1 => widths[i] -= 1,
            _ => break,
        }
    }
    widths
        .into_iter()
        .zip(shown)
        .map(|(w, s)| s.then_some(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_tail_cuts_the_title_then_leaves_it_out() {
        let head = "tabi: started → done";
        let title = "Tabi: An Efficient Multi-Level Inference System";
        let whole = format!("{head} · {title}");
        assert_eq!(cut_tail(head, title, None), whole);
        assert_eq!(cut_tail(head, title, Some(width(&whole))), whole);
        let cut40 = cut_tail(head, title, Some(40));
        assert_eq!(cut40, "tabi: started → done · Tabi: An Efficie…");
        assert!(width(&cut40) <= 40);
        // 20 + 3 + 12 columns: the title's last chance.
        assert_eq!(
            cut_tail(head, title, Some(35)),
            "tabi: started → done · Tabi: An…"
        );
        assert_eq!(cut_tail(head, title, Some(34)), head);
        assert_eq!(cut_tail(head, title, Some(10)), head);
    }

    fn rigid() -> Give {
        Give::default()
    }

    fn drops(rank: u8) -> Give {
        Give {
            drop: Some(rank),
            ..Give::default()
        }
    }

    fn fill(min: usize) -> Give {
        Give {
            min: Some(min),
            ..Give::default()
        }
    }

    #[test]
    fn cut_counts_display_columns_and_prefers_words() {
        assert_eq!(cut("short", 10), "short");
        assert_eq!(
            cut("FlexGen: High-throughput Generative", 27),
            "FlexGen: High-throughput…"
        );
        assert_eq!(
            cut("Deep Learning With Pytorch: A 60 min blitz", 28),
            "Deep Learning With Pytorch:…"
        );
        assert_eq!(cut("深度学习论文精读", 7), "深度学…");
        assert_eq!(width(&cut("深度学习论文精读", 8)), 7);
        // A word boundary far back would waste the room: cut mid-word instead.
        assert_eq!(cut("A Supercalifragilistic", 12), "A Supercali…");
        assert_eq!(cut("abc", 1), "…");
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn cut_front_keeps_the_end() {
        assert_eq!(
            cut_front("Papers / LLM / LLM inference", 16),
            "…/ LLM inference"
        );
        assert_eq!(cut_front("Tutorials", 16), "Tutorials");
        assert_eq!(cut_front("论文 / 深度学习", 9), "…深度学习");
    }

    #[test]
    fn wrap_breaks_at_words_and_inside_long_ones() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("https://example.org/a/long/path", 12).len(), 3);
    }

    #[test]
    fn parts_start_a_new_line_where_they_would_not_fit() {
        let parts: Vec<String> = ["3/19 done", "1 in progress", "streak 3 days"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            join_parts(&parts, None),
            "3/19 done · 1 in progress · streak 3 days"
        );
        assert_eq!(
            join_parts(&parts, Some(30)),
            "3/19 done · 1 in progress\nstreak 3 days"
        );
    }

    #[test]
    fn a_table_that_fits_keeps_every_column_whole() {
        let got = layout(&[10, 40, 8], &[rigid(), fill(20), drops(1)], Some(100));
        assert_eq!(got, [Some(10), Some(40), Some(8)]);
        let unbounded = layout(&[10, 400, 8], &[rigid(), fill(20), drops(1)], None);
        assert_eq!(unbounded, [Some(10), Some(400), Some(8)]);
    }

    #[test]
    fn the_flexible_column_is_cut_before_any_column_goes() {
        // 10 + 2 + title + 2 + 8 = 60 leaves 38 for the title.
        let got = layout(&[10, 80, 8], &[rigid(), fill(20), drops(1)], Some(60));
        assert_eq!(got, [Some(10), Some(38), Some(8)]);
    }

    #[test]
    fn columns_go_in_drop_order_until_the_rest_fits() {
        let give = [rigid(), fill(20), drops(2), drops(1), drops(3)];
        // 10 + 20 + 10 + 10 + 10 + 8 gaps = 68 > 50: drop 1 (col 3), then 2 (col 2): 10+20+10+4 = 44.
        let got = layout(&[10, 80, 10, 10, 10], &give, Some(50));
        assert_eq!(got, [Some(10), Some(26), None, None, Some(10)]);
    }

    #[test]
    fn rigid_columns_stay_whole_while_others_can_go() {
        // A section column (rigid, the point of the table) with counts that can go.
        let give = [rigid(), drops(3), drops(2), drops(1), rigid()];
        let got = layout(&[43, 5, 4, 7, 5], &give, Some(60));
        assert_eq!(got, [Some(43), Some(5), None, None, Some(5)]);
    }

    #[test]
    fn caps_apply_only_when_the_width_is_limited() {
        let capped = Give {
            max: Some(12),
            ..drops(1)
        };
        let got = layout(&[30, 20], &[fill(10), capped], Some(40));
        assert_eq!(got, [Some(26), Some(12)]);
        assert_eq!(
            layout(&[30, 20], &[fill(10), capped], None),
            [Some(30), Some(20)]
        );
    }

    #[test]
    fn when_nothing_can_go_the_title_gives_before_the_slug() {
        // slug 29, title (min 24), status 7: 64 columns at the least; at 60 the title gives.
        let got = layout(&[29, 80, 7], &[rigid(), fill(24), rigid()], Some(60));
        assert_eq!(got, [Some(29), Some(20), Some(7)]);
    }

    #[test]
    fn when_nothing_can_go_the_widest_columns_are_cut() {
        let got = layout(&[30, 25], &[rigid(), rigid()], Some(40));
        assert_eq!(got, [Some(19), Some(19)]);
        let total: usize = got.iter().flatten().sum::<usize>() + GAP;
        assert!(total <= 40);
    }
}
