//! Inventory IDs: `ABC-0001`, the department's three-letter code and a number.
//!
//! An ID is given once and never reused, so a row in a workbook that went to the
//! CDO and came back always finds its dataset again.

use std::fmt;
use std::str::FromStr;

use super::dataset::FieldError;

/// A department's three-letter code, always upper case.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct DepartmentCode(String);

impl DepartmentCode {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for DepartmentCode {
    type Err = FieldError;
    fn from_str(text: &str) -> Result<Self, FieldError> {
        let code = text.trim().to_uppercase();
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) {
            Ok(DepartmentCode(code))
        } else {
            Err(FieldError::NotADepartmentCode(text.trim().to_string()))
        }
    }
}

impl fmt::Display for DepartmentCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
        let (code, number) = text.trim().split_once('-').ok_or_else(bad)?;
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
