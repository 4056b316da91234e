//! A whole parsed list held compactly. A re-import must see every item before it can match them,
//! but while items arrive the parser still holds its document tree (about six times the list's
//! size): gathered as values, the items would add about as much again. Here each item is one JSON
//! array in 1 MB blocks, without field names, with each section path stored once and a link's
//! label and URL left out where they repeat the item's title and URL: about a fifth of the values'
//! size. They become values again once the stream has ended and the tree is freed.

use super::{ListDates, ParsedItem};
use crate::model::{Kind, Link};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const BLOCK: usize = 1 << 20;

/// Items in arrival order, packed.
#[derive(Default)]
pub struct Gathered {
    blocks: Vec<Vec<u8>>,
    sections: Vec<Vec<String>>,
    section_ids: HashMap<Vec<String>, u32>,
    scratch: Vec<u8>,
    count: usize,
}

/// A link: its label (none: the item's title), whether its URL is the item's, else its URL.
type PackedLink<'a> = (Option<&'a str>, bool, Option<&'a str>);
type Dates = (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>);

#[derive(Serialize)]
struct Packed<'a>(
    &'a str,
    &'a str,
    u32,
    Kind,
    Option<&'a str>,
    Vec<PackedLink<'a>>,
    Option<&'a str>,
    Option<i32>,
    usize,
    Option<bool>,
    Dates,
);

#[derive(Deserialize)]
struct Unpacked(
    String,
    String,
    u32,
    Kind,
    Option<String>,
    Vec<(Option<String>, bool, Option<String>)>,
    Option<String>,
    Option<i32>,
    usize,
    Option<bool>,
    Dates,
);

impl Gathered {
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    pub fn push(&mut self, item: &ParsedItem) -> serde_json::Result<()> {
        let next = self.sections.len() as u32;
        let section = match self.section_ids.get(&item.section) {
            Some(&id) => id,
            None => {
                self.sections.push(item.section.clone());
                self.section_ids.insert(item.section.clone(), next);
                next
            }
        };
        let links = item
            .links
            .iter()
            .map(|l| {
                let same_url = l.url == item.url;
                let label = (l.label != item.title).then_some(l.label.as_str());
                (label, same_url, l.url.as_deref().filter(|_| !same_url))
            })
            .collect();
        let packed = Packed(
            &item.slug,
            &item.title,
            section,
            item.kind,
            item.url.as_deref(),
            links,
            item.venue.as_deref(),
            item.year,
            item.line,
            item.checked,
            (item.dates.started, item.dates.done, item.dates.reviewed),
        );
        self.scratch.clear();
        serde_json::to_writer(&mut self.scratch, &packed)?;
        let fits = self
            .blocks
            .last()
            .is_some_and(|b| b.len() + self.scratch.len() <= b.capacity());
        if !fits {
            self.blocks
                .push(Vec::with_capacity(BLOCK.max(self.scratch.len())));
        }
        if let Some(block) = self.blocks.last_mut() {
            block.extend_from_slice(&self.scratch);
        }
        self.count += 1;
        Ok(())
    }

    /// The items as values, in the order they came.
    pub fn into_items(self) -> serde_json::Result<Vec<ParsedItem>> {
        let mut items = Vec::with_capacity(self.count);
        for block in &self.blocks {
            for packed in serde_json::Deserializer::from_slice(block).into_iter::<Unpacked>() {
                let p = packed?;
                let title = p.1;
                let url = p.4;
                let links =
                    p.5.into_iter()
                        .map(|(label, same_url, other)| Link {
                            label: label.unwrap_or_else(|| title.clone()),
                            url: if same_url { url.clone() } else { other },
                        })
                        .collect();
                items.push(ParsedItem {
                    slug: p.0,
                    title,
                    section: self.sections[p.2 as usize].clone(),
                    kind: p.3,
                    url,
                    links,
                    venue: p.6,
                    year: p.7,
                    line: p.8,
                    checked: p.9,
                    dates: ListDates {
                        started: p.10.0,
                        done: p.10.1,
                        reviewed: p.10.2,
                    },
                });
            }
        }
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_as_they_went_in() {
        let mut items = crate::markdown::parse(crate::seed::SEED);
        items[0].links.push(Link {
            label: "code \"quoted\"\n".into(),
            url: None,
        });
        let title = items[1].title.clone();
        items[1].links.push(Link {
            label: title,
            url: Some("https://other.org/ü".into()),
        });
        items[2].url = None;
        items[3].dates.done = NaiveDate::from_ymd_opt(2026, 11, 20);
        items[4].checked = None;
        let mut gathered = Gathered::default();
        for item in &items {
            gathered.push(item).unwrap();
        }
        assert_eq!(gathered.len(), items.len());
        assert!(
            gathered.sections.len() < items.len(),
            "sections are stored once"
        );
        assert_eq!(gathered.into_items().unwrap(), items);
    }

    #[test]
    fn items_larger_than_a_block_and_many_blocks_keep_their_order() {
        let base = crate::markdown::parse(crate::seed::SEED).remove(0);
        let items: Vec<ParsedItem> = (0..3000)
            .map(|i| ParsedItem {
                title: format!(
                    "{i} {}",
                    "x".repeat(if i == 7 { BLOCK + 5 } else { i % 700 })
                ),
                line: i,
                ..base.clone()
            })
            .collect();
        let mut gathered = Gathered::default();
        items.iter().for_each(|i| gathered.push(i).unwrap());
        assert!(gathered.blocks.len() > 2);
        assert_eq!(gathered.into_items().unwrap(), items);
    }
}
