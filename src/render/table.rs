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
        let natural: Vec<usize> = (0..self.columns.len())
            .map(|i| {
                let cells = self
                    .rows
                    .iter()
                    .map(|row| row.get(i).map_or(0, |c| cell_width(c)));
                cells
                    .chain([fit::width(self.columns[i].header)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let give: Vec<Give> = self.columns.iter().map(|c| c.give).collect();
        let widths = fit::layout(&natural, &give, out.width);
        let mut table = Comfy::new();
        table.load_style(STYLE);
        table.set_header(one_line(
            self.columns.iter().map(|c| Cell::new(c.header)).collect(),
        ));
        let multiline = self.columns.iter().any(|c| c.multiline);
        for row in self.rows {
            let cells = row.into_iter().zip(&self.columns).zip(&widths);
            let cells: Vec<Cell> = cells
                .map(|((cell, column), width)| match width {
                    // comfy-table cuts the end of a cell; a section path keeps its end instead.
                    Some(w) if column.front && out.width.is_some() => {
                        Cell::new_owned(fit::cut_front(&cell, *w))
                    }
                    _ => Cell::new_owned(cell),
                })
                .collect();
            table.add_row(if multiline {
                Row::from(cells)
            } else {
                one_line(cells)
            });
        }
        set_columns(&mut table, &self.columns, &widths);
        draw(&table, out.color)
    }
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

/// The lines without trailing spaces; the header in bold when colour is on.
fn draw(table: &Comfy, color: bool) -> String {
    let mut text = String::new();
    for (n, line) in table.lines().enumerate() {
        let line = line.trim_end();
        if n == 0 && color {
            let bold = anstyle::Style::new().bold();
            text.push_str(&format!("{bold}{line}{bold:#}"));
        } else {
            text.push_str(line);
        }
        text.push('\n');
    }
    text
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
