//! The progress of `batch` and `replay`: on a terminal, a bar on standard error (done/total, requests per second,
//! ETA, counts by class, and the reason and countdown of any pause) instead of the lines the run reports; elsewhere
//! the run's lines on standard error as before ([`super::target::reporter`]). Also the pace line of the summary.
//!
//! The bar is drawn only when [`bar_wanted`] says so (text output, standard error a terminal, `TERM` not `dumb`);
//! its drawing target is injectable ([`Meter::new`]) so that tests draw it into memory.

use std::io::IsTerminal as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use super::output::Format;
use crate::client::Progress;
use crate::i18n::{Lang, Table as _, fill};
use crate::service::Event;
use crate::text::duration::human;
use crate::text::visible;

crate::table! {
    /// Words of the progress bar and the summary's pace line.
    pub struct ProgressText {
        window: "waiting {left} for the {endpoint} rate-limit window" / "{endpoint} 속도 제한 창을 {left} 기다리는 중",
        retry: "waiting {left} before attempt {n}: {why}" / "{n}번째 시도까지 {left} 대기: {why}",
        network: "network {n}" / "네트워크 {n}",
        other: "other {n}" / "기타 {n}",
        per_second: "{n}/s" / "초당 {n}건",
        eta: "ETA {left}" / "남은 시간 {left}",
        pace: "took {elapsed}, {rate} requests per second" / "{elapsed} 걸림, 초당 {rate}건",
    }
}

/// Answers by class. `client` counts every 4XX, 429 included (as the JSON counts do); `rate_limited` the 429s
/// among them, shown beside.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub ok: usize,
    pub client: usize,
    pub rate_limited: usize,
    pub server: usize,
    pub network: usize,
    pub other: usize,
}

impl Tally {
    pub fn add(&mut self, status: Option<u16>) {
        match status {
            Some(200..=299) => self.ok += 1,
            Some(429) => {
                self.client += 1;
                self.rate_limited += 1;
            }
            Some(400..=499) => self.client += 1,
            Some(500..=599) => self.server += 1,
            None => self.network += 1,
            Some(_) => self.other += 1,
        }
    }

    pub fn of(statuses: impl IntoIterator<Item = Option<u16>>) -> Tally {
        let mut t = Tally::default();
        statuses.into_iter().for_each(|s| t.add(s));
        t
    }

    /// `2XX 8, 4XX 2 (429 1), 5XX 0`, then `network N` and `other N` when there are any; `sep` between classes.
    pub fn text(&self, sep: &str, lang: Lang) -> String {
        let t = ProgressText::get(lang);
        let client = match self.rate_limited {
            0 => format!("4XX {}", self.client),
            n => format!("4XX {} (429 {n})", self.client),
        };
        let mut parts = vec![format!("2XX {}", self.ok), client, format!("5XX {}", self.server)];
        if self.network > 0 {
            parts.push(fill(t.network, &[("n", &self.network)]));
        }
        if self.other > 0 {
            parts.push(fill(t.other, &[("n", &self.other)]));
        }
        parts.join(sep)
    }
}

/// Why the run is waiting.
#[derive(Debug, Clone, PartialEq)]
pub enum Pause {
    /// A batch: the last answer used up the endpoint's rate-limit window.
    Window { endpoint: String },
    /// The engine waits before attempt `attempt`: `why` is the retry decision's sentence.
    Retry { attempt: u32, why: String },
}

/// The pause as the bar says it, `left` to go: "waiting 41 s for the /users/track rate-limit window".
pub fn pause_text(pause: &Pause, left: Duration, lang: Lang) -> String {
    let t = ProgressText::get(lang);
    // A countdown in whole seconds rounds up: "1 s" until the wait is over, never "0 ms" before it is.
    let left =
        if left >= Duration::from_secs(1) { Duration::from_secs(left.as_secs_f64().ceil() as u64) } else { left };
    let left = human(left, lang);
    match pause {
        Pause::Window { endpoint } => fill(t.window, &[("left", &left), ("endpoint", &visible(endpoint))]),
        Pause::Retry { attempt, why } => fill(t.retry, &[("left", &left), ("n", attempt), ("why", &visible(why))]),
    }
}

