//! A raw HTTP/1.1 server that keeps every request it gets (request line, headers, body), for tests that check what
//! went on the wire: which credential, which headers, which method, whether a body.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `PUT /scim/v2/Users/abc HTTP/1.1`
    pub line: String,
    /// Names lowercased, values trimmed, in order.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Received {
    /// Every value of the header `name`.
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// The request line, headers and body as one text, to search for a secret.
    pub fn all(&self) -> String {
        let headers: String = self.headers.iter().map(|(n, v)| format!("{n}: {v}\n")).collect();
        format!("{}\n{headers}\n{}", self.line, self.body)
    }
}

/// A server answering the n-th request (from 0) with `answer(n)` (status line and headers; the body after them),
/// keeping what it received.
pub struct Recorder {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Recorder {
    pub fn start(answer: impl Fn(usize) -> (String, String) + Send + Sync + 'static) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let keep = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let Some(r) = read(&stream) else { continue };
                let n = {
                    let mut all = keep.lock().unwrap();
                    all.push(r);
                    all.len() - 1
                };
                let (head, body) = answer(n);
                let mut s = stream;
                let _ = write!(s, "{}", super::response(&head, &body));
                let _ = s.flush();
            }
        });
        Recorder { url, received }
    }

    /// Answers every request with `status` (e.g. `200 OK`) and a JSON `body`.
    pub fn always(status: &str, body: &str) -> Recorder {
        let (status, body) = (status.to_string(), body.to_string());
        Recorder::start(move |_| (format!("HTTP/1.1 {status}\r\ncontent-type: application/json"), body.clone()))
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn read(stream: &std::net::TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut headers = Vec::new();
    let mut length = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 || h == "\r\n" {
            break;
        }
        let (name, value) = h.split_once(':')?;
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim().to_string());
        if name == "content-length" {
            length = value.parse().unwrap_or(0);
        }
        headers.push((name, value));
    }
    let mut body = vec![0; length.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some(Received { line: line.trim().to_string(), headers, body: String::from_utf8_lossy(&body).into_owned() })
}
