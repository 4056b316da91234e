//! `mlpath sync`: several databases end up with the same items, statuses, times and notes,
//! through a plain folder (`converge`, `recovery`: damaged, cut, repeated and interrupted
//! journals) and through git (`git`). This file holds the devices the tests share a folder with.

mod converge;
mod git;
mod recovery;

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

pub fn journal_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
}

pub fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}
