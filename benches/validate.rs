//! `validate::check` on `/messages/send` bodies of 2 KiB and 1 MiB (targets: < 50 µs and < 10 ms), plus two
//! harder 1 MiB bodies: one made almost entirely of nested objects, and one whose syntax error sits at the very
//! end (the parse-failure path).
//!
//! With `BRAZEN_BENCH_BODIES=DIR` set, it only writes the bodies to DIR and exits, so
//! `benches/validate_vs_jq.sh` can time `jq empty` on exactly the same file.

use std::hint::black_box;

use brazen::validate::{Context, check};
use criterion::{Criterion, Throughput};

/// A realistic `/messages/send` body of about `target` bytes: users, an audience filter, iOS and Android pushes,
/// and an email whose HTML fills what the audience filters (`structure_pct` % of the body) leave.
fn body(target: usize, structure_pct: usize) -> String {
    let users: Vec<String> = (0..20).map(|i| format!("user-{i:05}")).collect();
    // One audience filter is about 170 bytes of pretty JSON.
    let filters: Vec<serde_json::Value> = (0..target * structure_pct / 100 / 170)
        .map(|i| {
            serde_json::json!({"custom_attribute": {"custom_attribute_name": format!("attr_{i}"),
                "comparison": "equals", "value": format!("value {i} 한국어")}})
        })
        .collect();
    let mut v = serde_json::json!({
        "external_user_ids": users,
        "campaign_id": "campaign-push",
        "send_id": "bench-send-1",
        "recipient_subscription_state": "subscribed",
        "messages": {
            "apple_push": {"alert": {"title": "주문이 발송되었습니다", "body": "Your order is on its way"},
                           "badge": 1, "sound": "default", "extra": {"order_id": "A-1001", "deep_link": "app://orders/A-1001"},
                           "message_variation_id": "variation-ios"},
            "android_push": {"title": "주문이 발송되었습니다", "alert": "Your order is on its way",
                             "extra": {"order_id": "A-1001"}, "message_variation_id": "variation-android"},
            "email": {"app_id": "app-1", "from": "Shop <shop@example.com>", "subject": "Your order",
                      "body": "", "message_variation_id": "variation-email"}
        }
    });
    if !filters.is_empty() {
        v["audience"] = serde_json::json!({"OR": filters});
    }
    // No character of the paragraph needs escaping, so the HTML adds exactly its own length to the JSON.
    let base = serde_json::to_string_pretty(&v).expect("serialises").len();
    let para = "<p>Thank you for your order — 주문해 주셔서 감사합니다. Track it in the app.</p>";
    let want = target.saturating_sub(base);
    let mut html = para.repeat(want / para.len() + 1);
    let keep = (0..=want.min(html.len())).rev().find(|i| html.is_char_boundary(*i)).unwrap_or(0);
    html.truncate(keep);
    v["messages"]["email"]["body"] = serde_json::Value::String(html);
    serde_json::to_string_pretty(&v).expect("serialises")
}

fn ctx() -> Context {
    Context::new("2030-01-01T00:00:00Z".parse().expect("timestamp"), jiff::tz::TimeZone::UTC)
}

fn bodies() -> Vec<(&'static str, String)> {
    let small = body(2 * 1024, 30);
    let large = body(1024 * 1024, 30);
    // Parsing structure costs more than parsing a long string: the worst case is a body of nested filters.
    let structure = body(1024 * 1024, 93);
    // The same 1 MiB body with a trailing comma before the last brace: serde_json fails at the very end.
    let mut broken = large.trim_end().to_string();
    broken.insert(broken.len() - 1, ',');
    vec![("2KiB", small), ("1MiB", large), ("1MiB_all_structure", structure), ("1MiB_syntax_error_at_end", broken)]
}

fn bench(c: &mut Criterion) {
    let ctx = ctx();
    let mut g = c.benchmark_group("validate");
    for (name, text) in bodies() {
        let r = check("/messages/send", &text, &ctx);
        eprintln!("{name}: {} bytes, ok = {}, {} diagnostics", text.len(), r.ok, r.diagnostics.len());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| check(black_box("/messages/send"), black_box(&text), &ctx)));
    }
    g.finish();
}

fn main() {
    if let Some(dir) = std::env::var_os("BRAZEN_BENCH_BODIES") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("create BRAZEN_BENCH_BODIES");
        for (name, text) in bodies() {
            let path = dir.join(format!("messages_send_{name}.json"));
            std::fs::write(&path, text).expect("write body");
            println!("{}", path.display());
        }
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    bench(&mut c);
    c.final_summary();
}
