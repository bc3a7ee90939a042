//! Any status, headers and body a server (or a proxy in front of it) might send: no panic, and the outcome is
//! consistent with the status.
#![no_main]

use brazen::classify::{Class, OutcomeKind, outcome};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 500;
    // Header lines up to the first blank line ("name: value"), the rest is the body.
    let header_count = usize::from(data[2] % 6);
    let rest = &data[3..];
    let text = String::from_utf8_lossy(rest);
    let mut headers = Vec::new();
    for line in text.lines().take(header_count) {
        if let Some((n, v)) = line.split_once(':') {
            headers.push((n.trim().to_string(), v.trim().to_string()));
        }
    }
    let now = jiff::Timestamp::from_second(1_740_830_400).expect("a fixed instant");
    let o = outcome(status, &headers, rest, now);
    assert_eq!(o.status, status);
    let class = match status / 100 {
        1 => Class::C1xx,
        2 => Class::C2xx,
        3 => Class::C3xx,
        4 => Class::C4xx,
        _ => Class::C5xx,
    };
    assert_eq!(o.class, class);
    assert_eq!(o.accepted, class == Class::C2xx, "only a 2XX is accepted");
    if class != Class::C2xx {
        assert_ne!(o.outcome, OutcomeKind::Success);
    }
});
