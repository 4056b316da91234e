//! The settings `mlpath config` knows: keys dotted by area, each with a default, the values
//! it accepts and one line saying what it does. Pure; the store keeps the values.

/// One setting.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Setting {
    pub key: &'static str,
    pub default: &'static str,
    pub values: Values,
    pub about: &'static str,
}

/// What a setting accepts.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Values {
    OneOf(&'static [&'static str]),
    /// Checked by a function that says what is wrong, e.g. a number out of range.
    Checked(fn(&str) -> Result<(), String>),
}

const ON_OFF: Values = Values::OneOf(&["on", "off"]);

/// Every setting, in the order `mlpath config` lists them.
pub(crate) const SETTINGS: &[Setting] = &[
    Setting {
        key: "list.refresh",
        default: "on",
        values: ON_OFF,
        about: "before each command, re-import the list files that changed",
    },
    Setting {
        key: "list.write-back",
        default: "off",
        values: ON_OFF,
        about: "write each status change into its list file as a task box at once",
    },
    Setting {
        key: "review.retention",
        default: "0.9",
        values: Values::Checked(|v| crate::schedule::parse_retention(v).map(drop)),
        about: "the chance of still remembering an item when its review is due (0.70 to 0.97)",
    },
    Setting {
        key: "review.max-interval",
        default: "365",
        values: Values::Checked(|v| crate::schedule::parse_max_interval(v).map(drop)),
        about: "the most days between two reviews",
    },
    Setting {
        key: "review.kinds",
        default: "paper",
        values: Values::Checked(|v| crate::schedule::parse_kinds(v).map(drop)),
        about: "the kinds of item that get reviews, comma-separated (none for no reviews)",
    },
    Setting {
        key: "session.max",
        default: crate::session::DEFAULT_MAX,
        values: Values::Checked(|v| crate::session::parse_duration(v).map(drop)),
        about: "a study session left open longer is cut there (e.g. 4h, 90m)",
    },
    Setting {
        key: "goal.date",
        default: "none",
        values: Values::Checked(|v| crate::stats::parse_goal(v).map(drop)),
        about: "the day to finish the list by, e.g. 2027-03-01 (`stats` says if you are on track)",
    },
    Setting {
        key: "sync.dir",
        default: "",
        values: Values::Checked(check_folder),
        about: "the folder `mlpath sync` shares journals through (set by the first sync DIR)",
    },
    Setting {
        key: "sync.notes",
        default: "on",
        values: ON_OFF,
        about: "journal notes for other devices (off: notes stay on this device)",
    },
    Setting {
        key: "sync.auto",
        default: "off",
        values: ON_OFF,
        about: "after each change, append it to this device's journal (no git)",
    },
];

/// A sync folder: an absolute path (empty: none yet).
fn check_folder(value: &str) -> Result<(), String> {
    if value.is_empty() || std::path::Path::new(value).is_absolute() {
        Ok(())
    } else {
        Err(format!("'{value}' is not an absolute path"))
    }
}

/// The setting named `key`, or a message naming the valid keys.
pub(crate) fn find(key: &str) -> Result<&'static Setting, String> {
    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| {
        let closest = SETTINGS
            .iter()
            .map(|s| (strsim::jaro_winkler(&key.to_lowercase(), s.key), s.key))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score >= 0.85);
        if let Some((_, near)) = closest {
            return format!(
                "unknown setting '{key}'; did you mean '{near}'? (`mlpath config` lists them all)"
            );
        }
        let keys: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
        format!(
            "unknown setting '{key}'; the settings are {}",
            keys.join(", ")
        )
    })
}

impl Setting {
    /// `value` if the setting accepts it, else a message naming the valid values.
    pub(crate) fn check(&self, value: &str) -> Result<(), String> {
        match self.values {
            Values::OneOf(values) if values.contains(&value) => Ok(()),
            Values::OneOf(values) => Err(format!(
                "{} is {}, not '{value}'",
                self.key,
                values.join(" or ")
            )),
            Values::Checked(check) => check(value).map_err(|e| format!("{}: {e}", self.key)),
        }
    }

    /// The value in force: the stored one when it is valid, else the default.
    pub(crate) fn value_or_default(&self, stored: Option<String>) -> String {
        stored
            .filter(|v| self.check(v).is_ok())
            .unwrap_or_else(|| self.default.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_dotted_and_defaults_valid() {
        for s in SETTINGS {
            assert!(s.key.contains('.'), "{}", s.key);
            assert!(s.check(s.default).is_ok(), "{}", s.key);
            assert!(!s.about.is_empty());
        }
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_valid_ones() {
        assert_eq!(
            find("colour").unwrap_err(),
            "unknown setting 'colour'; the settings are list.refresh, list.write-back, \
             review.retention, review.max-interval, review.kinds, session.max, goal.date, \
             sync.dir, sync.notes, sync.auto"
        );
        // A typo gets the one it is close to.
        for (typo, near) in [
            ("list.refrsh", "list.refresh"),
            ("goal.dat", "goal.date"),
            ("Session.Max", "session.max"),
            ("review.retension", "review.retention"),
        ] {
            assert_eq!(
                find(typo).unwrap_err(),
                format!(
                    "unknown setting '{typo}'; did you mean '{near}'? (`mlpath config` lists them all)"
                )
            );
        }
        let refresh = find("list.refresh").unwrap();
        assert_eq!(
            refresh.check("yes").unwrap_err(),
            "list.refresh is on or off, not 'yes'"
        );
        assert_eq!(refresh.value_or_default(Some("off".into())), "off");
        assert_eq!(refresh.value_or_default(Some("bogus".into())), "on");
        assert_eq!(refresh.value_or_default(None), "on");
        let max = find("session.max").unwrap();
        assert_eq!(max.check("90 min"), Ok(()));
        assert!(
            max.check("soon")
                .unwrap_err()
                .starts_with("session.max: cannot read")
        );
        assert_eq!(max.value_or_default(Some("soon".into())), "4h");
    }

    #[test]
    fn the_goal_is_a_date_or_none() {
        let goal = find("goal.date").unwrap();
        assert_eq!(goal.check("2027-03-01"), Ok(()));
        assert_eq!(goal.check("none"), Ok(()));
        assert_eq!(
            goal.check("2027-02-30").unwrap_err(),
            "goal.date: '2027-02-30' is not a date; give one as YYYY-MM-DD (e.g. 2027-03-01), or none"
        );
        assert_eq!(goal.value_or_default(Some("March".into())), "none");
    }

    #[test]
    fn review_settings_check_their_ranges() {
        let retention = find("review.retention").unwrap();
        assert!(retention.check("0.85").is_ok());
        assert_eq!(
            retention.check("0.99").unwrap_err(),
            "review.retention: 0.99 is out of range; give a number from 0.70 to 0.97"
        );
        assert!(find("review.max-interval").unwrap().check("0").is_err());
        assert!(find("review.kinds").unwrap().check("paper,video").is_ok());
        assert!(find("review.kinds").unwrap().check("none").is_ok());
        assert_eq!(
            find("review.kinds").unwrap().check("papers").unwrap_err(),
            "review.kinds: unknown kind 'papers'; the kinds are paper, video, tutorial, course, \
             book, other (or none)"
        );
    }
}
