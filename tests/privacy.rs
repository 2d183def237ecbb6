//! The inventory holds names and email addresses of staff: the app keeps it on
//! this computer. The only crate that the app is built from that opens network
//! connections is the HTTP client that publishes to the city's portal, used in
//! one file, when the person asks to publish (file permissions are tested in
//! src/store/backups.rs).

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
        if PUBLISHING.contains(&name) {
            continue;
        }
        assert!(!crates.contains(&name), "{name} is a dependency");
    }
}

/// The HTTP client that publishes to the portal, and the TLS it speaks.
const PUBLISHING: [&str; 2] = ["ureq", "rustls"];

#[test]
fn only_the_portal_s_transport_uses_the_http_client() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut users = Vec::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if std::fs::read_to_string(&path).is_ok_and(|t| t.contains("ureq::")) {
                users.push(path.strip_prefix(&src).unwrap().display().to_string());
            }
        }
    }
    assert_eq!(users, ["portal/transport.rs"]);
}
