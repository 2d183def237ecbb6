//! The command line as a user (or a script) runs it: every subcommand's exit
//! status, the JSON of `import --json`, and that refusals and dry runs change
//! nothing. Exit status: 0 done, 1 refused, 2 wrong usage, 3 I/O failure.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;

use common::cli::{Env, code, no_panic, stderr, stdout};

fn json(out: &Output) -> Value {
    serde_json::from_str(stdout(out).trim()).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON object ({e}): {}\nstderr: {}",
            stdout(out),
            stderr(out)
        )
    })
}

/// A good workbook: two new datasets of a department the database may not have.
fn good_xlsx(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Inventory").unwrap();
    let rows: [[&str; 4]; 3] = [
        [
            "Dataset Name",
            "Department",
            "Data Classification",
            "Update Frequency",
        ],
        ["Street Trees", "Parks", "Public", "Annually"],
        ["Pool Attendance", "Parks", "Protected", "Daily"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// A CSV with one good row and two bad cells.
fn bad_csv(path: &Path) {
    std::fs::write(
        path,
        "Dataset Name,Department,Data Classification,Contact Email Address\n\
         Trail Counts,Parks,Public,lee@city.gov\n\
         Camp Registrations,Parks,Secret,not an address\n",
    )
    .unwrap();
}

const REPORT_KEYS: [&str; 22] = [
    "file",
    "applied",
    "added",
    "updated",
    "unchanged",
    "reviewed",
    "conflicts",
    "not_in_file",
    "checklist",
    "plans",
    "attributes",
    "errors",
    "held",
    "conflict_list",
    "refused_moves",
    "new_departments",
    "warnings",
    "value_maps",
    "reinterpreted",
    "new_list_values",
    "added_to_lists",
    "department_details",
];

fn assert_report_shape(report: &Value) {
    let object = report.as_object().expect("a JSON object");
    for key in REPORT_KEYS {
        assert!(object.contains_key(key), "missing {key}: {report}");
    }
    for key in object.keys() {
        assert!(
            REPORT_KEYS.contains(&key.as_str())
                || ["backup", "department_question", "mapping"].contains(&key.as_str()),
            "unexpected key {key}: {report}"
        );
    }
    assert!(report["file"].is_string());
    assert!(report["applied"].is_boolean());
    for key in [
        "added",
        "updated",
        "unchanged",
        "reviewed",
        "conflicts",
        "not_in_file",
        "checklist",
        "plans",
        "attributes",
    ] {
        assert!(report[key].is_u64(), "{key} is a count: {report}");
    }
    for map in report["value_maps"].as_array().expect("a list") {
        for key in ["field_key", "field_header", "column", "choices", "values"] {
            assert!(map.get(key).is_some(), "a value map has {key}: {map}");
        }
        for value in map["values"].as_array().expect("a list") {
            assert!(
                value["value"].is_string() && value["rows"].is_u64(),
                "{value}"
            );
            assert!(value["cell"].is_string(), "{value}");
        }
    }
    for r in report["reinterpreted"].as_array().expect("a list") {
        for key in [
            "sheet",
            "cell",
            "column",
            "rows",
            "file_says",
            "read_as",
            "message",
        ] {
            assert!(
                r.get(key).is_some(),
                "a value read differently has {key}: {r}"
            );
        }
    }
    assert!(report["added_to_lists"].is_boolean());
    for value in report["new_list_values"].as_array().expect("a list") {
        for key in ["list", "written"] {
            assert!(
                value[key].is_string(),
                "new_list_values lack {key}: {report}"
            );
        }
        assert!(value["entry"]["name"].is_string(), "{report}");
        assert!(value["rows"].is_u64(), "{report}");
    }
    for list in ["errors", "warnings"] {
        for problem in report[list].as_array().expect("a list") {
            for key in ["sheet", "cell", "column", "message"] {
                assert!(problem[key].is_string(), "{list} lack {key}: {report}");
            }
        }
    }
    for held in report["held"].as_array().expect("a list") {
        assert!(
            held["sheet"].is_string() && held["row"].is_u64(),
            "{report}"
        );
        assert!(held["name"].is_string(), "{report}");
        for problem in held["problems"].as_array().expect("a list") {
            for key in ["cell", "column", "message"] {
                assert!(problem[key].is_string(), "held lack {key}: {report}");
            }
        }
    }
    for conflict in report["conflict_list"].as_array().expect("a list") {
        for key in ["dataset", "field", "yours", "theirs"] {
            assert!(conflict[key].is_string(), "conflict lacks {key}: {report}");
        }
    }
    for refused in report["refused_moves"].as_array().expect("a list") {
        for key in ["dataset", "from", "to", "why"] {
            assert!(refused[key].is_string(), "move lacks {key}: {report}");
        }
    }
}

#[test]
fn demo_fills_the_database() {
    let env = Env::new();
    let out = env.run(&["demo", "--datasets", "7", "--seed", "3"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(env.db().exists());
    let csv = env.inventory_csv("all.csv");
    // The header line and one line per dataset (no sample value spans lines).
    assert!(csv.lines().count() > 7, "{csv}");
}

#[test]
fn export_follows_the_extension_or_the_format_flag() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "5"])), 0);

    for name in ["x.xlsx", "x.csv", "x.json"] {
        let out = env.run(&["export", name]);
        assert_eq!(code(&out), 0, "{name}: {}", stderr(&out));
        assert!(env.path(name).exists(), "{name} was written");
    }
    let xlsx = std::fs::read(env.path("x.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip file");
    let csv = std::fs::read_to_string(env.path("x.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}Dataset Name,"));
    let catalog: Value =
        serde_json::from_str(&std::fs::read_to_string(env.path("x.json")).unwrap()).unwrap();
    assert!(catalog["dataset"].is_array(), "{catalog}");

    // No format in the name: wrong usage, and nothing written.
    let out = env.run(&["export", "x.txt"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(!env.path("x.txt").exists());
    assert!(stderr(&out).contains("--format"), "{}", stderr(&out));

    // Unless --format says which.
    let out = env.run(&["export", "x.txt", "--format", "csv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(env.path("x.txt"))
            .unwrap()
            .starts_with("\u{feff}Dataset Name,")
    );

    let out = env.run(&["export", "y.xlsx", "--format", "pdf"]);
    assert_eq!(code(&out), 2);
}

#[test]
fn export_of_a_department_that_does_not_exist_is_refused() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "3"])), 0);
    let out = env.run(&["export", "z.xlsx", "--department", "ZZZ"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("ZZZ"), "{}", stderr(&out));
    assert!(!env.path("z.xlsx").exists());
    // Not a department code at all: refused or wrong usage, never a panic.
    let out = env.run(&["export", "z.csv", "--department", "12"]);
    assert!([1, 2].contains(&code(&out)), "{}", stderr(&out));
    no_panic(&out);
    assert!(!env.path("z.csv").exists());
}

