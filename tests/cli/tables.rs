//! What people read: tables and text fitted to the width, colour, and the sanitizer.

use crate::reports::learner;
use crate::support::{TestEnv, fixture};
use unicode_width::UnicodeWidthStr;

/// Runs with `COLUMNS` set to `width`, or unset (stdout is a pipe here, never a terminal).
fn at_width(env: &TestEnv, width: Option<usize>, args: &[&str]) -> String {
    let mut cmd = env.command(args);
    match width {
        Some(w) => cmd.env("COLUMNS", w.to_string()),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd.output().expect("run mlpath");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Fails on the first line wider than `width` display columns.
fn assert_fits(text: &str, width: usize, what: &str) {
    for line in text.lines() {
        let columns = line.width();
        assert!(
            columns <= width,
            "{what} at {width} columns has a line {columns} wide: {line}"
        );
    }
}

/// The section labels `status --json` reports, as the table shows them.
fn section_labels(env: &TestEnv) -> Vec<String> {
    let status = env.json(&["status"]);
    let sections = status["sections"].as_array().expect("sections");
    assert!(!sections.is_empty());
    sections
        .iter()
        .map(|s| {
            let path: Vec<&str> = s["section"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            path.join(" / ")
        })
        .collect()
}

#[test]
fn every_report_fits_the_width_detail_lines_too() {
    let env = learner();
    for args in [
        &["list"][..],
        &["status"],
        &["log"],
        &["next", "-n", "12", "--explain"],
        &["show", "flexgen"],
    ] {
        for width in [40, 60, 100, 140] {
            assert_fits(&at_width(&env, Some(width), args), width, &args.join(" "));
        }
    }
}

#[test]
fn status_at_60_columns_keeps_every_section_name_whole() {
    let env = learner();
    let text = at_width(&env, Some(60), &["status"]);
    assert_fits(&text, 60, "status");
    let labels = section_labels(&env);
    assert!(
        labels.iter().any(|l| l.len() > 40),
        "a long section is tested"
    );
    for label in labels {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("{label}  "))),
            "{label} is not whole in\n{text}"
        );
    }
    // The least useful columns went; the percentage stayed.
    let header = text.lines().find(|l| l.starts_with("section")).unwrap();
    assert!(!header.contains("skipped") && !header.contains("reviewed"));
    assert!(header.ends_with('%'), "{header}");
}

#[test]
fn list_at_60_columns_drops_columns_before_cutting_titles_short() {
    let env = learner();
    let text = at_width(&env, Some(60), &["list"]);
    assert_fits(&text, 60, "list");
    let header = text.lines().next().unwrap();
    assert_eq!(
        header.split_whitespace().collect::<Vec<_>>(),
        ["slug", "title", "status"]
    );
    // Slugs are what people type: they stay whole.
    assert!(text.contains("history-of-speech-recognition  "), "{text}");
}

#[test]
fn chinese_titles_and_sections_count_two_columns_a_character() {
    let env = TestEnv::new();
    let list = fixture("mli__paper-reading__README.md");
    env.ok(&["import", list.to_str().unwrap()]);
    for width in [40, 60, 80, 120] {
        assert_fits(&at_width(&env, Some(width), &["list"]), width, "list");
        assert_fits(&at_width(&env, Some(width), &["status"]), width, "status");
        assert_fits(&at_width(&env, Some(width), &["next"]), width, "next");
    }
    let status = at_width(&env, Some(60), &["status"]);
    for label in section_labels(&env) {
        assert!(status.contains(&label), "{label} is not whole in\n{status}");
    }
}

