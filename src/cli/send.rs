//! `brazen send` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct SendArgs {}

pub fn run(_args: SendArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen send is not implemented yet")
}