#[test]
fn export_into_a_missing_folder_is_an_io_failure() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "3"])), 0);
    let out = env.run(&["export", "no/such/folder/x.csv"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}

#[test]
fn import_json_reports_what_it_did() {
    let env = Env::new();
    let file = env.path("good.xlsx");
    good_xlsx(&file);
    let out = env.run(&["import", "good.xlsx", "--json"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let report = json(&out);
    assert_report_shape(&report);
    assert_eq!(report["file"], "good.xlsx");
    assert_eq!(report["applied"], true);
    assert_eq!(report["added"], 2);
    assert_eq!(report["updated"], 0);
    assert_eq!(report["unchanged"], 0);
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
    let csv = env.inventory_csv("after.csv");
    assert!(csv.contains("Street Trees"), "{csv}");
    assert!(csv.contains("Pool Attendance"), "{csv}");

    // The same file again: matched by department and name, nothing to do.
    let out = env.run(&["import", "good.xlsx", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["added"], 0);
    assert_eq!(report["unchanged"], 2);
    assert_eq!(env.inventory_csv("again.csv"), csv);
}

#[test]
fn import_of_a_file_with_a_bad_row_holds_that_row_with_located_errors_and_imports_the_rest() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "4"])), 0);
    let before = env.inventory_csv("before.csv");
    bad_csv(&env.path("bad.csv"));

    let out = env.run(&["import", "bad.csv", "--json"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let report = json(&out);
    assert_report_shape(&report);
    assert_eq!(report["applied"], true, "the good row is imported");
    assert_eq!(report["added"], 1);
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
    let held = report["held"].as_array().unwrap();
    assert_eq!(held.len(), 1, "{report}");
    assert_eq!(
        (&held[0]["sheet"], &held[0]["row"], &held[0]["name"]),
        (&"bad".into(), &3.into(), &"Camp Registrations".into())
    );
    let problems = held[0]["problems"].as_array().unwrap();
    let located: Vec<(&str, &str)> = problems
        .iter()
        .map(|e| (e["cell"].as_str().unwrap(), e["column"].as_str().unwrap()))
        .collect();
    assert_eq!(located, [("D3", "Contact Email Address")]);
    // Issue 15: a classification the app does not know is no longer refused; it
    // is listed, located, in the value map (and kept as written).
    let secret = &report["value_maps"][0]["values"][0];
    assert_eq!(
        (secret["value"].as_str(), secret["cell"].as_str()),
        (Some("Secret"), Some("C3"))
    );
    for e in problems {
        assert!(e["message"].as_str().unwrap().len() > 20, "{e}");
    }
    let after = env.inventory_csv("after.csv");
    assert!(after.contains("Trail Counts"), "{after}");
    assert!(!after.contains("Camp Registrations"), "{after}");

    // Without --json: sentences on the standard error, same status; the
    // held row is still held, the good one already in.
    let out = env.run(&["import", "bad.csv"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("C3"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 problem in bad.csv: 1 row was held back and not imported"),
        "{}",
        stderr(&out)
    );
    assert_ne!(env.inventory_csv("after2.csv"), before);
}

#[test]
fn import_dry_run_changes_nothing() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "4"])), 0);
    let before = env.inventory_csv("before.csv");
    good_xlsx(&env.path("good.xlsx"));
    let out = env.run(&["import", "good.xlsx", "--dry-run", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_report_shape(&report);
    assert_eq!(report["applied"], false);
    assert_eq!(
        report["added"], 2,
        "the dry run still says what would happen"
    );
    assert_eq!(env.inventory_csv("after.csv"), before);

    let out = env.run(&["import", "good.xlsx", "--dry-run"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Would import"), "{}", stdout(&out));
    assert_eq!(env.inventory_csv("after2.csv"), before);
}

#[test]
fn import_of_a_missing_file_is_an_io_failure() {
    let env = Env::new();
    let out = env.run(&["import", "missing.xlsx", "--json"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}

#[test]
fn check_validates_without_a_database() {
    let env = Env::new();
    good_xlsx(&env.path("good.xlsx"));
    bad_csv(&env.path("bad.csv"));

    let out = env.command().args(["check", "good.xlsx"]).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = env
        .command()
        .args(["check", "good.xlsx", "--json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0);
    let report = json(&out);
    assert_report_shape(&report);
    assert_eq!(report["applied"], false);

    let out = env
        .command()
        .args(["check", "bad.csv", "--json"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let report = json(&out);
    assert_report_shape(&report);
    // The email holds its row; the classification (issue 15) is in the value map.
    assert_eq!(report["held"][0]["problems"].as_array().unwrap().len(), 1);
    assert_eq!(report["value_maps"][0]["field_key"], "classification");

    // A missing file is an I/O failure; a file that is not a spreadsheet is refused.
    let out = env
        .command()
        .args(["check", "missing.xlsx"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    std::fs::write(env.path("noise.xlsx"), [7u8; 300]).unwrap();
    let out = env
        .command()
        .args(["check", "noise.xlsx"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    no_panic(&out);

    // check never creates a database.
    assert!(!env.db().exists());
    assert!(!env.path("home").exists());
}

#[test]
fn wrong_usage_exits_2() {
    let env = Env::new();
    for args in [
        &["export", "x.csv", "--bogus"][..],
        &["--bogus"],
        &["frobnicate"],
        &["import"],
        &["demo", "--datasets", "many"],
        &["--theme", "purple"],
    ] {
        let out = env.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
    assert!(!env.path("x.csv").exists());
}

#[test]
fn a_database_that_cannot_be_created_is_an_io_failure() {
    let env = Env::new();
    let file = env.path("plain-file");
    std::fs::write(&file, "not a folder").unwrap();
    let db = file.join("sub").join("inventory.sqlite3");
    for args in [&["demo", "--datasets", "2"][..], &["export", "x.csv"]] {
        let out = env
            .command()
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
        no_panic(&out);
    }
    // A file that is not a database at all.
    let junk = env.path("junk.sqlite3");
    std::fs::write(&junk, [0x42u8; 4096]).unwrap();
    let out = env
        .command()
        .arg("--db")
        .arg(&junk)
        .args(["export", "x.csv"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    no_panic(&out);
}

#[test]
fn the_environment_variable_chooses_the_database_when_db_is_absent() {
    let env = Env::new();
    let chosen = env.path("from-env/inv.sqlite3");
    let out = env
        .command()
        .env("INVENTORY_DESK_DB", &chosen)
        .args(["demo", "--datasets", "3"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(chosen.exists(), "the database is where the variable says");
    assert!(!env.path("home").exists(), "the default folder is unused");

    let out = env
        .command()
        .env("INVENTORY_DESK_DB", &chosen)
        .args(["export", "from-env.csv"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let csv = std::fs::read_to_string(env.path("from-env.csv")).unwrap();
    assert!(csv.lines().count() > 3, "{csv}");

    // --db wins over the variable: the export looks for other.sqlite3, which is
    // not there (and is not created).
    let other = env.path("other.sqlite3");
    let out = env
        .command()
        .env("INVENTORY_DESK_DB", &chosen)
        .arg("--db")
        .arg(&other)
        .args(["export", "other.csv"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(stderr(&out).contains("other.sqlite3"), "{}", stderr(&out));
    assert!(!other.exists() && !env.path("other.csv").exists());
}

#[test]
fn an_untouched_export_imports_back_as_zero_changes() {
    let env = Env::new();
    assert_eq!(
        code(&env.run(&["demo", "--datasets", "12", "--seed", "5"])),
        0
    );
    let before = env.inventory_csv("before.csv");
    for name in ["round.xlsx", "round.csv"] {
        assert_eq!(code(&env.run(&["export", name])), 0);
        let out = env
            .command()
            .args(["check", name, "--json"])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{name}: {}{}", stdout(&out), stderr(&out));

        let out = env.run(&["import", name, "--json"]);
        assert_eq!(code(&out), 0, "{name}: {}{}", stdout(&out), stderr(&out));
        let report = json(&out);
        assert_report_shape(&report);
        assert_eq!(report["added"], 0, "{name}: {report}");
        assert_eq!(report["updated"], 0, "{name}: {report}");
        assert_eq!(report["conflicts"], 0, "{name}: {report}");
        assert_eq!(report["not_in_file"], 0, "{name}: {report}");
        assert_eq!(report["unchanged"], 12, "{name}: {report}");
        assert_eq!(report["warnings"].as_array().unwrap().len(), 0, "{report}");
    }
    assert_eq!(env.inventory_csv("after.csv"), before);
}

#[test]
fn a_data_json_catalog_leaves_non_public_data_out_unless_asked_and_follows_the_profile() {
    let env = Env::new();
    assert_eq!(code(&env.run(&["demo", "--datasets", "300"])), 0);
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(env.path(name)).unwrap()).unwrap()
    };
    let levels = |c: &Value| -> Vec<String> {
        c["dataset"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["accessLevel"].as_str().unwrap().to_string())
            .collect()
    };
    // The demo follows the app's rules: nothing is held back (tests/catalog.rs
    // holds a dataset back and checks the exit status 1).
    let out = env.run(&["export", "public.json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let public = read("public.json");
    assert!(!levels(&public).iter().any(|l| l == "non-public"));
    assert!(inventory_desk::catalog::problems(&public).is_empty());
    let out = env.run(&["export", "all.json", "--include-non-public"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let all = read("all.json");
    assert!(levels(&all).iter().any(|l| l == "non-public"));
    assert!(levels(&all).len() > levels(&public).len());
    assert!(inventory_desk::catalog::problems(&all).is_empty());
}

#[test]
fn check_and_import_give_the_same_answers() {
    let env = Env::new();
    drop(common::parks_at(&env.db(), &["Street Trees"]));
    // A row that puts a Parks dataset in another department (once, check
    // said 0 errors for it and import refused the file), and a new row that
    // says Published.
    std::fs::write(
        env.path("mixed.csv"),
        "Inventory ID,Dataset Name,Department,Publication Status\n\
         PRK-0001,Street Trees,Transportation,Not ready\n\
         ,Bike Lanes,Parks,Published\n",
    )
    .unwrap();
    let checked = env.run(&["check", "mixed.csv", "--json"]);
    let dry = env.run(&["import", "mixed.csv", "--dry-run", "--json"]);
    assert_eq!(code(&checked), code(&dry));
    assert_eq!(
        json(&checked),
        json(&dry),
        "the same plan, the same answers"
    );
    let report = json(&checked);
    assert_report_shape(&report);
    assert_eq!(report["held"][0]["problems"][0]["column"], "Department");
    assert_eq!(report["added"], 1);
    assert_eq!(report["refused_moves"][0]["dataset"], "Bike Lanes");
    assert_eq!(report["refused_moves"][0]["from"], "new");
    assert_eq!(report["refused_moves"][0]["to"], "Published");
    // And in sentences, alike.
    let checked = env.run(&["check", "mixed.csv"]);
    let dry = env.run(&["import", "mixed.csv", "--dry-run"]);
    assert_eq!(stderr(&checked), stderr(&dry));
    assert!(
        stderr(&checked).contains("Status not taken: Bike Lanes"),
        "{}",
        stderr(&checked)
    );
}

#[test]
fn json_is_printed_even_when_the_file_is_refused() {
    let env = Env::new();
    drop(common::parks_at(&env.db(), &[]));
    std::fs::write(env.path("noise.xlsx"), [7u8; 300]).unwrap();
    for args in [
        &["import", "noise.xlsx", "--json"][..],
        &["import", "noise.xlsx", "--dry-run", "--json"],
        &["check", "noise.xlsx", "--json"],
    ] {
        let out = env.run(args);
        assert_eq!(code(&out), 1, "{args:?}: {}", stderr(&out));
        no_panic(&out);
        let report = json(&out);
        assert_report_shape(&report);
        assert_eq!(report["applied"], false);
        let message = report["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("noise.xlsx"), "{message}");
    }
}

#[test]
fn json_lists_each_conflict_and_each_refused_move() {
    use inventory_desk::model::{Field, Status};
    let env = Env::new();
    let store = common::parks_at(&env.db(), &["Street Trees"]);
    let id = store.datasets().unwrap()[0].id.clone().unwrap();
    let mut sent = common::sheets::Sent::new(store, vec![id.clone()]);
    // Both the coordinator and the CDO change the steward after the export;
    // the CDO's file also marks it Published.
    sent.store
        .set_field(&id, Field::Steward, "Ana Ruiz")
        .unwrap();
    sent.returned(|back| {
        back.sources.clear();
        back.datasets[0].steward = "Lee Park".into();
        back.datasets[0].status = Status::Published;
    });
    drop(sent.store);
    let file = sent.dir.path().join("returned.xlsx");
    let out = env.run(&["import", file.to_str().unwrap(), "--dry-run", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_report_shape(&report);
    let conflicts = report["conflict_list"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{report}");
    assert_eq!(conflicts[0]["dataset"], "Street Trees");
    assert_eq!(conflicts[0]["id"], id.to_string());
    assert_eq!(conflicts[0]["field"], "Data Steward");
    assert_eq!(
        (&conflicts[0]["yours"], &conflicts[0]["theirs"]),
        (&"Ana Ruiz".into(), &"Lee Park".into())
    );
    let refused = report["refused_moves"].as_array().unwrap();
    assert_eq!(refused.len(), 1, "{report}");
    assert_eq!(
        (&refused[0]["from"], &refused[0]["to"]),
        (&"Not ready".into(), &"Published".into())
    );
    assert!(refused[0]["why"].as_str().unwrap().contains("review path"));
}

#[test]
fn a_file_naming_no_department_asks_for_one_and_department_answers_it() {
    let env = Env::new();
    std::fs::write(env.path("plain.csv"), "Dataset Name\nBus Stops\nBridges\n").unwrap();
    let out = env.run(&["import", "plain.csv"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("--department"), "{}", stderr(&out));
    assert!(stderr(&out).contains("2 datasets"), "{}", stderr(&out));
    let out = env.run(&[
        "import",
        "plain.csv",
        "--department",
        "Department of Transportation",
        "--json",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["added"], 2);
    assert_eq!(report["new_departments"][0]["code"], "DOT");
    assert!(env.inventory_csv("after.csv").contains("DOT-0002"));
}
