//! Study sessions: reading `--spent 1h30m`, showing lengths, and closing an open session
//! (cut at `session.max`). Pure: the clock and the limit are parameters.

use chrono::{DateTime, Duration, Utc};

/// The default of `session.max`: a session left open longer is cut there.
pub const DEFAULT_MAX: &str = "4h";

/// The longest `--spent` or `session.max` mlpath takes (a week): more is a typo.
const LONGEST_S: u32 = 7 * 24 * 3600;

/// A session closed within a minute of opening records nothing (a `start` then `done` in one
/// go is not study time).
pub const SHORTEST_S: u32 = 60;

/// The session open on this device: on which item, since when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenSession {
    pub item_id: i64,
    pub since: DateTime<Utc>,
}

impl OpenSession {
    /// How it is kept in the store's `meta` table: `ITEM_ID RFC3339`.
    pub fn encode(&self) -> String {
        format!("{} {}", self.item_id, self.since.to_rfc3339())
    }

    /// The stored form read back; `None` for anything else (a damaged value opens nothing).
    pub fn decode(text: &str) -> Option<OpenSession> {
        let (id, since) = text.split_once(' ')?;
        Some(OpenSession {
            item_id: id.parse().ok()?,
            since: DateTime::parse_from_rfc3339(since)
                .ok()?
                .with_timezone(&Utc),
        })
    }
}

/// A session ready to record: it ends at `end` and lasted `spent_s` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closed {
    pub item_id: i64,
    pub end: DateTime<Utc>,
    pub spent_s: u32,
    /// Whether it was cut at the limit.
    pub cut: bool,
}

/// Closes `open` at `end`: a session longer than `max_s` ends `max_s` after its start (the
/// learner most likely forgot to stop it); an end before the start gives an empty session.
pub fn close(open: OpenSession, end: DateTime<Utc>, max_s: u32) -> Closed {
    let length = (end - open.since).num_seconds().max(0) as u32;
    if length > max_s {
        return Closed {
            item_id: open.item_id,
            end: open.since + Duration::seconds(max_s as i64),
            spent_s: max_s,
            cut: true,
        };
    }
    Closed {
        item_id: open.item_id,
        end: end.max(open.since),
        spent_s: length,
        cut: false,
    }
}

/// What a command does to sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `start`: opens a session on its (last) item, ending any other.
    Start,
    /// `done`, `review`, `skip`: ends its items' open session.
    Ends,
    /// Anything else (`note`, `reset`) leaves the open session alone.
    Other,
}

impl Verb {
    /// What a marking command does to sessions.
    pub fn of(kind: crate::model::EventKind) -> Verb {
        use crate::model::EventKind;
        match kind {
            EventKind::Start => Verb::Start,
            EventKind::Done | EventKind::Review | EventKind::Skip => Verb::Ends,
            _ => Verb::Other,
        }
    }
}

/// What a command records and leaves open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Sessions to record with the command, in order.
    pub closes: Vec<Closed>,
    /// The session open after the command.
    pub next: Option<OpenSession>,
    /// An open session given up because `--spent` gives that item's time instead.
    pub dropped: Option<OpenSession>,
    /// An open session the command would close before it opened (the command is dated earlier
    /// with `--at`): there is no length to record, which the command says.
    pub ended_before_start: Option<OpenSession>,
}

/// Decides, for a command on `targets` at `at`, which sessions close, which is open after,
/// and records `--spent` (given for one item only) as a closed session ending at `at`.
pub fn plan(
    open: Option<OpenSession>,
    verb: Verb,
    targets: &[i64],
    at: DateTime<Utc>,
    spent: Option<u32>,
    max_s: u32,
) -> Plan {
    let mut plan = Plan {
        next: open,
        ..Plan::default()
    };
    if let Some(current) = open {
        let on_target = targets.contains(&current.item_id);
        let ends = match verb {
            Verb::Start => spent.is_some() || targets.last() != Some(&current.item_id),
            Verb::Ends => on_target,
            Verb::Other => false,
        };
        if ends {
            plan.next = None;
            if spent.is_some() && on_target {
                plan.dropped = Some(current);
            } else if at < current.since {
                plan.ended_before_start = Some(current);
            } else {
                let closed = close(current, at, max_s);
                if closed.spent_s >= SHORTEST_S {
                    plan.closes.push(closed);
                }
            }
        }
    }
    if let Some(spent_s) = spent {
        plan.closes.extend(targets.iter().map(|&item_id| Closed {
            item_id,
            end: at,
            spent_s,
            cut: false,
        }));
    } else if verb == Verb::Start && plan.next.is_none() {
        plan.next = targets
            .last()
            .map(|&item_id| OpenSession { item_id, since: at });
    }
    plan
}

