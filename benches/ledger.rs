//! The shared ledger (PostgreSQL) beside the SQLite history at 100,000 exchanges: the same list, filter and search
//! cases on both. Needs a PostgreSQL server: `BRAZEN_TEST_POSTGRES_URL` (a URL whose user may create databases;
//! `source .ci/postgres` starts a private one); without it, says so and measures nothing.
//!
//! `cargo bench --bench ledger`. The ledger is on the same machine here, so its figures are the server's work plus
//! a local round trip; over a network each call adds that network's round trip.

use std::hint::black_box;
use std::time::Instant;

use brazen::history::{Filter, Store, fixtures};
use criterion::{Criterion, criterion_group, criterion_main};

const EXCHANGES: usize = 100_000;

fn cases() -> Vec<(&'static str, Filter)> {
    let class = |c: &str| Some(c.parse().expect("a class"));
    vec![
        ("list_newest_100", Filter { limit: Some(100), ..Filter::default() }),
        ("filter_class_4xx_100", Filter { class: class("4XX"), limit: Some(100), ..Filter::default() }),
        (
            "filter_endpoint_100",
            Filter { endpoint: Some("/messages/send".into()), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_endpoint_prefix_100",
            Filter { endpoint: Some("/users/*".into()), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_failed_not_replayed_100",
            Filter { failed_only: true, not_replayed: true, limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_since_100",
            Filter {
                // The synthetic history starts on 2025-01-01 and spans about 35 days: its last few days.
                since: Some(jiff::Timestamp::from_second(1_735_689_600 + 30 * 86_400).expect("time")),
                limit: Some(100),
                ..Filter::default()
            },
        ),
        ("search_rare_100", Filter { search: Some("ord-54321".into()), limit: Some(100), ..Filter::default() }),
        ("search_common_100", Filter { search: Some("user-1".into()), limit: Some(100), ..Filter::default() }),
        ("search_rare_all", Filter { search: Some("ord-54321".into()), ..Filter::default() }),
    ]
}

fn fill(store: &Store, all: &[brazen::exchange::Exchange]) {
    let started = Instant::now();
    for chunk in all.chunks(2_000) {
        store.append_many(chunk).expect("append");
    }
    eprintln!("built {} exchanges in {:.1} s", all.len(), started.elapsed().as_secs_f64());
}

fn bench(c: &mut Criterion) {
    let Some(server) = std::env::var("BRAZEN_TEST_POSTGRES_URL").ok().filter(|v| !v.is_empty()) else {
        eprintln!("ledger bench: BRAZEN_TEST_POSTGRES_URL is not set (`source .ci/postgres`); nothing measured");
        return;
    };
    let all = fixtures::synthetic(EXCHANGES, 7);
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = Store::open(&dir.path().join("history.sqlite3")).expect("open");
    fill(&sqlite, &all);
    let url = fixtures::fresh_ledger_database(&server).expect("a database");
    let ledger = Store::open_in_memory().expect("local").with_ledger(url).expect("ledger");
    fill(&ledger, &all);
    // Fresh statistics, as autovacuum would gather after such a load.
    ledger.compact().expect("analyze");
    for (name, store) in [("sqlite_100k", &sqlite), ("ledger_100k", &ledger)] {
        let mut g = c.benchmark_group(name);
        for (case, filter) in cases() {
            let n = store.list(&filter).expect("list").len();
            eprintln!("{name}/{case}: {n} rows");
            g.bench_function(case, |b| b.iter(|| black_box(store.list(black_box(&filter)).expect("list"))));
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
