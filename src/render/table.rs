//! Tables, drawn by comfy-table: no borders, an underlined header, two spaces between columns,
//! one line per row, fitted to the output's width (see `fit::layout`).

use super::Output;
use super::fit::{self, GAP, Give};
use super::safe;
use comfy_table::{
    Cell, CellAlignment, ColumnConstraint, LineStyle, Row, Table as Comfy, TableStyle, Width,
};

/// Only the line under the header; columns are set apart by their padding.
const STYLE: TableStyle = TableStyle::new().header_separator(LineStyle::none().fill('─'));

/// One column: its header, alignment and how it gives way on a narrow output.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    header: &'static str,
    right: bool,
    front: bool,
    multiline: bool,
    give: Give,
}

impl Column {
    pub fn new(header: &'static str) -> Column {
        Column {
            header,
            right: false,
            front: false,
            multiline: false,
            give: Give::default(),
        }
    }

    /// Right-aligned (numbers).
    pub fn right(mut self) -> Column {
        self.right = true;
        self
    }

    /// Hidden on a narrow output; columns go lowest `rank` first.
    pub fn drops(mut self, rank: u8) -> Column {
        self.give.drop = Some(rank);
        self
    }

    /// Takes the room that is left, cut down to `min` columns before any column is hidden.
    pub fn fill(mut self, min: usize) -> Column {
        self.give.min = Some(min);
        self
    }

    /// At most `max` columns wide, cut at the front (section paths end with their specific part).
    pub fn cap_front(mut self, max: usize) -> Column {
        self.give.max = Some(max);
        self.front = true;
        self
    }

    /// Cut at the front if it must be cut at all.
    pub fn front(mut self) -> Column {
        self.front = true;
        self
    }

    /// Keeps the line breaks of its cells and wraps them at words instead of cutting them (the
    /// notes of `show`, where each is read whole).
    pub fn multiline(mut self) -> Column {
        self.multiline = true;
        self
    }
}

