//! Property tests of the store: the cached state always equals a derivation from the event log,
//! and export → restore → export gives the same document. Case counts stay small so that
//! `cargo test` stays quick.

use super::{NewCommand, NewEvent, NewItem, Store};
use crate::markdown::ParsedItem;
use crate::model::{EventKind, Kind, Link};
use crate::state::{self, Fact};
use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;

/// One thing a person does to an item: mark it (at a time that may be backdated), or undo.
#[derive(Debug, Clone)]
enum Step {
    Mark {
        item: usize,
        kind: EventKind,
        minutes: i64,
        note: Option<String>,
    },
    Undo {
        item: usize,
    },
    /// `note --edit` (with text) or `note --rm` (without) of the item's latest note, if any.
    Supersede {
        item: usize,
        note: Option<String>,
    },
}

const MARKS: [EventKind; 6] = [
    EventKind::Start,
    EventKind::Done,
    EventKind::Review,
    EventKind::Skip,
    EventKind::Reset,
    EventKind::Note,
];

/// Characters JSON, CSV, markdown and terminals treat specially, beside plain ones.
const ODD: [char; 16] = [
    'a', 'Z', ' ', '"', '\\', '\n', '\t', '\u{1}', '\u{1b}', '|', '[', ']', 'é', '😀', '\u{202e}',
    '深',
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&ODD[..]), 0..max)
        .prop_map(|chars| chars.into_iter().collect())
}

fn step(items: usize) -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (
            0..items,
            prop::sample::select(&MARKS[..]),
            // Up to ten days either side of the clock: backdated marks come out of order.
            -14_400i64..14_400,
            prop::option::of(text(12)),
        )
            .prop_map(|(item, kind, minutes, note)| Step::Mark { item, kind, minutes, note }),
        1 => (0..items).prop_map(|item| Step::Undo { item }),
        1 => (0..items, prop::option::of(text(12)))
            .prop_map(|(item, note)| Step::Supersede { item, note }),
    ]
}

fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()
}

fn parsed_item(i: usize, title: String, section: Vec<String>, kind: Kind) -> ParsedItem {
    let url = (!i.is_multiple_of(3)).then(|| format!("https://example.org/{i}?q=\"{title}\""));
    ParsedItem {
        slug: format!("item-{i}"),
        links: url
            .iter()
            .map(|u| Link {
                label: title.clone(),
                url: Some(u.clone()),
            })
            .chain(i.is_multiple_of(2).then(|| Link {
                label: "code".into(),
                url: None,
            }))
            .collect(),
        title,
        section,
        kind,
        url,
        venue: i.is_multiple_of(4).then(|| "ICML'23".into()),
        year: i.is_multiple_of(4).then_some(2023),
        line: i + 1,
        checked: Some(i.is_multiple_of(5)),
        dates: Default::default(),
    }
}

/// A database with `titles.len()` imported items, two added by hand, and `steps` applied.
fn database(titles: &[(String, Vec<String>, Kind)], steps: &[Step]) -> (Store, Vec<i64>) {
    let mut store = Store::open_in_memory().unwrap();
    let parsed: Vec<ParsedItem> = titles
        .iter()
        .enumerate()
        .map(|(i, (t, s, k))| parsed_item(i, t.clone(), s.clone(), *k))
        .collect();
    store
        .import(
            &parsed,
            &super::ListSource::for_test("list \"odd\".md"),
            base(),
            false,
        )
        .unwrap();
    for (slug, title) in [("mine", "Mine \"1\""), ("other", "Other\tone")] {
        let item = NewItem {
            slug: slug.into(),
            title: title.into(),
            section: vec!["Added".into(), "By hand".into()],
            kind: Kind::Book,
            url: Some(format!("https://example.org/{slug}")),
            venue: None,
            year: None,
        };
        store.add_item(&item, chrono::Utc::now()).unwrap();
    }
    let ids: Vec<i64> = store
        .items(&Default::default())
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    for (n, step) in steps.iter().enumerate() {
        let now = base() + Duration::minutes(n as i64);
        match step {
            Step::Mark {
                item,
                kind,
                minutes,
                note,
            } => {
                store
                    .append_events(
                        &NewCommand::typed("mark", now),
                        &[NewEvent {
                            item_id: ids[item % ids.len()],
                            kind: *kind,
                            at: now + Duration::minutes(*minutes),
                            note: note.clone(),
                            rating: None,
                            spent_s: None,
                            supersedes: None,
                        }],
                    )
                    .unwrap();
            }
            Step::Undo { item } => {
                store.undo_item(ids[item % ids.len()], now).unwrap();
            }
            Step::Supersede { item, note } => {
                if let Some(latest) = store.latest_note(ids[item % ids.len()]).unwrap() {
                    let command = NewCommand::typed("note", now);
                    let id = store.supersede_note(&command, &latest, note.clone());
                    assert!(id.unwrap().is_some());
                }
            }
        }
    }
    (store, ids)
}

/// One event of the model of the log.
struct Logged {
    item: i64,
    kind: EventKind,
    at: DateTime<Utc>,
    /// The step that recorded it (0 for the import).
    order: usize,
    undone: bool,
    /// The index of the note it corrects or withdraws.
    supersedes: Option<usize>,
    withdraws: bool,
    /// It has a note of the user's (any kind: `done -m` too; not the mark of a ticked box).
    has_note: bool,
}

