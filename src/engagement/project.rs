//! An engagement project: one focus area carried through the four steps of
//! Tactical Data Engagement, with the tactics used and what came of them, the
//! Find criteria ticked, the use cases and the Refining worksheet, the plan and
//! its feedback, the intervention, and the datasets of the inventory it uses.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::StepId;
use super::guide::Guide;
use crate::model::InventoryId;

/// Where a project is: one of the four steps, or done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    Step(StepId),
    Done,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Step(s) => s.label(),
            Stage::Done => "Done",
        }
    }

    /// The stage after this one.
    pub fn next(self) -> Stage {
        match self {
            Stage::Step(s) => s.next().map_or(Stage::Done, Stage::Step),
            Stage::Done => Stage::Done,
        }
    }
}

/// A tactic the project used, and what came of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsedTactic {
    pub outcome: String,
}

/// A use case from the Refine step: who would use the data, and for what.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseCase {
    pub title: String,
    /// The user persona: who they are.
    pub persona: String,
    /// The user story: "As …, I want … so that …".
    pub story: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// The database row; `None` until saved.
    #[serde(skip)]
    pub id: Option<i64>,
    pub focus_area: String,
    pub stage: Stage,
    pub collaborators: String,
    pub notes: String,
    pub started: NaiveDate,
    /// The day the project reached each stage ("Refine", "Done"…).
    #[serde(default)]
    pub reached: BTreeMap<String, NaiveDate>,
    /// Tactics used, by tactic id.
    pub tactics: BTreeMap<String, UsedTactic>,
    /// Find criteria ticked: `tactic id` → indices of its criteria.
    pub criteria: BTreeMap<String, Vec<usize>>,
    pub use_cases: Vec<UseCase>,
    /// Answers to the Refining worksheet: `part id` → answers, one per question.
    pub worksheet: BTreeMap<String, Vec<String>>,
    /// Design: the use case chosen (its index), the plan and the feedback on it.
    pub chosen: Option<usize>,
    pub plan: String,
    pub feedback: String,
    /// Implement.
    pub intervention: String,
    pub users: String,
    pub feedback_channel: String,
    pub outcome: String,
    /// The coordinator's Tactical Data Engagement pitch, written from the
    /// worksheet's template (`Guide::worksheet_pitch`).
    #[serde(default)]
    pub pitch: String,
    /// The datasets of the inventory it uses (the data supply).
    #[serde(skip)]
    pub datasets: Vec<InventoryId>,
}

impl Project {
    /// Moves the project to its next stage, noting the day.
    pub fn advance(&mut self, on: NaiveDate) {
        self.stage = self.stage.next();
        self.reached.insert(self.stage.label().to_string(), on);
    }

    /// "Find since 2026-10-05 · Refine since 2026-10-20", for the header.
    pub fn timeline(&self) -> String {
        let mut parts = vec![format!("Find since {}", self.started)];
        for stage in ["Refine", "Design", "Implement", "Done"] {
            if let Some(d) = self.reached.get(stage) {
                parts.push(format!("{stage} since {d}"));
            }
        }
        parts.join(" · ")
    }

    pub fn new(focus_area: &str, started: NaiveDate) -> Project {
        Project {
            id: None,
            focus_area: focus_area.trim().to_string(),
            stage: Stage::Step(StepId::Find),
            collaborators: String::new(),
            notes: String::new(),
            started,
            reached: BTreeMap::new(),
            tactics: BTreeMap::new(),
            criteria: BTreeMap::new(),
            use_cases: Vec::new(),
            worksheet: BTreeMap::new(),
            chosen: None,
            plan: String::new(),
            feedback: String::new(),
            intervention: String::new(),
            users: String::new(),
            feedback_channel: String::new(),
            outcome: String::new(),
            pitch: String::new(),
            datasets: Vec::new(),
        }
    }

    /// How many of a Find tactic's criteria are ticked, of how many.
    pub fn fit(&self, tactic: &super::guide::Tactic) -> (usize, usize) {
        let ticked = self.criteria.get(&tactic.id).map_or(0, Vec::len);
        (ticked, tactic.criteria.len())
    }

