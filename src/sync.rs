//! Matching a freshly parsed list against the items already stored. Pure.
//!
//! Items are matched by primary URL, then by slug, then by normalized title, each pass over the
//! whole list before the next, so that a fixed typo or a moved section keeps an item's events.

use crate::markdown::ParsedItem;
use crate::model::{Kind, Link};
use crate::slug;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What the store knows of an existing item, for matching and change detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub position: i64,
    pub kind: Kind,
    pub url: Option<String>,
    pub links: Vec<Link>,
    pub venue: Option<String>,
    pub year: Option<i32>,
    pub line: Option<i64>,
    pub manual: bool,
    pub removed: bool,
    pub list_checked: bool,
}

/// What to do with one parsed item.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A new item, with the slug it gets.
    Insert { slug: String },
    /// An existing item; `changed` when title, section, kind, links or venue differ, `revived`
    /// when it had been removed, `rewrite` when anything stored differs (position included).
    Update {
        id: i64,
        changed: bool,
        revived: bool,
        rewrite: bool,
        newly_checked: bool,
    },
}

/// One line of counts: what an import did or would do.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The whole plan: one action per parsed item (same order) and the ids to mark removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub actions: Vec<Action>,
    pub remove: Vec<i64>,
    pub summary: Summary,
}

