//! The query behind the HTML report's chart of items finished over time (its other data comes
//! from the queries of `status`, `stats` and `log`).

use super::decode::Fields;
use super::{Result, Store};
use chrono::{DateTime, Utc};

/// Items `list` filters to (all when `None`), as an SQL condition on `items`; an id, never text.
fn in_list(list: Option<i64>) -> String {
    match list {
        Some(id) => format!("items.id IN (SELECT item_id FROM memberships WHERE list_id = {id})"),
        None => "1 = 1".to_string(),
    }
}

impl Store {
    /// How many items were finished (done, or reviewed without a done) in each minute, in time
    /// order: minutes, so that the caller can count them by local day in any time zone.
    pub(crate) fn finished_by_minute(
        &self,
        list: Option<i64>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>> {
        let sql = format!(
            "SELECT min(id), substr(coalesce(done_at, reviewed_at), 1, 16) || ':00Z' AS minute,
                    count(*)
             FROM items WHERE removed = 0 AND status IN ('done', 'reviewed') AND {}
             GROUP BY minute ORDER BY minute",
            in_list(list)
        );
        let doing = "counting finished items";
        let mut stmt = self
            .conn
            .prepare(&sql)
            .map_err(|e| self.classify(e, doing))?;
        let rows = stmt
            .query_map([], |r| {
                let f = Fields::new(r, "items", 0)?;
                Ok((f.required_time(1)?, f.get::<i64>(2)?.max(0) as u64))
            })
            .map_err(|e| self.classify(e, doing))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.classify(e, doing))
    }
}
