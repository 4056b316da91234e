//! `mlpath sync` through a plain folder: several databases end up with the same items,
//! statuses, times and notes; damaged, cut and repeated journals change nothing they should not.

use crate::support::TestEnv;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Devices, each its own database and home, sharing one journal folder.
pub struct Devices {
    pub devices: Vec<TestEnv>,
    pub shared: TempDir,
}

impl Devices {
    pub fn new(n: usize) -> Devices {
        Devices {
            devices: (0..n).map(|_| TestEnv::new()).collect(),
            shared: TempDir::new().unwrap(),
        }
    }

    pub fn dir(&self) -> PathBuf {
        self.shared.path().join("journals")
    }

    pub fn sync(&self, device: usize) -> String {
        let dir = self.dir();
        self.devices[device].ok(&["sync", dir.to_str().unwrap()])
    }

    /// Every device syncs, twice round, so that each has read everyone's journal.
    pub fn sync_all(&self) {
        for _ in 0..2 {
            for i in 0..self.devices.len() {
                self.sync(i);
            }
        }
    }

    /// Asserts that every device shows the same items and the same timelines.
    pub fn assert_converged(&self, slugs: &[&str]) -> Value {
        let first = view(&self.devices[0], slugs);
        for (i, device) in self.devices.iter().enumerate().skip(1) {
            let other = view(device, slugs);
            // Compared as text, line by line, so that a failure shows where they differ.
            let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap();
            let (ours, theirs) = (pretty(&first), pretty(&other));
            let diff: Vec<(&str, &str)> = ours
                .lines()
                .zip(theirs.lines())
                .filter(|(a, b)| a != b)
                .take(5)
                .collect();
            assert!(
                ours == theirs,
                "device {i} differs from device 0: {diff:#?}"
            );
        }
        first
    }
}

/// What a device shows: every item (removed ones too) and the timelines of `slugs`, without the
/// row ids that each database numbers its own way.
pub fn view(env: &TestEnv, slugs: &[&str]) -> Value {
    let mut items = env.json(&["list", "--all"]);
    let shows: Vec<Value> = slugs
        .iter()
        .map(|s| env.json(&["show", s, "--all"]))
        .collect();
    let mut all = serde_json::json!({"items": items.take(), "shows": shows});
    strip_ids(&mut all);
    all
}

fn strip_ids(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("id");
            map.values_mut().for_each(strip_ids);
        }
        Value::Array(values) => values.iter_mut().for_each(strip_ids),
        _ => {}
    }
}

fn journal_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}

fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn two_devices_converge_through_a_folder() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["start", "flexgen", "--at", "2026-11-27 10:00"]);
    a.ok(&["note", "orca", "iteration-level scheduling"]);
    a.ok(&[
        "done",
        "alpa",
        "--rating",
        "hard",
        "--at",
        "2026-11-26 08:00",
    ]);
    a.ok(&[
        "add",
        "My own paper",
        "--url",
        "https://example.com/mine",
        "--section",
        "Papers",
    ]);
    a.ok(&["start", "own-paper"]);
    b.ok(&[
        "done",
        "flexgen",
        "--at",
        "2026-11-28 08:00",
        "--spent",
        "1h",
    ]);
    b.ok(&["skip", "backpropagation-calculus"]);
    b.ok(&["add", "A video by hand", "--url", "https://video.example/v"]);
    let first = d.sync(0);
    assert!(first.contains("wrote 6 changes, received 0"), "{first}");
    let second = d.sync(1);
    assert!(
        second.contains("received 6 from 1 other device"),
        "{second}"
    );
    d.sync(0);
    let seen = d.assert_converged(&["flexgen", "orca", "alpa", "own-paper", "video-hand"]);
    let flexgen = &seen["shows"][0];
    assert_eq!(flexgen["status"], "done");
    assert_eq!(flexgen["started_at"], "2026-11-27T10:00:00Z");
    // A's session, cut at session.max (4h) when A started another item, and B's hour.
    assert_eq!(flexgen["time_spent_s"], 4 * 3600 + 3600);
    assert_eq!(
        seen["shows"][1]["events"][0]["note"],
        "iteration-level scheduling"
    );
    assert_eq!(seen["shows"][3]["status"], "started");
    assert_eq!(seen["shows"][3]["manual"], true);
    let video = &seen["shows"][4];
    assert_eq!(video["url"], "https://video.example/v");
    assert_eq!(video["manual"], true);
}