/// Reads a length: `45m`, `1h30m`, `1h 30m`, `90 min`, `2 hours`, `1.5h`, `30s`. A bare
/// number is minutes.
pub fn parse_duration(text: &str) -> Result<u32, String> {
    let bad = || {
        format!(
            "cannot read the length '{}'; use e.g. 45m, 1h30m or \"90 min\"",
            text.trim()
        )
    };
    let compact: String = text.split_whitespace().collect::<Vec<_>>().join("");
    let lower = compact.to_lowercase();
    if lower.is_empty() {
        return Err(bad());
    }
    let mut total = 0f64;
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let seconds = match unit {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            "" | "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            _ => return Err(bad()),
        };
        // A bare number is minutes only on its own: `1h30` is ambiguous enough to refuse.
        if unit.is_empty() && total > 0.0 {
            return Err(bad());
        }
        total += number * seconds;
    }
    let total = total.round();
    if total < 1.0 {
        return Err(format!(
            "the length '{}' is zero; give e.g. 45m",
            text.trim()
        ));
    }
    if total > LONGEST_S as f64 {
        return Err(format!(
            "the length '{}' is more than a week; give e.g. 45m or 1h30m",
            text.trim()
        ));
    }
    Ok(total as u32)
}

/// A length for people: `45s`, `45m`, `1h 30m`, `12h`.
pub fn format_duration(seconds: u64) -> String {
    let (h, m) = (seconds / 3600, seconds % 3600 / 60);
    match (h, m) {
        (0, 0) => format!("{seconds}s"),
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, h, m, 0).unwrap()
    }

    #[test]
    fn start_opens_stages_that_finish_end_and_the_rest_leave_sessions_alone() {
        use crate::model::EventKind::*;
        assert_eq!(Verb::of(Start), Verb::Start);
        for kind in [Done, Review, Skip] {
            assert_eq!(Verb::of(kind), Verb::Ends, "{kind}");
        }
        for kind in [Reset, Note, Suspend, Resume] {
            assert_eq!(Verb::of(kind), Verb::Other, "{kind}");
        }
    }

    #[test]
    fn lengths_in_the_forms_people_type() {
        let cases = [
            ("45m", 2700),
            ("1h30m", 5400),
            ("1h 30m", 5400),
            ("90 min", 5400),
            ("90", 5400),
            ("2 hours", 7200),
            ("1.5h", 5400),
            ("30s", 30),
            ("1H5M", 3900),
        ];
        for (text, seconds) in cases {
            assert_eq!(parse_duration(text), Ok(seconds), "{text}");
        }
    }

    #[test]
    fn unreadable_zero_and_huge_lengths_are_refused() {
        for text in ["", "abc", "5 parsecs", "1h30", "m", "1..5h", "-5m"] {
            let err = parse_duration(text).unwrap_err();
            assert!(err.starts_with("cannot read the length"), "{text}: {err}");
        }
        assert!(parse_duration("0m").unwrap_err().contains("is zero"));
        assert!(
            parse_duration("200h")
                .unwrap_err()
                .contains("more than a week")
        );
    }

    #[test]
    fn lengths_are_shown_in_hours_and_minutes() {
        let cases = [
            (0, "0s"),
            (45, "45s"),
            (2700, "45m"),
            (5400, "1h 30m"),
            (43200, "12h"),
        ];
        for (seconds, text) in cases {
            assert_eq!(format_duration(seconds), text);
        }
    }

    #[test]
    fn a_session_is_cut_at_the_limit_and_never_negative() {
        let open = OpenSession {
            item_id: 7,
            since: t(9, 0),
        };
        let normal = close(open, t(10, 30), 4 * 3600);
        assert_eq!(
            (normal.end, normal.spent_s, normal.cut),
            (t(10, 30), 5400, false)
        );
        let forgotten = close(open, t(20, 0), 4 * 3600);
        assert_eq!(
            (forgotten.end, forgotten.spent_s, forgotten.cut),
            (t(13, 0), 4 * 3600, true)
        );
        let before = close(open, t(8, 0), 4 * 3600);
        assert_eq!((before.end, before.spent_s), (t(9, 0), 0));
    }

    #[test]
    fn a_command_dated_before_the_open_session_ends_it_without_a_length() {
        let open = Some(OpenSession {
            item_id: 1,
            since: t(9, 0),
        });
        for verb in [Verb::Start, Verb::Ends] {
            let targets = if verb == Verb::Start { [2] } else { [1] };
            let p = plan(open, verb, &targets, t(8, 0), None, 4 * 3600);
            assert!(p.closes.is_empty(), "{verb:?}");
            assert_eq!(p.ended_before_start, open, "{verb:?}");
        }
        let p = plan(open, Verb::Ends, &[1], t(9, 0), None, 4 * 3600);
        assert_eq!(p.ended_before_start, None);
    }

    #[test]
    fn commands_open_close_and_replace_sessions() {
        let max = 4 * 3600;
        let open = |item_id| {
            Some(OpenSession {
                item_id,
                since: t(9, 0),
            })
        };
        let closed = |item_id, end, spent_s| Closed {
            item_id,
            end,
            spent_s,
            cut: false,
        };
        let now = t(10, 0);
        // start opens; starting the open item again keeps its clock; another item ends it.
        let p = plan(None, Verb::Start, &[1], now, None, max);
        assert_eq!(
            (p.closes.len(), p.next),
            (
                0,
                Some(OpenSession {
                    item_id: 1,
                    since: now
                })
            )
        );
        assert_eq!(
            plan(open(1), Verb::Start, &[1], now, None, max).next,
            open(1)
        );
        let p = plan(open(1), Verb::Start, &[2], now, None, max);
        assert_eq!(p.closes, [closed(1, now, 3600)]);
        assert_eq!(
            p.next,
            Some(OpenSession {
                item_id: 2,
                since: now
            })
        );
        // done/review/skip end their own item's session only.
        let p = plan(open(1), Verb::Ends, &[1], now, None, max);
        assert_eq!((p.closes, p.next), (vec![closed(1, now, 3600)], None));
        assert_eq!(
            plan(open(1), Verb::Ends, &[2], now, None, max).next,
            open(1)
        );
        assert_eq!(
            plan(open(1), Verb::Other, &[1], now, None, max).next,
            open(1)
        );
        // --spent records a closed session and replaces the clock of its own item.
        let p = plan(open(1), Verb::Ends, &[1], now, Some(600), max);
        assert_eq!(p.closes, [closed(1, now, 600)]);
        assert_eq!((p.next, p.dropped), (None, open(1)));
        let p = plan(open(1), Verb::Start, &[2], now, Some(600), max);
        assert_eq!(p.closes, [closed(1, now, 3600), closed(2, now, 600)]);
        assert_eq!((p.next, p.dropped), (None, None));
        let p = plan(None, Verb::Other, &[3], now, Some(60), max);
        assert_eq!((p.closes, p.next), (vec![closed(3, now, 60)], None));
        // A session closed within a minute records nothing.
        let p = plan(
            open(1),
            Verb::Ends,
            &[1],
            t(9, 0) + Duration::seconds(59),
            None,
            max,
        );
        assert_eq!((p.closes.len(), p.next), (0, None));
    }

    #[test]
    fn the_open_session_survives_its_stored_form() {
        let open = OpenSession {
            item_id: 42,
            since: t(9, 15),
        };
        assert_eq!(OpenSession::decode(&open.encode()), Some(open));
        assert_eq!(OpenSession::decode("garbage"), None);
        assert_eq!(OpenSession::decode("x 2026-11-28T09:15:00Z"), None);
    }
}
