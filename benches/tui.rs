//! The workbench's drawing and update costs, in process on a `TestBackend` (no terminal IO):
//! - `first_frame`: `App::new` + the first full draw at 120×40 (target for the whole start-up: < 50 ms);
//! - `scroll_10mib_body`: one page down + a redraw with a 10 MiB JSON response open (target: < 16 ms a frame);
//! - `format_10mib_body`: pretty-printing and line-splitting that body (done once, off the UI thread);
//! - `keystroke_1mib_editor`: a character typed and deleted in a 1 MiB body + redraw (validation goes to the
//!   worker); `editor_input_1mib`, `textarea_alone_1mib`, `editor_draw_1mib` split that cost (ratatui-textarea
//!   rebuilds its screen map over every line on each edit, which is most of it);
//! - `validate_inline_16k`: the largest body `update` validates inline.
//!
//! The real binary's start-up, memory and idle CPU are measured by `benches/tui_live.sh`.

use std::hint::black_box;
use std::sync::Arc;

use brazen::exchange::{Attempt, Exchange, RequestRecord, ResponseRecord, Timings};
use brazen::i18n::Lang;
use brazen::tui::app::{App, Detail, Focus, ResponseView};
use brazen::tui::msg::Msg;
use brazen::tui::pretty::BodyLines;
use brazen::tui::update::update;
use brazen::tui::{Theme, view};
use criterion::Criterion;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn now() -> jiff::Timestamp {
    "2026-03-02T09:30:00Z".parse().unwrap()
}

/// A compact JSON export-like body of about `bytes` bytes.
pub fn big_json(bytes: usize) -> String {
    let mut s = String::from("{\"message\":\"success\",\"users\":[");
    let mut i = 0;
    while s.len() < bytes {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            "{{\"external_id\":\"user-{i:08}\",\"first_name\":\"지우\",\"email\":\"user{i}@example.com\",\
             \"custom_attributes\":{{\"tier\":\"gold\",\"score\":{}}},\"push_tokens\":[]}}",
            i % 997
        ));
        i += 1;
    }
    s.push_str("]}");
    s
}

fn exchange(body: String) -> Exchange {
    let len = body.len() as u64;
    Exchange {
        id: Some(1),
        time: now(),
        environment: "sandbox".into(),
        request: RequestRecord {
            method: "POST".into(),
            endpoint: "/users/export/ids".into(),
            url: "http://127.0.0.1:1/users/export/ids".into(),
            headers: vec![],
            body: "{}".into(),
            body_truncated: false,
        },
        attempts: vec![Attempt {
            number: 1,
            started_at: now(),
            waited_ms: 0,
            response: Some(ResponseRecord {
                status: 201,
                headers: vec![("content-type".into(), "application/json".into())],
                body: body.clone(),
                truncated: false,
                body_bytes: len,
            }),
            failure: None,
            timings: Timings { connect_ms: Some(0.2), first_byte_ms: Some(3.0), total_ms: 40.0 },
        }],
        outcome: Some(brazen::classify::outcome(201, &[], body.as_bytes(), now())),
        replay_of: None,
        saved_request: None,
        secret_variables: Vec::new(),
    }
}

fn draw(t: &mut Terminal<TestBackend>, app: &App) {
    t.draw(|f| view::view(app, f)).unwrap();
}

