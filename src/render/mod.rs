//! The only place that knows about tables, colours, JSON writing and safe terminal text.

use crate::context::Context;
use crate::grid::Grid;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use std::io::Write;

/// Text safe for a terminal: control characters (escape sequences included) become `�`;
/// with `keep_newlines`, line breaks stay.
pub fn safe(text: &str, keep_newlines: bool) -> String {
    text.chars()
        .map(|c| {
            if keep_newlines && c == '\n' {
                c
            } else if c == '\t' {
                ' '
            } else if c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}')
            {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

/// A table with an underlined header (bold when colour is on).
pub fn table(ctx: &Context, header: &[&str]) -> Grid {
    Grid::new(header, ctx.color)
}

/// The table as text.
pub fn table_text(table: &Grid) -> String {
    table.render()
}

/// Right-aligns the given columns (numbers).
pub fn align_right(table: &mut Grid, columns: &[usize]) {
    table.align_right(columns);
}

/// Display width of text in terminal columns (CJK characters count two).
pub fn text_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// Shortens text to at most `max` columns, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text_width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    format!("{}…", out.trim_end())
}

/// Columns left for one flexible column once the others (by content width) and the borders
/// of a table with `1 + others.len()` columns are counted.
pub fn flexible_width(width: u16, others: &[usize]) -> usize {
    // Two spaces between columns; no borders.
    let used: usize = others.iter().sum::<usize>() + 2 * others.len();
    usize::from(width).saturating_sub(used)
}

/// Shortens text to `max` characters, keeping the end (the most specific part of a section path).
pub fn keep_end(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max || max < 2 {
        return text.to_string();
    }
    let tail: String = text.chars().skip(count - (max - 1)).collect();
    format!("…{}", tail.trim_start())
}

/// A section path for a table cell: `Papers / LLM`, or `(no section)`.
pub fn section(path: &[String]) -> String {
    if path.is_empty() {
        "(no section)".into()
    } else {
        safe(&crate::model::section_label(path), false)
    }
}

/// Pretty JSON with a trailing newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    text.push('\n');
    text
}

/// Writes to stdout; a closed pipe (`mlpath list | head`) is not an error.
pub fn emit(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// A line of text for stdout.
pub fn line(text: impl AsRef<str>) -> std::io::Result<()> {
    emit(&format!("{}\n", text.as_ref()))
}

/// A warning: one line on stderr, after `mlpath: `, made safe for the terminal.
pub fn warn(text: impl AsRef<str>) {
    eprintln!("mlpath: {}", safe(text.as_ref(), false));
}

/// Local date and time, to the minute.
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// Local date only.
pub fn local_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// "just now", "5 minutes ago", "3 hours ago", "yesterday", "4 days ago", then the date.
pub fn relative(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - t).num_seconds();
    let days_apart =
        (now.with_timezone(&Local).date_naive() - t.with_timezone(&Local).date_naive()).num_days();
    match secs {
        s if s < 0 => local_time(t),
        0..60 => "just now".into(),
        60..3600 => plural(secs / 60, "minute"),
        3600..86_400 if days_apart == 0 => plural(secs / 3600, "hour"),
        _ => match days_apart {
            0 => plural(secs / 3600, "hour"),
            1 => "yesterday".into(),
            2..=13 => format!("{days_apart} days ago"),
            _ => local_date(t),
        },
    }
}

fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit} ago")
    } else {
        format!("{n} {unit}s ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_counts_columns() {
        assert_eq!(truncate("FlexGen: High-throughput", 10), "FlexGen:…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("深度学习论文精读", 7), "深度学…");
        assert_eq!(flexible_width(100, &[10, 10]), 76);
    }

    #[test]
    fn keep_end_shortens_from_the_front() {
        assert_eq!(
            keep_end("Papers / LLM / LLM inference", 16),
            "…/ LLM inference"
        );
        assert_eq!(keep_end("Tutorials", 16), "Tutorials");
    }

    #[test]
    fn safe_strips_escapes_and_controls() {
        assert_eq!(
            safe("a\u{1b}[31mred\u{7}", false),
            "a\u{fffd}[31mred\u{fffd}"
        );
        assert_eq!(safe("two\nlines", true), "two\nlines");
        assert_eq!(safe("two\nlines", false), "two\u{fffd}lines");
        assert_eq!(safe("\u{9b}31m", false), "\u{fffd}31m");
        assert_eq!(safe("日本語 ok", false), "日本語 ok");
    }
}
