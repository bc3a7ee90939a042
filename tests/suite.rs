//! Every integration test in one binary: the files beside this one are its modules. One test binary links the
//! crate once instead of once per file (thirty links were minutes of CI). `tests/rules.rs` stays apart: it has its
//! own harness (one named test per documented rule).

mod common;

#[path = "batch_tmux.rs"]
mod batch_tmux;
#[path = "collection_cli.rs"]
mod collection_cli;
#[path = "config_secrets.rs"]
mod config_secrets;
#[path = "core_boundary.rs"]
mod core_boundary;
#[path = "exit_codes.rs"]
mod exit_codes;
#[path = "explain_cli.rs"]
mod explain_cli;
#[path = "history_housekeeping.rs"]
mod history_housekeeping;
#[path = "history_store.rs"]
mod history_store;
#[path = "honest_endings.rs"]
mod honest_endings;
#[path = "import_curl_cli.rs"]
mod import_curl_cli;
#[path = "input_bounds.rs"]
mod input_bounds;
#[path = "invalid_status_cli.rs"]
mod invalid_status_cli;
#[path = "ledger.rs"]
mod ledger;
#[path = "mock_bounds.rs"]
mod mock_bounds;
#[path = "mock_server.rs"]
mod mock_server;
#[path = "network_cards.rs"]
mod network_cards;
#[path = "repeatable_writes.rs"]
mod repeatable_writes;
#[path = "retries_cli.rs"]
mod retries_cli;
#[path = "saved_requests.rs"]
mod saved_requests;
#[path = "scim_cli.rs"]
mod scim_cli;
#[path = "scim_engine.rs"]
mod scim_engine;
#[path = "secret_sweep.rs"]
mod secret_sweep;
#[path = "send_cli.rs"]
mod send_cli;
#[path = "send_engine.rs"]
mod send_engine;
#[path = "terminal_escapes.rs"]
mod terminal_escapes;
#[path = "tui_app.rs"]
mod tui_app;
#[path = "tui_bundle.rs"]
mod tui_bundle;
#[path = "tui_copy.rs"]
mod tui_copy;
#[path = "tui_methods.rs"]
mod tui_methods;
#[path = "tui_replay.rs"]
mod tui_replay;
#[path = "tui_saved.rs"]
mod tui_saved;
#[path = "tui_tmux.rs"]
mod tui_tmux;
#[path = "validate_cli.rs"]
mod validate_cli;
#[path = "whole_api.rs"]
mod whole_api;
