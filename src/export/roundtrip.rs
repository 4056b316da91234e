//! Property test: any list the markdown export writes imports back to the same items.

use super::{MarkdownItem, MarkdownWriter};
use crate::markdown::parse;
use crate::model::{Link, Status};
use chrono::NaiveDate;
use proptest::prelude::*;

fn day(d: u32) -> String {
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(u64::from(d));
    date.format("%Y-%m-%d").to_string()
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Todo),
        Just(Status::Started),
        Just(Status::Done),
        Just(Status::Reviewed),
        Just(Status::Skipped),
    ]
}

/// Titles a person writes, with the characters markdown reads as markup where a link holds them.
/// No colons: the importer reads `:star:` as an emoji shortcode, decoration and not title.
fn title(linked: bool) -> BoxedStrategy<String> {
    // Stored titles have single spaces: the importer and `add` collapse white space.
    let collapse = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
    match linked {
        true => "[A-Za-z][A-Za-z0-9 ,'\"!?.*_`#|<>\\[\\]\\\\-]{0,30}[A-Za-z0-9]"
            .prop_map(collapse)
            .boxed(),
        false => "[A-Za-z][A-Za-z0-9 ,'\"!?.-]{0,30}[A-Za-z0-9]"
            .prop_map(collapse)
            .boxed(),
    }
}

fn item() -> impl Strategy<Value = MarkdownItem> {
    let section = prop::collection::vec(
        prop_oneof![
            Just("Papers"),
            Just("LLM inference"),
            Just("Videos & talks"),
            Just("Deep_learning")
        ],
        0..3,
    );
    let url = "[a-z]{1,6}([ \t][a-z]{1,4})?";
    // Extra links, some without a label (`[](url)` in a list): `(label, url tail)`.
    let extra = prop::collection::vec(
        (
            prop_oneof![Just(""), Just("code"), Just("slides")],
            // Spaces inside only: the importer trims a URL.
            "([a-z0-9_*&?=%()-]{1,4}( [a-z0-9]{1,3})?)?",
        ),
        0..3,
    );
    (
        any::<bool>(),
        section,
        url,
        status(),
        0u32..300,
        0u32..30,
        0u32..30,
        extra,
    )
        .prop_flat_map(
            |(linked, section, url, status, start, done, review, extra)| {
                let notes = prop::collection::vec("[ -~\n]{1,40}", 0..3);
                (title(linked), notes).prop_map(move |(title, notes)| MarkdownItem {
                    title,
                    section: section.iter().map(|s| s.to_string()).collect(),
                    // The index is added by the caller: every primary URL is unique.
                    url: linked.then(|| url.clone()),
                    // Only beside a primary URL: without one the importer takes the first link.
                    links: extra
                        .iter()
                        .filter(|_| linked)
                        .enumerate()
                        .map(|(n, (label, tail))| Link {
                            label: label.to_string(),
                            url: Some(format!("https://example.org/extra/{n}/{tail}")),
                        })
                        .collect(),
                    venue: None,
                    status,
                    started: Some(day(start)),
                    done: Some(day(start + done)),
                    reviewed: Some(day(start + done + review)),
                    notes: notes.into_iter().map(|n| (day(start), n)).collect(),
                })
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_markdown_export_imports_back_to_the_same_items(
        mut items in prop::collection::vec(item(), 1..25),
    ) {
        for (i, item) in items.iter_mut().enumerate() {
            for link in &mut item.links {
                link.url = link.url.as_ref().map(|u| u.replace("/extra/", &format!("/extra/{i}/")));
            }
            if let Some(path) = &item.url {
                let url = format!("https://example.org/{i}/{path}");
                item.links.insert(0, Link { label: item.title.clone(), url: Some(url.clone()) });
                item.url = Some(url);
            }
        }
        // The export writes the items without a section first (markdown cannot go back).
        items.sort_by_key(|i| !i.section.is_empty());
        let mut out = Vec::new();
        let mut writer = MarkdownWriter::new(&mut out, "My list").unwrap();
        for item in &items {
            writer.write(item).unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        let parsed = parse(&text);
        prop_assert_eq!(parsed.len(), items.len(), "{}", text);
        for (got, want) in parsed.iter().zip(&items) {
            prop_assert_eq!(&got.title, &want.title, "{}", text);
            prop_assert_eq!(&got.section, &want.section, "{}", text);
            prop_assert_eq!(&got.url, &want.url, "{}", text);
            // Every other link comes back; one without a label is labelled with its URL.
            let others = |links: &[Link], url: &Option<String>| -> Vec<(String, Option<String>)> {
                links
                    .iter()
                    .filter(|l| l.url != *url)
                    .map(|l| match l.label.as_str() {
                        "" => (l.url.clone().unwrap_or_default(), l.url.clone()),
                        label => (label.to_string(), l.url.clone()),
                    })
                    .collect()
            };
            let got_others: Vec<(String, Option<String>)> = got
                .links
                .iter()
                .filter(|l| l.url != got.url)
                .map(|l| (l.label.clone(), l.url.clone()))
                .collect();
            prop_assert_eq!(got_others, others(&want.links, &want.url), "{}", text);
            prop_assert_eq!(got.checked, Some(want.status.is_finished()), "{}", text);
            let date = |d: &Option<String>| d.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let (started, done, reviewed) = match want.status {
                Status::Started => (date(&want.started), None, None),
                Status::Done => (None, date(&want.done), None),
                Status::Reviewed => (None, date(&want.done), date(&want.reviewed)),
                Status::Todo | Status::Skipped => (None, None, None),
            };
            prop_assert_eq!(got.dates.started, started, "{}", text);
            prop_assert_eq!(got.dates.done, done, "{}", text);
            prop_assert_eq!(got.dates.reviewed, reviewed, "{}", text);
        }
    }
}
