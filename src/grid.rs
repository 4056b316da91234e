//! Aligned text columns with an underlined header: the tables mlpath prints.
//!
//! Callers cut long cells to fit the terminal first (see `render::truncate`), so a grid never
//! wraps. A cell may hold several lines (a note with line breaks).

use unicode_width::UnicodeWidthStr;

pub struct Grid {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<bool>,
    bold_header: bool,
}

impl Grid {
    pub fn new(header: &[&str], bold_header: bool) -> Grid {
        Grid {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right: vec![false; header.len()],
            bold_header,
        }
    }

    pub fn add_row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Right-aligns the given columns (numbers).
    pub fn align_right(&mut self, columns: &[usize]) {
        for &c in columns {
            if let Some(r) = self.right.get_mut(c) {
                *r = true;
            }
        }
    }

    /// The grid as text: two spaces between columns, no trailing spaces, a newline per line.
    pub fn render(&self) -> String {
        let widths = self.widths();
        let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        let mut out = String::with_capacity((total + 1) * (self.rows.len() + 2));
        let mut line = String::with_capacity(total + 8);
        let header: Vec<&str> = self.header.iter().map(String::as_str).collect();
        self.fill_line(&mut line, &header, &widths);
        if self.bold_header {
            out.push_str(&format!("\u{1b}[1m{line}\u{1b}[0m\n"));
        } else {
            out.push_str(&line);
            out.push('\n');
        }
        out.extend(std::iter::repeat_n('─', total));
        out.push('\n');
        let mut cells: Vec<&str> = Vec::with_capacity(widths.len());
        for row in &self.rows {
            let height = row
                .iter()
                .map(|c| c.lines().count().max(1))
                .max()
                .unwrap_or(1);
            for i in 0..height {
                cells.clear();
                if height == 1 {
                    cells.extend(row.iter().map(String::as_str));
                } else {
                    cells.extend(row.iter().map(|c| c.lines().nth(i).unwrap_or("")));
                }
                self.fill_line(&mut line, &cells, &widths);
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                let w = cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
                if i >= widths.len() {
                    widths.push(w);
                } else if w > widths[i] {
                    widths[i] = w;
                }
            }
        }
        widths
    }

    /// Writes one line of cells into `line` (cleared first), without trailing spaces.
    fn fill_line(&self, line: &mut String, cells: &[&str], widths: &[usize]) {
        line.clear();
        for (i, (cell, width)) in cells.iter().zip(widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = width.saturating_sub(cell.width());
            if self.right.get(i).copied().unwrap_or(false) {
                line.extend(std::iter::repeat_n(' ', pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        line.truncate(line.trim_end().len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_numbers_go_right() {
        let mut grid = Grid::new(&["name", "n"], false);
        grid.add_row(vec!["flexgen".into(), "3".into()]);
        grid.add_row(vec!["深度".into(), "12".into()]);
        grid.align_right(&[1]);
        assert_eq!(
            grid.render(),
            "name      n\n───────────\nflexgen   3\n深度     12\n"
        );
    }

    #[test]
    fn multi_line_cells_take_several_lines() {
        let mut grid = Grid::new(&["when", "note"], false);
        grid.add_row(vec!["today".into(), "one\ntwo".into()]);
        assert_eq!(
            grid.render(),
            "when   note\n───────────\ntoday  one\n       two\n"
        );
    }
}
