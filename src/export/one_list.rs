//! One list out of a document: what `export --list NAME` keeps of each item, and what `restore`
//! does with a document whose items name lists it does not hold. Pure.

use super::{Document, ExportItem, ExportList};

impl ExportItem {
    /// The item as the list `name` alone holds it: only its membership there, and its place
    /// (section, position, line) that list's, as in a database that follows that list alone.
    /// None when the list does not hold it.
    pub fn only_in(mut self, name: &str) -> Option<ExportItem> {
        self.memberships.retain(|m| m.list == name);
        let place = self.memberships.first()?;
        self.section = place.section.clone();
        self.position = place.position;
        self.source_line = place.line;
        Some(self)
    }
}

/// An item's membership in a list the document does not hold, which `restore` leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct Unheld {
    pub slug: String,
    pub list: String,
    /// Whether no held list holds the item either: it is restored removed (hidden, with its
    /// history), as an item is when its last list goes.
    pub hidden: bool,
}

impl Document {
    /// Leaves out the memberships in lists that `lists` does not hold (`export --list` of 0.1.0
    /// kept its shared items' places in the other lists) and returns them; the items themselves
    /// stay, hidden when no held list holds them. A `list_source` naming none of the lists
    /// becomes the newest one's path.
    pub fn drop_unheld_lists(&mut self) -> Vec<Unheld> {
        if self.version < 2 {
            // Version 1 has no memberships: `list_source` is its one list.
            return Vec::new();
        }
        let held = |name: &str| self.lists.iter().any(|l| l.name == name);
        let mut unheld = Vec::new();
        for item in &mut self.items {
            let (kept, gone): (Vec<_>, Vec<_>) = std::mem::take(&mut item.memberships)
                .into_iter()
                .partition(|m| held(&m.list));
            let hidden = kept.is_empty() && !gone.is_empty() && item.origin == "list";
            item.memberships = kept;
            item.removed |= hidden;
            unheld.extend(gone.into_iter().map(|m| Unheld {
                slug: item.slug.clone(),
                list: m.list,
                hidden,
            }));
        }
        let names_a_list = |source: &String| self.lists.iter().any(|l| &l.path == source);
        if !self.list_source.as_ref().is_none_or(names_a_list)
            && let Some(list) = newest(&self.lists)
        {
            self.list_source = Some(list.path.clone());
        }
        unheld
    }
}

/// The list imported last (the later one of a tie), as `list_source` names after an import.
fn newest(lists: &[ExportList]) -> Option<&ExportList> {
    lists.iter().max_by_key(|l| l.imported_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{ExportMembership, FORMAT};
    use crate::model::Kind;

    fn place(list: &str, section: &str, position: i64, line: i64) -> ExportMembership {
        ExportMembership {
            list: list.into(),
            section: vec![section.into()],
            position,
            line: Some(line),
        }
    }

    fn item(slug: &str, memberships: Vec<ExportMembership>) -> ExportItem {
        let first = memberships.first().cloned();
        ExportItem {
            id: 1,
            slug: slug.into(),
            title: slug.into(),
            section: first.as_ref().map_or(vec![], |m| m.section.clone()),
            position: first.as_ref().map_or(0, |m| m.position),
            kind: Kind::Paper,
            url: None,
            links: vec![],
            venue: None,
            year: None,
            source_line: first.and_then(|m| m.line),
            origin: "list".into(),
            removed: false,
            list_checked: false,
            key: None,
            memberships,
            events: vec![],
        }
    }

    fn list(name: &str, path: &str, day: u32) -> ExportList {
        ExportList {
            name: name.into(),
            path: path.into(),
            hash: None,
            imported_at: format!("2026-11-{day:02}T10:00:00Z").parse().unwrap(),
            seeded: false,
        }
    }

    fn shared() -> ExportItem {
        item(
            "shared",
            vec![
                place("Alpha", "Basics", 2, 5),
                place("Beta", "Reading", 1, 4),
            ],
        )
    }

    #[test]
    fn an_item_of_one_list_keeps_only_its_place_there() {
        let beta = shared().only_in("Beta").unwrap();
        assert_eq!(beta.memberships, [place("Beta", "Reading", 1, 4)]);
        assert_eq!(
            (beta.section, beta.position, beta.source_line),
            (vec!["Reading".to_string()], 1, Some(4))
        );
        let alpha = shared().only_in("Alpha").unwrap();
        assert_eq!(alpha.memberships, [place("Alpha", "Basics", 2, 5)]);
        assert_eq!(alpha.position, 2);
        assert_eq!(shared().only_in("Gamma"), None);
        assert_eq!(item("mine", vec![]).only_in("Alpha"), None, "added by hand");
    }

    fn document(lists: Vec<ExportList>, source: &str, items: Vec<ExportItem>) -> Document {
        Document {
            format: FORMAT.into(),
            version: 2,
            list_source: Some(source.into()),
            lists,
            items,
        }
    }

    #[test]
    fn memberships_in_lists_the_document_lacks_are_dropped_and_the_items_kept() {
        let mut doc = document(
            vec![list("Alpha", "/a.md", 1)],
            "/b.md",
            vec![
                shared(),
                item("only", vec![place("Alpha", "Basics", 3, 6)]),
                item("b-only", vec![place("Beta", "Reading", 2, 5)]),
            ],
        );
        let unheld = doc.drop_unheld_lists();
        let dropped = |slug: &str, hidden| Unheld {
            slug: slug.into(),
            list: "Beta".into(),
            hidden,
        };
        assert_eq!(unheld, [dropped("shared", false), dropped("b-only", true)]);
        assert_eq!(doc.items.len(), 3, "every item is restored");
        assert_eq!(doc.items[0].memberships, [place("Alpha", "Basics", 2, 5)]);
        assert_eq!(doc.items[1].memberships.len(), 1);
        assert!(doc.items[2].memberships.is_empty());
        let removed: Vec<bool> = doc.items.iter().map(|i| i.removed).collect();
        assert_eq!(removed, [false, false, true], "in no list, it is hidden");
        assert_eq!(doc.list_source.as_deref(), Some("/a.md"), "a held list");
    }

    #[test]
    fn a_consistent_document_is_left_as_it_is() {
        let lists = vec![list("Alpha", "/a.md", 2), list("Beta", "/b.md", 1)];
        let mut doc = document(lists, "/b.md", vec![shared()]);
        let before = doc.clone();
        assert!(doc.drop_unheld_lists().is_empty());
        assert_eq!(doc, before);
    }

    #[test]
    fn a_stray_list_source_becomes_the_newest_held_list() {
        let lists = vec![list("Alpha", "/a.md", 3), list("Beta", "/b.md", 1)];
        let mut doc = document(lists, "/gone.md", vec![]);
        doc.drop_unheld_lists();
        assert_eq!(doc.list_source.as_deref(), Some("/a.md"));
        // Without lists it stays: a database with a list source is never seeded again.
        let mut none = document(vec![], "/gone.md", vec![]);
        none.drop_unheld_lists();
        assert_eq!(none.list_source.as_deref(), Some("/gone.md"));
    }

    #[test]
    fn a_version_1_document_is_untouched() {
        let mut doc = document(vec![], "/list.md", vec![item("a", vec![])]);
        doc.version = 1;
        let before = doc.clone();
        assert!(doc.drop_unheld_lists().is_empty());
        assert_eq!(doc, before, "its list_source is its one list");
    }
}