#[test]
fn syncing_again_changes_nothing() {
    let d = Devices::new(2);
    d.devices[0].ok(&["done", "flexgen"]);
    d.devices[1].ok(&["start", "alpa"]);
    d.sync_all();
    let journals: Vec<String> = journal_files(&d.dir())
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let before = d.assert_converged(&["flexgen", "alpa"]);
    for i in 0..2 {
        let out = d.sync(i);
        assert!(out.contains("wrote 0 changes, received 0"), "{out}");
    }
    let after: Vec<String> = journal_files(&d.dir())
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    assert_eq!(journals, after, "the journals are not written again");
    assert_eq!(before, d.assert_converged(&["flexgen", "alpa"]));
}

#[test]
fn three_devices_converge_with_undo_and_concurrent_changes_to_one_item() {
    let d = Devices::new(3);
    let [a, b, c] = [&d.devices[0], &d.devices[1], &d.devices[2]];
    // The same item, changed on every device before any sync.
    a.ok(&["start", "flexgen", "--at", "2026-11-27 09:00"]);
    b.ok(&[
        "done",
        "flexgen",
        "--at",
        "2026-11-27 12:00",
        "--rating",
        "easy",
    ]);
    c.ok(&["start", "flexgen", "--at", "2026-11-26 09:00"]);
    c.ok(&["note", "flexgen", "from the third device"]);
    c.ok(&["reset", "flexgen", "--at", "2026-11-27 10:00"]);
    a.ok(&["review", "orca", "--rating", "good"]);
    d.sync_all();
    let seen = d.assert_converged(&["flexgen", "orca"]);
    assert_eq!(
        seen["shows"][0]["status"], "done",
        "the reset at 10:00 comes before the done at 12:00, on every device"
    );
    assert_eq!(
        seen["shows"][0]["started_at"],
        Value::Null,
        "the reset cleared it"
    );
    // An undo on A cancels A's own review everywhere; B's undo reverts B's done, never A's.
    a.ok(&["undo"]);
    let out = b.ok(&["undo"]);
    assert!(out.contains("undid done of flexgen"), "{out}");
    d.sync_all();
    let seen = d.assert_converged(&["flexgen", "orca"]);
    assert_eq!(
        seen["shows"][1]["status"], "todo",
        "orca's review was undone on A"
    );
    assert_eq!(
        seen["shows"][0]["status"], "todo",
        "the reset is the last stage left"
    );
    assert_eq!(seen["shows"][0]["note_count"], 1);
    // C's undo reverts C's own last command, the reset.
    let out = c.ok(&["undo"]);
    assert!(out.contains("undid reset of flexgen"), "{out}");
    d.sync_all();
    let seen = d.assert_converged(&["flexgen", "orca"]);
    assert_eq!(seen["shows"][0]["status"], "started");
    assert_eq!(seen["shows"][0]["started_at"], "2026-11-27T09:00:00Z");
}

#[test]
fn hand_added_items_travel_with_their_edits_and_removal() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&[
        "add",
        "Scaling laws",
        "--url",
        "https://arxiv.org/abs/2001.08361",
    ]);
    a.ok(&["add", "Notes without a link", "--section", "Mine"]);
    d.sync_all();
    b.ok(&[
        "edit",
        "scaling-laws",
        "--title",
        "Scaling Laws for Neural LMs",
    ]);
    b.ok(&["done", "notes-without-link"]);
    a.at("2026-11-28T10:00:00Z")
        .ok(&["rm", "notes-without-link"]);
    d.sync_all();
    let seen = d.assert_converged(&["scaling-laws", "notes-without-link"]);
    assert_eq!(seen["shows"][0]["title"], "Scaling Laws for Neural LMs");
    assert_eq!(seen["shows"][1]["removed"], true);
    assert_eq!(seen["shows"][1]["status"], "done");
    // Concurrent edits of one item: the later one wins on both devices.
    a.at("2026-11-28T11:00:00Z")
        .ok(&["edit", "scaling-laws", "--title", "Later title"]);
    b.at("2026-11-28T10:30:00Z")
        .ok(&["edit", "scaling-laws", "--title", "Earlier title"]);
    d.sync_all();
    let seen = d.assert_converged(&["scaling-laws"]);
    assert_eq!(seen["shows"][0]["title"], "Later title");
}

