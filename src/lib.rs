//! brazen — a terminal workbench for the Braze REST API.
//!
//! Layers, from the inside out:
//! - domain core, pure and synchronous: [`catalog`], [`validate`], [`classify`], [`retry`], [`scrub`], [`text`],
//!   [`i18n`];
//! - IO adapters: [`client`] (reqwest), [`history`] (SQLite), [`mock`] (axum), [`config`];
//! - front ends: [`tui`] and [`cli`].

pub mod catalog;
pub mod classify;
pub mod cli;
pub mod client;
pub mod clock;
pub mod config;
pub mod curl;
pub mod exchange;
pub mod history;
pub mod i18n;
pub mod mock;
pub mod request;
pub mod retry;
pub mod scrub;
pub mod system;
pub mod text;
pub mod tui;
pub mod validate;
