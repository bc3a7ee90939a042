//! The whole documented API against the real mock on 127.0.0.1:0: every endpoint's template answers its
//! documented success, every documented error of the answers files is produced (and classified as its row), the
//! state a client notices carries from one request to the next, and each kind of success is explained as such.

// The crate root's modules resolve next to it: these live in tests/whole_api/.
#[path = "whole_api/documented.rs"]
mod documented;
#[path = "whole_api/flows.rs"]
mod flows;
#[path = "whole_api/wire.rs"]
mod wire;

use std::collections::BTreeSet;

use brazen::catalog::{self, Kind};
use brazen::i18n::Lang;
use wire::{Req, endpoint, env};

/// Every method + path Braze documents (`endpoints-all.md`: 130 rows, 128 pairs once a trailing `/` and the SCIM
/// search's `?filter=` are dropped; two GET pages share a path), copied here: the catalog must hold exactly these.
const ALL: [&str; 128] = [
    "GET /cdi/integrations",
    "GET /cdi/integrations/{integration_id}/job_sync_status",
    "POST /cdi/integrations/{integration_id}/sync",
    "POST /scim/v2/Users",
    "DELETE /scim/v2/Users/{id}",
    "GET /scim/v2/Users/{id}",
    "PUT /scim/v2/Users/{id}",
    "GET /scim/v2/Users",
    "POST /app_group/sdk_authentication/create",
    "DELETE /app_group/sdk_authentication/delete",
    "GET /app_group/sdk_authentication/keys",
    "PUT /app_group/sdk_authentication/primary",
    "GET /catalogs",
    "POST /catalogs",
    "DELETE /catalogs/{catalog_name}",
    "POST /catalogs/{catalog_name}/fields",
    "DELETE /catalogs/{catalog_name}/fields/{field_name}",
    "DELETE /catalogs/{catalog_name}/items",
    "GET /catalogs/{catalog_name}/items",
    "PATCH /catalogs/{catalog_name}/items",
    "POST /catalogs/{catalog_name}/items",
    "PUT /catalogs/{catalog_name}/items",
    "DELETE /catalogs/{catalog_name}/items/{item_id}",
    "GET /catalogs/{catalog_name}/items/{item_id}",
    "PATCH /catalogs/{catalog_name}/items/{item_id}",
    "POST /catalogs/{catalog_name}/items/{item_id}",
    "PUT /catalogs/{catalog_name}/items/{item_id}",
    "POST /catalogs/{catalog_name}/selections",
    "DELETE /catalogs/{catalog_name}/selections/{selection_name}",
    "POST /content_blocks/create",
    "GET /content_blocks/info",
    "GET /content_blocks/list",
    "POST /content_blocks/update",
    "POST /email/blacklist",
    "POST /email/blocklist",
    "POST /email/bounce/remove",
    "GET /email/hard_bounces",
    "POST /email/spam/remove",
    "POST /email/status",
    "GET /email/unsubscribes",
    "DELETE /users/subscription",
    "GET /users/subscription",
    "GET /campaigns/data_series",
    "GET /campaigns/details",
    "GET /campaigns/list",
    "GET /sends/data_series",
    "GET /canvas/data_series",
    "GET /canvas/data_summary",
    "GET /canvas/details",
    "GET /canvas/list",
    "GET /custom_attributes",
    "GET /events",
    "GET /events/data_series",
    "GET /events/list",
    "POST /export/segment/cancel",
    "GET /feed/data_series",
    "GET /feed/details",
    "GET /feed/list",
    "GET /kpi/dau/data_series",
    "GET /kpi/mau/data_series",
    "GET /kpi/new_users/data_series",
    "GET /kpi/uninstalls/data_series",
    "GET /purchases/product_list",
    "GET /purchases/quantity_series",
    "GET /purchases/revenue_series",
    "GET /segments/data_series",
    "GET /segments/details",
    "GET /segments/list",
    "GET /sessions/data_series",
    "POST /users/export/global_control_group",
    "POST /users/export/ids",
    "POST /users/export/segment",
    "POST /media_library/create",
    "POST /campaigns/duplicate",
    "POST /canvas/duplicate",
    "POST /messages/live_activity/start",
    "POST /messages/live_activity/update",
    "POST /campaigns/trigger/schedule/create",
    "POST /campaigns/trigger/schedule/delete",
    "POST /campaigns/trigger/schedule/update",
    "POST /canvas/trigger/schedule/create",
    "POST /canvas/trigger/schedule/delete",
    "POST /canvas/trigger/schedule/update",
    "POST /messages/schedule/create",
    "POST /messages/schedule/delete",
    "POST /messages/schedule/update",
    "GET /messages/scheduled_broadcasts",
    "POST /campaigns/trigger/send",
    "POST /canvas/trigger/send",
    "POST /messages/send",
    "POST /sends/id/create",
    "POST /transactional/v1/campaigns/{campaign_id}/send",
    "POST /preference_center/v1",
    "GET /preference_center/v1/list",
    "GET /preference_center/v1/{preferenceCenterExternalID}",
    "PUT /preference_center/v1/{preferenceCenterExternalID}",
    "GET /preference_center/v1/{preferenceCenterExternalID}/url/{userID}",
    "GET /sms/invalid_phone_numbers",
    "POST /sms/invalid_phone_numbers/remove",
    "GET /subscription/status/get",
    "POST /subscription/status/set",
    "GET /subscription/user/status",
    "POST /v2/subscription/status/set",
    "POST /templates/email/create",
    "GET /templates/email/info",
    "GET /templates/email/list",
    "POST /templates/email/update",
    "GET /campaigns/translations",
    "PUT /campaigns/translations",
    "GET /campaigns/translations/source",
    "GET /canvas/translations",
    "PUT /canvas/translations",
    "GET /canvas/translations/source",
    "GET /content_blocks/translations",
    "PUT /content_blocks/translations",
    "GET /templates/email/translations",
    "PUT /templates/email/translations",
    "GET /templates/email/translations/source",
    "GET /templates/translations/email",
    "POST /users/alias/new",
    "POST /users/alias/update",
    "POST /users/delete",
    "POST /users/external_ids/remove",
    "POST /users/external_ids/rename",
    "POST /users/identify",
    "POST /users/merge",
    "POST /users/track",
    "POST /users/track/sync",
];

