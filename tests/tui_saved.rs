//! Saved requests in the workbench (issue 13 §2): the real app, runtime and collection folder on a `TestBackend`.
//! Save, save as, rename, duplicate, delete after asking, the unsaved mark, and the questions before replacing or
//! quitting with unsaved changes, with the files checked on disk.

use brazen::tui::Theme;
use brazen::tui::app::{Confirm, Overlay};
use brazen::tui::driver::Driver;
use ratatui::crossterm::event::KeyCode;

use crate::common;

use common::tui::{TuiHome, start_tui as start, tui_home as home, tui_options as options};

fn requests(h: &TuiHome) -> std::path::PathBuf {
    h.paths.requests_dir.clone()
}

/// Types a name into the open name field, replacing what it holds.
fn name(d: &mut Driver, text: &str) {
    d.ctrl('u');
    d.type_text(text);
    d.key(KeyCode::Enter);
}

fn body_edit(d: &mut Driver) {
    d.app.focus = brazen::tui::app::Focus::Editor;
    d.key(KeyCode::End);
    d.type_text(" ");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn save_rename_duplicate_and_delete_with_the_files_on_disk() {
    let h = home();
    let mut d = start(&h, 100, 30).await;
    d.key(KeyCode::F(9));
    d.settle().await;
    let empty = d.render();
    assert!(empty.contains("No saved requests") && empty.contains("Press s"), "{empty}");
    // `s` on an unnamed request asks for a name, suggesting one from the endpoint.
    d.key(KeyCode::Char('s'));
    let Some(Overlay::Requests(b)) = &d.app.overlay else { panic!("{:?}", d.app.overlay) };
    assert_eq!(b.prompt.as_ref().unwrap().input.text, "messages-send");
    name(&mut d, "../escape");
    d.settle().await;
    let refused = d.render();
    assert!(refused.contains("../escape"), "the name stays, with why:\n{refused}");
    name(&mut d, "seoul/welcome");
    d.settle().await;
    let file = requests(&h).join("seoul/welcome.http");
    let text = std::fs::read_to_string(&file).expect("saved");
    assert!(text.starts_with("POST /messages/send\n\n{"), "{text}");
    assert!(d.app.overlay.is_none());
    let screen = d.render();
    assert!(screen.contains("[seoul/welcome]") && screen.contains("Saved seoul/welcome."), "{screen}");
    // An edit marks it; `s` in F9 writes it under its name.
    body_edit(&mut d);
    assert!(d.render().contains("[seoul/welcome ● modified]"), "{}", d.render());
    d.key(KeyCode::F(9));
    d.settle().await;
    d.key(KeyCode::Char('s'));
    d.settle().await;
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written != text && written.ends_with(d.app.editor.text()), "the edit is in the file:\n{written}");
    assert!(d.render().contains("[seoul/welcome]"));
    // Duplicate, then rename the copy; the list follows.
    d.key(KeyCode::F(9));
    d.settle().await;
    d.key(KeyCode::Char('c'));
    d.settle().await;
    assert!(requests(&h).join("seoul/welcome-2.http").is_file());
    let Some(Overlay::Requests(b)) = &d.app.overlay else { panic!() };
    assert_eq!(b.selected_entry().unwrap().name, "seoul/welcome-2", "the copy is selected");
    d.key(KeyCode::Char('r'));
    name(&mut d, "busan/welcome");
    d.settle().await;
    assert!(requests(&h).join("busan/welcome.http").is_file() && !requests(&h).join("seoul/welcome-2.http").exists());
    let list = d.render();
    assert!(list.contains("busan/welcome") && list.contains("seoul/welcome"), "{list}");
    // Delete asks first; no keeps the file.
    d.key(KeyCode::Char('d'));
    assert!(
        matches!(&d.app.overlay, Some(Overlay::Confirm(Confirm::DeleteRequest { name })) if name == "busan/welcome")
    );
    assert!(d.render().contains("Delete the saved request busan/welcome?"));
    d.key(KeyCode::Char('n'));
    assert!(requests(&h).join("busan/welcome.http").is_file());
    // F9 opens on the request the editor holds; busan/welcome sorts before it.
    d.key(KeyCode::F(9));
    d.settle().await;
    let Some(Overlay::Requests(b)) = &d.app.overlay else { panic!() };
    assert_eq!(b.selected_entry().unwrap().name, "seoul/welcome");
    d.key(KeyCode::Up);
    d.key(KeyCode::Char('d'));
    d.key(KeyCode::Char('y'));
    d.settle().await;
    assert!(!requests(&h).join("busan/welcome.http").exists());
    assert!(matches!(&d.app.overlay, Some(Overlay::Requests(b)) if b.entries.len() == 1), "{:?}", d.app.overlay);
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsaved_changes_are_asked_about_before_switching_or_quitting() {
    let h = home();
    let dir = requests(&h);
    std::fs::create_dir_all(dir.join("kr")).unwrap();
    let list = "# Campaigns, second page.\nGET /campaigns/list\n    ?page=2\n";
    std::fs::write(dir.join("kr/list.http"), list).unwrap();
    let send = "# @environment sandbox\nPOST /messages/send\n\n{\"broadcast\": true}\n";
    std::fs::write(dir.join("kr/send.http"), send).unwrap();
    std::fs::write(dir.join("broken.http"), "FETCH /x\n").unwrap();
    let mut d = start(&h, 100, 30).await;
    d.key(KeyCode::F(9));
    d.settle().await;
    let screen = d.render();
    assert!(screen.contains("broken") && screen.contains("line 1"), "a broken file is listed with why:\n{screen}");
    assert!(screen.contains("/campaigns/list?page=2") && screen.contains("@sandbox"), "{screen}");
    // Open the GET: its query is on the path line.
    d.key(KeyCode::Down);
    d.key(KeyCode::Enter);
    d.settle().await;
    assert_eq!(d.app.path.text, "/campaigns/list?page=2");
    assert_eq!(d.app.current_endpoint().key(), "GET /campaigns/list");
    // Saved untouched: the file stays byte for byte.
    d.key(KeyCode::F(9));
    d.settle().await;
    d.key(KeyCode::Char('s'));
    d.settle().await;
    assert_eq!(std::fs::read_to_string(dir.join("kr/list.http")).unwrap(), list);
    // An edit, then opening another asks; no keeps it.
    d.app.focus = brazen::tui::app::Focus::Url;
    d.type_text("&include_archived=true");
    d.key(KeyCode::F(9));
    d.settle().await;
    d.key(KeyCode::Down);
    d.key(KeyCode::Enter);
    let ask = d.render();
    assert!(ask.contains("kr/list has unsaved changes"), "{ask}");
    d.key(KeyCode::Char('n'));
    assert_eq!(d.app.path.text, "/campaigns/list?page=2&include_archived=true");
    // Quitting asks too; no stays.
    d.key(KeyCode::Esc);
    d.app.focus = brazen::tui::app::Focus::Editor;
    d.ctrl('c');
    assert!(!d.app.quit);
    assert!(matches!(&d.app.overlay, Some(Overlay::Confirm(Confirm::QuitUnsaved { name })) if name == "kr/list"));
    d.key(KeyCode::Char('n'));
    assert!(!d.app.quit);
    // Yes to switching: the other request, its environment line kept for its next save.
    d.key(KeyCode::F(9));
    d.settle().await;
    d.key(KeyCode::Down);
    d.key(KeyCode::Down);
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('y'));
    d.settle().await;
    assert_eq!(d.app.saved.as_ref().unwrap().name, "kr/send");
    assert_eq!(d.app.editor.text(), "{\"broadcast\": true}\n");
    // A clean request quits without asking, and the name comes back on the next start.
    d.ctrl('c');
    assert!(d.app.quit);
    d.finish();
    d.shutdown().await;
    let mut d = Driver::start(options(&h, brazen::i18n::Lang::Ko, None), Theme { colour: false }, 80, 24).await;
    d.settle().await;
    assert_eq!(d.app.saved.as_ref().map(|s| s.name.as_str()), Some("kr/send"));
    assert!(d.render().contains("[kr/send]"), "{}", d.render());
    d.shutdown().await;
}