/// "took 2.5 s, 1.2 requests per second": the summary's last line.
pub fn pace_text(done: usize, elapsed: Duration, lang: Lang) -> String {
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 { done as f64 / secs } else { 0.0 };
    fill(ProgressText::get(lang).pace, &[("elapsed", &human(elapsed, lang)), ("rate", &rate_number(rate))])
}

fn rate_number(rate: f64) -> String {
    if rate >= 10.0 { format!("{rate:.0}") } else { format!("{rate:.1}") }
}

/// Whether to draw the bar: text output (JSON output is for programs), standard error a terminal, a terminal that
/// can redraw a line (`TERM=dumb` cannot), and no `NO_COLOR` (issue 14: those who set it asked for plain output,
/// which the rows and the summary are).
pub fn bar_wanted(format: Format, stderr_terminal: bool, term: Option<&str>, no_color: bool) -> bool {
    format == Format::Text && stderr_terminal && term != Some("dumb") && !no_color
}

/// Whether a text run prints a row per request: asked for (`--verbose`), or no bar stands in for them, or standard
/// output is not a terminal (a file or a pipe keeps the record of every request; nothing scrolls past anyone).
pub fn rows_wanted(verbose: bool, bar_shown: bool, stdout_terminal: bool) -> bool {
    verbose || !bar_shown || !stdout_terminal
}

#[derive(Debug, Default)]
struct Live {
    tally: Tally,
    pause: Option<(Instant, Pause)>,
}

/// A run's progress: counts what it reports and draws the bar, or passes the reports on as lines.
pub struct Meter {
    bar: Option<ProgressBar>,
    live: Arc<Mutex<Live>>,
    started: Instant,
    lang: Lang,
    /// The batch's endpoint, named by a window pause.
    endpoint: Option<String>,
    lines: Box<dyn Fn(Event<'_>) + Sync>,
}

impl Meter {
    /// A meter for `total` requests: a bar on standard error when [`bar_wanted`], else the run's lines.
    pub fn for_run(total: usize, format: Format, endpoint: Option<&str>, lang: Lang) -> Meter {
        let term = std::env::var("TERM").ok();
        let colour = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let wanted = bar_wanted(format, std::io::stderr().is_terminal(), term.as_deref(), !colour);
        let meter = Meter::new(total, endpoint, lang, wanted.then(ProgressDrawTarget::stderr), colour);
        if let Some(bar) = &meter.bar {
            // Redrawn four times a second so the countdown and the ETA move while a request or a pause lasts.
            bar.enable_steady_tick(Duration::from_millis(250));
        }
        meter
    }

    /// A meter drawing into `target` (no bar without one); `colour` styles the bar itself.
    pub fn new(
        total: usize,
        endpoint: Option<&str>,
        lang: Lang,
        target: Option<ProgressDrawTarget>,
        colour: bool,
    ) -> Meter {
        let live = Arc::new(Mutex::new(Live::default()));
        let bar = target.map(|t| {
            let bar = ProgressBar::with_draw_target(Some(total as u64), t);
            bar.set_style(style(&live, lang, colour));
            bar
        });
        Meter {
            bar,
            live,
            started: Instant::now(),
            lang,
            endpoint: endpoint.map(str::to_string),
            lines: Box::new(super::target::reporter(lang)),
        }
    }

