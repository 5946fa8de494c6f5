//! A loopback HTTP/1.1 server controlled at the socket level: each request it reads gets the next
//! scripted behaviour (an answer, a reset, silence), and it counts the requests it received.

#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Mutex;

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// A complete response.
    Respond {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Read the request, then reset the connection without answering.
    ResetBeforeResponse,
    /// Send the headers and the first `sent` bytes of `body` (with its full length declared), then reset.
    ResetMidBody { status: u16, body: Vec<u8>, sent: usize },
    /// Read the request and never answer.
    Silent,
    /// Send the headers and the first `sent` bytes of `body`, then stall.
    StallBody { status: u16, body: Vec<u8>, sent: usize },
}

impl Behaviour {
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Behaviour::Respond {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.to_string().into_bytes(),
        }
    }

    pub fn raw(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Behaviour::Respond {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Behaviour::Respond { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

pub struct FaultServer {
    pub url: String,
    received: Arc<AtomicUsize>,
    script: Arc<Mutex<(Vec<Behaviour>, usize)>>,
    request_lines: Arc<std::sync::Mutex<Vec<String>>>,
}

impl FaultServer {
    /// Serves `script` in order; once it runs out, the last behaviour repeats.
    pub async fn start(script: Vec<Behaviour>) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let received = Arc::new(AtomicUsize::new(0));
        let script = Arc::new(Mutex::new((script, 0usize)));
        let counter = received.clone();
        let served = script.clone();
        let request_lines = Arc::new(std::sync::Mutex::new(Vec::new()));
        let lines = request_lines.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve_connection(stream, served.clone(), counter.clone(), lines.clone()));
            }
        });
        FaultServer {
            url,
            received,
            script,
            request_lines,
        }
    }

    /// The request lines (`GET /path?query HTTP/1.1`) read so far, in order.
    pub fn request_lines(&self) -> Vec<String> {
        self.request_lines.lock().expect("request lines").clone()
    }

    /// Replaces the script, for answers that name the server's own address.
    pub async fn set_script(&self, script: Vec<Behaviour>) {
        *self.script.lock().await = (script, 0);
    }

    /// Requests read in full so far.
    pub fn received(&self) -> usize {
        self.received.load(Ordering::SeqCst)
    }
}

/// An address on which nothing listens.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

async fn serve_connection(
    mut stream: TcpStream,
    script: Arc<Mutex<(Vec<Behaviour>, usize)>>,
    received: Arc<AtomicUsize>,
    request_lines: Arc<std::sync::Mutex<Vec<String>>>,
) {
    loop {
        let Some(line) = read_request(&mut stream).await else {
            return;
        };
        request_lines.lock().expect("request lines").push(line);
        received.fetch_add(1, Ordering::SeqCst);
        let behaviour = {
            let mut guard = script.lock().await;
            let (steps, next) = &mut *guard;
            let index = (*next).min(steps.len().saturating_sub(1));
            *next += 1;
            steps.get(index).cloned().unwrap_or(Behaviour::ResetBeforeResponse)
        };
        match behaviour {
            Behaviour::Respond { status, headers, body } => {
                let mut response = head(status, body.len(), &headers);
                response.extend_from_slice(&body);
                if stream.write_all(&response).await.is_err() {
                    return;
                }
            }
            Behaviour::ResetBeforeResponse => return reset(stream),
            Behaviour::ResetMidBody { status, body, sent } => {
                send_partial(&mut stream, status, &body, sent).await;
                tokio::time::sleep(Duration::from_millis(50)).await;
                return reset(stream);
            }
            Behaviour::Silent => {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return;
            }
            Behaviour::StallBody { status, body, sent } => {
                send_partial(&mut stream, status, &body, sent).await;
                tokio::time::sleep(Duration::from_secs(3600)).await;
                return;
            }
        }
    }
}

/// Sends a JSON response's head, declaring all of `body`, and only its first `sent` bytes.
async fn send_partial(stream: &mut TcpStream, status: u16, body: &[u8], sent: usize) {
    let mut response = head(
        status,
        body.len(),
        &[("Content-Type".into(), "application/json".into())],
    );
    response.extend_from_slice(&body[..sent]);
    let _ = stream.write_all(&response).await;
    let _ = stream.flush().await;
}

fn head(status: u16, length: usize, headers: &[(String, String)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status} Status\r\nContent-Length: {length}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// Closes with RST rather than FIN, as a crashed peer or a middlebox does.
#[allow(deprecated)]
fn reset(stream: TcpStream) {
    let _ = stream.set_linger(Some(Duration::ZERO));
    drop(stream);
}

/// Reads one request (head and `Content-Length` body) and returns its request line; `None` when
/// the peer closed first.
async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
    let line = String::from_utf8_lossy(&buffer[..head_end])
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    Some(line)
}

/// The bearer token every test client uses; it must never be printed.
pub const TOKEN: &str = "test-token-c2VjcmV0LXRva2Vu";
/// The `s3_secret_access_key` the fault server hands out; it must never be printed.
pub const SECRET: &str = "fault-secret-9f8e7d6c5b4a";
/// The secret in the recorded 200 (`fixtures/generate_credentials-200.json`).
pub const RECORDED_SECRET: &str = "redacted-0pVcAEtPZweI";

/// Formats a call's whole result with `{:?}`, and its error and every error in its `source()`
/// chain with `{}` and `{:?}`, and fails if the token or a secret shows.
pub fn assert_no_secrets<T: std::fmt::Debug, E: std::error::Error>(result: &Result<T, E>) {
    assert_not_printed(result, &[]);
}

/// Everything a caller could print of a result: `{:?}` and `{:#?}` of it and, for an error,
/// `{}` and `{:?}` of it and of every error in its `source()` chain.
pub fn everything_shown<T: std::fmt::Debug, E: std::error::Error>(result: &Result<T, E>) -> String {
    let mut shown = format!("{result:?} {result:#?}");
    if let Err(error) = result {
        let mut next: Option<&dyn std::error::Error> = Some(error);
        while let Some(error) = next {
            shown.push_str(&format!("\n{error}\n{error:?}"));
            next = error.source();
        }
    }
    shown
}

/// [`assert_no_secrets`], and `also` must not be printed either.
pub fn assert_not_printed<T: std::fmt::Debug, E: std::error::Error>(result: &Result<T, E>, also: &[&str]) {
    let shown = everything_shown(result);
    for secret in [TOKEN, SECRET, RECORDED_SECRET].iter().chain(also) {
        assert!(!shown.contains(secret), "`{secret}` is printed:\n{shown}");
    }
}

/// Captures everything the client logs (every level) while it is alive, on this thread.
pub struct LogCapture {
    buffer: Arc<std::sync::Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

impl LogCapture {
    pub fn install() -> LogCapture {
        let buffer = Arc::new(std::sync::Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || SharedWriter(writer.clone()))
            .finish();
        LogCapture {
            buffer,
            _guard: tracing::subscriber::set_default(subscriber),
        }
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.buffer.lock().expect("log buffer")).into_owned()
    }
}

struct SharedWriter(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for SharedWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
