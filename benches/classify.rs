//! Classification cost per response: a plain success, a 429 with rate-limit headers, a proxy's HTML 502, a
//! `/users/track` answer with 2,000 minor errors (~170 KiB), and the explanation sentence.

use std::hint::black_box;

use brazen::classify::{explanation, outcome};
use brazen::i18n::Lang;
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let now: jiff::Timestamp = "2025-03-01T12:00:00Z".parse().expect("time");
    let h = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    };
    let rl = h(&[
        ("content-type", "application/json"),
        ("x-ratelimit-limit", "250000"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "1740830412"),
    ]);
    let success = br#"{"message":"success","dispatch_id":"66cdc28f8f082bc3074c0c94e2f1d4a3","send_id":"s-1"}"#;
    let html = b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let errors: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"type":"'external_id' or 'braze_id' or 'user_alias' is required","input_array":"attributes","index":{i}}}"#))
        .collect();
    let big = format!(r#"{{"message":"success","attributes_processed":75,"errors":[{}]}}"#, errors.join(","));

    c.bench_function("classify 201 success", |b| b.iter(|| outcome(201, black_box(&rl), black_box(success), now)));
    c.bench_function("classify 429 rate limited", |b| {
        b.iter(|| outcome(429, black_box(&rl), black_box(br#"{"message":"Rate Limited"}"#), now))
    });
    c.bench_function("classify 502 html", |b| b.iter(|| outcome(502, black_box(&[]), black_box(html), now)));
    c.bench_function("classify 201 with 2000 minor errors", |b| {
        b.iter(|| outcome(201, black_box(&rl), black_box(big.as_bytes()), now))
    });
    let o = outcome(429, &rl, br#"{"message":"Rate Limited"}"#, now);
    c.bench_function("explanation ko", |b| b.iter(|| explanation(black_box(&o), Lang::Ko)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