    pub fn shown(&self) -> bool {
        self.bar.is_some()
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// What the run reports: counted, and shown on the bar, or as lines without one (warnings are always lines,
    /// printed above the bar).
    pub fn on(&self, event: Event<'_>) {
        let Some(bar) = &self.bar else {
            if let Event::Done { exchange } = &event {
                self.live().tally.add(exchange.status());
            }
            (self.lines)(event);
            return;
        };
        match event {
            Event::Done { exchange } => {
                let mut live = self.live();
                live.tally.add(exchange.status());
                live.pause = None;
                drop(live);
                bar.inc(1);
            }
            Event::Vanished { .. } | Event::Taken { .. } => {
                bar.inc(1);
                bar.suspend(|| (self.lines)(event));
            }
            Event::Pausing { wait, .. } => {
                let endpoint = self.endpoint.clone().unwrap_or_default();
                self.live().pause = Some((Instant::now() + wait, Pause::Window { endpoint }));
                bar.tick();
            }
            Event::Progress(Progress::Waiting { next_attempt, after, why, .. }) => {
                let why = why.sentence(self.lang);
                self.live().pause = Some((Instant::now() + after, Pause::Retry { attempt: next_attempt, why }));
                bar.tick();
            }
            Event::Progress(Progress::AttemptStarted { .. }) => self.live().pause = None,
            Event::Progress(_) => {}
            Event::NotRecorded { .. } | Event::NotMarked { .. } => bar.suspend(|| (self.lines)(event)),
        }
    }

    /// The bar drawn now (tests; the steady tick does it otherwise).
    #[cfg(test)]
    pub fn draw(&self) {
        if let Some(bar) = &self.bar {
            bar.force_draw();
        }
    }

    /// Takes the bar off the screen before the summary is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn live(&self) -> std::sync::MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// `[=====>    ] 12/40 · 3.1/s · ETA 9 s · 2XX 10, 4XX 2 (429 1), 5XX 0 · waiting 41 s for …`
fn style(live: &Arc<Mutex<Live>>, lang: Lang, colour: bool) -> ProgressStyle {
    let bar = if colour { "{bar:24.green/blue}" } else { "{bar:24}" };
    let template = format!("{bar} {{pos}}/{{len}} · {{rate}} · {{eta}} · {{counts}}{{pause}}");
    let t = ProgressText::get(lang);
    let counts = Arc::clone(live);
    let pause = Arc::clone(live);
    ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
        .with_key("rate", move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = w.write_str(&fill(t.per_second, &[("n", &rate_number(s.per_sec()))]));
        })
        .with_key("eta", move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let left = if s.pos() == 0 { "—".to_string() } else { human(s.eta(), lang) };
            let _ = w.write_str(&fill(t.eta, &[("left", &left)]));
        })
        .with_key("counts", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let tally = counts.lock().unwrap_or_else(PoisonError::into_inner).tally;
            let _ = w.write_str(&tally.text(", ", lang));
        })
        .with_key("pause", move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
            let live = pause.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((until, p)) = &live.pause {
                let left = until.saturating_duration_since(Instant::now());
                let _ = write!(w, " · {}", pause_text(p, left, lang));
            }
        })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use indicatif::TermLike;

    use super::*;

    #[test]
    fn the_progress_table_is_complete() {
        assert!(crate::i18n::check::<ProgressText>().is_empty());
    }

    #[test]
    fn a_pause_says_why_and_how_long_in_human_units() {
        let window = Pause::Window { endpoint: "/users/track".into() };
        assert_eq!(
            pause_text(&window, Duration::from_secs(41), Lang::En),
            "waiting 41 s for the /users/track rate-limit window"
        );
        // A countdown rounds up to the whole second, and reads in minutes past one.
        assert_eq!(
            pause_text(&window, Duration::from_millis(40_200), Lang::En),
            "waiting 41 s for the /users/track rate-limit window"
        );
        assert_eq!(
            pause_text(&window, Duration::from_secs(2686), Lang::En),
            "waiting 45 min for the /users/track rate-limit window"
        );
        assert_eq!(
            pause_text(&window, Duration::from_secs(41), Lang::Ko),
            "/users/track 속도 제한 창을 41초 기다리는 중"
        );
        let retry = Pause::Retry { attempt: 2, why: "429 Rate Limited".into() };
        assert_eq!(
            pause_text(&retry, Duration::from_millis(2500), Lang::En),
            "waiting 3 s before attempt 2: 429 Rate Limited"
        );
        assert_eq!(
            pause_text(&retry, Duration::from_millis(300), Lang::En),
            "waiting 300 ms before attempt 2: 429 Rate Limited"
        );
    }

    #[test]
    fn counts_by_class_keep_429_inside_4xx_and_name_it() {
        let t = Tally::of([Some(201), Some(201), Some(429), Some(400), Some(503), None]);
        assert_eq!(t, Tally { ok: 2, client: 2, rate_limited: 1, server: 1, network: 1, other: 0 });
        assert_eq!(t.text(", ", Lang::En), "2XX 2, 4XX 2 (429 1), 5XX 1, network 1");
        assert_eq!(Tally::of([Some(200)]).text(", ", Lang::En), "2XX 1, 4XX 0, 5XX 0");
        assert_eq!(pace_text(30, Duration::from_secs(12), Lang::En), "took 12 s, 2.5 requests per second");
        assert_eq!(pace_text(0, Duration::ZERO, Lang::En), "took 0 ms, 0.0 requests per second");
    }

    #[test]
    fn the_bar_is_for_people_at_a_terminal() {
        assert!(bar_wanted(Format::Text, true, Some("xterm-256color"), false));
        assert!(bar_wanted(Format::Text, true, None, false));
        assert!(!bar_wanted(Format::Json, true, Some("xterm"), false), "JSON: no bar");
        assert!(!bar_wanted(Format::Text, false, Some("xterm"), false), "piped: no bar");
        assert!(!bar_wanted(Format::Text, true, Some("dumb"), false), "TERM=dumb: no bar");
        assert!(!bar_wanted(Format::Text, true, Some("xterm"), true), "NO_COLOR: no bar");
        assert!(rows_wanted(true, true, true), "--verbose");
        assert!(!rows_wanted(false, true, true), "the bar stands in for the rows");
        assert!(rows_wanted(false, false, true) && rows_wanted(false, true, false));
    }

    /// A terminal in memory: what the bar wrote, line by line.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<Vec<String>>>);

    impl Screen {
        /// The last line the bar wrote (indicatif writes padding separately).
        fn last_bar(&self) -> String {
            self.0.lock().unwrap().iter().rev().find(|l| l.contains("/4")).cloned().unwrap_or_default()
        }
    }

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            200
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push(s.to_string());
            Ok(())
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push(s.to_string());
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_bar_shows_progress_counts_and_the_pause() {
        use crate::history::fixtures::{self, Answer};
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let meter = Meter::new(4, Some("/users/track"), Lang::En, Some(target), false);
        assert!(meter.shown());
        for status in [201, 429] {
            let answer = Answer::Http { status, body: "{}".into() };
            let ex = fixtures::exchange("POST", "/users/track", "{}", answer, now);
            meter.on(Event::Done { exchange: &ex });
        }
        meter.on(Event::Pausing { line: 3, wait: Duration::from_secs(600) });
        meter.draw();
        let last = screen.last_bar();
        assert!(last.contains("2/4"), "{last}");
        assert!(last.contains("2XX 1, 4XX 1 (429 1), 5XX 0"), "{last}");
        assert!(last.contains("ETA "), "{last}");
        assert!(last.contains("/s"), "{last}");
        assert!(last.contains("for the /users/track rate-limit window"), "{last}");
        assert!(last.contains("waiting 10 min for"), "{last}");
        // The next request starts: the pause is over.
        meter.on(Event::Progress(Progress::AttemptStarted { number: 1, at: now }));
        meter.draw();
        let last = screen.last_bar();
        assert!(!last.contains("waiting"), "{last}");
        meter.finish();
    }

    #[test]
    fn without_a_bar_the_meter_still_counts() {
        use crate::history::fixtures::{self, Answer};
        let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let meter = Meter::new(1, None, Lang::En, None, false);
        assert!(!meter.shown());
        let ex = fixtures::exchange("POST", "/users/track", "{}", Answer::Http { status: 503, body: "".into() }, now);
        meter.on(Event::Done { exchange: &ex });
        assert_eq!(meter.live().tally.server, 1);
        meter.finish();
    }
}