#[test]
fn piped_output_without_columns_cuts_nothing() {
    let env = TestEnv::new();
    let title = "A very long title that goes on and on about attention, transformers, \
                 scaling laws, inference systems and everything else a reading list holds";
    let file = env.write(
        "l.md",
        &format!("# Papers\n- [{title}](https://example.org/long)\n"),
    );
    env.ok(&["import", file.to_str().unwrap()]);
    for args in [&["list"][..], &["next"], &["show", "1"]] {
        let text = at_width(&env, None, args);
        assert!(text.contains(title), "{args:?} cut the title:\n{text}");
        assert!(!text.contains('…'), "{args:?}:\n{text}");
    }
    // With COLUMNS set, the same pipe gets a fitted table.
    assert!(at_width(&env, Some(60), &["list"]).contains('…'));
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    let env = learner();
    let run = |set: &[(&str, &str)]| {
        let mut cmd = env.command(&["status"]);
        cmd.env_remove("NO_COLOR");
        for (k, v) in set {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[]).contains('\u{1b}'), "no escapes into a pipe");
    let forced = run(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\u{1b}[1m"), "bold header: {forced:?}");
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
}

#[test]
fn slugs_are_sanitized_wherever_they_are_printed() {
    let env = learner();
    env.ok(&["note", "orca", "so that undo names orca"]);
    // A slug as a crafted export could bring it: it would retitle the terminal.
    let evil = "orca\u{1b}]0;pwned\u{7}";
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE items SET slug = ?1 WHERE slug = 'orca'", [evil])
        .unwrap();
    conn.execute(
        "UPDATE items SET slug = ?1 WHERE slug = 'flexgen'",
        ["flex\u{1b}[31m"],
    )
    .unwrap();
    drop(conn);
    for args in [
        &["list"][..],
        &["log"],
        &["next"],
        &["show", "16"],
        &["undo"],
    ] {
        let text = env.ok(args);
        assert!(
            !text.contains('\u{1b}'),
            "{args:?} printed an escape: {text:?}"
        );
        assert!(!text.contains('\u{7}'), "{args:?} printed a bell: {text:?}");
    }
}

#[test]
fn a_note_on_several_lines_stays_on_one_line_in_log_and_undo() {
    let env = TestEnv::new();
    env.ok(&["note", "orca", "first line\nsecond line"]);
    let log = env.ok(&["log"]);
    assert!(log.contains("first line⏎second line"), "{log}");
    let undo = env.ok(&["undo"]);
    assert!(undo.contains("\"first line⏎second line\""), "{undo}");
    assert_eq!(undo.lines().count(), 1, "{undo}");
}

#[test]
fn n_zero_prints_nothing_and_huge_counts_mean_all() {
    let env = learner();
    assert_eq!(env.ok(&["next", "-n", "0"]), "");
    assert_eq!(env.ok(&["log", "-n", "0"]), "");
    assert_eq!(env.json(&["next", "-n", "0"]), serde_json::json!([]));
    assert_eq!(env.json(&["log", "-n", "0"]), serde_json::json!([]));
    let all = env.json(&["next", "-n", "18446744073709551615"]);
    assert_eq!(all.as_array().unwrap().len(), 15);
    let huge = env.json(&["log", "-n", "99999999999999999999999"]);
    assert_eq!(huge.as_array().unwrap().len(), 6);
    let err = env.run(&["next", "-n", "-1"]);
    assert_eq!(err.code, 2, "{}", err.stderr);
}

#[test]
fn show_prints_the_primary_url_once() {
    let env = TestEnv::new();
    let show = env.ok(&["show", "orca"]);
    let url = "https://www.usenix.org/system/files/osdi22-yu.pdf";
    assert_eq!(show.matches(url).count(), 1, "{show}");
    assert!(show.contains("review: reviews/orca.md"), "{show}");
}

#[test]
fn next_says_each_thing_once_and_aligns_items_ten_and_up() {
    let env = learner();
    let text = env.ok(&["next", "-n", "12"]);
    for (i, line) in text.lines().enumerate() {
        if i % 2 == 0 {
            // `  1. slug …` up to `12. slug …`: the slugs start in one column.
            assert_eq!(line.find(". "), Some(2), "{line}");
        } else {
            assert!(
                line.starts_with("    ") && !line.starts_with("     "),
                "{line:?}"
            );
            let parts: Vec<&str> = line.trim().split(" · ").collect();
            assert!(
                !parts[2..].iter().any(|p| p.contains(parts[1])),
                "the section is repeated: {line}"
            );
        }
    }
    let explained = env.json(&["next", "-n", "5", "--explain"]);
    for s in explained.as_array().unwrap() {
        for (name, value) in s["terms"].as_object().unwrap() {
            let v = value.as_f64().unwrap();
            assert_eq!(
                (v * 1000.0).round() / 1000.0,
                v,
                "{name} = {v} is not rounded"
            );
        }
    }
}

#[test]
fn the_status_headline_counts_what_the_table_counts() {
    let env = learner();
    let text = env.ok(&["status"]);
    let headline = text.lines().next().unwrap();
    let total_row = text.lines().find(|l| l.starts_with("total")).unwrap();
    let table_total = total_row.split_whitespace().nth(1).unwrap();
    assert!(
        headline.starts_with(&format!("3/{table_total} done")),
        "{headline} / {total_row}"
    );
    assert!(headline.contains("skipped"), "{headline}");
}

#[test]
fn lists_at_60_columns_cut_the_path_before_the_name() {
    let env = TestEnv::new();
    let folder = env.path("a-folder-whose-name-is-rather-long-for-a-narrow-terminal");
    std::fs::create_dir(&folder).unwrap();
    let list = folder.join("README.md");
    std::fs::write(
        &list,
        "# Most Cited Deep Learning Papers\n\n- [Alpa](https://arxiv.org/abs/2201.12023)\n",
    )
    .unwrap();
    env.ok(&["import", list.to_str().unwrap()]);
    let text = at_width(&env, Some(60), &["lists"]);
    assert_fits(&text, 60, "lists");
    let row = text.lines().nth(2).expect("a row");
    assert!(
        row.starts_with("Most Cited Deep"),
        "name cut too short: {row}"
    );
    assert!(row.contains("…"), "the long path is cut: {row}");
}

/// A section name as long as a sentence (lists have them: a paragraph read as a heading) is cut
/// at its front rather than take every count off the table.
#[test]
fn status_cuts_a_very_long_section_name_before_dropping_the_counts() {
    let env = TestEnv::new();
    let long =
        "Don't feel you aren't smart enough: the following videos may help you overcome this";
    let list = env.write(
        "long.md",
        &format!("# Plan\n## Short\n- [A](https://a.org)\n## {long}\n- [B](https://b.org)\n"),
    );
    env.ok(&["import", list.to_str().unwrap()]);
    let text = at_width(&env, Some(100), &["status"]);
    assert_fits(&text, 100, "status");
    let header = text.lines().find(|l| l.starts_with("section")).unwrap();
    for column in ["total", "todo", "done", "%"] {
        assert!(
            header.split_whitespace().any(|c| c == column),
            "{column}: {text}"
        );
    }
    assert!(
        text.contains("\nShort  "),
        "a short name stays whole: {text}"
    );
    let cut = text
        .lines()
        .find(|l| l.starts_with('…'))
        .expect("the long name, cut");
    assert!(
        cut.contains(" the following videos may help you overcome this  "),
        "its end stays: {text}"
    );
}

#[test]
fn marking_answers_cut_the_title_to_the_width_and_keep_it_whole_in_a_pipe() {
    let env = TestEnv::new();
    // The seed's Tabi title makes each answer 90-134 columns wide in full.
    let title = "Tabi: An Efficient Multi-Level Inference System for Large Language Models";
    for (args, width) in [
        (&["start", "tabi"][..], 60),
        (&["note", "tabi", "worth", "a", "look"], 60),
        (&["done", "tabi"], 60),
        (&["review", "tabi", "--rating", "easy"], 100),
    ] {
        let text = at_width(&env, Some(width), args);
        assert_fits(&text, width, &args.join(" "));
        assert!(text.starts_with("tabi: "), "{args:?}: {text}");
        env.ok(&["undo"]);
        assert!(
            at_width(&env, None, args).contains(title),
            "{args:?} in a pipe"
        );
        env.ok(&["undo"]);
    }
    // Where no title fits beside the next review, the answer keeps the facts and drops it.
    let done = at_width(&env, Some(60), &["done", "tabi"]);
    assert_eq!(
        done,
        "tabi: todo → done · next review 2026-12-01 (in 3 days)\n"
    );
    // --json keeps the whole title in its message.
    env.ok(&["undo"]);
    let json = env.json(&["done", "tabi"]);
    assert!(json[0]["message"].as_str().unwrap().ends_with(title));
}
