//! Engagement projects: saved whole at each edit, in one transaction with the
//! datasets they use; and, for a dataset, the projects that use it.

use rusqlite::{OptionalExtension, params};

use super::{Refusal, Result, Store, StoreError};
use crate::engagement::project::Project;
use crate::model::InventoryId;

impl Store {
    /// Every project, newest first.
    pub fn projects(&self) -> Result<Vec<Project>> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM engagement_projects ORDER BY id DESC")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::new();
        for id in ids {
            if let Some(p) = self.project(id)? {
                out.push(p);
            }
        }
        Ok(out)
    }

    pub fn project(&self, id: i64) -> Result<Option<Project>> {
        let body: Option<String> = self
            .conn
            .query_row(
                "SELECT body FROM engagement_projects WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(body) = body else { return Ok(None) };
        let mut project: Project = serde_json::from_str(&body)
            .map_err(|source| StoreError::ProjectUnreadable { id, source })?;
        project.id = Some(id);
        let mut stmt = self.conn.prepare_cached(
            "SELECT inventory_id FROM engagement_datasets WHERE project_id = ?1 ORDER BY inventory_id",
        )?;
        project.datasets = stmt
            .query_map([id], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok()?.parse().ok())
            .collect();
        Ok(Some(project))
    }

    /// Saves a project (adds it if new); returns its id.
    pub fn save_project(&mut self, project: &Project) -> Result<i64> {
        if project.focus_area.trim().is_empty() {
            return Err(Refusal::ProjectWithoutFocus.into());
        }
        // A project is text, dates and numbers: this does not fail, and if it
        // did, the body could not be turned into what the table stores.
        let body = serde_json::to_string(project)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        let now = super::now().format("%Y-%m-%d %H:%M:%S").to_string();
        let tx = self.conn.transaction()?;
        let id = match project.id {
            Some(id) => {
                tx.execute(
                    "UPDATE engagement_projects SET focus_area = ?1, body = ?2, updated_at = ?3 WHERE id = ?4",
                    params![project.focus_area, body, now, id],
                )?;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO engagement_projects (focus_area, body, updated_at) VALUES (?1, ?2, ?3)",
                    params![project.focus_area, body, now],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.execute(
            "DELETE FROM engagement_datasets WHERE project_id = ?1",
            [id],
        )?;
        for d in &project.datasets {
            tx.execute(
                "INSERT OR IGNORE INTO engagement_datasets (project_id, inventory_id)
                 SELECT ?1, inventory_id FROM datasets WHERE inventory_id = ?2",
                params![id, d.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn delete_project(&mut self, id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM engagement_projects WHERE id = ?1", [id])?;
        Ok(())
    }

    /// The projects that use a dataset: (id, focus area).
    pub fn projects_using(&self, dataset: &InventoryId) -> Result<Vec<(i64, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.focus_area FROM engagement_projects p
             JOIN engagement_datasets l ON l.project_id = p.id
             WHERE l.inventory_id = ?1 ORDER BY p.focus_area",
        )?;
        let rows = stmt.query_map([dataset.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engagement::project::{Stage, UseCase};
    use crate::model::{Dataset, Department, DepartmentCode};

    #[test]
    fn a_project_is_saved_with_its_datasets_and_each_dataset_lists_its_projects() {
        let mut s = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        s.save_department(&Department::new(code.clone(), "Parks"))
            .unwrap();
        let d = s
            .create_dataset(&code, Dataset::named("Vacant parcels"))
            .unwrap();
        let id = d.id.unwrap();
        let mut p = Project::new("Vacant lots", chrono::NaiveDate::default());
        p.datasets.push(id.clone());
        p.use_cases.push(UseCase {
            title: "Block clubs".into(),
            ..Default::default()
        });
        p.stage = Stage::Done;
        let pid = s.save_project(&p).unwrap();
        let back = s.project(pid).unwrap().unwrap();
        assert_eq!(back.datasets, [id.clone()]);
        assert_eq!(back.use_cases[0].title, "Block clubs");
        assert_eq!(back.stage, Stage::Done);
        assert_eq!(
            s.projects_using(&id).unwrap(),
            [(pid, "Vacant lots".to_string())]
        );
        // Deleting the dataset unlinks it; the project stays.
        s.delete_dataset(&id).unwrap();
        assert!(s.project(pid).unwrap().unwrap().datasets.is_empty());
        assert!(
            s.save_project(&Project::new("  ", chrono::NaiveDate::default()))
                .is_err()
        );
    }

    #[test]
    fn datasets_people_ask_for_often_are_marked_as_candidates() {
        let mut s = Store::open_in_memory().unwrap();
        let code: DepartmentCode = "PRK".parse().unwrap();
        s.save_department(&Department::new(code.clone(), "Parks"))
            .unwrap();
        let mut d = Dataset::named("Permits");
        d.set(crate::model::Field::RecordsRequests, "Weekly")
            .unwrap();
        let asked = s.create_dataset(&code, d).unwrap().id.unwrap();
        let quiet = s
            .create_dataset(&code, Dataset::named("Benches"))
            .unwrap()
            .id
            .unwrap();
        assert!(s.table_row(&asked).unwrap().unwrap().requested_often);
        assert!(!s.table_row(&quiet).unwrap().unwrap().requested_often);
    }
}
