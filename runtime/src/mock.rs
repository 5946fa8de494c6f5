//! Typed mocks, the API-neutral half: a wiremock server on 127.0.0.1 whose expectations match an
//! operation's requests and answer in the API's own encoding (its error envelope included).
//!
//! A generated crate adds, behind its own `mock` feature, one method per operation on its
//! `MockServer`; each returns an [`Expectation`] wrapped with that operation's typed `ok` and
//! `error` answers and a `matching(…)` that takes the operation's own arguments.

use std::borrow::Cow;
use std::fmt;

use bytes::Bytes;
use serde::Serialize;

use crate::api::ApiProfile;
use crate::client::{ClientBuilder, Request};
use crate::retry::RetryPolicy;
use crate::{Client, Method};

/// The HTTP mocking library the mocks run on, re-exported so that its `Request`, `MockGuard`
/// and matchers are the same version as the mocks'.
pub use wiremock;

/// A mock of an API on 127.0.0.1, on a free port, stopped when dropped. Expectations come from
/// the generated crate's per-operation methods; [`MockServer::verify`] (or the drop) checks their
/// call counts.
pub struct MockServer {
    server: wiremock::MockServer,
    api: &'static ApiProfile,
    /// Every expectation given a call count, checked here rather than by wiremock: its report
    /// prints every request received, bearer token and bodies included, into the test's log.
    counted: std::sync::Mutex<Vec<CallCount>>,
}

/// How many calls an expectation was to get, and how many matched.
#[derive(Clone)]
struct CallCount {
    operation: &'static str,
    expected: u64,
    matched: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl CallCount {
    fn unmet(&self) -> Option<String> {
        let matched = self.matched.load(std::sync::atomic::Ordering::SeqCst);
        (matched != self.expected).then(|| {
            format!(
                "mock of `{}`: expected {} matching call(s), got {matched}",
                self.operation, self.expected
            )
        })
    }
}

/// Panics with every unmet count, naming each operation; no request is shown, since a request
/// carries the bearer token and may carry secrets in its path, query or body.
fn check_counts(counts: &[CallCount]) {
    let unmet: Vec<String> = counts.iter().filter_map(CallCount::unmet).collect();
    if !unmet.is_empty() {
        panic!(
            "{}\n(`received_requests()` lists the requests the server received)",
            unmet.join("\n")
        );
    }
}

impl Drop for MockServer {
    /// Checks every call count, as [`MockServer::verify`] does; not while a test already panics.
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let counts = self.counted.lock().map(|c| c.clone()).unwrap_or_default();
        check_counts(&counts);
    }
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer").field("uri", &self.server.uri()).finish()
    }
}

impl MockServer {
    /// Starts a mock of `api`: a request that no expectation matches gets `404` with an empty body.
    pub async fn start(api: &'static ApiProfile) -> Self {
        MockServer {
            server: wiremock::MockServer::start().await,
            api,
            counted: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The base URL to point a client at (`http://127.0.0.1:<port>`).
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// A client builder aimed at this server, with a placeholder bearer token and retries off, so
    /// that a mocked `503` comes back at once instead of after the backoff.
    pub fn client_builder<C: From<Client>>(&self) -> ClientBuilder<C> {
        ClientBuilder::new(self.api)
            .base_url(self.uri())
            .bearer_token("mock-token")
            .retry(RetryPolicy::disabled())
    }

    /// The wiremock server underneath, for what the typed expectations do not cover.
    pub fn wiremock(&self) -> &wiremock::MockServer {
        &self.server
    }

    /// Every request the server received, in order.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.server.received_requests().await.unwrap_or_default()
    }

    /// Checks that every mounted expectation given a call count ([`Answered::times`]) was met.
    ///
    /// # Panics
    /// When one was not, naming its operation, the count it expected and the count it got. The
    /// requests are not printed (they carry the bearer token): list them with
    /// [`MockServer::received_requests`].
    pub async fn verify(&self) {
        let counts = self.counted.lock().map(|c| c.clone()).unwrap_or_default();
        check_counts(&counts);
    }

    /// An expectation of calls to one operation; generated code wraps it in a typed one.
    #[doc(hidden)]
    pub fn expect(&self, operation: &'static str, method: Method, path_template: &'static str) -> Expectation<'_> {
        Expectation {
            server: self,
            operation,
            method,
            path_template,
            request: None,
        }
    }
}

