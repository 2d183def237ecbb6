//! Build script. For a Windows target it embeds the app icon
//! (`packaging/windows/icon.ico`) and the version information (product name, version,
//! description) in `inventory-desk.exe`, so that Explorer, the taskbar, the Start menu
//! shortcut of the .msi and Task Manager show them. For any other target it does nothing.
//!
//! `winresource` is a build dependency only on a Windows host
//! (`[target.'cfg(windows)'.build-dependencies]`; Cargo matches the `cfg` of build
//! dependencies against the host, since build scripts run there), so Linux and macOS
//! builds never compile it. A cross-compiled Windows build from Linux therefore gets no
//! icon: build the .exe and the .msi on Windows (`cargo wix`), as the README says.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=packaging/windows/icon.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources::embed();
    }
}

#[cfg(windows)]
mod windows_resources {
    pub fn embed() {
        let mut res = winresource::WindowsResource::new();
        res.set_icon("packaging/windows/icon.ico")
            // Task Manager and the file's Properties show these; the default
            // FileDescription would be the package's long description.
            .set("ProductName", "Inventory Desk")
            .set("FileDescription", "Inventory Desk")
            .set("CompanyName", "Inventory Desk developers")
            .set(
                "LegalCopyright",
                "Inventory Desk developers, MIT OR Apache-2.0",
            );
        if let Err(e) = res.compile() {
            panic!(
                "could not embed the icon in the .exe ({e}); MSVC needs rc.exe from the \
                 Windows SDK, GNU needs windres from MinGW-w64"
            );
        }
    }
}

#[cfg(not(windows))]
mod windows_resources {
    pub fn embed() {
        println!(
            "cargo:warning=building for Windows on a non-Windows host: the .exe gets no \
             icon (winresource is a build dependency on Windows hosts only)"
        );
    }
}
