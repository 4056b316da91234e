//! Matching a freshly parsed list against the items already stored. Pure.
//!
//! Items are matched by primary URL, then by slug, then by normalized title, each pass over the
//! whole list before the next, so that a fixed typo or a moved section keeps an item's events.

use crate::markdown::ParsedItem;
use crate::model::{Kind, Link};
use crate::slug;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// What the store knows of an existing item, for matching and change detection.
#[derive(Debug, Clone, PartialEq)]
pub struct Existing {
    pub id: i64,
    pub slug: String,
    pub title: String,
    /// Shared by the items of one section (a re-import holds every stored item).
    pub section: Rc<[String]>,
    pub position: i64,
    pub kind: Kind,
    pub url: Option<String>,
    pub links: LinksDigest,
    pub venue: Option<String>,
    pub year: Option<i32>,
    pub line: Option<i64>,
    pub manual: bool,
    pub removed: bool,
    pub list_checked: bool,
    /// Whether the list being imported holds the item (then `section`, `position` and `line`
    /// are its place in that list).
    pub in_list: bool,
    /// Whether another list holds the item: only its URL can match it then.
    pub elsewhere: bool,
    /// Whether this list is the item's first list (or no list holds it): the first list's
    /// title, kind, links and venue are the item's, so that two lists never take turns.
    pub owner: bool,
    pub status: crate::model::Status,
    /// Whether any event counts for the item.
    pub has_events: bool,
}

/// What comparing an item's links needs, without the links: a re-import holds every stored
/// item, and their links are most of their size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinksDigest {
    /// All the links, labels included.
    all: u64,
    /// The links with the first one's label left out: it is the title again.
    tail: u64,
}

impl LinksDigest {
    pub fn of(links: &[Link]) -> LinksDigest {
        let digest = |first_label: bool| {
            let mut hasher = std::hash::DefaultHasher::new();
            links.len().hash(&mut hasher);
            for (i, link) in links.iter().enumerate() {
                if i > 0 || first_label {
                    link.label.hash(&mut hasher);
                }
                link.url.hash(&mut hasher);
            }
            hasher.finish()
        };
        LinksDigest {
            all: digest(true),
            tail: digest(false),
        }
    }
}

/// What to do with one parsed item.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A new item, with the slug it gets.
    Insert { slug: String },
    /// An existing item; `changes` names what differs of title, section, kind, links or venue,
    /// `revived` when it had been removed, `joined` when it comes from another list and is new
    /// to this one, `rewrite` when anything stored differs (position included).
    Update {
        id: i64,
        changes: Vec<&'static str>,
        joined: bool,
        /// Whether the item takes this list's title, kind, links and venue (see `owner`).
        own: bool,
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

/// One item in the item-by-item account of an import (`import --dry-run`, refresh messages).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemChange {
    pub slug: String,
    pub title: String,
    /// For updated items: what changed (`title`, `section`, `kind`, `url`, `links`, `venue`,
    /// or `back` when the list holds a removed item again).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<&'static str>,
    /// For removed items: their status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::model::Status>,
    /// For removed items: hidden because no other list holds it, and it has events.
    #[serde(skip)]
    pub hidden_with_history: bool,
}

