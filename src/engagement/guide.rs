//! "A Guide to Tactical Data Engagement" (Sunlight Foundation, What Works
//! Cities, 2017) in its own words, read from `assets/engagement.toml`.
//!
//! The guide is read once and checked as it is read: the four steps are there in
//! order, and ids are unique. The built-in file is checked by a test, so
//! [`Guide::get`] never fails at run time.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use super::StepId;

/// The whole guide.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    /// Find, Refine, Design, Implement, in that order.
    #[serde(rename = "step")]
    pub steps: Vec<Step>,
    /// What the "Refining an opportunity" worksheet is for.
    pub worksheet_intro: String,
    /// The worksheet's numbered parts, in order.
    #[serde(rename = "worksheet_part")]
    pub worksheet: Vec<WorksheetPart>,
    /// The worksheet's own table of refining tactics: Step 2's tactics, worded
    /// for "opportunity statements".
    #[serde(rename = "worksheet_tactic")]
    pub worksheet_tactics: Vec<Tactic>,
    /// The pitch that closes the worksheet, with `[PLACEHOLDERS]` such as
    /// `[FOCUS AREA]` for the coordinator to fill.
    pub worksheet_pitch: String,
}

/// One step of the method, with its four components.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: StepId,
    pub title: String,
    /// What you do ("THE ACTION").
    pub action: String,
    /// How you engage the community ("THE ENGAGEMENT").
    pub engagement: String,
    /// With whom ("THE COLLABORATORS").
    pub collaborators: String,
    /// What the step leaves you with ("THE RESULT").
    pub result: String,
    /// The step's explanation; paragraphs are separated by a blank line.
    pub guidance: String,
    /// The heading of the tactics ("Tactics to help you find a focus area").
    pub tactics_title: String,
    #[serde(rename = "tactic")]
    pub tactics: Vec<Tactic>,
}

/// A lightweight way to carry out a step.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tactic {
    /// Unique within its step (or within the worksheet's tactics); never changes.
    pub id: String,
    pub name: String,
    pub description: String,
    /// Find tactics only: the places where the tactic works well ("This tactic
    /// will work well in places with: …"), to check off.
    #[serde(default)]
    pub criteria: Vec<String>,
}

/// A numbered part of the "Refining an opportunity" worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorksheetPart {
    pub id: String,
    /// 1, 2, 3… in order.
    pub number: u32,
    pub title: String,
    /// Words under the title, if any.
    #[serde(default)]
    pub note: String,
    /// The discussion questions, in order.
    pub questions: Vec<String>,
    /// The box of the worksheet's outline that the answers fill ("Data
    /// Supply"), if any.
    #[serde(default)]
    pub outline_box: Option<String>,
}

impl Guide {
    /// The built-in guide.
    pub fn get() -> &'static Guide {
        static GUIDE: OnceLock<Guide> = OnceLock::new();
        GUIDE.get_or_init(|| {
            Guide::parse(include_str!("../../assets/engagement.toml"))
                .expect("the built-in engagement guide is checked by a test")
        })
    }

    /// Reads and checks a guide; the error says what is wrong and where.
    pub fn parse(text: &str) -> Result<Guide, String> {
        let guide: Guide = toml::from_str(text).map_err(|e| format!("engagement.toml: {e}"))?;
        let ids: Vec<StepId> = guide.steps.iter().map(|s| s.id).collect();
        if ids != StepId::ALL {
            return Err(format!(
                "engagement.toml: the steps must be find, refine, design, implement, in that order, not {ids:?}."
            ));
        }
        for step in &guide.steps {
            unique_ids(step.tactics.iter().map(|t| t.id.as_str())).map_err(|id| {
                format!(
                    "engagement.toml, step {}: tactic \"{id}\" is there twice.",
                    step.title
                )
            })?;
            if step.id != StepId::Find
                && let Some(t) = step.tactics.iter().find(|t| !t.criteria.is_empty())
            {
                return Err(format!(
                    "engagement.toml, step {}, tactic \"{}\": only Find tactics have criteria.",
                    step.title, t.id
                ));
            }
        }
        unique_ids(guide.worksheet_tactics.iter().map(|t| t.id.as_str()))
            .map_err(|id| format!("engagement.toml: worksheet tactic \"{id}\" is there twice."))?;
        unique_ids(guide.worksheet.iter().map(|p| p.id.as_str()))
            .map_err(|id| format!("engagement.toml: worksheet part \"{id}\" is there twice."))?;
        for (i, part) in guide.worksheet.iter().enumerate() {
            if part.number as usize != i + 1 {
                return Err(format!(
                    "engagement.toml, worksheet part \"{}\": numbered {}, but it is part {}.",
                    part.id,
                    part.number,
                    i + 1
                ));
            }
        }
        Ok(guide)
    }

    /// One step of the method.
    pub fn step(&self, id: StepId) -> &Step {
        self.steps
            .iter()
            .find(|s| s.id == id)
            .expect("every step is there: parse checks it")
    }
}

