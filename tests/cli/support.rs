use assert_cmd::Command;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The fixed "now" of every test: Saturday 2026-11-28 09:00 UTC.
pub const NOW: &str = "2026-11-28T09:00:00Z";

/// A temp folder with its own database, clock, width, time zone and an empty environment.
pub struct TestEnv {
    pub dir: TempDir,
    pub db: PathBuf,
    pub now: String,
}

/// What one run printed.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// Runs `cmd` to the end and keeps what it printed.
    pub fn of(mut cmd: Command) -> Output {
        let out = cmd.output().expect("run mlpath");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `cmd` and expects success; returns stdout.
pub fn ok_of(cmd: Command) -> String {
    let out = Output::of(cmd);
    assert_eq!(out.code, 0, "mlpath failed:\n{}{}", out.stdout, out.stderr);
    out.stdout
}

/// A fresh temp folder with a `tmp` folder inside, the runs' own TMPDIR.
fn temp_root() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    std::fs::create_dir(dir.path().join("tmp")).expect("tmp folder");
    dir
}

/// Whether the tool at `path` is there. Without it a test returns early on a developer's
/// machine, but fails under CI (`CI` set), where `.ci/run` installs every tool the tests use.
pub fn has_tool(path: &str) -> bool {
    if Path::new(path).exists() {
        return true;
    }
    let why = format!("{path} is missing; .ci/run installs it");
    assert!(std::env::var_os("CI").is_none_or(|v| v.is_empty()), "{why}");
    eprintln!("skipped: {why}");
    false
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = temp_root();
        // An explicit database path needs its folder to exist.
        std::fs::create_dir(dir.path().join("data")).expect("data folder");
        let db = dir.path().join("data").join("mlpath.db");
        TestEnv {
            dir,
            db,
            now: NOW.to_string(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// The whole environment a run sees.
    fn envs(&self) -> Vec<(OsString, OsString)> {
        let pairs: [(&str, OsString); 11] = [
            ("PATH", std::env::var_os("PATH").unwrap_or_default()),
            ("HOME", self.dir.path().into()),
            ("XDG_DATA_HOME", self.dir.path().join("xdg").into()),
            ("MLPATH_DB", self.db.clone().into()),
            ("MLPATH_NOW", self.now.clone().into()),
            ("COLUMNS", "100".into()),
            ("NO_COLOR", "1".into()),
            ("TZ", "UTC".into()),
            ("RUST_BACKTRACE", "1".into()),
            ("LANG", "C.UTF-8".into()),
            ("TMPDIR", self.dir.path().join("tmp").into()),
        ];
        pairs.into_iter().map(|(k, v)| (k.into(), v)).collect()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("mlpath").expect("binary");
        cmd.env_clear().envs(self.envs()).args(args);
        cmd
    }

    /// A plain process, for running several at once.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = self.program(assert_cmd::cargo::cargo_bin("mlpath"));
        cmd.args(args);
        cmd
    }

    /// Another program, with the same environment.
    pub fn program(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        cmd.env_clear().envs(self.envs());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Output::of(self.command(args))
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(
            out.code, 0,
            "mlpath {args:?} failed:\n{}{}",
            out.stdout, out.stderr
        );
        out.stdout
    }

    /// Runs and expects failure with `code`; returns stderr, checked to be one line.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.code, code,
            "mlpath {args:?}: stdout {} stderr {}",
            out.stdout, out.stderr
        );
        let lines: Vec<&str> = out
            .stderr
            .lines()
            .filter(|l| !l.starts_with("mlpath: new database"))
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "one line of error expected: {:?}",
            out.stderr
        );
        assert!(lines[0].starts_with("mlpath: "), "{:?}", lines[0]);
        assert!(!out.stderr.contains("panicked") && !out.stderr.contains("stack backtrace"));
        lines[0].to_string()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).expect("valid JSON")
    }

    /// Runs with the automatic refresh of list files turned off (`MLPATH_NO_REFRESH=1`).
    pub fn run_without_refresh(&self, args: &[&str]) -> Output {
        let mut cmd = self.command(args);
        cmd.env("MLPATH_NO_REFRESH", "1");
        Output::of(cmd)
    }

    /// The same folder and clock with another database.
    pub fn with_db(&self, db: &Path) -> TestEnv {
        TestEnv {
            dir: temp_root(),
            db: db.to_path_buf(),
            now: self.now.clone(),
        }
    }

    /// Runs with the clock set to `now`.
    pub fn at(&self, now: &str) -> TestEnv {
        TestEnv {
            dir: temp_root(),
            db: self.db.clone(),
            now: now.to_string(),
        }
    }
}

