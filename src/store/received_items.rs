//! Receiving another device's snapshot of an item added by hand (see `changes`): the newest
//! snapshot by (time, id) is the one in force.

use super::format_time;
use super::ids::{item_for_key, set_key};
use super::items::SectionIds;
use crate::journal::ItemFields;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// What receiving one snapshot did.
#[derive(Debug, PartialEq)]
pub(super) enum Received {
    /// Already here (read again after a damaged line): nothing done.
    Known,
    /// A new item, or newer fields for one: the item changed.
    Applied(i64),
    /// Kept, but an older snapshot than the one in force, or about an item of a list (which
    /// its list file describes).
    Kept,
}

/// Receives another device's snapshot of the item `item_key` names.
pub(super) fn receive(
    conn: &Connection,
    uid: &str,
    device: &str,
    at: DateTime<Utc>,
    item_key: &str,
    fields: &ItemFields,
) -> rusqlite::Result<Received> {
    let known: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM item_changes WHERE uid = ?1)")?
        .query_row([uid], |r| r.get(0))?;
    if known {
        return Ok(Received::Known);
    }
    let (item_id, created) = match item_for_key(conn, item_key)? {
        Some(id) => (id, false),
        None => (create(conn, item_key, fields)?, true),
    };
    super::changes::set_added(conn, item_id, uid)?;
    conn.prepare_cached(
        "INSERT INTO item_changes (uid, device, item_id, at, fields) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        uid,
        device,
        item_id,
        format_time(at),
        serde_json::to_string(fields).expect("fields serialize")
    ])?;
    let newest: String = conn.query_row(
        "SELECT uid FROM item_changes WHERE item_id = ?1 ORDER BY at DESC, uid DESC LIMIT 1",
        [item_id],
        |r| r.get(0),
    )?;
    let manual: bool = conn.query_row(
        "SELECT origin = 'manual' FROM items WHERE id = ?1",
        [item_id],
        |r| r.get(0),
    )?;
    let newer = created || (manual && newest == uid);
    if newer && !created {
        update(conn, item_id, fields)?;
    }
    let settled = manual && settle_slug(conn, item_id)?;
    Ok(if newer || settled {
        Received::Applied(item_id)
    } else {
        Received::Kept
    })
}

/// Two devices that each added one item (one URL) gave it a slug each; two devices that each
/// added an item with one title gave both the same slug. Every device settles on the slug of
/// the item's first add (`items.added`, the lowest snapshot id of any device), and of two
/// hand-added items that want one slug the one added first has it (the other takes the first
/// free `-N`); a list item keeps its slug. Returns whether the item's slug changed.
fn settle_slug(conn: &Connection, item_id: i64) -> rusqlite::Result<bool> {
    let (current, added): (String, Option<String>) = conn.query_row(
        "SELECT slug, added FROM items WHERE id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some(added) = added else {
        return Ok(false);
    };
    let first: Option<String> = conn
        .query_row(
            "SELECT fields FROM item_changes WHERE uid = ?1",
            [&added],
            |r| r.get(0),
        )
        .optional()?;
    let Some(first) = first else {
        return Ok(false);
    };
    let first: ItemFields = serde_json::from_str(&first).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let want = first.slug;
    if want == current {
        return Ok(false);
    }
    let holder: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT id, CASE WHEN origin = 'manual' THEN added END FROM items WHERE slug = ?1",
            [&want],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((holder, holder_added)) = holder {
        // A list item, or an item added before this one, keeps its slug.
        if holder_added.is_none_or(|h| added >= h) {
            return Ok(false);
        }
        // Ours steps aside first, so that the slug it had is free for the holder.
        conn.execute(
            "UPDATE items SET slug = ?2 WHERE id = ?1",
            params![item_id, format!("{want}-settling-{item_id}")],
        )?;
        let free = free_slug(conn, &want)?;
        conn.execute(
            "UPDATE items SET slug = ?2 WHERE id = ?1",
            params![holder, free],
        )?;
    }
    conn.execute(
        "UPDATE items SET slug = ?2 WHERE id = ?1",
        params![item_id, want],
    )?;
    Ok(true)
}

/// `slug` with the first suffix (`-2`, `-3`, ...) no item has.
fn free_slug(conn: &Connection, slug: &str) -> rusqlite::Result<String> {
    let mut n = 2;
    loop {
        let candidate = format!("{slug}-{n}");
        let taken = conn
            .query_row("SELECT 1 FROM items WHERE slug = ?1", [&candidate], |_| {
                Ok(())
            })
            .optional()?
            .is_some();
        if !taken {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// A new hand-added item with these fields; its slug gains a suffix if another item has it.
fn create(conn: &Connection, item_key: &str, fields: &ItemFields) -> rusqlite::Result<i64> {
    let taken = conn
        .query_row(
            "SELECT 1 FROM items WHERE slug = ?1",
            [&fields.slug],
            |_| Ok(()),
        )
        .optional()?
        .is_some();
    let item = super::NewItem {
        slug: match taken {
            true => free_slug(conn, &fields.slug)?,
            false => fields.slug.clone(),
        },
        title: fields.title.clone(),
        section: fields.section.clone(),
        kind: fields.kind,
        url: fields.url.clone(),
        venue: fields.venue.clone(),
        year: fields.year,
    };
    let id = super::transfer::insert_manual(conn, &item, fields.removed)?;
    set_key(conn, id, item_key)?;
    Ok(id)
}

/// Gives a hand-added item the fields of a newer snapshot (its slug stays: commands name it;
/// whether it is removed is said by `remove` events, which travel as events).
fn update(conn: &Connection, item_id: i64, fields: &ItemFields) -> rusqlite::Result<()> {
    let section_id = SectionIds::load(conn)?.id_for(conn, &fields.section)?;
    conn.execute(
        "UPDATE items SET title = ?2, section_id = ?3, kind = ?4, url = ?5, links = ?6,
         venue = ?7, year = ?8 WHERE id = ?1",
        params![
            item_id,
            fields.title,
            section_id,
            fields.kind.as_str(),
            fields.url,
            super::transfer::manual_links_json(fields.url.as_deref()),
            fields.venue,
            fields.year
        ],
    )?;
    Ok(())
}