impl Step {
    pub fn tactic(&self, id: &str) -> Option<&Tactic> {
        self.tactics.iter().find(|t| t.id == id)
    }

    /// The guidance, a paragraph at a time.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.guidance
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }
}

/// The first id that is there twice, if any.
fn unique_ids<'a>(ids: impl Iterator<Item = &'a str>) -> Result<(), &'a str> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(id);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> Guide {
        Guide::parse(include_str!("../../assets/engagement.toml")).unwrap()
    }

    #[test]
    fn the_built_in_guide_parses_and_checks() {
        guide();
        assert_eq!(Guide::get(), &guide());
    }

    #[test]
    fn four_steps_in_order_with_their_four_components() {
        let g = Guide::get();
        let ids: Vec<StepId> = g.steps.iter().map(|s| s.id).collect();
        assert_eq!(ids, StepId::ALL);
        for id in StepId::ALL {
            let s = g.step(id);
            assert_eq!(s.id, id);
            assert_eq!(s.title, id.label());
            for (what, text) in [
                ("action", &s.action),
                ("engagement", &s.engagement),
                ("collaborators", &s.collaborators),
                ("result", &s.result),
                ("guidance", &s.guidance),
                ("tactics_title", &s.tactics_title),
            ] {
                assert!(!text.trim().is_empty(), "{}: {what} is empty", s.title);
            }
            let paragraphs = s.paragraphs().count();
            assert!((2..=3).contains(&paragraphs), "{}: {paragraphs}", s.title);
        }
    }

    #[test]
    fn each_step_has_the_guide_s_tactics() {
        let counts: Vec<usize> = StepId::ALL
            .iter()
            .map(|&id| Guide::get().step(id).tactics.len())
            .collect();
        assert_eq!(counts, [5, 5, 3, 7]);
        let implement = Guide::get().step(StepId::Implement);
        let challenge = implement.tactic("data_challenge").unwrap();
        assert_eq!(challenge.name, "Host a data challenge");
        assert!(challenge.description.starts_with("Release a new data set"));
        assert!(challenge.description.ends_with("with community members."));
        for t in Guide::get().steps.iter().flat_map(|s| &s.tactics) {
            assert!(
                !t.name.trim().is_empty() && !t.description.trim().is_empty(),
                "{}",
                t.id
            );
        }
    }

    #[test]
    fn every_find_tactic_has_its_criteria_and_no_other_has_any() {
        let g = Guide::get();
        let criteria: Vec<usize> = g
            .step(StepId::Find)
            .tactics
            .iter()
            .map(|t| t.criteria.len())
            .collect();
        assert_eq!(criteria, [3, 5, 4, 5, 3]);
        for s in &g.steps[1..] {
            assert!(
                s.tactics.iter().all(|t| t.criteria.is_empty()),
                "{}",
                s.title
            );
        }
        assert!(g.worksheet_tactics.iter().all(|t| t.criteria.is_empty()));
    }

    #[test]
    fn the_worksheet_has_its_seven_parts_each_with_questions() {
        let g = Guide::get();
        let questions: Vec<usize> = g.worksheet.iter().map(|p| p.questions.len()).collect();
        assert_eq!(questions, [1, 3, 3, 4, 3, 4, 2]);
        for (i, p) in g.worksheet.iter().enumerate() {
            assert_eq!(p.number as usize, i + 1);
            assert!(!p.title.trim().is_empty());
            assert!(p.questions.iter().all(|q| !q.trim().is_empty()), "{}", p.id);
        }
        let boxes: Vec<&str> = g
            .worksheet
            .iter()
            .filter_map(|p| p.outline_box.as_deref())
            .collect();
        assert_eq!(
            boxes,
            [
                "Data Supply",
                "Data Requesters",
                "Past Activities",
                "Refining Tactics",
                "Next Steps"
            ]
        );
        // The worksheet's refining tactics are Step 2's, in the same order.
        let refine: Vec<&str> = g
            .step(StepId::Refine)
            .tactics
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        let worksheet: Vec<&str> = g
            .worksheet_tactics
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(refine, worksheet);
        for placeholder in [
            "[FOCUS AREA]",
            "[IMPACT]",
            "[REFINING TACTIC]",
            "[DATA REQUESTERS]",
            "[MY DATA SUPPLY]",
            "[NEXT STEPS]",
        ] {
            assert!(g.worksheet_pitch.contains(placeholder), "{placeholder}");
        }
    }

    #[test]
    fn ids_are_unique() {
        let g = Guide::get();
        for s in &g.steps {
            let mut seen = HashSet::new();
            assert!(s.tactics.iter().all(|t| seen.insert(&t.id)), "{}", s.title);
        }
        let mut seen = HashSet::new();
        assert!(g.worksheet.iter().all(|p| seen.insert(&p.id)));
        let mut seen = HashSet::new();
        assert!(g.worksheet_tactics.iter().all(|t| seen.insert(&t.id)));
        let all_ids = g
            .steps
            .iter()
            .flat_map(|s| &s.tactics)
            .chain(&g.worksheet_tactics);
        assert!(all_ids.map(|t| &t.id).all(|id| {
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        }));
    }

    #[test]
    fn parse_refuses_a_step_out_of_order() {
        let text = include_str!("../../assets/engagement.toml").replacen(
            "id = \"find\"",
            "id = \"design\"",
            1,
        );
        assert!(Guide::parse(&text).unwrap_err().contains("in that order"));
    }

    #[test]
    fn no_text_keeps_layout_debris() {
        let g = Guide::get();
        let mut texts: Vec<&str> = vec![&g.worksheet_intro, &g.worksheet_pitch];
        for s in &g.steps {
            texts.extend([
                s.title.as_str(),
                &s.action,
                &s.engagement,
                &s.collaborators,
                &s.result,
                &s.guidance,
                &s.tactics_title,
            ]);
        }
        for t in g
            .steps
            .iter()
            .flat_map(|s| &s.tactics)
            .chain(&g.worksheet_tactics)
        {
            texts.extend([t.name.as_str(), &t.description]);
            texts.extend(t.criteria.iter().map(String::as_str));
        }
        for p in &g.worksheet {
            texts.extend([p.title.as_str(), &p.note]);
            texts.extend(p.questions.iter().map(String::as_str));
            texts.extend(p.outline_box.as_deref());
        }
        for text in texts {
            for debris in [
                "\t",
                "TACTIC\tDESCRIPTION",
                "TACTIC DESCRIPTION",
                "THE ACTION",
                "  ",
                "[»",
                "](",
                "**",
                "<b>",
                "\n\n\n",
                " \n",
                "\n ",
            ] {
                assert!(!text.contains(debris), "{debris:?} in {text:?}");
            }
            assert_eq!(text, text.trim(), "spaces around {text:?}");
            // Only the guidance has paragraphs.
            if !g.steps.iter().any(|s| s.guidance == text) {
                assert!(!text.contains('\n'), "a line break in {text:?}");
            }
            // A criterion or a question cut by a page break ends mid-sentence.
            assert!(!text.ends_with(','), "{text:?}");
        }
    }
}
