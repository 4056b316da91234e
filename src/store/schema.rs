//! Schema migrations: numbered SQL files, applied in order, versioned by `PRAGMA user_version`.
//!
//! A small migrator of our own rather than rusqlite_migration: its current release pins an older
//! rusqlite than the one we build with, and all we need is a loop over embedded files.

use super::{Result, Store, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior};

/// The migrations, in order; migration N (1-based) brings the schema to version N.
pub(super) const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_init.sql",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        "0002_commands.sql",
        include_str!("../../migrations/0002_commands.sql"),
    ),
    (
        "0003_lists.sql",
        include_str!("../../migrations/0003_lists.sql"),
    ),
    (
        "0004_strict.sql",
        include_str!("../../migrations/0004_strict.sql"),
    ),
    (
        "0005_reviews.sql",
        include_str!("../../migrations/0005_reviews.sql"),
    ),
    (
        "0006_sessions.sql",
        include_str!("../../migrations/0006_sessions.sql"),
    ),
    (
        "0007_note_corrections.sql",
        include_str!("../../migrations/0007_note_corrections.sql"),
    ),
    (
        "0008_remove_events.sql",
        include_str!("../../migrations/0008_remove_events.sql"),
    ),
    (
        "0009_journal.sql",
        include_str!("../../migrations/0009_journal.sql"),
    ),
    (
        "0010_status_time.sql",
        include_str!("../../migrations/0010_status_time.sql"),
    ),
];

/// The migration after which every item's review card is computed (in Rust: FSRS is not SQL).
const REVIEWS_MIGRATION: &str = "_reviews.sql";

/// The migration after which events get ids and the database a device id (UUIDs: Rust).
const JOURNAL_MIGRATION: &str = "_journal.sql";

/// The schema version this mlpath writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(store: &mut Store) -> Result<()> {
    apply(store, MIGRATIONS)
}

/// Brings the schema up to `migrations.len()`. A database that already has a schema is copied
/// to `<file>.v<N>.backup` first, so that a failed or unwanted upgrade loses nothing.
pub(super) fn apply(store: &mut Store, migrations: &[(&str, &str)]) -> Result<()> {
    let latest = migrations.len() as i64;
    let current = store.user_version()?;
    if current == latest {
        return Ok(());
    }
    if current > 0 {
        backup_before_upgrade(store, current)?;
    }
    let path = store.display_path();
    // Rebuilding a table (SQLite's way to add a CHECK) needs foreign keys off, and they can
    // only be switched outside a transaction; they are checked before the commit instead.
    store
        .conn
        .execute_batch("PRAGMA foreign_keys = OFF")
        .map_err(|e| StoreError::classify(e, &path, "preparing the schema upgrade"))?;
    let result = apply_locked(store, migrations);
    store
        .conn
        .execute_batch("PRAGMA foreign_keys = ON")
        .map_err(|e| StoreError::classify(e, &path, "finishing the schema upgrade"))?;
    result
}

fn apply_locked(store: &mut Store, migrations: &[(&str, &str)]) -> Result<()> {
    let path = store.display_path();
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| StoreError::classify(e, &path, "starting the schema upgrade"))?;
    // Another mlpath may have migrated while we waited for the lock.
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::classify(e, &path, "reading the schema version"))?;
    let mut schedules_from = None;
    for (index, (name, sql)) in migrations.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Invalid(format!("migration {name} failed: {}", brief(&e))))?;
        if name.ends_with(REVIEWS_MIGRATION) {
            schedules_from = Some(name);
        }
        if name.ends_with(JOURNAL_MIGRATION) {
            super::journal::after_migration(&tx).map_err(|e| {
                StoreError::Invalid(format!("migration {name} failed: {}", brief(&e)))
            })?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(|e| StoreError::classify(e, &path, "recording the schema version"))?;
    }
    // The cards are computed by today's code, which reads the columns of every later migration
    // (a session's spent_s): so once all of them are applied, in the same transaction.
    if let Some(name) = schedules_from {
        super::events::refresh_all_schedules(&tx)
            .map_err(|e| StoreError::Invalid(format!("migration {name} failed: {}", brief(&e))))?;
    }
    let broken: Option<String> = tx
        .query_row(
            "SELECT \"table\" FROM pragma_foreign_key_check LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| StoreError::classify(e, &path, "checking references"))?;
    if let Some(table) = broken {
        return Err(StoreError::Corrupt(
            path,
            format!("{table} has rows that point at nothing"),
        ));
    }
    tx.commit()
        .map_err(|e| StoreError::classify(e, &path, "committing the schema upgrade"))
}

/// SQLite's own message, without the SQL text some errors carry.
fn brief(err: &rusqlite::Error) -> String {
    match err {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        other => other.to_string(),
    }
}

