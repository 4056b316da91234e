//! Rules for nested list items and table rows: which ones are items, groups or details.

use super::navigation::{is_navigation_section, is_translation};
use super::title::{self, RawLink, Span};
use crate::text::{collapse, first_separator, normalize_url};

/// One list item as written, with its nested items.
#[derive(Debug, Clone)]
pub struct Node {
    pub spans: Vec<Span>,
    pub checkbox: Option<bool>,
    pub line: usize,
    pub section: Vec<String>,
    /// The item is a heading (`- ### Arrays`): a section, not an item.
    pub is_heading: bool,
    pub children: Vec<Node>,
}

/// An item before its title and slug are worked out.
#[derive(Debug, Clone)]
pub struct RawItem {
    pub spans: Vec<Span>,
    pub links: Vec<RawLink>,
    pub checkbox: Option<bool>,
    pub line: usize,
    pub section: Vec<String>,
}

impl Node {
    pub fn new(line: usize, section: Vec<String>) -> Self {
        Node {
            spans: Vec::new(),
            checkbox: None,
            line,
            section,
            is_heading: false,
            children: Vec::new(),
        }
    }

    fn real_links(&self) -> Vec<RawLink> {
        self.spans
            .iter()
            .filter_map(|s| match s {
                Span::Link(l) if !l.is_anchor() => Some(l.clone()),
                _ => None,
            })
            .collect()
    }

    fn has_real_links(&self) -> bool {
        self.spans
            .iter()
            .any(|s| matches!(s, Span::Link(l) if !l.is_anchor()))
    }

    /// Only in-page links (`- [Papers](#papers)`) or links to the list's own translations
    /// (`- [Bahasa Indonesia](translations/README-id.md)`).
    fn is_navigation(&self) -> bool {
        let mut links = self
            .spans
            .iter()
            .filter_map(|s| match s {
                Span::Link(l) => Some(l),
                Span::Text { .. } => None,
            })
            .peekable();
        links.peek().is_some() && links.all(|l| l.is_anchor() || is_translation(&l.url))
    }

    /// `- [预训练](预训练)`: a link to its own label, which in a table of contents is an anchor
    /// whose `#` was forgotten, not a file beside the list.
    fn is_anchor_without_hash(&self) -> bool {
        let links = self.real_links();
        !links.is_empty()
            && links
                .iter()
                .all(|l| !l.url.trim().is_empty() && l.url.trim() == l.display_label().trim())
    }

    fn has_links_deep(&self) -> bool {
        self.has_real_links() || self.children.iter().any(Node::has_links_deep)
    }

    fn text(&self) -> String {
        title::plain_text(&self.spans)
    }

    /// A child like `- [pdf](…) [code](…)` that only adds links to its parent.
    fn is_generic_links_only(&self) -> bool {
        let mut links = self.spans.iter().filter_map(|s| match s {
            Span::Link(l) if !l.is_anchor() => Some(l),
            _ => None,
        });
        self.has_real_links()
            && links.all(RawLink::is_generic)
            && !title::has_words(&self.text())
            && self.children.is_empty()
    }

    /// A linkless item counts when it is a task (`- [ ]`) or reads like a title: not a sentence,
    /// not a lead-in to what follows (`To cover:`) and not prose that carries on from the line
    /// before (`Otherwise, this is just good to know`).
    fn is_linkless_item(&self) -> bool {
        if self.checkbox.is_some() {
            return true;
        }
        let text = collapse(&self.text());
        let words = text.split_whitespace().count();
        (1..=10).contains(&words)
            && !text.ends_with(['.', '!', '?', '。', '！', '？'])
            && !is_lead_in(&text)
            && !opens_as_prose(&text)
    }

    fn into_raw(self, groups: &[String], links: Vec<RawLink>) -> RawItem {
        let mut section = self.section;
        section.extend(groups.iter().cloned());
        RawItem {
            spans: self.spans,
            links,
            checkbox: self.checkbox,
            line: self.line,
            section,
        }
    }
}

/// Resolves one finished top-level list into items, in list order.
pub fn resolve_list(nodes: Vec<Node>, out: &mut Vec<RawItem>) {
    resolve_siblings(nodes, &[], out);
}

/// Linkless entries only count as items in a list that also has links or tasks: a list of
/// linkless bullets is prose (criteria, instructions), not a reading list.
fn resolve_siblings(nodes: Vec<Node>, groups: &[String], out: &mut Vec<RawItem>) {
    let allow_linkless = nodes
        .iter()
        .any(|n| n.has_links_deep() || n.checkbox.is_some());
    // A table of contents: most entries link within the page.
    let navigation = nodes.iter().filter(|n| n.is_navigation()).count();
    let contents = navigation * 2 > nodes.len();
    for node in nodes {
        if contents && node.is_anchor_without_hash() {
            resolve_siblings(node.children, groups, out);
        } else {
            resolve(node, groups, allow_linkless, out);
        }
    }
}