/// Copies the mlpath binary to `to` (executable), for tests that run it from elsewhere. Run the
/// copy with [`output_of_copy`], never a plain `output()`.
pub fn copy_binary(to: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::copy(assert_cmd::cargo::cargo_bin("mlpath"), to).expect("copy the binary");
    std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// Runs `cmd`, a program freshly copied by [`copy_binary`] (directly or through `runuser`),
/// retrying while Linux answers "Text file busy" (ETXTBSY).
///
/// Why: the copy is written through a descriptor opened with O_CLOEXEC, but when another test
/// thread forks while that descriptor is open, its child holds a copy of it until it calls
/// exec. Running a file that any process holds open for writing fails with ETXTBSY, so the
/// first attempt can fail though the copy is complete and closed here. No way of writing the
/// copy closes that window (a fork can come between any open and its close), and a hard link
/// would not do across file systems (the temp folder is often not on the target's), so the
/// run is retried: the other child's exec takes milliseconds.
pub fn output_of_copy(cmd: &mut std::process::Command) -> std::process::Output {
    const ETXTBSY: i32 = 26;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let busy = match cmd.output() {
            Ok(out) => {
                // `runuser` reports the failed exec of the copy itself ("runuser: failed to
                // execute PATH: Text file busy", status 1).
                let stderr = String::from_utf8_lossy(&out.stderr);
                let busy = !out.status.success()
                    && stderr.contains("failed to execute")
                    && stderr.contains("Text file busy");
                if !busy {
                    return out;
                }
                stderr.into_owned()
            }
            Err(e) if e.raw_os_error() == Some(ETXTBSY) => e.to_string(),
            Err(e) => panic!("cannot run {cmd:?}: {e}"),
        };
        assert!(attempt < 20, "still busy after {attempt} attempts: {busy}");
        eprintln!(
            "retrying a copied binary (attempt {attempt}): {}",
            busy.trim()
        );
        std::thread::sleep(std::time::Duration::from_millis(25 * attempt));
    }
}

/// The `slug → status` pairs from `list --json`.
/// Runs `mlpath ARGS` (`args` as one shell word list) on a pseudo-terminal, with an editor
/// whose script is `editor_body`; its stdout. None when `script` is missing (outside CI only:
/// see `has_tool`).
pub fn in_terminal_with_editor(env: &TestEnv, editor_body: &str, args: &str) -> Option<String> {
    let script = "/usr/bin/script";
    if !has_tool(script) {
        return None;
    }
    let editor = env.write("editor.sh", &format!("#!/bin/sh\n{editor_body}\n"));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("mlpath");
    let out = env
        .program(script)
        .env("EDITOR", &editor)
        .env("TERM", "dumb")
        .args(["-qec", &format!("{} {args}", bin.display()), "/dev/null"])
        .output()
        .expect("run script");
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The slugs of a JSON array of items (`list --json` and the like), in order.
pub fn slugs(items: &serde_json::Value) -> Vec<String> {
    items
        .as_array()
        .expect("a JSON array of items")
        .iter()
        .map(|i| i["slug"].as_str().expect("a slug").to_string())
        .collect()
}

pub fn statuses(env: &TestEnv) -> Vec<(String, String)> {
    let list = env.json(&["list"]);
    list.as_array()
        .expect("array")
        .iter()
        .map(|i| {
            (
                i["slug"].as_str().unwrap().to_string(),
                i["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub fn status_of(env: &TestEnv, slug: &str) -> String {
    statuses(env)
        .into_iter()
        .find(|(s, _)| s == slug)
        .map(|(_, st)| st)
        .unwrap_or_default()
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// Every command below the top, nested ones too (`lists rm`), as the words to type.
pub fn command_paths() -> Vec<Vec<String>> {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&mlpath::cli::Cli::command(), &[], &mut out);
    out
}

/// Every subcommand, as clap knows them (so a new command is checked without editing tests).
pub fn command_names() -> Vec<String> {
    use clap::CommandFactory;
    mlpath::cli::Cli::command()
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| c.get_name().to_string())
        .collect()
}

/// `text` with every UUID (event ids, device ids: random) replaced by `[UUID]`, for snapshots.
pub fn redact_uuids(text: &str) -> String {
    let shape = |s: &[u8]| {
        s.len() >= 36
            && s[..36].iter().enumerate().all(|(i, &b)| match i {
                8 | 13 | 18 | 23 => b == b'-',
                _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
            })
    };
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if shape(&bytes[i..]) {
            out.push_str("[UUID]");
            i += 36;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}
