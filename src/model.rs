//! Plain data shared by the parser, the store and the reports.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What sort of study material an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Paper,
    Video,
    Tutorial,
    Course,
    Book,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Paper,
        Kind::Video,
        Kind::Tutorial,
        Kind::Course,
        Kind::Book,
        Kind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Video => "video",
            Kind::Tutorial => "tutorial",
            Kind::Course => "course",
            Kind::Book => "book",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind named by a section title such as "Papers" or "Video Lectures", if any.
    pub fn from_section_name(name: &str) -> Option<Kind> {
        name.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .find_map(|word| {
                let singular = word.strip_suffix(['s', 'S']).unwrap_or(word);
                [
                    ("paper", Kind::Paper),
                    ("video", Kind::Video),
                    ("tutorial", Kind::Tutorial),
                    ("course", Kind::Course),
                    ("book", Kind::Book),
                ]
                .into_iter()
                .find(|(name, _)| singular.eq_ignore_ascii_case(name))
                .map(|(_, kind)| kind)
            })
    }

    /// The kind suggested by where a URL points.
    pub fn from_url(url: &str) -> Kind {
        let lower = url.to_ascii_lowercase();
        let host = host_of(&lower);
        let video_hosts = ["youtube.com", "youtu.be", "vimeo.com", "bilibili.com"];
        let paper_hosts = [
            "arxiv.org",
            "openreview.net",
            "acm.org",
            "usenix.org",
            "aclanthology.org",
            "proceedings.neurips.cc",
            "papers.nips.cc",
            "proceedings.mlr.press",
            "semanticscholar.org",
        ];
        let course_hosts = [
            "coursera.org",
            "edx.org",
            "udacity.com",
            "fast.ai",
            "ocw.mit.edu",
        ];
        let path = lower.split(['?', '#']).next().unwrap_or("");
        if video_hosts.iter().any(|h| host_matches(host, h)) {
            Kind::Video
        } else if course_hosts.iter().any(|h| host_matches(host, h)) {
            Kind::Course
        } else if paper_hosts.iter().any(|h| host_matches(host, h)) || path.ends_with(".pdf") {
            Kind::Paper
        } else {
            Kind::Other
        }
    }
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#', ':']).next().unwrap_or("")
}

