//! The export document, and writing items back out as CSV or markdown. Pure.

use crate::markdown::suffix;
use crate::model::{EventKind, Kind, Link, Rating, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// Format name and version of `mlpath export --format json`.
pub const FORMAT: &str = "mlpath-export";
/// Version 2 (several lists) added `lists` and each item's `memberships`; `restore` still reads
/// version 1, whose `list_source` becomes the one recorded list.
pub const VERSION: u32 = 2;

/// Everything in a database. Documented in the README; `mlpath restore` reads it back.
/// `Items` is what holds the items: a list when read back, a stream while written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document<Items = Vec<ExportItem>> {
    pub format: String,
    pub version: u32,
    /// Where the list was imported from (a path, or `embedded:…` for the built-in list).
    pub list_source: Option<String>,
    /// The lists the database follows, oldest first (version 2).
    #[serde(default)]
    pub lists: Vec<ExportList>,
    pub items: Items,
}

/// A recorded list (version 2). Its file's size and mtime are not exported: after a restore the
/// next refresh reads the file once and compares its hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportList {
    pub name: String,
    pub path: String,
    pub hash: Option<String>,
    pub imported_at: DateTime<Utc>,
    pub seeded: bool,
}

/// Where an item stands in a list (version 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportMembership {
    pub list: String,
    pub section: Vec<String>,
    pub position: i64,
    pub line: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportItem {
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
    pub source_line: Option<i64>,
    /// `list` (from the markdown) or `manual` (`mlpath add`).
    pub origin: String,
    pub removed: bool,
    pub list_checked: bool,
    /// The key that names the item on other devices (`mlpath sync`); absent until a sync gave
    /// it one, and in older exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The lists that hold the item (version 2).
    #[serde(default)]
    pub memberships: Vec<ExportMembership>,
    /// Every event, undo markers included, oldest recorded first.
    pub events: Vec<ExportEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportEvent {
    pub id: i64,
    pub kind: EventKind,
    pub at: DateTime<Utc>,
    pub note: Option<String>,
    /// For `undo` events: the id of the event it cancels.
    pub undoes: Option<i64>,
    /// For `done` and `review`: how well it was remembered; null for a box ticked in the list.
    /// Exports written before ratings existed have none (see `Document::rate_unrated`).
    #[serde(default)]
    pub rating: Option<Rating>,
    /// For `session` events: the session's length in seconds (absent in older exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_s: Option<u32>,
    /// For a note that corrects (with text) or withdraws (without) an earlier note of the item:
    /// that note's id (absent otherwise, and in older exports).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<i64>,
    /// The event's id on every device (a UUIDv7), kept by a restore so that syncing the restored
    /// database doubles nothing; absent in older exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

/// The note of a done recorded by a box ticked in an imported list.
pub const LIST_TICK_NOTE: &str = "marked [x] in the imported list";

impl Document {
    /// An export written before ratings existed has none at all: its typed dones and reviews
    /// were rated good, as the schema migration that added ratings assumed for the database.
    pub fn rate_unrated(&mut self) {
        let events = || self.items.iter().flat_map(|i| i.events.iter());
        if events().any(|e| e.rating.is_some()) {
            return;
        }
        for event in self.items.iter_mut().flat_map(|i| i.events.iter_mut()) {
            let ticked = event.note.as_deref() == Some(LIST_TICK_NOTE);
            let rated = match event.kind {
                EventKind::Review => true,
                EventKind::Done => !ticked,
                _ => false,
            };
            if rated {
                event.rating = Some(Rating::Good);
            }
        }
    }
}

/// One item of the CSV and markdown exports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub slug: String,
    pub title: String,
    pub section: String,
    pub kind: Kind,
    pub status: Status,
    pub started_at: Option<DateTime<Utc>>,
    pub done_at: Option<DateTime<Utc>>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub review_count: u32,
    pub url: Option<String>,
}

/// The CSV header: [`Row`]'s field names, which serde writes before the first row. Spelled out
/// for an export without rows, which still starts with it (a test keeps the two equal).
const CSV_HEADER: [&str; 10] = [
    "slug",
    "title",
    "section",
    "kind",
    "status",
    "started_at",
    "done_at",
    "reviewed_at",
    "review_count",
    "url",
];

/// Writes items as CSV as they come, one row per item, after a header; fields quoted where needed.
pub struct CsvWriter<'w> {
    csv: csv::Writer<&'w mut dyn Write>,
    rows: usize,
}

impl<'w> CsvWriter<'w> {
    pub fn new(out: &'w mut dyn Write) -> Self {
        CsvWriter {
            csv: csv::Writer::from_writer(out),
            rows: 0,
        }
    }

    pub fn write(&mut self, row: &Row) -> Result<(), csv::Error> {
        self.rows += 1;
        self.csv.serialize(row)
    }

