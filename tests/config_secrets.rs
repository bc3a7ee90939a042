//! A config file with a key in the wrong place or a broken line around it: every command that reads the config
//! (`config`, `send`, `replay`, `batch`) names the line, the column and the key, and never prints the value.

use crate::common;

use common::Home;

/// A fake key that must never reach standard output or standard error.
const KEY: &str = "sk-test-LEAK-123456";

const MESSAGE: &str = r#"{"external_user_ids": ["user-1"], "messages": {"apple_push": {"alert": "hi"}}}"#;

/// Config files that cannot be used, each with [`KEY`] somewhere in it, and what the error must say (beside the
/// file's path).
fn broken_configs() -> Vec<(&'static str, String, &'static str)> {
    let staging = "[environment.staging]\nurl = \"https://braze-proxy.example\"\n";
    vec![
        (
            "a typo for api_key",
            format!("{staging}apikey = \"{KEY}\"\n"),
            "line 3, column 1: `apikey` in [environment.staging]",
        ),
        (
            "an unterminated quote",
            format!("{staging}api_key = \"{KEY}\n"),
            "line 3, column 31: `api_key` in [environment.staging]",
        ),
        (
            "an unterminated literal string",
            format!("{staging}api_key = '{KEY}\n"),
            "line 3, column 31: `api_key` in [environment.staging]",
        ),
        (
            "an unterminated multi-line string",
            format!("{staging}api_key = \"\"\"{KEY}\ntimezone = \"UTC\"\n"),
            "`api_key` in [environment.staging]",
        ),
        (
            "api_key twice",
            format!("{staging}api_key = \"{KEY}\"\napi_key = \"{KEY}\"\n"),
            "line 4, column 1: `api_key` in [environment.staging] is set twice",
        ),
        (
            "trailing garbage",
            format!("{staging}api_key = \"{KEY}\" {KEY}\n"),
            "line 3, column 33: `api_key` in [environment.staging]",
        ),
        (
            "garbage right after the quote",
            format!("{staging}api_key = \"{KEY}\"x\n"),
            "line 3, column 32: `api_key` in [environment.staging]",
        ),
        ("an unquoted key", format!("{staging}api_key = {KEY}\n"), "`api_key` in [environment.staging]"),
        ("a key on a line of its own", format!("{staging}{KEY}\n"), "line 3, column 20"),
        (
            "a key where a number belongs",
            format!("[defaults]\ntimeout_secs = \"{KEY}\"\n"),
            "`timeout_secs` in [defaults] has the wrong type",
        ),
        ("a key as the URL", format!("[environment.staging]\nurl = \"{KEY}\"\n"), "[environment.staging] url"),
        (
            "a key in a URL",
            format!("[environment.staging]\nurl = \"https://user:{KEY}@\"\n"),
            "[environment.staging] url",
        ),
        ("a key as the time zone", format!("[defaults]\ntimezone = \"{KEY}\"\n"), "[defaults] timezone"),
        (
            "a key as the default environment",
            format!("default_environment = \"{KEY}\"\n"),
            "default_environment names no environment",
        ),
        (
            "a key pasted as api_key_env",
            format!("[environment.US-03]\napi_key_env = \"{KEY}\"\n"),
            "[environment.US-03] api_key_env: is not a variable name",
        ),
    ]
}

#[test]
fn no_command_prints_a_key_from_a_broken_config_file() {
    let h = Home::new();
    let body = h.file("body.json", MESSAGE);
    let lines = h.file("lines.jsonl", &format!("{MESSAGE}\n"));
    let commands: [Vec<&str>; 6] = [
        vec!["config"],
        vec!["config", "--format", "json"],
        vec!["send", "/messages/send", &body, "--env", "sandbox"],
        vec!["send", "/messages/send", &body, "--env", "sandbox", "--format", "json"],
        vec!["replay", "--dry-run"],
        vec!["batch", "/messages/send", &lines, "--env", "sandbox"],
    ];
    for (what, text, says) in broken_configs() {
        let path = h.config(&text);
        for args in &commands {
            let o = h.run(args);
            let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
            assert!(
                !out.contains("LEAK") && !err.contains("LEAK"),
                "{what}: `{}` printed the key:\n{out}{err}",
                args.join(" ")
            );
            assert_ne!(o.status.code(), Some(0), "{what}: `{}` took the file", args.join(" "));
            assert!(err.contains(&path), "{what}: `{}` does not name the file: {err}", args.join(" "));
            assert!(err.contains(says), "{what}: `{}` does not say {says:?}: {err}", args.join(" "));
        }
    }
}

#[test]
fn a_valid_variable_name_in_api_key_env_is_named_when_it_is_not_set() {
    let h = Home::new();
    h.config("[environment.US-03]\napi_key_env = \"BRAZE_US03_KEY\"\n");
    let body = h.file("body.json", MESSAGE);
    let o = h.run(&["send", "/messages/send", &body, "--env", "US-03"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("US-03 takes its key from $BRAZE_US03_KEY, which is not set"), "{err}");
}

/// A key that sits in a configured value where no mask applies (a URL's path): every command that loads the
/// configuration hides it, `brazen config` included.
#[test]
fn a_configured_key_is_hidden_wherever_it_appears_in_the_configuration() {
    let h = Home::new();
    h.config(&format!("[environment.local]\nurl = \"http://127.0.0.1:9/{KEY}\"\napi_key = \"{KEY}\"\n"));
    for args in [&["config"][..], &["config", "--format", "json"], &["config", "--env", "local"]] {
        let o = h.run(args);
        assert_eq!(common::code(&o), 0, "{args:?}: {}", common::text(&o));
        assert!(!common::text(&o).contains(KEY), "{args:?}: {}", common::text(&o));
        assert!(common::out(&o).contains("[REDACTED]"), "{args:?}: {}", common::out(&o));
    }
}