#[test]
fn a_damaged_line_is_named_skipped_and_read_again_next_time() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["start", "flexgen"]);
    a.ok(&["start", "orca"]);
    a.ok(&["start", "alpa"]);
    d.sync(0);
    let path = journal_files(&d.dir()).remove(0);
    let lines = lines_of(&path);
    assert_eq!(lines.len(), 3);
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    let damaged = format!("{}\n{{\"id\": \"cut\u{1b}[31m\n{}\n", lines[0], lines[2]);
    std::fs::write(&path, &damaged).unwrap();
    let out = b.run(&["sync", d.dir().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("{name}: line 2 skipped (it is not JSON"))
            && out.stderr.contains("read again next time"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains('\u{1b}'),
        "the line's text is never printed raw"
    );
    assert_eq!(b.json(&["show", "flexgen"])["status"], "started");
    assert_eq!(
        b.json(&["show", "alpa"])["status"],
        "started",
        "lines after it are read"
    );
    let again = b.run(&["sync"]);
    assert!(
        again.stderr.contains("line 2 skipped"),
        "read again: {}",
        again.stderr
    );
    // Repaired (the sync tool delivered the whole line): it is taken, nothing is doubled.
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let fixed = b.run(&["sync"]);
    assert!(fixed.stderr.is_empty(), "{}", fixed.stderr);
    assert!(fixed.stdout.contains("received 1 from"), "{}", fixed.stdout);
    d.assert_converged(&["flexgen", "orca", "alpa"]);
}

#[test]
fn a_journal_cut_mid_line_is_read_up_to_its_last_whole_line() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["start", "flexgen"]);
    a.ok(&[
        "note",
        "flexgen",
        "a long note that a sync tool delivers in two halves",
    ]);
    d.sync(0);
    let path = journal_files(&d.dir()).remove(0);
    let whole = std::fs::read_to_string(&path).unwrap();
    let cut = &whole[..whole.len() - 30];
    std::fs::write(&path, cut).unwrap();
    let out = b.run(&["sync", d.dir().to_str().unwrap()]);
    assert!(
        !out.stderr.contains("skipped"),
        "a line being delivered is not damage: {}",
        out.stderr
    );
    assert!(out.stdout.contains("received 1 from"), "{}", out.stdout);
    std::fs::write(&path, &whole).unwrap();
    assert!(b.ok(&["sync"]).contains("received 1 from"));
    d.assert_converged(&["flexgen"]);
}

#[test]
fn a_sync_killed_after_writing_its_journal_neither_loses_nor_doubles() {
    let d = Devices::new(2);
    let a = &d.devices[0];
    a.ok(&["done", "flexgen"]);
    d.sync(0);
    a.ok(&["start", "orca"]);
    a.ok(&["note", "orca", "second"]);
    // The database as it was before the next sync: as if that sync were killed after
    // appending its lines but before remembering that it had.
    let before = a.path("before.db");
    a.ok(&["backup", before.to_str().unwrap()]);
    d.sync(0);
    let path = journal_files(&d.dir()).remove(0);
    let written = lines_of(&path);
    assert_eq!(written.len(), 3);
    std::fs::copy(&before, &a.db).unwrap();
    let _ = std::fs::remove_file(a.db.with_extension("db-wal"));
    let out = d.sync(0);
    assert!(out.contains("wrote 0 changes"), "{out}");
    assert_eq!(lines_of(&path), written, "nothing written twice");
    // A crash in the middle of an append leaves half a line: the next sync drops it and
    // writes the line whole.
    a.ok(&["start", "alpa"]);
    let before = a.path("before-2.db");
    a.ok(&["backup", before.to_str().unwrap()]);
    d.sync(0);
    let full = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &full[..full.len() - 20]).unwrap();
    std::fs::copy(&before, &a.db).unwrap();
    let _ = std::fs::remove_file(a.db.with_extension("db-wal"));
    let out = d.sync(0);
    assert!(out.contains("wrote 1 change,"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), full);
    d.sync(1);
    d.assert_converged(&["flexgen", "orca", "alpa"]);
}

#[test]
fn a_read_position_past_the_end_of_a_journal_reads_it_again_without_doubling() {
    let d = Devices::new(2);
    d.devices[0].ok(&["done", "flexgen"]);
    d.devices[0].ok(&["start", "orca"]);
    d.sync_all();
    // The folder restored from an older copy: A's journal is shorter than B read it to.
    let path = journal_files(&d.dir()).remove(0);
    let lines = lines_of(&path);
    std::fs::write(&path, format!("{}\n", lines[0])).unwrap();
    let out = d.sync(1);
    assert!(out.contains("received 0"), "{out}");
    // A notices its journal lost a line and writes it again.
    let out = d.sync(0);
    assert!(out.contains("wrote 1 change"), "{out}");
    assert_eq!(lines_of(&path).len(), 2);
    d.sync_all();
    d.assert_converged(&["flexgen", "orca"]);
}

