//! `brazen config [--format text|json] [--env NAME]`: the effective configuration, every value with where it came
//! from, the key masked.

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, pad};
use super::text::ConfigText;
use crate::config::{Config, Environment, Source, Sourced};
use crate::i18n::{Lang, Table as _, fill};
use crate::text::visible;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Show one environment in full.
    #[arg(long, value_name = "NAME")]
    pub env: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: ConfigArgs, global: Global) -> anyhow::Result<i32> {
    let cfg = super::secrets::load_config()?;
    let shown: Vec<&Environment> = match &args.env {
        Some(name) => vec![cfg.environment(Some(name))?],
        None => cfg.environments.iter().collect(),
    };
    // The values come from the config file and the environment: the text is made visible on the way out.
    match args.format {
        Format::Json => super::print::print_json(&json(&cfg, &shown))?,
        Format::Text if args.env.is_some() => {
            super::print::out!("{}", detail(&cfg, shown[0], Paint::stdout(), global.lang))
        }
        Format::Text => super::print::out!("{}", text(&cfg, &shown, Paint::stdout(), global.lang)),
    }
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

/// The SCIM settings of an environment: the token masked with its source, the origin with its source.
#[derive(Serialize)]
struct ScimOut {
    token: Option<KeyOut>,
    missing_token: Option<String>,
    request_origin: Option<Value<String>>,
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
    scim: ScimOut,
    /// `[environment.NAME.variables]`, by name; a secret's value is never shown, only masked.
    variables: Vec<VarOut>,
}

/// One variable of an environment: its value (`null` for a secret or an unset `value_env`), a secret's mask, and
/// where the value comes from (`config file` or `$VARIABLE`).
#[derive(Serialize)]
struct VarOut {
    name: String,
    value: Option<String>,
    masked: Option<String>,
    secret: bool,
    source: String,
    /// `value_env` names a variable that is not set.
    unset: bool,
}

fn variables_of(e: &Environment) -> Vec<VarOut> {
    use crate::request::vars::Bound;
    e.variables
        .iter()
        .map(|(name, b)| {
            let (value, masked) = match &b.value {
                Bound::Value(v) if b.secret => (None, Some(crate::request::vars::mask(v))),
                Bound::Value(v) => (Some(v.clone()), None),
                Bound::Unset { .. } => (None, None),
            };
            let source = b.var.as_ref().map_or_else(|| Source::ConfigFile, |v| Source::EnvVar(v.clone()));
            VarOut {
                name: name.clone(),
                value,
                masked,
                secret: b.secret,
                source: source.to_string(),
                unset: matches!(b.value, Bound::Unset { .. }),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ConfigOut {
    config_file: String,
    config_file_exists: bool,
    history_db: String,
    state_file: String,
    default_environment: Value<String>,
    max_body_bytes: Value<u64>,
    /// The shared ledger, its password masked; absent for the local history.
    #[serde(skip_serializing_if = "Option::is_none")]
    ledger: Option<LedgerOut>,
    notes: Vec<String>,
    environments: Vec<EnvOut>,
}

#[derive(Serialize)]
struct LedgerOut {
    url: Value<String>,
    user: Value<String>,
    claim_timeout_secs: Value<u64>,
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
        ledger: cfg.history_url.as_ref().map(|u| LedgerOut {
            url: Value { value: u.value.masked(), source: u.source.to_string() },
            user: v(&cfg.user),
            claim_timeout_secs: v(&cfg.claim_timeout_secs),
        }),
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
                missing_key: e.missing_key.as_ref().map(ToString::to_string),
                timezone: v(&e.timezone),
                connect_timeout_secs: secs(&e.connect_timeout),
                timeout_secs: secs(&e.timeout),
                configured: e.configured,
                scim: ScimOut {
                    token: e
                        .scim
                        .token
                        .as_ref()
                        .map(|t| KeyOut { masked: t.value.masked(), source: t.source.to_string() }),
                    missing_token: e.scim.missing_token.clone(),
                    request_origin: e.scim.request_origin.as_ref().map(v),
                },
                variables: variables_of(e),
            })
            .collect(),
    }
}

/// Where a value came from, in `lang`; variable and flag names stay as typed. A rule is known by its English
/// wording, which is the configuration's own.
fn source_text(s: &Source, lang: Lang) -> String {
    let (t, en) = (ConfigText::get(lang), ConfigText::get(Lang::En));
    match s {
        Source::BuiltIn => t.source_built_in.into(),
        Source::ConfigFile => t.source_config_file.into(),
        Source::Rule(r) if r == en.rule_no_key => t.rule_no_key.into(),
        Source::Rule(r) if r == en.rule_only_key => t.rule_only_key.into(),
        s => visible(&s.to_string()).into_owned(),
    }
}

fn url_text(e: &Environment, lang: Lang) -> String {
    e.url.as_ref().map_or_else(|| ConfigText::get(lang).in_process.to_string(), |u| visible(&u.value).into_owned())
}

fn key_text(e: &Environment, lang: Lang) -> String {
    match &e.key {
        Some(k) => format!("{} ({})", k.value.masked(), source_text(&k.source, lang)),
        None => ConfigText::get(lang).not_set.to_string(),
    }
}

/// The SCIM line of an environment: the token masked with its source (or what is missing), the origin with its
/// source. `None` when nothing about SCIM is set or asked for, so the list stays short.
fn scim_text(e: &Environment, lang: Lang) -> Option<String> {
    let t = ConfigText::get(lang);
    let scim = &e.scim;
    let asked = scim.token.is_some() || scim.request_origin.is_some();
    // A `scim_token_env` whose variable is not set is worth a line too: its sentence names the variable.
    let named_but_unset = scim.missing_token.as_deref().is_some_and(|m| m.contains("scim_token_env names"));
    if !asked && !named_but_unset {
        return None;
    }
    let token = match &scim.token {
        Some(k) => format!("{} ({})", k.value.masked(), source_text(&k.source, lang)),
        None => format!("{}: {}", t.not_set, visible(&scim.missing_token_sentence(&e.name))),
    };
    let origin = match &scim.request_origin {
        Some(o) => format!("{} ({})", visible(&o.value), source_text(&o.source, lang)),
        None => t.not_set.to_string(),
    };
    Some(fill(t.scim_values, &[("token", &token), ("origin", &origin)]))
}

fn timeouts_text(e: &Environment, lang: Lang) -> String {
    let (c, t) = (e.connect_timeout.value.as_secs_f64(), e.timeout.value.as_secs_f64());
    fill(ConfigText::get(lang).timeout_values, &[("c", &c), ("t", &t)])
}

fn header(cfg: &Config, p: Paint, lang: Lang) -> String {
    let t = ConfigText::get(lang);
    let mut out = String::new();
    let labels = [t.config_file, t.history, t.default, t.response_body];
    // Labels padded to the widest, by display width (Korean letters take two columns).
    let lw = labels.iter().map(|l| super::output::width(l)).max().unwrap_or(0);
    let label = |l: &str| p.bold(&pad(l, lw));
    let file_state = if cfg.file_exists { String::new() } else { format!(" {}", t.file_not_found) };
    let path = |p: &std::path::Path| visible(&p.display().to_string()).into_owned();
    out.push_str(&format!("{}  {}{file_state}\n", label(labels[0]), path(&cfg.paths.config_file)));
    out.push_str(&format!("{}  {}\n", label(labels[1]), path(&cfg.paths.history_db)));
    if let Some(url) = &cfg.history_url {
        // The ledger, password masked; the file above keeps only what an outage left for `history sync`.
        out.push_str(&format!(
            "{}  {}  {}\n",
            label(labels[1]),
            visible(&url.value.masked()),
            p.dim(&format!("(ledger, {}; user {})", source_text(&url.source, lang), visible(&cfg.user.value)))
        ));
    }
    out.push_str(&format!(
        "{}  {}  {}\n",
        label(labels[2]),
        visible(&cfg.default_environment.value),
        p.dim(&format!("({})", source_text(&cfg.default_environment.source, lang)))
    ));
    // The cap applies to what comes back: request bodies are sent whole.
    let cap = fill(t.body_cap, &[("n", &cfg.max_body_bytes.value)]);
    out.push_str(&format!(
        "{}  {cap}  {}\n",
        label(labels[3]),
        p.dim(&format!("({})", source_text(&cfg.max_body_bytes.source, lang)))
    ));
    for n in &cfg.notes {
        out.push_str(&format!("{} {}\n", p.yellow(t.note), visible(n)));
    }
    out
}

fn text(cfg: &Config, shown: &[&Environment], p: Paint, lang: Lang) -> String {
    use super::output::width;
    let mut out = header(cfg, p, lang);
    out.push('\n');
    let t = ConfigText::get(lang);
    let (name_h, url_h, key_h, tz_h) = (t.head_name, t.head_url, t.head_key, t.head_tz);
    // Names and time zones come from the file: made visible, and measured as shown.
    let name = |e: &Environment| visible(&e.name).into_owned();
    let name_w = shown.iter().map(|e| width(&name(e))).max().unwrap_or(8).max(width(name_h));
    let url_w = shown.iter().map(|e| width(&url_text(e, lang))).max().unwrap_or(10);
    // As wide as the longest key text: a source such as `($BRAZE_API_KEY)` would push the time zone out of line.
    let key_w = shown.iter().map(|e| width(&key_text(e, lang))).max().unwrap_or(0).max(24);
    out.push_str(&p.dim(&format!("  {}  {}  {}  {tz_h}\n", pad(name_h, name_w), pad(url_h, url_w), pad(key_h, key_w))));
    for e in shown {
        let mark = if e.name == cfg.default_environment.value { "*" } else { " " };
        let key = pad(&key_text(e, lang), key_w);
        let key = if e.key.is_some() { key } else { p.dim(&key) };
        out.push_str(&format!(
            "{mark} {}  {}  {key}  {}\n",
            pad(&name(e), name_w),
            pad(&url_text(e, lang), url_w),
            visible(&e.timezone.value)
        ));
        if let Some(scim) = scim_text(e, lang) {
            // Under the row it belongs to, indented past the name: most environments have no SCIM settings.
            out.push_str(&format!(
                "  {}  {}
",
                pad("", name_w),
                p.dim(&format!("{} {scim}", t.scim))
            ));
        }
    }
    out.push_str(&p.dim(&format!("\n{}\n", t.footer)));
    out
}

fn detail(cfg: &Config, e: &Environment, p: Paint, lang: Lang) -> String {
    let mut out = header(cfg, p, lang);
    out.push('\n');
    out.push_str(&format!("{} ({})\n", p.bold(&visible(&e.name)), e.kind.as_str()));
    let src = |s: &Source| p.dim(&format!("({})", source_text(s, lang)));
    let t = ConfigText::get(lang);
    let labels = [t.url, t.dashboard, t.key, t.timezone, t.timeouts, t.scim_token, t.scim_origin];
    let lw = labels.iter().map(|l| super::output::width(l)).max().unwrap_or(0);
    let label = |i: usize| pad(labels[i], lw);
    let url_src = e.url.as_ref().map(|u| src(&u.source)).unwrap_or_default();
    out.push_str(&format!("  {}  {}  {url_src}\n", label(0), url_text(e, lang)));
    if let Some(d) = &e.dashboard {
        out.push_str(&format!("  {}  {}\n", label(1), visible(d)));
    }
    match &e.key {
        Some(k) => out.push_str(&format!("  {}  {}  {}\n", label(2), k.value.masked(), src(&k.source))),
        None => out.push_str(&format!(
            "  {}  {}: {}\n",
            label(2),
            t.not_set,
            visible(&e.missing_key.as_ref().map_or_else(|| t.no_key.to_string(), |m| m.sentence(lang)))
        )),
    }
    out.push_str(&format!("  {}  {}  {}\n", label(3), visible(&e.timezone.value), src(&e.timezone.source)));
    let (c, total) = (source_text(&e.connect_timeout.source, lang), source_text(&e.timeout.source, lang));
    let sources = fill(t.timeout_sources, &[("c", &c), ("t", &total)]);
    out.push_str(&format!("  {}  {}  {}\n", label(4), timeouts_text(e, lang), p.dim(&sources)));
    match &e.scim.token {
        Some(k) => out.push_str(&format!("  {}  {}  {}\n", label(5), k.value.masked(), src(&k.source))),
        None => out.push_str(&format!(
            "  {}  {}: {}\n",
            label(5),
            t.not_set,
            visible(&e.scim.missing_token_sentence(&e.name))
        )),
    }
    match &e.scim.request_origin {
        Some(o) => out.push_str(&format!("  {}  {}  {}\n", label(6), visible(&o.value), src(&o.source))),
        None => out.push_str(&format!("  {}  {}\n", label(6), t.not_set)),
    }
    let vars = variables_of(e);
    if !vars.is_empty() {
        out.push_str(&format!("  {}\n", t.variables));
    }
    for v in vars {
        let source = source_text(
            &if v.source == Source::ConfigFile.to_string() {
                Source::ConfigFile
            } else {
                Source::Rule(v.source.clone())
            },
            lang,
        );
        let shown = match (&v.value, &v.masked) {
            (Some(value), _) => visible(value).into_owned(),
            (None, Some(masked)) => format!("{masked} ({})", t.var_secret),
            (None, None) => t.not_set.to_string(),
        };
        out.push_str(&format!("    {} = {shown}  {}\n", visible(&v.name), p.dim(&format!("({source})"))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Inputs;

    fn config() -> Config {
        let dir = tempfile::tempdir().expect("temp dir");
        Config::resolve(
            &crate::config::Paths::under(dir.path()),
            Inputs { file_text: None, file_mode: None, var: &|_| None },
        )
        .expect("built-in configuration")
    }

    #[test]
    fn an_environments_variables_are_shown_and_a_secrets_value_never() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = "[environment.US-03.variables]\ncampaign_id = \"welcome-2026\"\n\
                    api_token = { value_env = \"TOK\" }\nsender = { value = \"hidden-sender-value\", secret = true }\n\
                    missing = { value_env = \"NOPE\" }\n";
        let var = |n: &str| (n == "TOK").then(|| "tok-0123456789-abcdef".to_string());
        let cfg = Config::resolve(
            &crate::config::Paths::under(dir.path()),
            Inputs { file_text: Some(file.into()), file_mode: Some(0o600), var: &var },
        )
        .expect("configuration");
        let us = cfg.environment(Some("US-03")).unwrap();
        let shown = detail(&cfg, us, Paint { on: false }, Lang::En);
        let json = serde_json::to_string(&json(&cfg, &[us])).unwrap();
        for out in [&shown, &json] {
            assert!(out.contains("welcome-2026"), "{out}");
            assert!(!out.contains("0123456789") && !out.contains("hidden-sender"), "{out}");
            assert!(out.contains("tok-…cdef"), "{out}");
        }
        assert!(shown.contains("api_token = tok-…cdef (secret)  ($TOK)"), "{shown}");
        assert!(shown.contains("missing = not set"), "{shown}");
        assert!(json.contains(r#""name":"sender","value":null,"masked":"hidd…alue","secret":true"#), "{json}");
    }

    #[test]
    fn korean_text_is_translated_and_its_columns_line_up() {
        let cfg = config();
        let shown: Vec<&Environment> = cfg.environments.iter().collect();
        let ko = text(&cfg, &shown, Paint { on: false }, Lang::Ko);
        for word in ["설정 파일", "기본 환경", "이름", "시간대", "프로세스 내 모의 서버", "(기본값)"]
        {
            assert!(ko.contains(word), "{word} in {ko}");
        }
        for english in ["config file", "TIME ZONE", "built-in", "not set", "in-process"] {
            assert!(!ko.contains(english), "{english} left in {ko}");
        }
        // The time zone column starts at the same display column on every row, header included.
        let tz_col = |l: &str| l.find("UTC").or_else(|| l.find("시간대")).map(|i| super::super::output::width(&l[..i]));
        let cols: Vec<usize> = ko.lines().filter_map(tz_col).collect();
        assert!(cols.len() > 10 && cols.windows(2).all(|w| w[0] == w[1]), "{cols:?}\n{ko}");
        let en = text(&cfg, &shown, Paint { on: false }, Lang::En);
        assert!(en.contains("TIME ZONE") && en.contains("(built-in)"), "{en}");
    }
}
