//! The command line run as a user (or a script) runs it: the real binary in a
//! scratch folder whose HOME and XDG_DATA_HOME point into it, so the user's real
//! data folder is never touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_inventory-desk");

/// A scratch folder with an inventory path in it.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A scratch folder whose inventory is filled with a few sample datasets.
    pub fn with_demo() -> Self {
        let env = Env::new();
        let out = env.run(&["demo", "--datasets", "3"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        env
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("inventory.sqlite3")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.dir.path())
            .env_remove("INVENTORY_DESK_DB")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"));
        cmd
    }

    /// Runs with `--db` set to this folder's inventory.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db(), args)
    }

    /// Runs with `--db` set to `db`.
    pub fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        let mut cmd = self.command();
        cmd.arg("--db").arg(db).args(args);
        cmd.output().unwrap()
    }

    /// The inventory as CSV text, through the command line itself.
    pub fn inventory_csv(&self, name: &str) -> String {
        let out = self.run(&["export", name]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        std::fs::read_to_string(self.path(name)).unwrap()
    }
}

pub fn code(out: &Output) -> i32 {
    out.status
        .code()
        .expect("the process exited, it was not killed")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn no_panic(out: &Output) {
    assert!(
        !stderr(out).contains("panicked"),
        "the program panicked: {}",
        stderr(out)
    );
}