/// Calls to one operation, before its answer is given. Matches every call to the operation
/// (its method, and its path template with any value in each `{parameter}`) until narrowed by
/// the typed wrapper's `matching(…)`.
pub struct Expectation<'a> {
    server: &'a MockServer,
    operation: &'static str,
    method: Method,
    path_template: &'static str,
    /// What `matching(…)` built: the request the client would send, or why it cannot be sent.
    request: Option<Result<Request, String>>,
}

impl fmt::Debug for Expectation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expectation")
            .field("operation", &self.operation)
            .field("matching", &self.request.is_some())
            .finish()
    }
}

impl<'a> Expectation<'a> {
    /// Narrows the expectation to calls equal to `request`: generated code passes what the
    /// client's own request builder made of the arguments given to `matching(…)`.
    #[doc(hidden)]
    pub fn matching_request<E: fmt::Display>(mut self, request: Result<Request, E>) -> Self {
        self.request = Some(request.map_err(|e| e.to_string()));
        self
    }

    /// Answers with `answer`; generated code builds it from a typed value.
    #[doc(hidden)]
    pub fn answer(self, answer: Result<Answer, String>) -> Answered<'a> {
        Answered {
            expectation: self,
            answer,
            times: None,
            up_to: None,
        }
    }

    /// Answers with a typed error: its status, and its body wrapped in the API's error envelope
    /// as the live API sends it.
    pub fn error<E: MockError>(self, error: &E) -> Answered<'a> {
        let envelope = self.server.api.error_envelope();
        let answer = error.answer(envelope);
        self.answer(answer)
    }

    /// Answers with any status and JSON body, sent as it is (no envelope added): for answers the
    /// document does not describe, such as a gateway's `502`.
    pub fn respond_with(self, status: u16, body: serde_json::Value) -> Answered<'a> {
        let answer = Answer::json(status, &body);
        self.answer(answer)
    }
}

/// An expectation with its answer, ready to mount on its server.
pub struct Answered<'a> {
    expectation: Expectation<'a>,
    answer: Result<Answer, String>,
    times: Option<u64>,
    up_to: Option<u64>,
}

impl fmt::Debug for Answered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answered")
            .field("expectation", &self.expectation)
            .field("times", &self.times)
            .field("up_to", &self.up_to)
            .finish()
    }
}

impl Answered<'_> {
    /// Expects exactly `n` matching calls: checked by [`MockServer::verify`], when the server is
    /// dropped, or when the guard of [`Answered::mount_as_scoped`] is dropped.
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Answers only the first `n` matching calls; later ones go on to the expectations mounted
    /// after it (a `422` while provisioning, then the `200`).
    pub fn up_to(mut self, n: u64) -> Self {
        self.up_to = Some(n);
        self
    }

    /// Mounts the expectation for the rest of the server's life. Expectations mounted earlier are
    /// tried first.
    ///
    /// # Panics
    /// When the arguments given to `matching(…)` cannot be sent (the client would refuse them
    /// too), or the answer cannot be encoded as JSON: both are mistakes in the test itself.
    pub async fn mount(self) {
        let server = self.expectation.server;
        let (mock, count) = self.into_mock();
        if let Some(count) = count
            && let Ok(mut counted) = server.counted.lock()
        {
            counted.push(count);
        }
        server.server.register(mock).await;
    }

    /// Mounts the expectation until the returned guard is dropped, which checks its call count;
    /// the guard's `received_requests()` lists the calls it matched.
    ///
    /// # Panics
    /// As [`Answered::mount`].
    pub async fn mount_as_scoped(self) -> ScopedExpectation {
        let server = self.expectation.server;
        let (mock, count) = self.into_mock();
        ScopedExpectation {
            guard: server.server.register_as_scoped(mock).await,
            count,
        }
    }

    fn into_mock(self) -> (wiremock::Mock, Option<CallCount>) {
        let Expectation {
            server,
            operation,
            method,
            path_template,
            request,
        } = self.expectation;
        let expected = match request {
            None => None,
            Some(Ok(request)) => Some(ExpectedRequest::new(request, &server.uri())),
            Some(Err(message)) => {
                panic!("mock of `{operation}`: the arguments given to `matching` cannot be sent: {message}")
            }
        };
        let answer = match self.answer {
            Ok(answer) => answer,
            Err(message) => panic!("mock of `{operation}`: the answer cannot be encoded: {message}"),
        };
        let matcher = OperationMatcher {
            method,
            path_template,
            expected,
        };
        let mut template = wiremock::ResponseTemplate::new(answer.status);
        if let Some(content_type) = &answer.content_type {
            template = template.set_body_raw(answer.body.to_vec(), content_type);
        }
        let count = self.times.map(|expected| CallCount {
            operation,
            expected,
            matched: std::sync::Arc::default(),
        });
        let responder = Counting {
            template,
            matched: count.as_ref().map(|c| c.matched.clone()),
        };
        let mut mock = wiremock::Mock::given(matcher).respond_with(responder).named(operation);
        if let Some(n) = self.up_to {
            mock = mock.up_to_n_times(n);
        }
        (mock, count)
    }
}

