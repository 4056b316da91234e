//! Strict decoding of values read back from SQLite: a value this mlpath does not know is an error
//! naming the table, the row and the value, never a silent default.

use crate::model::{EventKind, Kind, Link, Rating, Status};
use chrono::{DateTime, Utc};
use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, Type, ValueRef};

/// A stored value this mlpath cannot read, with where it was found.
#[derive(Debug, thiserror::Error)]
#[error(
    "{table} row {row}: {problem}; the database was changed outside mlpath: restore it from a backup"
)]
pub struct BadValue {
    pub table: &'static str,
    pub row: i64,
    pub problem: String,
}

/// What was wrong with a value, before the row is known.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(super) struct Problem(String);

fn unknown(what: &str, value: ValueRef<'_>) -> FromSqlError {
    let shown = match value {
        ValueRef::Text(t) => format!("'{}'", String::from_utf8_lossy(t)),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => "NULL".into(),
        ValueRef::Blob(_) => "a blob".into(),
    };
    FromSqlError::Other(Box::new(Problem(format!("unknown {what} {shown}"))))
}

macro_rules! sql_name {
    ($ty:ty, $what:literal) => {
        impl FromSql for $ty {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value
                    .as_str()
                    .ok()
                    .and_then(<$ty>::parse)
                    .ok_or_else(|| unknown($what, value))
            }
        }

        impl ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
    };
}

sql_name!(Kind, "kind");
sql_name!(Status, "status");
sql_name!(EventKind, "event kind");
sql_name!(Rating, "rating");

/// Reads a JSON column (links, section paths) strictly.
fn json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, Problem> {
    serde_json::from_str(text).map_err(|e| Problem(format!("{what} is not valid ({e}): {text}")))
}

/// A section path as stored: a JSON array of titles, outermost first.
pub(super) fn section_path(text: &str) -> Result<Vec<String>, Problem> {
    json("section path", text)
}

/// An item's links as stored: a JSON array of `{"label", "url"}`.
pub(super) fn links(text: &str) -> Result<Vec<Link>, Problem> {
    json("links", text)
}

/// The names of the lists that hold an item, as `each_item` gathers them: a JSON array.
pub(super) fn list_names(text: &str) -> Result<Vec<String>, Problem> {
    json("list names", text)
}

/// Reads the columns of one row of `table`, naming the row in any error.
pub(super) struct Fields<'a, 'r> {
    row: &'a Row<'r>,
    table: &'static str,
    id: i64,
}

impl<'a, 'r> Fields<'a, 'r> {
    /// `id_column` holds the row's id, which every error names.
    pub(super) fn new(
        row: &'a Row<'r>,
        table: &'static str,
        id_column: usize,
    ) -> rusqlite::Result<Self> {
        let id = row.get(id_column)?;
        Ok(Fields { row, table, id })
    }

    pub(super) fn id(&self) -> i64 {
        self.id
    }

    /// A column, decoded strictly by its `FromSql`.
    pub(super) fn get<T: FromSql>(&self, idx: usize) -> rusqlite::Result<T> {
        self.row.get(idx).map_err(|e| {
            let problem = match &e {
                rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.to_string(),
                rusqlite::Error::InvalidColumnType(_, name, ty) => {
                    format!("{name} has the wrong type ({ty})")
                }
                _ => return e,
            };
            self.bad(idx, problem)
        })
    }

    /// A time column (RFC 3339 text, or NULL).
    pub(super) fn time(&self, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
        let text: Option<String> = self.get(idx)?;
        text.map(|t| {
            super::parse_time(&t).map_err(|_| self.bad(idx, format!("'{t}' is not a time")))
        })
        .transpose()
    }

    /// The error for a NULL where a value must be.
    pub(super) fn missing(&self, idx: usize) -> rusqlite::Error {
        let name = self.row.as_ref().column_name(idx).unwrap_or("a column");
        self.bad(idx, format!("{name} is missing"))
    }

    /// A time column that must have a value.
    pub(super) fn required_time(&self, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
        self.time(idx)?.ok_or_else(|| self.missing(idx))
    }

    /// A JSON column read by `decode` (`decode::links`, `decode::section_path`).
    pub(super) fn json<T, E: std::error::Error>(
        &self,
        idx: usize,
        decode: impl Fn(&str) -> Result<T, E>,
    ) -> rusqlite::Result<T> {
        let text: String = self.get(idx)?;
        decode(&text).map_err(|e| self.bad(idx, e.to_string()))
    }

    fn bad(&self, idx: usize, problem: String) -> rusqlite::Error {
        let bad = BadValue {
            table: self.table,
            row: self.id,
            problem,
        };
        rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(bad))
    }
}

/// The `BadValue` inside an error from `Fields`, if that is what it is.
pub(super) fn bad_value(err: &rusqlite::Error) -> Option<&BadValue> {
    match err {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.downcast_ref::<BadValue>(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    fn read<T: FromSql>(sql: &str) -> rusqlite::Result<T> {
        let conn = Connection::open_in_memory().unwrap();
        conn.query_row(sql, [], |r| Fields::new(r, "items", 0)?.get(1))
    }

    #[test]
    fn known_names_decode() {
        assert_eq!(read::<Kind>("SELECT 1, 'video'").unwrap(), Kind::Video);
        assert_eq!(
            read::<Status>("SELECT 1, 'started'").unwrap(),
            Status::Started
        );
        assert_eq!(
            read::<EventKind>("SELECT 1, 'undo'").unwrap(),
            EventKind::Undo
        );
    }

    #[test]
    fn an_unknown_name_is_an_error_naming_table_row_and_value() {
        let err = read::<Kind>("SELECT 12, 'bogus'").unwrap_err();
        let bad = bad_value(&err).expect("a BadValue");
        assert!(
            bad.to_string()
                .starts_with("items row 12: unknown kind 'bogus'; "),
            "{bad}"
        );
        let err = read::<Status>("SELECT 3, 7").unwrap_err();
        assert_eq!(bad_value(&err).unwrap().problem, "unknown status 7");
        let err = read::<EventKind>("SELECT 3, NULL").unwrap_err();
        assert_eq!(bad_value(&err).unwrap().problem, "unknown event kind NULL");
    }

    #[test]
    fn json_columns_decode_strictly() {
        let conn = Connection::open_in_memory().unwrap();
        let get =
            |sql: &str| conn.query_row(sql, [], |r| Fields::new(r, "items", 0)?.json(1, links));
        let ok = get(r#"SELECT 1, '[{"label":"pdf","url":null}]'"#).unwrap();
        assert_eq!(
            ok,
            vec![Link {
                label: "pdf".into(),
                url: None
            }]
        );
        let err = get("SELECT 4, '[oops'").unwrap_err();
        let bad = bad_value(&err).expect("a BadValue");
        assert_eq!(bad.row, 4);
        assert!(bad.problem.starts_with("links is not valid"), "{bad}");
        assert!(section_path("{}").is_err());
        assert_eq!(section_path(r#"["A","B"]"#).unwrap(), ["A", "B"]);
    }
}
