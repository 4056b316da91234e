//! The report's line and bar charts, drawn from plain numbers.

use super::svg::{Anchor, Svg};
use crate::model::section_label;
use crate::progress::SectionProgress;
use crate::session::format_duration;
use chrono::{Duration, NaiveDate};

const WIDTH: f64 = 480.0;

/// Items finished over time, as a rising step line, against the dashed line of the list's
/// total. `done` holds (day, items finished that day) in date order.
pub fn cumulative(done: &[(NaiveDate, u64)], total: u64, today: NaiveDate) -> String {
    let (left, right, top, bottom) = (44.0, 12.0, 14.0, 26.0);
    let height = 220.0;
    let (plot_w, plot_h) = (WIDTH - left - right, height - top - bottom);
    let start = done
        .first()
        .map_or(today, |(d, _)| *d)
        .min(today - Duration::days(30));
    let span = (today - start).num_days().max(1) as f64;
    let finished: u64 = done.iter().map(|(_, n)| n).sum();
    let top_value = total.max(finished).max(1) as f64;
    let x = |d: NaiveDate| left + (d - start).num_days() as f64 / span * plot_w;
    let y = |v: u64| top + plot_h - v as f64 / top_value * plot_h;
    let mut svg = Svg::new(WIDTH, height, "Items finished over time");
    svg.line((left, top + plot_h), (left + plot_w, top + plot_h), "axis");
    svg.line((left, top), (left, top + plot_h), "axis");
    svg.line((left, y(total)), (left + plot_w, y(total)), "goal");
    svg.text(
        (left - 6.0, y(total) + 4.0),
        Anchor::End,
        &total.to_string(),
    );
    svg.text((left - 6.0, top + plot_h + 4.0), Anchor::End, "0");
    svg.text((left, height - 8.0), Anchor::Start, &start.to_string());
    svg.text(
        (left + plot_w, height - 8.0),
        Anchor::End,
        &today.to_string(),
    );
    let mut points = vec![(x(start), y(0))];
    let mut sum = 0;
    for &(day, n) in done.iter().filter(|(d, _)| *d <= today) {
        points.push((x(day), y(sum)));
        sum += n;
        points.push((x(day), y(sum)));
    }
    points.push((x(today), y(sum)));
    let mut area = points.clone();
    area.push((x(today), y(0)));
    svg.path(&area, true, "area");
    svg.path(&points, false, "curve");
    let label = format!("{sum} of {total} finished");
    svg.text((left + 8.0, top + 12.0), Anchor::Start, &label);
    svg.finish()
}

/// One bar a section: finished, started and left, with the percentage at the right.
pub fn progress_bars(sections: &[SectionProgress]) -> String {
    let row = 34.0;
    let bar_w = WIDTH - 60.0;
    let mut svg = Svg::new(
        WIDTH,
        rows_height(sections.len(), row),
        "Progress per section",
    );
    for (i, s) in sections.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        svg.text((0.0, y + 10.0), Anchor::Start, &label(s));
        let c = &s.counts;
        let counted = (c.total - c.skipped).max(1) as f64;
        let finished = (c.done + c.reviewed) as f64 / counted * bar_w;
        let started = c.started as f64 / counted * bar_w;
        svg.rect((0.0, y + 15.0), (bar_w, 12.0), "bar-todo", None);
        let tip = format!(
            "{} of {} finished, {} started",
            c.done + c.reviewed,
            c.total - c.skipped,
            c.started
        );
        svg.rect((0.0, y + 15.0), (finished, 12.0), "bar-done", Some(&tip));
        svg.rect(
            (finished, y + 15.0),
            (started, 12.0),
            "bar-started",
            Some(&tip),
        );
        svg.text((WIDTH, y + 25.0), Anchor::End, &format!("{}%", s.percent));
    }
    svg.finish()
}

/// One bar a section with study time, as long as its share of the longest.
pub fn time_bars(sections: &[SectionProgress]) -> String {
    let studied: Vec<&SectionProgress> = sections
        .iter()
        .filter(|s| s.counts.time_spent_s > 0)
        .collect();
    let row = 34.0;
    let bar_w = WIDTH - 80.0;
    let longest = studied
        .iter()
        .map(|s| s.counts.time_spent_s)
        .max()
        .unwrap_or(1);
    let mut svg = Svg::new(
        WIDTH,
        rows_height(studied.len().max(1), row),
        "Time per section",
    );
    if studied.is_empty() {
        svg.text((0.0, 20.0), Anchor::Start, "No study time recorded yet.");
    }
    for (i, s) in studied.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let spent = s.counts.time_spent_s;
        svg.text((0.0, y + 10.0), Anchor::Start, &label(s));
        let w = spent as f64 / longest as f64 * bar_w;
        svg.rect(
            (0.0, y + 15.0),
            (w, 12.0),
            "bar-time",
            Some(&format_duration(spent)),
        );
        svg.text((WIDTH, y + 25.0), Anchor::End, &format_duration(spent));
    }
    svg.finish()
}

fn rows_height(rows: usize, row: f64) -> f64 {
    rows.max(1) as f64 * row + 8.0
}

/// A section's name, with its list's in front when several lists are shown.
fn label(s: &SectionProgress) -> String {
    let section = match s.section.is_empty() {
        true => "(no section)".to_string(),
        false => section_label(&s.section),
    };
    match &s.list {
        Some(list) => format!("{list}: {section}"),
        None => section,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Counts;

    fn section(name: &str, done: u64, started: u64, total: u64, time: u64) -> SectionProgress {
        let counts = Counts {
            total,
            done,
            started,
            todo: total - done - started,
            time_spent_s: time,
            ..Counts::default()
        };
        SectionProgress {
            list: None,
            section: vec![name.into()],
            percent: counts.percent(),
            counts,
        }
    }

    #[test]
    fn the_cumulative_line_climbs_to_what_is_finished_under_the_total() {
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        let svg = cumulative(
            &[(day("2026-11-01"), 2), (day("2026-11-20"), 3)],
            19,
            day("2026-11-28"),
        );
        assert!(svg.contains(">5 of 19 finished</text>"), "{svg}");
        assert!(svg.contains(">2026-10-29</text>") && svg.contains(">2026-11-28</text>"));
        assert!(svg.contains(r#"class="curve""#) && svg.contains(r#"class="goal""#));
        let empty = cumulative(&[], 0, day("2026-11-28"));
        assert!(empty.contains(">0 of 0 finished</text>"));
    }

    #[test]
    fn bars_show_each_section_with_its_share() {
        let sections = [
            section("Papers", 2, 1, 4, 5400),
            section("<Videos>", 0, 0, 3, 0),
        ];
        let svg = progress_bars(&sections);
        assert_eq!(svg.matches(r#"class="bar-todo""#).count(), 2);
        assert!(svg.contains(">50%</text>") && svg.contains(">0%</text>"));
        assert!(svg.contains("&lt;Videos&gt;"));
        let time = time_bars(&sections);
        assert_eq!(time.matches(r#"class="bar-time""#).count(), 1);
        assert!(time.contains(">1h 30m</text>") && !time.contains("Videos"));
        assert!(time_bars(&sections[1..]).contains("No study time recorded yet."));
    }
}
