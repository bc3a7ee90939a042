//! Issue 8's acceptance sweep: the key goes in through every input brazen takes (environment variable, config
//! file, URL user information, endpoint, header, query, body, batch lines) and comes back from a server in every
//! encoding (raw, JSON `\u`-escaped, percent-encoded, base64 alone and as `user:KEY`), and then every output is
//! searched for it: stdout and stderr of every command, every `--format json`, every export, `replay --dry-run`,
//! and the raw bytes of the history database with its `-wal`. A search looks for the key as itself and in the
//! decoded form of each encoding, independently of brazen's own scrubber.

use crate::common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::Output;

use base64::Engine as _;
use common::Home;

const KEY: &str = "sk-sweep-LEAK-7f3a9c21e5";
/// The SCIM token of the second sweep (`/scim/v2/…` endpoints).
const SCIM_TOKEN: &str = "scim-sweep-LEAK-4d8e2b6a1c";

/// A server that answers every request with `secret` echoed back in every encoding, and the request's own
/// line and `Authorization` header quoted (escaped) in the body. `/users/track` and the SCIM user paths answer 503
/// (replayable).
fn echo_server(secret: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = answer(stream, secret);
            });
        }
    });
    format!("http://{addr}")
}

fn answer(stream: std::net::TcpStream, secret: &str) -> std::io::Result<()> {
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
    let u_escaped: String = secret.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let percent: String = secret.bytes().map(|b| format!("%{b:02X}")).collect();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let quote = |s: &str| serde_json::to_string(s).unwrap();
    let status = if line.contains("/users/track") || line.contains("/scim/v2/Users/") {
        "503 Service Unavailable"
    } else {
        "401 Unauthorized"
    };
    let text = format!(
        r#"{{"message":"Invalid API key: {u_escaped}","errors":["raw {secret}","pct {percent}","b64 {}","pair {}"],"request":{},"auth":{},"body":{}}}"#,
        b64(secret),
        b64(&format!("someone:{secret}")),
        quote(line.trim()),
        quote(&auth),
        quote(&String::from_utf8_lossy(&body)),
    );
    let mut s = stream;
    write!(
        s,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\nx-echo: {secret}\r\nx-echo-b64: {}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}",
        b64(secret),
        text.len()
    )?;
    s.flush()
}

/// Every way `text` could show `secret` to a reader: as itself, or once decoded from JSON, percent or base64.
fn leaks(text: &str, secret: &str) -> Option<&'static str> {
    if text.contains(secret) {
        return Some("raw");
    }
    if percent_decode(text).contains(secret) {
        return Some("percent-encoded");
    }
    if json_strings(text).iter().any(|s| s.contains(secret) || percent_decode(s).contains(secret)) {
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
                        && String::from_utf8_lossy(&bytes).contains(secret)
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
    /// What must not come out.
    secret: &'static str,
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
        if let Some(how) = leaks(text, self.secret) {
            panic!("{} leaks ({how}) in {what}:\n{text}", self.secret);
        }
    }

    /// The database itself: every file SQLite keeps, as bytes.
    fn check_database(&mut self) {
        for entry in std::fs::read_dir(self.home.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("history.sqlite3") {
                let bytes = std::fs::read(entry.path()).unwrap();
                self.check(&name, &String::from_utf8_lossy(&bytes));
            }
        }
        assert!(Path::new(&self.home.path().join("history.sqlite3")).exists());
    }
}

fn ids(o: &Output) -> Vec<i64> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array().unwrap().iter().filter_map(|r| r["id"].as_i64()).collect()
}

#[test]
fn the_key_never_comes_out_of_any_output_or_the_database() {
    let url = echo_server(KEY);
    let mut s = Sweep { home: Home::new(), url, secret: KEY, checked: 0 };
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

    s.check_database();
    assert!(s.checked > 100, "{} outputs searched", s.checked);
}

