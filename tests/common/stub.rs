//! A raw HTTP/1.1 server for answers the mock does not give (statuses outside HTTP, hostile header bytes).

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// A server answering each connection, one at a time, with the bytes `answer(n)` gives for the n-th request (from
/// 0), counting requests. Serves until [`Stub::finish`] or the end of the test.
pub struct Stub {
    pub url: String,
    thread: Option<JoinHandle<usize>>,
    stop: Arc<AtomicBool>,
}

impl Stub {
    /// Answers every request with `head` (status line and headers) and `body`.
    pub fn start(head: &str, body: &str) -> Stub {
        let answer = response(head, body);
        Stub::answering(move |_| answer.clone())
    }

    pub fn answering(answer: impl Fn(usize) -> String + Send + 'static) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut served = 0;
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut s) = stream else { continue };
                read_request(&mut s);
                let _ = s.write_all(answer(served).as_bytes());
                served += 1;
            }
            served
        });
        Stub { url, thread: Some(thread), stop }
    }

    /// How many requests were answered.
    pub fn finish(mut self) -> usize {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        self.thread.take().unwrap().join().unwrap()
    }
}

/// A whole answer: `head` (status line and headers), the length, `connection: close`, and `body`.
pub fn response(head: &str, body: &str) -> String {
    format!("{head}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len())
}

/// Reads the request head and a `content-length` body, so the answer never races an unread request.
fn read_request(s: &mut TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = s.read(&mut chunk) else { return };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        if buf.len() >= end + 4 + length {
            return;
        }
    }
}
