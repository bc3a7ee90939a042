//! Terminal escape injection: text from outside (a response's body, message, errors and headers, an input file, a
//! curl command, a recorded exchange, the config file) must reach the terminal with its control characters made
//! visible, never raw, in every text-mode output of the real binary; `--format json` keeps the text exact.

use crate::common;

use std::process::{Command, Output};

use brazen::history::Store;
use brazen::history::fixtures::{self, Answer};
use common::{Home, Stub, response};

/// Everything a terminal would obey or that reorders text: OSC 52 (clipboard) and OSC 0 (title) with BEL and ST
/// endings, CSI 2J, an outside colour code, the one-character C1 CSI/OSC/ST, BEL, backspace, CR, DEL, and bidi
/// overrides and isolates.
const HOSTILE: &str = "\x1b]52;c;ZWNobw==\x07|\x1b]0;title\x1b\\|\x1b[2J|\x1b[31mRED|\u{9b}31m|\u{9d}0;t\u{9c}|bel\x07|\
                       bs\x08|cr\r|del\x7f|\u{202e}evil\u{2066}iso\u{2069}|end";

/// How [`HOSTILE`]'s clipboard write looks once made visible.
const SHOWN: &str = "␛]52;c;ZWNobw==␇";

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// No control character but `\n` and `\t` — and with `colour`, SGR sequences (`ESC[…m`) — and no bidi control.
fn assert_terminal_safe(what: &str, bytes: &[u8], colour: bool) {
    let s = String::from_utf8_lossy(bytes);
    for (i, c) in s.char_indices() {
        if c == '\x1b' && colour {
            let params = s[i + 1..].strip_prefix('[').unwrap_or("x");
            let end = params.find(|c: char| !c.is_ascii_digit() && c != ';').unwrap_or(params.len());
            assert!(params[end..].starts_with('m'), "{what}: an escape that is not a colour code at byte {i}:\n{s}");
            continue;
        }
        let bad = (c.is_control() && c != '\n' && c != '\t') || is_bidi(c);
        assert!(!bad, "{what}: raw {c:?} at byte {i}:\n{s}");
    }
    // An outside colour code is shown, not obeyed.
    assert!(!s.contains("\x1b[31mRED"), "{what}: the outside colour code went through:\n{s}");
}

/// Text output: safe with colour off and with colour forced, and showing the clipboard write as text.
fn assert_shown(what: &str, run: impl Fn(Command) -> Output) {
    assert_safe(what, true, run);
}

/// Text output: safe with colour off and with colour forced; with `shown`, the clipboard write is there as text.
fn assert_safe(what: &str, shown: bool, run: impl Fn(Command) -> Output) {
    for colour in [false, true] {
        let mut c = Command::new(env!("CARGO_BIN_EXE_brazen"));
        c.env(if colour { "CLICOLOR_FORCE" } else { "NO_COLOR" }, "1");
        let o = run(c);
        let what = format!("{what} (colour {colour})");
        assert_terminal_safe(&format!("{what}: stdout"), &o.stdout, colour);
        assert_terminal_safe(&format!("{what}: stderr"), &o.stderr, colour);
        let all = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(!shown || all.contains(SHOWN), "{what}: the visible form is missing:\n{all}");
    }
}

/// JSON output: valid, nothing a terminal acts on (C1 and bidi characters are `\u` escapes too), and `HOSTILE`
/// exactly where `pointer` says.
fn assert_exact_json(what: &str, o: &Output, pointers: &[&str]) -> serde_json::Value {
    assert_terminal_safe(what, &o.stdout, false);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{what}: not JSON ({e}):\n{}", String::from_utf8_lossy(&o.stdout)));
    for p in pointers {
        let got = v.pointer(p).and_then(|x| x.as_str()).unwrap_or_else(|| panic!("{what}: no string at {p} in {v}"));
        assert!(got.contains(HOSTILE), "{what}: {p} is {got:?}");
    }
    v
}

