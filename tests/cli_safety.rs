//! The command line's guards for a coordinator's work (issue 14, items 1, 6, 14,
//! 16 and 17): what an export may write over, who may write the inventory, what a
//! mistyped name does, and the permissions of what is written. Each test is named
//! after the rule it proves, and runs the real binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_inventory-desk");

/// A scratch folder with an inventory path in it; HOME and XDG_DATA_HOME point
/// into it, so the user's real data folder is never touched.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A scratch folder whose inventory is filled with a few sample datasets.
    fn with_demo() -> Self {
        let env = Env::new();
        let out = env.run(&["demo", "--datasets", "3"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn db(&self) -> PathBuf {
        self.path("inventory.sqlite3")
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.current_dir(self.dir.path())
            .env_remove("INVENTORY_DESK_DB")
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"));
        cmd
    }

    /// Runs with `--db` set to this folder's inventory.
    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db(), args)
    }

    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        let mut cmd = self.command();
        cmd.arg("--db").arg(db).args(args);
        cmd.output().unwrap()
    }
}

fn code(out: &Output) -> i32 {
    out.status
        .code()
        .expect("the process exited, it was not killed")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn no_panic(out: &Output) {
    assert!(
        !stderr(out).contains("panicked"),
        "the program panicked: {}",
        stderr(out)
    );
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn exports_get_the_users_normal_permissions_and_the_inventory_stays_private() {
    let env = Env::with_demo();
    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        for name in ["x.xlsx", "x.csv", "x.json"] {
            let out = Command::new("sh")
                .arg("-c")
                .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
                .arg(BIN)
                .arg("--db")
                .arg(env.db())
                .args(["export", name])
                .current_dir(env.dir.path())
                .env("HOME", env.path("home"))
                .output()
                .unwrap();
            assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
            assert_eq!(
                mode(&env.path(name)),
                expected,
                "{name} under umask {umask}"
            );
        }
    }
    assert_eq!(mode(&env.db()), 0o600, "the inventory is private");
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_read_only_inventory_is_refused_and_keeps_its_mode() {
    let env = Env::with_demo();
    let csv = env.path("back.csv");
    assert_eq!(code(&env.run(&["export", "back.csv"])), 0);
    set_mode(&env.db(), 0o444);
    let before = std::fs::read(env.db()).unwrap();
    // Twice: the first refusal must not make the file writable for the second.
    for _ in 0..2 {
        for args in [
            &["demo", "--datasets", "2"][..],
            &["import", csv.to_str().unwrap()][..],
        ] {
            let out = env.run(args);
            no_panic(&out);
            assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("inventory.sqlite3"),
                "the message names the file: {}",
                stderr(&out)
            );
            assert_eq!(mode(&env.db()), 0o444, "{args:?} kept the mode");
        }
    }
    assert!(std::fs::read(env.db()).unwrap() == before, "nothing changed");
    set_mode(&env.db(), 0o600);
}
