//! `inventory-desk`: opens the app, or runs a subcommand of the command line.
//! All the work is in the library; this only maps results to exit codes.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use inventory_desk::cli::{self, Cli};

fn main() {
    let args = Cli::parse();
    let db = cli::database_path(args.db.as_deref());
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
                "There is no file {}. To open a workbook, give its path; the commands are export, import, check and demo (see --help).",
                file.display()
            );
            cli::EXIT_USAGE
        }
        None => {
            let options = inventory_desk::ui::Launch {
                db,
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