fn benches(c: &mut Criterion) {
    c.bench_function("first_frame", |b| {
        b.iter(|| {
            let app = App::new(Lang::En, Theme { colour: true }, now(), 120, 40);
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            draw(&mut t, &app);
            black_box(t.backend().buffer().area);
        })
    });

    let body = big_json(10 * 1024 * 1024);
    c.bench_function("format_10mib_body", |b| b.iter(|| black_box(BodyLines::new(black_box(&body)).len())));

    let mut app = App::new(Lang::En, Theme { colour: true }, now(), 120, 40);
    let lines = Arc::new(BodyLines::new(&body));
    app.response = Some(ResponseView {
        exchange: Arc::new(exchange(body)),
        received: now(),
        body: Some(lines.clone()),
        seq: 1,
        detail: Detail::Body,
        scroll: 0,
        hscroll: 0,
        card_scroll: 0,
    });
    app.focus = Focus::Response;
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let page = KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE);
    let home = KeyEvent::new(KeyCode::Home, KeyModifiers::NONE);
    c.bench_function("scroll_10mib_body", |b| {
        b.iter(|| {
            if app.response.as_ref().is_some_and(|r| r.scroll + 100 >= lines.len()) {
                update(&mut app, Msg::Key(home));
            }
            update(&mut app, Msg::Key(page));
            draw(&mut t, &app);
        })
    });

    let mut app = App::new(Lang::En, Theme { colour: true }, now(), 120, 40);
    let pad: Vec<String> = (0..30_000).map(|i| format!("    \"padding-value-{i:08}-xxxxxxxx\"")).collect();
    let editor_body = format!("{{\n  \"external_user_ids\": [\"u\"],\n  \"pad\": [\n{}\n  ]\n}}\n", pad.join(",\n"));
    assert!(editor_body.len() > 1024 * 1024);
    app.editor.load(&editor_body);
    app.focus = Focus::Editor;
    let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
    let bs = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    c.bench_function("keystroke_1mib_editor", |b| {
        b.iter(|| {
            black_box(update(&mut app, Msg::Key(x)));
            black_box(update(&mut app, Msg::Key(bs)));
            draw(&mut t, &app);
        })
    });

    // The parts of a keystroke: the text area's own edit (it rebuilds its screen map over every line), and a
    // redraw alone.
    let mut ed = brazen::tui::editor::Editor::new(&editor_body);
    c.bench_function("editor_input_1mib", |b| {
        b.iter(|| {
            black_box(
                ed.input(ratatui_textarea::Input { key: ratatui_textarea::Key::Char('x'), ..Default::default() }),
            );
            black_box(
                ed.input(ratatui_textarea::Input { key: ratatui_textarea::Key::Backspace, ..Default::default() }),
            );
        })
    });
    let mut ta = ratatui_textarea::TextArea::new(editor_body.split('\n').map(str::to_string).collect());
    c.bench_function("textarea_alone_1mib", |b| {
        b.iter(|| {
            black_box(
                ta.input(ratatui_textarea::Input { key: ratatui_textarea::Key::Char('x'), ..Default::default() }),
            );
            black_box(
                ta.input(ratatui_textarea::Input { key: ratatui_textarea::Key::Backspace, ..Default::default() }),
            );
        })
    });
    c.bench_function("editor_draw_1mib", |b| b.iter(|| draw(&mut t, &app)));

    let small: String = {
        let mut s = String::from("{\n  \"external_user_ids\": [\n");
        let mut i = 0;
        while s.len() < 16 * 1024 - 200 {
            s.push_str(&format!("    \"user-{i:06}\",\n"));
            i += 1;
        }
        s.push_str("    \"last\"\n  ],\n  \"messages\": {\"apple_push\": {\"alert\": \"hi\"}}\n}\n");
        s
    };
    let ctx = brazen::validate::Context::new(now(), jiff::tz::TimeZone::UTC);
    c.bench_function("validate_inline_16k", |b| {
        b.iter(|| black_box(brazen::validate::check("/messages/send", black_box(&small), &ctx)))
    });
}

/// Counts live heap bytes, so the bench can say what a 10 MiB response costs the app (not the OS's view, RSS,
/// which `benches/tui_live.sh` reports).
struct Counting;

static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        let p = unsafe { std::alloc::System.alloc(l) };
        let now = LIVE.fetch_add(l.size(), std::sync::atomic::Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, std::sync::atomic::Ordering::Relaxed);
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), std::sync::atomic::Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mib(b: usize) -> f64 {
    b as f64 / 1024.0 / 1024.0
}

/// Heap held by a 10 MiB response on screen: the exchange plus its formatted lines.
fn memory_report() {
    use std::sync::atomic::Ordering::Relaxed;
    let base = LIVE.load(Relaxed);
    let body = big_json(10 * 1024 * 1024);
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let before_classify = LIVE.load(Relaxed);
    let outcome = brazen::classify::outcome(201, &[], body.as_bytes(), now());
    println!(
        "memory: classifying the 10 MiB body (engine, not the TUI) peaks at +{:.1} MiB, keeps +{:.1} MiB",
        mib(PEAK.load(Relaxed) - before_classify),
        mib(LIVE.load(Relaxed) - before_classify)
    );
    drop(outcome);
    let ex = exchange(body);
    let after_exchange = LIVE.load(Relaxed);
    PEAK.store(after_exchange, Relaxed);
    let lines = BodyLines::new(&ex.final_response().unwrap().body);
    let after_format = LIVE.load(Relaxed);
    let peak = PEAK.load(Relaxed);
    println!(
        "memory: exchange {:.1} MiB, formatted body {:.1} MiB ({} lines, {:.1} MiB text), peak while formatting +{:.1} MiB",
        mib(after_exchange - base),
        mib(after_format - after_exchange),
        lines.len(),
        mib(lines.text().len()),
        mib(peak - after_exchange),
    );
}

fn main() {
    memory_report();
    let mut c = Criterion::default().configure_from_args().sample_size(30);
    benches(&mut c);
    c.final_summary();
}
