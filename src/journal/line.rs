//! One journal line: a JSON object on one line. Pure.
//!
//! A line is data only: every field is checked before anything is stored (kinds, ratings and
//! times as the store accepts them, ids as UUIDs, URLs with a scheme and host), and nothing in
//! it names a file or a command. Unknown fields are ignored, so a newer mlpath may add some.

use crate::model::{EventKind, Kind, Rating};
use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};

/// One line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The record's UUIDv7, the same on every device.
    pub id: String,
    /// The device that recorded it: the journal file's own device.
    pub device: String,
    /// When it happened (an event's time; when an item was changed).
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Body {
    Event(EventBody),
    Item(ItemBody),
    Key(KeyBody),
}

/// An event of an item: what `mlpath log` shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventBody {
    /// The item's key (see `key`).
    pub item: String,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spent_s: Option<u32>,
    /// For an undo: the id of the event it cancels (one of the same device's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undoes: Option<String>,
    /// For a note that corrects (with text) or withdraws (without) an earlier note: its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
}

/// The fields of an item added by hand, after an add, an edit, a removal or a restore.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemBody {
    pub item: String,
    pub fields: ItemFields,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemFields {
    pub slug: String,
    pub title: String,
    pub section: Vec<String>,
    pub kind: Kind,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub removed: bool,
}

/// An item of this device is known by a new key (its URL changed in its list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyBody {
    pub old: String,
    pub new: String,
}

/// The longest line a journal holds, in bytes: it bounds the memory reading one takes. No text
/// field has a limit of its own, so that whatever this device stores, another device accepts;
/// a line longer than this is refused by the writer too (see `exchange::write_own`).
pub const MAX_LINE: usize = 8 << 20;

impl Line {
    /// Reads one line written by `device`, or says what is wrong with it.
    pub fn parse(text: &str, device: &str) -> Result<Line, String> {
        let mut line: Line = serde_json::from_str(text).map_err(|e| brief(&e))?;
        if let Body::Item(item) = &mut line.body {
            item.fields.keep_web_url();
        }
        line.check(device)?;
        Ok(line)
    }

    /// The key of the item the line is about (a key change: the new key).
    pub fn item(&self) -> &str {
        match &self.body {
            Body::Event(e) => &e.item,
            Body::Item(i) => &i.item,
            Body::Key(k) => &k.new,
        }
    }

    /// The line as written to a journal, without its newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a line always serializes")
    }

    fn check(&self, device: &str) -> Result<(), String> {
        uuid(&self.id, "id")?;
        if self.device != device {
            return Err(format!(
                "it says it was written by device {}, in another device's journal",
                short(&self.device)
            ));
        }
        if !(1970..=9999).contains(&self.at.year()) {
            return Err("its time is outside the years 1970 to 9999".into());
        }
        match &self.body {
            Body::Event(e) => e.check(),
            Body::Item(i) => {
                text(&i.item, "item")?;
                i.fields.check()
            }
            Body::Key(k) => text(&k.old, "old key").and(text(&k.new, "new key")),
        }
    }
}

impl EventBody {
    fn check(&self) -> Result<(), String> {
        text(&self.item, "item")?;
        let kind = self.kind;
        if self.rating.is_some() && !matches!(kind, EventKind::Done | EventKind::Review) {
            return Err(format!("a {kind} has no rating"));
        }
        if (kind == EventKind::Session) != self.spent_s.is_some() {
            return Err("only a session has spent_s, and every session has one".into());
        }
        match (&self.supersedes, kind) {
            (Some(id), EventKind::Note) => uuid(id, "supersedes")?,
            (Some(_), _) => return Err(format!("a {kind} corrects no note")),
            (None, _) => {}
        }
        match (&self.undoes, kind) {
            (Some(id), EventKind::Undo) => uuid(id, "undoes"),
            (None, EventKind::Undo) => Err("an undo names the event it cancels".into()),
            (Some(_), _) => Err(format!("a {kind} cancels nothing")),
            (None, _) => Ok(()),
        }
    }
}

impl ItemFields {
    fn check(&self) -> Result<(), String> {
        if !crate::slug::is_well_formed(&self.slug) {
            return Err("its slug is not a slug".into());
        }
        text(&self.title, "title")?;
        if self.section.iter().any(String::is_empty) {
            return Err("its section is malformed".into());
        }
        Ok(())
    }

    /// A received URL may be opened by `mlpath open`: only a web address, never a file. The
    /// device that added the item may have given it another (`file://`, `ftp://`): the item
    /// travels without it, rather than being refused on every sync.
    fn keep_web_url(&mut self) {
        let web = |url: &String| {
            super::key::normalize_url(url)
                .is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"))
        };
        if !self.url.as_ref().is_some_and(web) {
            self.url = None;
        }
    }
}

