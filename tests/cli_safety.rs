//! The command line's guards for a coordinator's work (issue 14, items 1, 6, 14,
//! 16 and 17): what an export may write over, who may write the inventory, what a
//! mistyped name does, and the permissions of what is written. Each test is named
//! after the rule it proves, and runs the real binary.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::cli::{BIN, Env, code, no_panic, stderr};

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
    assert!(
        std::fs::read(env.db()).unwrap() == before,
        "nothing changed"
    );
    set_mode(&env.db(), 0o600);
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn export_onto_the_inventory_is_refused_and_changes_nothing() {
    let env = Env::with_demo();
    std::fs::create_dir_all(env.path("backups")).unwrap();
    let before = bytes(&env.db());
    #[cfg(unix)]
    let before_mode = mode(&env.db());
    let db = env.db();
    let mut targets: Vec<(PathBuf, &str)> = vec![
        (db.clone(), "csv"),
        (PathBuf::from("inventory.sqlite3"), "xlsx"),
        (env.path("backups/../inventory.sqlite3"), "data.json"),
        (PathBuf::from("inventory.sqlite3-wal"), "csv"),
        (PathBuf::from("inventory.sqlite3-shm"), "csv"),
        (PathBuf::from("inventory.sqlite3.lock"), "csv"),
        (env.path("backups/inventory-copy.csv"), "csv"),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&db, env.path("link.csv")).unwrap();
        targets.push((env.path("link.csv"), "csv"));
    }
    for (target, format) in &targets {
        let out = env.run(&["export", target.to_str().unwrap(), "--format", format]);
        no_panic(&out);
        assert_eq!(code(&out), 1, "{target:?}: {}", stderr(&out));
        let name = target.file_name().unwrap().to_str().unwrap();
        assert!(
            stderr(&out).contains(name) && stderr(&out).contains("Nothing was changed"),
            "the message names the file and says what happened: {}",
            stderr(&out)
        );
        assert!(
            bytes(&env.db()) == before,
            "{target:?}: the inventory is unchanged"
        );
        #[cfg(unix)]
        assert_eq!(mode(&env.db()), before_mode);
    }
    assert!(!env.path("backups/inventory-copy.csv").exists());
    // The inventory still opens, with its datasets.
    let out = env.run(&["export", "after.csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(env.path("after.csv"))
            .unwrap()
            .lines()
            .count(),
        4
    );
}

#[cfg(unix)]
#[test]
fn the_lock_holds_through_a_link_and_a_lock_that_cannot_be_taken_counts_as_held() {
    use inventory_desk::store::InstanceLock;
    let env = Env::with_demo();
    let link = env.path("link.sqlite3");
    std::os::unix::fs::symlink(env.db(), &link).unwrap();
    let before = bytes(&env.db());
    {
        // A window holds the inventory, opened by its own name.
        let _window = InstanceLock::try_acquire(&env.db()).unwrap().unwrap();
        let out = env.run_on(&link, &["demo", "--datasets", "2"]);
        no_panic(&out);
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is open in an Inventory Desk window"),
            "{}",
            stderr(&out)
        );
        assert!(
            bytes(&env.db()) == before,
            "nothing was written through the link"
        );
    }
    // A lock file that cannot be opened for writing (here, a folder in its place).
    let other = env.path("other.sqlite3");
    std::fs::copy(env.db(), &other).unwrap();
    std::fs::create_dir(env.path("other.sqlite3.lock")).unwrap();
    let before = bytes(&other);
    let out = env.run_on(&other, &["demo", "--datasets", "2"]);
    no_panic(&out);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("other.sqlite3.lock"),
        "{}",
        stderr(&out)
    );
    assert!(bytes(&other) == before, "nothing was written unguarded");
}

#[test]
fn export_and_a_dry_run_do_not_update_an_older_inventory_that_a_window_holds() {
    use inventory_desk::store::InstanceLock;
    let env = Env::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inventory-v4.sqlite3");
    std::fs::copy(&fixture, env.db()).unwrap();
    std::fs::write(env.path("in.csv"), "Dataset Name\r\nTrees\r\n").unwrap();
    let before = bytes(&env.db());
    let version = || -> i64 {
        rusqlite::Connection::open(env.db())
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(), 4);
    let window = InstanceLock::try_acquire(&env.db()).unwrap().unwrap();
    for args in [
        &["export", "x.csv"][..],
        &["export", "x.xlsx"][..],
        &["import", "in.csv", "--dry-run"][..],
    ] {
        let out = env.run(args);
        no_panic(&out);
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("older version"), "{}", stderr(&out));
        assert_eq!(version(), 4, "{args:?} left the file at its version");
        assert!(bytes(&env.db()) == before);
    }
    assert!(!env.path("x.csv").exists() && !env.path("x.xlsx").exists());
    // Once the window has closed, an export brings the file up to date.
    drop(window);
    let out = env.run(&["export", "x.csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(version() > 4);
}

#[test]
fn a_mistyped_inventory_is_refused_and_nothing_is_created() {
    let env = Env::new();
    std::fs::write(env.path("in.csv"), "Dataset Name\r\nTrees\r\n").unwrap();
    for args in [
        &["export", "x.csv"][..],
        &["export", "x.xlsx"][..],
        &["export", "x.json"][..],
        &["import", "in.csv", "--dry-run"][..],
    ] {
        let out = env.run(args);
        no_panic(&out);
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("There is no inventory at")
                && stderr(&out).contains("inventory.sqlite3")
                && stderr(&out).contains("--db"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(!env.db().exists(), "{args:?} created no inventory");
        assert!(!env.path("inventory.sqlite3.lock").exists());
        assert!(!env.path("x.csv").exists() && !env.path("x.xlsx").exists());
        assert!(!env.path("x.json").exists());
    }
    // check answers as an import into a new inventory would, and creates none.
    let out = env.run(&["check", "in.csv", "--department", "Parks"]);
    no_panic(&out);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!env.db().exists(), "check created no inventory");
    assert!(!env.path("inventory.sqlite3.lock").exists());
    // demo starts a new inventory, as before (and so does an import, which
    // writes: tests/cli.rs import_json_reports_what_it_did).
    let out = env.run(&["demo", "--datasets", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(env.db().exists());
}

#[test]
fn an_unknown_department_is_refused_and_the_old_file_is_kept() {
    let env = Env::with_demo();
    for name in ["old.csv", "old.json", "old.xlsx"] {
        std::fs::write(env.path(name), "the export from last week").unwrap();
        let out = env.run(&["export", name, "--department", "ZZZ"]);
        no_panic(&out);
        assert_eq!(code(&out), 1, "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("ZZZ") && stderr(&out).contains("Nothing was exported"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(env.path(name)).unwrap(),
            "the export from last week",
            "{name} was kept"
        );
    }
}