const KEY: &str = "terminal-escapes-test-key-0000";

/// Runs `c` (its colour chosen by the caller) as `h`'s brazen, with `args` and `stdin`.
fn run_in(h: &Home, mut c: Command, args: &[&str], stdin: Option<&[u8]>) -> Output {
    c.args(args);
    h.env(&mut c);
    common::run(c, stdin)
}

/// Runs brazen without colour (for `--format json`, and to read the text).
fn plain(h: &Home, args: &[&str], stdin: Option<&[u8]>) -> Output {
    common::run(h.brazen(args), stdin)
}

/// A response body whose message and errors hold [`HOSTILE`] (JSON-escaped where JSON requires it: C0 controls;
/// DEL, C1 and bidi characters raw, as JSON allows).
fn hostile_body() -> String {
    serde_json::json!({ "message": HOSTILE, "errors": [HOSTILE, { "detail": HOSTILE }] }).to_string()
}

/// A server that answers every request with `status`, a header whose value holds C1 and bidi bytes (allowed in
/// HTTP as obs-text), and `body`. Serves on its own thread until the test ends.
fn hostile_server(status: u16, content_type: &str, body: String) -> String {
    let head = format!(
        "HTTP/1.1 {status} Whatever\r\nContent-Type: {content_type}\r\nX-Note: \u{9b}2J \u{9d}0;t\u{9c} \u{202e}rev"
    );
    Stub::start(&head, &body).url
}

#[test]
fn explain_shows_a_hostile_body_and_keeps_it_exact_in_json() {
    let h = Home::with_key(KEY);
    let body = hostile_body();
    assert_shown("explain --body -", |c| run_in(&h, c, &["explain", "400", "--body", "-"], Some(body.as_bytes())));
    // The repro of the issue.
    let repro = br#"{"message":"\u001b]52;c;ZWNobw==\u0007X"}"#;
    let o = plain(&h, &["explain", "400", "--body", "-"], Some(repro));
    assert_terminal_safe("repro", &o.stdout, false);
    assert!(String::from_utf8_lossy(&o.stdout).contains("␛]52;c;ZWNobw==␇X"));
    let o = plain(&h, &["explain", "400", "--body", "-", "--format", "json"], Some(body.as_bytes()));
    assert_exact_json("explain json", &o, &["/message", "/minor_errors/0", "/explanation"]);
}

#[test]
fn send_and_the_history_show_a_hostile_answer_and_keep_it_exact_in_json() {
    let h = Home::with_key(KEY);
    let url = hostile_server(400, "application/json", hostile_body());
    // The request body holds what JSON allows raw: DEL, C1 and bidi characters.
    let request = format!(r#"{{"attributes": [{{"external_id": "u1", "note": "{}"}}]}}"#, "\u{9b}2J\x7f\u{202e}x");
    let file = h.file("body.json", request.as_bytes());
    let send = ["send", "/users/track", &file, "--url", &url, "--retries", "0"];
    assert_shown("send", |c| run_in(&h, c, &send, None));
    let o = plain(&h, &[&send[..], &["--format", "json"]].concat(), None);
    let v = assert_exact_json("send json", &o, &["/message", "/minor_errors/0", "/body/message"]);
    assert_eq!(v["body"]["errors"][1]["detail"], HOSTILE);

    let id = h.history().list(&brazen::history::Filter::default()).unwrap()[0].id.to_string();
    // The list names the row, not the message: nothing of the answer to show, but nothing raw either.
    assert_safe("history list", false, |c| run_in(&h, c, &["history", "list"], None));
    assert_shown("history show", |c| run_in(&h, c, &["history", "show", &id], None));
    assert_shown("history export markdown", |c| run_in(&h, c, &["history", "export", &id, "--as", "markdown"], None));
    // The curl export holds the request, whose body has C1 and bidi characters.
    let o = plain(&h, &["history", "export", &id, "--as", "curl"], None);
    assert_terminal_safe("history export curl: stdout", &o.stdout, false);
    assert_terminal_safe("history export curl: stderr", &o.stderr, false);
    // The header value and the request body, shown in `show`.
    let o = plain(&h, &["history", "show", &id], None);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("x-note: \\u{9b}2J \\u{9d}0;t\\u{9c} \\u{202e}rev"), "{text}");
    assert!(text.contains("\\u{9b}2J␡\\u{202e}x"), "{text}");
    let o = plain(&h, &["history", "show", &id, "--format", "json"], None);
    let v = assert_exact_json("history show json", &o, &["/message", "/minor_errors/0"]);
    assert_eq!(v["request"]["body"], request);
    let o = plain(&h, &["history", "list", "--format", "json"], None);
    assert_exact_json("history list json", &o, &[]);
}

