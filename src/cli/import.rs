//! `brazen import` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {}

pub fn run(_args: ImportArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen import is not implemented yet")
}
