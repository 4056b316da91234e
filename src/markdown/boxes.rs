//! Task boxes in a list file, found by pulldown-cmark's source offsets, and the byte edits that
//! tick, untick or add them. Nothing is re-rendered: an edit replaces one box character or
//! inserts `[ ] ` before an item's text, so every other byte of the file stays.

use pulldown_cmark::{Event, Parser, Tag};
use std::collections::HashMap;

/// A list item as written: where its box is, or where one would go.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxSpot {
    /// 1-based line of the item's bullet (the line the parser records for the item).
    pub line: usize,
    /// Byte offset of the box character (`x`, `X` or space inside `[ ]`) and whether it is ticked.
    pub mark: Option<(usize, bool)>,
    /// Byte offset of the item's text on the bullet's line, where `--add-boxes` puts a box.
    pub text_at: Option<usize>,
}

/// One change to a file: the byte range replaced and its new text.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub at: usize,
    pub remove: usize,
    pub insert: &'static str,
}

/// The list items of `src` keyed by line. A line that starts more than one item (`* * [a](…)`)
/// is left out: which item a box belongs to would be a guess.
pub fn find_boxes(src: &str) -> HashMap<usize, BoxSpot> {
    let mut line_starts = vec![0];
    line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset);
    let mut spots: HashMap<usize, BoxSpot> = HashMap::new();
    let mut ambiguous = Vec::new();
    // The items open around the current event, innermost last, as lines; and the item whose
    // first inner event has not been seen yet.
    let mut open: Vec<usize> = Vec::new();
    let mut fresh: Option<usize> = None;
    for (event, range) in Parser::new_ext(src, super::options()).into_offset_iter() {
        if let Some(line) = fresh.take()
            && let Some(spot) = spots.get_mut(&line)
            && starts_text(&event)
            && line_of(range.start) == line
        {
            spot.text_at = Some(range.start);
        }
        match event {
            Event::Start(Tag::Item) => {
                let line = line_of(range.start);
                let spot = BoxSpot {
                    line,
                    mark: None,
                    text_at: None,
                };
                if spots.insert(line, spot).is_some() {
                    ambiguous.push(line);
                }
                open.push(line);
                fresh = Some(line);
            }
            Event::End(pulldown_cmark::TagEnd::Item) => {
                open.pop();
            }
            Event::TaskListMarker(checked) => {
                let box_char = src[range.clone()].find(['x', 'X', ' ']);
                if let (Some(line), Some(i)) = (open.last(), box_char)
                    && let Some(spot) = spots.get_mut(line)
                {
                    spot.mark = Some((range.start + i, checked));
                    spot.text_at = None;
                }
            }
            _ => {}
        }
    }
    for line in ambiguous {
        spots.remove(&line);
    }
    spots
}

/// Whether an item's first inner event begins inline text, before which a box may go (not a
/// nested list, a heading, a code block or HTML).
fn starts_text(event: &Event<'_>) -> bool {
    match event {
        Event::Text(_) | Event::Code(_) | Event::InlineMath(_) => true,
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
        ),
        _ => false,
    }
}

/// The edit that makes the item at `spot` show `done`: a changed box character, a new box
/// when `add` is set and it has none, else nothing.
pub fn edit_for(spot: &BoxSpot, done: bool, add: bool) -> Option<Edit> {
    match spot.mark {
        Some((_, checked)) if checked == done => None,
        Some((at, _)) => Some(Edit {
            at,
            remove: 1,
            insert: if done { "x" } else { " " },
        }),
        None if add => spot.text_at.map(|at| Edit {
            at,
            remove: 0,
            insert: if done { "[x] " } else { "[ ] " },
        }),
        None => None,
    }
}

/// `src` with the edits applied (in any order; they never overlap).
pub fn apply(src: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.at);
    let mut out = String::with_capacity(src.len() + 4 * edits.len());
    let mut from = 0;
    for edit in sorted {
        out.push_str(&src[from..edit.at]);
        out.push_str(edit.insert);
        from = edit.at + edit.remove;
    }
    out.push_str(&src[from..]);
    out
}

#[cfg(test)]
#[path = "boxes_tests.rs"]
mod tests;
