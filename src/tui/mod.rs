//! The interactive workbench (being written).

pub fn run(_global: crate::cli::Global) -> anyhow::Result<i32> {
    anyhow::bail!("the TUI is not implemented yet")
}
