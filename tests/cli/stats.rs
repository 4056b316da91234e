//! `mlpath stats`: streaks, weeks, the heatmap, pace, ETA and goal from a history recorded with
//! `--at` under the fixed clock (Saturday 2026-11-28 09:00 UTC).

use crate::support::TestEnv;
use serde_json::{Value, json};

/// A history with a four-day run (9–12 November) and the current three-day streak (26–28),
/// four finishes in the last four weeks (one more in October), a review, notes and sessions.
fn history() -> TestEnv {
    let env = TestEnv::new();
    let runs: [&[&str]; 11] = [
        &["done", "flexgen", "--at", "2026-10-15 10:00"],
        &[
            "done",
            "deep-learning-with-pytorch",
            "--at",
            "2026-11-02 10:00",
        ],
        &["note", "orca", "first pass", "--at", "2026-11-09 10:00"],
        &["done", "neural-network", "--at", "2026-11-10 20:00"],
        &["note", "orca", "second pass", "--at", "2026-11-11 07:00"],
        &["note", "orca", "third pass", "--at", "2026-11-12 07:00"],
        &[
            "start",
            "gradient-descent",
            "--spent",
            "45m",
            "--at",
            "2026-11-26 08:00",
        ],
        &[
            "done",
            "gradient-descent",
            "--spent",
            "1h30m",
            "--at",
            "2026-11-26 21:00",
        ],
        &["review", "flexgen", "--at", "2026-11-27 12:00"],
        &["done", "convolution", "--at", "2026-11-27 13:00"],
        &["note", "orca", "today's note"],
    ];
    for args in runs {
        env.ok(args);
    }
    env
}

