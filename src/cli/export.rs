//! `brazen export postman [--requests DIR]`: the saved requests as a Postman v2.1 collection on standard output
//! (the work is [`super::postman`]).

use std::path::PathBuf;

use super::Global;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub what: ExportWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum ExportWhat {
    /// A Postman collection (v2.1): `{{baseUrl}}` as every request's host, folders from groups, notes as
    /// descriptions, the collection's variables (a secret one without its value). Redirect it to a file.
    Postman {
        /// The collection folder (default: requests_dir in the config file, else `requests` beside the history).
        #[arg(long, value_name = "DIR")]
        requests: Option<PathBuf>,
    },
}

pub fn run(args: ExportArgs, global: Global) -> anyhow::Result<i32> {
    match args.what {
        ExportWhat::Postman { requests } => super::postman::export(requests, global),
    }
}
