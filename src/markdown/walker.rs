//! The walk over pulldown-cmark's events: sections, list items as small trees, table rows.

use super::navigation::is_navigation_section;
use super::reference;
use super::title::{self, RawLink, Span};
use super::tree::{self, Node, RawItem};
use super::{BATCH, MAX_NESTING};
use crate::text::drop_invisible;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// The first heading, when it is an H1, is held back as the list's title until the rest of the
/// file shows whether it is one: it is when it is the only H1, or when no item stands between it
/// and the next heading.
struct TitleCandidate {
    text: String,
    /// Index (from the start of the list) of the first item read after it.
    first_item: usize,
    /// Index of the first item read after the next H1, which ends its reach.
    end_item: Option<usize>,
    /// Whether it turned out to be a section and was put back over its items.
    applied: bool,
    later_h1: bool,
    items_before_next_heading: bool,
    next_heading_seen: bool,
}

impl TitleCandidate {
    fn is_title(&self) -> bool {
        !self.later_h1 || !self.items_before_next_heading
    }
}

pub(super) struct Walker {
    line_starts: Vec<usize>,
    /// Items already handed on.
    flushed: usize,
    /// Open list items beyond `MAX_NESTING`.
    flattened: usize,
    headings_seen: usize,
    title: Option<TitleCandidate>,
    /// (level key, title): a heading of level L has key 2L; a pseudo-heading below it 2L+1.
    sections: Vec<(u16, String)>,
    heading: Option<(u16, String)>,
    nodes: Vec<Node>,
    /// Finished top-level items of the list being read; resolved together when it ends.
    roots: Vec<Node>,
    link: Option<RawLink>,
    image_depth: u32,
    strong_depth: u32,
    skip_depth: u32,
    paragraph: Option<BoldParagraph>,
    table_head: bool,
    /// The text of the current table's header cells (to find a status column).
    header: Vec<String>,
    row: Option<(usize, Vec<Vec<Span>>)>,
    cell: Option<Vec<Span>>,
    summary_key: Option<u16>,
    pub(super) items: Vec<RawItem>,
}

/// Tracks whether a top-level paragraph is only bold text (a pseudo-heading), and its content
/// in case it is a numbered reference (see `reference`).
struct BoldParagraph {
    text: String,
    only_bold: bool,
    spans: Vec<Span>,
    line: usize,
}

impl Walker {
    pub(super) fn new(src: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Walker {
            line_starts,
            flushed: 0,
            flattened: 0,
            headings_seen: 0,
            title: None,
            sections: Vec::new(),
            heading: None,
            nodes: Vec::new(),
            roots: Vec::new(),
            link: None,
            image_depth: 0,
            strong_depth: 0,
            skip_depth: 0,
            paragraph: None,
            table_head: false,
            header: Vec::new(),
            row: None,
            cell: None,
            summary_key: None,
            items: Vec::with_capacity(2 * BATCH),
        }
    }

    /// Whether the items held can be handed on: they can once the leading H1 is known to be the
    /// title, or has been put back as the section over its items. At the `end`, it is settled.
    pub(super) fn settle_title(&mut self, end: bool) -> bool {
        let Some(t) = &self.title else { return true };
        if t.applied || (t.next_heading_seen && !t.items_before_next_heading) {
            return true;
        }
        if !(end || t.later_h1) || t.is_title() {
            return end;
        }
        let (first, last) = (t.first_item, t.end_item.unwrap_or(usize::MAX));
        let text = t.text.clone();
        let held = self.flushed..self.flushed + self.items.len();
        for (index, item) in held.zip(self.items.iter_mut()) {
            if (first..last).contains(&index) {
                item.section.insert(0, text.clone());
            }
        }
        if let Some(t) = self.title.as_mut() {
            t.applied = true;
        }
        true
    }

