//! Issue 8's acceptance sweep: the key goes in through every input brazen takes (environment variable, config
//! file, URL user information, endpoint, header, query, body, batch lines) and comes back from a server in every
//! encoding (raw, JSON `\u`-escaped, percent-encoded, base64 alone and as `user:KEY`), and then every output is
//! searched for it: stdout and stderr of every command, every `--format json`, every export, `replay --dry-run`,
//! and the raw bytes of the history database with its `-wal`. A search looks for the key as itself and in the
//! decoded form of each encoding, independently of brazen's own scrubber.

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

use base64::Engine as _;
use common::Home;

const KEY: &str = "sk-sweep-LEAK-7f3a9c21e5";

/// A server that answers every request with the key echoed back in every encoding, and the request's own
/// line and `Authorization` header quoted (escaped) in the body. `/users/track` answers 503 (replayable).
fn echo_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = answer(stream);
            });
        }
    });
    format!("http://{addr}")
}

fn answer(stream: std::net::TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let (mut length, mut auth) = (0usize, String::new());
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" {
            break;
        }
        let (name, value) = h.split_once(':').unwrap_or((&h, ""));
        let value = value.trim().to_string();
        if name.eq_ignore_ascii_case("content-length") {
            length = value.parse().unwrap_or(0);
        }
        if name.eq_ignore_ascii_case("authorization") {
            auth = value;
        }
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let u_escaped: String = KEY.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let percent: String = KEY.bytes().map(|b| format!("%{b:02X}")).collect();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let quote = |s: &str| serde_json::to_string(s).unwrap();
    let status = if line.contains("/users/track") { "503 Service Unavailable" } else { "401 Unauthorized" };
    let text = format!(
        r#"{{"message":"Invalid API key: {u_escaped}","errors":["raw {KEY}","pct {percent}","b64 {}","pair {}"],"request":{},"auth":{},"body":{}}}"#,
        b64(KEY),
        b64(&format!("someone:{KEY}")),
        quote(line.trim()),
        quote(&auth),
        quote(&String::from_utf8_lossy(&body)),
    );
    let mut s = stream;
    write!(
        s,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nx-echo: {KEY}\r\nx-echo-b64: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
        b64(KEY),
        text.len()
    )?;
    s.flush()
}

