//! Links as a portal's harvester reads them. A link is kept in the inventory
//! as the person or the portal wrote it (`Café Permits|2024`); the catalog
//! writes it as an address (an IRI made a URI): a space, a `|`, a letter
//! outside ASCII and the other characters an address may not hold are
//! percent-encoded, byte by byte of their UTF-8 (`Caf%C3%A9%20Permits%7C2024`).
//! A link already encoded (`%20`) is left as it is, and a browser opens both
//! forms at the same page.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What RFC 3986 does not allow anywhere in an address; letters outside ASCII
/// are always encoded by `utf8_percent_encode`. `%` is handled apart: it
/// stays when it starts an escape.
const NOT_IN_AN_ADDRESS: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The link as the catalog writes it.
pub fn for_portal(link: &str) -> String {
    let link = link.trim();
    let bytes = link.as_bytes();
    let mut escaped = String::with_capacity(link.len());
    for (i, c) in link.char_indices() {
        let starts_escape = bytes.len() > i + 2
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit();
        if c == '%' && !starts_escape {
            escaped.push_str("%25");
        } else {
            escaped.push(c);
        }
    }
    utf8_percent_encode(&escaped, NOT_IN_AN_ADDRESS).to_string()
}

/// Whether the link names how to reach it (`https:`, `ftp:`, `mailto:`…):
/// a portal takes only such whole addresses.
pub fn has_scheme(link: &str) -> bool {
    let Some((scheme, _)) = link.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A web page's address: `http://` or `https://`.
pub fn is_web_address(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_letters_spaces_and_bars_are_encoded_and_escapes_are_kept() {
        assert_eq!(
            for_portal("https://data.city.gov/Café Permits|2024?q=a b"),
            "https://data.city.gov/Caf%C3%A9%20Permits%7C2024?q=a%20b"
        );
        assert_eq!(
            for_portal("https://data.city.gov/a%20b/100%"),
            "https://data.city.gov/a%20b/100%25"
        );
        let plain = "https://data.city.gov/d/abc-123?x=1&y=2#top";
        assert_eq!(for_portal(plain), plain);
        assert_eq!(
            for_portal("https://x.org/ü"),
            for_portal(&for_portal("https://x.org/ü"))
        );
    }

    #[test]
    fn only_a_whole_address_has_a_scheme() {
        assert!(has_scheme("ftp://x.org/a.csv"));
        assert!(has_scheme("https://x.org"));
        assert!(!has_scheme("see the manual"));
        assert!(!has_scheme("x.org/a:b"));
        assert!(is_web_address("HTTPS://x.org"));
        assert!(!is_web_address("ftp://x.org"));
    }
}