    /// Writes what is still buffered; without any row, the header alone.
    pub fn finish(mut self) -> io::Result<()> {
        if self.rows == 0 {
            self.csv.write_record(CSV_HEADER)?;
        }
        self.csv.flush()
    }
}

/// What the markdown export needs of an item.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownItem {
    pub title: String,
    pub section: Vec<String>,
    pub url: Option<String>,
    pub links: Vec<Link>,
    pub venue: Option<String>,
    pub status: Status,
    /// Local dates (`2026-11-20`) of the item's start, done and last review, where it has them.
    pub started: Option<String>,
    pub done: Option<String>,
    pub reviewed: Option<String>,
    /// The item's notes, oldest first, each with its local date: written as a quote under the
    /// item, which the importer does not read as part of the item.
    pub notes: Vec<(String, String)>,
}

/// Writes items (in list order, as they come) back as a markdown list: a heading per section
/// level and a task box per item, so that importing the result gives the same items and done marks.
pub struct MarkdownWriter<'w> {
    out: &'w mut dyn Write,
    /// The section of the last item written, whose headings are already out.
    current: Vec<String>,
    /// Whether the last line written is blank (after a heading): one blank line between blocks.
    blank: bool,
}

impl<'w> MarkdownWriter<'w> {
    /// Starts the document with its title.
    pub fn new(out: &'w mut dyn Write, title: &str) -> io::Result<Self> {
        writeln!(out, "# {}\n", escape_text(title))?;
        Ok(MarkdownWriter {
            out,
            current: Vec::new(),
            blank: true,
        })
    }

    pub fn write(&mut self, item: &MarkdownItem) -> io::Result<()> {
        if item.section != self.current {
            let shared = self
                .current
                .iter()
                .zip(&item.section)
                .take_while(|(a, b)| a == b)
                .count()
                // Back up to a parent section: its heading again, or the items stay in the child.
                .min(item.section.len().saturating_sub(1));
            for (depth, name) in item.section.iter().enumerate().skip(shared) {
                let level = "#".repeat((depth + 2).min(6));
                if !self.blank {
                    writeln!(self.out)?;
                }
                write!(self.out, "{level} {}\n\n", escape_text(name))?;
                self.blank = true;
            }
            self.current.clone_from(&item.section);
        }
        writeln!(self.out, "{}", item_line(item))?;
        self.blank = false;
        for (i, (date, note)) in item.notes.iter().enumerate() {
            if i > 0 {
                writeln!(self.out, "  >")?;
            }
            let mut lines = note.lines();
            let first = lines.next().unwrap_or_default();
            writeln!(self.out, "  > {date}: {}", escape_text(first))?;
            for line in lines {
                match line.trim().is_empty() {
                    true => writeln!(self.out, "  >")?,
                    false => writeln!(self.out, "  > {}", escape_text(line))?,
                }
            }
        }
        Ok(())
    }
}

fn item_line(item: &MarkdownItem) -> String {
    let mark = if item.status.is_finished() { "x" } else { " " };
    let mut line = format!("- [{mark}] ");
    let mut rest = item.links.clone();
    match &item.url {
        Some(url) => {
            line.push_str(&format!(
                "[{}]({})",
                escape_text(&item.title),
                escape_url(url)
            ));
            // The primary link is the title; drop its labelled twin from the extra links.
            if let Some(i) = rest.iter().position(|l| l.url.as_deref() == Some(url)) {
                rest.remove(i);
            }
        }
        None => line.push_str(&escape_text(&item.title)),
    }
    if let Some(venue) = &item.venue {
        line.push_str(&format!(" ({venue})"));
    }
    if !rest.is_empty() {
        let links: Vec<String> = rest.iter().map(extra_link).collect();
        line.push_str(" # ");
        line.push_str(&links.join(" | "));
    }
    let dates: &[(&str, Option<&str>)] = match item.status {
        Status::Started => &[("started", item.started.as_deref())],
        Status::Done => &[("done", item.done.as_deref())],
        Status::Reviewed => &[
            ("done", item.done.as_deref()),
            ("reviewed", item.reviewed.as_deref()),
        ],
        Status::Todo | Status::Skipped => &[],
    };
    line.push_str(&suffix::write(item.status.as_str(), dates));
    line
}

/// An extra link as `[label](url)`. One without a label is written as its URL: `<url>` where
/// markdown reads that as a link, else `[url](url)`; either imports as a link labelled with its
/// URL (`[](url)` would show nothing to click in a rendered list).
fn extra_link(link: &Link) -> String {
    let url = link.url.as_deref().unwrap_or_default();
    let label = match link.label.trim() {
        "" if is_autolink(url) => return format!("<{url}>"),
        "" => url,
        _ => &link.label,
    };
    format!("[{}]({})", escape_text(label), escape_url(url))
}

/// Whether `<url>` is a CommonMark autolink: a scheme of 2 to 32 characters, a colon, then no
/// space, control character, `<` or `>`.
fn is_autolink(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    scheme_ok
        && !rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'))
}

