use crate::cli::StatusArgs;
use crate::context::Context;
use crate::model::section_matches;
use crate::progress::{self, Counts, SectionProgress};
use crate::render;
use crate::store::Pool;
use anyhow::Result;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

/// The public JSON shape of `mlpath status --json`.
#[derive(Serialize)]
struct StatusView {
    #[serde(flatten)]
    totals: Counts,
    percent: f64,
    streak_days: u32,
    last_activity: Option<DateTime<Utc>>,
    sections: Vec<SectionProgress>,
}

pub fn run(args: StatusArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let pool = Pool {
        kind: args.kind,
        section_words: section_words(args.section.as_deref()),
    };
    let mut groups = store.status_groups(&pool)?;
    groups.retain(|g| section_matches(&g.section, args.section.as_deref()));
    let (totals, sections) = progress::by_section(&groups, args.depth.map(usize::from));
    let view = StatusView {
        percent: totals.percent(),
        totals,
        streak_days: progress::walk_streak(ctx.now, &Local, |t| {
            store.latest_event_before(Some(t))
        })?,
        last_activity: store.last_activity()?,
        sections,
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&view))?);
    }
    Ok(render::emit(&format!(
        "{}\n{}",
        headline(&view, ctx),
        table(&view, ctx)
    ))?)
}

/// `--section` words as they appear inside the stored section path.
pub fn section_words(section: Option<&str>) -> Vec<String> {
    section
        .map(|s| {
            s.split('/')
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn headline(view: &StatusView, ctx: &Context) -> String {
    let t = &view.totals;
    let mut parts = vec![format!(
        "{}/{} done ({:.1}%)",
        t.done + t.reviewed,
        t.total - t.skipped,
        view.percent
    )];
    parts.push(format!("{} in progress", t.started));
    if t.skipped > 0 {
        parts.push(format!("{} skipped", t.skipped));
    }
    match view.last_activity {
        Some(at) => parts.push(format!("last activity {}", render::relative(at, ctx.now))),
        None => parts.push("no activity yet".into()),
    }
    let days = view.streak_days;
    parts.push(format!(
        "streak {days} day{}",
        if days == 1 { "" } else { "s" }
    ));
    // Parts joined with " · ", starting a new line where the next part would not fit.
    let width = usize::from(ctx.width);
    let mut text = String::new();
    let mut line_len = 0;
    for part in parts {
        let len = part.chars().count();
        if line_len > 0 && line_len + 3 + len > width {
            text.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            text.push_str(" · ");
            line_len += 3;
        }
        text.push_str(&part);
        line_len += len;
    }
    text
}

/// The table, fitted to the terminal: the section path is cut from the front, and on a narrow
/// terminal the progress bar goes (the percentage stays).
fn table(view: &StatusView, ctx: &Context) -> String {
    if view.sections.is_empty() {
        return "no items match\n".into();
    }
    let mut header = vec![
        "section", "total", "todo", "started", "done", "reviewed", "skipped",
    ];
    // The count columns are as wide as their header or the largest count (the total's).
    let digits = view.totals.total.to_string().len();
    let mut others: Vec<usize> = header[1..].iter().map(|h| h.len().max(digits)).collect();
    others.push("100.0".len());
    let bar_width = 10;
    let with_bar =
        render::flexible_width(ctx.width, &[others.as_slice(), &[bar_width]].concat()) >= 16;
    if with_bar {
        others.push(bar_width);
        header.push("progress");
    }
    header.push("%");
    let section_width = render::flexible_width(ctx.width, &others).clamp(8, 60);
    let mut table = render::table(ctx, &header);
    let mut add = |label: String, counts: &Counts, percent: f64| {
        let mut cells = vec![render::keep_end(&label, section_width)];
        cells.extend(
            [
                counts.total,
                counts.todo,
                counts.started,
                counts.done,
                counts.reviewed,
                counts.skipped,
            ]
            .map(|n| n.to_string()),
        );
        if with_bar {
            cells.push(progress::bar(percent, bar_width));
        }
        cells.push(format!("{percent:.1}"));
        table.add_row(cells);
    };
    for s in &view.sections {
        add(render::section(&s.section), &s.counts, s.percent);
    }
    add("total".into(), &view.totals, view.percent);
    let last = header.len() - 1;
    render::align_right(&mut table, &[1, 2, 3, 4, 5, 6, last]);
    render::table_text(&table)
}
