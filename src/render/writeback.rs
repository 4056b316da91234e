//! What `writeback` says: one line per list file.

use super::safe;
use crate::writeback::ListWriteback;

/// `README.md: 2 boxes ticked (alpa, orca), 1 unticked (flexgen), 0 added` (`would` when dry);
/// `README.md: every box is up to date` when nothing changes.
pub fn line(w: &ListWriteback, dry_run: bool) -> String {
    let file = safe(crate::listfile::file_name(&w.path), false);
    let mut parts = Vec::new();
    for (n, what) in [
        (&w.ticked, "ticked"),
        (&w.unticked, "unticked"),
        (&w.added, "added"),
    ] {
        if !n.is_empty() {
            parts.push(format!("{} {what} ({})", boxes(n.len()), slugs(n)));
        }
    }
    let mut out = if parts.is_empty() && w.boxed == 0 && w.without_box == 0 {
        // Nothing has or could take a box: "up to date" would suggest boxes were checked.
        return format!(
            "{file}: no box to write; its {} table rows or paragraphs, which take no box",
            are(w.cannot_take_box)
        );
    } else if parts.is_empty() {
        format!("{file}: every box is up to date")
    } else if dry_run {
        format!("{file} (dry run): {}", parts.join(", "))
    } else {
        format!("{file}: {}", parts.join(", "))
    };
    if w.without_box > 0 {
        out.push_str(&format!(
            "; {} without a box (--add-boxes adds them)",
            items(w.without_box)
        ));
    }
    out
}

/// `1 item is` / `3 items are`.
fn are(n: usize) -> String {
    if n == 1 {
        "1 item is".into()
    } else {
        format!("{n} items are")
    }
}

fn boxes(n: usize) -> String {
    if n == 1 {
        "1 box".into()
    } else {
        format!("{n} boxes")
    }
}

fn items(n: usize) -> String {
    if n == 1 {
        "1 item".into()
    } else {
        format!("{n} items")
    }
}

/// Up to three slugs, then `…`.
fn slugs(all: &[String]) -> String {
    let mut shown: Vec<String> = all.iter().take(3).map(|s| safe(s, false)).collect();
    if all.len() > 3 {
        shown.push("…".into());
    }
    shown.join(", ")
}