/// A table being filled; `render` fits and draws it.
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[Column]) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; every cell goes through the sanitizer.
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        let cells = cells
            .into_iter()
            .zip(&self.columns)
            .map(|(cell, column)| safe(cell.as_ref(), column.multiline))
            .collect();
        self.rows.push(cells);
    }

    /// The table as text, a newline after each line, fitted to `out.width`.
    pub fn render(self, out: &Output) -> String {
        let Table { columns, rows } = self;
        let natural: Vec<usize> = (0..columns.len())
            .map(|i| {
                let cells = rows
                    .iter()
                    .map(|row| row.get(i).map_or(0, |c| cell_width(c)));
                cells
                    .chain([fit::width(columns[i].header)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let give: Vec<Give> = columns.iter().map(|c| c.give).collect();
        let widths = fit::layout(&natural, &give, out.width);
        // Reserved once: growing a string of many megabytes step by step costs more than
        // drawing it (each step copies it and makes the allocator consolidate).
        let line: usize = widths.iter().flatten().map(|w| w + GAP).sum();
        let mut text = String::with_capacity((rows.len() + 2) * (line + 1));
        let mut rows = rows.into_iter();
        let mut first = true;
        loop {
            let chunk: Vec<Vec<String>> = rows.by_ref().take(CHUNK).collect();
            if chunk.is_empty() && !first {
                break;
            }
            let table = comfy(&columns, &widths, chunk);
            draw(&table, out.color, first, &mut text);
            first = false;
        }
        text
    }
}

/// Rows handed to comfy-table at a time. Every chunk gets the same fixed column widths, so the
/// chunks line up, and comfy-table's working copies of a 100,000-row list stay small.
const CHUNK: usize = 1024;

/// A comfy-table table of `rows` with the columns' widths, each cell cut to its column's width:
/// at its end with `…` (as comfy-table's `max_height(1)` would, but with one rule for every
/// cut that mlpath prints, and without comfy-table wrapping each cell first), or at its front
/// for section paths. Multi-line columns are wrapped by comfy-table.
fn comfy(columns: &[Column], widths: &[Option<usize>], rows: Vec<Vec<String>>) -> Comfy {
    let mut table = Comfy::new();
    table.load_style(STYLE);
    table.set_header(one_line(
        columns.iter().map(|c| Cell::new(c.header)).collect(),
    ));
    let multiline = columns.iter().any(|c| c.multiline);
    for row in rows {
        let cells = row.into_iter().zip(columns).zip(widths);
        let cells: Vec<Cell> = cells
            .map(|((cell, column), width)| {
                Cell::new_owned(match width {
                    None => String::new(),
                    Some(w) if column.multiline || fit::width(&cell) <= *w => cell,
                    Some(w) if column.front => fit::cut_front(&cell, *w),
                    Some(w) => fit::cut(&cell, *w),
                })
            })
            .collect();
        table.add_row(if multiline {
            Row::from(cells)
        } else {
            one_line(cells)
        });
    }
    set_columns(&mut table, columns, widths);
    table
}

/// Each column's padding (the gap after it), alignment and width, or hidden.
fn set_columns(table: &mut Comfy, columns: &[Column], widths: &[Option<usize>]) {
    let last_shown = widths.iter().rposition(Option::is_some);
    for (i, (column, width)) in columns.iter().zip(widths).enumerate() {
        let Some(c) = table.column_mut(i) else {
            continue;
        };
        let gap = if Some(i) == last_shown { 0 } else { GAP };
        c.set_padding((0, gap as u16));
        if column.right {
            c.set_cell_alignment(CellAlignment::Right);
        }
        c.set_constraint(match width {
            None => ColumnConstraint::Hidden,
            Some(w) => ColumnConstraint::Absolute(Width::Fixed(clamp(w + gap))),
        });
    }
}

/// Appends the lines without trailing spaces (the header and its underline only for the
/// `first` chunk), the header in bold when colour is on.
fn draw(table: &Comfy, color: bool, first: bool, text: &mut String) {
    let skip = if first { 0 } else { 2 };
    for (n, line) in table.lines().enumerate().skip(skip) {
        let line = line.trim_end();
        if n == 0 && color {
            let bold = anstyle::Style::new().bold();
            text.push_str(&format!("{bold}{line}{bold:#}"));
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
}

/// The widest line of a cell.
fn cell_width(cell: &str) -> usize {
    cell.lines().map(fit::width).max().unwrap_or(0)
}

/// A row that is never more than one line high: a cell too long for its column ends in `…`.
fn one_line(cells: Vec<Cell>) -> Row {
    let mut row = Row::from(cells);
    row.max_height(1);
    row
}

fn clamp(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(width: Option<usize>) -> Output {
        Output {
            color: false,
            width,
        }
    }

    #[test]
    fn a_table_is_borderless_with_an_underlined_header() {
        let mut table = Table::new(&[Column::new("name"), Column::new("n").right()]);
        table.row(["flexgen", "3"]);
        table.row(["深度", "12"]);
        assert_eq!(
            table.render(&out(None)),
            "name      n\n───────────\nflexgen   3\n深度     12\n"
        );
    }

    #[test]
    fn cells_are_cut_to_fit_and_hidden_columns_go() {
        let mut table = Table::new(&[
            Column::new("slug"),
            Column::new("title").fill(10),
            Column::new("kind").drops(1),
        ]);
        table.row(["a", "A rather long title about attention", "paper"]);
        let text = table.render(&out(Some(20)));
        assert_eq!(
            text,
            "slug  title\n────────────────────\na     A rather long…\n"
        );
    }

    #[test]
    fn long_tables_are_drawn_in_chunks_that_line_up() {
        let mut table = Table::new(&[Column::new("n").right(), Column::new("word")]);
        for n in 0..2 * CHUNK + 5 {
            table.row([n.to_string(), "x".repeat(n % 7)]);
        }
        let text = table.render(&out(Some(40)));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2 * CHUNK + 7);
        assert_eq!(text.matches("word").count(), 1, "one header");
        // Numbers end in column 4 and words start in column 6 in every chunk.
        for (n, line) in lines[2..].iter().enumerate() {
            assert_eq!(line[..4].trim_start(), n.to_string(), "{line:?}");
            assert_eq!(
                line.get(4..),
                Some(format!("  {}", "x".repeat(n % 7)).trim_end())
            );
        }
    }
}
