//! Scrubbing cost: what every recorded exchange pays before it is stored, and every CLI line before it is
//! printed. A small `/messages/send` exchange, and one with a 10 MiB JSON response body, each with the key known
//! (none of it present, the common case, and one echo of it in a `\u`-escaped form).

use std::hint::black_box;

use brazen::exchange::Exchange;
use brazen::history::fixtures::{self, Answer};
use brazen::scrub::{self, Secrets};
use criterion::{Criterion, criterion_group, criterion_main};

const KEY: &str = "sk-bench-0123456789abcdef";

/// A recorded `/messages/send` answered 201 with `response_body`, its `Authorization` header holding the key as
/// brazen sends it (before the scrubber masks it).
fn exchange(response_body: String) -> Exchange {
    let body = r#"{"external_user_ids":["user-1"],"messages":{"apple_push":{"alert":"hi"}}}"#;
    let answer = Answer::Http { status: 201, body: response_body };
    let mut ex = fixtures::exchange("POST", "/messages/send", body, answer, jiff::Timestamp::UNIX_EPOCH);
    ex.request.headers =
        vec![("Authorization".into(), format!("Bearer {KEY}")), ("Content-Type".into(), "application/json".into())];
    ex
}

fn bench(c: &mut Criterion) {
    let secrets = Secrets::of([KEY]);
    let small = exchange(r#"{"message":"success","dispatch_id":"66cdc28f8f082bc3"}"#.into());
    let row = r#"{"external_id":"user-123456","first_name":"Sam","email":"sam@example.com","custom":{"s":"sss"}},"#;
    let mut big_body = String::from(r#"{"message":"success","users":["#);
    while big_body.len() < 10 << 20 {
        big_body.push_str(row);
    }
    big_body.push_str(r#"{}]}"#);
    let big = exchange(big_body.clone());
    let escaped: String = KEY.chars().map(|c| format!("\\u{:04x}", c as u32)).collect();
    let echo = exchange(big_body.replacen("user-123456", &escaped, 1));

    c.bench_function("scrub small exchange", |b| b.iter(|| scrub::exchange(black_box(&small), &secrets)));
    let mut g = c.benchmark_group("scrub_10mib");
    g.sample_size(10);
    g.bench_function("exchange, key absent", |b| b.iter(|| scrub::exchange(black_box(&big), &secrets)));
    g.bench_function("exchange, one escaped echo", |b| b.iter(|| scrub::exchange(black_box(&echo), &secrets)));
    g.bench_function("text, key absent", |b| b.iter(|| secrets.redact(black_box(&big_body)).len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
