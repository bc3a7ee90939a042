//! History store at 100,000 exchanges: listing, filtering and text search (targets: list and filter < 50 ms).
//! The database is built once in a temporary folder; its size and build time are printed first.

use std::hint::black_box;
use std::time::Instant;

use brazen::history::{Filter, Store, fixtures};
use criterion::{Criterion, criterion_group, criterion_main};

const EXCHANGES: usize = 100_000;

fn bench(c: &mut Criterion) {
    // BRAZEN_BENCH_DB keeps the database (built once) for inspection or later runs.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("BRAZEN_BENCH_DB").map_or_else(|| dir.path().join("history.sqlite3"), Into::into);
    // Opening an existing database of an older schema version includes its migration.
    let opening = Instant::now();
    let store = Store::open(&path).expect("open");
    eprintln!("opened in {:.2} s", opening.elapsed().as_secs_f64());
    let started = Instant::now();
    let all = fixtures::synthetic(EXCHANGES, 7);
    if store.count().expect("count") == 0 {
        for chunk in all.chunks(10_000) {
            store.append_many(chunk).expect("append");
        }
    }
    let size: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", path.display())).ok())
        .map(|m| m.len())
        .sum();
    eprintln!(
        "built {EXCHANGES} exchanges in {:.1} s; database {:.1} MiB (with WAL)",
        started.elapsed().as_secs_f64(),
        size as f64 / 1_048_576.0
    );
    // A term that occurs once (an order number inside one request body) and one that occurs in many.
    let rare = "ord-54321";
    let rare_hits = store.list(&Filter { search: Some(rare.into()), ..Filter::default() }).expect("search").len();
    let common_hits = store.list(&Filter { search: Some("user-1".into()), ..Filter::default() }).expect("search").len();
    eprintln!("search {rare:?} matches {rare_hits}; \"user-1\" matches {common_hits}");

    let mut g = c.benchmark_group("history_100k");
    let cases: Vec<(&str, Filter)> = vec![
        ("list_newest_100", Filter { limit: Some(100), ..Filter::default() }),
        (
            "filter_class_4xx_100",
            Filter { class: Some("4XX".parse().expect("a class")), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_class_network_100",
            Filter { class: Some("network".parse().expect("a class")), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_endpoint_100",
            Filter { endpoint: Some("/messages/send".into()), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_endpoint_prefix_100",
            Filter { endpoint: Some("/users/*".into()), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_endpoint_rare_100",
            Filter { endpoint: Some("/users/delete".into()), limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_failed_not_replayed_100",
            Filter { failed_only: true, not_replayed: true, limit: Some(100), ..Filter::default() },
        ),
        (
            "filter_class_and_endpoint_100",
            Filter {
                class: Some("4XX".parse().expect("a class")),
                endpoint: Some("/messages/send".into()),
                limit: Some(100),
                ..Filter::default()
            },
        ),
        ("search_rare_100", Filter { search: Some(rare.into()), limit: Some(100), ..Filter::default() }),
        ("search_common_100", Filter { search: Some("user-1".into()), limit: Some(100), ..Filter::default() }),
        ("search_message_100", Filter { search: Some("Rate Limited".into()), limit: Some(100), ..Filter::default() }),
        ("search_two_chars_100", Filter { search: Some("zq".into()), limit: Some(100), ..Filter::default() }),
        ("search_two_chars_few_100", Filter { search: Some("dt".into()), limit: Some(100), ..Filter::default() }),
        ("search_one_char_100", Filter { search: Some("e".into()), limit: Some(100), ..Filter::default() }),
        ("search_underscore_100", Filter { search: Some("dispatch_id".into()), limit: Some(100), ..Filter::default() }),
    ];
    for (name, filter) in &cases {
        g.bench_function(*name, |b| b.iter(|| black_box(store.list(filter).expect("list"))));
    }
    g.bench_function("get_one", |b| b.iter(|| black_box(store.get(54_321).expect("get"))));
    g.bench_function("count", |b| b.iter(|| black_box(store.count().expect("count"))));
    let one = &all[123];
    g.bench_function("append_one_fsync", |b| b.iter(|| black_box(store.append(one).expect("append"))));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500));
    targets = bench
}
criterion_main!(benches);
