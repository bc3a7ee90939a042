//! `brazen validate` through the real binary, over every example body from Braze's docs
//! (`tests/fixtures/braze-docs-examples/`, copied from the extracted docs so CI needs nothing else).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;

const NOW: &str = "2025-03-01T12:00:00Z";

fn brazen(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_brazen"));
    cmd.args(args).env("NO_COLOR", "1").env("LANG", "C").env_remove("LC_ALL");
    common::run(cmd, stdin)
}

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/braze-docs-examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "jsonc")))
        .collect();
    files.sort();
    assert!(files.len() >= 80, "expected the whole examples folder, found {}", files.len());
    files
}

/// The endpoint an example belongs to: its file name is the catalog path with `/` written `_`
/// (`campaigns_trigger_send__2.json` → `/campaigns/trigger/send`).
fn endpoint_of(file: &Path) -> String {
    let name = file.file_name().unwrap().to_str().unwrap();
    let slug = name.split("__").next().unwrap();
    match slug {
        "_generic" => return "/messages/send".into(),
        "recipients_object" => return "/campaigns/trigger/send".into(),
        _ => {}
    }
    let e = brazen::catalog::endpoints()
        .endpoints
        .iter()
        .find(|e| e.path.trim_start_matches('/').replace(['{', '}'], "").replace('/', "_") == slug)
        .unwrap_or_else(|| panic!("no catalog endpoint for {name}"));
    e.path.replace("{campaign_id}", "campaign-1")
}

fn validate_json(file: &Path) -> (Option<i32>, serde_json::Value) {
    let out = brazen(&["validate", &endpoint_of(file), file.to_str().unwrap(), "--format", "json", "--now", NOW], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{}: {stderr}", file.display());
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: output is not JSON ({e}): {stderr}", file.display()));
    (out.status.code(), json)
}

/// The text at 1-based `line` and `column` (in characters).
fn text_at(text: &str, line: u64, column: u64) -> &str {
    let l = text.split('\n').nth(line as usize - 1).expect("line exists");
    let start = l.char_indices().nth(column as usize - 1).map_or(l.len(), |(i, _)| i);
    let offset = l.as_ptr() as usize - text.as_ptr() as usize + start;
    &text[offset..]
}

fn first_bad_request(json: &serde_json::Value) -> &serde_json::Value {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["error"] == "bad_request")
        .expect("a bad_request diagnostic")
}

#[test]
fn every_docs_example_validates_without_panic_and_jsonc_is_a_located_bad_request() {
    for file in examples() {
        let (code, json) = validate_json(&file);
        assert!(matches!(code, Some(0 | 1)), "{}: exit {code:?}", file.display());
        assert_eq!(json["ok"], code == Some(0), "{}", file.display());
        if file.extension().unwrap() != "jsonc" {
            continue;
        }
        assert_eq!(code, Some(1), "{} does not parse, so it is fatal", file.display());
        let text = std::fs::read_to_string(&file).unwrap();
        let d = first_bad_request(&json);
        let (line, column) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
        let at = text_at(&text, line, column);
        // Every broken docs example breaks at one of these: a placeholder `(…)` or `<…>`, a comment, `...`,
        // a stray `{`, a trailing comma, a header or request line, a bare word — or right after a value whose
        // comma is missing.
        let starts = ["(", "<", "//", "...", "{", ","];
        let bare_word = at.starts_with(|c: char| c.is_ascii_alphabetic());
        let after_value = text[..text.len() - at.len()].trim_end().ends_with(['"', '}', ']', ')']);
        assert!(
            starts.iter().any(|s| at.starts_with(s)) || bare_word || after_value,
            "{}:{line}:{column} points at {:?}",
            file.display(),
            at.chars().take(30).collect::<String>()
        );
    }
}