#[test]
fn a_copied_database_is_refused_until_it_is_made_a_device_of_its_own() {
    let d = Devices::new(1);
    let a = &d.devices[0];
    a.ok(&["done", "flexgen"]);
    d.sync(0);
    let copy_path = a.path("copy.db");
    a.ok(&["backup", copy_path.to_str().unwrap()]);
    let copy = a.with_db(&copy_path);
    a.ok(&["start", "orca"]);
    d.sync(0);
    copy.ok(&["start", "alpa"]);
    let dir = d.dir();
    let err = copy.fails(&["sync", dir.to_str().unwrap()], 1);
    assert!(
        err.contains("line(s) this database did not write") && err.contains("--new-device"),
        "{err}"
    );
    let out = copy.ok(&["sync", "--new-device"]);
    assert!(
        out.contains("wrote 1 change"),
        "only the copy's own start: {out}"
    );
    d.sync(0);
    copy.ok(&["sync"]);
    let original = view(a, &["flexgen", "orca", "alpa"]);
    assert_eq!(original, view(&copy, &["flexgen", "orca", "alpa"]));
    assert_eq!(journal_files(&dir).len(), 2);
}

#[test]
fn with_sync_notes_off_notes_stay_on_this_device() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["config", "sync.notes", "off"]);
    a.ok(&["note", "flexgen", "private thought"]);
    a.ok(&["start", "flexgen", "-m", "also private"]);
    d.sync_all();
    let text = std::fs::read_to_string(journal_files(&d.dir()).remove(0)).unwrap();
    assert!(!text.contains("private"), "{text}");
    let shown = b.json(&["show", "flexgen"]);
    assert_eq!(shown["status"], "started");
    assert_eq!(shown["note_count"], 0);
}

#[test]
fn sync_auto_appends_after_each_change_without_running_sync() {
    let d = Devices::new(2);
    let a = &d.devices[0];
    d.sync(0);
    a.ok(&["config", "sync.auto", "on"]);
    a.ok(&["done", "flexgen"]);
    let path = journal_files(&d.dir()).remove(0);
    assert_eq!(lines_of(&path).len(), 1);
    assert!(lines_of(&path)[0].contains("\"kind\":\"done\""));
    a.ok(&["list"]);
    assert_eq!(lines_of(&path).len(), 1, "a read writes nothing");
    let out = d.sync(1);
    assert!(out.contains("received 1 from"), "{out}");
}

#[test]
fn sync_needs_a_folder_the_first_time_and_remembers_it() {
    let env = TestEnv::new();
    let err = env.fails(&["sync"], 2);
    assert!(err.contains("no sync folder yet"), "{err}");
    let dir = env.path("shared/journals");
    env.ok(&["sync", dir.to_str().unwrap()]);
    assert_eq!(
        env.ok(&["config", "sync.dir"]).trim(),
        dir.to_str().unwrap()
    );
    let answer = env.json(&["sync"]);
    assert_eq!(answer["dir"], dir.to_str().unwrap());
    assert_eq!(answer["git"], Value::Null);
}

#[test]
fn note_corrections_and_removals_travel_and_their_undo_too() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["add", "Mine", "--url", "https://example.com/mine"]);
    a.ok(&["note", "mine", "first thought"]);
    a.ok(&["note", "orca", "to withdraw"]);
    d.sync_all();
    a.ok(&["note", "mine", "--edit", "second thought"]);
    a.ok(&["note", "orca", "--rm"]);
    b.ok(&["rm", "mine"]);
    d.sync_all();
    let seen = d.assert_converged(&["mine", "orca"]);
    let mine = &seen["shows"][0];
    assert_eq!(mine["removed"], true);
    assert_eq!(mine["note_count"], 1);
    let notes: Vec<&Value> = mine["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "note")
        .collect();
    assert_eq!(notes.len(), 1, "{mine}");
    assert_eq!(notes[0]["note"], "second thought");
    assert_eq!(
        seen["shows"][1]["note_count"], 0,
        "the withdrawal travelled"
    );
    b.ok(&["undo"]);
    a.ok(&["undo"]);
    d.sync_all();
    let seen = d.assert_converged(&["mine", "orca"]);
    assert_eq!(
        seen["shows"][0]["removed"], false,
        "B's undo of rm shows it everywhere"
    );
    assert_eq!(
        seen["shows"][1]["note_count"], 1,
        "A's undo of the withdrawal too"
    );
}