/// Issue 13 §3 in the workbench: a saved request's variables are resolved from the collection's `variables.toml`,
/// shown where used (a secret masked), an undefined id is fatal at its place, and what is sent holds the values
/// while the history holds `{{name}}` for the secret, with the saved request's name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn variables_are_shown_checked_sent_resolved_and_a_secret_stays_out_of_the_history() {
    const SECRET: &str = "sk-live-0123456789abcdef";
    let h = home();
    let dir = requests(&h);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("variables.toml"), format!("user = \"u-123\"\nsigning_key = \"{SECRET}\"\n")).unwrap();
    let body = "{\n  \"external_user_ids\": [\"{{user}}\"],\n  \"campaign_id\": \"{{campaign}}\",\n  \"messages\": {\"apple_push\": {\"alert\": \"Hi {{first_name}}\", \"extra\": {\"sig\": \"{{signing_key}}\"}}}\n}\n";
    std::fs::write(dir.join("welcome.http"), format!("POST /messages/send\n\n{body}")).unwrap();
    let mut d = start(&h, 160, 48).await;
    d.settle().await;
    d.key(KeyCode::F(9));
    d.settle().await;
    d.key(KeyCode::Enter);
    d.settle().await;
    let ds = d.app.editor.diagnostics().to_vec();
    let find = |e: &str| ds.iter().filter(|x| x.error == e).collect::<Vec<_>>();
    let shown: Vec<&str> = find("variable").iter().map(|x| x.message.as_str()).collect();
    assert!(shown.iter().any(|m| m.starts_with("{{user}} = u-123 (variables.toml)")), "{shown:?}");
    assert!(shown.iter().any(|m| m.starts_with("{{signing_key}} =") && !m.contains(SECRET)), "{shown:?}");
    let undefined = find("undefined_variable");
    assert_eq!(undefined.len(), 1, "{ds:?}");
    assert_eq!((undefined[0].line, undefined[0].column), (3, 19), "at {{{{campaign}}}}");
    let screen = d.render();
    assert!(screen.contains("{{campaign}} is not defined") && !screen.contains(SECRET), "{screen}");
    // Without the undefined one the request sends, resolved.
    let fixed = d.app.editor.text().replace("  \"campaign_id\": \"{{campaign}}\",\n", "");
    d.app.editor.load(&fixed);
    d.ctrl('s');
    d.settle().await;
    let ex =
        d.app.response.as_ref().map(|r| r.exchange.clone()).unwrap_or_else(|| panic!("no answer:\n{}", d.render()));
    assert_eq!(ex.status(), Some(201), "{ex:?}");
    assert!(ex.request.body.contains("u-123") && ex.request.body.contains("{{signing_key}}"), "{}", ex.request.body);
    assert!(ex.request.body.contains("Hi {{first_name}}"), "Liquid passes untouched");
    assert_eq!(ex.saved_request.as_deref(), Some("welcome"));
    d.shutdown().await;
    for name in ["history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"] {
        let Ok(bytes) = std::fs::read(h.dir.path().join(name)) else { continue };
        assert!(!bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()), "the secret is in {name}");
    }
}