/// Answers with the template, counting the calls it answers.
struct Counting {
    template: wiremock::ResponseTemplate,
    matched: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

impl wiremock::Respond for Counting {
    fn respond(&self, _: &wiremock::Request) -> wiremock::ResponseTemplate {
        if let Some(matched) = &self.matched {
            matched.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        self.template.clone()
    }
}

/// An expectation mounted until this guard is dropped, which checks its call count (naming its
/// operation, showing no request).
pub struct ScopedExpectation {
    guard: wiremock::MockGuard,
    count: Option<CallCount>,
}

impl fmt::Debug for ScopedExpectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopedExpectation")
            .field("operation", &self.count.as_ref().map(|c| c.operation))
            .finish()
    }
}

impl ScopedExpectation {
    /// The calls this expectation matched, in order.
    pub async fn received_requests(&self) -> Vec<wiremock::Request> {
        self.guard.received_requests().await
    }
}

impl Drop for ScopedExpectation {
    fn drop(&mut self) {
        if !std::thread::panicking()
            && let Some(count) = &self.count
        {
            check_counts(std::slice::from_ref(count));
        }
    }
}

/// A response a mock sends: status, content type, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type`; `None` for no body.
    pub content_type: Option<Cow<'static, str>>,
    /// The body.
    pub body: Bytes,
}

impl Answer {
    /// `value` as JSON.
    pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Result<Self, String> {
        // Generic over the body's type only as far as encoding it: every answer type of every
        // operation compiles a copy of this.
        Self::encoded(status, serde_json::to_vec(value))
    }

    fn encoded(status: u16, encoded: Result<Vec<u8>, serde_json::Error>) -> Result<Self, String> {
        let body = encoded.map_err(|e| e.to_string())?;
        Ok(Answer {
            status,
            content_type: Some(Cow::Borrowed("application/json")),
            body: body.into(),
        })
    }

    /// An error body as JSON, wrapped as `{"<envelope>": value}` when the API has an envelope.
    pub fn json_error<T: Serialize + ?Sized>(status: u16, value: &T, envelope: Option<&str>) -> Result<Self, String> {
        match envelope {
            Some(key) => Self::enveloped(status, key, serde_json::to_value(value)),
            None => Self::json(status, value),
        }
    }

    fn enveloped(status: u16, key: &str, value: Result<serde_json::Value, serde_json::Error>) -> Result<Self, String> {
        let mut wrapped = serde_json::Map::new();
        wrapped.insert(key.to_owned(), value.map_err(|e| e.to_string())?);
        Self::json(status, &wrapped)
    }

    /// A `text/plain` body.
    pub fn text(status: u16, text: &str) -> Result<Self, String> {
        Ok(Answer {
            status,
            content_type: Some(Cow::Borrowed("text/plain; charset=utf-8")),
            body: Bytes::copy_from_slice(text.as_bytes()),
        })
    }

