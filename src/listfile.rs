//! Reading a list file as the store records it (real path, name, size, mtime and hash), and
//! importing it.

use crate::markdown::{self, gathered::Gathered};
use crate::store::{ImportRun, Imported, ListSource, Store, StoreError};
use anyhow::Result;
use chrono::{DateTime, Utc};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};
use std::path::Path;

/// A list file read for import: its text and what the store records of it.
pub struct ListFile {
    pub text: String,
    pub source: ListSource,
}

/// Imports one list file. Into a database without items, the parser runs on one core while the
/// store writes on the other. Any other import matches the whole list against the stored items,
/// so it parses first, here: the parser's document tree and the matching then use the same
/// memory one after the other (glibc keeps what a thread frees for that thread), and the list's
/// text is freed before the matching starts.
pub(crate) fn import(
    store: &mut Store,
    file: &mut ListFile,
    now: DateTime<Utc>,
    run: ImportRun,
    what: &str,
) -> Result<Imported> {
    let text = std::mem::take(&mut file.text);
    let imported = if store.import_gathers(run)? {
        let mut packed = Gathered::default();
        let mut failed = None;
        markdown::parse_each(&text, |item| {
            if failed.is_none()
                && let Err(e) = packed.push(&item)
            {
                failed = Some(e);
            }
        });
        drop(text);
        if let Some(e) = failed {
            return Err(crate::error::failure(format!(
                "cannot hold the parsed list in memory: {e}"
            )));
        }
        store.import_packed(packed, &file.source, now, run)
    } else {
        import_while_parsing(store, text, &file.source, now, run)
    };
    imported.map_err(|e| match e {
        StoreError::NoItems => crate::error::failure(format!(
            "found no items in {what}: items are list entries or table rows with a link or a title"
        )),
        other => other.into(),
    })
}

/// The parser on another thread hands items on as they are final; the store writes them.
fn import_while_parsing(
    store: &mut Store,
    text: String,
    source: &ListSource,
    now: DateTime<Utc>,
    run: ImportRun,
) -> std::result::Result<Imported, StoreError> {
    // Items cross in batches: one hand-over per item woke the other thread each time (a futex
    // call per item, most of an import's system time).
    const HAND_OVER: usize = 256;
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Option<Vec<_>>>(4);
        scope.spawn(move || {
            // A send fails only when the import already failed; that error is reported.
            let mut batch = Vec::with_capacity(HAND_OVER);
            markdown::parse_each(&text, |item| {
                batch.push(item);
                if batch.len() == HAND_OVER {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(HAND_OVER));
                    let _ = sender.send(Some(full));
                }
            });
            drop(text);
            if !batch.is_empty() {
                let _ = sender.send(Some(batch));
            }
            let _ = sender.send(None);
        });
        // Items until the parser says it is done; a channel closed before that means the
        // parser crashed, and the import must not commit half a list.
        let mut finished = false;
        let mut current = Vec::new().into_iter();
        let items = std::iter::from_fn(move || {
            loop {
                if let Some(item) = current.next() {
                    return Some(Ok(item));
                }
                if finished {
                    return None;
                }
                match receiver.recv() {
                    Ok(Some(batch)) => current = batch.into_iter(),
                    Ok(None) => finished = true,
                    Err(_) => {
                        finished = true;
                        return Some(Err(StoreError::Invalid(
                            "the parser stopped before the end of the list".into(),
                        )));
                    }
                }
            }
        });
        store.import_stream(items, source, now, run)
    })
}

/// Why a list file could not be read, in a few words (`no such file`, `permission denied`).
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