fn uuid(id: &str, field: &str) -> Result<(), String> {
    if super::is_uuid(id) {
        Ok(())
    } else {
        Err(format!("its {field} is not a UUID"))
    }
}

fn text(value: &str, field: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        return Err(format!("its {field} is empty"));
    }
    Ok(())
}

/// The first characters of an id, enough to tell devices apart in a message.
pub fn short(id: &str) -> String {
    id.chars().take(8).collect()
}

/// serde's message without the echo of the input.
fn brief(e: &serde_json::Error) -> String {
    match e.classify() {
        serde_json::error::Category::Eof => "it is cut short".into(),
        serde_json::error::Category::Syntax => format!("it is not JSON (column {})", e.column()),
        _ => {
            let text = e.to_string();
            let text = text.split(" at line ").next().unwrap_or(&text);
            format!("it does not read as a journal line: {text}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const DEV: &str = "01937c4e-8a1b-7cc3-9d2e-0123456789ab";
    const ID: &str = "01937c4e-8a1b-7cc3-9d2e-0123456789ac";

    fn event(kind: EventKind) -> Line {
        Line {
            id: ID.into(),
            device: DEV.into(),
            at: Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap(),
            body: Body::Event(EventBody {
                item: "https://arxiv.org/abs/1".into(),
                kind,
                note: None,
                rating: None,
                spent_s: None,
                undoes: None,
                supersedes: None,
            }),
        }
    }

    #[test]
    fn a_line_reads_back_as_written() {
        let line = event(EventKind::Start);
        let json = line.to_json();
        assert_eq!(
            json,
            format!(
                r#"{{"id":"{ID}","device":"{DEV}","at":"2026-11-28T09:00:00Z","type":"event","item":"https://arxiv.org/abs/1","kind":"start"}}"#
            )
        );
        assert_eq!(Line::parse(&json, DEV), Ok(line));
    }

    #[test]
    fn damaged_or_foreign_lines_say_why() {
        let json = event(EventKind::Start).to_json();
        let cut = &json[..json.len() - 5];
        assert_eq!(Line::parse(cut, DEV).unwrap_err(), "it is cut short");
        assert!(
            Line::parse("{nope", DEV)
                .unwrap_err()
                .starts_with("it is not JSON")
        );
        let other = "01937c4e-8a1b-7cc3-9d2e-0123456789ff";
        assert!(
            Line::parse(&json, other)
                .unwrap_err()
                .contains("another device")
        );
        let bad_kind = json.replace("\"start\"", "\"launch\"");
        assert!(
            Line::parse(&bad_kind, DEV)
                .unwrap_err()
                .starts_with("it does not read as a journal line: unknown variant `launch`")
        );
        let mut undo = event(EventKind::Undo);
        assert!(
            Line::parse(&undo.to_json(), DEV)
                .unwrap_err()
                .contains("names the event")
        );
        if let Body::Event(e) = &mut undo.body {
            e.undoes = Some("../../etc/passwd".into());
        }
        assert_eq!(
            Line::parse(&undo.to_json(), DEV).unwrap_err(),
            "its undoes is not a UUID"
        );
        let session = event(EventKind::Session);
        assert!(Line::parse(&session.to_json(), DEV).is_err());
    }

    #[test]
    fn item_fields_must_be_what_mlpath_would_store() {
        let fields = ItemFields {
            slug: "my-paper".into(),
            title: "My paper".into(),
            section: vec!["Papers".into()],
            kind: Kind::Paper,
            url: Some("https://example.com/p".into()),
            venue: None,
            year: None,
            removed: false,
        };
        let line = |fields: ItemFields| Line {
            body: Body::Item(ItemBody {
                item: "https://example.com/p".into(),
                fields,
            }),
            ..event(EventKind::Start)
        };
        assert!(Line::parse(&line(fields.clone()).to_json(), DEV).is_ok());
        let mut bad = fields.clone();
        bad.slug = "My Paper\u{1b}[2J".into();
        assert_eq!(
            Line::parse(&line(bad).to_json(), DEV).unwrap_err(),
            "its slug is not a slug"
        );
        let mut local = fields.clone();
        local.url = Some("file:///etc/passwd".into());
        let Body::Item(got) = Line::parse(&line(local).to_json(), DEV).unwrap().body else {
            panic!("an item line reads as an item");
        };
        assert_eq!(got.fields.url, None, "the item comes without its file URL");
        assert_eq!(got.fields.title, fields.title);
        let mut upper = fields;
        upper.url = Some("HTTPS://Example.com/p".into());
        let Body::Item(got) = Line::parse(&line(upper).to_json(), DEV).unwrap().body else {
            panic!("an item line reads as an item");
        };
        assert_eq!(got.fields.url.as_deref(), Some("HTTPS://Example.com/p"));
    }
}