#[test]
fn a_text_body_that_is_not_json_is_shown_not_obeyed() {
    let h = Home::with_key(KEY);
    let url = hostile_server(503, "text/plain", format!("upstream said: {HOSTILE}\nsecond line {HOSTILE}"));
    let file = h.file("body.json", br#"{"attributes": [{"external_id": "u1"}]}"#);
    let send = ["send", "/users/track", &file, "--url", &url, "--retries", "0"];
    assert_shown("send (text body)", |c| run_in(&h, c, &send, None));
    let o = plain(&h, &[&send[..], &["--format", "json"]].concat(), None);
    let v = assert_exact_json("send json (text body)", &o, &["/body"]);
    assert_eq!(v["body"], format!("upstream said: {HOSTILE}\nsecond line {HOSTILE}"));
}

#[test]
fn recorded_exchanges_are_shown_not_obeyed_by_history_and_replay() {
    let h = Home::with_key(KEY);
    let t = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let mut ex = fixtures::exchange(
        "POST",
        &format!("/users/track{HOSTILE}"),
        &format!("{{\"a\": \"{}\"}}", HOSTILE.replace(['\x1b', '\x07', '\x08', '\r'], "")),
        Answer::Http { status: 503, body: format!("proxy: {HOSTILE}") },
        t,
    );
    ex.environment = format!("env{HOSTILE}");
    ex.request.url = format!("http://127.0.0.1:9/users/track{HOSTILE}");
    ex.attempts[0].response.as_mut().unwrap().headers.push(("x-note".into(), HOSTILE.into()));
    h.history().append(&ex).unwrap();

    assert_shown("history list", |c| run_in(&h, c, &["history", "list"], None));
    assert_shown("history show", |c| run_in(&h, c, &["history", "show", "1"], None));
    assert_shown("history export markdown", |c| run_in(&h, c, &["history", "export", "1", "--as", "markdown"], None));
    assert_shown("replay --dry-run", |c| run_in(&h, c, &["replay", "--dry-run"], None));
    let o = plain(&h, &["replay", "--dry-run", "--format", "json"], None);
    assert_exact_json("replay --dry-run json", &o, &["/0/endpoint", "/0/environment"]);
    let o = plain(&h, &["history", "show", "1", "--format", "json"], None);
    assert_exact_json("history show json", &o, &["/endpoint", "/environment", "/response/body"]);
}

#[test]
fn validate_quotes_a_hostile_input_file_visibly() {
    let h = Home::with_key(KEY);
    // A key with escaped controls (decoded, the diagnostic quotes it) and a raw ESC inside a string, which is not
    // JSON: the syntax error shows the line.
    let escaped = serde_json::to_string(HOSTILE).unwrap();
    let keyed =
        format!(r#"{{"external_user_ids": ["u1"], {escaped}: 1, "messages": {{"apple_push": {{"alert": "a"}}}}}}"#);
    let raw = format!("{{\n  \"external_user_ids\": [\"{HOSTILE}\"]\n}}");
    for (name, text) in [("keyed.json", keyed), ("raw.json", raw)] {
        let file = h.file(name, text.as_bytes());
        assert_shown(&format!("validate {name}"), |c| run_in(&h, c, &["validate", "/messages/send", &file], None));
        let o = plain(&h, &["validate", "/messages/send", &file, "--format", "json"], None);
        let v = assert_exact_json(&format!("validate {name} json"), &o, &[]);
        if name == "keyed.json" {
            assert!(v.to_string().contains("\\u001b"), "{name}: the report quotes the input as it is: {v}");
        }
    }
    // Through standard input, the same.
    let raw = format!("{{\"a\": \"{HOSTILE}\"}}");
    assert_shown("validate -", |c| run_in(&h, c, &["validate", "/messages/send", "-"], Some(raw.as_bytes())));
}

#[test]
fn import_curl_shows_a_hostile_command_visibly() {
    let h = Home::with_key(KEY);
    // Raw inside single quotes, as a shell passes it on.
    let cmd = format!(
        "curl 'https://rest.iad-01.braze.com/users/track?q={HOSTILE}' -H 'X-Note: {HOSTILE}' \
         -H 'Content-Type: application/json' -d '{{\"attributes\": [{{\"external_id\": \"{HOSTILE}\"}}]}}'"
    );
    let file = h.file("curl.txt", cmd.as_bytes());
    assert_shown("import curl", |c| run_in(&h, c, &["import", "curl", &file], None));
    assert_shown("import curl -", |c| run_in(&h, c, &["import", "curl", "-"], Some(cmd.as_bytes())));
    let o = plain(&h, &["import", "curl", &file, "--format", "json"], None);
    let v = assert_exact_json("import curl json", &o, &["/body"]);
    assert!(v.to_string().contains("\\u001b]52"), "{v}");
}

#[test]
fn config_values_and_config_errors_are_shown_visibly() {
    let h = Home::with_key(KEY);
    // Valid TOML: the escapes are decoded into the name and the URL.
    let escaped = toml_basic(HOSTILE);
    h.file(
        "config.toml",
        format!(
            "default_environment = \"sandbox\"\n\n[environment.\"e{escaped}\"]\nurl = \"https://x.example/{escaped}\"\n"
        )
        .as_bytes(),
    );
    assert_shown("config", |c| run_in(&h, c, &["config"], None));
    let o = plain(&h, &["config", "--format", "json"], None);
    assert_exact_json("config json", &o, &[]);
    // Not TOML, in a folder whose name is hostile: the error names the file.
    let home = h.path().join(format!("home{}", HOSTILE.replace('/', "")));
    std::fs::create_dir(&home).unwrap();
    std::fs::write(home.join("config.toml"), format!("default_environment = \"{HOSTILE}\"\n")).unwrap();
    for args in [&["config"][..], &["send", "/users/track", "-"], &["replay", "--dry-run"]] {
        assert_shown(&format!("config error in {args:?}"), |mut c| {
            c.env("BRAZEN_HOME", &home);
            run_in(&h, c, args, Some(b"{}"))
        });
    }
}

/// `s` as the body of a TOML basic string.
fn toml_basic(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            c if c.is_control() => format!("\\u{:04X}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

// ---- the TUI ----

/// A server that answers its first request with [`hostile_body`] as JSON (400) and every later one with
/// [`HOSTILE`] as plain text (503).
fn hostile_server_json_then_text() -> String {
    Stub::answering(|n| {
        if n == 0 {
            response("HTTP/1.1 400 X\r\nContent-Type: application/json", &hostile_body())
        } else {
            response("HTTP/1.1 503 X\r\nContent-Type: text/plain", &format!("upstream: {HOSTILE}\nline two: {HOSTILE}"))
        }
    })
    .url
}

/// No cell holds a control or bidi character, and the screen shows `want` (outside text made visible).
fn assert_screen_shows(what: &str, d: &mut brazen::tui::driver::Driver, want: &[&str]) {
    let screen = d.render();
    for cell in d.buffer().content() {
        assert!(!cell.symbol().chars().any(|c| c.is_control() || is_bidi(c)), "{what}: {:?} in a cell", cell.symbol());
    }
    for w in want {
        assert!(screen.contains(w), "{what}: {w:?} is not on the screen:\n{screen}");
    }
}

/// Sends the request on screen, confirming when the TUI asks.
async fn send_from_tui(d: &mut brazen::tui::driver::Driver) {
    d.ctrl('s');
    d.settle().await;
    if d.render().contains("Send anyway") {
        d.key(ratatui::crossterm::event::KeyCode::Char('y'));
        d.settle().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tui_shows_hostile_answers_and_history_visibly() {
    use brazen::config::{Config, Inputs, Paths};
    use brazen::tui::driver::Driver;
    use ratatui::crossterm::event::KeyCode;

    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    // An exchange recorded earlier, hostile in its path, environment, request and response.
    let t = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let mut old = fixtures::exchange(
        "POST",
        &format!("/users/track{HOSTILE}"),
        "{\"a\": \"\u{9b}2J \u{202e}x\"}",
        Answer::Http { status: 400, body: hostile_body() },
        t,
    );
    old.environment = format!("env{HOSTILE}");
    Store::open(&paths.history_db).unwrap().append(&old).unwrap();

    let url = hostile_server_json_then_text();
    let file = format!("default_environment = \"stub\"\n\n[environment.stub]\nurl = \"{url}\"\n");
    let var = |k: &str| (k == "BRAZE_API_KEY").then(|| KEY.to_string());
    let config = Config::resolve(&paths, Inputs { file_text: Some(file), file_mode: Some(0o600), var: &var }).unwrap();
    let opts = brazen::tui::runtime::Options {
        lang: brazen::i18n::Lang::En,
        paths: paths.clone(),
        clock: std::sync::Arc::new(brazen::clock::ManualClock::new(jiff::Timestamp::now())),
        config: Some(config),
        mock: brazen::mock::MockOptions::default(),
        client_seed: Some(7),
        export_dir: Some(dir.path().to_path_buf()),
        requests_dir: None,
        clipboard: None,
    };
    // Wide enough for the whole hostile line in the response pane beside a full-width endpoint list.
    let mut d = Driver::start(opts, brazen::tui::Theme { colour: true }, 270, 60).await;

    // A JSON answer: the message and errors in the card, raw C1 and bidi characters in the body view.
    send_from_tui(&mut d).await;
    assert_eq!(d.app.response.as_ref().map(|r| r.exchange.status()), Some(Some(400)));
    assert_screen_shows("JSON answer", &mut d, &[SHOWN, "\\u{9b}31m", "\\u{202e}evil"]);

    // A text answer: raw ESC, BEL, CR, DEL in the body view.
    send_from_tui(&mut d).await;
    assert_eq!(d.app.response.as_ref().map(|r| r.exchange.status()), Some(Some(503)));
    assert_screen_shows(
        "text answer",
        &mut d,
        &["upstream: ␛]52;c;ZWNobw==␇|␛]0;title␛\\|␛[2J|␛[31mRED|\\u{9b}31m|\\u{9d}0;t\\u{9c}|bel␇"],
    );

    // The history list, and the recorded exchange opened.
    d.key(KeyCode::F(3));
    d.settle().await;
    assert_screen_shows("history list", &mut d, &["/users/track␛]52;c;"]);
    let at = d.app.history.rows.iter().position(|r| r.endpoint.contains('\x1b')).expect("the recorded exchange");
    for _ in 0..at {
        d.key(KeyCode::Down);
    }
    d.key(KeyCode::Enter);
    d.settle().await;
    assert_screen_shows("history entry", &mut d, &["#1 POST /users/track␛]52;c;", SHOWN, "\\u{9b}2J \\u{202e}x"]);
    d.shutdown().await;
}