/// Reads the list at `path`. `name` overrides the name a new list gets (the H1, else the
/// file name).
pub fn read(path: &Path, name: Option<&str>) -> Result<ListFile> {
    let cannot = |e: std::io::Error| {
        crate::error::failure(format!("cannot read {}: {}", path.display(), io_reason(&e)))
    };
    let real = std::fs::canonicalize(path).map_err(cannot)?;
    let meta = std::fs::metadata(&real).map_err(cannot)?;
    // Only regular files of a sane size: `/dev/zero` would grow without limit.
    let bytes = crate::files::read_list(path)?;
    let hash = hash(&bytes);
    let text = String::from_utf8(bytes).map_err(|_| {
        crate::error::failure(format!(
            "{} is not UTF-8 text; save it as UTF-8 and import again",
            path.display()
        ))
    })?;
    let file_name = real.file_name().map_or_else(
        || real.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let source = ListSource {
        path: real.display().to_string(),
        name: name
            .map(str::to_string)
            .or_else(|| title(&text))
            .unwrap_or(file_name),
        named: name.is_some(),
        size: Some(meta.len() as i64),
        mtime_ns: mtime_ns(&meta),
        hash: Some(hash),
        seeded: false,
    };
    Ok(ListFile { text, source })
}

/// The file's size and modification time, the two things a refresh compares.
pub fn fingerprint(path: &Path) -> std::io::Result<(i64, Option<i64>)> {
    let meta = std::fs::metadata(path)?;
    Ok((meta.len() as i64, mtime_ns(&meta)))
}

fn mtime_ns(meta: &std::fs::Metadata) -> Option<i64> {
    let since = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    i64::try_from(since.as_nanos()).ok()
}

/// SHA-256 of the bytes, as hex.
pub fn hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The text of the first level-1 heading, if any, without its images (an `Awesome` badge's alt
/// text is not part of the name).
pub fn title(text: &str) -> Option<String> {
    // The heading is nearly always near the top, and the parser's first pass reads the whole
    // text before the first event: a 10,000-item list took 15 ms here, before the import could
    // start. A heading found in the first lines is the document's (later text cannot turn a
    // line into a heading or out of one) unless its text has brackets: a reference image or
    // link defined further down reads differently, so the whole text decides then.
    const HEAD: usize = 16 * 1024;
    if text.len() > HEAD
        && let Some(cut) = text.as_bytes()[..HEAD].iter().rposition(|&b| b == b'\n')
        && let Some(name) = first_h1(&text[..=cut])
        && !name.contains(['[', ']'])
    {
        return Some(name);
    }
    first_h1(text)
}

fn first_h1(text: &str) -> Option<String> {
    let mut inside = false;
    let mut images = 0;
    let mut found = String::new();
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images -= 1,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => inside = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => {
                let name = crate::text::collapse(&found);
                if !name.is_empty() {
                    return Some(name);
                }
                inside = false;
            }
            Event::Text(t) | Event::Code(t) if inside && images == 0 => found.push_str(&t),
            _ => {}
        }
    }
    None
}

/// The file name of a recorded list path, as messages name it (`README.md`).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_named_by_its_first_h1() {
        assert_eq!(
            title("intro\n\n# My *ML* list\n\n## Papers\n# Second\n").as_deref(),
            Some("My ML list")
        );
        assert_eq!(
            title("# Awesome-LLM [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n")
                .as_deref(),
            Some("Awesome-LLM")
        );
        assert_eq!(
            title("# ![logo](l.png) Notes ![x](y.svg)\n").as_deref(),
            Some("Notes")
        );
        assert_eq!(title("## Only a section\n- [a](https://a.org)\n"), None);
        assert_eq!(title("```\n# not a heading\n```\n"), None);
    }

    #[test]
    fn a_long_list_is_named_as_a_whole_parse_would_name_it() {
        let filler = "- [an item](https://example.org/x)\n".repeat(1000);
        let cases = [
            (format!("# Name\n\n{filler}"), Some("Name")),
            // A fence open past the first lines: the heading inside it is not one.
            (format!("```\n# not\n{filler}```\n# Real\n"), Some("Real")),
            // A reference image defined at the end: only the whole text knows it is an image.
            (
                format!("# ![Awesome][badge] Name\n{filler}\n[badge]: https://b.org/b.svg\n"),
                Some("Name"),
            ),
            (format!("{filler}# Late\n"), Some("Late")),
            (filler.clone(), None),
        ];
        for (text, name) in cases {
            assert!(text.len() > 16 * 1024);
            assert_eq!(title(&text).as_deref(), name);
            assert_eq!(title(&text), first_h1(&text));
        }
    }

    #[test]
    fn file_names_come_from_the_path() {
        assert_eq!(file_name("/home/me/notes/README.md"), "README.md");
        assert_eq!(file_name("embedded:seed/ml-journey.md"), "ml-journey.md");
    }

    #[test]
    fn the_hash_is_stable_hex() {
        assert_eq!(
            hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