fn resolve(node: Node, groups: &[String], allow_linkless: bool, out: &mut Vec<RawItem>) {
    // The entries of a table of contents or a list of translations are not study items.
    if !node.is_heading && is_navigation_section(&node.section) {
        return;
    }
    let mut links = node.real_links();
    if node.is_heading || node.is_navigation() {
        resolve_siblings(node.children, groups, out);
        return;
    }
    let mut node = node;
    let children = std::mem::take(&mut node.children);
    let mut pending = Vec::new();
    for child in children {
        if child.is_generic_links_only() {
            links.extend(child.real_links());
        } else {
            pending.push(child);
        }
    }
    if !links.is_empty() {
        out.push(node.into_raw(groups, links));
        // Linkless children of a linked item are details (authors, a description).
        let linked: Vec<Node> = pending.into_iter().filter(Node::has_links_deep).collect();
        resolve_siblings(linked, groups, out);
        return;
    }
    let name = title::clean_title(&node.text());
    if name.is_empty() {
        resolve_siblings(pending, groups, out);
        return;
    }
    let mut nested = groups.to_vec();
    // A sentence before the entries (`C: Very low level. … close to the metal.`) is prose about
    // them, not their section: they stay in the section around it.
    if !title::is_sentence(&name) {
        nested.push(name);
    }
    let mut sub = Vec::new();
    let countable: Vec<Node> = pending
        .into_iter()
        .filter(|c| c.has_links_deep() || c.checkbox.is_some())
        .collect();
    resolve_siblings(countable, &nested, &mut sub);
    if !sub.is_empty() {
        out.extend(sub);
    } else if allow_linkless && node.is_linkless_item() {
        out.push(node.into_raw(groups, Vec::new()));
    }
}

/// A line that ends with a colon introduces what follows (`To cover:`, `Considerations:`).
fn is_lead_in(text: &str) -> bool {
    text.trim_end().ends_with([':', '：'])
}

/// A line that opens with a connective and a comma (`Otherwise, …`, `However, …`) carries on
/// the prose around it.
fn opens_as_prose(text: &str) -> bool {
    const CONNECTIVES: &[&str] = &[
        "otherwise",
        "however",
        "also",
        "then",
        "so",
        "but",
        "besides",
        "instead",
        "alternatively",
        "additionally",
        "finally",
        "still",
        "therefore",
        "meanwhile",
    ];
    text.split_once(',')
        .is_some_and(|(first, _)| CONNECTIVES.contains(&first.trim().to_lowercase().as_str()))
}

/// A table row is an item when one of its cells has a link. The title comes from the first cell
/// with a link that names the item, else the first text cell that is not a number, date or status
/// mark. A status column (by its header) marks the row done with ✅, ✔, ✓, ☑ or `[x]`.
pub fn table_row(
    cells: Vec<Vec<Span>>,
    header: &[String],
    line: usize,
    section: Vec<String>,
) -> Option<RawItem> {
    let links: Vec<RawLink> = cells
        .iter()
        .flatten()
        .filter_map(|s| match s {
            Span::Link(l) if !l.is_anchor() => Some(l.clone()),
            _ => None,
        })
        .collect();
    if links.iter().all(|l| is_translation(&l.url)) {
        return None;
    }
    let status = status_column(header).map(|i| cells.get(i).is_some_and(|c| is_done_mark(c)));
    let titled_cell = cells.iter().find(|c| has_titled_link(c));
    let mut spans = match titled_cell {
        // The whole cell reads as the title: `[Helm](…) 全面语言模型评测`.
        Some(cell) => cut_at_wide_gap(without_enumerator(&[Span::Text {
            text: cell_text(cell),
            strong: false,
        }])),
        None => cells
            .iter()
            .find(|c| is_title_cell(c))
            .map(|c| cut_at_wide_gap(without_enumerator(c)))
            .unwrap_or_default(),
    };
    if let Some(y) = cells.iter().find_map(|c| date_cell_year(&cell_text(c))) {
        spans.push(Span::Text {
            text: format!(" ({y})"),
            strong: false,
        });
    }
    Some(RawItem {
        spans,
        links,
        checkbox: status,
        line,
        section,
    })
}

