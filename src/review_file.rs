//! Where an item's review file lives, and the template a new one starts from. Pure.

use crate::model::Link;
use crate::state::ItemState;
use chrono::{DateTime, Utc};
use std::path::{Component, Path, PathBuf};

/// The review file of `slug`: the file its `review` link points to, relative to `list_dir` (the
/// folder of its list, or the data folder for the built-in list), else `reviews/<slug>.md` there.
/// A review link that is a web page, or that leaves the folder, is refused with the reason.
pub fn path(links: &[Link], list_dir: &Path, slug: &str) -> Result<PathBuf, String> {
    let review = links
        .iter()
        .find(|l| l.label.eq_ignore_ascii_case("review"))
        .and_then(|l| l.url.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let Some(url) = review else {
        return Ok(list_dir.join("reviews").join(format!("{slug}.md")));
    };
    let lower = url.to_ascii_lowercase();
    let relative = match lower.strip_prefix("file://") {
        Some(rest) => &url[url.len() - rest.len()..],
        None if lower.contains("://") || lower.starts_with("mailto:") => {
            return Err(format!(
                "the review link of {slug} is a web page ({url}); `mlpath open {slug} --link review` opens it"
            ));
        }
        None => url,
    };
    let relative = relative.split(['#', '?']).next().unwrap_or(relative);
    let relative = Path::new(relative);
    let inside = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !inside || relative.file_name().is_none() {
        return Err(format!(
            "the review link of {slug} ({url}) leaves the list's folder {}; edit the link in the list",
            list_dir.display()
        ));
    }
    Ok(list_dir.join(relative))
}

/// What a review file is made from.
pub struct TemplateItem<'a> {
    pub title: &'a str,
    pub links: &'a [Link],
    pub url: Option<&'a str>,
    pub venue: Option<&'a str>,
    pub year: Option<i32>,
    pub state: &'a ItemState,
}

/// A new review file: the title, links, venue and year, the dates of the item's events, and
/// headings to fill in.
pub fn template(item: &TemplateItem, date: impl Fn(DateTime<Utc>) -> String) -> String {
    let mut text = format!("# {}\n\n", item.title);
    let mut links: Vec<String> = item
        .url
        .filter(|u| !item.links.iter().any(|l| l.url.as_deref() == Some(*u)))
        .map(|u| format!("<{u}>"))
        .into_iter()
        .collect();
    links.extend(
        item.links
            .iter()
            .filter(|l| !l.label.eq_ignore_ascii_case("review"))
            .filter_map(|l| Some(format!("[{}]({})", l.label, l.url.as_deref()?))),
    );
    if !links.is_empty() {
        text.push_str(&format!("- Links: {}\n", links.join(" · ")));
    }
    let venue = match (item.venue, item.year) {
        (Some(v), _) => Some(v.to_string()),
        (None, Some(y)) => Some(y.to_string()),
        (None, None) => None,
    };
    if let Some(venue) = venue {
        text.push_str(&format!("- Venue: {venue}\n"));
    }
    let s = item.state;
    let dates: Vec<String> = [
        ("started", s.started_at),
        ("done", s.done_at),
        ("last reviewed", s.reviewed_at),
    ]
    .into_iter()
    .filter_map(|(what, at)| Some(format!("{what} {}", date(at?))))
    .collect();
    if !dates.is_empty() {
        text.push_str(&format!("- Dates: {}\n", dates.join(" · ")));
    }
    text.push_str("\n## Summary\n\n\n## Key ideas\n\n\n## Questions\n\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn link(label: &str, url: &str) -> Link {
        Link {
            label: label.into(),
            url: Some(url.into()),
        }
    }

    #[test]
    fn the_review_link_names_the_file_else_reviews_slug_md() {
        let dir = Path::new("/notes");
        assert_eq!(
            path(&[link("review", "reviews/flexgen.md")], dir, "flexgen"),
            Ok(PathBuf::from("/notes/reviews/flexgen.md"))
        );
        assert_eq!(
            path(&[link("Review", "./r/a.md#top")], dir, "a"),
            Ok(PathBuf::from("/notes/./r/a.md"))
        );
        assert_eq!(
            path(&[link("paper", "https://x.org/a.pdf")], dir, "a"),
            Ok(PathBuf::from("/notes/reviews/a.md"))
        );
        let empty = Link {
            label: "review".into(),
            url: None,
        };
        assert_eq!(
            path(&[empty], dir, "a"),
            Ok(PathBuf::from("/notes/reviews/a.md"))
        );
    }

    #[test]
    fn review_links_outside_the_folder_or_on_the_web_are_refused() {
        let dir = Path::new("/notes");
        for url in [
            "../secret.md",
            "/etc/passwd",
            "reviews/../../x.md",
            "https://a.org/r",
        ] {
            let err = path(&[link("review", url)], dir, "a").unwrap_err();
            assert!(err.contains("review link of a"), "{url}: {err}");
        }
    }

    #[test]
    fn the_template_has_the_item_and_the_headings() {
        let state = ItemState {
            done_at: Some(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap()),
            ..ItemState::default()
        };
        let links = [
            link("paper", "https://arxiv.org/abs/1"),
            link("review", "reviews/a.md"),
        ];
        let text = template(
            &TemplateItem {
                title: "FlexGen",
                links: &links,
                url: Some("https://arxiv.org/abs/1"),
                venue: Some("ICML'23"),
                year: Some(2023),
                state: &state,
            },
            |t| t.format("%Y-%m-%d").to_string(),
        );
        assert_eq!(
            text,
            "# FlexGen\n\n- Links: [paper](https://arxiv.org/abs/1)\n- Venue: ICML'23\n\
             - Dates: done 2026-11-20\n\n## Summary\n\n\n## Key ideas\n\n\n## Questions\n\n"
        );
    }
}