    /// One worksheet answer (empty when not answered).
    pub fn answer(&self, part: &str, question: usize) -> &str {
        self.worksheet
            .get(part)
            .and_then(|a| a.get(question))
            .map_or("", String::as_str)
    }

    pub fn set_answer(&mut self, part: &str, question: usize, text: &str) {
        let answers = self.worksheet.entry(part.to_string()).or_default();
        if answers.len() <= question {
            answers.resize(question + 1, String::new());
        }
        answers[question] = text.to_string();
    }

    /// The worksheet's "Finding and Refining outline": each box (Data Supply,
    /// Data Requesters, …) with the answers of the worksheet part that fills
    /// it, one a line; empty when none is answered.
    pub fn outline(&self) -> Vec<(&'static str, String)> {
        Guide::get()
            .worksheet
            .iter()
            .filter_map(|part| {
                let title = part.outline_box.as_deref()?;
                let answers: Vec<&str> = (0..part.questions.len())
                    .map(|i| self.answer(&part.id, i).trim())
                    .filter(|a| !a.is_empty())
                    .collect();
                Some((title, answers.join("\n")))
            })
            .collect()
    }

    /// The guide's pitch template with what the project already says put in:
    /// the focus area; the other `[PLACEHOLDERS]` stay for the coordinator to
    /// replace in their own words.
    pub fn pitch_draft(&self) -> String {
        let template = &Guide::get().worksheet_pitch;
        let focus = self.focus_area.trim();
        if focus.is_empty() {
            return template.clone();
        }
        template.replace("[FOCUS AREA]", focus)
    }

    /// The project as a readable document to share with partners. `names`
    /// gives each linked dataset's name.
    pub fn to_markdown(&self, names: &dyn Fn(&InventoryId) -> String) -> String {
        let guide = Guide::get();
        let mut md = format!("# {}\n\n", self.focus_area);
        md += &format!(
            "Tactical Data Engagement project. Stage: {}. {}.\n\n",
            self.stage.label(),
            self.timeline()
        );
        field(&mut md, "Collaborators", &self.collaborators);
        field(&mut md, "Notes", &self.notes);
        if !self.datasets.is_empty() {
            md += "## Data supply\n\n";
            for id in &self.datasets {
                md += &format!("- {} ({id})\n", names(id));
            }
            md += "\n";
        }
        for step in &guide.steps {
            md += &format!("## {}. {}\n\n", step.id.number(), step.title);
            md += &format!("*The action:* {}\n\n", step.action);
            for t in &step.tactics {
                if let Some(used) = self.tactics.get(&t.id) {
                    md += &format!("- **{}**", t.name);
                    if !used.outcome.is_empty() {
                        md += &format!(": {}", used.outcome);
                    }
                    md += "\n";
                }
            }
            md += "\n";
            match step.id {
                StepId::Refine => self.refine_markdown(&mut md),
                StepId::Design => {
                    if let Some(uc) = self.chosen.and_then(|i| self.use_cases.get(i)) {
                        field(&mut md, "Use case chosen", &uc.title);
                    }
                    field(&mut md, "Plan", &self.plan);
                    field(&mut md, "Feedback on the plan", &self.feedback);
                }
                StepId::Implement => {
                    field(&mut md, "Intervention", &self.intervention);
                    field(&mut md, "Its users", &self.users);
                    field(&mut md, "Feedback channel", &self.feedback_channel);
                    field(&mut md, "Outcome", &self.outcome);
                }
                StepId::Find => {}
            }
        }
        md
    }

    fn refine_markdown(&self, md: &mut String) {
        for uc in &self.use_cases {
            *md += &format!("### Use case: {}\n\n", uc.title);
            field(md, "Persona", &uc.persona);
            field(md, "User story", &uc.story);
        }
        for part in &Guide::get().worksheet {
            let answered: Vec<(usize, &String)> = part
                .questions
                .iter()
                .enumerate()
                .filter(|(i, _)| !self.answer(&part.id, *i).is_empty())
                .collect();
            if answered.is_empty() {
                continue;
            }
            *md += &format!("### {}. {}\n\n", part.number, part.title);
            for (i, q) in answered {
                *md += &format!("- *{q}* {}\n", self.answer(&part.id, i));
            }
            *md += "\n";
        }
        self.outline_markdown(md);
    }

