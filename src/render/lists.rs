//! `mlpath lists` and `mlpath config`: their JSON shapes and tables.

use super::Output;
use super::local_date;
use super::table::{Column, Table};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One row of `mlpath lists` (`[{"name", "path", "items", "done", "percent", "imported_at"}]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ListView {
    pub name: String,
    pub path: String,
    pub items: i64,
    pub done: i64,
    pub percent: f64,
    pub imported_at: DateTime<Utc>,
}

/// The lists table; on a narrow output the path is cut at the front (the name keeps its room
/// first), then the date and the path go.
pub(crate) fn lists_table(lists: &[ListView], out: &Output) -> String {
    let mut table = Table::new(&[
        Column::new("list").fill(24),
        Column::new("items").right(),
        Column::new("done").right(),
        Column::new("%").right(),
        Column::new("imported").drops(1),
        Column::new("path").front().fill(16).drops(2),
    ]);
    for l in lists {
        table.row([
            l.name.clone(),
            l.items.to_string(),
            l.done.to_string(),
            format!("{:.0}", l.percent),
            local_date(l.imported_at),
            l.path.clone(),
        ]);
    }
    table.render(out)
}

/// One setting as `mlpath config` shows it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SettingView {
    pub key: &'static str,
    pub value: String,
    pub about: &'static str,
}

pub(crate) fn settings_table(settings: &[SettingView], out: &Output) -> String {
    let mut table = Table::new(&[
        Column::new("setting"),
        Column::new("value"),
        Column::new("what it does").fill(20),
    ]);
    for s in settings {
        table.row([s.key, s.value.as_str(), s.about]);
    }
    table.render(out)
}

/// `{key: value}` for `mlpath config --json`.
pub(crate) fn settings_json(settings: &[SettingView]) -> anyhow::Result<String> {
    let map: serde_json::Map<String, serde_json::Value> = settings
        .iter()
        .map(|s| (s.key.to_string(), s.value.clone().into()))
        .collect();
    super::json(&map)
}
