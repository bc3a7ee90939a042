//! The collection adapter against a temporary folder.

use super::*;

const WELCOME: &str = "# Welcome series.\nPOST /messages/send\n\n{\n  \"broadcast\": true\n}\n";

fn collection() -> (tempfile::TempDir, Collection) {
    let dir = tempfile::tempdir().unwrap();
    let c = Collection::new(dir.path().join("requests"), 1024 * 1024);
    (dir, c)
}

fn put(c: &Collection, rel: &str, text: &str) {
    let p = c.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn a_missing_folder_is_an_empty_collection() {
    let (_d, c) = collection();
    let l = c.list();
    assert!(l.entries.is_empty() && l.bounds.is_empty());
    assert_eq!(c.read_variables().unwrap(), None);
}

#[test]
fn listing_is_sorted_with_groups_and_a_broken_file_keeps_its_line() {
    let (_d, c) = collection();
    put(&c, "zeta.http", "GET /campaigns/list\n");
    put(&c, "customer-a/welcome.http", WELCOME);
    put(&c, "customer-a/nested/broken.http", "# a note\nFETCH /x\n");
    put(&c, "alpha.http", WELCOME);
    put(&c, "notes.txt", "not a request");
    put(&c, ".git/config.http", "GET /x\n");
    put(&c, "variables.toml", "x = \"1\"\n");
    let l = c.list();
    let names: Vec<&str> = l.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["alpha", "customer-a/nested/broken", "customer-a/welcome", "zeta"]);
    assert_eq!(l.entries[2].file, Path::new("customer-a/welcome.http"));
    assert_eq!(l.entries[2].request.as_ref().unwrap().method, "POST");
    let err = l.entries[1].request.as_ref().unwrap_err();
    assert!(matches!(err, CollectionError::Parse { line: 2, .. }), "{err}");
    assert!(err.to_string().contains("broken.http:2: "), "{err}");
    assert!(l.bounds.is_empty(), "{:?}", l.bounds);
}

#[test]
fn folders_past_the_depth_bound_are_reported_not_searched() {
    let (_d, c) = collection();
    put(&c, "a/b/c/d/e/f/g/h/deepest.http", WELCOME);
    put(&c, "a/b/c/d/e/f/g/h/i/too-deep.http", WELCOME);
    let l = c.list();
    assert_eq!(l.entries.len(), 1);
    assert_eq!(l.entries[0].name, "a/b/c/d/e/f/g/h/deepest");
    assert_eq!(l.bounds, [Bound::TooDeep { folder: PathBuf::from("a/b/c/d/e/f/g/h/i") }]);
    assert!(l.bounds[0].to_string().contains("not searched"));
}

#[test]
fn a_file_over_the_cap_is_listed_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let c = Collection::new(dir.path(), 16);
    put(&c, "big.http", WELCOME);
    let l = c.list();
    let err = l.entries[0].request.as_ref().unwrap_err();
    assert!(matches!(err, CollectionError::TooLarge { cap: 16, .. }), "{err}");
    assert!(err.to_string().contains("big.http"), "{err}");
}

#[test]
fn saving_an_unchanged_request_leaves_the_file_byte_for_byte() {
    let (_d, c) = collection();
    // Not the canonical layout: the query on the request line, a header without a space after the colon.
    let text = "# Note.\nGET /campaigns/list?page=1\nX-Trace:abc\n";
    put(&c, "list.http", text);
    let loaded = c.load("list").unwrap();
    assert_eq!(loaded.text, text);
    assert_eq!(c.save("list", &loaded.request).unwrap(), Saved::Unchanged);
    assert_eq!(std::fs::read_to_string(c.root().join("list.http")).unwrap(), text);
    let mut changed = loaded.request.clone();
    changed.note = vec!["Changed.".into()];
    assert_eq!(c.save("list", &changed).unwrap(), Saved::Written);
    assert_eq!(std::fs::read_to_string(c.root().join("list.http")).unwrap(), changed.to_text());
    let leftovers: Vec<_> = std::fs::read_dir(c.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["list.http"], "no temporary file is left");
}

#[test]
fn save_as_rename_duplicate_and_delete() {
    let (_d, c) = collection();
    let r = RequestFile::parse(WELCOME).unwrap();
    c.save_as("team/welcome", &r).unwrap();
    assert!(matches!(c.save_as("team/welcome", &r), Err(CollectionError::Exists { .. })));
    assert_eq!(c.duplicate("team/welcome").unwrap(), "team/welcome-2");
    assert_eq!(c.duplicate("team/welcome").unwrap(), "team/welcome-3");
    assert_eq!(c.load("team/welcome-3").unwrap().text, WELCOME);
    c.rename("team/welcome-2", "other/moved").unwrap();
    assert!(!c.exists("team/welcome-2") && c.exists("other/moved"));
    assert!(matches!(c.rename("other/moved", "team/welcome"), Err(CollectionError::Exists { .. })));
    assert!(matches!(c.rename("nope", "x"), Err(CollectionError::NotFound { .. })));
    c.delete("other/moved").unwrap();
    assert!(matches!(c.delete("other/moved"), Err(CollectionError::NotFound { .. })));
    assert!(matches!(c.load("other/moved"), Err(CollectionError::NotFound { .. })));
    let names: Vec<String> = c.list().entries.into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["team/welcome", "team/welcome-3"]);
}

#[test]
fn names_that_leave_the_folder_are_refused() {
    let (_d, c) = collection();
    let r = RequestFile::parse(WELCOME).unwrap();
    for bad in ["../x", "a/../../x", "/etc/passwd", "a\u{7}b", ""] {
        let err = c.save_as(bad, &r).unwrap_err();
        assert!(matches!(err, CollectionError::BadName { .. }) && err.is_usage(), "{bad:?}: {err}");
    }
    assert!(!c.root().exists(), "nothing was written");
    assert!(c.save_as("ok/x", &r).is_ok());
    assert!(matches!(c.rename("ok/x", "../y"), Err(CollectionError::BadName { .. })));
}

#[test]
fn the_variables_file_is_read_and_written_whole() {
    let (_d, c) = collection();
    assert_eq!(c.variables_path(), c.root().join("variables.toml"));
    c.write_variables("campaign_id = \"welcome-2030\"\n").unwrap();
    assert_eq!(c.read_variables().unwrap().as_deref(), Some("campaign_id = \"welcome-2030\"\n"));
}