    pub(super) fn take_items(&mut self) -> Vec<RawItem> {
        self.flushed += self.items.len();
        std::mem::replace(&mut self.items, Vec::with_capacity(2 * BATCH))
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    fn section(&self) -> Vec<String> {
        self.sections
            .iter()
            .map(|(_, t)| t.clone())
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn push_section(&mut self, key: u16, title: String) {
        while self.sections.last().is_some_and(|(k, _)| *k >= key) {
            self.sections.pop();
        }
        self.sections.push((key, title));
    }

    /// Key for a pseudo-heading one level below the deepest real heading.
    fn pseudo_key(&self) -> u16 {
        let deepest = self.sections.iter().rev().find(|(k, _)| k % 2 == 0);
        deepest.map_or(1, |(k, _)| k + 1)
    }

    pub(super) fn event(&mut self, event: Event<'_>, offset: usize) {
        if self.skip_depth > 0 {
            match event {
                Event::Start(
                    Tag::MetadataBlock(_)
                    | Tag::FootnoteDefinition(_)
                    | Tag::CodeBlock(_)
                    | Tag::BlockQuote(_),
                ) => self.skip_depth += 1,
                Event::End(
                    TagEnd::MetadataBlock(_)
                    | TagEnd::FootnoteDefinition
                    | TagEnd::CodeBlock
                    | TagEnd::BlockQuote(_),
                ) => self.skip_depth -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::TaskListMarker(checked) => {
                if let Some(node) = self.nodes.last_mut() {
                    node.checkbox = Some(checked);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html),
            Event::FootnoteReference(_) | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::MetadataBlock(_) | Tag::FootnoteDefinition(_) | Tag::CodeBlock(_) => {
                self.skip_depth = 1
            }
            // A quote under an item is about it (the notes the markdown export writes), not
            // part of its title; quotes elsewhere may hold a whole list and are read.
            Tag::BlockQuote(_) if !self.nodes.is_empty() => self.skip_depth = 1,
            Tag::Heading { level, .. } => {
                if let Some(node) = self.nodes.last_mut() {
                    node.is_heading = true;
                }
                self.headings_seen += 1;
                if let Some(t) = self.title.as_mut() {
                    t.next_heading_seen = true;
                    if level == HeadingLevel::H1 && !t.later_h1 {
                        t.later_h1 = true;
                        t.end_item = Some(self.flushed + self.items.len());
                    }
                }
                self.heading = Some((2 * level as u16, String::new()));
            }
            Tag::Paragraph => {
                if self.nodes.is_empty() && self.cell.is_none() {
                    self.paragraph = Some(BoldParagraph {
                        text: String::new(),
                        only_bold: true,
                        spans: Vec::new(),
                        line: self.line_of(offset),
                    });
                } else {
                    self.text(" ");
                }
            }
            Tag::Item | Tag::TableRow
                if self.title.as_ref().is_some_and(|t| !t.next_heading_seen) =>
            {
                if let Some(t) = self.title.as_mut() {
                    t.items_before_next_heading = true;
                }
                self.start_item_or_row(tag, offset);
            }
            Tag::Item | Tag::TableRow => self.start_item_or_row(tag, offset),
            _ => self.start_inline(tag),
        }
    }

    fn start_item_or_row(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            // Deeper items than any real list has are read as part of the deepest one, so that
            // a pathological file cannot exhaust the stack.
            Tag::Item if self.nodes.len() >= MAX_NESTING => self.flattened += 1,
            Tag::Item => {
                let node = Node::new(self.line_of(offset), self.section());
                self.nodes.push(node);
            }
            _ => self.row = Some((self.line_of(offset), Vec::new())),
        }
    }

    fn start_inline(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Link { dest_url, .. } => {
                self.link = Some(RawLink::new("", &dest_url, ""));
            }
            Tag::Image { .. } => self.image_depth += 1,
            Tag::Strong => self.strong_depth += 1,
            Tag::TableHead => {
                self.table_head = true;
                self.header.clear();
            }
            Tag::TableCell => self.cell = Some(Vec::new()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::Paragraph => {
                if let Some(p) = self.paragraph.take() {
                    let text = title::clean_title(&p.text);
                    if p.only_bold && title::has_words(&text) && !title::is_sentence(&text) {
                        let key = self.pseudo_key();
                        self.push_section(key, text);
                    } else if let Some(item) = reference::item(&p.spans, p.line, self.section())
                        && !is_navigation_section(&item.section)
                    {
                        self.items.push(item);
                    }
                }
            }
            TagEnd::Item if self.flattened > 0 => self.flattened -= 1,
            TagEnd::Item => {
                let Some(node) = self.nodes.pop() else { return };
                match self.nodes.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => self.roots.push(node),
                }
            }
            TagEnd::List(_) if self.nodes.is_empty() => {
                tree::resolve_list(std::mem::take(&mut self.roots), &mut self.items);
            }
            TagEnd::Link => self.end_link(),
            TagEnd::Image => self.image_depth = self.image_depth.saturating_sub(1),
            TagEnd::Strong => self.strong_depth = self.strong_depth.saturating_sub(1),
            TagEnd::TableHead => self.table_head = false,
            TagEnd::TableCell => match self.cell.take() {
                Some(cell) if self.table_head => self.header.push(tree::cell_text(&cell)),
                Some(cell) => {
                    if let Some((_, cells)) = self.row.as_mut() {
                        cells.push(cell);
                    }
                }
                None => {}
            },
            TagEnd::TableRow => {
                if let Some((line, cells)) = self.row.take() {
                    let section = self.section();
                    if is_navigation_section(&section) {
                        return;
                    }
                    if let Some(item) = tree::table_row(cells, &self.header, line, section) {
                        self.items.push(item);
                    }
                }
            }
            _ => {}
        }
    }

    fn end_heading(&mut self) {
        let Some((key, text)) = self.heading.take() else {
            return;
        };
        if self.headings_seen == 1 && key == 2 && self.nodes.is_empty() {
            self.title = Some(TitleCandidate {
                text: title::clean_title(&text),
                first_item: self.flushed + self.items.len(),
                end_item: None,
                applied: false,
                later_h1: false,
                items_before_next_heading: false,
                next_heading_seen: false,
            });
            return;
        }
        self.summary_key = None;
        self.push_section(key, title::clean_title(&text));
    }

    fn end_link(&mut self) {
        let Some(link) = self.link.take().map(RawLink::finish) else {
            return;
        };
        if self.heading.is_some() {
            return;
        }
        if let Some(cell) = self.cell.as_mut() {
            cell.push(Span::Link(link));
        } else if let Some(node) = self.nodes.last_mut() {
            node.spans.push(Span::Link(link));
        } else if let Some(p) = self.paragraph.as_mut() {
            p.only_bold = false;
            p.spans.push(Span::Link(link));
        }
    }

    fn text(&mut self, text: &str) {
        let text = &drop_invisible(text);
        if self.image_depth > 0 {
            if let Some(link) = self.link.as_mut() {
                link.image_alt.push_str(text);
            }
            return;
        }
        if let Some((_, heading)) = self.heading.as_mut() {
            heading.push_str(text);
        } else if let Some(link) = self.link.as_mut() {
            link.label.push_str(text);
        } else if let Some(cell) = self.cell.as_mut() {
            push_text(cell, text, self.strong_depth > 0);
        } else if let Some(node) = self.nodes.last_mut() {
            push_text(&mut node.spans, text, self.strong_depth > 0);
        } else if let Some(p) = self.paragraph.as_mut() {
            if self.strong_depth == 0 && title::has_words(text) {
                p.only_bold = false;
            }
            p.text.push_str(text);
            push_text(&mut p.spans, text, self.strong_depth > 0);
        }
    }

    /// `<summary>` acts as a sub-heading for the `<details>` block it opens; `<br>` separates.
    fn html(&mut self, html: &str) {
        let lower = html.to_ascii_lowercase();
        if lower.starts_with("<br") {
            self.text(" ");
        }
        if let Some(start) = lower.find("<summary") {
            let inner = &html[start..];
            let end = inner
                .to_ascii_lowercase()
                .find("</summary>")
                .unwrap_or(inner.len());
            let text = title::clean_title(&drop_invisible(&strip_html_tags(&inner[..end])));
            // `## Milestone Papers` then `<summary>milestone papers</summary>` is one section.
            let repeats = self
                .sections
                .last()
                .is_some_and(|(_, t)| same_name(t, &text));
            let heading = title::has_words(&text) && !title::is_sentence(&text);
            if heading && self.nodes.is_empty() && !repeats {
                let key = self.pseudo_key();
                self.push_section(key, text);
                self.summary_key = Some(key);
            }
        }
        if lower.contains("</details>")
            && let Some(key) = self.summary_key.take()
            && self.sections.last().is_some_and(|(k, _)| *k == key)
        {
            self.sections.pop();
        }
    }
}

fn push_text(spans: &mut Vec<Span>, text: &str, strong: bool) {
    if let Some(Span::Text {
        text: last,
        strong: s,
    }) = spans.last_mut()
        && *s == strong
    {
        last.push_str(text);
        return;
    }
    spans.push(Span::Text {
        text: text.to_string(),
        strong,
    });
}

/// Whether two section names are the same but for case and spacing.
fn same_name(a: &str, b: &str) -> bool {
    a.split_whitespace()
        .map(str::to_lowercase)
        .eq(b.split_whitespace().map(str::to_lowercase))
}

/// Removes HTML tags, keeping their text.
fn strip_html_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