impl Logged {
    fn new(item: i64, kind: EventKind, at: DateTime<Utc>, order: usize) -> Logged {
        Logged {
            item,
            kind,
            at,
            order,
            undone: false,
            supersedes: None,
            withdraws: false,
            has_note: false,
        }
    }
}

/// Whether a correction or withdrawal that is not undone replaced the note of event `i`.
fn superseded(log: &[Logged], i: usize) -> bool {
    log.iter().any(|s| s.supersedes == Some(i) && !s.undone)
}

/// Whether the model's event `i` counts: not undone, not a withdrawal, and not a `note` that a
/// correction or withdrawal replaced (a done whose note was corrected still counts).
fn in_force(log: &[Logged], i: usize) -> bool {
    let e = &log[i];
    let replaced = e.kind == EventKind::Note && superseded(log, i);
    !(e.undone || e.withdraws || replaced)
}

/// Whether event `i` has a note of the user's in force: what `note --edit` corrects.
fn note_in_force(log: &[Logged], i: usize) -> bool {
    let e = &log[i];
    !e.undone && e.has_note && !superseded(log, i)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Whatever is marked, backdated or undone, the cached state equals the state derived
    /// from the events that count, sorted by time, as a model of the log keeps them.
    #[test]
    fn the_cached_state_equals_a_fresh_derivation(steps in prop::collection::vec(step(3), 0..24)) {
        let titles: Vec<(String, Vec<String>, Kind)> =
            (0..3).map(|i| (format!("Item {i}"), vec![], Kind::Paper)).collect();
        let (store, ids) = database(&titles, &steps);
        // Items checked in the list (`- [x]`) are done at import, before any step.
        let mut log: Vec<Logged> = (0..titles.len())
            .filter(|i| i.is_multiple_of(5))
            .map(|i| Logged::new(ids[i], EventKind::Done, base(), 0))
            .collect();
        for (n, step) in steps.iter().enumerate() {
            let now = base() + Duration::minutes(n as i64);
            let n = n + 1;
            match step {
                Step::Mark { item, kind, minutes, note } => {
                    let mut entry = Logged::new(ids[item % ids.len()], *kind, now + Duration::minutes(*minutes), n);
                    entry.has_note = note.is_some();
                    log.push(entry);
                }
                Step::Undo { item } => {
                    let id = ids[item % ids.len()];
                    if let Some(last) = log.iter_mut().rev().find(|e| e.item == id && !e.undone) {
                        last.undone = true;
                    }
                }
                Step::Supersede { item, note } => {
                    let id = ids[item % ids.len()];
                    let latest = (0..log.len())
                        .filter(|&i| log[i].item == id && note_in_force(&log, i))
                        .max_by_key(|&i| (log[i].at, log[i].order));
                    if let Some(latest) = latest {
                        let mut entry = Logged::new(id, EventKind::Note, log[latest].at, n);
                        entry.supersedes = Some(latest);
                        entry.withdraws = note.is_none();
                        entry.has_note = note.is_some();
                        log.push(entry);
                    }
                }
            }
        }
        for &id in &ids {
            let mut facts: Vec<&Logged> =
                (0..log.len()).filter(|&i| log[i].item == id && in_force(&log, i)).map(|i| &log[i]).collect();
            facts.sort_by_key(|e| (e.at, e.order));
            let facts: Vec<Fact> = facts.into_iter().map(|e| Fact { kind: e.kind, at: e.at, rating: None, spent_s: 0 }).collect();
            let cached = store.item_by_id(id).unwrap().unwrap().state;
            prop_assert_eq!(&cached, &state::derive(&facts));
            prop_assert_eq!(&cached, &store.derived_state(id).unwrap());
        }
    }

    /// Any database exported, restored into a new one and exported again gives the same bytes.
    #[test]
    fn export_restore_export_is_identical(
        titles in prop::collection::vec(
            (
                text(16),
                prop::collection::vec(text(8), 0..3),
                prop::sample::select(&Kind::ALL[..]),
            ),
            1..6,
        ),
        steps in prop::collection::vec(step(8), 0..16),
    ) {
        let (store, _) = database(&titles, &steps);
        let first = export_json(&store);
        let document: crate::export::Document = serde_json::from_str(&first).unwrap();
        let mut restored = Store::open_in_memory().unwrap();
        restored.restore(&document, base()).unwrap();
        prop_assert_eq!(first, export_json(&restored));
    }
}

/// The JSON export, written as `mlpath export` writes it.
fn export_json(store: &Store) -> String {
    use crate::render::json;
    let header = store.export_header().unwrap();
    let items =
        json::Stream::new(|push| store.each_export_item::<anyhow::Error>(|item| push(&item)));
    let document = crate::export::Document {
        format: header.format,
        version: header.version,
        list_source: header.list_source,
        lists: header.lists,
        items: &items,
    };
    let mut out = Vec::new();
    json::write_streamed(&mut out, &document, &items).unwrap();
    String::from_utf8(out).unwrap()
}
