//! git, for a sync folder inside a git work tree: the `git` command, run with its arguments as
//! a list (never through a shell), never prompting, handling no credentials of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A git work tree holding the sync folder.
#[derive(Debug, Clone)]
pub struct Repo {
    pub root: PathBuf,
}

impl Repo {
    /// The work tree `dir` is inside, if it is inside one and git is installed.
    pub fn containing(dir: &Path) -> Option<Repo> {
        // Looked for first without running git (a few ms), so that a plain folder costs nothing.
        if !dir.ancestors().any(|d| d.join(".git").exists()) {
            return None;
        }
        let out = git(dir, &["rev-parse", "--show-toplevel"]).ok()?;
        let root = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (!root.is_empty()).then(|| Repo {
            root: PathBuf::from(root),
        })
    }

    fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = git(&self.root, args).map_err(|e| format!("git could not run: {e}"))?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(reason(&out))
        }
    }

    /// The branch's upstream (`origin/main`), if it has one.
    pub fn upstream(&self) -> Option<String> {
        self.run(&[
            "rev-parse",
            "--abbrev-ref",
            "--symbolic-full-name",
            "@{upstream}",
        ])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
    }

    /// The URL of the remote the upstream belongs to, for telling the user where notes go.
    pub fn remote_url(&self) -> Option<String> {
        let upstream = self.upstream()?;
        let remote = upstream.split('/').next()?;
        self.run(&["remote", "get-url", remote])
            .ok()
            .map(|s| s.trim().to_string())
    }

    /// What git stopped in the middle of, if anything: a rebase or a merge that met a conflict.
    pub fn unfinished(&self) -> Option<&'static str> {
        let git_dir = self.run(&["rev-parse", "--absolute-git-dir"]).ok()?;
        let git_dir = Path::new(git_dir.trim());
        [
            ("rebase-merge", "rebase"),
            ("rebase-apply", "rebase"),
            ("MERGE_HEAD", "merge"),
            ("CHERRY_PICK_HEAD", "cherry-pick"),
        ]
        .into_iter()
        .find(|(file, _)| git_dir.join(file).exists())
        .map(|(_, what)| what)
    }

    /// `git pull --rebase --autostash`: a list file just changed by write-back does not block
    /// it. Nothing to do without an upstream. Returns the files left with conflict markers:
    /// uncommitted changes that git could not put back over what it pulled (it still succeeds,
    /// and keeps them in `git stash`).
    pub fn pull(&self) -> Result<Vec<String>, String> {
        if self.upstream().is_none() {
            return Ok(Vec::new());
        }
        self.run(&["pull", "--rebase", "--autostash", "--quiet"])?;
        let unmerged = self.run(&["diff", "--name-only", "--diff-filter=U"])?;
        Ok(unmerged.lines().map(str::to_string).collect())
    }

    /// Commits exactly `paths` (relative to the root), if they changed, with the message made
    /// from the number of journal lines (`.jsonl`) the commit adds; returns whether a commit was
    /// made. Other staged or changed files are left as they were.
    pub fn commit(
        &self,
        paths: &[PathBuf],
        message: impl FnOnce(usize) -> String,
    ) -> Result<bool, String> {
        let mut add = vec!["add", "--"];
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        add.extend(names.iter().map(String::as_str));
        self.run(&add)?;
        let mut diff = vec!["diff", "--cached", "--quiet", "--"];
        diff.extend(names.iter().map(String::as_str));
        let changed = !git(&self.root, &diff)
            .map_err(|e| format!("git could not run: {e}"))?
            .status
            .success();
        if !changed {
            return Ok(false);
        }
        let mut numstat = vec!["diff", "--cached", "--numstat", "--"];
        numstat.extend(names.iter().map(String::as_str));
        let lines = self
            .run(&numstat)?
            .lines()
            .filter(|l| l.ends_with(".jsonl"))
            .filter_map(|l| l.split('\t').next()?.parse::<usize>().ok())
            .sum();
        let message = message(lines);
        let mut commit = vec!["commit", "--quiet", "--no-verify", "-m", &message, "--"];
        commit.extend(names.iter().map(String::as_str));
        self.run(&commit)?;
        Ok(true)
    }

    /// Pushes when the branch has an upstream and commits the upstream lacks; returns whether
    /// it pushed.
    pub fn push(&self) -> Result<bool, String> {
        if self.upstream().is_none() {
            return Ok(false);
        }
        let ahead = self.run(&["rev-list", "--count", "@{upstream}..HEAD"])?;
        if ahead.trim() == "0" {
            return Ok(false);
        }
        self.run(&["push", "--quiet"]).map(|_| true)
    }
}

fn git(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Never wait for a password on the terminal: fail and say so.
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(std::process::Stdio::null())
        .output()
}

/// git's own reason, in one line: a refused ref (`! [rejected] main -> main (fetch first)`),
/// else the first fatal error, else the first error, else the last line that says something.
/// The last line alone is often advice (`and the repository exists.`) or a summary (`failed to
/// push some refs`) that hides why.
fn reason(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    reason_in(&text).unwrap_or_else(|| format!("git exited with {}", out.status))
}

fn reason_in(stderr: &str) -> Option<String> {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
        .collect();
    let first = |prefix: &str| lines.iter().find(|l| l.starts_with(prefix)).copied();
    let line = first("! [")
        .map(|l| l.trim_start_matches("! "))
        .or_else(|| first("fatal: ").map(|l| &l["fatal: ".len()..]))
        .or_else(|| first("error: ").map(|l| &l["error: ".len()..]))
        .or_else(|| lines.last().copied())?;
    // Runs of spaces (git pads `! [rejected]   main`) as one; the error printer sanitizes.
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::reason_in;

    #[test]
    fn the_reason_is_the_line_that_says_why() {
        let missing = "fatal: '/srv/r.git' does not appear to be a git repository\n\
                       fatal: Could not read from remote repository.\n\n\
                       Please make sure you have the correct access rights\n\
                       and the repository exists.\n";
        assert_eq!(
            reason_in(missing).as_deref(),
            Some("'/srv/r.git' does not appear to be a git repository")
        );
        let refused = "remote: no        \nTo /srv/r.git\n \
                       ! [remote rejected] main -> main (pre-receive hook declined)\n\
                       error: failed to push some refs to '/srv/r.git'\n";
        assert_eq!(
            reason_in(refused).as_deref(),
            Some("[remote rejected] main -> main (pre-receive hook declined)")
        );
        let behind = " ! [rejected]        main -> main (fetch first)\n\
                      error: failed to push some refs to 'x'\nhint: Updates were rejected\n";
        assert_eq!(
            reason_in(behind).as_deref(),
            Some("[rejected] main -> main (fetch first)")
        );
        assert_eq!(
            reason_in("error: cannot pull with rebase: You have unstaged changes.\n").as_deref(),
            Some("cannot pull with rebase: You have unstaged changes.")
        );
        assert_eq!(reason_in("hint: only advice\n\n"), None);
    }
}
