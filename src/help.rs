//! "What is this?": a few sentences per screen, in the inventory guide's and
//! the playbook's terms, for a coordinator who opens a screen for the first
//! time. The screens show them; they are kept here, outside the UI, so the
//! workbook's Instructions can say the same.

/// The help of a screen, by the screen's name on the command line.
pub fn for_screen(name: &str) -> Option<&'static str> {
    HELP.iter().find(|h| h.name == name).map(|h| h.text)
}

/// One screen's help.
pub struct Help {
    /// The screen's name on the command line (`--screen`).
    pub name: &'static str,
    /// The screen's title in the navigation.
    pub title: &'static str,
    pub text: &'static str,
}

pub const HELP: [Help; 9] = [
    Help {
        name: "start",
        title: "Start here",
        text: "The inventory in five steps, in the order the work goes: your department, its systems of record, the Step 1 prompts, a checklist filled with a data steward, and the workbook exported for the Chief Data Officer. Each step shows what is done so far; the button under them takes you to the next one.",
    },
    Help {
        name: "inventory",
        title: "Inventory",
        text: "Every dataset your department keeps, one row each: what it is, who looks after it, how it is classified and how far its checklist and review have come. Search as you type; filter and sort by any column; double-click a row to open it. Everything is saved as you type.",
    },
    Help {
        name: "sources",
        title: "Data Sources",
        text: "Your systems of record: the databases, applications, spreadsheets and vendor services where your data lives. Datasets name the system that holds them. Listing the systems first is the first step of the inventory.",
    },
    Help {
        name: "step1",
        title: "Step 1 Prompts",
        text: "Step 1 of the inventory guide, \"Identify datasets\": name the department's point of contact and approver, list your systems, then answer the eight prompts (which of the data you create, maintain or manage is tied to citywide goals, your mission, frequent requests, budgets, reports, grants, transactions and visualizations). Each page lets you tick datasets already listed or add new ones a line each.",
    },
    Help {
        name: "checklist",
        title: "Checklist",
        text: "The data submission checklist of the playbook, filled with each dataset's data steward: description, source, coverage, refresh, publication and license, classification and privacy, quality, value, permanence and the department's approval. When it is complete and approved, submit the dataset for review (Stage 1).",
    },
    Help {
        name: "review",
        title: "Review",
        text: "The review path: Not ready, Submitted for review (Stage 1), Approved (Stage 2), Published. The Chief Data Officer may return a dataset with notes, or find it not publishable. Returned work comes first: fix what the notes say and submit again. For approved datasets, plan the publication (the playbook's Step 3) and mark them published. Open data is permanent: a published dataset is never deleted; \"Withdraw from the portal…\" takes it off the portal with the reason, kept in its history.",
    },
    Help {
        name: "progress",
        title: "Progress",
        text: "Where the inventory stands: the three steps (systems, datasets, attributes), each due a month after the last from the start date on the Department screen; counts by status, classification, priority and category; checklist completeness; the publishing plan by month; and published datasets that are late for a refresh.",
    },
    Help {
        name: "engagement",
        title: "Engagement",
        text: "Tactical Data Engagement: after the inventory, help residents use the data. Start a project from a focus area and carry it through the guide's four steps: Find (listen to the community and choose a focus area), Refine (use cases with personas and user stories), Design (a plan for one use case, with its users' feedback) and Implement (the intervention and its outcome). Link the datasets it uses, and share it as a document.",
    },
    Help {
        name: "department",
        title: "Department",
        text: "Your department: its name and three-letter code (the start of every Inventory ID), divisions, open data coordinators, the leader who approves releases, and the date the inventory starts. Backup copies of the inventory are listed here too, and one can be restored.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_help() {
        for name in [
            "start",
            "inventory",
            "sources",
            "step1",
            "checklist",
            "review",
            "progress",
            "engagement",
            "department",
        ] {
            assert!(for_screen(name).is_some_and(|t| t.len() > 40), "{name}");
        }
    }
}
