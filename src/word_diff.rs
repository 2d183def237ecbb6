//! A word diff of two texts: what a change removes and what it adds, word by
//! word, so that a long text changed by a file can be read whole with the
//! difference marked (the import preview). The diff itself is `similar`'s.

use std::time::Duration;

use similar::utils::TextDiffRemapper;
use similar::{ChangeTag, TextDiff};

/// One run of a diff, in the order of the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// In both texts.
    Same,
    /// In the old text only.
    Removed,
    /// In the new text only.
    Added,
}

/// The runs of `old` and `new`, each a slice of one of them: the `Same` and
/// `Removed` runs make `old` again, the `Same` and `Added` runs `new`.
/// Spaces and line breaks are kept as they are.
pub fn word_diff<'a>(old: &'a str, new: &'a str) -> Vec<(Part, &'a str)> {
    // A very long text could take long to compare word by word; past the
    // deadline, `similar` gives a coarser diff that is still right.
    let diff = TextDiff::configure()
        .timeout(Duration::from_millis(200))
        .diff_words(old, new);
    let remap = TextDiffRemapper::from_text_diff(&diff, old, new);
    let mut runs: Vec<(Part, &'a str)> = Vec::new();
    for op in diff.ops() {
        for (tag, text) in remap.iter_slices(op) {
            let part = match tag {
                ChangeTag::Equal => Part::Same,
                ChangeTag::Delete => Part::Removed,
                ChangeTag::Insert => Part::Added,
            };
            runs.push((part, text));
        }
    }
    runs
}

/// The diff as plain text with markers, so that it is read right without
/// colour (and by a screen reader): `[− removed words]` and `[+ added words]`.
pub fn marked(runs: &[(Part, &str)]) -> String {
    let mut out = String::new();
    for (part, text) in runs {
        match part {
            Part::Same => out.push_str(text),
            Part::Removed => out.push_str(&format!("[− {text}]")),
            Part::Added => out.push_str(&format!("[+ {text}]")),
        }
    }
    out
}

/// Whether a value is too long to read on one line beside another, so the
/// preview shows it whole, with its diff.
pub fn is_long(text: &str) -> bool {
    text.chars().count() > 60 || text.contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuilt(runs: &[(Part, &str)], keep: Part) -> String {
        runs.iter()
            .filter(|(p, _)| *p == Part::Same || *p == keep)
            .map(|(_, t)| *t)
            .collect()
    }

    #[test]
    fn a_changed_word_is_marked_removed_and_added_and_the_rest_is_the_same() {
        let runs = word_diff(
            "Trees planted by the city each spring",
            "Trees planted by the city each autumn",
        );
        assert!(runs.contains(&(Part::Removed, "spring")), "{runs:?}");
        assert!(runs.contains(&(Part::Added, "autumn")), "{runs:?}");
        assert_eq!(
            marked(&runs),
            "Trees planted by the city each [− spring][+ autumn]"
        );
    }

    #[test]
    fn the_runs_make_both_texts_again_with_their_spaces_and_lines() {
        let old = "One record per tree.\nUpdated  monthly by Parks.";
        let new = "One record per street tree.\nUpdated weekly by Parks and Forestry.";
        let runs = word_diff(old, new);
        assert_eq!(rebuilt(&runs, Part::Removed), old);
        assert_eq!(rebuilt(&runs, Part::Added), new);
    }

    #[test]
    fn an_empty_side_is_all_added_or_all_removed() {
        assert_eq!(word_diff("", "New text"), [(Part::Added, "New text")]);
        assert_eq!(word_diff("Old text", ""), [(Part::Removed, "Old text")]);
        assert_eq!(word_diff("Same", "Same"), [(Part::Same, "Same")]);
        assert!(word_diff("", "").is_empty());
    }

    #[test]
    fn a_long_or_many_line_text_is_shown_whole() {
        assert!(!is_long("Kim Lee"));
        assert!(is_long("a\nb"));
        assert!(is_long(&"word ".repeat(20)));
    }
}