/// The same sweep for a SCIM token: it goes in through the environment variable `scim_token_env` names, bodies,
/// the endpoint and `-H`, comes back echoed in every encoding (plain and base64 among them), and no output, export
/// (whose curl says `$BRAZE_SCIM_TOKEN`) or database byte holds it.
#[test]
fn the_scim_token_never_comes_out_of_any_output_or_the_database() {
    let url = echo_server(SCIM_TOKEN);
    let mut s = Sweep { home: Home::new(), url, secret: SCIM_TOKEN, checked: 0 };
    s.home.config(&format!(
        "[environment.stub]\nurl = \"{}\"\nscim_token_env = \"SWEEP_SCIM\"\nscim_request_origin = \"ops.example\"\n",
        s.url
    ));
    let user = s.home.file(
        "user.json",
        &format!(
            r#"{{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{SCIM_TOKEN}@example.com", "name": {{"givenName": "{SCIM_TOKEN}", "familyName": "P"}}, "department": "pm"}}"#
        ),
    );
    let lines =
        s.home.file("users.jsonl", &format!("{{\"schemas\": [], \"name\": {{\"givenName\": \"{SCIM_TOKEN}\"}}}}\n"));
    let run = |s: &mut Sweep, args: &[&str]| {
        let o = s.home.run_with(args, |c| {
            c.env("SWEEP_SCIM", SCIM_TOKEN);
        });
        s.check(&format!("stdout of {args:?}"), &String::from_utf8_lossy(&o.stdout));
        s.check(&format!("stderr of {args:?}"), &String::from_utf8_lossy(&o.stderr));
        o
    };
    for format in ["text", "json"] {
        let o = run(&mut s, &["send", "/scim/v2/Users", &user, "--env", "stub", "--format", format]);
        assert_eq!(o.status.code(), Some(4), "the echo's 401: {}", String::from_utf8_lossy(&o.stderr));
        let get = format!("GET /scim/v2/Users/{SCIM_TOKEN}");
        run(&mut s, &["send", &get, "--env", "stub", "--retries", "0", "--format", format]);
        let put = format!("PUT /scim/v2/Users/u-{format}");
        run(&mut s, &["send", &put, &user, "--env", "stub", "--retries", "0", "--force", "--format", format]);
        let delete = format!("DELETE /scim/v2/Users/u-{format}");
        run(
            &mut s,
            &[
                "send",
                &delete,
                "--env",
                "stub",
                "--retries",
                "0",
                "-H",
                &format!("X-Note: {SCIM_TOKEN}"),
                "--format",
                format,
            ],
        );
        let batch = [
            "batch",
            "PUT /scim/v2/Users/u-batch",
            &lines,
            "--env",
            "stub",
            "--retries",
            "0",
            "--force",
            "--format",
            format,
        ];
        run(&mut s, &batch);
    }
    let listed = run(&mut s, &["history", "list", "--format", "json", "--limit", "1000"]);
    let ids = ids(&listed);
    assert!(ids.len() >= 10, "every send was recorded: {ids:?}");
    run(&mut s, &["history", "list", "--endpoint", "/scim"]);
    for id in &ids {
        let id = id.to_string();
        run(&mut s, &["history", "show", &id]);
        run(&mut s, &["history", "show", &id, "--format", "json"]);
        let curl = run(&mut s, &["history", "export", &id, "--as", "curl"]);
        assert!(String::from_utf8_lossy(&curl.stdout).contains("$BRAZE_SCIM_TOKEN"), "the placeholder");
        run(&mut s, &["history", "export", &id, "--as", "markdown"]);
    }
    for format in ["text", "json"] {
        run(&mut s, &["replay", "--dry-run", "--format", format]);
        run(&mut s, &["config", "--format", format]);
        run(&mut s, &["config", "--env", "stub", "--format", format]);
    }
    // The replay itself, which sends again (to the same echo).
    run(&mut s, &["replay", "--yes", "--retries", "0"]);
    run(&mut s, &["history", "list", "--search", "LEAK"]);
    s.check_database();
    assert!(s.checked > 100, "{} outputs searched", s.checked);
}

#[test]
fn the_searcher_finds_each_encoding() {
    // The sweep is only as good as its search: each encoding the echo server uses is found.
    let u: String = KEY.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let p: String = KEY.bytes().map(|b| format!("%{b:02X}")).collect();
    let b = base64::engine::general_purpose::STANDARD.encode(format!("someone:{KEY}"));
    assert_eq!(leaks(&format!("x {KEY} y"), KEY), Some("raw"));
    assert_eq!(leaks(&format!("{{\"m\":\"{u}\"}}"), KEY), Some("JSON-escaped"));
    assert_eq!(leaks(&format!("/x?k={p}"), KEY), Some("percent-encoded"));
    assert_eq!(leaks(&format!("auth {b} end"), KEY), Some("base64"));
    assert_eq!(leaks("[REDACTED] and nothing else", KEY), None);
    let scim = base64::engine::general_purpose::STANDARD.encode(SCIM_TOKEN);
    assert_eq!(leaks(&format!("echo {scim} end"), SCIM_TOKEN), Some("base64"));
}
