//! `brazen config [--format text|json] [--env NAME]`: the effective configuration, every value with where it came
//! from, the key masked.

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, pad};
use crate::config::{Config, Environment, Paths, Sourced};

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Show one environment in full.
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: ConfigArgs, _global: Global) -> anyhow::Result<i32> {
    let cfg = Config::load(&Paths::resolve())?;
    let shown: Vec<&Environment> = match &args.env {
        Some(name) => vec![cfg.environment(Some(name))?],
        None => cfg.environments.iter().collect(),
    };
    let out = match args.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&json(&cfg, &shown))?),
        Format::Text if args.env.is_some() => detail(&cfg, shown[0], Paint::stdout()),
        Format::Text => text(&cfg, &shown, Paint::stdout()),
    };
    print!("{out}");
    Ok(0)
}

#[derive(Serialize)]
struct Value<T: Serialize> {
    value: T,
    source: String,
}

fn v<T: Clone + Serialize>(s: &Sourced<T>) -> Value<T> {
    Value { value: s.value.clone(), source: s.source.to_string() }
}

#[derive(Serialize)]
struct KeyOut {
    masked: String,
    source: String,
}

#[derive(Serialize)]
struct EnvOut {
    name: String,
    kind: &'static str,
    default: bool,
    /// `null` for the sandbox (an in-process mock on a fresh port).
    url: Option<Value<String>>,
    dashboard: Option<String>,
    key: Option<KeyOut>,
    missing_key: Option<String>,
    timezone: Value<String>,
    connect_timeout_secs: Value<f64>,
    timeout_secs: Value<f64>,
    configured: bool,
}

#[derive(Serialize)]
struct ConfigOut {
    config_file: String,
    config_file_exists: bool,
    history_db: String,
    state_file: String,
    default_environment: Value<String>,
    max_body_bytes: Value<u64>,
    notes: Vec<String>,
    environments: Vec<EnvOut>,
}

fn json(cfg: &Config, shown: &[&Environment]) -> ConfigOut {
    let secs = |s: &Sourced<std::time::Duration>| Value { value: s.value.as_secs_f64(), source: s.source.to_string() };
    ConfigOut {
        config_file: cfg.paths.config_file.display().to_string(),
        config_file_exists: cfg.file_exists,
        history_db: cfg.paths.history_db.display().to_string(),
        state_file: cfg.paths.state_file.display().to_string(),
        default_environment: v(&cfg.default_environment),
        max_body_bytes: v(&cfg.max_body_bytes),
        notes: cfg.notes.clone(),
        environments: shown
            .iter()
            .map(|e| EnvOut {
                name: e.name.clone(),
                kind: e.kind.as_str(),
                default: e.name == cfg.default_environment.value,
                url: e.url.as_ref().map(v),
                dashboard: e.dashboard.clone(),
                key: e.key.as_ref().map(|k| KeyOut { masked: k.value.masked(), source: k.source.to_string() }),
                missing_key: e.missing_key.clone(),
                timezone: v(&e.timezone),
                connect_timeout_secs: secs(&e.connect_timeout),
                timeout_secs: secs(&e.timeout),
                configured: e.configured,
            })
            .collect(),
    }
}

fn url_text(e: &Environment) -> String {
    e.url.as_ref().map_or_else(|| "in-process mock (fresh port per command)".to_string(), |u| u.value.clone())
}

fn key_text(e: &Environment) -> String {
    match &e.key {
        Some(k) => format!("{} ({})", k.value.masked(), k.source),
        None => "not set".to_string(),
    }
}

fn timeouts_text(e: &Environment) -> String {
    format!("connect {} s, total {} s", e.connect_timeout.value.as_secs_f64(), e.timeout.value.as_secs_f64())
}

fn header(cfg: &Config, p: Paint) -> String {
    let mut out = String::new();
    // Labels padded to the widest, "response body".
    let label = |l: &str| format!("{}{}", p.bold(l), " ".repeat(13 - l.len()));
    let file_state = if cfg.file_exists { "" } else { " (not found: built-in defaults)" };
    out.push_str(&format!("{}  {}{file_state}\n", label("config file"), cfg.paths.config_file.display()));
    out.push_str(&format!("{}  {}\n", label("history"), cfg.paths.history_db.display()));
    out.push_str(&format!(
        "{}  {}  {}\n",
        label("default"),
        cfg.default_environment.value,
        p.dim(&format!("({})", cfg.default_environment.source))
    ));
    // The cap applies to what comes back: request bodies are sent whole.
    out.push_str(&format!(
        "{}  at most {} bytes kept per response (max_body_bytes)  {}\n",
        label("response body"),
        cfg.max_body_bytes.value,
        p.dim(&format!("({})", cfg.max_body_bytes.source))
    ));
    for n in &cfg.notes {
        out.push_str(&format!("{} {n}\n", p.yellow("note:")));
    }
    out
}

fn text(cfg: &Config, shown: &[&Environment], p: Paint) -> String {
    let mut out = header(cfg, p);
    out.push('\n');
    let name_w = shown.iter().map(|e| e.name.chars().count()).max().unwrap_or(8).max(4);
    let url_w = shown.iter().map(|e| url_text(e).chars().count()).max().unwrap_or(10);
    // As wide as the longest key text: a source such as `($BRAZE_API_KEY)` would push the time zone out of line.
    let key_w = shown.iter().map(|e| key_text(e).chars().count()).max().unwrap_or(0).max(24);
    out.push_str(&p.dim(&format!(
        "  {}  {}  {}  TIME ZONE\n",
        pad("NAME", name_w),
        pad("URL", url_w),
        pad("KEY", key_w)
    )));
    for e in shown {
        let mark = if e.name == cfg.default_environment.value { "*" } else { " " };
        let key = pad(&key_text(e), key_w);
        let key = if e.key.is_some() { key } else { p.dim(&key) };
        out.push_str(&format!(
            "{mark} {}  {}  {key}  {}\n",
            pad(&e.name, name_w),
            pad(&url_text(e), url_w),
            e.timezone.value
        ));
    }
    out.push_str(&p.dim("\n* default environment; `brazen config --env NAME` shows one in full\n"));
    out
}

fn detail(cfg: &Config, e: &Environment, p: Paint) -> String {
    let mut out = header(cfg, p);
    out.push('\n');
    out.push_str(&format!("{} ({})\n", p.bold(&e.name), e.kind.as_str()));
    let src = |s: &crate::config::Source| p.dim(&format!("({s})"));
    let url_src = e.url.as_ref().map(|u| src(&u.source)).unwrap_or_default();
    out.push_str(&format!("  url        {}  {url_src}\n", url_text(e)));
    if let Some(d) = &e.dashboard {
        out.push_str(&format!("  dashboard  {d}\n"));
    }
    match &e.key {
        Some(k) => out.push_str(&format!("  key        {}  {}\n", k.value.masked(), src(&k.source))),
        None => out
            .push_str(&format!("  key        not set: {}\n", e.missing_key.as_deref().unwrap_or("no key configured"))),
    }
    out.push_str(&format!("  timezone   {}  {}\n", e.timezone.value, src(&e.timezone.source)));
    out.push_str(&format!(
        "  timeouts   {}  {}\n",
        timeouts_text(e),
        p.dim(&format!("(connect: {}, total: {})", e.connect_timeout.source, e.timeout.source))
    ));
    out
}
