//! `text::visible` on a 10 MiB body: clean (the borrowed fast path, no copy) and dirty (one ESC every 4 KiB, so
//! the whole body is rebuilt), and on one screen line, which is what the TUI's body view pays per line per frame.

use std::hint::black_box;

use brazen::text::visible;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let line = "  \"message\": \"the quick brown fox — 다람쥐 헌 쳇바퀴에 타고파\",\n";
    let clean = line.repeat(10 * 1024 * 1024 / line.len());
    let dirty: String =
        clean.as_bytes().chunks(4096).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join("\x1b");
    let mut g = c.benchmark_group("visible 10 MiB");
    g.throughput(Throughput::Bytes(clean.len() as u64));
    g.sample_size(20);
    g.bench_function("clean (borrowed)", |b| b.iter(|| visible(black_box(&clean)).len()));
    g.bench_function("dirty (rebuilt)", |b| b.iter(|| visible(black_box(&dirty)).len()));
    g.finish();
    c.bench_function("visible one line", |b| b.iter(|| visible(black_box(line)).len()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
