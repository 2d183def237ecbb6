//! The inventory holds names and email addresses of staff: the app keeps it on
//! this computer. No crate that the app is built from opens network
//! connections (file permissions are tested in src/store/backups.rs).

use std::process::Command;

/// Crates that speak HTTP, TLS or run a network runtime.
const NETWORK: [&str; 12] = [
    "reqwest",
    "ureq",
    "hyper",
    "curl",
    "isahc",
    "attohttpc",
    "surf",
    "tokio",
    "async-std",
    "h2",
    "rustls",
    "native-tls",
];

#[test]
fn no_crate_the_app_is_built_from_talks_to_the_network() {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--locked",
            "--offline",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(crates.contains(&"rusqlite"), "the tree was read");
    for name in NETWORK {
        assert!(!crates.contains(&name), "{name} is a dependency");
    }
}
