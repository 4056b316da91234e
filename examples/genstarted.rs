//! Starts N items of an mlpath database (every k-th item, one start event each, spread over the
//! last year), for timing `next` with many items in progress:
//! `cargo run --release --example genstarted -- DB 20000`.
//! With `--done`, marks N papers done (rated good) instead, so that N items have a review
//! schedule, most of them due by now: for timing `due` and `next`.

use chrono::{Duration, TimeZone, Utc};
use mlpath::model::{EventKind, Kind, Rating};
use mlpath::store::{ItemFilter, NewCommand, NewEvent};

mod support;

fn main() {
    let (mut store, n, mut args) = support::store_and_count("genstarted");
    let done = args.next().as_deref() == Some("--done");
    let (kind, rating, verb, past) = match done {
        true => (EventKind::Done, Some(Rating::Good), "done", "done"),
        false => (EventKind::Start, None, "start", "started"),
    };
    let mut items = store.items(&ItemFilter::default()).expect("items");
    if done {
        items.retain(|i| i.kind == Kind::Paper);
    }
    if items.len() < n || n == 0 {
        eprintln!("genstarted: the database has {} items", items.len());
        std::process::exit(1);
    }
    let step = items.len() / n;
    let start = Utc.with_ymd_and_hms(2025, 11, 28, 8, 0, 0).unwrap();
    let events: Vec<NewEvent> = (0..n)
        .map(|i| NewEvent {
            item_id: items[i * step].id,
            kind,
            at: start + Duration::minutes((i as i64) * 525_600 / n as i64),
            note: None,
            rating,
            spent_s: None,
            supersedes: None,
        })
        .collect();
    for batch in events.chunks(5_000) {
        let last = batch.last().expect("a batch has events");
        store
            .append_events(&NewCommand::typed(verb, last.at), batch)
            .expect("append");
    }
    eprintln!("genstarted: {n} items {past}");
}