#[test]
fn streaks_weeks_and_pace_come_from_the_history() {
    let env = history();
    let s = env.json(&["stats"]);
    assert_eq!(s["streak_current"], 3, "26, 27 and today");
    assert_eq!(s["streak_longest"], 4, "9 to 12 November");
    let weeks = s["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 8);
    assert_eq!(weeks[0]["week_start"], "2026-10-05");
    assert_eq!(
        weeks[7],
        json!({"week_start": "2026-11-23", "done": 2, "reviews": 1, "time_spent_s": 8100}),
        "this week: gradient-descent and convolution done, flexgen reviewed, 45m + 1h30m"
    );
    assert_eq!(weeks[6]["done"], 0);
    assert_eq!(
        weeks[5]["done"], 1,
        "neural-network, in the week of 9 November"
    );
    assert_eq!(weeks[1]["done"], 1, "flexgen, 15 October");
    // 2 November to today: four finishes (flexgen's in October is too old).
    assert_eq!(s["pace_per_week"], 1.0);
    assert_eq!(s["left"], 14);
    assert_eq!(s["eta"], "2027-03-06", "14 weeks from today");
    let days = s["days"].as_array().unwrap();
    assert_eq!(days.len(), 25 * 7 + 6);
    assert_eq!(days[0]["date"], "2026-06-01");
    assert_eq!(
        days.last().unwrap(),
        &json!({"date": "2026-11-28", "events": 1, "time_spent_s": 0})
    );
    let nov26 = days.iter().find(|d| d["date"] == "2026-11-26").unwrap();
    // start, its 45m session, done and its 1h30m session.
    assert_eq!(
        nov26,
        &json!({"date": "2026-11-26", "events": 4, "time_spent_s": 8100})
    );
    assert_eq!(s["goal"], Value::Null);
}

#[test]
fn the_report_fits_100_columns() {
    let env = history();
    insta::assert_snapshot!("stats", env.ok(&["stats"]));
}

#[test]
fn json_has_the_documented_fields() {
    let env = history();
    env.ok(&["config", "goal.date", "2027-03-01"]);
    insta::assert_snapshot!("stats_json", env.ok(&["stats", "--json", "--weeks", "2"]));
}

#[test]
fn every_section_with_items_left_gets_an_eta() {
    let env = history();
    let s = env.json(&["stats"]);
    let sections = s["sections"].as_array().unwrap();
    assert_eq!(
        sections[0],
        json!({"section": ["Videos", "General"], "left": 2, "eta": "2026-12-12"}),
        "the tutorial is done: Videos / General comes first"
    );
    assert!(
        sections.iter().all(|s| s["left"].as_u64().unwrap() > 0),
        "{sections:?}"
    );
    let total: u64 = sections.iter().map(|s| s["left"].as_u64().unwrap()).sum();
    assert_eq!(total, 14);
    let out = env.ok(&["stats"]);
    assert!(
        out.contains("  Videos / General: 2 left, ~2 weeks, around 2026-12-12\n"),
        "{out}"
    );
    assert!(
        out.contains("ETA: 14 left, ~14 weeks, around 2027-03-06\n"),
        "{out}"
    );
}

#[test]
fn boxes_ticked_in_a_list_file_give_no_pace() {
    let env = TestEnv::new();
    let list = env.write(
        "mine.md",
        "# Mine\n- [x] [One](https://one.org)\n- [x] [Two](https://two.org)\n- [ ] [Three](https://three.org)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    let s = env.json(&["stats"]);
    assert_eq!(s["pace_per_week"], 0.0);
    assert_eq!(s["eta"], Value::Null);
    assert_eq!(s["left"], 1);
    assert_eq!(s["streak_current"], 0, "ticking a box is not study");
    let out = env.ok(&["stats"]);
    assert!(out.starts_with("No study recorded yet"), "{out}");
    assert!(
        out.contains("ETA: 1 left, none yet: nothing was finished in the last 4 weeks"),
        "{out}"
    );
    env.ok(&["done", "three"]);
    let s = env.json(&["stats"]);
    assert_eq!(
        s["pace_per_week"], 0.25,
        "the one typed done, over four weeks"
    );
    assert_eq!(s["left"], 0);
    assert!(
        env.ok(&["stats"])
            .contains("Nothing left: every item is done or skipped.")
    );
}

#[test]
fn a_new_database_says_how_to_begin_rather_than_show_zeros() {
    let env = TestEnv::new();
    let out = env.ok(&["stats"]);
    assert!(
        out.starts_with("No study recorded yet: `mlpath start ITEM`"),
        "{out}"
    );
    assert!(!out.contains("Streak") && !out.contains("Mon"), "{out}");
    assert!(out.contains("ETA: 19 left, none yet"), "{out}");
    let s = env.json(&["stats"]);
    assert_eq!(
        (s["streak_current"].clone(), s["eta"].clone()),
        (json!(0), Value::Null)
    );
    assert!(
        s["days"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["events"] == 0)
    );
}

#[test]
fn a_goal_says_the_pace_needed_and_whether_it_is_kept() {
    let env = history();
    // 14 left in 14 weeks needs 1 a week: the pace of the last four weeks.
    env.ok(&["config", "goal.date", "2027-03-06"]);
    let goal = env.json(&["stats"])["goal"].clone();
    assert_eq!(
        goal,
        json!({"date": "2027-03-06", "days_left": 98, "pace_needed": 1.0, "on_track": true,
               "behind": 0})
    );
    assert!(
        env.ok(&["stats"]).contains(
            "Goal 2027-03-06 (in 14 weeks): 14 left needs 1 a week; on track at 1 a week\n"
        )
    );
    // In 7 weeks: 2 a week needed; at 1 a week 7 items would be left.
    env.ok(&["config", "goal.date", "2027-01-16"]);
    let out = env.ok(&["stats"]);
    assert!(
        out.contains("Goal 2027-01-16 (in 7 weeks): 14 left needs 2 a week; at 1 a week you are 7 items behind\n"),
        "{out}"
    );
    // A goal date before today is refused; one set earlier, when it lay ahead, has passed.
    let err = env.fails(&["config", "goal.date", "2026-11-01"], 2);
    assert!(
        err.contains("2026-11-01 is already past (today is 2026-11-28)"),
        "{err}"
    );
    env.at("2026-10-15T09:00:00Z")
        .ok(&["config", "goal.date", "2026-11-01"]);
    assert!(
        env.ok(&["stats"])
            .contains("Goal 2026-11-01: passed with 14 left")
    );
    // The goal's own day is not passed: today counts as one day left.
    env.ok(&["config", "goal.date", "2026-11-28"]);
    let out = env.ok(&["stats"]);
    assert!(
        out.contains("Goal 2026-11-28 (today): 14 left to finish today; at 1 a week you are 14 items behind\n"),
        "{out}"
    );
    assert_eq!(
        env.json(&["stats"])["goal"],
        json!({"date": "2026-11-28", "days_left": 0, "pace_needed": 98.0, "on_track": false,
               "behind": 14})
    );
    env.ok(&["config", "goal.date", "none"]);
    assert_eq!(env.json(&["stats"])["goal"], Value::Null);
    let err = env.fails(&["config", "goal.date", "March"], 2);
    assert!(
        err.contains("'March' is not a date; give one as YYYY-MM-DD"),
        "{err}"
    );
}

#[test]
fn list_restricts_activity_pace_eta_and_goal_to_one_list() {
    let env = history();
    let list = env.write(
        "mine.md",
        "# Mine\n## Part\n- [One](https://one.org)\n- [Two](https://two.org)\n",
    );
    env.ok(&["import", list.to_str().unwrap(), "--name", "Mine"]);
    env.ok(&["done", "one", "--at", "2026-11-20 10:00"]);
    let mine = env.json(&["stats", "--list", "Mine"]);
    assert_eq!(mine["left"], 1);
    assert_eq!(mine["pace_per_week"], 0.25);
    assert_eq!(
        mine["streak_current"], 0,
        "the list's study was on the 20th"
    );
    assert_eq!(mine["streak_longest"], 1);
    assert_eq!(
        mine["sections"],
        json!([{"section": ["Part"], "left": 1, "eta": "2026-12-26"}])
    );
    let all = env.json(&["stats"]);
    assert_eq!(all["left"], 15);
    assert_eq!(all["pace_per_week"], 1.25);
    let err = env.fails(&["stats", "--list", "Nope"], 2);
    assert!(err.contains("no list is named 'Nope'"), "{err}");
}

#[test]
fn days_are_local_dates() {
    let env = TestEnv::new();
    // 19:00 UTC on the 27th is 00:30 on the 28th in India (UTC+5:30).
    env.ok(&["note", "orca", "late", "--at", "2026-11-27T19:00:00Z"]);
    env.ok(&["note", "orca", "early", "--at", "2026-11-27T10:00:00Z"]);
    let utc = env.json(&["stats"]);
    assert_eq!(
        (utc["streak_current"].clone(), utc["streak_longest"].clone()),
        (json!(1), json!(1))
    );
    let mut cmd = env.command(&["stats", "--json"]);
    cmd.env("TZ", "IST-5:30");
    let out = cmd.output().unwrap();
    let india: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(india["streak_current"], 2, "the 27th and the 28th there");
    let days = india["days"].as_array().unwrap();
    assert_eq!(days.last().unwrap()["date"], "2026-11-28");
    assert_eq!(days.last().unwrap()["events"], 1);
}

#[test]
fn a_narrow_terminal_gets_fewer_weeks_not_wrapped_lines() {
    let env = history();
    for columns in [60, 40, 30] {
        let out = env
            .command(&["stats"])
            .env("COLUMNS", columns.to_string())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(
                line.chars().count() <= columns,
                "{columns}: {line:?}\n{text}"
            );
        }
        for (i, _) in text.match_indices("around ") {
            let date = text[i + 7..].get(..10).unwrap_or_default();
            assert!(
                date.len() == 10 && !date.contains('\n'),
                "{columns}: a date cut by the wrap: {date:?}\n{text}"
            );
        }
        assert!(
            text.contains("\n2026-11-23 "),
            "week dates are whole: {text}"
        );
        let mon = text.lines().find(|l| l.starts_with("Mon ")).unwrap();
        let weeks = (mon.chars().count() + 1 - 4) / 2;
        let fit = match columns {
            60 => 26,
            40 => 18,
            _ => 13,
        };
        assert_eq!(weeks, fit, "{text}");
        if columns == 60 {
            insta::assert_snapshot!("stats_60_columns", text);
        }
    }
}

#[test]
fn weeks_is_a_count_of_weeks() {
    let env = history();
    assert_eq!(
        env.json(&["stats", "--weeks", "3"])["weeks"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    let long = env.json(&["stats", "--weeks", "60"]);
    assert_eq!(long["weeks"].as_array().unwrap().len(), 60);
    assert_eq!(
        long["days"].as_array().unwrap().len(),
        181,
        "the heatmap keeps 26 weeks"
    );
    let zero = env.run(&["stats", "--weeks", "0"]);
    assert_eq!(zero.code, 2);
    assert!(
        zero.stderr.contains("0 is not in 1..=520"),
        "{}",
        zero.stderr
    );
}

#[test]
fn correcting_or_withdrawing_a_note_adds_no_activity() {
    let env = TestEnv::new();
    env.ok(&["note", "orca", "first take"]);
    let events = |env: &TestEnv| -> u64 {
        let stats = env.json(&["stats"]);
        stats["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["events"].as_u64().unwrap())
            .sum()
    };
    assert_eq!(events(&env), 1);
    env.ok(&["note", "orca", "--edit", "second take"]);
    env.ok(&["note", "orca", "--rm"]);
    assert_eq!(events(&env), 1, "the note was written once");
}

#[test]
fn a_box_ticked_in_the_file_later_is_done_but_not_pace() {
    let env = TestEnv::new();
    let list = env.write(
        "mine.md",
        "# Mine\n## Part\n- [ ] [One](https://one.org)\n- [ ] [Two](https://two.org)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    env.write(
        "mine.md",
        "# Mine\n## Part\n- [x] [One](https://one.org)\n- [ ] [Two](https://two.org)\n",
    );
    // The next command reads the changed file (a refresh) and records the done.
    let s = env.json(&["stats"]);
    assert_eq!(env.json(&["status"])["done"], 1, "the refresh recorded it");
    assert_eq!(s["left"], 1);
    assert_eq!(s["pace_per_week"], 0.0);
    assert_eq!(s["streak_current"], 0);
}

#[test]
fn ticked_boxes_stay_out_after_an_export_and_a_restore() {
    let env = TestEnv::new();
    let list = env.write(
        "mine.md",
        "# Mine\n## Part\n- [x] [One](https://one.org)\n- [ ] [Two](https://two.org)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    env.ok(&["done", "two", "--at", "2026-11-27 10:00"]);
    let export = env.path("export.json");
    env.ok(&["export", "-o", export.to_str().unwrap()]);
    let restored = env.with_db(&env.path("restored.db"));
    restored.ok(&["restore", export.to_str().unwrap()]);
    let s = restored.json(&["stats"]);
    assert_eq!(restored.json(&["status"])["done"], 2);
    assert_eq!(s["pace_per_week"], 0.25, "the typed done only");
    let days: u64 = s["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["events"].as_u64().unwrap())
        .sum();
    assert_eq!(days, 1);
}

#[test]
fn colour_shades_the_heatmap_green() {
    let env = history();
    let mut cmd = env.command(&["stats"]);
    cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    let text = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    let thu = text.lines().find(|l| l.starts_with("Thu ")).unwrap();
    assert!(
        thu.contains("\u{1b}[38;5;40m█\u{1b}[0m"),
        "the busiest day: {thu:?}"
    );
    assert!(
        thu.contains("\u{1b}[38;5;240m·\u{1b}[0m"),
        "a day without study: {thu:?}"
    );
}

#[test]
fn a_heading_with_its_own_colon_gets_no_second_one() {
    let env = TestEnv::new();
    let list = env.write(
        "plan.md",
        "# Plan\n## Reading:\n- [One](https://one.org)\n- [Two](https://two.org)\n\
         ## Other\n- [Three](https://three.org)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    env.ok(&["done", "one"]);
    let out = env.ok(&["stats"]);
    assert!(out.contains("\n  Reading: 1 left, "), "{out}");
    assert!(!out.contains("::"), "{out}");
}
