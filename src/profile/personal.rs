//! Personal data flags: a column whose header or values look like data about
//! a person (emails, phone numbers, Social Security numbers, card numbers,
//! street addresses, dates of birth, names of people), each flag with the
//! plain reason a coordinator reads ("37 of 40 values look like email
//! addresses"). A flag is a prompt to look, not a verdict: the coordinator
//! sets each column's access.

use serde::{Deserialize, Serialize};

use super::values::{ColumnType, is_email};

/// The kinds of personal data the profile looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonalKind {
    Email,
    Phone,
    SocialSecurity,
    CardNumber,
    StreetAddress,
    DateOfBirth,
    PersonName,
}

impl PersonalKind {
    pub const ALL: [PersonalKind; 7] = [
        PersonalKind::Email,
        PersonalKind::Phone,
        PersonalKind::SocialSecurity,
        PersonalKind::CardNumber,
        PersonalKind::StreetAddress,
        PersonalKind::DateOfBirth,
        PersonalKind::PersonName,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PersonalKind::Email => "Email addresses",
            PersonalKind::Phone => "Phone numbers",
            PersonalKind::SocialSecurity => "Social Security numbers",
            PersonalKind::CardNumber => "Card numbers",
            PersonalKind::StreetAddress => "Street addresses",
            PersonalKind::DateOfBirth => "Dates of birth",
            PersonalKind::PersonName => "Names of people",
        }
    }

    /// "look like email addresses", for the reason.
    fn values_phrase(self) -> &'static str {
        match self {
            PersonalKind::Email => "look like email addresses",
            PersonalKind::Phone => "look like phone numbers",
            PersonalKind::SocialSecurity => "look like Social Security numbers",
            PersonalKind::CardNumber => "are card numbers (their check digit is right)",
            PersonalKind::StreetAddress => "look like street addresses",
            PersonalKind::DateOfBirth => "are dates",
            PersonalKind::PersonName => "look like names of people",
        }
    }

    /// The share of a column's values that must have the shape for a flag by
    /// values alone, as (of, in): one value in `in` for `of`. Card numbers
    /// need half: one number in ten passes the check digit by chance.
    fn share(self) -> (u64, u64) {
        match self {
            PersonalKind::CardNumber => (1, 2),
            PersonalKind::PersonName => (1, 2),
            _ => (1, 5),
        }
    }
}

/// One reason a column looks like personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalFlag {
    pub kind: PersonalKind,
    /// The plain reason, like "37 of 40 values look like email addresses".
    pub reason: String,
}

/// The values of one column that have each personal shape, counted while the
/// rows go by.
#[derive(Debug, Clone, Default)]
pub struct ShapeCounts {
    counts: [u64; 7],
}

impl ShapeCounts {
    /// Counts the shapes of one non-empty value (trimmed text).
    pub fn add(&mut self, text: &str) {
        for (i, kind) in PersonalKind::ALL.iter().enumerate() {
            if has_shape(*kind, text) {
                self.counts[i] += 1;
            }
        }
    }

    fn count(&self, kind: PersonalKind) -> u64 {
        self.counts[PersonalKind::ALL
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0)]
    }
}

/// Whether a value has the shape of a kind of personal data. A date of birth
/// has no shape of its own: it is a date under a header that says birth.
fn has_shape(kind: PersonalKind, text: &str) -> bool {
    match kind {
        PersonalKind::Email => is_email(text),
        PersonalKind::Phone => is_phone(text),
        PersonalKind::SocialSecurity => is_ssn(text),
        PersonalKind::CardNumber => is_card_number(text),
        PersonalKind::StreetAddress => is_street_address(text),
        PersonalKind::DateOfBirth => false,
        PersonalKind::PersonName => is_person_name(text),
    }
}

