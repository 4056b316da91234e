//! `mlpath sync`'s one line.

use crate::views::SyncView;

fn plural(n: usize, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// `synced with /notes: wrote 3 changes, received 5 from 2 other devices; committed and pushed`.
pub fn summary(view: &SyncView) -> String {
    let mut line = format!(
        "synced with {}: wrote {}, received {} from {}",
        super::safe(&view.dir, false),
        plural(view.written, "change"),
        view.received + view.items,
        plural(view.devices, "other device"),
    );
    if view.held > 0 {
        line.push_str(&format!(
            "; {} kept for items this device does not have",
            plural(view.held, "line")
        ));
    }
    match &view.git {
        Some(git) if git.committed && git.pushed => line.push_str("; committed and pushed"),
        Some(git) if git.committed => line.push_str("; committed"),
        Some(git) if git.pushed => line.push_str("; pushed"),
        _ => {}
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::SyncGitView;

    #[test]
    fn one_line_counts_what_moved() {
        let mut view = SyncView {
            dir: "/notes".into(),
            written: 1,
            received: 5,
            items: 0,
            held: 0,
            devices: 2,
            git: None,
        };
        assert_eq!(
            summary(&view),
            "synced with /notes: wrote 1 change, received 5 from 2 other devices"
        );
        view.held = 2;
        view.git = Some(SyncGitView {
            committed: true,
            pushed: true,
        });
        assert_eq!(
            summary(&view),
            "synced with /notes: wrote 1 change, received 5 from 2 other devices; \
             2 lines kept for items this device does not have; committed and pushed"
        );
    }
}
