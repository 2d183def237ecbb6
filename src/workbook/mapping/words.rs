//! A header as the words a person reads in it: `AGENCY_NAME`, `AgencyName`,
//! `agency name` and `AGENCYNAME` are the same two words. Words are split at
//! punctuation, at CamelCase and acronym boundaries, and run-together words are
//! cut where every piece is a word the vocabulary knows.

/// The words of a header, lower case, in order.
pub fn split(header: &str, known: impl Fn(&str) -> bool) -> Vec<String> {
    let mut words = Vec::new();
    for token in header.split(|c: char| !c.is_alphanumeric()) {
        for piece in camel_pieces(token, &known) {
            let lower = piece.to_lowercase();
            match run_together(&lower, &known) {
                Some(parts) => words.extend(parts),
                None => words.push(lower),
            }
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

/// Splits `dataSetName`, `URLdataAccess` and `LTARSite` at their case changes.
/// An upper-case run followed by lower case ends one letter early (`LTARSite` →
/// `LTAR`, `Site`), unless the whole run is a known word (`URLdata` → `URL`, `data`).
fn camel_pieces<'a>(token: &'a str, known: &impl Fn(&str) -> bool) -> Vec<&'a str> {
    let chars: Vec<(usize, char)> = token.char_indices().collect();
    let mut cuts = vec![0];
    let mut i = 1;
    while i < chars.len() {
        let (at, c) = chars[i];
        let (_, before) = chars[i - 1];
        let letter_digit = c.is_ascii_digit() != before.is_ascii_digit();
        if before.is_lowercase() && c.is_uppercase() || letter_digit {
            cuts.push(at);
        } else if before.is_uppercase() && c.is_lowercase() {
            // The end of an upper-case run: `URLdata` or `LTARSite`?
            let start = *cuts.last().unwrap_or(&0);
            let run = &token[start..at];
            if run.chars().count() >= 2 && known(&run.to_lowercase()) {
                cuts.push(at);
            } else if run.chars().count() >= 2 {
                cuts.push(chars[i - 1].0);
            }
        }
        i += 1;
    }
    cuts.push(token.len());
    cuts.dedup();
    cuts.windows(2).map(|w| &token[w[0]..w[1]]).collect()
}

/// The longest word the vocabulary may hold, in letters: a run-together
/// word's pieces are looked up up to this length only (the mapping's tests
/// check that no vocabulary word is longer).
pub const MAX_WORD: usize = 24;

/// The longest run-together word that is cut into pieces, in letters: the
/// longest real one seen (`datasetclassificationname`) has 25. Past this a
/// header is not words run together (a pasted text, a file made to cause
/// harm), and cutting it would cost time in the square of its length.
pub const MAX_RUN_TOGETHER: usize = 100;

/// `agencyname` → `agency`, `name`: the fewest known words (two letters or
/// more) that make up a word the vocabulary does not know; `None` when the word
/// is known, short, long past `MAX_RUN_TOGETHER`, or cannot be cut so.
fn run_together(word: &str, known: &impl Fn(&str) -> bool) -> Option<Vec<String>> {
    if word.len() < 6
        || word.len() > MAX_RUN_TOGETHER
        || known(word)
        || !word.chars().all(|c| c.is_ascii_lowercase())
    {
        return None;
    }
    let n = word.len();
    // best[i]: the fewest pieces that make up word[..i], and where the last starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 2..=n {
        for start in end.saturating_sub(MAX_WORD)..end - 1 {
            let Some((count, _)) = best[start] else {
                continue;
            };
            if known(&word[start..end]) && best[end].is_none_or(|(c, _)| count + 1 < c) {
                best[end] = Some((count + 1, start));
            }
        }
    }
    best[n]?;
    let mut parts = Vec::new();
    let mut end = n;
    while end > 0 {
        let (_, start) = best[end]?;
        parts.push(word[start..end].to_string());
        end = start;
    }
    parts.reverse();
    (parts.len() > 1).then_some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(w: &str) -> bool {
        [
            "agency", "name", "data", "set", "url", "access", "id", "open", "dataset",
        ]
        .contains(&w)
    }

    #[test]
    fn snake_camel_and_run_together_headers_split_into_their_words() {
        assert_eq!(split("AGENCY_NAME", known), ["agency", "name"]);
        assert_eq!(split("AGENCYNAME", known), ["agency", "name"]);
        assert_eq!(
            split("DataSetVariableName", known),
            ["data", "set", "variable", "name"]
        );
        assert_eq!(split("URLdataAccess", known), ["url", "data", "access"]);
        assert_eq!(split("LTARSite.Code", known), ["ltar", "site", "code"]);
        assert_eq!(split("hasEmail", known), ["has", "email"]);
        assert_eq!(split("OPENDATA_PORTAL", known), ["open", "data", "portal"]);
        assert_eq!(split("Dataset name", known), ["dataset", "name"]);
        assert_eq!(split("Notes 2", known), ["notes", "2"]);
        assert_eq!(split("", known), Vec::<String>::new());
    }

    #[test]
    fn a_run_together_header_past_100_letters_is_one_word_not_cut_at_a_square_cost() {
        let long = "agencyname".repeat(10);
        assert_eq!(split(&long, known).len(), 20, "100 letters are cut");
        let longer = "agencyname".repeat(10_000);
        let start = std::time::Instant::now();
        assert_eq!(split(&longer, known), [longer.clone()]);
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }
}
