//! `brazen requests`, `brazen import postman` and `brazen export postman` through the real binary, on a Postman
//! collection written for these tests (tests/fixtures/postman).

use crate::common;

use common::{Home, code, err, json, out, text};

const BISTRO: &str = include_str!("fixtures/postman/bistro.postman_collection.json");
/// Every credential value of the fixture: none may reach a file or the output.
const SECRETS: [&str; 4] =
    ["FAKE-bistro-key-7d2e90", "FAKE-partner-31aa", "FAKE-inline-bearer-55", "FAKE-header-key-9b"];

fn all_files(dir: &std::path::Path) -> String {
    let mut s = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            s.push_str(&all_files(&p));
        } else {
            s.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    s
}

#[test]
fn an_empty_collection_says_where_it_is_and_lists_as_an_empty_array() {
    let h = Home::new();
    let o = h.run(&["requests"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let want = h.path().join("requests").display().to_string();
    assert!(out(&o).contains("No saved requests in") && out(&o).contains(&want), "{}", text(&o));
    let o = h.run(&["requests", "--format", "json"]);
    assert_eq!(json(&o), serde_json::json!([]));
}

#[test]
fn import_writes_the_files_and_requests_lists_them() {
    let h = Home::new();
    let file = h.file("bistro.json", BISTRO);
    let o = h.run(&["import", "postman", &file, "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["imported"], 6);
    assert_eq!(
        v["skipped"],
        serde_json::json!([{"name": "Upload menu photo", "reason": "body mode \"formdata\": brazen sends raw (JSON) bodies only"}])
    );
    let files: Vec<&str> = v["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(
        files.contains(&"catalogs/menu-items/replace-bistro-7.http") && files.contains(&"variables.toml"),
        "{files:?}"
    );
    let root = h.path().join("requests");
    for f in &files {
        assert!(root.join(f).is_file(), "{f}");
    }
    let written = all_files(&root);
    for s in SECRETS {
        assert!(!written.contains(s) && !text(&o).contains(s), "{s} was written or shown");
    }
    assert!(written.contains("apiKey = { value_env = \"API_KEY\", secret = true }"), "{written}");

    let o = h.run(&["requests", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let rows = json(&o);
    let put = rows.as_array().unwrap().iter().find(|r| r["name"] == "catalogs/menu-items/replace-bistro-7").unwrap();
    assert_eq!(put["file"], "catalogs/menu-items/replace-bistro-7.http");
    assert_eq!(put["method"], "PUT");
    assert_eq!(put["endpoint"], "/catalogs/{catalog_name}/items/{item_id}");
    assert!(put["environment"].is_null());
    let send = rows.as_array().unwrap().iter().find(|r| r["name"] == "send-welcome").unwrap();
    assert_eq!(send["environment"], "US-01");
    let ping = rows.as_array().unwrap().iter().find(|r| r["name"] == "partner-ping").unwrap();
    assert_eq!(ping["endpoint"], "/partner/ping", "an unknown endpoint: the path as written");

    let o = h.run_with(&["requests"], |c| {
        c.env("COLUMNS", "80");
    });
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(out(&o).lines().all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80), "{}", out(&o));
    assert!(out(&o).starts_with("NAME") && out(&o).contains("6 saved requests in"), "{}", out(&o));
    let ko = h.run(&["requests", "--lang", "ko"]);
    assert!(out(&ko).starts_with("이름") && out(&ko).contains("저장된 요청 6개"), "{}", out(&ko));
}

#[test]
fn import_text_says_what_it_left_out_and_refuses_to_overwrite() {
    let h = Home::new();
    let file = h.file("bistro.json", BISTRO);
    let into = h.path().join("team");
    let into = into.to_str().unwrap();
    let o = h.run(&["import", "postman", &file, "--into", into]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let t = out(&o);
    for want in [
        "Imported 6 requests from \"Bistro workspace\"",
        "apiKey: $API_KEY",
        "auth (bearer) of Bistro workspace",
        "header X-Api-Key of Send welcome: a credential",
        "Not in the catalog (kept, with a hint in the note): partner-ping",
        "Upload menu photo: body mode \"formdata\"",
    ] {
        assert!(t.contains(want), "{want}:\n{t}");
    }
    let before = std::fs::read_to_string(h.path().join("team/send-welcome.http")).unwrap();
    std::fs::write(h.path().join("team/send-welcome.http"), "# mine\nGET /campaigns/list\n").unwrap();
    let o = h.run(&["import", "postman", &file, "--into", into]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("nothing was written") && err(&o).contains("--force"), "{}", text(&o));
    assert_eq!(
        std::fs::read_to_string(h.path().join("team/send-welcome.http")).unwrap(),
        "# mine\nGET /campaigns/list\n"
    );
    let o = h.run(&["import", "postman", &file, "--into", into, "--force"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(std::fs::read_to_string(h.path().join("team/send-welcome.http")).unwrap(), before);
    assert!(!h.path().join("requests").exists(), "--into wrote elsewhere");
}

#[test]
fn export_then_import_gives_the_same_requests() {
    let h = Home::new();
    let file = h.file("bistro.json", BISTRO);
    let first = h.path().join("first");
    let o = h.run(&["import", "postman", &file, "--into", first.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = h.run(&["export", "postman", "--requests", first.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let exported = json(&o);
    assert_eq!(exported["info"]["schema"], "https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
    assert_eq!(exported["variable"][0]["key"], "baseUrl");
    for s in SECRETS {
        assert!(!out(&o).contains(s), "{s} exported");
    }
    let again = h.file("exported.json", &o.stdout);
    let second = h.path().join("second");
    let o = h.run(&["import", "postman", &again, "--into", second.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(json(&o)["skipped"], serde_json::json!([]));
    let list = |dir: &std::path::Path| {
        let o = h.run(&["requests", "--requests", dir.to_str().unwrap(), "--format", "json"]);
        json(&o)
    };
    assert_eq!(list(&first), list(&second));
    for name in ["catalogs/menu-items/replace-bistro-7.http", "send-welcome.http", "variables.toml"] {
        let a = std::fs::read_to_string(first.join(name)).unwrap();
        assert_eq!(a, std::fs::read_to_string(second.join(name)).unwrap(), "{name}");
    }
}

#[test]
fn a_broken_file_is_listed_and_left_out_of_an_export() {
    let h = Home::new();
    let dir = h.path().join("requests/team");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("ok.http"), "GET /campaigns/list\n").unwrap();
    std::fs::write(dir.join("broken.http"), "# note\nGET campaigns/list\n").unwrap();
    let o = h.run(&["requests"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(out(&o).contains("team/broken") && out(&o).contains("line 2:"), "{}", out(&o));
    let o = h.run(&["requests", "--format", "json"]);
    assert_eq!(json(&o)[0]["error"]["line"], 2);
    let o = h.run(&["export", "postman"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(err(&o).contains("broken.http:2:"), "{}", text(&o));
    assert_eq!(json(&o)["item"][0]["item"].as_array().unwrap().len(), 1);
}

#[test]
fn requests_dir_in_the_config_and_garbage_input_for_import() {
    let h = Home::new();
    h.config("requests_dir = \"mine\"\n");
    std::fs::create_dir_all(h.path().join("mine")).unwrap();
    std::fs::write(h.path().join("mine/x.http"), "GET /campaigns/list\n").unwrap();
    let o = h.run(&["requests", "--format", "json"]);
    assert_eq!(json(&o)[0]["name"], "x");
    let bad = h.file("bad.json", "{\"item\": [");
    let o = h.run(&["import", "postman", &bad]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("not JSON"), "{}", text(&o));
}