#[test]
fn syntax_errors_point_at_the_real_problem() {
    // (file, text the error is at, how far into that text, a word of the explanation)
    let cases = [
        ("messages_send__1.jsonc", "// You will need", 0, "comment"),
        ("users_track__1.jsonc", "(optional, array of attributes object)", 0, "placeholder"),
        ("messages_schedule_create__1.jsonc", "// You will need", 0, "comment"),
        ("messages_schedule_create__2.jsonc", "(optional, Apple Push Object)", 0, "placeholder"),
        ("users_track__3.jsonc", "],\n}", 1, "trailing comma"),
        ("users_track__5.jsonc", "{\n{", 2, "doubled"),
        ("users_track__6.jsonc", "POST https://", 0, "request line"),
        ("campaigns_data_series__response__1.jsonc", "Content-Type:", 0, "header"),
        ("transactional_v1_campaigns_campaign_id_send__2.jsonc", "YOUR_BASE64_COMPATIBLE_ID", 0, "placeholder"),
        ("_generic__response__2.jsonc", "<minor error message>", 0, "placeholder"),
        ("users_identify__1.jsonc", "(required, array of alias to identify objects)", 0, "placeholder"),
        ("transactional_v1_campaigns_campaign_id_send__response__1.jsonc", "A randomly", 0, "not a JSON value"),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/braze-docs-examples");
    for (name, needle, skip, word) in cases {
        let file = dir.join(name);
        let text = std::fs::read_to_string(&file).unwrap();
        let offset = text.find(needle).unwrap_or_else(|| panic!("{name} holds {needle:?}")) + skip;
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[text[..offset].rfind('\n').map_or(0, |i| i + 1)..offset].chars().count() + 1;
        let (_, json) = validate_json(&file);
        let d = first_bad_request(&json);
        assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(line as u64), Some(column as u64)), "{name}: {d}");
        let message = d["message"].as_str().unwrap();
        assert!(message.contains(word), "{name}: {message}");
    }
}

#[test]
fn json_output_has_the_contract_shape() {
    let body = br#"{"external_user_ids": "u1", "messages": {"apple_push": {"extra": {"aps": 1}}}, "sendid": "x"}"#;
    let out = brazen(&["validate", "/messages/send", "-", "--format", "json", "--now", NOW], Some(body));
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["diagnostics", "endpoint", "ok"]);
    assert_eq!(json["endpoint"], "POST /messages/send");
    assert_eq!(json["ok"], false);
    let diags = json["diagnostics"].as_array().unwrap();
    let errors: Vec<&str> = diags.iter().map(|d| d["error"].as_str().unwrap()).collect();
    assert!(errors.contains(&"bad_request") && errors.contains(&"invalid_extra_push_payload"), "{errors:?}");
    for d in diags {
        let mut k: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
        k.sort();
        assert_eq!(k, ["column", "error", "line", "message", "name", "pointer", "severity", "status"]);
        match d["severity"].as_str().unwrap() {
            "fatal" => assert!(d["status"].is_u64() && d["name"].is_string(), "{d}"),
            "minor" | "hint" => assert!(d["status"].is_null() && d["name"].is_null(), "{d}"),
            s => panic!("severity {s}"),
        }
        assert!(d["line"].as_u64().unwrap() >= 1 && d["column"].as_u64().unwrap() >= 1);
        assert!(d["pointer"].is_string() && !d["message"].as_str().unwrap().is_empty());
    }
    let extra = diags.iter().find(|d| d["error"] == "invalid_extra_push_payload").unwrap();
    assert_eq!(extra["pointer"], "/messages/apple_push/extra/aps");
    assert_eq!(extra["column"], 67);
}

#[test]
fn text_output_lines_and_exit_codes() {
    let body =
        b"{\n  \"external_user_ids\": [\"u1\"],\n  \"messages\": {\"apple_push\": (optional, Apple Push Object)}\n}\n";
    let out = brazen(&["validate", "POST /messages/send", "--now", NOW], Some(body));
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.starts_with("<stdin>:3:30: fatal[bad_request] "), "{text}");
    assert!(first.contains(" — ") && first.contains("placeholder"), "{text}");
    assert!(text.lines().nth(1).unwrap().starts_with("3 | "), "{text}");
    assert!(!text.contains('\x1b'), "NO_COLOR is honoured");

    let good = br#"{"external_user_ids": ["u1"], "messages": {"apple_push": {"alert": "hi"}}}"#;
    let out = brazen(&["validate", "/messages/send", "-", "--now", NOW], Some(good));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("ok: POST /messages/send"));
}

#[test]
fn unknown_endpoint_is_a_fatal_not_found_not_a_usage_error() {
    let out = brazen(&["validate", "/messages/sendd", "-", "--format", "json"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["error"], "not_found");
    assert_eq!(json["diagnostics"][0]["status"], 404);
}

#[test]
fn local_time_uses_now_and_timezone_options() {
    let body = br#"{"external_user_ids": ["u"], "schedule": {"time": "2025-03-01T20:00:00", "in_local_time": true},
                    "messages": {"apple_push": {"alert": "a"}}}"#;
    let args = |tz: &'static str| ["validate", "/messages/schedule/create", "-", "--now", NOW, "--timezone", tz];
    let hints = |tz: &'static str| {
        let mut a = args(tz).to_vec();
        a.extend(["--format", "json"]);
        let out = brazen(&a, Some(body));
        assert_eq!(out.status.code(), Some(0), "20:00 is still ahead in the zones west of UTC");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["error"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    // 12:00 UTC is 21:00 in Seoul: 20:00 has passed there (a hint), not in UTC.
    assert!(hints("Asia/Seoul").contains(&"local_time_partly_past".to_string()));
    assert!(!hints("UTC").contains(&"local_time_partly_past".to_string()));
    // 20:00 the day before has passed in every zone: Braze refuses it.
    let past = br#"{"external_user_ids": ["u"], "schedule": {"time": "2025-02-28T20:00:00", "in_local_time": true},
                    "messages": {"apple_push": {"alert": "a"}}}"#;
    assert_eq!(brazen(&args("UTC"), Some(past)).status.code(), Some(1));
}