/// Lower-cased letters and digits only, so `Tabi:  an Efficient` equals `tabi an efficient`.
pub fn normalize_title(title: &str) -> String {
    title
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn plan(existing: &[Existing], parsed: &[ParsedItem]) -> Plan {
    let matches = match_items(existing, parsed);
    let mut taken: HashSet<String> = existing.iter().map(|e| e.slug.clone()).collect();
    let mut summary = Summary::default();
    let mut matched_ids = HashSet::new();
    let mut actions = Vec::with_capacity(parsed.len());
    for (position, (item, found)) in parsed.iter().zip(&matches).enumerate() {
        let action = match found {
            Some(i) => {
                let old = &existing[*i];
                matched_ids.insert(old.id);
                let changed = content_differs(old, item);
                let revived = old.removed;
                let rewrite = changed
                    || revived
                    || old.position != position as i64 + 1
                    || old.line != Some(item.line as i64)
                    || old.list_checked != (item.checked == Some(true));
                if changed || revived {
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                let newly_checked = item.checked == Some(true) && !old.list_checked;
                Action::Update {
                    id: old.id,
                    changed,
                    revived,
                    rewrite,
                    newly_checked,
                }
            }
            None => {
                summary.added += 1;
                Action::Insert {
                    slug: slug::unique(&item.slug, &mut taken),
                }
            }
        };
        actions.push(action);
    }
    let remove: Vec<i64> = existing
        .iter()
        .filter(|e| !e.manual && !e.removed && !matched_ids.contains(&e.id))
        .map(|e| e.id)
        .collect();
    summary.removed = remove.len();
    Plan {
        actions,
        remove,
        summary,
    }
}

/// For each parsed item, the index of the existing item it is, if any.
fn match_items(existing: &[Existing], parsed: &[ParsedItem]) -> Vec<Option<usize>> {
    let mut result: Vec<Option<usize>> = vec![None; parsed.len()];
    if existing.is_empty() {
        return result;
    }
    let mut claimed = vec![false; existing.len()];
    let mut claim = |candidates: &[usize]| {
        let found = candidates.iter().copied().find(|&i| !claimed[i]);
        if let Some(i) = found {
            claimed[i] = true;
        }
        found
    };
    let mut by_url: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in existing.iter().enumerate() {
        if let Some(u) = &e.url {
            by_url.entry(u.as_str()).or_default().push(i);
        }
    }
    for (r, item) in result.iter_mut().zip(parsed) {
        if let Some(cands) = item.url.as_deref().and_then(|u| by_url.get(u)) {
            *r = claim(cands);
        }
    }
    // The slug and title passes are only needed for what the URLs left unmatched.
    let listed = || existing.iter().enumerate().filter(|(_, e)| !e.manual);
    if result.iter().any(Option::is_none) {
        let by_slug: HashMap<&str, usize> = listed().map(|(i, e)| (e.slug.as_str(), i)).collect();
        for (r, item) in result.iter_mut().zip(parsed) {
            if r.is_none()
                && let Some(&i) = by_slug.get(item.slug.as_str())
            {
                *r = claim(&[i]);
            }
        }
    }
    if result.iter().any(Option::is_none) {
        let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in listed() {
            by_title
                .entry(normalize_title(&e.title))
                .or_default()
                .push(i);
        }
        for (r, item) in result.iter_mut().zip(parsed) {
            if r.is_none()
                && let Some(cands) = by_title.get(&normalize_title(&item.title))
            {
                *r = claim(cands);
            }
        }
    }
    result
}

fn content_differs(old: &Existing, new: &ParsedItem) -> bool {
    old.title != new.title
        || old.section != new.section
        || old.kind != new.kind
        || old.url != new.url
        || old.links != new.links
        || old.venue != new.venue
        || old.year != new.year
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn existing_from(src: &str) -> Vec<Existing> {
        parse(src)
            .into_iter()
            .enumerate()
            .map(|(i, p)| Existing {
                id: i as i64 + 1,
                slug: p.slug,
                title: p.title,
                section: p.section,
                position: i as i64 + 1,
                kind: p.kind,
                url: p.url,
                links: p.links,
                venue: p.venue,
                year: p.year,
                line: Some(p.line as i64),
                manual: false,
                removed: false,
                list_checked: p.checked == Some(true),
            })
            .collect()
    }

    const LIST: &str = "## Papers\n- [Alpa: Automating Parallelism](https://a.org)\n- [Orca: Serving](https://o.org)\n- Tabi: An Efficient System\n";

    #[test]
    fn same_list_changes_nothing() {
        let p = plan(&existing_from(LIST), &parse(LIST));
        assert_eq!(
            p.summary,
            Summary {
                added: 0,
                updated: 0,
                unchanged: 3,
                removed: 0
            }
        );
        assert!(
            p.actions
                .iter()
                .all(|a| matches!(a, Action::Update { rewrite: false, .. }))
        );
    }

    #[test]
    fn fixed_typo_keeps_the_item_by_url() {
        let edited = LIST.replace(
            "Automating Parallelism",
            "Automating Inter- and Intra-Operator Parallelism",
        );
        let p = plan(&existing_from(LIST), &parse(&edited));
        assert_eq!(p.summary.updated, 1);
        assert!(matches!(
            p.actions[0],
            Action::Update {
                id: 1,
                changed: true,
                ..
            }
        ));
    }

    #[test]
    fn changed_url_matches_by_slug_and_linkless_by_title() {
        let edited = LIST
            .replace("https://o.org", "https://orca.org")
            .replace("Tabi: An", "Tabi:  an");
        let p = plan(&existing_from(LIST), &parse(&edited));
        assert!(matches!(p.actions[1], Action::Update { id: 2, .. }));
        assert!(matches!(p.actions[2], Action::Update { id: 3, .. }));
        assert_eq!(p.summary.added, 0);
    }

    #[test]
    fn dropped_items_are_removed_and_come_back() {
        let shorter = "## Papers\n- [Alpa: Automating Parallelism](https://a.org)\n";
        let mut existing = existing_from(LIST);
        let p = plan(&existing, &parse(shorter));
        assert_eq!(p.remove, [2, 3]);
        existing[1].removed = true;
        let p = plan(&existing, &parse(LIST));
        assert!(matches!(
            p.actions[1],
            Action::Update {
                id: 2,
                revived: true,
                ..
            }
        ));
        assert_eq!(p.summary.updated, 1);
        assert_eq!(p.remove, Vec::<i64>::new());
    }

    #[test]
    fn new_items_get_free_slugs_and_manual_items_stay() {
        let mut existing = existing_from(LIST);
        existing[0].manual = true;
        existing[0].url = Some("https://elsewhere.org".into());
        let p = plan(&existing, &parse(LIST));
        assert_eq!(
            p.actions[0],
            Action::Insert {
                slug: "alpa-2".into()
            }
        );
        assert!(!p.remove.contains(&1));
    }

    #[test]
    fn newly_checked_boxes_are_noticed() {
        let unchecked = "- [ ] [A](https://a.org)\n";
        let checked = "- [x] [A](https://a.org)\n";
        let p = plan(&existing_from(unchecked), &parse(checked));
        assert!(matches!(
            p.actions[0],
            Action::Update {
                newly_checked: true,
                rewrite: true,
                ..
            }
        ));
        let p = plan(&existing_from(checked), &parse(checked));
        assert!(matches!(
            p.actions[0],
            Action::Update {
                newly_checked: false,
                rewrite: false,
                ..
            }
        ));
    }
}
