//! The publication plan of the playbook's Step 3, "strategic publication": how
//! an approved dataset is announced, when, by whom, and who keeps it up to
//! date once it is published.

use chrono::NaiveDate;

vocabulary!(
    /// A way to announce a newly published dataset.
    Tactic, "a publication tactic" {
        BlogPost => "Blog post" ["blog"],
        SocialMedia => "Social media" ["social", "twitter", "facebook"],
        PressRelease => "Press release" ["press", "media release"],
        PublicEvent => "Public event" ["event", "announcement"],
        Hackathon => "Hackathon" ["hack-a-thon", "hack a thon", "datathon"],
    }
);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicationPlan {
    pub tactics: Vec<Tactic>,
    /// When the release is announced.
    pub announce_on: Option<NaiveDate>,
    pub announced_by: String,
    /// Who keeps the data up to date once it is published.
    pub maintained_by: String,
    /// When it went live on the portal.
    pub published_on: Option<NaiveDate>,
    /// When its data was last refreshed, as the coordinator records it.
    pub last_refreshed: Option<NaiveDate>,
}

impl PublicationPlan {
    /// The tactics as the workbook writes them: `Blog post; Press release`.
    pub fn tactics_text(&self) -> String {
        use super::vocab::Vocabulary;
        let labels: Vec<&str> = self.tactics.iter().map(|t| t.label()).collect();
        labels.join("; ")
    }

    /// Reads `Blog post; press release`; an unknown word is refused by name.
    pub fn parse_tactics(text: &str) -> Result<Vec<Tactic>, String> {
        use super::vocab::Vocabulary;
        let mut tactics = Vec::new();
        for part in text
            .split([';', ','])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let t = Tactic::parse(part).ok_or_else(|| {
                format!(
                    "\"{part}\" is not a publication tactic; use {}.",
                    Tactic::labels().join(", ")
                )
            })?;
            if !tactics.contains(&t) {
                tactics.push(t);
            }
        }
        Ok(tactics)
    }

    pub fn is_empty(&self) -> bool {
        *self == PublicationPlan::default()
    }
}

/// When a published dataset's next refresh is due, from its last refresh (or
/// its publication) and how often it should be updated. `None` when it has no
/// regular schedule or no date to count from.
pub fn refresh_due(
    frequency: Option<super::Frequency>,
    last_refreshed: Option<NaiveDate>,
    published_on: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let days = frequency?.period_days()?;
    let since = last_refreshed.or(published_on)?;
    // A day near the end of the calendar has no day a period later: no due day.
    since.checked_add_signed(chrono::Duration::days(i64::from(days)))
}

/// The target publication date that has passed while the dataset is still on
/// its way to the portal (not yet published, and not found unpublishable):
/// the date, to say it with. `None` when it is on time, has no target, or is
/// no longer aiming for one.
pub fn target_missed(
    status: super::Status,
    target: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    use super::Status::*;
    let aiming = matches!(status, NotReady | Submitted | Approved | Returned);
    target.filter(|t| aiming && *t < today)
}

/// The words that flag a missed target date, the same on every screen.
pub fn target_missed_text(target: NaiveDate) -> String {
    format!("Its target publication date, {target}, has passed and it is not published yet.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Frequency;

    #[test]
    fn tactics_read_back_and_an_unknown_one_is_named() {
        let t = PublicationPlan::parse_tactics("blog; Press Release, hack-a-thon; blog").unwrap();
        assert_eq!(
            t,
            [Tactic::BlogPost, Tactic::PressRelease, Tactic::Hackathon]
        );
        let plan = PublicationPlan {
            tactics: t,
            ..Default::default()
        };
        assert_eq!(plan.tactics_text(), "Blog post; Press release; Hackathon");
        let e = PublicationPlan::parse_tactics("billboard").unwrap_err();
        assert!(
            e.contains("\"billboard\"") && e.contains("Social media"),
            "{e}"
        );
    }

    #[test]
    fn a_refresh_is_due_one_period_after_the_last() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            refresh_due(Some(Frequency::Monthly), d("2026-01-01"), d("2025-06-01")),
            d("2026-02-01")
        );
        assert_eq!(
            refresh_due(Some(Frequency::Weekly), None, d("2026-01-01")),
            d("2026-01-08")
        );
        assert_eq!(
            refresh_due(Some(Frequency::Irregular), d("2026-01-01"), None),
            None
        );
        assert_eq!(refresh_due(None, d("2026-01-01"), None), None);
    }

    #[test]
    fn a_target_date_passed_is_missed_only_while_the_dataset_is_unpublished() {
        use crate::model::Status;
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let today = d("2026-03-01").unwrap();
        let past = d("2026-02-01");
        assert_eq!(target_missed(Status::Approved, past, today), past);
        assert_eq!(target_missed(Status::NotReady, past, today), past);
        assert_eq!(target_missed(Status::Returned, past, today), past);
        assert_eq!(target_missed(Status::Published, past, today), None);
        assert_eq!(target_missed(Status::NotPublishable, past, today), None);
        assert_eq!(
            target_missed(Status::Approved, d("2026-03-01"), today),
            None,
            "due today is not late"
        );
        assert_eq!(target_missed(Status::Approved, None, today), None);
    }
}