#[test]
fn events_for_an_item_this_device_lacks_are_kept_until_it_has_it() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    let list = "# Mine\n- [Only here](https://example.org/only-here)\n";
    let mine = a.write("mine.md", list);
    a.ok(&["import", mine.to_str().unwrap()]);
    a.ok(&["done", "only-here", "--rating", "good"]);
    d.sync(0);
    let out = d.sync(1);
    assert!(
        out.contains("1 line kept for items this device does not have"),
        "{out}"
    );
    let mine = b.write("mine.md", list);
    b.ok(&["import", mine.to_str().unwrap()]);
    let out = d.sync(1);
    assert!(out.contains("received 1 from"), "{out}");
    assert!(!out.contains("kept"), "{out}");
    assert_eq!(view(a, &["only-here"]), view(b, &["only-here"]));
}

#[test]
fn a_list_item_whose_url_changed_is_still_found_by_its_old_key() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    let old = "# Mine\n- [Same title](https://example.org/old)\n";
    let list_a = a.write("mine.md", old);
    let list_b = b.write("mine.md", old);
    a.ok(&["import", list_a.to_str().unwrap()]);
    b.ok(&["import", list_b.to_str().unwrap()]);
    a.ok(&["start", "same-title", "--at", "2026-11-27 09:00"]);
    d.sync_all();
    // A's copy of the list gets the new URL first: A's next events use the new key.
    std::fs::write(&list_a, "# Mine\n- [Same title](https://example.org/new)\n").unwrap();
    a.ok(&["note", "same-title", "after the move"]);
    let text = d.sync(0);
    assert!(
        text.contains("wrote 2 changes"),
        "the key change and the note: {text}"
    );
    d.sync(1);
    let shown = b.json(&["show", "same-title"]);
    assert_eq!(
        shown["url"], "https://example.org/old",
        "B's list is unchanged"
    );
    assert_eq!(
        shown["note_count"], 1,
        "the note found the item by its old key"
    );
    assert_eq!(shown["status"], "started");
}

#[test]
fn a_restored_export_keeps_event_ids_so_syncing_it_doubles_nothing() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["note", "orca", "only once"]);
    a.ok(&["review", "flexgen", "--rating", "good"]);
    d.sync_all();
    let export = a.path("export.json");
    a.ok(&["export", "-o", export.to_str().unwrap()]);
    // A new machine restores the export and joins the folder as a third device.
    let new_machine = a.with_db(&a.path("new.db"));
    new_machine.ok(&["restore", export.to_str().unwrap()]);
    new_machine.ok(&["sync", d.dir().to_str().unwrap()]);
    d.sync_all();
    new_machine.ok(&["sync"]);
    for env in [a, b, &new_machine] {
        let orca = env.json(&["show", "orca"]);
        assert_eq!(orca["note_count"], 1, "{orca}");
        assert_eq!(env.json(&["show", "flexgen"])["review_count"], 1);
    }
    assert_eq!(
        view(a, &["orca", "flexgen"]),
        view(&new_machine, &["orca", "flexgen"])
    );
}

#[test]
fn syncs_of_one_database_at_once_write_each_line_once() {
    let d = Devices::new(1);
    let a = &d.devices[0];
    for slug in ["flexgen", "orca", "alpa", "tabi", "olive"] {
        a.ok(&["start", slug]);
        a.ok(&["note", slug, "a note"]);
    }
    let dir = d.dir();
    let children: Vec<std::process::Child> = (0..4)
        .map(|_| a.process(&["sync", dir.to_str().unwrap()]).spawn().unwrap())
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let lines = lines_of(&journal_files(&dir).remove(0));
    let ids: std::collections::BTreeSet<String> = lines
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(lines.len(), 10, "{lines:#?}");
    assert_eq!(ids.len(), 10);
}

#[test]
fn a_journaled_done_replaces_the_done_of_a_box_ticked_on_the_other_device() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    let list_a = a.write(
        "mine.md",
        "# Mine\n- [ ] [A paper](https://example.org/p)\n",
    );
    let list_b = b.write(
        "mine.md",
        "# Mine\n- [x] [A paper](https://example.org/p)\n",
    );
    a.ok(&["import", list_a.to_str().unwrap()]);
    // B's copy has the box ticked (by A's write-back, delivered before A's journal): a done
    // dated when B read it, which no journal carries.
    b.ok(&["import", list_b.to_str().unwrap()]);
    assert_eq!(b.json(&["show", "paper"])["status"], "done");
    a.ok(&[
        "done",
        "paper",
        "--at",
        "2026-11-27 08:00",
        "--rating",
        "hard",
    ]);
    d.sync_all();
    let seen = d.assert_converged(&["paper"]);
    assert_eq!(seen["shows"][0]["done_at"], "2026-11-27T08:00:00Z");
    assert_eq!(seen["shows"][0]["events"].as_array().unwrap().len(), 1);
}
