//! Schema migrations: numbered SQL files, applied in order, versioned by `PRAGMA user_version`.
//!
//! A small migrator of our own rather than rusqlite_migration: its current release pins an older
//! rusqlite than the one we build with, and all we need is a loop over embedded files.

use super::{Result, Store, StoreError};
use rusqlite::TransactionBehavior;

/// The migrations, in order; migration N (1-based) brings the schema to version N.
const MIGRATIONS: &[(&str, &str)] = &[(
    "0001_init.sql",
    include_str!("../../migrations/0001_init.sql"),
)];

/// The schema version this mlpath writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(store: &mut Store) -> Result<()> {
    if store.user_version()? == LATEST_VERSION {
        return Ok(());
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
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)
            .map_err(|e| StoreError::Invalid(format!("migration {name} failed: {e}")))?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(|e| StoreError::classify(e, &path, "recording the schema version"))?;
    }
    tx.commit()
        .map_err(|e| StoreError::classify(e, &path, "committing the schema upgrade"))
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
    fn migrating_twice_is_a_no_op() {
        let mut store = Store::open_in_memory().unwrap();
        migrate(&mut store).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST_VERSION);
    }
}
