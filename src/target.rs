//! What `mlpath open` may open (web pages, and files inside the imported list's folder), and
//! handing it to the browser.

use crate::text::{has_scheme, is_invisible};
use std::path::{Path, PathBuf};

/// A link that is safe to hand to a browser.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Web(String),
    File(PathBuf),
}

impl Target {
    pub fn as_arg(&self) -> String {
        match self {
            Target::Web(url) => url.clone(),
            Target::File(path) => path.display().to_string(),
        }
    }
}

/// Checks a link: `http`/`https` URLs, or relative links and `file:` URLs that name an existing
/// file inside `list_dir`. Anything else is refused, and so is a link with characters that never
/// stand in a URL as written (white space, control and invisible characters, `"` `<` `>` `\` and
/// backquotes). No shell ever sees the link, so `&`, `'`, `;`, `$`, `{`, `}`, `^` and `|` are
/// only characters (YouTube's `&t=42s`).
pub fn resolve(url: &str, list_dir: Option<&Path>) -> Result<Target, String> {
    let url = url.trim();
    if url
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || is_invisible(c) || "\"`<>\\".contains(c))
    {
        return Err(format!(
            "refusing to open '{}': it contains characters a URL should not",
            url.escape_default()
        ));
    }
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return if url.len() > lower.find("://").unwrap_or(0) + 3 {
            Ok(Target::Web(url.to_string()))
        } else {
            Err(format!("refusing to open '{url}': it names no host"))
        };
    }
    let relative = if let Some(rest) = lower.strip_prefix("file://") {
        &url[url.len() - rest.len()..]
    } else if has_scheme(url) {
        return Err(format!(
            "refusing to open '{url}': only http, https and local files are opened"
        ));
    } else {
        url
    };
    let Some(dir) = list_dir else {
        return Err(format!(
            "cannot open '{url}': it is relative to a list file, and none was imported here; `mlpath import FILE` (a restored list's path is not trusted until then)"
        ));
    };
    let path = dir.join(relative.split(['#', '?']).next().unwrap_or(relative));
    let Ok(real) = path.canonicalize() else {
        return Err(format!(
            "cannot open '{url}': {} does not exist",
            path.display()
        ));
    };
    let root = dir
        .canonicalize()
        .map_err(|e| format!("cannot read the list's folder {}: {e}", dir.display()))?;
    if !real.starts_with(&root) {
        return Err(format!(
            "refusing to open '{url}': it is outside the list's folder {}",
            root.display()
        ));
    }
    if !real.is_file() {
        return Err(format!(
            "cannot open '{url}': {} is not a file",
            real.display()
        ));
    }
    Ok(Target::File(real))
}

/// Resolves `url` in the first folder that holds it; failing all, the first folder's reason.
pub fn resolve_in(url: &str, folders: &[PathBuf]) -> Result<Target, String> {
    let mut first = None;
    for dir in folders {
        match resolve(url, Some(dir)) {
            Ok(target) => return Ok(target),
            Err(why) => {
                first.get_or_insert(why);
            }
        }
    }
    first.map_or_else(|| resolve(url, None), Err)
}

/// $BROWSER (a command, with its own arguments) gets the link as its last argument; without it
/// the system's default handler opens it. No shell is involved. The error says what to do.
pub fn launch(target: &Target) -> Result<(), String> {
    let arg = target.as_arg();
    match std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
    {
        Some(browser) => {
            let mut words = browser.split_whitespace();
            let program = words.next().unwrap_or_default();
            let status = std::process::Command::new(program)
                .args(words)
                .arg(&arg)
                .status()
                .map_err(|e| {
                    format!("cannot run $BROWSER '{browser}' ({e}); the link is printed above")
                })?;
            if !status.success() {
                return Err(format!(
                    "$BROWSER '{browser}' did not open the link; it is printed above"
                ));
            }
            Ok(())
        }
        // `open` tries every launcher the system has; failing, none could open a browser.
        None => open::that(&arg).map_err(|_| {
            "no browser found; the link is printed above (set $BROWSER to open it)".to_string()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_pass_and_odd_ones_are_refused() {
        for good in [
            "https://arxiv.org/abs/1",
            "https://www.youtube.com/watch?v=kCc8FmEb1nY&t=42s",
            "https://en.wikipedia.org/wiki/Hofstadter's_law",
            "https://x.org/search?q={a}&x=1^2|3",
            "https://x.org/a;b=$c",
        ] {
            assert_eq!(
                resolve(good, None),
                Ok(Target::Web(good.into())),
                "{good} should open"
            );
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://x.org/a",
            "https://x.org/$(rm -rf ~)",
            "https://x.org/a b",
            "https://x.org/a\u{1b}]0;x",
            "https://x.org/\u{202E}fdp.exe",
            "https://x.org/\"onload",
            "https://x.org/<script>",
            "https://x.org/a`id`",
            "https://",
            "reviews/a.md",
        ] {
            assert!(resolve(bad, None).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn relative_links_must_exist_inside_the_list_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reviews")).unwrap();
        std::fs::write(dir.path().join("reviews/a.md"), "x").unwrap();
        let ok = resolve("reviews/a.md", Some(dir.path())).unwrap();
        assert!(matches!(ok, Target::File(p) if p.ends_with("reviews/a.md")));
        assert!(
            resolve("reviews/missing.md", Some(dir.path()))
                .unwrap_err()
                .contains("does not exist")
        );
        assert!(resolve("../../etc/passwd", Some(dir.path())).is_err());
        assert!(resolve("file:///etc/passwd", Some(dir.path())).is_err());
        let inside = format!("file://{}", dir.path().join("reviews/a.md").display());
        assert!(matches!(
            resolve(&inside, Some(dir.path())),
            Ok(Target::File(_))
        ));
        assert!(
            resolve("reviews", Some(dir.path()))
                .unwrap_err()
                .contains("not a file")
        );
    }
}