/// Item by item, what an import did or would do: `{"added", "updated", "removed", "unchanged"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    pub added: Vec<ItemChange>,
    pub updated: Vec<ItemChange>,
    pub removed: Vec<ItemChange>,
    pub unchanged: usize,
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
    let mut taken: slug::Taken = existing.iter().map(|e| e.slug.clone()).collect();
    let mut summary = Summary::default();
    let mut matched_ids = HashSet::new();
    let mut actions = Vec::with_capacity(parsed.len());
    for (position, (item, found)) in parsed.iter().zip(&matches).enumerate() {
        let action = match found {
            Some(i) => {
                let old = &existing[*i];
                matched_ids.insert(old.id);
                let changes = changes(old, item);
                let revived = old.removed;
                let joined = !old.in_list && !old.removed;
                let rewrite = !changes.is_empty()
                    || revived
                    || joined
                    || (old.owner && old.links.all != LinksDigest::of(&item.links).all)
                    || old.position != position as i64 + 1
                    || old.line != Some(item.line as i64)
                    || old.list_checked != (item.checked == Some(true));
                if joined {
                    summary.added += 1;
                } else if !changes.is_empty() || revived {
                    summary.updated += 1;
                } else {
                    summary.unchanged += 1;
                }
                let newly_checked = item.checked == Some(true) && !old.list_checked;
                Action::Update {
                    id: old.id,
                    changes,
                    joined,
                    own: old.owner,
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
        .filter(|e| e.in_list && !matched_ids.contains(&e.id))
        .map(|e| e.id)
        .collect();
    summary.removed = remove.len();
    Plan {
        actions,
        remove,
        summary,
    }
}

/// Items done (or reviewed) here whose box was ticked at the last import and is unticked now.
/// They stay done: unticking a box is not taken for a reset, only said (`mlpath reset ITEM`).
pub fn unticked(existing: &[Existing], parsed: &[ParsedItem], plan: &Plan) -> Vec<String> {
    let by_id: HashMap<i64, &Existing> = existing.iter().map(|e| (e.id, e)).collect();
    plan.actions
        .iter()
        .zip(parsed)
        .filter_map(|(action, item)| match action {
            Action::Update { id, .. } if item.checked == Some(false) => by_id.get(id),
            _ => None,
        })
        .filter(|old| {
            old.list_checked
                && matches!(
                    old.status,
                    crate::model::Status::Done | crate::model::Status::Reviewed
                )
        })
        .map(|old| old.slug.clone())
        .collect()
}

/// The plan told item by item, for people: what is added, updated and removed.
pub fn account(existing: &[Existing], parsed: &[ParsedItem], plan: &Plan) -> Changes {
    let by_id: HashMap<i64, &Existing> = existing.iter().map(|e| (e.id, e)).collect();
    let mut changes = Changes::default();
    for (action, item) in plan.actions.iter().zip(parsed) {
        let entry = |slug: &str, changed| ItemChange {
            slug: slug.to_string(),
            title: item.title.clone(),
            changed,
            status: None,
            hidden_with_history: false,
        };
        match action {
            Action::Insert { slug } => changes.added.push(entry(slug, Vec::new())),
            Action::Update {
                id,
                changes: what,
                joined,
                revived,
                ..
            } => {
                let slug = by_id.get(id).map_or("", |e| e.slug.as_str());
                if *joined {
                    changes.added.push(entry(slug, Vec::new()));
                } else if *revived || !what.is_empty() {
                    let mut what = what.clone();
                    if *revived {
                        what.insert(0, "back");
                    }
                    changes.updated.push(entry(slug, what));
                } else {
                    changes.unchanged += 1;
                }
            }
        }
    }
    for id in &plan.remove {
        if let Some(e) = by_id.get(id) {
            changes.removed.push(ItemChange {
                slug: e.slug.clone(),
                title: e.title.clone(),
                changed: Vec::new(),
                status: Some(e.status),
                hidden_with_history: e.has_events && !e.elsewhere && !e.manual,
            });
        }
    }
    changes
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
    // Several items can share a URL (a paper and a talk about it): those whose title is also
    // the same pair up first, so a re-import does not swap them.
    for (r, item) in result.iter_mut().zip(parsed) {
        if let Some(cands) = item.url.as_deref().and_then(|u| by_url.get(u))
            && cands.len() > 1
        {
            let same_title: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&i| existing[i].title == item.title)
                .collect();
            *r = claim(&same_title);
        }
    }
    for (r, item) in result.iter_mut().zip(parsed) {
        if r.is_none()
            && let Some(cands) = item.url.as_deref().and_then(|u| by_url.get(u))
        {
            *r = claim(cands);
        }
    }
    // The slug and title passes are only needed for what the URLs left unmatched. They look at
    // this list's items and at removed ones: a title in another list is another list's item.
    let listed = || {
        existing
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.manual && (e.in_list || !e.elsewhere))
    };
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

/// The names of what differs between the stored item and the parsed one.
fn changes(old: &Existing, new: &ParsedItem) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if !old.owner {
        if old.in_list && *old.section != *new.section {
            changed.push("section");
        }
        return changed;
    }
    let mut note = |differs: bool, name: &'static str| {
        if differs {
            changed.push(name);
        }
    };
    note(old.title != new.title, "title");
    note(old.in_list && *old.section != *new.section, "section");
    note(old.kind != new.kind, "kind");
    note(old.url != new.url, "url");
    // The first link's label is the title again: only say "links" for the links themselves.
    note(old.links.tail != LinksDigest::of(&new.links).tail, "links");
    note(old.venue != new.venue || old.year != new.year, "venue");
    changed
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
                section: p.section.into(),
                position: i as i64 + 1,
                kind: p.kind,
                url: p.url,
                links: LinksDigest::of(&p.links),
                venue: p.venue,
                year: p.year,
                line: Some(p.line as i64),
                manual: false,
                removed: false,
                list_checked: p.checked == Some(true),
                in_list: true,
                elsewhere: false,
                owner: true,
                status: crate::model::Status::Todo,
                has_events: false,
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
                ref changes,
                ..
            } if changes == &["title"]
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
        existing[1].in_list = false;
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
        existing[0].in_list = false;
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

    #[test]
    fn an_unticked_box_of_a_done_item_is_noticed_but_not_a_change_of_status() {
        let checked = "- [x] [A](https://a.org)\n- [x] [B](https://b.org)\n";
        let unchecked = "- [ ] [A](https://a.org)\n- [ ] [B](https://b.org)\n";
        let mut existing = existing_from(checked);
        existing[0].status = crate::model::Status::Done;
        let parsed = parse(unchecked);
        let p = plan(&existing, &parsed);
        // B was ticked but is not done here (reset since): nothing to say about it.
        assert_eq!(unticked(&existing, &parsed, &p), [existing[0].slug.clone()]);
        let parsed = parse(checked);
        assert!(unticked(&existing, &parsed, &plan(&existing, &parsed)).is_empty());
    }

    #[test]
    fn another_lists_item_is_joined_by_url_but_never_by_title() {
        let mut existing = existing_from(LIST);
        for e in &mut existing {
            e.in_list = false;
            e.elsewhere = true;
            e.owner = false;
        }
        let p = plan(&existing, &parse(LIST));
        // Alpa and Orca have URLs: the same items, now also in this list.
        assert!(matches!(
            p.actions[0],
            Action::Update {
                id: 1,
                joined: true,
                ..
            }
        ));
        assert!(matches!(
            p.actions[1],
            Action::Update {
                id: 2,
                joined: true,
                ..
            }
        ));
        // Tabi has no URL: a title in another list is not this list's item.
        assert!(matches!(p.actions[2], Action::Insert { .. }));
        assert_eq!(p.summary.added, 3);
        assert!(p.remove.is_empty(), "other lists' items are never removed");
        // A title edited in the second list does not overwrite the first list's.
        existing[0].in_list = true;
        let retitled = LIST.replace("Alpa: Automating", "Alpa, retitled:");
        let p = plan(&existing, &parse(&retitled));
        assert!(matches!(
            &p.actions[0],
            Action::Update { id: 1, own: false, changes, .. } if changes.is_empty()
        ));
    }

    #[test]
    fn the_account_names_each_item_and_what_changed() {
        let mut existing = existing_from(LIST);
        existing[2].status = crate::model::Status::Done;
        existing[2].has_events = true;
        let edited = "## Papers\n- [Alpa: Automating Parallelism](https://a.org)\n- [Orca: Serving at scale](https://o.org)\n- [New](https://n.org)\n";
        let parsed = parse(edited);
        let p = plan(&existing, &parsed);
        let c = account(&existing, &parsed, &p);
        assert_eq!(c.unchanged, 1);
        assert_eq!(c.added.len(), 1);
        assert_eq!(c.added[0].slug, "new");
        assert_eq!(c.updated[0].slug, existing[1].slug);
        assert_eq!(c.updated[0].changed, ["title"]);
        assert_eq!(c.removed[0].slug, existing[2].slug);
        assert_eq!(c.removed[0].status, Some(crate::model::Status::Done));
        assert!(c.removed[0].hidden_with_history);
    }
}