    /// An `application/octet-stream` body.
    pub fn bytes(status: u16, bytes: &[u8]) -> Result<Self, String> {
        Ok(Answer {
            status,
            content_type: Some(Cow::Borrowed("application/octet-stream")),
            body: Bytes::copy_from_slice(bytes),
        })
    }

    /// No body.
    pub fn empty(status: u16) -> Result<Self, String> {
        Ok(Answer {
            status,
            content_type: None,
            body: Bytes::new(),
        })
    }
}

/// An operation's error enum as a mock answer: the status of its variant, and its body as the
/// API sends it. Implemented by every generated error enum when the crate's mocks are on.
pub trait MockError {
    /// The answer, the body wrapped in `envelope` when it is an error object.
    fn answer(&self, envelope: Option<&str>) -> Result<Answer, String>;
}

/// Implements [`MockError`] for a generated operation's error enum, one arm per variant: its
/// pattern (binding the names the arm uses) and how the body goes out, `json(status, body)` (in
/// the envelope), `text(status, body)`, `bytes(status, body)`, `empty(status)`, or
/// `undocumented(error)` for an [`UndocumentedError`](crate::UndocumentedError). `Name {}` is an
/// enum without variants. One macro line per variant instead of four written out.
#[doc(hidden)]
#[macro_export]
macro_rules! mock_error {
    ($name:ident {}) => {
        impl $crate::mock::MockError for $name {
            fn answer(
                &self,
                _: ::std::option::Option<&str>,
            ) -> ::std::result::Result<$crate::mock::Answer, ::std::string::String> {
                match *self {}
            }
        }
    };
    ($name:ident { $($pattern:pat => $how:ident($($argument:expr),*)),+ $(,)? }) => {
        impl $crate::mock::MockError for $name {
            fn answer(
                &self,
                envelope: ::std::option::Option<&str>,
            ) -> ::std::result::Result<$crate::mock::Answer, ::std::string::String> {
                // Bodies that are not error objects (text, bytes, none) take no envelope.
                let _ = envelope;
                match self {
                    $($pattern => $crate::mock_error!(@answer envelope $how($($argument),*)),)+
                }
            }
        }
    };
    (@answer $envelope:ident json($status:expr, $body:expr)) => {
        $crate::mock::Answer::json_error($status, $body, $envelope)
    };
    (@answer $envelope:ident text($status:expr, $body:expr)) => {
        $crate::mock::Answer::text($status, $body)
    };
    (@answer $envelope:ident bytes($status:expr, $body:expr)) => {
        $crate::mock::Answer::bytes($status, $body)
    };
    (@answer $envelope:ident empty($status:expr)) => {
        $crate::mock::Answer::empty($status)
    };
    (@answer $envelope:ident undocumented($error:expr)) => {
        $crate::mock::Answer::json_error($error.status.as_u16(), &$error.body, $envelope)
    };
}

/// Matches the calls to one operation: its method and path template, and, when `matching(…)`
/// was given, exactly the request the client would send.
struct OperationMatcher {
    method: Method,
    path_template: &'static str,
    expected: Option<ExpectedRequest>,
}

impl wiremock::Match for OperationMatcher {
    fn matches(&self, request: &wiremock::Request) -> bool {
        if request.method.as_str() != self.method.as_str() {
            return false;
        }
        match &self.expected {
            Some(expected) => expected.matches(request),
            None => path_matches_template(self.path_template, request.url.path()),
        }
    }
}

/// A request as it arrives: path, query pairs (in any order), the headers the operation sets,
/// and the body (JSON compared as values, a multipart body with its boundary set aside).
struct ExpectedRequest {
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(String, Vec<u8>)>,
    body: Option<Bytes>,
    content_type: Option<String>,
}

impl ExpectedRequest {
    fn new(request: Request, base: &str) -> Self {
        // Through the client's own URL joining, so that the path is encoded as it goes out.
        let url = crate::client::join_url(base, &request.path, &request.query);
        let (path, query) = match url {
            Some(url) => (url.path().to_owned(), sorted_pairs(&url)),
            None => (request.path.clone(), Vec::new()),
        };
        ExpectedRequest {
            path,
            query,
            headers: request
                .headers
                .iter()
                .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
                .collect(),
            body: request.body,
            content_type: request.content_type.map(Cow::into_owned),
        }
    }

