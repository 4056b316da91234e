//! Schema migrations: numbered SQL files, applied in order, versioned by `PRAGMA user_version`.
//!
//! A small migrator of our own rather than rusqlite_migration: its current release pins an older
//! rusqlite than the one we build with, and all we need is a loop over embedded files.

use super::{Result, Store, StoreError};
use rusqlite::TransactionBehavior;

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
];

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
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| StoreError::classify(e, &path, "starting the schema upgrade"))?;
    // Another mlpath may have migrated while we waited for the lock.
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| StoreError::classify(e, &path, "reading the schema version"))?;
    for (index, (name, sql)) in migrations.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Invalid(format!("migration {name} failed: {e}")))?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(|e| StoreError::classify(e, &path, "recording the schema version"))?;
    }
    tx.commit()
        .map_err(|e| StoreError::classify(e, &path, "committing the schema upgrade"))
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
        // Every real migration, then a broken one.
        let mut steps = MIGRATIONS.to_vec();
        steps.push((
            "9999_bad.sql",
            "CREATE TABLE ok (x INTEGER); THIS IS NOT SQL;",
        ));
        let err = apply(&mut store, &steps).unwrap_err();
        assert!(err.to_string().contains("9999_bad.sql"), "{err}");
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
}
