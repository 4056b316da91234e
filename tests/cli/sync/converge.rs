//! Devices that sync through a plain folder converge: statuses, notes, sessions, hand-added
//! items, undo, concurrent changes; what is and is not journaled.

use super::{Devices, journal_files, lines_of, view};
use crate::support::TestEnv;
use serde_json::Value;

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
    // A write would be checkpointed into the file when the process ends: a new mtime.
    let databases = || -> Vec<std::time::SystemTime> {
        d.devices
            .iter()
            .map(|env| std::fs::metadata(&env.db).unwrap().modified().unwrap())
            .collect()
    };
    let stored = databases();
    for i in 0..2 {
        let out = d.sync(i);
        assert!(out.contains("wrote 0 changes, received 0"), "{out}");
    }
    assert!(
        stored == databases(),
        "a sync with nothing new writes no database"
    );
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
    // A file given by mistake: said plainly, and the folder recorded stays.
    let file = env.write("notes.md", "# notes\n");
    let err = env.fails(&["sync", file.to_str().unwrap()], 2);
    assert!(err.contains("notes.md is a file, not a folder"), "{err}");
    assert_eq!(
        env.ok(&["config", "sync.dir"]).trim(),
        dir.to_str().unwrap()
    );
}

/// What one device accepts from its user, the others accept from its journal: a long note or
/// title, a long venue, an address that is not a web address (which travels without it, as
/// received URLs are only web ones). None of it is refused as damaged on every sync.
#[test]
fn what_a_device_records_is_taken_by_the_others_however_long_or_odd() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    let long = format!("{}end", "many words ".repeat(11_000));
    a.ok(&["note", "flexgen", &long]);
    a.ok(&["add", &format!("Long {long}"), "--venue", &long]);
    a.ok(&[
        "add",
        "On a file server",
        "--url",
        "ftp://files.example.org/p.pdf",
    ]);
    d.sync(0);
    let out = b.run(&["sync", d.dir().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("received 3 from"), "{}", out.stdout);
    let warnings: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.contains("new database"))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
    // Compared by length first: a failure would print 120 kB otherwise.
    let same = |got: &Value| got.as_str().map(str::len) == Some(long.len()) && got == &long;
    let shown = b.json(&["show", "flexgen"]);
    assert!(
        same(&shown["events"][0]["note"]),
        "the long note arrived whole"
    );
    let file_server = b.json(&["show", "file-server"]);
    assert_eq!(file_server["url"], Value::Null, "only web addresses travel");
    assert!(
        same(&b.json(&["show", "long-many-words"])["venue"]),
        "the venue arrived whole"
    );
}

/// The commands the other tests leave out travel too: a session closed by `stop`, a suspended
/// review schedule, `redo`, and `relink` with its undo, on two devices that follow one list.
#[test]
fn sessions_suspend_redo_and_relink_travel() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    let rest = "- [Other](https://example.org/other)\n- [Third](https://example.org/third)\n";
    let before = format!("# Mine\n- [Old name](https://example.org/old)\n{rest}");
    let after = format!("# Mine\n- [New name](https://example.org/new)\n{rest}");
    let list_a = a.write("mine.md", &before);
    let list_b = b.write("mine.md", &before);
    a.ok(&["import", list_a.to_str().unwrap()]);
    b.ok(&["import", list_b.to_str().unwrap()]);
    a.ok(&["start", "old-name", "--at", "2026-11-27 09:00"]);
    a.ok(&["stop", "--at", "2026-11-27 10:30"]);
    a.ok(&["done", "other", "--at", "2026-11-27 11:00"]);
    a.ok(&["review", "other", "--suspend"]);
    b.ok(&["skip", "third"]);
    b.ok(&["undo"]);
    b.ok(&["redo"]);
    d.sync_all();
    let seen = d.assert_converged(&["old-name", "other", "third"]);
    assert_eq!(seen["shows"][0]["time_spent_s"], 90 * 60);
    assert_eq!(seen["shows"][1]["suspended"], true);
    assert_eq!(seen["shows"][2]["status"], "skipped", "the redo travelled");
    // The list renames the item on both devices; A gives the new item the old one's history.
    std::fs::write(&list_a, &after).unwrap();
    std::fs::write(&list_b, &after).unwrap();
    a.ok(&["import", list_a.to_str().unwrap()]);
    b.ok(&["import", list_b.to_str().unwrap()]);
    a.ok(&["relink", "old-name", "new-name"]);
    d.sync_all();
    let seen = d.assert_converged(&["new-name", "old-name"]);
    assert_eq!(seen["shows"][0]["status"], "started");
    assert_eq!(seen["shows"][0]["started_at"], "2026-11-27T09:00:00Z");
    assert_eq!(seen["shows"][0]["time_spent_s"], 90 * 60);
    a.ok(&["undo"]);
    d.sync_all();
    let seen = d.assert_converged(&["new-name", "old-name"]);
    assert_eq!(
        seen["shows"][0]["status"], "todo",
        "the relink's undo travelled"
    );
}