#[test]
fn unreadable_input_and_bad_options_exit_2() {
    let out = brazen(&["validate", "/messages/send", "/nonexistent/body.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/body.json"));
    let out = brazen(&["validate", "/messages/send", "-", "--now", "yesterday"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--now"));
    let out = brazen(&["validate", "/messages/send", "-", "--timezone", "Mars/Olympus"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Mars/Olympus"));
    let out = brazen(&["validate", "/messages/send", "-"], Some(&[b'{', 0xff, b'}']));
    assert_eq!(out.status.code(), Some(2), "not UTF-8");
    let out = brazen(&["validate", " ", "-"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2), "no endpoint at all is a usage error, not a 404 prediction");
}

#[test]
fn lang_ko_prints_korean_sentences_at_the_same_places() {
    let body = br#"{"external_user_ids": "u1", "messages": {"apple_push": {"badge": 1}}}"#;
    let args = ["validate", "/messages/send", "-", "--now", NOW, "--timezone", "UTC"];
    let en = brazen(&args, Some(body));
    let ko = brazen(&[&["--lang", "ko"][..], &args].concat(), Some(body));
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(ko.status.code(), Some(1));
    let (en, ko) = (String::from_utf8_lossy(&en.stdout), String::from_utf8_lossy(&ko.stdout));
    assert!(en.contains("`external_user_ids` must be an array of strings"), "{en}");
    assert!(
        ko.contains("`external_user_ids` 값은 문자열 배열이어야 하는데 문자열 하나입니다. [ ]로 감싸세요."),
        "{ko}"
    );
    assert!(ko.contains("`apple_push`에 `alert` 항목이 없습니다."), "{ko}");
    // Same diagnostics at the same places: only the sentences differ.
    let places = |s: &str| -> Vec<String> {
        s.lines().filter(|l| l.starts_with("<stdin>:")).map(|l| l.split(" — ").next().unwrap().to_string()).collect()
    };
    // The same places and ids; only the severity word is translated.
    let english_words = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|l| l.replace("치명[", "fatal[").replace("경미[", "minor[").replace("힌트[", "hint["))
            .collect()
    };
    assert_eq!(places(&en), english_words(places(&ko)));
    assert_eq!(places(&ko).len(), 2, "{ko}");
    assert!(ko.contains("치명[bad_request]") && !ko.contains("fatal["), "{ko}");
    assert!(
        ko.contains("거부: POST /messages/send — 치명 2건, 경미 0건, 힌트 0건; Braze가 이 요청을 거부합니다"),
        "{ko}"
    );

    let json = brazen(&[&["--lang", "ko"][..], &args, &["--format", "json"]].concat(), Some(body));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        let m = d["message"].as_str().unwrap();
        assert!(m.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "{m}");
    }
}

#[test]
fn a_full_url_is_validated_by_its_path_and_wrong_case_gets_a_suggestion() {
    let body = br#"{"external_user_ids": ["u"], "messages": {"apple_push": {"alert": "a"}}}"#;
    let out = brazen(&["validate", "https://rest.iad-01.braze.com/messages/send", "-", "--format", "json"], Some(body));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["endpoint"], "POST /messages/send");
    let out = brazen(&["validate", "/MESSAGES/SEND", "-", "--format", "json"], Some(body));
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["error"], "not_found");
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("did you mean `POST /messages/send`"), "{message}");
}

#[test]
fn query_pairs_count_as_they_do_for_send() {
    let args = |extra: &[&'static str]| {
        let mut a = vec!["validate", "/campaigns/data_series?campaign_id=campaign-push", "-", "--format", "json"];
        a.extend_from_slice(extra);
        a
    };
    let out = brazen(&args(&[]), Some(b""));
    assert_eq!(out.status.code(), Some(1), "length is missing: {}", String::from_utf8_lossy(&out.stdout));
    let out = brazen(&args(&["-q", "length=7"]), Some(b""));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out =
        brazen(&["validate", "/campaigns/data_series", "-", "--query", "campaign_id=x", "-q", "length=7"], Some(b""));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let out = brazen(&args(&["-q", "length"]), Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NAME=VALUE"));
}
