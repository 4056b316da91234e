//! Markdown study list → sections and items. Pure: text in, data out.
//!
//! The walker follows pulldown-cmark's events and keeps a stack of section titles (headings,
//! bold-only paragraphs and `<summary>` lines) and a stack of open list items. Each finished
//! top-level list item is a small tree that `tree::resolve` turns into items; each table row with
//! a link is one item.

pub mod boxes;
mod finish;
pub mod gathered;
mod links;
mod navigation;
mod reference;
pub mod suffix;
mod title;
mod tree;
mod venue;
mod walker;

pub use suffix::ListDates;
pub use venue::venue_year;

use crate::model::{Kind, Link};
use pulldown_cmark::{Options, Parser};
use walker::Walker;

/// One study item found in a list.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedItem {
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub kind: Kind,
    pub url: Option<String>,
    pub links: Vec<Link>,
    pub venue: Option<String>,
    pub year: Option<i32>,
    /// 1-based line of the item in the list file.
    pub line: usize,
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`.
    pub checked: Option<bool>,
    /// The dates of the status suffix the markdown export writes, read back.
    pub dates: ListDates,
}

/// Items are handed on in batches of about this many, so that a consumer can start early.
const BATCH: usize = 256;

/// List items nested deeper than this are read as part of their deepest ancestor.
const MAX_NESTING: usize = 32;

/// Parses a whole list. Never fails: anything that is not an item is skipped.
pub fn parse(src: &str) -> Vec<ParsedItem> {
    let mut items = Vec::new();
    parse_each(src, |item| items.push(item));
    items
}

/// Parses a list, handing each item to `emit` in list order as soon as it is final.
pub fn parse_each(src: &str, mut emit: impl FnMut(ParsedItem)) {
    let mut walker = Walker::new(src);
    let mut finisher = finish::Finisher::default();
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        walker.event(event, range.start);
        if walker.items.len() >= BATCH && walker.settle_title(false) {
            finisher.batch(walker.take_items(), &mut emit);
        }
    }
    walker.settle_title(true);
    finisher.batch(walker.take_items(), &mut emit);
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_GFM
}

#[cfg(test)]
mod tests;
