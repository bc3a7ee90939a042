//! `brazen explain` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {}

pub fn run(_args: ExplainArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen explain is not implemented yet")
}
