//! A sync folder that is damaged, cut, restored from an older copy, written twice at once, or
//! shared by a copied database: nothing is lost or doubled.

use super::{Devices, journal_files, lines_of, view};
use serde_json::Value;

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

/// `kill -9` of a real sync while it reads a long journal, at several moments, then a sync that
/// runs to the end: every event is there once, as on a device whose sync was never stopped.
#[test]
fn a_sync_killed_while_reading_a_long_journal_converges_when_run_again() {
    let d = Devices::new(2);
    let (killed, calm) = (&d.devices[0], &d.devices[1]);
    // Another device's journal: 4,000 notes about items every device has.
    let device = "01937c4e-8a1b-7cc3-9d2e-00000000d0d0";
    let items = [
        "https://arxiv.org/abs/2303.06865",
        "https://www.usenix.org/system/files/osdi22-yu.pdf",
        "https://www.usenix.org/system/files/osdi22-zheng-lianmin.pdf",
    ];
    let n = 4_000;
    let journal: String = (0..n)
        .map(|i| {
            format!(
                "{{\"id\":\"01937c4e-8a1b-7cc3-9d2e-{i:012x}\",\"device\":\"{device}\",\
                 \"at\":\"2026-11-{:02}T{:02}:{:02}:00Z\",\"type\":\"event\",\"item\":\"{}\",\
                 \"kind\":\"note\",\"note\":\"note {i}\"}}\n",
                1 + i / 1440,
                i / 60 % 24,
                i % 60,
                items[i % items.len()]
            )
        })
        .collect();
    std::fs::create_dir_all(d.dir()).unwrap();
    std::fs::write(d.dir().join(format!("{device}.jsonl")), journal).unwrap();
    let dir = d.dir();
    let mut stopped = 0;
    for wait_ms in [5, 20, 40, 80, 120, 200, 300, 450] {
        let mut child = killed
            .process(&["sync", dir.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        child.kill().unwrap();
        if !child.wait().unwrap().success() {
            stopped += 1;
        }
    }
    assert!(stopped > 0, "no sync was stopped: make the journal longer");
    killed.ok(&["sync"]);
    let again = killed.ok(&["sync"]);
    assert!(again.contains("received 0 from 1"), "{again}");
    calm.ok(&["sync", dir.to_str().unwrap()]);
    let notes = |env: &crate::support::TestEnv| env.json(&["log", "-n", "100000"]);
    let (got, want) = (notes(killed), notes(calm));
    assert_eq!(got.as_array().unwrap().len(), n, "each event once");
    assert!(got == want, "the stopped device matches the calm one");
    d.assert_converged(&["flexgen", "orca", "alpa"]);
}

/// The copy syncs first, so the original is the one that finds lines it did not write: it is
/// told the same, and `--new-device` on the original works as well.
#[test]
fn when_the_copy_syncs_first_the_original_is_refused_and_can_become_a_device_of_its_own() {
    let d = Devices::new(2);
    let a = &d.devices[0];
    a.ok(&["done", "flexgen"]);
    d.sync(0);
    let copy_path = a.path("copy.db");
    a.ok(&["backup", copy_path.to_str().unwrap()]);
    let copy = a.with_db(&copy_path);
    copy.ok(&["start", "alpa"]);
    copy.ok(&["sync"]);
    a.ok(&["start", "orca"]);
    let err = a.fails(&["sync"], 1);
    assert!(
        err.contains("another database has its device id")
            && err.contains("it synced first")
            && err.contains("--new-device"),
        "{err}"
    );
    let out = a.ok(&["sync", "--new-device"]);
    assert!(
        out.contains("wrote 1 change"),
        "only the original's start of orca: {out}"
    );
    d.sync_all();
    copy.ok(&["sync"]);
    d.assert_converged(&["flexgen", "orca", "alpa"]);
    assert_eq!(view(a, &["alpa"]), view(&copy, &["alpa"]));
    assert_eq!(view(a, &["orca"]), view(&copy, &["orca"]));
}

/// A's journal replaced by an older copy (a backup of the folder put back), then written on by
/// A before B syncs again: it is longer than where B stopped, but holds other lines before that
/// place. B notices, reads it again from the top and misses nothing (it used to start mid-line,
/// warn about that line on every sync, and never get the item A added meanwhile).
#[test]
fn a_journal_replaced_by_an_older_copy_and_written_on_is_read_again_whole() {
    let d = Devices::new(2);
    let (a, b) = (&d.devices[0], &d.devices[1]);
    a.ok(&["start", "flexgen"]);
    d.sync(0);
    let path = journal_files(&d.dir()).remove(0);
    let older = std::fs::read(&path).unwrap();
    a.ok(&["add", "Mine", "--url", "https://example.org/mine"]);
    a.ok(&["note", "flexgen", "first"]);
    d.sync(0);
    a.ok(&["note", "flexgen", "second"]);
    d.sync(0);
    d.sync(1);
    std::fs::write(&path, older).unwrap();
    a.ok(&[
        "add",
        "Added after the copy was put back, with a long title",
        "--url",
        "https://example.org/a-much-longer-address-than-the-others",
    ]);
    a.ok(&["start", "added-copy-was-put"]);
    d.sync(0);
    let out = b.run(&["sync"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(!out.stdout.contains("kept"), "{}", out.stdout);
    d.sync_all();
    d.assert_converged(&["flexgen", "mine", "added-copy-was-put"]);
}
