//! State a client notices: what one request creates, changes or deletes, the next one sees.

use serde_json::{Value, json};

use super::wire::{Req, endpoint, env};
use brazen::mock;

fn names(v: &Value, list: &str, key: &str) -> Vec<String> {
    let items = v.pointer(list).and_then(Value::as_array).cloned().unwrap_or_default();
    items.iter().filter_map(|i| i.get(key).and_then(Value::as_str).map(str::to_string)).collect()
}

#[tokio::test]
async fn a_catalog_lives_from_create_to_delete_with_its_items() {
    let env = env().await;
    let catalog = json!({ "catalogs": [{ "name": "bakeries", "description": "Bread", "fields": [{ "name": "id", "type": "string" }] }] });
    let made = env.call("POST", "/catalogs", catalog).await;
    assert_eq!((made.status, names(&made.json(), "/catalogs", "name")), (201, vec!["bakeries".to_string()]));
    let listed = env.call("GET", "/catalogs", Value::Null).await.json();
    assert_eq!(names(&listed, "/catalogs", "name"), ["restaurants", "seasonal_menu", "bakeries"]);

    let items = json!({ "items": [{ "id": "rye-1", "loaf": "rye" }, { "id": "spelt-2", "loaf": "spelt" }] });
    assert_eq!(env.call("POST", "/catalogs/bakeries/items", items).await.status, 202);
    let one = env.call("GET", "/catalogs/bakeries/items/spelt-2", Value::Null).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["items"], json!([{ "id": "spelt-2", "loaf": "spelt" }]));
    let patch = json!({ "items": [{ "loaf": "spelt and honey" }] });
    assert_eq!(env.call("PATCH", "/catalogs/bakeries/items/spelt-2", patch).await.status, 200);
    let all = env.call("GET", "/catalogs/bakeries/items", Value::Null).await.json();
    assert_eq!(all["items"][1], json!({ "id": "spelt-2", "loaf": "spelt and honey" }));

    assert_eq!(env.call("DELETE", "/catalogs/bakeries", Value::Null).await.status, 200);
    let gone = env.call("GET", "/catalogs/bakeries/items", Value::Null).await;
    assert_eq!(gone.status, 404);
    assert_eq!(gone.json()["errors"][0]["parameter_values"], json!(["bakeries"]));
    let ep = endpoint("GET /catalogs/{catalog_name}/items");
    assert_eq!(gone.outcome(ep).error.as_deref(), Some("catalog_not_found"));
    // Made again, it starts empty: its items went with it.
    let again = json!({ "catalogs": [{ "name": "bakeries", "description": "Bread", "fields": [{ "name": "id", "type": "string" }] }] });
    assert_eq!(env.call("POST", "/catalogs", again).await.status, 201);
    let empty = env.call("GET", "/catalogs/bakeries/items", Value::Null).await.json();
    assert_eq!(empty["items"], json!([]));
}

#[tokio::test]
async fn a_content_block_created_is_listed_and_read_by_its_new_id() {
    let env = env().await;
    let create = Req::template(endpoint("POST /content_blocks/create"));
    let made = env.send(&create).await.json();
    let id = made["content_block_id"].as_str().unwrap().to_string();
    assert_ne!(id, "4f0b8d2e-6a17-4c93-b5e1-9d2c7a8f3e61", "the documented example id, not a new one");
    let list = env.call("GET", "/content_blocks/list", Value::Null).await.json();
    assert_eq!(names(&list, "/content_blocks", "name"), ["footer_social_links", "store_hours_footer"]);
    assert_eq!(list["count"], 2);
    let info = env.call("GET", &format!("/content_blocks/info?content_block_id={id}"), Value::Null).await;
    assert_eq!((info.status, info.json()["name"].as_str()), (200, Some("store_hours_footer")));
    assert_eq!(info.json()["content_block_id"].as_str(), Some(id.as_str()));
}

#[tokio::test]
async fn an_email_template_updated_is_read_updated_and_a_new_one_by_its_id() {
    let env = env().await;
    assert_eq!(env.send(&Req::template(endpoint("POST /templates/email/update"))).await.status, 200);
    let info = Req::template(endpoint("GET /templates/email/info"));
    let read = env.send(&info).await.json();
    assert_eq!(read["subject"], "This week at Acme: five things worth a look");
    assert_eq!(read["template_name"], "Weekly digest", "members the update left out stay");

    let made = env.send(&Req::template(endpoint("POST /templates/email/create"))).await.json();
    let id = made["email_template_id"].as_str().unwrap();
    let read = env.call("GET", &format!("/templates/email/info?email_template_id={id}"), Value::Null).await;
    assert_eq!(read.json()["template_name"], "Member newsletter - monthly");
}

