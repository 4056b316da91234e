//! The study session open on this device, kept in `meta` until it closes (a closed session is
//! an event like the others; see `crate::session`).

use super::{Result, Store};
use crate::session::OpenSession;
use rusqlite::{Connection, OptionalExtension, params};

const OPEN_SESSION: &str = "open_session";

/// How a command changes the open session: `expected` is what it read before deciding, `next`
/// what is open after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionUpdate {
    pub expected: Option<OpenSession>,
    pub next: Option<OpenSession>,
}

/// Why the open session could not be replaced.
pub(super) enum Replace {
    /// Another mlpath changed it between the command's read and its write.
    Moved,
    Sql(rusqlite::Error),
}

impl From<rusqlite::Error> for Replace {
    fn from(e: rusqlite::Error) -> Self {
        Replace::Sql(e)
    }
}

fn read_open(conn: &Connection) -> rusqlite::Result<Option<OpenSession>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [OPEN_SESSION],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.as_deref().and_then(OpenSession::decode))
}

/// Replaces the open session inside the caller's transaction, if it is still `expected`.
pub(super) fn replace_open(
    conn: &Connection,
    update: &SessionUpdate,
) -> std::result::Result<(), Replace> {
    if read_open(conn)? != update.expected {
        return Err(Replace::Moved);
    }
    match update.next {
        Some(open) => conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![OPEN_SESSION, open.encode()],
        )?,
        None => conn.execute("DELETE FROM meta WHERE key = ?1", [OPEN_SESSION])?,
    };
    Ok(())
}

/// Closes, without recording it, the open session that one of `undone` (events being undone)
/// opened: a `start` of its item at the moment it opened. Otherwise the session would go on
/// timing an item that is back to todo, and record that time when it closes.
pub(super) fn drop_opened_by(
    conn: &Connection,
    undone: &[crate::store::EventRow],
) -> rusqlite::Result<()> {
    let Some(open) = read_open(conn)? else {
        return Ok(());
    };
    let opened_it = undone.iter().any(|e| {
        e.kind == crate::model::EventKind::Start && e.item_id == open.item_id && e.at == open.since
    });
    if opened_it {
        conn.execute("DELETE FROM meta WHERE key = ?1", [OPEN_SESSION])?;
    }
    Ok(())
}

impl Store {
    /// The study session open on this device, if any.
    pub(crate) fn open_session(&self) -> Result<Option<OpenSession>> {
        read_open(&self.conn).map_err(|e| self.classify(e, "reading the study session"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventKind;
    use crate::store::{NewCommand, NewEvent};
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_session_opens_closes_into_an_event_and_refuses_a_stale_update() {
        let mut store = Store::open_in_memory().unwrap();
        let items = crate::markdown::parse(crate::seed::SEED);
        let source = crate::store::ListSource::for_test("test");
        store.import(&items, &source, Utc::now(), false).unwrap();
        let id = store.item_by_slug("orca").unwrap().unwrap().id;
        let at = Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap();
        let open = OpenSession {
            item_id: id,
            since: at,
        };
        let opening = SessionUpdate {
            expected: None,
            next: Some(open),
        };
        store
            .append_changes_and_session(&NewCommand::typed("start", at), &[], Some(&opening))
            .unwrap();
        assert_eq!(store.open_session().unwrap(), Some(open));
        // The same update again expected no session: it is refused and changes nothing.
        let err = store
            .append_changes_and_session(&NewCommand::typed("start", at), &[], Some(&opening))
            .unwrap_err();
        assert!(err.to_string().contains("run the command again"), "{err}");
        let session = NewEvent {
            item_id: id,
            kind: EventKind::Session,
            at: at + chrono::Duration::minutes(45),
            note: None,
            rating: None,
            spent_s: Some(2700),
            supersedes: None,
        };
        let closing = SessionUpdate {
            expected: Some(open),
            next: None,
        };
        store
            .append_changes_and_session(&NewCommand::typed("stop", at), &[session], Some(&closing))
            .unwrap();
        assert_eq!(store.open_session().unwrap(), None);
        let item = store.item_by_id(id).unwrap().unwrap();
        assert_eq!(item.state.time_spent_s, 2700);
        assert_eq!(store.derived_state(id).unwrap(), item.state);
    }
}
