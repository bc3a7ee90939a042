//! `brazen mock` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct MockArgs {}

pub fn run(_args: MockArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen mock is not implemented yet")
}