/// Every way `text` could show the key to a reader: as itself, or once decoded from JSON, percent or base64.
fn leaks(text: &str) -> Option<&'static str> {
    if text.contains(KEY) {
        return Some("raw");
    }
    if percent_decode(text).contains(KEY) {
        return Some("percent-encoded");
    }
    if json_strings(text).iter().any(|s| s.contains(KEY) || percent_decode(s).contains(KEY)) {
        return Some("JSON-escaped");
    }
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    let lenient = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    let engines = [
        GeneralPurpose::new(&base64::alphabet::STANDARD, lenient),
        GeneralPurpose::new(&base64::alphabet::URL_SAFE, lenient),
    ];
    let tokens = text.split(|c: char| !(c.is_ascii_alphanumeric() || "+/_-".contains(c)));
    for token in tokens.filter(|t| t.len() >= 16) {
        // The token may start mid-way through a base64 group: try each alignment, and each length a decoder takes.
        for start in 0..4 {
            for end_cut in 0..4 {
                let Some(t) = token.get(start..token.len().saturating_sub(end_cut)) else { continue };
                for engine in &engines {
                    if let Ok(bytes) = engine.decode(t)
                        && String::from_utf8_lossy(&bytes).contains(KEY)
                    {
                        return Some("base64");
                    }
                }
            }
        }
    }
    None
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = |j: usize| b.get(j).and_then(|&c| (c as char).to_digit(16));
        if let (b'%', Some(h), Some(l)) = (b[i], hex(i + 1), hex(i + 2)) {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every string literal in `text` that parses as a JSON string, decoded.
fn json_strings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            if j < b.len()
                && let Ok(s) = serde_json::from_str::<String>(&text[i..=j])
            {
                out.push(s);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

struct Sweep {
    home: Home,
    url: String,
    checked: usize,
}

impl Sweep {
    /// Runs brazen and fails if the key shows in either stream.
    fn run(&mut self, args: &[&str], env_key: bool) -> Output {
        let o = self.home.run_with(args, |c| {
            if env_key {
                c.env("BRAZE_API_KEY", KEY);
            }
        });
        self.check(&format!("stdout of {args:?}"), &String::from_utf8_lossy(&o.stdout));
        self.check(&format!("stderr of {args:?}"), &String::from_utf8_lossy(&o.stderr));
        o
    }

    fn check(&mut self, what: &str, text: &str) {
        self.checked += 1;
        if let Some(how) = leaks(text) {
            panic!("the key leaks ({how}) in {what}:\n{text}");
        }
    }
}

fn ids(o: &Output) -> Vec<i64> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array().unwrap().iter().filter_map(|r| r["id"].as_i64()).collect()
}

#[test]
fn the_key_never_comes_out_of_any_output_or_the_database() {
    let url = echo_server();
    let mut s = Sweep { home: Home::new(), url, checked: 0 };
    s.home.config(&format!("[environment.stub]\nurl = \"{}\"\napi_key = \"{KEY}\"\n", s.url));
    let body = s.home.file(
        "body.json",
        &format!(r#"{{"external_user_ids": ["{KEY}"], "messages": {{"apple_push": {{"alert": "{KEY}"}}}}}}"#),
    );
    let track = s.home.file("track.json", &format!(r#"{{"attributes": [{{"external_id": "{KEY}", "x": 1}}]}}"#));
    let lines = s.home.file(
        "batch.jsonl",
        &format!("{{\"external_user_ids\": [\"{KEY}\"], \"messages\": {{\"apple_push\": {{\"alert\": \"a\"}}}}}}\n"),
    );
    let stub = s.url.clone();
    let userinfo = stub.replacen("http://", &format!("http://user:{KEY}@"), 1);

    for format in ["text", "json"] {
        // The config file's key, a body and headers holding it.
        s.run(
            &[
                "send",
                "/messages/send",
                &body,
                "--env",
                "stub",
                "--retries",
                "0",
                "--format",
                format,
                "-H",
                &format!("X-Api-Key: {KEY}"),
                "-H",
                &format!("X-Note: {KEY}"),
            ],
            false,
        );
        // In the endpoint.
        s.run(&["send", "--force", &format!("/{KEY}"), &body, "--env", "stub", "--format", format], false);
        // The environment variable's key, also as the password of the URL.
        s.run(&["send", "/messages/send", &body, "--url", &userinfo, "--format", format], true);
        // In a GET's query, from the path and from --query.
        s.run(
            &[
                "send",
                &format!("/sends/data_series?campaign_id=c&length=3&api_key={KEY}"),
                "--env",
                "stub",
                "--query",
                &format!("note={KEY}"),
                "--force",
                "--format",
                format,
            ],
            false,
        );
        // A 503 (replayable later).
        s.run(&["send", "/users/track", &track, "--env", "stub", "--retries", "0", "--format", format], false);
        s.run(&["batch", "/messages/send", &lines, "--env", "stub", "--format", format], false);
    }

    let listed = s.run(&["history", "list", "--format", "json", "--limit", "1000"], false);
    let ids = ids(&listed);
    assert!(ids.len() >= 10, "every send was recorded: {ids:?}");
    s.run(&["history", "list"], false);
    for id in &ids {
        let id = id.to_string();
        s.run(&["history", "show", &id], false);
        s.run(&["history", "show", &id, "--format", "json"], false);
        s.run(&["history", "export", &id, "--as", "curl"], false);
        s.run(&["history", "export", &id, "--as", "markdown"], false);
    }
    for format in ["text", "json"] {
        s.run(&["replay", "--dry-run", "--format", format], false);
        s.run(&["config", "--format", format], false);
    }
    s.run(&["history", "list", "--search", "LEAK"], false);

    // The database itself: every file SQLite keeps, as bytes.
    for entry in std::fs::read_dir(s.home.path()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("history.sqlite3") {
            let bytes = std::fs::read(entry.path()).unwrap();
            s.check(&name, &String::from_utf8_lossy(&bytes));
        }
    }
    assert!(Path::new(&s.home.path().join("history.sqlite3")).exists());
    assert!(s.checked > 100, "{} outputs searched", s.checked);
}

#[test]
fn the_searcher_finds_each_encoding() {
    // The sweep is only as good as its search: each encoding the echo server uses is found.
    let u: String = KEY.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let p: String = KEY.bytes().map(|b| format!("%{b:02X}")).collect();
    let b = base64::engine::general_purpose::STANDARD.encode(format!("someone:{KEY}"));
    assert_eq!(leaks(&format!("x {KEY} y")), Some("raw"));
    assert_eq!(leaks(&format!("{{\"m\":\"{u}\"}}")), Some("JSON-escaped"));
    assert_eq!(leaks(&format!("/x?k={p}")), Some("percent-encoded"));
    assert_eq!(leaks(&format!("auth {b} end")), Some("base64"));
    assert_eq!(leaks("[REDACTED] and nothing else"), None);
}
