//! `mlpath sync` inside git work trees: two clones of a bare repository exchange journals by
//! pull, commit and push; only journal paths are committed; failures are one line.

use crate::support::{TestEnv, has_tool};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// git's identity and nothing of the user's configuration (HOME is the test's own folder).
const GIT_ENV: [(&str, &str); 5] = [
    ("GIT_AUTHOR_NAME", "Test"),
    ("GIT_AUTHOR_EMAIL", "test@example.com"),
    ("GIT_COMMITTER_NAME", "Test"),
    ("GIT_COMMITTER_EMAIL", "test@example.com"),
    ("GIT_CONFIG_NOSYSTEM", "1"),
];

/// The git on PATH, if any; without one the tests are skipped (and fail under CI).
fn git_available() -> bool {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join("git").is_file()))
        .unwrap_or(false);
    found || has_tool("/usr/bin/git")
}

fn git(env: &TestEnv, dir: &Path, args: &[&str]) -> String {
    let out = env
        .program("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .envs(GIT_ENV)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A bare repository with one commit, and two devices with a clone each.
struct Setup {
    devices: [TestEnv; 2],
    clones: [PathBuf; 2],
    remote: PathBuf,
    _root: TempDir,
}

/// Two clones of a bare repository, one device each; None without git (outside CI: see
/// `has_tool`).
fn setup() -> Option<Setup> {
    if !git_available() {
        return None;
    }
    let root = TempDir::new().unwrap();
    let devices = [TestEnv::new(), TestEnv::new()];
    let remote = root.path().join("remote.git");
    let first = &devices[0];
    git(
        first,
        root.path(),
        &["init", "-q", "--bare", "-b", "main", "remote.git"],
    );
    let seed = root.path().join("seed");
    git(
        first,
        root.path(),
        &["clone", "-q", remote.to_str().unwrap(), "seed"],
    );
    std::fs::write(
        seed.join("list.md"),
        "# My list\n- [A paper](https://example.org/a)\n",
    )
    .unwrap();
    git(first, &seed, &["add", "list.md"]);
    git(first, &seed, &["commit", "-q", "-m", "the list"]);
    git(first, &seed, &["push", "-q", "origin", "HEAD:main"]);
    let clones = [root.path().join("laptop"), root.path().join("desktop")];
    for (device, clone) in devices.iter().zip(&clones) {
        let name = clone.file_name().unwrap().to_str().unwrap();
        git(
            device,
            root.path(),
            &["clone", "-q", remote.to_str().unwrap(), name],
        );
    }
    Some(Setup {
        devices,
        clones,
        remote,
        _root: root,
    })
}

impl Setup {
    fn journals(&self, device: usize) -> PathBuf {
        self.clones[device].join("mlpath")
    }

    fn sync(&self, device: usize, extra: &[&str]) -> crate::support::Output {
        let dir = self.journals(device);
        let mut args = vec!["sync", dir.to_str().unwrap()];
        args.extend(extra);
        let mut cmd = self.devices[device].command(&args);
        cmd.envs(GIT_ENV);
        crate::support::Output::of(cmd)
    }

    fn synced(&self, device: usize) -> String {
        let out = self.sync(device, &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    }
}

fn shown(env: &TestEnv, slug: &str) -> Value {
    let mut v = env.json(&["show", slug]);
    v.as_object_mut().unwrap().remove("id");
    v
}

#[test]
fn two_clones_of_a_bare_repository_converge() {
    let Some(s) = setup() else {
        return;
    };
    let [laptop, desktop] = &s.devices;
    laptop.ok(&["start", "flexgen", "--at", "2026-11-27 20:00"]);
    laptop.ok(&["note", "flexgen", "read section 3"]);
    desktop.ok(&["done", "orca", "--rating", "good"]);
    let first = s.sync(0, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first
            .stderr
            .contains("this device's events and notes will be pushed to")
            && first.stderr.contains("remote.git"),
        "the first sync says where notes go: {}",
        first.stderr
    );
    assert!(
        first.stdout.contains("committed and pushed"),
        "{}",
        first.stdout
    );
    // A list changed in the work tree is not committed by sync.
    std::fs::write(
        s.clones[1].join("list.md"),
        "# My list\n- [x] [A paper](https://example.org/a)\n",
    )
    .unwrap();
    let out = s.synced(1);
    assert!(out.contains("received 2 from 1 other device"), "{out}");
    assert!(out.contains("committed and pushed"), "{out}");
    let status = git(desktop, &s.clones[1], &["status", "--porcelain"]);
    assert_eq!(status.trim(), "M list.md", "only the journal was committed");
    let again = s.sync(1, &[]);
    assert!(
        !again.stderr.contains("will be pushed"),
        "said once: {}",
        again.stderr
    );
    s.synced(0);
    // Every item (statuses, times) and both timelines, not just the two items.
    assert!(
        super::view(laptop, &["flexgen", "orca"]) == super::view(desktop, &["flexgen", "orca"]),
        "the clones differ"
    );
    assert_eq!(
        laptop.json(&["log"]),
        desktop.json(&["log"]),
        "the same timeline"
    );
    assert_eq!(shown(laptop, "orca")["status"], "done");
    assert_eq!(
        shown(desktop, "flexgen")["events"][1]["note"],
        "read section 3"
    );
    let log = git(laptop, &s.clones[0], &["log", "--format=%s", "origin/main"]);
    let subjects: Vec<&str> = log.lines().collect();
    assert_eq!(subjects.len(), 3, "{log}");
    assert!(subjects[0].starts_with("mlpath: 1 event from "), "{log}");
    assert!(subjects[1].starts_with("mlpath: 2 events from "), "{log}");
    let attributes = std::fs::read_to_string(s.journals(0).join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.jsonl merge=union\n");
}

#[test]
fn a_failed_push_is_one_line_and_the_next_sync_pushes() {
    let Some(s) = setup() else {
        return;
    };
    let [laptop, desktop] = &s.devices;
    let hook = s.remote.join("hooks").join("pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'the server says no' >&2\nexit 1\n").unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    laptop.ok(&["done", "flexgen"]);
    let out = s.sync(0, &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.contains("will be pushed") && !l.contains("new database"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].starts_with("mlpath: git push failed: [remote rejected] ")
            && errors[0].contains("(pre-receive hook declined)")
            && errors[0].contains("the next sync pushes them"),
        "{}",
        errors[0]
    );
    std::fs::remove_file(&hook).unwrap();
    let out = s.synced(0);
    assert!(
        out.contains("wrote 0 changes") && out.contains("pushed"),
        "{out}"
    );
    s.synced(1);
    assert_eq!(shown(desktop, "flexgen")["status"], "done");
}

#[test]
fn no_git_leaves_the_work_tree_alone() {
    let Some(s) = setup() else {
        return;
    };
    s.devices[0].ok(&["done", "flexgen"]);
    let out = s.sync(0, &["--no-git"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("pushed"), "{}", out.stderr);
    let answer: Value = {
        let mut cmd = s.devices[0].command(&["sync", "--no-git", "--json"]);
        cmd.envs(GIT_ENV);
        serde_json::from_str(&crate::support::Output::of(cmd).stdout).unwrap()
    };
    assert_eq!(answer["git"], Value::Null);
    let status = git(&s.devices[0], &s.clones[0], &["status", "--porcelain"]);
    assert_eq!(status.trim(), "?? mlpath/", "nothing committed");
}

#[test]
fn a_failed_pull_is_one_line_and_syncs_nothing() {
    let Some(s) = setup() else {
        return;
    };
    s.devices[0].ok(&["done", "flexgen"]);
    let moved = s.remote.with_extension("moved");
    std::fs::rename(&s.remote, &moved).unwrap();
    let out = s.sync(0, &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| !l.contains("will be pushed") && !l.contains("new database"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].starts_with("mlpath: git pull in ")
            && errors[0].contains("does not appear to be a git repository")
            && errors[0].contains("nothing was synced"),
        "{}",
        errors[0]
    );
    let written = std::fs::read_dir(s.journals(0)).map_or(0, |d| d.count());
    assert_eq!(written, 0, "no journal written");
    std::fs::rename(&moved, &s.remote).unwrap();
    let out = s.synced(0);
    assert!(
        out.contains("wrote 1 change") && out.contains("committed and pushed"),
        "{out}"
    );
}

/// A list file changed on both devices, and not yet committed on the second: git pulls, cannot
/// put the uncommitted change back cleanly and says so only in passing. `sync` says it in one
/// line, names the file, and exchanges the journals all the same.
#[test]
fn uncommitted_list_changes_that_conflict_with_the_pull_are_named() {
    let Some(s) = setup() else {
        return;
    };
    let [laptop, desktop] = &s.devices;
    std::fs::write(
        s.clones[0].join("list.md"),
        "# My list\n- [x] [A paper](https://example.org/a)\n",
    )
    .unwrap();
    git(laptop, &s.clones[0], &["commit", "-q", "-am", "ticked"]);
    laptop.ok(&["done", "flexgen"]);
    s.synced(0);
    std::fs::write(
        s.clones[1].join("list.md"),
        "# My list\n- [A paper, retitled](https://example.org/a)\n",
    )
    .unwrap();
    let out = s.sync(1, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let warning = out
        .stderr
        .lines()
        .find(|l| l.contains("conflict"))
        .unwrap_or_else(|| panic!("no word of the conflict: {}", out.stderr));
    assert!(
        warning.contains("uncommitted changes to list.md") && warning.contains("git stash"),
        "{warning}"
    );
    assert!(out.stdout.contains("received 1 from"), "{}", out.stdout);
    assert_eq!(shown(desktop, "flexgen")["status"], "done");
}

/// A list committed differently on both devices: the pull's rebase stops at the conflict. `sync`
/// says so and how to go on, and while the rebase is unfinished it commits nothing into it.
#[test]
fn a_pull_stopped_at_a_conflict_is_said_and_nothing_is_committed_into_it() {
    let Some(s) = setup() else {
        return;
    };
    let [laptop, desktop] = &s.devices;
    for (device, clone, text) in [
        (laptop, &s.clones[0], "laptop"),
        (desktop, &s.clones[1], "desktop"),
    ] {
        std::fs::write(
            clone.join("list.md"),
            format!("# My list\n- [A paper, {text}](https://example.org/a)\n"),
        )
        .unwrap();
        git(device, clone, &["commit", "-q", "-am", text]);
    }
    s.synced(0);
    desktop.ok(&["done", "flexgen"]);
    let mut heads = Vec::new();
    for _ in 0..2 {
        let out = s.sync(1, &[]);
        assert_eq!(out.code, 1, "{}", out.stdout);
        let errors: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| !l.contains("will be pushed") && !l.contains("new database"))
            .collect();
        assert_eq!(errors.len(), 1, "{}", out.stderr);
        assert!(
            errors[0].contains("git is in the middle of a rebase")
                && errors[0].contains("finish or abort it"),
            "{}",
            errors[0]
        );
        heads.push(git(desktop, &s.clones[1], &["rev-parse", "HEAD"]));
    }
    // The first pull stopped the rebase on the laptop's commit; the second sync committed
    // nothing on top of it.
    assert_eq!(heads[0], heads[1], "no commit made during the rebase");
    let journal = git(desktop, &s.clones[1], &["status", "--porcelain", "mlpath"]);
    assert!(journal.is_empty() || journal.starts_with("??"), "{journal}");
    git(desktop, &s.clones[1], &["rebase", "--abort"]);
    git(
        desktop,
        &s.clones[1],
        &["reset", "-q", "--hard", "origin/main"],
    );
    let out = s.synced(1);
    assert!(out.contains("committed and pushed"), "{out}");
}

/// git cannot commit (another git holds the index): one line, the journals are exchanged all
/// the same, and the next sync commits the line the failed one wrote, counted in its message.
#[test]
fn a_failed_commit_is_one_line_and_the_next_sync_commits_what_it_wrote() {
    let Some(s) = setup() else {
        return;
    };
    let laptop = &s.devices[0];
    s.synced(0);
    laptop.ok(&["done", "flexgen"]);
    let lock = s.clones[0].join(".git").join("index.lock");
    std::fs::write(&lock, "").unwrap();
    let out = s.sync(0, &[]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let errors: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].starts_with("mlpath: git commit failed: ")
            && errors[0].contains("index.lock")
            && errors[0].contains("the next sync commits"),
        "{}",
        errors[0]
    );
    std::fs::remove_file(&lock).unwrap();
    let out = s.synced(0);
    assert!(
        out.contains("wrote 0 changes") && out.contains("committed and pushed"),
        "{out}"
    );
    let subject = git(laptop, &s.clones[0], &["log", "-1", "--format=%s"]);
    assert!(subject.starts_with("mlpath: 1 event from "), "{subject}");
}
