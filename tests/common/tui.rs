//! The whole app on a `TestBackend` (the sandbox: no config file, no key, the in-process mock), with a manual clock
//! shared by the app, its client and the mock.

use std::sync::Arc;

use brazen::clock::ManualClock;
use brazen::config::{Config, Inputs, Paths};
use brazen::i18n::Lang;
use brazen::mock::MockOptions;
use brazen::tui::Theme;
use brazen::tui::driver::Driver;
use brazen::tui::runtime::Options;

pub fn t0() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().expect("a timestamp")
}

pub struct TuiHome {
    pub dir: tempfile::TempDir,
    pub paths: Paths,
    pub clock: ManualClock,
}

pub fn tui_home() -> TuiHome {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let paths = Paths::under(dir.path());
    TuiHome { dir, paths, clock: ManualClock::new(t0()) }
}

pub fn tui_options(h: &TuiHome, lang: Lang, rate_limit: Option<u64>) -> Options {
    // No config file, no BRAZE_API_KEY: the sandbox, as on a first start.
    let config = Config::resolve(&h.paths, Inputs { file_text: None, file_mode: None, var: &|_| None })
        .expect("the default configuration");
    Options {
        lang,
        paths: h.paths.clone(),
        clock: Arc::new(h.clock.clone()),
        config: Some(config),
        mock: MockOptions { rate_limit_per_minute: rate_limit, ..MockOptions::default() },
        client_seed: Some(7),
        export_dir: Some(h.dir.path().to_path_buf()),
        requests_dir: None,
        clipboard: None,
    }
}

pub async fn start_tui(h: &TuiHome, w: u16, ht: u16) -> Driver {
    Driver::start(tui_options(h, Lang::En, None), Theme { colour: false }, w, ht).await
}
