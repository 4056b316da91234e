//! Stored settings (`mlpath config`). Which keys exist and what they mean is `crate::settings`.

use super::{Result, Store};
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The stored value of a setting, if it was ever set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.classify(e, "reading settings"))
    }

    /// Stores a setting's value.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(|e| self.classify(e, "saving the setting"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_is_stored_and_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.setting("list.refresh").unwrap(), None);
        store.set_setting("list.refresh", "off").unwrap();
        store.set_setting("list.refresh", "on").unwrap();
        assert_eq!(
            store.setting("list.refresh").unwrap().as_deref(),
            Some("on")
        );
    }
}
