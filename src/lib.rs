//! brazen — a terminal workbench for the Braze REST API.
//!
//! Layers, from the inside out:
//! - domain core, pure and synchronous (no IO crate, no file system or network, no clock of its own, no import of
//!   an adapter or a front end; `tests/core_boundary.rs` holds the one list of these modules and checks them):
//!   [`answer`], [`catalog`], [`classify`], [`clock`], [`exchange`], [`fault`], [`i18n`], [`policy`], [`postman`],
//!   [`request`], [`retry`], [`scrub`], [`text`], [`validate`], [`when`];
//! - IO adapters: [`client`] (reqwest), [`history`] (SQLite), [`mock`] (axum), [`config`], [`collection`] (the
//!   folder of saved requests), [`curl`], [`system`] (the wall clock);
//! - the service layer over them, [`service`]: targets, sending, recording, replays and batches;
//! - front ends: [`tui`] and [`cli`].

pub mod answer;
pub mod catalog;
pub mod classify;
pub mod cli;
pub mod client;
pub mod clock;
pub mod collection;
pub mod config;
pub mod curl;
pub mod exchange;
pub mod fault;
pub mod history;
pub mod i18n;
pub mod mock;
pub mod policy;
pub mod postman;
pub mod request;
pub mod retry;
pub mod scrub;
pub mod service;
pub mod system;
pub mod text;
pub mod tui;
pub mod validate;
pub mod when;
