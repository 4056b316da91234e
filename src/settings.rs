//! The settings `mlpath config` knows: keys dotted by area, each with a default, the values
//! it accepts and one line saying what it does. Pure; the store keeps the values.

/// One setting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Setting {
    pub key: &'static str,
    pub default: &'static str,
    pub values: &'static [&'static str],
    pub about: &'static str,
}

const ON_OFF: &[&str] = &["on", "off"];

/// Every setting, in the order `mlpath config` lists them.
pub(crate) const SETTINGS: &[Setting] = &[Setting {
    key: "list.refresh",
    default: "on",
    values: ON_OFF,
    about: "before each command, re-import the list files that changed",
}];

/// The setting named `key`, or a message naming the valid keys.
pub(crate) fn find(key: &str) -> Result<&'static Setting, String> {
    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| {
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
        if self.values.contains(&value) {
            Ok(())
        } else {
            Err(format!(
                "{} is {}, not '{value}'",
                self.key,
                self.values.join(" or ")
            ))
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
            find("list.refrsh").unwrap_err(),
            "unknown setting 'list.refrsh'; the settings are list.refresh"
        );
        let refresh = find("list.refresh").unwrap();
        assert_eq!(
            refresh.check("yes").unwrap_err(),
            "list.refresh is on or off, not 'yes'"
        );
        assert_eq!(refresh.value_or_default(Some("off".into())), "off");
        assert_eq!(refresh.value_or_default(Some("bogus".into())), "on");
        assert_eq!(refresh.value_or_default(None), "on");
    }
}