fn host_matches(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One link of an item; `url` is `None` when the list has an empty link such as `[paper]()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub label: String,
    pub url: Option<String>,
}

/// Where an item stands, derived from its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Todo,
    Started,
    Done,
    Reviewed,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::Started => "started",
            Status::Done => "done",
            Status::Reviewed => "reviewed",
            Status::Skipped => "skipped",
        }
    }

    pub const ALL: [Status; 5] = [
        Status::Todo,
        Status::Started,
        Status::Done,
        Status::Reviewed,
        Status::Skipped,
    ];

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// How far along the todo → started → done → reviewed path a status is.
    pub fn stage(self) -> u8 {
        match self {
            Status::Todo | Status::Skipped => 0,
            Status::Started => 1,
            Status::Done => 2,
            Status::Reviewed => 3,
        }
    }

    pub fn is_finished(self) -> bool {
        matches!(self, Status::Done | Status::Reviewed)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to an item. Events are appended, never edited; `Undo` cancels an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Start,
    Done,
    Review,
    Skip,
    Reset,
    Note,
    Undo,
    /// Stops an item's reviews until `Resume`.
    Suspend,
    Resume,
    /// A study session, recorded when it closes; its length is the event's `spent_s`.
    Session,
    /// `mlpath rm` of an item added by hand: it hides the item (undone, it shows it again).
    Remove,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Start => "start",
            EventKind::Done => "done",
            EventKind::Review => "review",
            EventKind::Skip => "skip",
            EventKind::Reset => "reset",
            EventKind::Note => "note",
            EventKind::Undo => "undo",
            EventKind::Suspend => "suspend",
            EventKind::Resume => "resume",
            EventKind::Session => "session",
            EventKind::Remove => "remove",
        }
    }

    pub const ALL: [EventKind; 11] = [
        EventKind::Start,
        EventKind::Done,
        EventKind::Review,
        EventKind::Skip,
        EventKind::Reset,
        EventKind::Note,
        EventKind::Undo,
        EventKind::Suspend,
        EventKind::Resume,
        EventKind::Session,
        EventKind::Remove,
    ];

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How well an item was remembered at a `done` or a `review`: FSRS's four grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again,
    Hard,
    Good,
    Easy,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    pub fn parse(s: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Joins a section path for people: `Papers / LLM / LLM inference`.
pub fn section_label(section: &[String]) -> String {
    section.join(" / ")
}

/// The `--section TEXT` filter: TEXT appears in the joined path, in any case, and the spaces
/// around `/` do not matter (`videos/general` matches `Videos / General`).
pub fn section_matches(section: &[String], text: Option<&str>) -> bool {
    text.is_none_or(|t| {
        comparable_section(&section_label(section)).contains(&comparable_section(t))
    })
}

/// Whether `text` names exactly `section`, compared as `--section` compares (any case, the
/// spaces around `/` ignored): `papers/llm` names `Papers / LLM`.
pub fn names_section(section: &[String], text: &str) -> bool {
    comparable_section(&section_label(section)) == comparable_section(text)
}

/// A section path as `--section` compares it: lower case, single spaces, none around `/`.
fn comparable_section(text: &str) -> String {
    text.split('/')
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("/")
        .to_lowercase()
}

/// Words of a `--section` filter that the database can look for in the stored path (a JSON
/// array) to narrow the search before [`section_matches`] decides. Only words SQLite's `LIKE`
/// compares the same way are kept: ASCII (it folds ASCII case only), and nothing JSON escapes.
pub fn section_search_words(text: Option<&str>) -> Vec<String> {
    let searchable = |word: &&str| {
        word.chars()
            .all(|c| c.is_ascii() && !c.is_ascii_control() && c != '"' && c != '\\')
    };
    text.map(|t| {
        t.split(|c: char| c == '/' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .filter(searchable)
            .map(String::from)
            .collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_filters_ignore_case_and_the_spaces_around_slashes() {
        let path: Vec<String> = ["Videos", "General"].map(String::from).to_vec();
        let cases = [
            (Some("videos/general"), true),
            (Some("Videos / General"), true),
            (Some("VIDEOS  /general"), true),
            (Some("os/gen"), true),
            (Some("general"), true),
            (None, true),
            (Some("videos/transformer"), false),
            (Some("general/videos"), false),
            (Some("video general"), false),
        ];
        for (text, expected) in cases {
            assert_eq!(section_matches(&path, text), expected, "{text:?}");
        }
        let accented: Vec<String> = vec!["Études".into(), "Deep  Learning".into()];
        assert!(section_matches(&accented, Some("ÉTUDES/deep learning")));
    }

    #[test]
    fn section_search_words_are_what_like_can_find_in_the_stored_path() {
        assert_eq!(
            section_search_words(Some(" Papers / LLM inference/")),
            ["Papers", "LLM", "inference"]
        );
        // SQLite folds ASCII case only, and JSON escapes quotes and backslashes.
        assert_eq!(section_search_words(Some("Études/a\\b/\"q\"/ok")), ["ok"]);
        assert!(section_search_words(None).is_empty());
    }

    #[test]
    fn kind_from_section_names() {
        assert_eq!(Kind::from_section_name("Papers"), Some(Kind::Paper));
        assert_eq!(Kind::from_section_name("video lectures"), Some(Kind::Video));
        assert_eq!(Kind::from_section_name("COURSE"), Some(Kind::Course));
        assert_eq!(Kind::from_section_name("Books"), Some(Kind::Book));
        assert_eq!(Kind::from_section_name("LLM inference"), None);
        assert_eq!(Kind::from_section_name("Paperclip"), None);
    }

    #[test]
    fn kind_from_urls() {
        assert_eq!(Kind::from_url("https://youtu.be/x"), Kind::Video);
        assert_eq!(
            Kind::from_url("https://www.youtube.com/watch?v=1"),
            Kind::Video
        );
        assert_eq!(Kind::from_url("https://arxiv.org/abs/1"), Kind::Paper);
        assert_eq!(Kind::from_url("https://dl.acm.org/doi/1"), Kind::Paper);
        assert_eq!(Kind::from_url("https://x.org/a/b.PDF"), Kind::Paper);
        assert_eq!(Kind::from_url("https://notyoutube.com/"), Kind::Other);
        assert_eq!(Kind::from_url("https://pytorch.org/tutorials"), Kind::Other);
        for course in [
            "https://www.coursera.org/learn/machine-learning",
            "https://www.edx.org/course/cs50",
            "https://www.udacity.com/course/deep-learning--ud730",
            "https://course.fast.ai/",
            "https://www.fast.ai",
            "https://ocw.mit.edu/courses/6-036/",
        ] {
            assert_eq!(Kind::from_url(course), Kind::Course, "{course}");
        }
        assert_eq!(Kind::from_url("https://notcoursera.org/"), Kind::Other);
        assert_eq!(Kind::from_url("https://mit.edu/a"), Kind::Other);
    }
}
