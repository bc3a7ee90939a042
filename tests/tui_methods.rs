//! PUT, PATCH and DELETE in the TUI, as a user does it: pick the endpoint (by its permission), change a path
//! parameter on the path line, send to the sandbox mock, read the card. The card's headline comes from what the
//! endpoint does, and a path parameter naming nothing is explained by the endpoint's own error row.

use brazen::tui::app::Focus;
use ratatui::crossterm::event::KeyCode;

use crate::common;
use common::tui::{start_tui, tui_home};

/// Picks the endpoint `filter` finds first, puts `path` on the path line, sends, and waits for the answer.
async fn pick_edit_send(d: &mut brazen::tui::driver::Driver, filter: &str, path: &str) -> String {
    d.key(KeyCode::F(2));
    d.type_text(filter);
    d.key(KeyCode::Enter);
    d.key(KeyCode::F(6));
    assert_eq!(d.app.focus, Focus::Url);
    d.ctrl('u');
    d.type_text(path);
    d.key(KeyCode::Enter);
    d.settle().await;
    d.ctrl('s');
    d.settle().await;
    d.render()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn put_patch_and_delete_are_picked_edited_sent_and_explained_by_their_kind() {
    let h = tui_home();
    let mut d = start_tui(&h, 160, 48).await;
    // (permission to filter by, method + pattern, the path to send, documented status, the card's headline)
    let cases = [
        (
            "catalogs.replace_item",
            "PUT /catalogs/{catalog_name}/items/{item_id}",
            "/catalogs/restaurants/items/bistro-9",
            "200",
            "recorded",
        ),
        (
            "catalogs.update_items",
            "PATCH /catalogs/{catalog_name}/items",
            "/catalogs/restaurants/items",
            "202",
            "job started",
        ),
        (
            "catalogs.delete_item",
            "DELETE /catalogs/{catalog_name}/items/{item_id}",
            "/catalogs/restaurants/items/bistro-9",
            "202",
            "deleted",
        ),
    ];
    for (filter, key, path, status, headline) in cases {
        let screen = pick_edit_send(&mut d, filter, path).await;
        assert_eq!(d.app.current_endpoint().key(), key);
        let r = d.app.response.as_ref().unwrap_or_else(|| panic!("{key}: no answer:\n{screen}"));
        let sent = &r.exchange.request;
        assert_eq!((sent.method.as_str(), sent.url.ends_with(path)), (key.split(' ').next().unwrap(), true), "{key}");
        assert!(screen.contains(&format!(" {status} ")), "{key}: no {status}:\n{screen}");
        assert!(screen.to_lowercase().contains(headline), "{key}: the card says {headline:?}:\n{screen}");
    }
    d.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_path_parameter_is_predicted_and_an_unknown_one_is_explained_by_its_row() {
    let h = tui_home();
    let mut d = start_tui(&h, 120, 40).await;
    d.key(KeyCode::F(2));
    d.type_text("catalogs.get_item");
    d.key(KeyCode::Enter);
    assert_eq!(d.app.path.text, "/catalogs/restaurants/items/bistro-7", "the template fills the parameters");
    d.key(KeyCode::F(6));
    d.ctrl('u');
    d.type_text("/catalogs//items/bistro-7");
    d.key(KeyCode::Enter);
    d.settle().await;
    let said: Vec<String> = d.app.editor.diagnostics().iter().map(|x| x.message.clone()).collect();
    assert!(said.iter().any(|m| m.contains("{catalog_name}") && m.contains("is empty")), "{said:?}");
    // A catalog that does not exist reaches the mock, which answers as Braze documents; the card names the row.
    let screen = pick_edit_send(&mut d, "catalogs.get_item", "/catalogs/no_such_catalog/items/bistro-7").await;
    let o = d.app.response.as_ref().and_then(|r| r.exchange.outcome.clone()).expect("an answer");
    assert_eq!((o.status, o.error.as_deref()), (404, Some("catalog_not_found")), "{screen}");
    d.shutdown().await;
}

/// A SCIM endpoint takes the SCIM token and `X-Request-Origin`, not the REST key: the sandbox has both.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scim_endpoint_is_sent_with_its_own_credential() {
    let h = tui_home();
    let mut d = start_tui(&h, 120, 40).await;
    d.key(KeyCode::F(2));
    d.type_text("scim v2/users/{id}");
    d.key(KeyCode::Enter);
    let e = d.app.current_endpoint();
    assert_eq!(e.credential, brazen::catalog::Credential::Scim, "{}", e.key());
    d.ctrl('s');
    d.settle().await;
    let screen = d.render();
    let ex = &d.app.response.as_ref().expect("an answer").exchange;
    assert_eq!(ex.status(), Some(e.success), "{screen}");
    let origin = ex.request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("x-request-origin"));
    assert!(origin.is_some(), "{:?}", ex.request.headers);
    d.shutdown().await;
}