    /// The worksheet's closing outline and the pitch: the one written, or the
    /// guide's template to fill in.
    fn outline_markdown(&self, md: &mut String) {
        *md += "### Finding and Refining outline\n\n";
        for (title, text) in self.outline() {
            let text = if text.is_empty() {
                "(not answered yet)".to_string()
            } else {
                text.replace('\n', "; ")
            };
            *md += &format!("- **{title}:** {text}\n");
        }
        *md += "\n";
        if self.pitch.trim().is_empty() {
            *md += &format!(
                "**My Tactical Data Engagement pitch** (not written yet; the guide's template): {}\n\n",
                Guide::get().worksheet_pitch
            );
        } else {
            field(md, "My Tactical Data Engagement pitch", &self.pitch);
        }
    }
}

fn field(md: &mut String, title: &str, text: &str) {
    if !text.trim().is_empty() {
        *md += &format!("**{title}:** {}\n\n", text.trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_goes_through_the_four_steps_then_is_done() {
        let mut stage = Project::new("Vacant lots", NaiveDate::default()).stage;
        let mut seen = vec![stage.label()];
        for _ in 0..5 {
            stage = stage.next();
            seen.push(stage.label());
        }
        assert_eq!(
            seen,
            ["Find", "Refine", "Design", "Implement", "Done", "Done"]
        );
    }

    #[test]
    fn the_document_tells_the_project_in_the_guide_s_order() {
        let guide = Guide::get();
        let mut p = Project::new("Vacant lots", NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let find = &guide.steps[0].tactics[0];
        p.tactics.insert(
            find.id.clone(),
            UsedTactic {
                outcome: "Blight came up at every meeting".into(),
            },
        );
        p.use_cases.push(UseCase {
            title: "Block clubs clean lots".into(),
            persona: "A block club leader".into(),
            story: "As a block club leader I want to know who owns a lot".into(),
        });
        p.chosen = Some(0);
        p.plan = "A map of lots with owners".into();
        let part = &guide.worksheet[1];
        p.set_answer(&part.id, 0, "Parcel records");
        p.outcome = "40 lots cleaned".into();
        p.datasets.push("PRK-0001".parse().unwrap());
        let md = p.to_markdown(&|_| "Vacant parcels".into());
        let order = [
            "# Vacant lots",
            "- Vacant parcels (PRK-0001)",
            &format!("**{}**: Blight came up", find.name),
            "### Use case: Block clubs clean lots",
            "Parcel records",
            "**Use case chosen:** Block clubs clean lots",
            "**Outcome:** 40 lots cleaned",
        ];
        let mut at = 0;
        for part in order {
            let found = md[at..]
                .find(part)
                .unwrap_or_else(|| panic!("{part} in\n{md}"));
            at += found;
        }
    }

    #[test]
    fn the_document_ends_refine_with_the_outline_and_the_pitch() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut p = Project::new("Vacant lots", day);
        p.set_answer("data_supply", 0, "Code enforcement cases");
        let md = p.to_markdown(&|id| id.to_string());
        assert!(md.contains("### Finding and Refining outline"), "{md}");
        assert!(
            md.contains("- **Data Supply:** Code enforcement cases"),
            "{md}"
        );
        assert!(md.contains("- **Next Steps:** (not answered yet)"), "{md}");
        assert!(md.contains("the guide's template): My city"), "{md}");
        assert!(p.pitch_draft().contains("address Vacant lots, which"));
        assert!(
            p.pitch_draft().contains("[IMPACT]"),
            "the rest is left to fill"
        );
        p.pitch = "Our residents could use code enforcement data.".into();
        let md = p.to_markdown(&|id| id.to_string());
        assert!(
            md.contains("**My Tactical Data Engagement pitch:** Our residents could use code enforcement data."),
            "{md}"
        );
    }
}
