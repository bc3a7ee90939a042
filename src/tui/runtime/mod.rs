//! The runtime: owns every piece of IO (client, history, mock, files) and runs effects in tokio tasks that send
//! their results back as messages. Only this module changes when an engine API changes.

mod collection;
mod envs;
mod replay;
mod send;
pub mod state;
mod store;
pub mod terminal;
mod validate;

pub mod event_loop;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::watch;

use super::model::SavedState;
use super::msg::{Effect, Msg};
use super::pretty::BodyLines;
use crate::client::{CancellationToken, Sender};
use crate::clock::SharedClock;
use crate::config::{Config, Paths};
use crate::history::Store;
use crate::i18n::Lang;
use crate::mock::{MockOptions, MockServer};

/// What the runtime is built from. Tests pass a temporary `paths`, a manual clock and a fixed configuration.
pub struct Options {
    pub lang: Lang,
    pub paths: Paths,
    /// The one clock of the app, its sandbox mock and its client.
    pub clock: SharedClock,
    /// `None`: load `paths.config_file` and the process environment.
    pub config: Option<Config>,
    /// How the sandbox's in-process mock is started (its clock is replaced by `clock`).
    pub mock: MockOptions,
    /// Seed of the client's backoff jitter (tests); `None` seeds from the OS.
    pub client_seed: Option<u64>,
    /// Where exports are written; `None`: the current folder.
    pub export_dir: Option<std::path::PathBuf>,
    /// `--requests DIR`: the collection of saved requests; `None`: `requests_dir` of the config, else the default.
    pub requests_dir: Option<std::path::PathBuf>,
    /// Where OSC 52 sequences go; `None`: the terminal (standard output). Tests read what was written.
    pub clipboard: Option<Arc<Mutex<Vec<u8>>>>,
}

impl Options {
    /// The real thing: files under `Paths::resolve()`, the system clock.
    pub fn from_env(lang: Lang) -> Options {
        Options {
            lang,
            paths: Paths::resolve(),
            clock: Arc::new(crate::system::SystemClock),
            config: None,
            mock: MockOptions::default(),
            client_seed: None,
            export_dir: None,
            requests_dir: None,
            clipboard: None,
        }
    }
}

/// Counts tasks in flight, so a test can wait until the app is idle.
#[derive(Debug, Clone, Default)]
pub struct Busy(Arc<AtomicUsize>);

pub struct BusyGuard(Arc<AtomicUsize>);

impl Busy {
    pub fn start(&self) -> BusyGuard {
        self.0.fetch_add(1, Ordering::SeqCst);
        BusyGuard(self.0.clone())
    }

    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What the tasks share.
pub(crate) struct Shared {
    lang: Lang,
    paths: Paths,
    clock: SharedClock,
    config: Mutex<Option<Config>>,
    mock_options: MockOptions,
    mock: tokio::sync::Mutex<Option<MockServer>>,
    store: tokio::sync::OnceCell<Option<Arc<Store>>>,
    senders: Mutex<HashMap<String, Arc<Sender>>>,
    cancels: Mutex<HashMap<u64, CancellationToken>>,
    client_seed: Option<u64>,
    export_dir: Option<std::path::PathBuf>,
    requests_dir: Option<std::path::PathBuf>,
    clipboard: Option<Arc<Mutex<Vec<u8>>>>,
    tx: UnboundedSender<Msg>,
    busy: Busy,
}

pub struct Runtime {
    shared: Arc<Shared>,
    validate: watch::Sender<Option<validate::Job>>,
    save: state::Saver,
    /// The state file's content at start.
    pub restored: Option<SavedState>,
}

impl Runtime {
    /// Sets up the runtime (inside a tokio runtime) and starts loading the configuration, the sandbox and the
    /// history in the background; their results arrive as messages.
    pub fn start(opts: Options) -> (Runtime, UnboundedReceiver<Msg>) {
        let (tx, rx) = unbounded_channel();
        let busy = Busy::default();
        let (restored, notice) = state::load_or_set_aside(&opts.paths.state_file);
        if let Some(notice) = notice {
            let _ = tx.send(Msg::Failed(notice));
        }
        let mut mock_options = opts.mock;
        mock_options.clock = opts.clock.clone();
        let shared = Arc::new(Shared {
            lang: opts.lang,
            paths: opts.paths.clone(),
            clock: opts.clock,
            config: Mutex::new(opts.config),
            mock_options,
            mock: tokio::sync::Mutex::new(None),
            store: tokio::sync::OnceCell::new(),
            senders: Mutex::new(HashMap::new()),
            cancels: Mutex::new(HashMap::new()),
            client_seed: opts.client_seed,
            export_dir: opts.export_dir,
            requests_dir: opts.requests_dir,
            clipboard: opts.clipboard,
            tx: tx.clone(),
            busy: busy.clone(),
        });
        let validate = validate::spawn_worker(tx.clone(), busy.clone());
        let save = state::Saver::spawn(opts.paths.state_file.clone());
        let rt = Runtime { shared: shared.clone(), validate, save, restored };
        let guard = busy.start();
        let preferred = rt.restored.as_ref().map(|s| s.environment.clone()).filter(|e| !e.is_empty());
        tokio::spawn(async move {
            init(&shared, preferred).await;
            drop(guard);
        });
        (rt, rx)
    }

