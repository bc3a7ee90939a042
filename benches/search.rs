//! Finding text in a 10 MiB response body (issue 14 §4: the first match under 50 ms): `Search::new` over the whole
//! formatted body, for a rare word (few matches), a common one (capped at `MAX_MATCHES`) and an exact-case query
//! (no lowered copy).

use std::hint::black_box;

use brazen::tui::search::Search;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let line =
        "    { \"external_id\": \"user-00000\", \"city\": \"Seoul\", \"note\": \"다람쥐 헌 쳇바퀴에 타고파\" },\n";
    let mut body = line.repeat(10 * 1024 * 1024 / line.len());
    body.push_str("  \"needle\": true\n");
    let mut g = c.benchmark_group("search 10 MiB");
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.sample_size(10);
    g.bench_function("rare word, smart case", |b| b.iter(|| Search::new(black_box(&body), "needle").matches.len()));
    g.bench_function("common word, capped", |b| b.iter(|| Search::new(black_box(&body), "seoul").matches.len()));
    g.bench_function("exact case", |b| b.iter(|| Search::new(black_box(&body), "Seoul").matches.len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
