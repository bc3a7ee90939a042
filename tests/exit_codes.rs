//! DESIGN §3.1's exit codes for failures before anything is sent: 2 for usage and unreadable input, 3 for a local
//! failure (configuration, history store, file system).

use crate::common;

use common::{Home, code, err};

const BODY: &str = r#"{"attributes": [{"external_id": "u1", "first_name": "Ann"}]}"#;

#[test]
fn a_broken_config_file_exits_3_and_names_it() {
    let h = Home::new();
    let cfg = h.config("default_environment = [not toml\n");
    let body = h.file("body.json", BODY);
    for args in [vec!["send", "/users/track", body.as_str()], vec!["batch", "/users/track", &body], vec!["replay"]] {
        let o = h.run(&args);
        assert_eq!(code(&o), 3, "{args:?}: {}", err(&o));
        assert!(err(&o).contains(&cfg), "{args:?} names the file: {}", err(&o));
    }
    assert_eq!(code(&h.run(&["config"])), 3);
}

#[test]
fn a_history_that_cannot_be_opened_exits_3() {
    let h = Home::new();
    // A folder where the database file should be: SQLite cannot open it.
    std::fs::create_dir_all(h.db().join("not-a-file")).unwrap();
    for args in [vec!["replay", "--yes"], vec!["replay", "--dry-run"], vec!["history", "list"]] {
        let o = h.run(&args);
        assert_eq!(code(&o), 3, "{args:?}: {}", err(&o));
        assert!(err(&o).contains("history"), "{args:?}: {}", err(&o));
    }
}

#[test]
fn usage_errors_still_exit_2() {
    let h = Home::new();
    let body = h.file("body.json", BODY);
    for args in [
        vec!["send", "/users/track"],
        vec!["send", "/users/track", &body, "--env", "nowhere"],
        vec!["send", "/users/track", &body, "--url", "example.com"],
        vec!["send", "/users/track", &body, "--timeout", "0"],
        vec!["send", "/users/track", "/nonexistent/brazen/body.json"],
        vec!["replay", "--class", "2XX"],
        vec!["batch", "/users/track", "/nonexistent/brazen/lines.jsonl"],
    ] {
        let o = h.run(&args);
        assert_eq!(code(&o), 2, "{args:?}: {}", err(&o));
        assert!(!err(&o).is_empty(), "{args:?} says why");
    }
}
