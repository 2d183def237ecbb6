//! Tactical Data Engagement (TDE): the Sunlight Foundation's four-step method for
//! City Hall to help residents make an impact in their community using open data.
//!
//! The guide itself (its steps, tactics, criteria and the "Refining an
//! opportunity" worksheet) is kept as data in `assets/engagement.toml` and read by
//! [`guide::Guide`]. The coordinator's own work (focus areas, use cases, plans,
//! interventions) builds on the [`StepId`]s below.

use serde::{Deserialize, Serialize};

pub mod guide;
pub mod project;

/// One of the four steps of the method, in order. Each narrows the one before:
/// a focus area, then use cases, then a plan for one of them, then the
/// intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    /// Find a focus area by listening to the community.
    Find,
    /// Refine the focus area into use cases with stakeholders.
    Refine,
    /// Design a plan for an intervention that supports one use case.
    Design,
    /// Implement the intervention with its actual users.
    Implement,
}

impl StepId {
    /// The four steps, in order.
    pub const ALL: [StepId; 4] = [
        StepId::Find,
        StepId::Refine,
        StepId::Design,
        StepId::Implement,
    ];

    /// The step's name, as the guide writes it ("Find").
    pub fn label(self) -> &'static str {
        match self {
            StepId::Find => "Find",
            StepId::Refine => "Refine",
            StepId::Design => "Design",
            StepId::Implement => "Implement",
        }
    }

    /// The step's number in the guide, 1 to 4.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The step after this one; none after Implement.
    pub fn next(self) -> Option<StepId> {
        StepId::ALL.get(self as usize + 1).copied()
    }

    /// The step before this one; none before Find.
    pub fn previous(self) -> Option<StepId> {
        (self as usize).checked_sub(1).map(|i| StepId::ALL[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_go_in_order_both_ways() {
        assert_eq!(StepId::Find.previous(), None);
        assert_eq!(StepId::Implement.next(), None);
        for pair in StepId::ALL.windows(2) {
            assert_eq!(pair[0].next(), Some(pair[1]));
            assert_eq!(pair[1].previous(), Some(pair[0]));
        }
        let numbers: Vec<u8> = StepId::ALL.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, [1, 2, 3, 4]);
        assert_eq!(StepId::Design.label(), "Design");
    }
}