    fn matches(&self, request: &wiremock::Request) -> bool {
        request.url.path() == self.path
            && sorted_pairs(&request.url) == self.query
            && self.headers.iter().all(|(name, value)| {
                request
                    .headers
                    .get_all(name.as_str())
                    .iter()
                    .any(|sent| sent.as_bytes() == value.as_slice())
            })
            && self.body_matches(request)
    }

    fn body_matches(&self, request: &wiremock::Request) -> bool {
        let Some(expected) = &self.body else {
            return request.body.is_empty();
        };
        let content_type = self.content_type.as_deref().unwrap_or_default();
        if content_type.contains("json") {
            let parse = |bytes: &[u8]| serde_json::from_slice::<serde_json::Value>(bytes).ok();
            return match (parse(expected), parse(&request.body)) {
                (Some(expected), Some(sent)) => expected == sent,
                _ => false,
            };
        }
        if let (Some(expected_boundary), Some(sent_boundary)) = (
            boundary(content_type),
            request
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .and_then(boundary),
        ) {
            return replace_all(expected, expected_boundary.as_bytes(), sent_boundary.as_bytes()) == request.body;
        }
        expected.as_ref() == request.body.as_slice()
    }
}

fn sorted_pairs(url: &crate::Url) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    pairs
}

fn boundary(content_type: &str) -> Option<&str> {
    content_type
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"'))
        .next()
}

