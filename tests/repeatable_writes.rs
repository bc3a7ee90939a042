//! Repeatable writes through the real binary: a PUT or DELETE (catalog `idempotent = true`) is retried after a 5XX
//! and replayed without a warning; a POST that creates (`idempotent = false`) is not retried unless asked and its
//! replay warns. History filters reach parameterised paths: `--endpoint /catalogs` finds
//! `/catalogs/restaurants/items/bistro-7`, and the values themselves narrow it.

use crate::common;

use common::{Home, Recorder, code, err, json, text};

const KEY: &str = "repeat-test-key-0123456789";
const ITEM: &str = "/catalogs/restaurants/items/bistro-7";
const ITEM_BODY: &str = r#"{"items": [{"name": "Bistro 7", "rating": 5}]}"#;
const TRACK: &str = r#"{"attributes": [{"external_id": "u1", "x": 1}]}"#;

/// A server answering 503 to the first `failures` requests, 200 after.
fn failing_first(failures: usize) -> Recorder {
    Recorder::start(move |n| {
        let status = if n < failures { "503 Service Unavailable" } else { "200 OK" };
        (format!("HTTP/1.1 {status}\r\ncontent-type: application/json"), r#"{"message": "success"}"#.into())
    })
}

#[test]
fn a_batch_retries_a_put_after_a_5xx_but_not_a_post_that_creates() {
    let h = Home::with_key(KEY);
    let put_lines = h.file("items.jsonl", &format!("{ITEM_BODY}\n"));
    let server = failing_first(1);
    let o = h.run(&["batch", &format!("PUT {ITEM}"), &put_lines, "--url", &server.url, "--format", "json"]);
    assert_eq!(code(&o), 0, "the retry succeeded: {}", text(&o));
    let got = server.received();
    assert_eq!(got.len(), 2, "the first attempt and one retry: {got:#?}");
    assert!(got.iter().all(|r| r.line.starts_with(&format!("PUT {ITEM} "))), "{got:#?}");
    assert!(got.iter().all(|r| r.body == ITEM_BODY), "{got:#?}");

    let track_lines = h.file("track.jsonl", &format!("{TRACK}\n"));
    let server = failing_first(1);
    let o = h.run(&["batch", "/users/track", &track_lines, "--url", &server.url, "--format", "json"]);
    assert_eq!(code(&o), 5, "{}", text(&o));
    assert_eq!(server.received().len(), 1, "a write that may count twice is not retried");
    let v = json(&o);
    assert_eq!(v["lines"][0]["attempts"], 1, "{v}");
}

#[test]
fn replay_finds_parameterised_paths_and_warns_only_about_writes_that_are_not_repeatable() {
    let h = Home::with_key(KEY);
    let server = failing_first(3);
    let track = h.file("track.json", TRACK);
    // Three 503s: a DELETE of one item (no body), a PATCH of the items of a catalog, a /users/track.
    for args in [
        vec!["send", &format!("DELETE {ITEM}") as &str, "--url", &server.url, "--retries", "0"],
        vec!["send", "PATCH /catalogs/cafes/items", &track, "--url", &server.url, "--retries", "0", "--force"],
        vec!["send", "/users/track", &track, "--url", &server.url, "--retries", "0"],
    ] {
        let o = h.run(&args);
        assert_eq!(code(&o), 5, "{args:?}: {}", text(&o));
    }
    let planned = |filter: &[&str]| -> Vec<String> {
        let mut args = vec!["replay", "--dry-run", "--format", "json"];
        args.extend(filter);
        let o = h.run(&args);
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o));
        let v = json(&o);
        v.as_array().unwrap().iter().map(|r| format!("{} {}", r["method"].as_str().unwrap(), r["url"])).collect()
    };
    let all = planned(&[]);
    assert_eq!(all.len(), 3, "{all:?}");
    let catalogs = planned(&["--endpoint", "/catalogs"]);
    assert_eq!(catalogs.len(), 2, "{catalogs:?}");
    assert!(catalogs.iter().all(|r| r.contains("/catalogs/")), "{catalogs:?}");
    let restaurants = planned(&["--endpoint", "/catalogs/restaurants"]);
    assert_eq!(restaurants.len(), 1, "{restaurants:?}");
    assert!(restaurants[0].starts_with("DELETE ") && restaurants[0].contains(ITEM), "{restaurants:?}");
    // The catalog's own spelling, braces and all: that path and those under it.
    assert_eq!(planned(&["--endpoint", "/catalogs/{catalog_name}/items", "--class", "5XX"]).len(), 2);
    assert_eq!(planned(&["--endpoint", "/catalogs/{catalog_name}/items/{item_id}"]).len(), 1);
    let o = h.run(&["history", "list", "--endpoint", "/catalogs", "--class", "5XX", "--format", "json"]);
    assert_eq!(json(&o).as_array().unwrap().len(), 2, "{}", text(&o));

    // Asking (no terminal: the question cannot be answered, exit 2) shows the warning only for /users/track.
    let o = h.run(&["replay", "--endpoint", "/catalogs"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(!err(&o).contains("not idempotent"), "{}", err(&o));
    let o = h.run(&["replay", "--endpoint", "/users"]);
    assert!(err(&o).contains("1 of these are not idempotent"), "{}", err(&o));

    // The repeatable ones go again, each with its own method and path; the DELETE without a body.
    let o = h.run(&["replay", "--yes", "--endpoint", "/catalogs", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let got = server.received();
    let resent: Vec<&str> = got[3..].iter().map(|r| r.line.as_str()).collect();
    assert_eq!(
        resent,
        [format!("DELETE {ITEM} HTTP/1.1").as_str(), "PATCH /catalogs/cafes/items HTTP/1.1"],
        "{got:#?}"
    );
    assert_eq!(got[3].body, "");
    assert_eq!(got[4].body, TRACK);
}
