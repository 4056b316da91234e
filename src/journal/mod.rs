//! Journals: how several devices share one history (issue 14). Each device appends its own
//! events to `<device-id>.jsonl` in a shared folder and reads every other device's file from
//! where it stopped. This module knows the line format, the keys that name items across
//! devices, reading and appending files, and git; it never touches the database (the
//! `exchange` module joins it to the store).

pub mod git;
pub mod key;
pub mod line;
pub mod read;
pub mod write;

pub use line::{ItemBody, ItemFields};

/// The file name of a device's journal.
pub fn file_name(device: &str) -> String {
    format!("{device}.jsonl")
}

/// Whether `id` is a UUID as mlpath writes them (lower-case, hyphenated).
pub fn is_uuid(id: &str) -> bool {
    uuid::Uuid::try_parse(id).is_ok_and(|u| u.hyphenated().to_string() == id)
}

/// The device whose journal `name` is, if it is one (`<uuid>.jsonl`); other files in the
/// folder (a README, `.gitattributes`, a sync tool's temporary files) are not journals.
pub fn device_of(name: &str) -> Option<&str> {
    let device = name.strip_suffix(".jsonl")?;
    is_uuid(device).then_some(device)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_hyphenated_uuids_name_journals() {
        let id = "01937c4e-8a1b-7cc3-9d2e-0123456789ab";
        assert_eq!(device_of(&file_name(id)), Some(id));
        assert_eq!(device_of("README.jsonl"), None);
        assert_eq!(device_of(&format!("{id}.jsonl.tmp")), None);
        assert_eq!(device_of(&file_name(&id.to_uppercase())), None);
        assert_eq!(device_of(&file_name(&id.replace('-', ""))), None);
    }
}
