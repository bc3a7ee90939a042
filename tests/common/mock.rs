//! The real mock for tests that run the binary: on its own thread and runtime, and with a key of the test's own.

use std::net::SocketAddr;
use std::sync::mpsc;

use brazen::mock::{self, MockOptions};

/// Makes `key` a valid key with every permission.
pub fn allow_key(o: &mut MockOptions, key: &str) {
    o.fixtures.keys.push(mock::ApiKey {
        key: key.into(),
        name: "secret".into(),
        description: String::new(),
        permissions: vec!["*".into()],
        active: true,
    });
}

/// A mock on its own thread and runtime, serving while the test runs the binary. Stops (dropping the connections
/// it holds) when dropped.
pub struct BackgroundMock {
    pub url: String,
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundMock {
    /// Starts the mock with default options as `configure` changes them.
    pub fn start(configure: impl FnOnce(&mut MockOptions) + Send + 'static) -> BackgroundMock {
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async move {
                let mut o = MockOptions::default();
                configure(&mut o);
                let server = mock::start(o).await.unwrap();
                addr_tx.send((server.url(), server.addr())).unwrap();
                let _ = stopped.await;
                server.shutdown().await;
            });
        });
        let (url, addr) = addr_rx.recv().unwrap();
        BackgroundMock { url, addr, stop: Some(stop), thread: Some(thread) }
    }
}

impl Drop for BackgroundMock {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