fn replace_all(haystack: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(haystack.len());
    let mut rest = haystack;
    while !from.is_empty() {
        let Some(at) = rest.windows(from.len()).position(|w| w == from) else {
            break;
        };
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    out
}

/// Whether `path` fits `template` (`/pets/{petId}`): its literal text in order, each
/// `{parameter}` taking any non-empty text without a `/`, and each `{+parameter}` (a reserved
/// expansion, `/v1/{+name}`) any non-empty text, `/`s included. An unbalanced `{` is literal.
fn path_matches_template(template: &str, path: &str) -> bool {
    let parts = template_parts(template);
    // `reachable[i]`: the parts so far can match exactly `path[..i]`. Quadratic in the path's
    // length at worst, however the template is written (no backtracking).
    let bytes = path.as_bytes();
    let mut reachable = vec![false; bytes.len() + 1];
    reachable[0] = true;
    for part in parts {
        let mut next = vec![false; bytes.len() + 1];
        for start in (0..=bytes.len()).filter(|&i| reachable[i]) {
            match part {
                TemplatePart::Literal(literal) => {
                    if path.get(start..).is_some_and(|rest| rest.starts_with(literal)) {
                        next[start + literal.len()] = true;
                    }
                }
                TemplatePart::Parameter { reserved } => {
                    for end in start + 1..=bytes.len() {
                        if !reserved && bytes[end - 1] == b'/' {
                            break;
                        }
                        next[end] = true;
                    }
                }
            }
        }
        reachable = next;
    }
    reachable[bytes.len()]
}

enum TemplatePart<'a> {
    Literal(&'a str),
    Parameter { reserved: bool },
}

/// A template's literal text and `{parameters}`, in order.
fn template_parts(template: &str) -> Vec<TemplatePart<'_>> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            parts.push(TemplatePart::Literal(&rest[..open]));
        }
        parts.push(TemplatePart::Parameter {
            reserved: rest[open + 1..].starts_with('+'),
        });
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        parts.push(TemplatePart::Literal(rest));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_one_segment_per_parameter() {
        assert!(path_matches_template("/pets/{petId}", "/pets/7"));
        assert!(!path_matches_template("/pets/{petId}", "/pets/"));
        assert!(!path_matches_template("/pets/{petId}", "/pets/7/toys"));
        assert!(!path_matches_template("/pets/{petId}", "/cats/7"));
        assert!(path_matches_template("/files/{name}.json", "/files/a.json"));
        assert!(!path_matches_template("/files/{name}.json", "/files/.json"));
        assert!(!path_matches_template("/files/{name}.json", "/files/a.yaml"));
        assert!(path_matches_template("/r/{a}-{b}", "/r/x-y"));
        assert!(!path_matches_template("/r/{a}-{b}", "/r/x-"));
        assert!(path_matches_template("/plain", "/plain"));
        assert!(!path_matches_template("/plain", "/plainer"));
        assert!(!path_matches_template("/broken/{a", "/broken/x"));
        assert!(path_matches_template("/r/{a}-{b}", "/r/é-ü"));
        assert!(path_matches_template("/v1/{+name}", "/v1/projects/p/buckets/b"));
        assert!(path_matches_template("/v1/{+name}:cancel", "/v1/operations/o1:cancel"));
        assert!(!path_matches_template("/v1/{+name}:cancel", "/v1/operations/o1"));
        assert!(!path_matches_template("/v1/{+name}", "/v1/"));
        assert!(!path_matches_template("/v1/{name}", "/v1/a/b"));
    }

    #[test]
    fn error_answers_are_wrapped_in_the_envelope() {
        let body = serde_json::json!({"code": "scope_not_granted"});
        let wrapped = Answer::json_error(403, &body, Some("error")).unwrap();
        assert_eq!(wrapped.status, 403);
        let sent: serde_json::Value = serde_json::from_slice(&wrapped.body).unwrap();
        assert_eq!(sent, serde_json::json!({"error": {"code": "scope_not_granted"}}));
        let bare = Answer::json_error(403, &body, None).unwrap();
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&bare.body).unwrap(), body);
    }

    #[allow(dead_code)]
    enum SomeError {
        Forbidden(serde_json::Value),
        Teapot(String),
        Blob(Vec<u8>),
        Gone,
        Server { status: crate::StatusCode, body: String },
        Unavailable { status: crate::StatusCode },
        Undocumented(crate::UndocumentedError),
    }
    crate::mock_error!(SomeError {
        Self::Forbidden(body) => json(403, body),
        Self::Teapot(body) => text(418, body),
        Self::Blob(body) => bytes(200, body),
        Self::Gone => empty(410),
        Self::Server { status, body } => text(status.as_u16(), body),
        Self::Unavailable { status } => empty(status.as_u16()),
        Self::Undocumented(error) => undocumented(error),
    });
    enum NoError {}
    crate::mock_error!(NoError {});

    #[test]
    fn error_enums_answer_with_each_variant_s_status_and_body() {
        let answer = |error: SomeError| error.answer(Some("error")).expect("answers");
        let forbidden = answer(SomeError::Forbidden(serde_json::json!({"code": "x"})));
        assert_eq!(
            (forbidden.status, forbidden.body.as_ref()),
            (403, br#"{"error":{"code":"x"}}"#.as_slice())
        );
        let teapot = answer(SomeError::Teapot("short".into()));
        assert_eq!((teapot.status, teapot.body.as_ref()), (418, b"short".as_slice()));
        assert_eq!(teapot.content_type.as_deref(), Some("text/plain; charset=utf-8"));
        let blob = answer(SomeError::Blob(vec![0, 255]));
        assert_eq!((blob.status, blob.body.as_ref()), (200, [0u8, 255].as_slice()));
        let gone = answer(SomeError::Gone);
        assert_eq!((gone.status, gone.content_type, gone.body.len()), (410, None, 0));
        let status = crate::StatusCode::from_u16(502).expect("status");
        let server = answer(SomeError::Server {
            status,
            body: "down".into(),
        });
        assert_eq!((server.status, server.body.as_ref()), (502, b"down".as_slice()));
        assert_eq!(answer(SomeError::Unavailable { status }).status, 502);
        let mut fields = serde_json::Map::new();
        fields.insert("code".into(), "new".into());
        let undocumented = answer(SomeError::Undocumented(crate::UndocumentedError {
            status,
            code: Some("new".into()),
            description: None,
            body: crate::UnknownVariant {
                tag: Some("new".into()),
                fields,
            },
        }));
        assert_eq!(
            (undocumented.status, undocumented.body.as_ref()),
            (502, br#"{"error":{"code":"new"}}"#.as_slice())
        );
        let _: fn(&NoError) -> Result<Answer, String> = |never| never.answer(None);
    }

    fn arriving(url: &str, headers: &[(&'static str, &str)], body: &[u8]) -> wiremock::Request {
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in headers {
            map.insert(
                reqwest::header::HeaderName::from_static(name),
                reqwest::header::HeaderValue::from_str(value).unwrap(),
            );
        }
        wiremock::Request {
            url: url.parse().unwrap(),
            method: Method::POST,
            headers: map,
            body: body.to_vec(),
        }
    }

    fn expected() -> ExpectedRequest {
        let mut request = Request::new("post:things", Method::POST, false, "/things/a%20b".to_owned());
        request.query("page", 2);
        request.query("tag", "x");
        request.header::<()>("x-trace", "t1").unwrap();
        let request = request.json_body::<_, ()>("application/json", &serde_json::json!({"a": 1, "b": [true]}));
        ExpectedRequest::new(request.unwrap(), "http://127.0.0.1:9")
    }

    #[test]
    fn a_request_matches_the_one_the_client_would_send_and_no_other() {
        let expected = expected();
        let url = "http://127.0.0.1:9/things/a%20b?tag=x&page=2";
        let body = br#"{ "b": [true], "a": 1 }"#;
        assert!(
            expected.matches(&arriving(url, &[("x-trace", "t1")], body)),
            "query in any order, JSON by value"
        );
        assert!(
            !expected.matches(&arriving(url, &[("x-trace", "t2")], body)),
            "another header value"
        );
        assert!(!expected.matches(&arriving(url, &[], body)), "a header left out");
        let other_body = br#"{"a": 2, "b": [true]}"#;
        assert!(
            !expected.matches(&arriving(url, &[("x-trace", "t1")], other_body)),
            "another body"
        );
        let extra_query = "http://127.0.0.1:9/things/a%20b?tag=x&page=2&page=3";
        assert!(
            !expected.matches(&arriving(extra_query, &[("x-trace", "t1")], body)),
            "an extra parameter"
        );
        let other_path = "http://127.0.0.1:9/things/a?tag=x&page=2";
        assert!(
            !expected.matches(&arriving(other_path, &[("x-trace", "t1")], body)),
            "another path"
        );
        assert!(
            !expected.matches(&arriving(url, &[("x-trace", "t1")], b"not json")),
            "a body that is not JSON"
        );
    }

    #[test]
    fn a_multipart_body_matches_whatever_its_boundary() {
        let mut form = crate::multipart::Multipart::new();
        form.text::<_, ()>("name", &"cat").unwrap();
        let request = Request::new("post:upload", Method::POST, false, "/upload".to_owned()).multipart_body(form);
        let (Some(content_type), Some(body)) = (request.content_type.clone(), request.body.clone()) else {
            panic!("a multipart body");
        };
        let sent_boundary = boundary(&content_type).unwrap().to_owned();
        let expected = ExpectedRequest::new(request, "http://127.0.0.1:9");
        let rebounded = replace_all(&body, sent_boundary.as_bytes(), b"OTHERBOUNDARY");
        let url = "http://127.0.0.1:9/upload";
        let header = [("content-type", "multipart/form-data; boundary=OTHERBOUNDARY")];
        assert!(expected.matches(&arriving(url, &header, &rebounded)));
        let changed = replace_all(&rebounded, b"cat", b"dog");
        assert!(!expected.matches(&arriving(url, &header, &changed)));
    }

    #[test]
    fn boundaries_are_set_aside() {
        assert_eq!(boundary("multipart/form-data; boundary=abc"), Some("abc"));
        assert_eq!(boundary("multipart/form-data; boundary=\"abc\""), Some("abc"));
        assert_eq!(boundary("application/json"), None);
        assert_eq!(replace_all(b"--a x --a", b"a", b"bb"), b"--bb x --bb".to_vec());
        assert_eq!(replace_all(b"none", b"zz", b"y"), b"none".to_vec());
    }
}