/// Backslash-escapes what markdown would read as markup in plain text.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// Link targets with white space or parentheses go in angle brackets.
fn escape_url(url: &str) -> String {
    if url.contains([' ', '\t', '\n', '\r', '(', ')', '<', '>']) {
        let url = url.replace('<', "%3C").replace('>', "%3E");
        format!("<{}>", url.replace('\n', "%0A").replace('\r', "%0D"))
    } else {
        url.to_string()
    }
}

mod one_list;
#[cfg(test)]
mod roundtrip;

pub use one_list::Unheld;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parse;

    fn to_markdown(title: &str, items: &[MarkdownItem]) -> String {
        let mut out = Vec::new();
        let mut writer = MarkdownWriter::new(&mut out, title).unwrap();
        for item in items {
            writer.write(item).unwrap();
        }
        String::from_utf8(out).unwrap()
    }

    fn to_csv(rows: &[Row]) -> String {
        let mut out = Vec::new();
        let mut writer = CsvWriter::new(&mut out);
        for row in rows {
            writer.write(row).unwrap();
        }
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn item(title: &str, section: &[&str], url: Option<&str>, status: Status) -> MarkdownItem {
        MarkdownItem {
            title: title.into(),
            section: section.iter().map(|s| s.to_string()).collect(),
            url: url.map(str::to_string),
            links: url
                .map(|u| {
                    vec![Link {
                        label: "paper".into(),
                        url: Some(u.into()),
                    }]
                })
                .unwrap_or_default(),
            venue: None,
            status,
            started: Some("2026-11-02".into()),
            done: Some("2026-11-20".into()),
            reviewed: Some("2026-11-21".into()),
            notes: Vec::new(),
        }
    }

    #[test]
    fn markdown_round_trips_through_the_importer() {
        let mut tricky = item(
            "A [bracketed] *title* | with pipes",
            &["Papers", "LLM"],
            Some("https://x.org/a(b)"),
            Status::Reviewed,
        );
        tricky.venue = Some("ICML'23".into());
        tricky.links.push(Link {
            label: "review".into(),
            url: Some("reviews/a.md".into()),
        });
        let items = [
            item("Intro", &["Tutorials"], Some("https://t.org"), Status::Done),
            tricky,
            item("No link task", &["Papers", "Speech"], None, Status::Todo),
        ];
        let text = to_markdown("My list", &items);
        let parsed = parse(&text);
        assert_eq!(parsed.len(), 3, "{text}");
        assert_eq!(parsed[0].title, "Intro");
        assert_eq!(parsed[0].checked, Some(true));
        assert_eq!(parsed[1].title, "A [bracketed] *title* | with pipes");
        assert_eq!(parsed[1].section, ["Papers", "LLM"]);
        assert_eq!(parsed[1].url.as_deref(), Some("https://x.org/a(b)"));
        assert_eq!(parsed[1].venue.as_deref(), Some("ICML'23"));
        assert_eq!(parsed[1].checked, Some(true));
        assert_eq!(parsed[2].title, "No link task");
        assert_eq!(parsed[2].checked, Some(false));
        assert!(
            text.contains("— done 2026-11-20, reviewed 2026-11-21"),
            "{text}"
        );
    }

    #[test]
    fn a_link_without_a_label_is_written_as_its_url() {
        let mut one = item("One", &[], Some("https://one.org"), Status::Todo);
        for url in ["https://github.com/x/y", "notes/my notes.md"] {
            one.links.push(Link {
                label: String::new(),
                url: Some(url.into()),
            });
        }
        let text = to_markdown("My list", &[one]);
        assert!(!text.contains("[]("), "{text}");
        assert!(
            text.contains(
                "[One](https://one.org) # <https://github.com/x/y> | \
                 [notes/my notes.md](<notes/my notes.md>)"
            ),
            "{text}"
        );
        let links = &parse(&text)[0].links;
        let urls: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.label.as_str(), l.url.as_deref().unwrap()))
            .collect();
        assert_eq!(
            urls,
            [
                ("One", "https://one.org"),
                ("https://github.com/x/y", "https://github.com/x/y"),
                ("notes/my notes.md", "notes/my notes.md")
            ]
        );
    }

    #[test]
    fn csv_quotes_fields() {
        let row = Row {
            slug: "a".into(),
            title: "Comma, \"quote\"\nnewline".into(),
            section: "Papers / LLM".into(),
            kind: Kind::Paper,
            status: Status::Done,
            started_at: None,
            done_at: None,
            reviewed_at: None,
            review_count: 0,
            url: None,
        };
        let text = to_csv(&[row]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&records[0][1], "Comma, \"quote\"\nnewline");
        assert!(text.starts_with("slug,title,section,kind,status,"));
        // The header serde writes is the one an export without rows gets.
        assert_eq!(text.lines().next(), to_csv(&[]).lines().next());
        assert_eq!(to_csv(&[]), format!("{}\n", CSV_HEADER.join(",")));
    }
}