/// Whether a link in the cell names the item (`[Helm](…) 全面评测`, `撑起… [ResNet](…)`), unlike
/// a cell of resource links (`[Paper](…), [Tweet](…)`, `[Paper](…), [Models](…)`) or a bare
/// address (`<https://x.org>`, `[x.org](x.org)`).
fn has_titled_link(cell: &[Span]) -> bool {
    let mut links = cell.iter().filter_map(|s| match s {
        Span::Link(l) if !l.is_anchor() => Some(l),
        _ => None,
    });
    links.next().is_some_and(|first| !first.is_generic())
        && cell
            .iter()
            .any(|s| matches!(s, Span::Link(l) if l.is_titled() && !is_address(l.display_label())))
}

/// A label that is a web address rather than a name.
fn is_address(label: &str) -> bool {
    label.contains("://")
        || (!label.contains(char::is_whitespace)
            && normalize_url(label).is_some_and(|u| u.len() != label.len()))
}

/// The cell without a leading enumerator (`8)`, `8.`, `(8)`), so that a bold run after it is
/// the title, as in a numbered list.
fn without_enumerator(cell: &[Span]) -> Vec<Span> {
    let mut spans = cell.to_vec();
    if let Some(Span::Text { text, .. }) = spans.first_mut() {
        let trimmed = text.trim_start();
        let inner = trimmed.strip_prefix('(').unwrap_or(trimmed);
        let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let rest = &inner[digits..];
        if (1..=4).contains(&digits)
            && let Some(after) = rest.strip_prefix([')', '.'])
            && (after.is_empty() || after.starts_with(char::is_whitespace))
        {
            *text = after.to_string();
        }
    }
    spans
}

/// A cell that is a name, two spaces, then its description (`1) MEM1  This work introduces …`)
/// ends at the gap: table cells keep the spaces as written, and names never hold two in a row.
fn cut_at_wide_gap(mut spans: Vec<Span>) -> Vec<Span> {
    let cut = spans.iter().position(|s| match s {
        Span::Text { text, .. } => {
            first_separator(text.trim(), &["  "], char::is_alphanumeric).is_some()
        }
        Span::Link(_) => false,
    });
    if let Some(i) = cut {
        if let Some(Span::Text { text, .. }) = spans.get_mut(i) {
            let start = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            let end =
                first_separator(trimmed, &["  "], char::is_alphanumeric).unwrap_or(trimmed.len());
            *text = text[start..start + end].to_string();
        }
        spans.truncate(i + 1);
    }
    spans
}

/// The column whose header says it holds the learner's status.
fn status_column(header: &[String]) -> Option<usize> {
    const NAMES: &[&str] = &[
        "status",
        "done",
        "read",
        "watched",
        "seen",
        "finished",
        "completed",
        "complete",
        "progress",
        "state",
        "check",
        "checked",
        "状态",
        "完成",
        "已完成",
        "已读",
        "已学",
    ];
    header.iter().position(|h| {
        let h = collapse(h).to_lowercase();
        NAMES.contains(&h.trim_matches(|c: char| !c.is_alphanumeric())) || is_done_mark_text(&h)
    })
}

fn is_done_mark(cell: &[Span]) -> bool {
    is_done_mark_text(&cell_text(cell))
}

/// ✅, ✔, ✓, ☑ (with or without an emoji variation selector) or `[x]`.
fn is_done_mark_text(text: &str) -> bool {
    let mark: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{FE0E}' | '\u{FE0F}'))
        .collect();
    matches!(mark.as_str(), "✅" | "✔" | "✓" | "☑" | "[x]" | "[X]")
}

pub(super) fn cell_text(cell: &[Span]) -> String {
    cell.iter()
        .map(|s| match s {
            Span::Text { text, .. } => text.clone(),
            Span::Link(l) => l.label.clone(),
        })
        .collect()
}

fn is_title_cell(cell: &[Span]) -> bool {
    let text = collapse(&cell_text(cell));
    if !text.chars().any(char::is_alphabetic) {
        return false; // numbers, dates, durations, ✅
    }
    let lower = text.to_lowercase();
    !matches!(
        lower.as_str(),
        "x" | "done" | "todo" | "yes" | "no" | "n/a" | "tbd"
    )
}

/// `2017-06` or `2017` in a date column gives the item's year.
fn date_cell_year(text: &str) -> Option<i32> {
    let text = text.trim();
    let year_part = text.split(['-', '/', '.']).next()?;
    let is_date = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'));
    if is_date && year_part.len() == 4 {
        year_part.parse().ok().filter(|y| (1900..=2099).contains(y))
    } else {
        None
    }
}
