//! `inventory-desk`: opens the app, or runs a subcommand of the command line.
//! All the work is in the library; this only maps results to exit codes.
//! Built without the `gui` feature it has no window and runs the commands only.

#![cfg_attr(
    all(feature = "gui", not(debug_assertions)),
    windows_subsystem = "windows"
)]

use clap::Parser;
use inventory_desk::cli::{self, Cli};

/// An import or export of a city's inventory makes and frees millions of small
/// strings: mimalloc does that in less time than the system's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = Cli::parse();
    let code = match args.command {
        Some(command) => match cli::run(args.db.as_deref(), command) {
            Ok(text) => {
                println!("{}", text.trim_end());
                0
            }
            Err(failure) => {
                if failure.output == cli::Output::Json {
                    println!("{}", failure.message);
                } else {
                    eprintln!("{}", failure.message.trim_end());
                }
                failure.code
            }
        },
        None if args.open.as_ref().is_some_and(|f| !f.is_file()) => {
            let file = args.open.unwrap_or_default();
            eprintln!(
                "There is no file {}. To open a workbook, give its path; the commands are export, import, check, publish, portal-key and demo (see --help).",
                file.display()
            );
            cli::EXIT_USAGE
        }
        #[cfg(not(feature = "gui"))]
        None => no_window(),
        #[cfg(feature = "gui")]
        None => {
            let options = inventory_desk::ui::Launch {
                db: cli::database_path(args.db.as_deref()),
                screenshot: args.screenshot,
                screen: args.screen,
                size: args.size,
                theme: args.theme,
                open: args.open,
            };
            match inventory_desk::ui::run(options) {
                Ok(()) => 0,
                Err(message) => {
                    eprintln!("{message}");
                    cli::EXIT_IO
                }
            }
        }
    };
    std::process::exit(code);
}

/// What a build without the window says when it is given no command: that it has
/// no window, and the commands it does have.
#[cfg(not(feature = "gui"))]
fn no_window() -> i32 {
    use clap::CommandFactory;
    let app = Cli::command();
    let commands: Vec<String> = app
        .get_subcommands()
        .filter(|c| c.get_name() != "help")
        .map(|c| {
            let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
            format!("  {:<8}{about}", c.get_name())
        })
        .collect();
    eprintln!(
        "This build of inventory-desk has no window (it was built without the \"gui\" feature). \
         Give it one of these commands (see --help):\n{}",
        commands.join("\n")
    );
    cli::EXIT_USAGE
}