/// One paper added by hand on both devices before they synced (one URL, two titles, two
/// slugs), and two different items added with one title (one slug wanted twice): every device
/// ends with the same slugs, those of the first adds.
#[test]
fn items_added_on_both_devices_before_a_sync_get_the_same_slugs_everywhere() {
    let d = Devices::new(3);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&[
        "add",
        "Scaling laws",
        "--url",
        "https://arxiv.org/abs/2001.08361",
    ]);
    b.ok(&[
        "add",
        "Kaplan et al. 2020",
        "--url",
        "https://ArXiv.org/abs/2001.08361/",
    ]);
    b.ok(&["add", "Intro", "--url", "https://b.example/intro"]);
    a.ok(&["add", "Intro", "--url", "https://a.example/intro"]);
    a.ok(&["start", "scaling-laws"]);
    b.ok(&["note", "kaplan-2020", "from b"]);
    d.sync_all();
    let seen = d.assert_converged(&["scaling-laws", "intro", "intro-2"]);
    let manual: Vec<(String, String)> = seen["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["manual"] == true)
        .map(|i| {
            (
                i["slug"].as_str().unwrap().into(),
                i["url"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        manual,
        [
            (
                "scaling-laws".into(),
                "https://ArXiv.org/abs/2001.08361/".into()
            ),
            ("intro".into(), "https://b.example/intro".into()),
            ("intro-2".into(), "https://a.example/intro".into()),
        ],
        "one item for one URL, with the first add's slug; the first Intro keeps the slug"
    );
    assert_eq!(seen["shows"][0]["status"], "started");
    assert_eq!(seen["shows"][0]["note_count"], 1);
}

/// `note --edit` and `note --rm` act on the latest note whichever command wrote it: the note of a
/// `done -m` or a `review -m`, corrected or withdrawn on one device, is so on the others, and on
/// a device that corrects a note another device wrote.
#[test]
fn corrections_of_the_note_of_a_done_or_a_review_travel() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["done", "flexgen", "-m", "first take"]);
    a.ok(&["note", "flexgen", "--edit", "corrected take"]);
    a.ok(&["review", "orca", "-m", "to withdraw"]);
    b.ok(&["done", "alpa", "-m", "written on b"]);
    d.sync_all();
    a.ok(&["note", "orca", "--rm"]);
    a.ok(&["note", "alpa", "--edit", "corrected on a"]);
    for i in [0, 1, 0, 1] {
        let out = d.devices[i].run(&["sync", d.dir().to_str().unwrap()]);
        assert!(out.stderr.is_empty(), "nothing refused: {}", out.stderr);
    }
    let seen = d.assert_converged(&["flexgen", "orca", "alpa"]);
    let texts = |show: &Value| -> Vec<String> {
        show["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["note"].as_str().map(String::from))
            .collect()
    };
    assert_eq!(texts(&seen["shows"][0]), ["corrected take"]);
    assert_eq!(
        seen["shows"][1]["note_count"], 0,
        "the withdrawal travelled"
    );
    assert_eq!(texts(&seen["shows"][2]), ["corrected on a"]);
}

#[test]
fn undo_of_an_item_whose_events_came_from_another_device_says_why_nothing_changed() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["done", "flexgen"]);
    d.sync(0);
    d.sync(1);
    let out = b.ok(&["undo", "flexgen"]);
    assert_eq!(
        out.trim(),
        "nothing of flexgen to undo here: undo reverts only what this device recorded (events synced from another device are undone there)"
    );
    assert_eq!(b.json(&["show", "flexgen"])["status"], "done");
    // On the device that recorded it, the same undo reverts it.
    assert!(a.ok(&["undo", "flexgen"]).contains("undid"));
}

#[test]
fn with_write_back_on_a_received_done_ticks_the_box_in_this_devices_list_file() {
    let d = Devices::new(2);
    let list =
        "# Reading\n\n- [ ] [Alpa](https://alpa.example)\n- [ ] [Orca](https://orca.example)\n";
    let files: Vec<_> = d
        .devices
        .iter()
        .map(|device| {
            let path = device.write("reading.md", list);
            device.ok(&["import", path.to_str().unwrap()]);
            device.ok(&["config", "list.write-back", "on"]);
            path
        })
        .collect();
    d.devices[0].ok(&["done", "alpa"]);
    d.sync(0);
    let out = d.devices[1].run(&["sync", d.dir().to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("reading.md: 1 box ticked (alpa)"),
        "{}",
        out.stderr
    );
    let written = std::fs::read_to_string(&files[1]).unwrap();
    assert_eq!(written, list.replace("- [ ] [Alpa]", "- [x] [Alpa]"));
    // Without write-back, the file is left for `mlpath writeback`.
    d.devices[1].ok(&["config", "list.write-back", "off"]);
    d.devices[0].ok(&["done", "orca"]);
    d.sync(0);
    d.sync(1);
    assert_eq!(std::fs::read_to_string(&files[1]).unwrap(), written);
}
