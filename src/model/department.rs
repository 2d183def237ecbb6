//! A city department and the systems of record it keeps (its data sources).

use chrono::NaiveDate;

use super::id::DepartmentCode;

/// A person who runs the department's inventory.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Coordinator {
    pub name: String,
    pub email: String,
}

/// One department: who coordinates its inventory and who approves releases.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Department {
    pub code: DepartmentCode,
    pub name: String,
    pub divisions: Vec<String>,
    pub coordinators: Vec<Coordinator>,
    /// The leader who gives department-level approval for publication.
    pub approver: String,
    /// The day the three one-month inventory steps start from.
    pub start_date: Option<NaiveDate>,
}

impl Department {
    pub fn new(code: DepartmentCode, name: &str) -> Self {
        Department {
            code,
            name: name.trim().to_string(),
            divisions: Vec::new(),
            coordinators: Vec::new(),
            approver: String::new(),
            start_date: None,
        }
    }

    /// Problems that stop the department from being saved, in plain words.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push("Give the department a name.".to_string());
        }
        if let Some(start) = self.start_date.filter(|d| !super::dates::in_range(*d)) {
            problems.push(format!(
                "Inventory start date: {} is too far in the past or the future; write a date from 1900-01-01 to 9999-12-31.",
                super::dates::format_date(start)
            ));
        }
        for c in &self.coordinators {
            if let Err(e) = super::dataset::parse_email(&c.email) {
                problems.push(format!("Coordinator {}: {e}", c.name));
            }
        }
        problems
    }
}

/// Makes a three-letter code from a department name that no other department has,
/// as people write it: the initials of every word when they are three
/// (Department of Transportation → DOT, Parks and Recreation → PAR), else the
/// initials of the words that count when there are three or more (Department
/// of Public Works → DPW), else the first letters.
pub fn code_for_name(name: &str, taken: &[DepartmentCode]) -> DepartmentCode {
    let letters: Vec<char> = name.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let all_words: Vec<&str> = name
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<&str> = all_words
        .iter()
        .copied()
        .filter(|w| !["of", "and", "the", "for"].contains(&w.to_lowercase().as_str()))
        .collect();
    // Candidates are tried one at a time, never listed whole: a name of
    // 5,000 letters made 12 million of them (700 MB) before trying the first.
    let free = |candidate: String| {
        candidate
            .parse::<DepartmentCode>()
            .ok()
            .filter(|code| !taken.contains(code))
    };
    let mut initials: Vec<String> = Vec::new();
    if all_words.len() == 3 {
        initials.push(all_words.iter().filter_map(|w| w.chars().next()).collect());
    }
    if words.len() >= 3 {
        initials.push(
            words
                .iter()
                .take(3)
                .filter_map(|w| w.chars().next())
                .collect(),
        );
    }
    if let Some(code) = initials.into_iter().find_map(free) {
        return code;
    }
    if letters.len() >= 3 {
        if let Some(code) = free(letters.iter().take(3).collect()) {
            return code;
        }
        // First letter, then pairs of later letters: PARKS → PAR, PAK, PAS,
        // PRK… among the name's first 26 letters (325 pairs).
        let later = &letters[..letters.len().min(27)];
        for i in 1..later.len() {
            for j in i + 1..later.len() {
                if let Some(code) = free([letters[0], later[i], later[j]].iter().collect()) {
                    return code;
                }
            }
        }
    }
    // The name's first letter and any two; then any three letters at all, so
    // that 500 departments with the same initials each get a code.
    let first = letters.first().copied().unwrap_or('X');
    let any_two = (b'A'..=b'Z').flat_map(|a| (b'A'..=b'Z').map(move |b| (a as char, b as char)));
    for (a, b) in any_two.clone() {
        if let Some(code) = free([first, a, b].iter().collect()) {
            return code;
        }
    }
    for c in b'A'..=b'Z' {
        for (a, b) in any_two.clone() {
            if let Some(code) = free([c as char, a, b].iter().collect()) {
                return code;
            }
        }
    }
    // Every one of 17,576 codes is taken: not a city that exists.
    "ZZZ".parse().expect("ZZZ is a valid code")
}

/// A system of record: where a department's data lives.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DataSource {
    /// Database row id; `None` until saved.
    pub id: Option<i64>,
    pub department: Option<DepartmentCode>,
    pub name: String,
    pub description: String,
    pub business_owner: String,
    pub technical_owner: String,
    pub vendor: String,
    pub product: String,
    pub format: String,
    pub planned_changes: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thousand_departments_with_the_same_initials_each_get_their_own_code() {
        let mut taken: Vec<DepartmentCode> = Vec::new();
        for i in 0..1_000 {
            let code = code_for_name(&format!("Department of Transportation {i}"), &taken);
            assert!(!taken.contains(&code), "{code} given twice");
            taken.push(code);
        }
        assert_eq!(taken[0].as_str(), "DOT");
    }

    #[test]
    fn a_department_name_of_32_767_letters_gets_a_code_at_once() {
        let start = std::time::Instant::now();
        let taken: Vec<DepartmentCode> =
            ["AAA", "AAB"].iter().map(|c| c.parse().unwrap()).collect();
        let code = code_for_name(&"a".repeat(32_767), &taken);
        assert!(!taken.contains(&code));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        for odd in ["", "A", "Ω", "交通局", "🚀", "-"] {
            code_for_name(odd, &taken);
        }
    }

    #[test]
    fn codes_come_from_the_name_and_never_collide() {
        let code = code_for_name("Parks and Recreation", &[]);
        assert_eq!(code.as_str(), "PAR");
        let code2 = code_for_name("Parks", &[code.clone()]);
        assert_ne!(code2, code);
        assert!(code2.as_str().starts_with('P'));
        assert_eq!(
            code_for_name("Department of Public Works", &[]).as_str(),
            "DPW"
        );
        assert_eq!(code_for_name("", &[]).as_str().len(), 3);
    }

    #[test]
    fn department_codes_are_the_initials_people_use() {
        for (name, code) in [
            ("Department of Transportation", "DOT"),
            ("Department of Health", "DOH"),
            ("Department of Finance", "DOF"),
            ("Department of Public Works", "DPW"),
            ("Parks and Recreation", "PAR"),
        ] {
            assert_eq!(code_for_name(name, &[]).as_str(), code, "{name}");
        }
        let dot: DepartmentCode = "DOT".parse().unwrap();
        let other = code_for_name("Department of Transportation", &[dot.clone()]);
        assert_ne!(other, dot, "a code in use is never given again");
    }
}
