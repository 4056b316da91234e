//! The status suffix that the markdown export writes after an item, read back:
//! ` — started 2026-11-02`, ` — done 2026-11-20`, ` — done 2026-11-01, reviewed 2026-11-21`,
//! ` — skipped`. Reading it keeps a linkless title free of it and gives a ticked box its dates,
//! so that importing an export does not make every done item "done just now".

use chrono::NaiveDate;

/// The dates a status suffix gives, in the user's local calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListDates {
    pub started: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    pub reviewed: Option<NaiveDate>,
}

/// Writes the suffix for an item: its status word (none for `todo`) and the dates it has.
/// `done` is only written beside `reviewed` (a reviewed item was done first).
pub fn write(status: &str, dates: &[(&str, Option<&str>)]) -> String {
    if status == "todo" {
        return String::new();
    }
    let parts: Vec<String> = dates
        .iter()
        .filter_map(|(word, date)| date.map(|d| format!("{word} {d}")))
        .collect();
    match parts.is_empty() {
        true => format!(" — {status}"),
        false => format!(" — {}", parts.join(", ")),
    }
}

/// Finds a status suffix at the end of `text`: the byte offset where it starts (its dash, with
/// the spaces before it) and the dates it gives. Anything else after the last dash is not one.
pub fn split(text: &str) -> Option<(usize, ListDates)> {
    let text = text.trim_end();
    let dash = text.rfind('—')?;
    let mut dates = ListDates::default();
    let mut words = 0;
    for part in text[dash + '—'.len_utf8()..].split(',') {
        let mut pieces = part.split_whitespace();
        let (word, date) = (pieces.next()?, pieces.next());
        if pieces.next().is_some() {
            return None;
        }
        let date = match date {
            Some(d) => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?),
            None => None,
        };
        let slot = match word {
            "started" => &mut dates.started,
            "done" => &mut dates.done,
            "reviewed" => &mut dates.reviewed,
            "skipped" if date.is_none() && words == 0 => {
                words += 1;
                continue;
            }
            _ => return None,
        };
        if slot.is_some() || date.is_none() {
            return None;
        }
        *slot = date;
        words += 1;
    }
    (words > 0).then_some((text[..dash].trim_end().len(), dates))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn reads_what_the_export_writes() {
        let text = "No link task — done 2026-11-01, reviewed 2026-11-21";
        let (at, dates) = split(text).unwrap();
        assert_eq!(&text[..at], "No link task");
        assert_eq!(dates.done, day("2026-11-01"));
        assert_eq!(dates.reviewed, day("2026-11-21"));
        assert_eq!(dates.started, None);
        let (at, dates) = split("Thing — started 2026-12-19  ").unwrap();
        assert_eq!(at, "Thing".len());
        assert_eq!(dates.started, day("2026-12-19"));
        assert_eq!(split("Thing — skipped").unwrap().0, "Thing".len());
        // After a link, the text is the suffix alone.
        assert_eq!(split(" — done 2026-11-01").unwrap().0, 0);
    }

    #[test]
    fn leaves_ordinary_dashes_alone() {
        for text in [
            "Attention — the paper",
            "Done — 2026-11-01",
            "Talk — done yesterday",
            "Talk — done 2026-13-01",
            "Talk — done 2026-11-01, done 2026-11-02",
            "Talk — done",
            "Talk — skipped 2026-11-01",
            "Talk — done 2026-11-01 extra",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }

    #[test]
    fn writes_what_it_reads() {
        assert_eq!(write("todo", &[("done", Some("2026-11-01"))]), "");
        assert_eq!(write("skipped", &[]), " — skipped");
        let both = write(
            "reviewed",
            &[
                ("done", Some("2026-11-01")),
                ("reviewed", Some("2026-11-21")),
            ],
        );
        assert_eq!(both, " — done 2026-11-01, reviewed 2026-11-21");
        let (_, dates) = split(&format!("T{both}")).unwrap();
        assert_eq!(dates.reviewed, day("2026-11-21"));
    }
}
