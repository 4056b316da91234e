//! Appends N events to an mlpath database, spread over items and the last year, as a scripted
//! run of daily use would: `cargo run --release --example genevents -- DB 100000`.

use chrono::{Duration, TimeZone, Utc};
use mlpath::model::EventKind;
use mlpath::store::{ItemFilter, NewCommand, NewEvent, Store};

mod support;

fn main() {
    let (mut store, n, _) = support::store_and_count("genevents");
    let items = store.items(&ItemFilter::default()).expect("items");
    if items.is_empty() {
        eprintln!("genevents: import a list first");
        std::process::exit(1);
    }
    let start = Utc.with_ymd_and_hms(2025, 11, 28, 8, 0, 0).unwrap();
    let kinds = [
        EventKind::Start,
        EventKind::Note,
        EventKind::Done,
        EventKind::Review,
    ];
    let mut batch = Vec::new();
    for i in 0..n {
        // Work moves through the list in order, a few events per item.
        let k = i / 4;
        let item = &items[k % items.len()];
        // A learner finishes most of what they start: one item in a hundred stays in progress.
        let kind = if k % 100 == 0 && i % 4 >= 2 {
            EventKind::Note
        } else {
            kinds[i % 4]
        };
        let at = start + Duration::minutes((i as i64) * 525_600 / n as i64);
        batch.push(NewEvent {
            item_id: item.id,
            kind,
            at,
            note: Some(format!("note {i}")),
            rating: None,
            spent_s: None,
            supersedes: None,
        });
        if batch.len() == 5_000 {
            append(&mut store, &batch);
            batch.clear();
        }
    }
    append(&mut store, &batch);
    eprintln!(
        "genevents: {n} events over {} items",
        items.len().min(n / 4 + 1)
    );
}

/// One command per batch: how the events are grouped does not matter for the reports.
fn append(store: &mut Store, batch: &[NewEvent]) {
    let Some(last) = batch.last() else { return };
    store
        .append_events(&NewCommand::typed("genevents", last.at), batch)
        .expect("append");
}
