//! From raw items to parsed items: titles, links and kinds per item, then one item per primary
//! URL and unique slugs, in list order.

use super::ParsedItem;
use super::links::is_note_label;
use super::title;
use super::tree::RawItem;
use crate::model::{Kind, Link};
use crate::slug;
use crate::text::normalize_url;
use std::collections::HashMap;

/// Turns raw items into parsed items, batch by batch in list order: one item per primary URL,
/// unique slugs.
#[derive(Default)]
pub(super) struct Finisher {
    /// Primary URL → the link targets of its first item.
    seen: HashMap<String, Vec<Option<String>>>,
    taken: slug::Taken,
}

impl Finisher {
    pub(super) fn batch(&mut self, raw: Vec<RawItem>, emit: &mut impl FnMut(ParsedItem)) {
        for (mut item, base_slug) in raw.into_iter().filter_map(draft) {
            if let Some(u) = &item.url {
                match self.seen.get(u) {
                    // The same primary URL again is the same item (a paper filed under two
                    // sections), unless it brings links of its own (talks that cite one book).
                    Some(first)
                        if item
                            .links
                            .iter()
                            .all(|l| l.url.is_none() || first.contains(&l.url)) =>
                    {
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        let targets = item.links.iter().map(|l| l.url.clone()).collect();
                        self.seen.insert(u.clone(), targets);
                    }
                }
            }
            item.slug = slug::unique(&base_slug, &mut self.taken);
            emit(item);
        }
    }
}

/// Everything about one item that does not depend on the others: all but its final slug
/// (returned as the base to make unique) and whether it repeats an earlier item.
fn draft(raw: RawItem) -> Option<(ParsedItem, String)> {
    let parts = title::extract(&raw.spans);
    if parts.title.is_empty() && raw.links.is_empty() {
        return None;
    }
    let links: Vec<Link> = raw
        .links
        .iter()
        .map(|l| Link {
            label: l.display_label().to_string(),
            url: normalize_url(&l.url),
        })
        .collect();
    let url = links
        .iter()
        .find(|l| l.url.is_some() && !is_note_label(&l.label))
        .and_then(|l| l.url.clone());
    // Without text, the first link label names the item, else its URL (`- [](https://x.org)`).
    let title = if parts.title.is_empty() {
        links
            .iter()
            .find(|l| !l.label.is_empty())
            .map(|l| l.label.clone())
            .or_else(|| links.iter().find_map(|l| l.url.clone()))?
    } else {
        parts.title
    };
    let kind = raw
        .section
        .iter()
        .rev()
        .find_map(|s| Kind::from_section_name(s))
        .unwrap_or_else(|| url.as_deref().map_or(Kind::Other, Kind::from_url));
    let base_slug = slug::base(&title);
    let item = ParsedItem {
        slug: String::new(),
        title,
        section: raw.section,
        kind,
        url,
        links,
        venue: parts.venue,
        year: parts.year,
        line: raw.line,
        checked: raw.checkbox,
        dates: parts.dates,
    };
    Some((item, base_slug))
}