fn backup_before_upgrade(store: &Store, version: i64) -> Result<()> {
    let Some(path) = store.path() else {
        return Ok(());
    };
    let name = path
        .file_name()
        .map_or("mlpath.db".into(), |n| n.to_string_lossy().into_owned());
    let mut target = path.with_file_name(format!("{name}.v{version}.backup"));
    let mut n = 2;
    while target.exists() {
        target = path.with_file_name(format!("{name}.v{version}.backup-{n}"));
        n += 1;
    }
    store.backup_to(&target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order() {
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} out of order"
            );
            assert!(name.ends_with(".sql"));
            assert!(!sql.trim().is_empty());
        }
    }

    #[test]
    fn migrations_apply_to_an_empty_database() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        for table in ["items", "events", "meta"] {
            let n: i64 = store
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [table],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(n, 1, "table {table}");
        }
        let fk: i64 = store
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
    }

    #[test]
    fn an_older_schema_is_backed_up_before_it_is_upgraded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let steps: &[(&str, &str)] = &[
            ("0001_a.sql", "CREATE TABLE a (x INTEGER);"),
            ("0002_b.sql", "CREATE TABLE b (y INTEGER);"),
        ];
        let mut store = Store::open(&path).unwrap();
        store
            .conn
            .execute_batch("CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);")
            .unwrap();
        store.conn.pragma_update(None, "user_version", 1).unwrap();
        apply(&mut store, steps).unwrap();
        assert_eq!(store.user_version().unwrap(), 2);
        let backup = rusqlite::Connection::open(dir.path().join("old.db.v1.backup")).unwrap();
        let kept: i64 = backup
            .query_row("SELECT x FROM a", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 7);
        let version: i64 = backup
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 1);
        // Private, like the database it copies.
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(dir.path().join("old.db.v1.backup")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let mut steps = MIGRATIONS.to_vec();
        steps.push((
            "0099_bad.sql",
            "CREATE TABLE ok (x INTEGER); THIS IS NOT SQL;",
        ));
        let err = apply(&mut store, &steps).unwrap_err();
        assert_eq!(
            err.to_string(),
            "migration 0099_bad.sql failed: near \"THIS\": syntax error"
        );
        assert_eq!(store.user_version().unwrap(), LATEST_VERSION);
        let ok_table: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'ok'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(ok_table, 0);
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut store = Store::open_in_memory().unwrap();
        migrate(&mut store).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    }

    /// Every row of every table, as text, in a fixed order.
    fn dump(conn: &rusqlite::Connection) -> Vec<String> {
        let mut out = Vec::new();
        for table in ["sections", "items", "commands", "events", "meta"] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1"))
                .unwrap();
            let columns = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..columns)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(format!("{table}: {}", cells.join(" | ")))
                })
                .unwrap();
            out.extend(rows.map(|r| r.unwrap()));
        }
        out
    }

    #[test]
    fn a_v2_database_with_data_upgrades_to_the_strict_schema_keeping_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0].1).unwrap();
        conn.execute_batch(
            r#"PRAGMA user_version = 1;
            INSERT INTO sections (id, path) VALUES (1, '[]'), (2, '["Papers","LLM"]');
            INSERT INTO items VALUES
                (1, 'flexgen', 'FlexGen', 2, 1, 'paper', 'https://arxiv.org/abs/2303.06865',
                 '[{"label":"pdf","url":"https://arxiv.org/pdf/2303.06865"}]', 'ICML''23', 2023,
                 7, 'list', 0, 1, 'done', '2026-11-01T09:00:00Z', '2026-11-02T09:00:00Z', NULL,
                 0, 1, '2026-11-02T09:00:00Z'),
                (2, 'mine', 'Mine', 1, 1, 'other', NULL, '[]', NULL, NULL, NULL, 'manual', 1, 0,
                 'started', '2026-11-03T09:00:00Z', NULL, NULL, 0, 0, '2026-11-04T09:00:00Z');
            INSERT INTO events (id, item_id, kind, at, note, undoes) VALUES
                (1, 1, 'start', '2026-11-01T09:00:00Z', NULL, NULL),
                (2, 1, 'done', '2026-11-02T09:00:00Z', 'good', NULL),
                (3, 2, 'start', '2026-11-03T09:00:00Z', NULL, NULL),
                (4, 2, 'skip', '2026-11-04T09:00:00Z', NULL, NULL),
                (5, 2, 'undo', '2026-11-04T09:00:00Z', NULL, 4),
                (6, 1, 'note', '2026-11-02T10:00:00Z', 'kv cache', NULL);
            INSERT INTO meta (key, value) VALUES ('list_source', '/tmp/list.md');"#,
        )
        .unwrap();
        conn.execute_batch(MIGRATIONS[1].1).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        let before = dump(&conn);
        drop(conn);

        // Up to the strict schema only: later migrations add columns of their own.
        let strict = MIGRATIONS
            .iter()
            .position(|(name, _)| name.ends_with("_strict.sql"))
            .unwrap();
        let mut store = Store {
            conn: rusqlite::Connection::open(&path).unwrap(),
            path: Some(path.clone()),
        };
        apply(&mut store, &MIGRATIONS[..=strict]).unwrap();
        assert_eq!(store.schema_version().unwrap(), strict as i64 + 1);
        assert_eq!(dump(&store.conn), before);
        let backup = rusqlite::Connection::open(dir.path().join("v2.db.v2.backup")).unwrap();
        assert_eq!(dump(&backup), before);
        // The new schema holds its rules: CHECKs on items, a foreign key on event kinds.
        let bogus_kind = store
            .conn
            .execute("UPDATE items SET kind = 'bogus' WHERE id = 1", []);
        assert!(bogus_kind.is_err());
        let bogus_event = store.conn.execute(
            "INSERT INTO events (item_id, kind, at) VALUES (1, 'bogus', '2026-11-05T09:00:00Z')",
            [],
        );
        assert!(bogus_event.is_err());
        let indexes: Vec<String> = store
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(
            indexes,
            [
                "commands_origin",
                "events_at",
                "events_command",
                "events_item",
                "events_undoes",
                "items_recent",
                "items_section",
                "items_status",
                "memberships_item"
            ]
        );
    }

    #[test]
    fn status_counts_and_adds_up_time_from_the_section_index_alone() {
        // status_groups' query: reading every item's row instead cost 4x at 100,000 items.
        let store = Store::open_in_memory().unwrap();
        let plan_of = |sql: &str, values: &[String]| -> Vec<String> {
            store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(rusqlite::params_from_iter(values), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let (sql, values) = super::super::report::status_groups_sql(&Default::default());
        let plan = plan_of(&sql, &values);
        assert!(
            plan.iter()
                .any(|d| d.contains("COVERING INDEX items_section")),
            "{plan:?}"
        );
        // due_count's query: the reviews due, counted from the partial index alone.
        let plan = plan_of(
            &store.due_count_sql(None).unwrap(),
            &["2026-11-28T09:00:00Z".to_string()],
        );
        assert!(
            plan.iter().any(|d| d.contains("COVERING INDEX items_due")),
            "{plan:?}"
        );
    }

    #[test]
    fn the_reviews_upgrade_rates_typed_dones_and_computes_their_cards() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        let reviews = MIGRATIONS
            .iter()
            .position(|(name, _)| name.ends_with(REVIEWS_MIGRATION))
            .unwrap();
        let mut store = Store {
            conn: rusqlite::Connection::open(&path).unwrap(),
            path: Some(path.clone()),
        };
        apply(&mut store, &MIGRATIONS[..reviews]).unwrap();
        store
            .conn
            .execute_batch(
                r#"INSERT INTO sections (id, path) VALUES (1, '[]');
                INSERT INTO items (id, slug, title, section_id, position, kind) VALUES
                    (1, 'typed', 'Typed', 1, 1, 'paper'), (2, 'ticked', 'Ticked', 1, 2, 'paper');
                INSERT INTO commands (id, origin, verb, at) VALUES
                    (1, 'typed', 'done', '2026-11-02T09:00:00Z'),
                    (2, 'import', 'import', '2026-11-02T09:00:00Z');
                INSERT INTO events (item_id, kind, at, note, command_id) VALUES
                    (1, 'done', '2026-11-02T09:00:00Z', NULL, 1),
                    (2, 'done', '2026-11-02T09:00:00Z', 'marked [x] in the imported list', 2);"#,
            )
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
        let ratings: Vec<Option<String>> = store
            .conn
            .prepare("SELECT rating FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(ratings, [Some("good".to_string()), None]);
        let typed = store.item_by_id(1).unwrap().unwrap().schedule;
        assert_eq!(
            typed.due_at().map(super::super::format_time).as_deref(),
            Some("2026-11-05T09:00:00Z")
        );
        assert_eq!(typed, store.derived_schedule(1).unwrap());
        assert_eq!(store.item_by_id(2).unwrap().unwrap().schedule.card, None);
    }

    #[test]
    fn the_schema_accepts_every_value_the_binary_knows() {
        use crate::model::{EventKind, Kind, Status};
        let store = Store::open_in_memory().unwrap();
        store
            .conn
            .execute("INSERT INTO sections (id, path) VALUES (1, '[]')", [])
            .unwrap();
        for (i, kind) in Kind::ALL.into_iter().enumerate() {
            for status in Status::ALL {
                store
                    .conn
                    .execute(
                        "INSERT INTO items (slug, title, section_id, position, kind, status)
                         VALUES (?1, 't', 1, ?2, ?3, ?4)",
                        rusqlite::params![format!("{kind}-{status}"), i as i64, kind, status],
                    )
                    .unwrap();
            }
        }
        for kind in EventKind::ALL {
            store
                .conn
                .execute(
                    "INSERT INTO events (item_id, kind, at, spent_s)
                     VALUES (1, ?1, '2026-11-05T09:00:00Z', ?2)",
                    rusqlite::params![kind, (kind == EventKind::Session).then_some(60)],
                )
                .unwrap();
        }
        let event_kinds: i64 = store
            .conn
            .query_row("SELECT count(*) FROM event_kinds", [], |r| r.get(0))
            .unwrap();
        assert_eq!(event_kinds, EventKind::ALL.len() as i64);
    }
}
