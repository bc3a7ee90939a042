//! `brazen validate` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {}

pub fn run(_args: ValidateArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen validate is not implemented yet")
}
