//! Stored settings (`mlpath config`). Which keys exist and what they mean is `crate::settings`.

use super::{Result, Store, StoreError};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

impl Store {
    /// The value in force of the setting `key` (one of `crate::settings::SETTINGS`): the stored
    /// one when it reads, else the setting's default.
    pub(crate) fn setting_value(&self, key: &str) -> Result<String> {
        let setting = crate::settings::find(key).map_err(StoreError::Invalid)?;
        Ok(setting.value_or_default(self.setting(setting.key)?))
    }

    /// Whether the on/off setting `key` is on.
    pub(crate) fn setting_on(&self, key: &str) -> Result<bool> {
        Ok(self.setting_value(key)? == "on")
    }

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

impl Store {
    /// Stores a `review.*` setting and recomputes every cached card with it, in one transaction.
    pub(crate) fn set_review_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let path = self.display_path();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::classify(e, &path, "starting to reschedule"))?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map_err(|e| StoreError::classify(e, &path, "saving the setting"))?;
        super::events::refresh_all_schedules(&tx)
            .map_err(|e| StoreError::classify(e, &path, "rescheduling"))?;
        tx.commit()
            .map_err(|e| StoreError::classify(e, &path, "saving the schedule"))
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