#[tokio::test]
async fn a_scim_user_is_created_read_changed_and_deleted_with_the_scim_token() {
    let env = env().await;
    let create = Req::template(endpoint("POST /scim/v2/Users"));
    let made = env.send(&create).await;
    assert_eq!(made.status, 201);
    let id = made.json()["id"].as_str().unwrap().to_string();
    assert_eq!(made.json()["userName"], "mina.park@example.com");
    let mut get = Req::template(endpoint("GET /scim/v2/Users/{id}"));
    get.segments[4] = id.clone();
    assert_eq!(env.send(&get).await.json()["department"], "marketing");
    let mut put = Req::template(endpoint("PUT /scim/v2/Users/{id}"));
    put.segments[4] = id.clone();
    put.body["department"] = json!("finance");
    assert_eq!(env.send(&put).await.json()["department"], "finance");
    // The search's filter narrows the list: the template looks for the seeded user.
    let mut search = Req::template(endpoint("GET /scim/v2/Users"));
    let list = env.send(&search).await.json();
    assert_eq!(
        (&list["totalResults"], &list["Resources"][0]["userName"]),
        (&json!(1), &json!("jonas.weber@example.com"))
    );
    search.query = vec![("filter".into(), "userName eq \"mina.park@example.com\"".into())];
    assert_eq!(env.send(&search).await.json()["Resources"][0]["id"].as_str(), Some(id.as_str()));
    let mut delete = Req::template(endpoint("DELETE /scim/v2/Users/{id}"));
    delete.segments[4] = id;
    let gone = env.send(&delete).await;
    assert_eq!((gone.status, gone.bytes.len()), (204, 0));
    assert_eq!(env.send(&get).await.status, 404);

    // The token is the SCIM endpoints' credential, and only theirs.
    let mut rest_key = get.clone();
    rest_key.token = mock::SANDBOX_KEY;
    assert_eq!(env.send(&rest_key).await.status, 401);
    let mut elsewhere = Req::template(endpoint("GET /campaigns/list"));
    elsewhere.token = mock::SANDBOX_SCIM_TOKEN;
    assert_eq!(env.send(&elsewhere).await.status, 401);
}

#[tokio::test]
async fn a_sync_is_busy_for_a_minute_of_the_mocks_clock() {
    let env = env().await;
    let sync = Req::template(endpoint("POST /cdi/integrations/{integration_id}/sync"));
    assert_eq!(env.send(&sync).await.status, 202);
    env.clock.advance(std::time::Duration::from_secs(59));
    assert_eq!(env.send(&sync).await.status, 429);
    env.clock.advance(std::time::Duration::from_secs(1));
    assert_eq!(env.send(&sync).await.status, 202);
}

#[tokio::test]
async fn endpoints_of_one_pool_share_a_window() {
    let env = env().await;
    let get = env.call("GET", "/catalogs", Value::Null).await;
    let pool = endpoint("GET /catalogs").limit.clone();
    assert!(pool.pool.is_some());
    assert_eq!(get.header("x-ratelimit-limit"), Some(pool.requests.to_string().as_str()));
    assert_eq!(get.header("x-ratelimit-remaining"), Some((pool.requests - 1).to_string().as_str()));
    let sibling = brazen::catalog::endpoints()
        .endpoints
        .iter()
        .find(|e| e.limit.pool == pool.pool && e.key() != "GET /catalogs")
        .unwrap();
    let other = env.send(&Req::template(sibling)).await;
    assert_eq!(
        other.header("x-ratelimit-remaining"),
        Some((pool.requests - 2).to_string().as_str()),
        "{}",
        sibling.key()
    );
}

#[tokio::test]
async fn a_bounce_removed_is_no_longer_listed() {
    let env = env().await;
    let list = |v: Value| names(&v, "/emails", "email");
    let query = "/email/hard_bounces?start_date=2026-01-01&end_date=2026-12-31";
    let before = list(env.call("GET", query, Value::Null).await.json());
    assert_eq!(before, ["bounced@example.com", "gone@example.org"]);
    let removed = env.call("POST", "/email/bounce/remove", json!({ "email": ["gone@example.org"] })).await;
    assert_eq!(removed.status, 201);
    let after = list(env.call("GET", query, Value::Null).await.json());
    assert_eq!(after, ["bounced@example.com"]);
}

#[tokio::test]
async fn a_preference_center_created_is_read_by_its_new_id() {
    let env = env().await;
    let made = env.send(&Req::template(endpoint("POST /preference_center/v1"))).await.json();
    let id = made["preference_center_api_id"].as_str().unwrap();
    let read = env.call("GET", &format!("/preference_center/v1/{id}"), Value::Null).await;
    assert_eq!((read.status, read.json()["name"].as_str()), (200, Some("product_updates_prefs")));
    let list = env.call("GET", "/preference_center/v1/list", Value::Null).await.json();
    assert_eq!(names(&list, "/preference_centers", "name"), ["weekly_digest_prefs", "product_updates_prefs"]);
}