    /// A handle to post messages into the loop (signal handlers).
    pub fn sender(&self) -> UnboundedSender<Msg> {
        self.shared.tx.clone()
    }

    pub fn busy(&self) -> &Busy {
        &self.shared.busy
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.shared.clock.now()
    }

    /// Runs one effect. Never blocks: the work happens in spawned tasks.
    pub fn execute(&self, effect: Effect) {
        let sh = self.shared.clone();
        match effect {
            Effect::Validate { generation, endpoint, text, headers, vars, timezone, now } => {
                let _ = self.validate.send(Some(validate::Job {
                    generation,
                    endpoint,
                    text,
                    headers,
                    vars,
                    timezone,
                    now,
                    lang: sh.lang,
                }));
            }
            Effect::Send { id, request } => {
                let token = CancellationToken::new();
                lock(&sh.cancels).insert(id, token.clone());
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    send::run(&sh, id, request, token).await;
                    lock(&sh.cancels).remove(&id);
                    drop(guard);
                });
            }
            Effect::Cancel { id } => {
                if let Some(t) = lock(&sh.cancels).get(&id) {
                    t.cancel();
                }
            }
            Effect::Format { seq, exchange } => blocking(&sh, move || {
                let body = exchange.final_response().map(|r| r.body.as_str()).unwrap_or("");
                let lines = Arc::new(BodyLines::new(body));
                // Receiving, classifying and formatting a large body allocate several times its size for a moment.
                release_freed_memory();
                Msg::BodyReady { seq, body: lines }
            }),
            Effect::Diff { seq, left, right } => blocking(&sh, move || {
                // Past this the line diff settles for a coarser alignment (more rows changed, none lost): two
                // unrelated 20 000-line bodies would otherwise take seconds.
                let deadline = std::time::Instant::now().checked_add(std::time::Duration::from_millis(500));
                let align = |a: &[String], b: &[String]| {
                    similar::capture_diff_slices_deadline(similar::Algorithm::Myers, a, b, deadline)
                };
                let diff = Arc::new(crate::exchange::diff::diff(&left, &right, &align));
                release_freed_memory();
                Msg::DiffReady { seq, diff }
            }),
            Effect::LoadHistory(query) => {
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    let msg = match sh.store().await {
                        Some(store) => {
                            let q = query.clone();
                            match tokio::task::spawn_blocking(move || store::list(&store, &q)).await {
                                Ok(Ok(rows)) => Msg::HistoryLoaded { query, rows },
                                Ok(Err(e)) => Msg::Failed(e),
                                Err(e) => Msg::Failed(e.to_string()),
                            }
                        }
                        None => Msg::HistoryLoaded { query, rows: Vec::new() },
                    };
                    let _ = sh.tx.send(msg);
                    drop(guard);
                });
            }
            Effect::LoadExchange(id) => {
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    let msg = match sh.store().await {
                        Some(store) => match tokio::task::spawn_blocking(move || store.get(id)).await {
                            Ok(Ok(ex)) => Msg::ExchangeLoaded { id, exchange: ex.map(Box::new) },
                            Ok(Err(e)) => Msg::Failed(e.to_string()),
                            Err(e) => Msg::Failed(e.to_string()),
                        },
                        None => Msg::ExchangeLoaded { id, exchange: None },
                    };
                    let _ = sh.tx.send(msg);
                    drop(guard);
                });
            }
            Effect::Export { exchange, format } => {
                let lang = sh.lang;
                let dir = sh.export_dir.clone();
                let now = sh.clock.now();
                blocking(&sh, move || match store::export(&exchange, format, lang, dir, now) {
                    Ok(path) => Msg::Exported { path },
                    Err(e) => Msg::Failed(e),
                });
            }
            Effect::SaveState(s) => self.save.queue(s),
            Effect::SwitchEnv(name) => {
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    if name == crate::config::SANDBOX {
                        let _ = sh.mock_url().await;
                    }
                    sh.announce_envs(&name).await;
                    drop(guard);
                });
            }
            Effect::AddEnvironment { name, url, current } => {
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    let path = sh.paths.config_file.clone();
                    let paths = sh.paths.clone();
                    let written = tokio::task::spawn_blocking(move || {
                        crate::config::add_environment(&path, &name, &url)?;
                        crate::config::Config::load(&paths).map(|c| (name, c))
                    })
                    .await;
                    match written {
                        Ok(Ok((name, config))) => {
                            *lock(&sh.config) = Some(config);
                            sh.announce_envs(&current).await;
                            let _ = sh.tx.send(Msg::EnvironmentAdded { name });
                        }
                        Ok(Err(e)) => {
                            let _ = sh.tx.send(Msg::Failed(e.to_string()));
                        }
                        Err(_) => {}
                    }
                    drop(guard);
                });
            }
            e @ (Effect::ListRequests
            | Effect::OpenRequest { .. }
            | Effect::SaveRequest { .. }
            | Effect::RenameRequest { .. }
            | Effect::DuplicateRequest(_)
            | Effect::DeleteRequest(_)) => collection::run(&sh, e),
            Effect::Copy { label, text } => {
                let sequence = super::clipboard::osc52(&text);
                let written = match &sh.clipboard {
                    Some(sink) => {
                        lock(sink).extend_from_slice(sequence.as_bytes());
                        Ok(())
                    }
                    None => {
                        use std::io::Write as _;
                        let mut out = std::io::stdout();
                        out.write_all(sequence.as_bytes()).and_then(|()| out.flush())
                    }
                };
                let _ = sh.tx.send(match written {
                    Ok(()) => Msg::Copied { label, bytes: text.len() },
                    Err(e) => Msg::Failed(format!("cannot write to the terminal: {e}")),
                });
            }
            Effect::DeleteExchange(id) => {
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    if let Some(store) = sh.store().await {
                        let done = tokio::task::spawn_blocking(move || {
                            let deleted = store.delete(&[id]).map_err(|e| e.to_string())?;
                            // The file shrinks; a failure to compact (another brazen holds it) keeps the delete.
                            let _ = store.compact();
                            Ok::<_, String>(deleted)
                        })
                        .await;
                        let _ = sh.tx.send(match done {
                            Ok(Ok(_)) => Msg::ExchangeDeleted { id },
                            Ok(Err(e)) => Msg::Failed(e),
                            Err(_) => Msg::Failed("the delete did not finish".into()),
                        });
                    }
                    drop(guard);
                });
            }
            Effect::ReadBody(path) => {
                let cap = lock(&sh.config)
                    .as_ref()
                    .map_or(crate::config::DEFAULT_MAX_INPUT_BYTES, |c| c.max_input_bytes.value);
                blocking(&sh, move || {
                    let text = crate::config::read_text_file_at_most(&typed_path(&path), cap)
                        .map_err(|e| format!("{path}: {e}"));
                    Msg::BodyRead { path, text }
                });
            }
            Effect::PlanReplay { ids, query } => replay::plan(&sh, ids, query),
            Effect::RunReplay { id, ids } => replay::run(&sh, id, ids),
            Effect::ImportBundle(path) => {
                let cap = lock(&sh.config)
                    .as_ref()
                    .map_or(crate::config::DEFAULT_MAX_INPUT_BYTES, |c| c.max_input_bytes.value);
                let guard = sh.busy.start();
                tokio::spawn(async move {
                    let msg = match sh.store().await {
                        None => Msg::BundleFailed(format!("{path}: the history is not available")),
                        Some(store) => tokio::task::spawn_blocking(move || {
                            let text = match crate::config::read_text_file_at_most(&typed_path(&path), cap) {
                                Ok(t) => t,
                                Err(e) => return Msg::BundleFailed(format!("{path}: {e}")),
                            };
                            match crate::service::import_bundle(&store, &text, &crate::service::bundle_file_name(&path))
                            {
                                Ok(done) => Msg::BundleImported {
                                    id: done.imported.id(),
                                    new: matches!(done.imported, crate::history::Imported::New(_)),
                                    origin: format!("{} #{}", done.origin.environment, done.origin.exchange_id),
                                },
                                Err(e) => Msg::BundleFailed(format!("{path}: {e}")),
                            }
                        })
                        .await
                        .unwrap_or_else(|_| Msg::BundleFailed("the import did not finish".into())),
                    };
                    let _ = sh.tx.send(msg);
                    drop(guard);
                });
            }
            Effect::SaveText { stem, ext, text } => {
                let dir = sh.export_dir.clone();
                blocking(&sh, move || {
                    let dir = match dir {
                        Some(d) => Ok(d),
                        None => std::env::current_dir().map_err(|e| format!("cannot find the current folder: {e}")),
                    };
                    match dir.and_then(|d| store::write_new(&d, &stem, &ext, text.as_bytes())) {
                        Ok(path) => Msg::Exported { path },
                        Err(e) => Msg::Failed(e),
                    }
                });
            }
            Effect::Quit => {}
        }
    }

    /// Writes the state now (on quit: the debounced saver may not get another turn).
    pub fn flush_state(&self, state: &SavedState) {
        self.save.flush(state);
    }

    /// Stops the sandbox mock, if it runs.
    pub async fn shutdown(&self) {
        if let Some(m) = self.shared.mock.lock().await.take() {
            m.shutdown().await;
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Gives memory freed after a large response back to the OS. glibc keeps freed heap for reuse, so without this
/// the transient peak of a 10 MiB response (parse trees several times the body) would stay in the RSS.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks glibc's own arenas; it has no preconditions.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Runs CPU work on the blocking pool and sends its message.
fn blocking(sh: &Arc<Shared>, f: impl FnOnce() -> Msg + Send + 'static) {
    let guard = sh.busy.start();
    let tx = sh.tx.clone();
    tokio::spawn(async move {
        if let Ok(msg) = tokio::task::spawn_blocking(f).await {
            let _ = tx.send(msg);
        }
        drop(guard);
    });
}

/// Configuration, environments (starting the sandbox when it is the one in use), history.
async fn init(sh: &Arc<Shared>, preferred: Option<String>) {
    let loaded = {
        let mut cfg = lock(&sh.config);
        if cfg.is_none() {
            match Config::load(&sh.paths) {
                Ok(c) => *cfg = Some(c),
                Err(e) => {
                    let _ = sh.tx.send(Msg::Failed(e.to_string()));
                    // The sandbox still works without a readable config file.
                    let empty = crate::config::Inputs { file_text: None, file_mode: None, var: &|_| None };
                    *cfg = Config::resolve(&sh.paths, empty).ok();
                }
            }
        }
        cfg.as_ref().map(|c| {
            let name = preferred
                .filter(|p| c.environments.iter().any(|e| e.name == *p))
                .unwrap_or_else(|| c.default_environment.value.clone());
            (name.clone(), c.environment(Some(&name)).map(crate::service::needs_mock).unwrap_or(true))
        })
    };
    let (current, sandbox) = loaded.unwrap_or_else(|| (crate::config::SANDBOX.to_string(), true));
    if sandbox {
        let _ = sh.mock_url().await;
    }
    sh.announce_envs(&current).await;
    let _ = sh.store().await;
}

impl Shared {
    /// The running sandbox's URL, starting it on first use.
    async fn mock_url(&self) -> Option<String> {
        let mut m = self.mock.lock().await;
        if m.is_none() {
            match crate::mock::start(self.mock_options.clone()).await {
                Ok(server) => *m = Some(server),
                Err(e) => {
                    let _ = self.tx.send(Msg::Failed(format!("cannot start the offline mock: {e}")));
                }
            }
        }
        m.as_ref().map(|s| s.url())
    }

    async fn announce_envs(&self, current: &str) {
        let url = self.mock.lock().await.as_ref().map(|s| s.url());
        let envs = lock(&self.config).as_ref().map(|c| envs::list(c, url.as_deref())).unwrap_or_default();
        let config_file = self.paths.config_file.display().to_string();
        let _ = self.tx.send(Msg::Envs { envs, current: current.to_string(), config_file });
        // The variables in effect follow the environment: the collection's, then the environment's own.
        match collection::variables(self, current) {
            Ok(vars) => {
                let _ = self.tx.send(Msg::Variables(Arc::new(vars)));
            }
            Err(why) => {
                let _ = self.tx.send(Msg::Failed(why));
            }
        }
    }

    /// The history store, opened on first use; `None` (after saying why) when it cannot be opened.
    async fn store(&self) -> Option<Arc<Store>> {
        self.store
            .get_or_init(|| async {
                let path = self.paths.history_db.clone();
                // The configured history: the shared ledger when `history_url` names one (each exchange with who
                // sent it), else the local file. Opened off the loop: a ledger may take its connect timeout.
                let cfg = lock(&self.config).clone();
                let open = move || match cfg {
                    Some(cfg) => Store::open_configured(&cfg),
                    None => Store::open(&path),
                };
                match tokio::task::spawn_blocking(open).await {
                    Ok(Ok(s)) => Some(Arc::new(s)),
                    Ok(Err(e)) => {
                        let _ = self.tx.send(Msg::HistoryUnavailable(e.to_string()));
                        None
                    }
                    Err(_) => None,
                }
            })
            .await
            .clone()
    }
}

/// A path as typed in a field: `~/` is the user's home, as a shell would read it.
fn typed_path(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}
