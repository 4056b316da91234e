//! What `restore` warns of.

use super::safe;
use crate::export::Unheld;

/// One line per list that items name but the document does not hold (an older `export --list`
/// wrote such places): the items are restored, without their place in that list.
pub fn unheld_lines(file: &str, unheld: &[Unheld]) -> Vec<String> {
    let mut lists: Vec<(&str, Vec<&str>, bool)> = Vec::new();
    for u in unheld {
        match lists.iter_mut().find(|(list, ..)| *list == u.list) {
            Some((_, slugs, hidden)) => {
                slugs.push(&u.slug);
                *hidden |= u.hidden;
            }
            None => lists.push((&u.list, vec![&u.slug], u.hidden)),
        }
    }
    lists
        .into_iter()
        .map(|(list, slugs, hidden)| {
            let mut named: Vec<String> = slugs.iter().take(3).map(|s| safe(s, false)).collect();
            if slugs.len() > 3 {
                named.push("…".into());
            }
            format!(
                "{} does not hold the list '{}' that {} item(s) name ({}); they are restored without their place in it{}",
                safe(file, false),
                safe(list, false),
                slugs.len(),
                named.join(", "),
                match hidden {
                    true => ", and those no other list holds are hidden with their history (`mlpath list --all` shows them)",
                    false => "",
                }
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unheld(slug: &str, list: &str) -> Unheld {
        Unheld {
            slug: slug.into(),
            list: list.into(),
            hidden: slug == "y",
        }
    }

    #[test]
    fn one_warning_per_missing_list() {
        let lines = unheld_lines(
            "a.json",
            &[
                unheld("x", "Beta"),
                unheld("y", "Gamma"),
                unheld("z", "Beta"),
                unheld("w", "Beta"),
                unheld("v", "Beta"),
            ],
        );
        assert_eq!(
            lines,
            [
                "a.json does not hold the list 'Beta' that 4 item(s) name (x, z, w, …); they are restored without their place in it",
                "a.json does not hold the list 'Gamma' that 1 item(s) name (y); they are restored without their place in it, and those no other list holds are hidden with their history (`mlpath list --all` shows them)",
            ]
        );
    }
}