/// The flags of a column from its header, its type and its values' shapes.
pub fn flags(
    header: &str,
    kind: ColumnType,
    values: u64,
    shapes: &ShapeCounts,
) -> Vec<PersonalFlag> {
    let words = header_words(header);
    let mut flags = Vec::new();
    for personal in PersonalKind::ALL {
        let by_header = header_says(personal, &words);
        let count = match personal {
            PersonalKind::DateOfBirth => {
                if kind.is_date() {
                    values
                } else {
                    0
                }
            }
            other => shapes.count(other),
        };
        let (of, within) = personal.share();
        let by_values =
            personal != PersonalKind::DateOfBirth && count > 0 && count * within >= values * of;
        let values_reason = format!(
            "{} of {} {}",
            count,
            crate::workbook::limits::count_of(values as usize, "value", "values"),
            personal.values_phrase()
        );
        let reason = match (by_header, by_values) {
            (true, _) if count > 0 => format!(
                "the header \"{header}\" names {}, and {values_reason}",
                personal.label().to_lowercase()
            ),
            (true, _) => format!(
                "the header \"{header}\" names {}",
                personal.label().to_lowercase()
            ),
            (false, true) => values_reason,
            (false, false) => continue,
        };
        flags.push(PersonalFlag {
            kind: personal,
            reason: capitalize(&reason),
        });
    }
    flags
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A header's words, lowercase: "DateOfBirth", "date_of_birth" and "Date of
/// Birth" all give `date of birth`.
fn header_words(header: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut before: Option<char> = None;
    for c in header.chars() {
        let split =
            !c.is_alphanumeric() || (c.is_uppercase() && before.is_some_and(|b| b.is_lowercase()));
        if split && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        }
        before = Some(c);
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// Whether the header's words name a kind of personal data.
fn header_says(kind: PersonalKind, words: &[String]) -> bool {
    let has = |w: &str| words.iter().any(|x| x == w);
    let phrase = |p: &str| words.join(" ").contains(p);
    match kind {
        PersonalKind::Email => has("email") || (has("e") && has("mail")),
        PersonalKind::Phone => {
            has("phone") || has("telephone") || has("mobile") || has("cell") || has("fax")
        }
        PersonalKind::SocialSecurity => has("ssn") || phrase("social security"),
        PersonalKind::CardNumber => {
            phrase("card number") || phrase("credit card") || phrase("card no") || has("ccn")
        }
        PersonalKind::StreetAddress => {
            (has("address") || has("addr") || has("street"))
                && !has("email")
                && !has("ip")
                && !has("web")
                && !has("mail")
        }
        PersonalKind::DateOfBirth => {
            has("dob") || has("birth") || has("birthdate") || has("birthday") || has("born")
        }
        PersonalKind::PersonName => {
            let name = has("name");
            (name
                && [
                    "first", "last", "full", "given", "middle", "family", "person", "maiden",
                ]
                .iter()
                .any(|w| has(w)))
                || has("surname")
                || has("firstname")
                || has("lastname")
                || has("fullname")
        }
    }
}

/// A US phone number written with its separators: (619) 555-0123,
/// 619-555-0123, 619.555.0123, +1 619 555 0123.
fn is_phone(text: &str) -> bool {
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'))
    {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let separated = text.chars().any(|c| matches!(c, '-' | '.' | '(' | ' '));
    let national = match digits.len() {
        10 => digits.as_str(),
        11 if digits.starts_with('1') => &digits[1..],
        _ => return false,
    };
    // An area code and an exchange never start with 0 or 1.
    let b = national.as_bytes();
    separated && b[0] >= b'2' && b[3] >= b'2' && !is_ssn(text)
}

/// A Social Security number as written: 123-45-6789 (never area 000, 666 or
/// 900–999, group 00 or serial 0000).
fn is_ssn(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [area, group, serial] = parts.as_slice() else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    digits(area, 3)
        && digits(group, 2)
        && digits(serial, 4)
        && *area != "000"
        && *area != "666"
        && !area.starts_with('9')
        && *group != "00"
        && *serial != "0000"
}

/// A payment card number: 13 to 19 digits (spaces or dashes between groups
/// allowed), starting as the card networks do, whose check digit is right
/// (Luhn).
fn is_card_number(text: &str) -> bool {
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return false;
    }
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    (13..=19).contains(&digits.len()) && matches!(digits[0], 2..=6) && luhn(&digits)
}

/// The Luhn check: from the right, every second digit doubled (less 9 past 9);
/// the sum ends in 0.
pub fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let d = d * 2;
                if d > 9 { d - 9 } else { d }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

const STREET_WORDS: &[&str] = &[
    "st",
    "street",
    "ave",
    "av",
    "avenue",
    "rd",
    "road",
    "blvd",
    "boulevard",
    "dr",
    "drive",
    "ln",
    "lane",
    "way",
    "ct",
    "court",
    "pl",
    "place",
    "hwy",
    "highway",
    "pkwy",
    "parkway",
    "cir",
    "circle",
    "ter",
    "terrace",
    "trl",
    "trail",
    "sq",
    "square",
];

/// A street address: a house number, then words, one of them a street's
/// (St, Avenue, Blvd…): "1200 Third Ave", "3820 Ray St., San Diego, CA 92104".
fn is_street_address(text: &str) -> bool {
    let first_part = text.split(',').next().unwrap_or("");
    let words: Vec<&str> = first_part.split_whitespace().collect();
    if words.len() < 3 || words.len() > 8 {
        return false;
    }
    let number = words[0].trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if number.is_empty() || number.len() > 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    words[1..].iter().any(|w| {
        let w = w.trim_end_matches('.').to_ascii_lowercase();
        STREET_WORDS.contains(&w.as_str())
    })
}

/// Common given names (US census), for names of people by their values: a
/// value whose first word (or the word after "Last, ") is one.
const GIVEN_NAMES: &[&str] = &[
    "james",
    "mary",
    "john",
    "patricia",
    "robert",
    "jennifer",
    "michael",
    "linda",
    "william",
    "elizabeth",
    "david",
    "barbara",
    "richard",
    "susan",
    "joseph",
    "jessica",
    "thomas",
    "sarah",
    "charles",
    "karen",
    "christopher",
    "lisa",
    "daniel",
    "nancy",
    "matthew",
    "betty",
    "anthony",
    "margaret",
    "mark",
    "sandra",
    "donald",
    "ashley",
    "steven",
    "kimberly",
    "paul",
    "emily",
    "andrew",
    "donna",
    "joshua",
    "michelle",
    "kenneth",
    "carol",
    "kevin",
    "amanda",
    "brian",
    "maria",
    "george",
    "melissa",
    "jose",
    "ana",
    "juan",
    "rosa",
    "luis",
    "carmen",
    "carlos",
    "kim",
    "jane",
    "ana",
    "wei",
    "nguyen",
];

/// A person's name: two to four words, each capitalized, no digits, the given
/// name a common one ("Maria Lopez", "Lopez, Maria", "Jane Q. Doe").
fn is_person_name(text: &str) -> bool {
    if text.len() > 60 || text.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let (given, rest) = match text.split_once(',') {
        Some((last, first)) => (first.trim(), last.trim()),
        None => match text.split_once(' ') {
            Some((first, rest)) => (first, rest.trim()),
            None => return false,
        },
    };
    let given = given.split_whitespace().next().unwrap_or("");
    let words = text
        .split(|c: char| c == ' ' || c == ',')
        .filter(|w| !w.is_empty());
    let capitalized = words
        .clone()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let count = words.count();
    capitalized
        && (2..=4).contains(&count)
        && !rest.is_empty()
        && GIVEN_NAMES.contains(&given.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_a_test_card_and_refuses_one_digit_off() {
        let digits = |s: &str| s.chars().filter_map(|c| c.to_digit(10)).collect::<Vec<_>>();
        assert!(luhn(&digits("4111 1111 1111 1111")));
        assert!(!luhn(&digits("4111 1111 1111 1112")));
        assert!(is_card_number("4111-1111-1111-1111"));
        assert!(!is_card_number("4111-1111-1111-1112"));
    }

    #[test]
    fn each_personal_shape_is_told_from_its_neighbours() {
        assert!(is_phone("(619) 555-0123"));
        assert!(is_phone("+1 619 555 0123"));
        assert!(!is_phone("6195550123"), "digits alone may be an ID");
        assert!(is_ssn("123-45-6789"));
        assert!(!is_ssn("666-45-6789"));
        assert!(!is_phone("123-45-6789"));
        assert!(is_street_address("3820 Ray St., San Diego, CA 92104"));
        assert!(is_street_address("1200 Third Avenue"));
        assert!(!is_street_address("Balboa Park"));
        assert!(is_person_name("Maria Lopez"));
        assert!(is_person_name("Lopez, Maria"));
        assert!(!is_person_name("Mission Bay Park"));
    }

    #[test]
    fn a_header_names_personal_data_in_any_spelling() {
        assert_eq!(header_words("DateOfBirth"), ["date", "of", "birth"]);
        assert!(header_says(PersonalKind::DateOfBirth, &header_words("DOB")));
        assert!(header_says(
            PersonalKind::PersonName,
            &header_words("first_name")
        ));
        assert!(header_says(
            PersonalKind::PersonName,
            &header_words("LastName")
        ));
        assert!(!header_says(
            PersonalKind::PersonName,
            &header_words("Park name")
        ));
        assert!(header_says(
            PersonalKind::StreetAddress,
            &header_words("Home address")
        ));
        assert!(!header_says(
            PersonalKind::StreetAddress,
            &header_words("Email address")
        ));
        assert!(header_says(PersonalKind::Email, &header_words("E-mail")));
    }

    #[test]
    fn a_flag_by_values_says_how_many_values_have_the_shape() {
        let mut shapes = ShapeCounts::default();
        for _ in 0..37 {
            shapes.add("kim@example.org");
        }
        let flags = flags("Contact", ColumnType::Email, 40, &shapes);
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].reason, "37 of 40 values look like email addresses");
    }
}
