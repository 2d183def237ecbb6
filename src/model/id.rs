//! Inventory IDs: `ABC-0001`, the department's three-letter code and a number.
//!
//! An ID is given once and never reused, so a row in a workbook that went to the
//! CDO and came back always finds its dataset again.

use std::fmt;
use std::str::FromStr;

use super::dataset::FieldError;

/// A department's three-letter code, always upper case. Held as its three
/// letters, not as a text: every dataset's ID has one, and an import of
/// 100,000 datasets copies and compares IDs millions of times.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DepartmentCode([u8; 3]);

impl DepartmentCode {
    pub fn as_str(&self) -> &str {
        // Only `from_str` makes a code, of three ASCII letters.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl FromStr for DepartmentCode {
    type Err = FieldError;
    fn from_str(text: &str) -> Result<Self, FieldError> {
        match text.trim().as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => Ok(DepartmentCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
                c.to_ascii_uppercase(),
            ])),
            _ => Err(FieldError::NotADepartmentCode(text.trim().to_string())),
        }
    }
}

impl fmt::Debug for DepartmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DepartmentCode")
            .field(&self.as_str())
            .finish()
    }
}

/// Written as its text ("PRK"), as when it was held as one.
impl serde::Serialize for DepartmentCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for DepartmentCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for DepartmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The permanent ID of one dataset.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct InventoryId {
    pub department: DepartmentCode,
    pub number: u32,
}

impl InventoryId {
    pub fn new(department: DepartmentCode, number: u32) -> Self {
        InventoryId { department, number }
    }
}

impl fmt::Display for InventoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:04}", self.department, self.number)
    }
}

impl FromStr for InventoryId {
    type Err = FieldError;
    fn from_str(text: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::NotAnInventoryId(text.trim().to_string());
        // Split at the dash found as a byte: `split_once('-')` compares each
        // find with memcmp, and an import reads an ID on every row it reads.
        let text = text.trim();
        let dash = text.bytes().position(|b| b == b'-').ok_or_else(bad)?;
        let (code, number) = (&text[..dash], &text[dash + 1..]);
        let department: DepartmentCode = code.parse().map_err(|_| bad())?;
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(bad());
        }
        if number.len() < 4 || !number.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        let number: u32 = number.parse().map_err(|_| bad())?;
        if number == 0 {
            return Err(bad());
        }
        Ok(InventoryId { department, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_print_with_four_digits_and_read_back() {
        let id = InventoryId::new("prk".parse().unwrap(), 7);
        assert_eq!(id.to_string(), "PRK-0007");
        assert_eq!("PRK-0007".parse::<InventoryId>().unwrap(), id);
        assert_eq!("PRK-12345".parse::<InventoryId>().unwrap().number, 12345);
    }

    #[test]
    fn a_code_is_three_letters_in_any_case_and_travels_as_its_text() {
        let code: DepartmentCode = " dot ".parse().unwrap();
        assert_eq!(code.as_str(), "DOT");
        assert_eq!(format!("{code:?}"), "DepartmentCode(\"DOT\")");
        for bad in ["", "DO", "DOTS", "D0T", "DÖT", "D T"] {
            assert!(bad.parse::<DepartmentCode>().is_err(), "{bad}");
        }
        let id = InventoryId::new(code, 12);
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, r#"{"department":"DOT","number":12}"#);
        assert_eq!(serde_json::from_str::<InventoryId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<InventoryId>(r#"{"department":"D1T","number":1}"#).is_err());
    }

    #[test]
    fn malformed_ids_are_refused() {
        for bad in [
            "",
            "PRK",
            "PRK-7",
            "PR-0001",
            "prk-0001",
            "PRK-00a1",
            "PRK-0000",
            "PRKX-0001",
        ] {
            assert!(bad.parse::<InventoryId>().is_err(), "{bad}");
        }
    }
}