#[test]
fn the_catalog_is_the_documented_list() {
    let documented: BTreeSet<&str> = ALL.into_iter().collect();
    assert_eq!(documented.len(), 128, "the list repeats an endpoint");
    let eps = &catalog::endpoints().endpoints;
    let keys: BTreeSet<String> = eps.iter().map(|e| e.key().to_string()).collect();
    let documented: BTreeSet<String> = documented.into_iter().map(str::to_string).collect();
    assert_eq!(keys, documented);
}

#[tokio::test]
async fn every_template_answers_its_documented_success() {
    let mut wrong = Vec::new();
    for ep in &catalog::endpoints().endpoints {
        let env = env().await;
        let a = env.send(&Req::template(ep)).await;
        if a.status != ep.success {
            wrong.push(format!("{}: {} (documented {}) {}", ep.key(), a.status, ep.success, a.text()));
        } else if a.status == 204 && !a.bytes.is_empty() {
            wrong.push(format!("{}: 204 with a body {}", ep.key(), a.text()));
        } else if a.status != 204 && !a.json().is_object() {
            wrong.push(format!("{}: the body is not a JSON object: {}", ep.key(), a.text()));
        }
        env.server.shutdown().await;
    }
    assert!(wrong.is_empty(), "{} of 128 endpoints:\n{}", wrong.len(), wrong.join("\n"));
}

#[tokio::test]
async fn every_documented_error_is_produced_and_classified_as_its_row() {
    let mut wrong = Vec::new();
    let mut produced = 0;
    for a in documented::answers() {
        let ep = endpoint(&a.endpoint);
        for e in &a.error {
            let env = env().await;
            let plan = documented::plan(ep, &a, e);
            if plan.twice {
                env.send(&plan.req).await;
            }
            let got = env.send(&plan.req).await;
            let row = catalog::errors().row(&e.row).unwrap();
            let o = got.outcome(ep);
            if got.status != row.status || o.error.as_deref() != Some(e.row.as_str()) {
                let what = format!("{} {} {:?}", e.row, e.when, e.at);
                wrong.push(format!("{}: {what} → {} {:?} {}", a.endpoint, got.status, o.error, got.text()));
            } else {
                produced += 1;
            }
            env.server.shutdown().await;
        }
    }
    assert!(wrong.is_empty(), "{} errors not produced:\n{}", wrong.len(), wrong.join("\n"));
    assert!(produced >= 81, "{produced}");
}

/// The kind of some endpoints, as the catalog must say, and each kind's headline in the explanation.
const KINDS: &[(&str, Kind)] = &[
    ("POST /messages/send", Kind::Send),
    ("POST /transactional/v1/campaigns/{campaign_id}/send", Kind::Send),
    ("POST /canvas/trigger/send", Kind::Send),
    ("POST /users/track", Kind::Write),
    ("POST /content_blocks/create", Kind::Write),
    ("DELETE /catalogs/{catalog_name}", Kind::Delete),
    ("PATCH /catalogs/{catalog_name}/items", Kind::Job),
    ("POST /cdi/integrations/{integration_id}/sync", Kind::Job),
    ("POST /users/export/segment", Kind::Export),
    ("GET /campaigns/list", Kind::Read),
    ("GET /scim/v2/Users/{id}", Kind::Read),
];

fn headline(k: Kind) -> &'static str {
    match k {
        Kind::Send => "accepted for processing, not yet delivered",
        Kind::Write => "recorded",
        Kind::Read => "answered with data",
        Kind::Export => "export started",
        Kind::Delete => "deleted",
        Kind::Job => "job started",
    }
}

#[tokio::test]
async fn each_kind_of_success_is_explained_as_such() {
    for (key, kind) in KINDS {
        let ep = endpoint(key);
        assert_eq!(ep.kind, *kind, "{key}");
        let env = env().await;
        let a = env.send(&Req::template(ep)).await;
        let what = brazen::classify::explain(&a.outcome(ep), Lang::En).what;
        assert!(what.contains(headline(*kind)), "{key}: {what}");
        env.server.shutdown().await;
    }
}
