//! The HTTP client the generated operation methods are built on.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::api::ApiProfile;
use crate::error::{
    ApiError, BodyTooLarge, DecodeError, Error, InvalidArgument, OperationError, OutcomeUnknown, TransportError,
    UnexpectedResponse,
};
use crate::json;
use crate::params::QueryStyle;
use crate::response::{Response, ResponseMeta};
use crate::retry::{self, RetryPolicy, Verdict};
use crate::wait::{self, WaitPolicy};

/// The HTTP side of a generated client: base URL, token, retries, limits. Cheap to clone: clones
/// share one connection pool. Generated crates wrap it in a `Client` of their own, whose methods
/// are the API's operations.
#[derive(Clone)]
pub struct Client {
    api: &'static ApiProfile,
    http: reqwest::Client,
    base_url: Url,
    /// The base URL is the API's default: operations with a server of their own use it.
    on_default_base_url: bool,
    /// `Bearer …`, marked sensitive so that neither this crate nor reqwest ever prints it.
    authorization: Option<HeaderValue>,
    max_response_bytes: usize,
    retry: RetryPolicy,
    wait: WaitPolicy,
    /// Query parameters every request carries (an API key): secrets, never shown.
    default_query: Vec<(String, SecretString)>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url.as_str())
            .field(
                "authorization",
                &self.authorization.as_ref().map(|_| "Bearer [REDACTED]"),
            )
            .field("retry", &self.retry)
            .field("wait", &self.wait)
            .field(
                "default_query",
                &self
                    .default_query
                    .iter()
                    .map(|(name, _)| (name, "[REDACTED]"))
                    .collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No base URL: the document names no server; give one with `base_url`.
    #[error("no base URL: the API document lists no absolute server URL, so set one with ClientBuilder::base_url")]
    MissingBaseUrl,
    /// A default header the client cannot send.
    #[error(
        "default header `{name}` is not a valid header name and value (line breaks and control characters cannot be sent)"
    )]
    InvalidHeader {
        /// The header's name.
        name: String,
    },
    /// A default header that would change how a request is framed, routed or interpreted
    /// (`Host`, `Content-Length`, `Transfer-Encoding`, …): the client sets those per request.
    #[error("default header `{name}` cannot be set: {reason}")]
    ForbiddenHeader {
        /// The header's name.
        name: String,
        /// Why the client keeps it to itself.
        reason: &'static str,
    },
    /// A default query parameter without a name, or more of them than a request should carry.
    #[error("default query parameter `{name}` cannot be set: {reason}")]
    InvalidQuery {
        /// The parameter's name.
        name: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// `url` has any user name or password replaced by `***`.
    #[error("base URL `{url}` is not a valid absolute http(s) URL: {reason}")]
    InvalidBaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The token cannot be sent in a header (a line break, a control character).
    #[error("the bearer token contains characters an HTTP header cannot carry")]
    InvalidToken,
    /// The token is empty.
    #[error("the bearer token is empty or blank: pass the API token, or build the client without one")]
    EmptyToken,
    /// The HTTP client could not be set up (TLS, the system's resolver).
    #[error("could not set up the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

/// Configures a client; `C` is the generated crate's client type, made from a [`Client`].
pub struct ClientBuilder<C = Client> {
    api: &'static ApiProfile,
    client: PhantomData<fn() -> C>,
    base_url: Option<String>,
    token: Option<SecretString>,
    connect_timeout: Duration,
    timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    wait: WaitPolicy,
    /// Sent with every request (an API key header); values kept secret.
    headers: Vec<(String, SecretString)>,
    /// Query parameters sent with every request (an API key); values kept secret.
    query: Vec<(String, SecretString)>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url.as_deref().map(redact_user_info))
            .field("token", &self.token.as_ref().map(|_| "[REDACTED]"))
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry", &self.retry)
            .field("wait", &self.wait)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(name, _)| (name, "[REDACTED]"))
                    .collect::<Vec<_>>(),
            )
            .field(
                "query",
                &self
                    .query
                    .iter()
                    .map(|(name, _)| (name, "[REDACTED]"))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder with the defaults: the API's default base URL, connect timeout 10 s, request
    /// timeout 60 s, 16 MiB bodies, [`RetryPolicy::default`], [`WaitPolicy::default`].
    pub fn new(api: &'static ApiProfile) -> Self {
        ClientBuilder {
            api,
            client: PhantomData,
            base_url: api.default_base_url.map(str::to_owned),
            token: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_response_bytes: 16 * 1024 * 1024,
            retry: RetryPolicy::default(),
            wait: WaitPolicy::default(),
            headers: Vec::new(),
            query: Vec::new(),
        }
    }

    /// A header sent with every request, for APIs that authenticate with a key in a header
    /// (`X-API-Key`) rather than a bearer token. The value is treated as a secret.
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<SecretString>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A query parameter sent with every request, for APIs that take a key in the query
    /// (`?api_key=…`). The value is treated as a secret: spans, errors and logs never show a
    /// request's query. A typed mock matches a request's query exactly, so one set here is
    /// expected there too (`respond_with` and `matching` see it as any other parameter).
    pub fn default_query(mut self, name: impl Into<String>, value: impl Into<SecretString>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// The API's base URL; defaults to the first server the document lists.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The token sent as `Authorization: Bearer <token>`.
    pub fn bearer_token(mut self, token: impl Into<SecretString>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// How long to wait for a connection; default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one request may take from start to the end of its body; default 60 s.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body the client reads into memory; default 16 MiB.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// When to send a failed request again; [`RetryPolicy::disabled`] never does.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// How the `…_when_ready` methods pace their calls.
    pub fn wait_policy(mut self, policy: WaitPolicy) -> Self {
        self.wait = policy;
        self
    }

    /// The client, or what in the settings is wrong; nothing is sent.
    pub fn build(self) -> Result<C, BuildError> {
        let url = self.base_url.ok_or(BuildError::MissingBaseUrl)?;
        let base_url = parse_base_url(&url)?;
        let authorization = match &self.token {
            Some(token) if token.expose_secret().trim().is_empty() => return Err(BuildError::EmptyToken),
            Some(token) => {
                let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
                    .map_err(|_| BuildError::InvalidToken)?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let mut default_headers = HeaderMap::new();
        // `name: value\r\n`
        if self.headers.len() > MAX_DEFAULT_HEADERS || total_bytes(&self.headers, 4) > MAX_DEFAULT_HEADER_BYTES {
            return Err(BuildError::ForbiddenHeader {
                name: format!("({} default headers)", self.headers.len()),
                reason: "together they pass 32 headers or 4096 bytes, which every request would carry",
            });
        }
        for (name, value) in &self.headers {
            let invalid = || BuildError::InvalidHeader { name: name.clone() };
            let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            if header == AUTHORIZATION && self.token.is_some() {
                return Err(BuildError::ForbiddenHeader {
                    name: header.as_str().to_owned(),
                    reason: "a bearer token is set too, and a request carries one `Authorization`",
                });
            }
            if let Some(reason) = forbidden_default_header(&header, value.expose_secret().len()) {
                return Err(BuildError::ForbiddenHeader {
                    name: header.as_str().to_owned(),
                    reason,
                });
            }
            let mut value = HeaderValue::from_str(value.expose_secret()).map_err(|_| invalid())?;
            value.set_sensitive(true);
            default_headers.append(header, value);
        }
        // `&name=value`
        if self.query.len() > MAX_DEFAULT_HEADERS || total_bytes(&self.query, 2) > MAX_DEFAULT_HEADER_BYTES {
            return Err(BuildError::InvalidQuery {
                name: format!("({} default query parameters)", self.query.len()),
                reason: "together they pass 32 parameters or 4096 bytes, which every request would carry",
            });
        }
        if let Some((name, _)) = self.query.iter().find(|(name, _)| name.is_empty()) {
            return Err(BuildError::InvalidQuery {
                name: name.clone(),
                reason: "a query parameter needs a name",
            });
        }
        install_ring_provider();
        let http = reqwest::Client::builder()
            .user_agent(self.api.user_agent)
            .default_headers(default_headers)
            // See `connect_timeout_within`: a connection still opening when the request's time
            // runs out must fail as a connect error, which proves nothing was sent.
            .connect_timeout(connect_timeout_within(self.connect_timeout, self.timeout))
            .timeout(self.timeout)
            // The API does not redirect. Following one would resend a POST (307/308), turn it into
            // a GET whose answer passes for the POST's (301/302/303), or make a failure at the
            // target look like "nothing was sent"; and it would carry the token to wherever the
            // server points. Every 3xx is returned as it came, its `Location` kept.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(BuildError::Http)?;
        let on_default_base_url = (self.api.default_base_url)
            .and_then(|default| parse_base_url(default).ok())
            .is_some_and(|default| default == base_url);
        Ok(C::from(Client {
            api: self.api,
            http,
            base_url,
            on_default_base_url,
            authorization,
            max_response_bytes: self.max_response_bytes,
            retry: self.retry,
            wait: self.wait,
            default_query: self.query,
        }))
    }
}

/// The bytes name-value pairs take on the wire, with `separators` bytes around each pair.
fn total_bytes(pairs: &[(String, SecretString)], separators: usize) -> usize {
    pairs
        .iter()
        .map(|(name, value)| {
            name.len()
                .saturating_add(value.expose_secret().len())
                .saturating_add(separators)
        })
        .fold(0, usize::saturating_add)
}

/// The longest value a default header may have, and the most all of them may take together
/// (names, values and separators). Servers commonly refuse a request whose header section passes
/// 8 KiB; larger default headers would fail every request, or stall it.
pub const MAX_DEFAULT_HEADER_BYTES: usize = 4096;

/// The most default headers a client may have.
pub const MAX_DEFAULT_HEADERS: usize = 32;

/// Why `name` cannot be a default header, if it cannot. Headers that frame the message
/// (its length, encoding, connection), route it (its host, a proxy's forwarding headers) or
/// change its method are set per request by the client and the HTTP stack; a default one would
/// cut a JSON body short, hang a request, send the bearer token to another virtual host, or turn
/// a GET that is retried into a DELETE.
fn forbidden_default_header(name: &HeaderName, value_len: usize) -> Option<&'static str> {
    const FRAMING: &[&str] = &[
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "proxy-connection",
        "upgrade",
        "te",
        "trailer",
        "expect",
        "content-type",
        "content-encoding",
    ];
    const ROUTING: &[&str] = &[
        "host",
        "forwarded",
        "x-forwarded",
        "forwarded-for",
        "x-host",
        "x-http-host-override",
        "x-rewrite-url",
        "x-real-ip",
        "x-client-ip",
        "client-ip",
        "true-client-ip",
        "x-cluster-client-ip",
        "x-proxyuser-ip",
        "x-envoy-original-path",
        "via",
    ];
    // Every `X-Forwarded-…` (host, port, scheme, server, prefix, ssl, …) and `X-Original-…`
    // (url, uri, host, method) header is one a proxy sets for the server behind it.
    const ROUTING_PREFIXES: &[&str] = &["x-forwarded-", "x-original-"];
    const METHOD: &[&str] = &["x-http-method-override", "x-http-method", "x-method-override"];
    // CGI, WSGI and Rack servers read `X_Forwarded_Host` as `X-Forwarded-Host`.
    let name = name.as_str().replace('_', "-");
    let name = name.as_str();
    let routing = ROUTING.contains(&name) || ROUTING_PREFIXES.iter().any(|prefix| name.starts_with(prefix));
    if FRAMING.contains(&name) {
        Some("it frames the request, which the client does per request")
    } else if routing {
        Some("it routes the request, and would send it (and the bearer token) somewhere other than the base URL")
    } else if METHOD.contains(&name) {
        Some("it changes the request's method, which decides what may be sent again")
    } else if value_len > MAX_DEFAULT_HEADER_BYTES {
        Some("its value is longer than 4096 bytes, which servers refuse or stall on")
    } else {
        None
    }
}

/// The connect timeout actually used: strictly shorter than the whole request's, so that when
/// both would fire while a connection is still opening, the connect timeout does and the error
/// says "could not connect" (nothing sent, safe to retry) rather than "timed out" (outcome unknown).
fn connect_timeout_within(connect: Duration, whole: Duration) -> Duration {
    connect.min(whole.saturating_sub(whole / 10))
}

/// `https://user:pass@host/` → `https://***@host/`, for messages. Works on text that does not
/// parse as a URL too.
fn redact_user_info(url: &str) -> String {
    let authority_start = url.find("://").map_or(0, |at| at + 3);
    let authority_end = url[authority_start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| authority_start + at);
    match url[authority_start..authority_end].rfind('@') {
        Some(at) => format!("{}***{}", &url[..authority_start], &url[authority_start + at..]),
        None => url.to_owned(),
    }
}

fn parse_base_url(url: &str) -> Result<Url, BuildError> {
    let invalid = |reason: &str| BuildError::InvalidBaseUrl {
        url: redact_user_info(url),
        reason: reason.to_owned(),
    };
    let mut parsed = Url::parse(url).map_err(|e| invalid(&e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.cannot_be_a_base() {
        return Err(invalid("it must start with http:// or https://"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid(
            "it holds a user name or password, which would be printed in logs and sent beside the \
             bearer token; remove it and pass the token with ClientBuilder::bearer_token",
        ));
    }
    // Paths are appended to the base path, so it must not end in `/`.
    let trimmed = parsed.path().trim_end_matches('/').to_owned();
    parsed.set_path(&trimmed);
    Ok(parsed)
}

impl Client {
    /// A builder for a client of the API `api` describes.
    pub fn builder(api: &'static ApiProfile) -> ClientBuilder {
        ClientBuilder::new(api)
    }

    /// What the generated crate told the runtime about its API.
    pub fn api(&self) -> &'static ApiProfile {
        self.api
    }

    /// The base URL every request path is joined to.
    pub fn base_url(&self) -> &Url {
        &self.base_url
    }

    fn url(&self, request: &Request) -> Url {
        // An operation's own server, while the client speaks to the API's default one.
        let base = match request.server {
            Some(server) if self.on_default_base_url => parse_base_url(server).ok(),
            _ => None,
        };
        let base = base.unwrap_or_else(|| self.base_url.clone());
        let mut url = join_to(base, &request.path, &request.query);
        if !self.default_query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &self.default_query {
                pairs.append_pair(name, value.expose_secret());
            }
        }
        url
    }

    /// When a failed request is sent again.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry
    }

    /// How `…_when_ready` methods pause between calls.
    pub fn wait_policy(&self) -> &WaitPolicy {
        &self.wait
    }

    /// Sends a request, retrying as the [`RetryPolicy`] allows, and reads its response; any
    /// non-2xx status becomes an [`Error`]. Inside a `…_when_ready` call, no wait passes its deadline.
    #[doc(hidden)]
    pub async fn send<E: OperationError>(&self, request: Request) -> Result<Received, Error<E>> {
        let deadline = wait::current_deadline();
        let mut waited = Duration::ZERO;
        let mut attempt: u32 = 0;
        loop {
            attempt = attempt.saturating_add(1);
            let span = tracing::info_span!(
                "http_request",
                operation = request.operation,
                method = %request.method,
                path = %request.shown_path(),
                attempt,
                status = tracing::field::Empty,
                request_id = tracing::field::Empty,
            );
            let result = self.attempt::<E>(&request, attempt).instrument(span.clone()).await;
            match retry::verdict(&result, request.idempotent) {
                Verdict::Done => return result,
                Verdict::OutcomeUnknown => {
                    return result.map_err(|cause| {
                        tracing::warn!(parent: &span, "outcome unknown; not retrying a non-idempotent request");
                        Error::OutcomeUnknown(Box::new(OutcomeUnknown {
                            method: request.method.clone(),
                            path: request.shown_path(),
                            operation: request.operation,
                            cause,
                        }))
                    });
                }
                Verdict::Retry { after } => {
                    let delay = after.unwrap_or_else(|| self.retry.backoff(attempt));
                    let remaining = deadline.map(|at| at.saturating_duration_since(Instant::now()));
                    if !self.retry.may_wait(attempt, waited, delay, remaining) {
                        tracing::debug!(parent: &span, ?delay, "giving up: retry budget spent");
                        return result;
                    }
                    tracing::debug!(parent: &span, ?delay, "retrying");
                    tokio::time::sleep(delay).await;
                    waited = waited.saturating_add(delay);
                }
            }
        }
    }

    /// One attempt: send, read the body within the size limit, classify the status.
    async fn attempt<E: OperationError>(&self, request: &Request, attempt: u32) -> Result<Received, Error<E>> {
        let transport = |mut source: reqwest::Error| {
            // The error prints its URL; a query or path parameter may be a key.
            if let Some(url) = source.url_mut() {
                url.set_query(None);
                let shown = redact_parts(url.path(), &request.secret_path_parts);
                url.set_path(&shown);
            }
            Error::Transport(Box::new(TransportError {
                source,
                attempts: attempt,
            }))
        };
        let url = self.url(request);
        let mut builder = self
            .http
            .request(request.method.clone(), url)
            .header(ACCEPT, "application/json");
        for (name, value) in &request.headers {
            builder = builder.header(name.clone(), value.clone());
        }
        if let Some(authorization) = &self.authorization {
            builder = builder.header(AUTHORIZATION, authorization.clone());
        }
        if let Some(body) = &request.body {
            let content_type = request.content_type.as_deref().unwrap_or("application/octet-stream");
            builder = builder.header(CONTENT_TYPE, content_type).body(body.clone());
        }
        let mut response = builder.send().await.map_err(transport)?;
        let status = response.status();
        let span = tracing::Span::current();
        span.record("status", status.as_u16());
        let headers = std::mem::take(response.headers_mut());
        let meta = ResponseMeta::from_headers(&headers, attempt, self.api);
        if let Some(id) = &meta.request_id {
            span.record("request_id", id.as_str());
        }
        let body = match read_body(&mut response, self.max_response_bytes).await {
            Ok(body) => body,
            Err(BodyError::TooLarge) => {
                return Err(Error::BodyTooLarge(Box::new(BodyTooLarge {
                    status,
                    meta,
                    limit: self.max_response_bytes,
                })));
            }
            Err(BodyError::Transport(source)) => return Err(transport(source)),
        };
        tracing::debug!(bytes = body.len(), "response read");
        if status.is_success() {
            return Ok(Received {
                status,
                meta,
                headers,
                body,
            });
        }
        match E::decode(status, &body, self.api.error_envelope) {
            Some(Ok(error)) => Err(Error::Api(Box::new(ApiError { status, meta, error }))),
            Some(Err(source)) => Err(Error::Decode(Box::new(DecodeError {
                status,
                meta,
                content_type: content_type(&headers),
                body,
                source,
            }))),
            None => Err(Error::UnexpectedStatus(Box::new(UnexpectedResponse {
                status,
                meta,
                headers,
                body,
            }))),
        }
    }
}

enum BodyError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads the whole body, refusing one longer than `limit` before buffering it. Memory grows with
/// the bytes that arrive, not with the length the server declares.
async fn read_body(response: &mut reqwest::Response, limit: usize) -> Result<Bytes, BodyError> {
    let declared = response.content_length();
    if declared.is_some_and(|len| usize::try_from(len).map_or(true, |len| len > limit)) {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len().saturating_add(chunk.len()) > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// What an operation method asks the client to send.
pub struct Request {
    /// The operationId, for logs and errors.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// Whether sending it twice has the effect of sending it once; decides what may be retried.
    pub idempotent: bool,
    /// Path below the base URL, path parameters already encoded.
    pub path: String,
    /// Query parameters, in the order they go out.
    pub query: Vec<(Cow<'static, str>, String)>,
    /// Header parameters, checked when added.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The encoded body, if there is one.
    pub body: Option<Bytes>,
    /// The body's `Content-Type`.
    pub content_type: Option<Cow<'static, str>>,
    /// Path parameters that hold a secret, as encoded in `path`: logs and errors show
    /// `[REDACTED]` in their place.
    secret_path_parts: Vec<String>,
    /// The operation's own server ([`Request::server`]).
    server: Option<&'static str>,
}

/// `text` with every occurrence of each part replaced by `[REDACTED]`.
fn redact_parts(text: &str, parts: &[String]) -> String {
    parts.iter().fold(text.to_owned(), |shown, part| {
        shown.replace(part.as_str(), "[REDACTED]")
    })
}

/// `path` (already encoded) below the base URL's path, then the query pairs.
fn join_to(mut url: Url, path: &str, query: &[(Cow<'static, str>, String)]) -> Url {
    let joined = format!("{}{}", url.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    if !query.is_empty() {
        let mut pairs = url.query_pairs_mut();
        for (name, value) in query {
            pairs.append_pair(name, value);
        }
    }
    url
}

/// The URL a request goes to below `base`, as the client joins it; `None` when `base` is no URL.
#[cfg(feature = "mock")]
pub(crate) fn join_url(base: &str, path: &str, query: &[(Cow<'static, str>, String)]) -> Option<Url> {
    Url::parse(base).ok().map(|url| join_to(url, path, query))
}

fn encode_form<T: serde::Serialize>(body: &T, deep: &[&str]) -> Result<String, String> {
    let value = serde_json::to_value(body).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(members) = value else {
        return Err("a form body must be an object".to_owned());
    };
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &members {
        if deep.contains(&name.as_str()) {
            // `style: deepObject` in the field's `encoding`: brackets, however deep.
            let mut pairs = Vec::new();
            crate::params::deep_pairs(name, value, &mut pairs);
            form.extend_pairs(pairs);
            continue;
        }
        let items = match value {
            serde_json::Value::Array(items) => items.as_slice(),
            single => std::slice::from_ref(single),
        };
        for item in items {
            match item {
                serde_json::Value::Null => {}
                serde_json::Value::String(text) => {
                    form.append_pair(name, text);
                }
                serde_json::Value::Bool(_) | serde_json::Value::Number(_) => {
                    form.append_pair(name, &item.to_string());
                }
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    return Err(format!(
                        "form field `{name}` holds a nested value, which a form cannot carry"
                    ));
                }
            }
        }
    }
    Ok(form.finish())
}

impl Request {
    /// A request for `operation` (its operationId, for errors and logs) to `path`.
    pub fn new(operation: &'static str, method: Method, idempotent: bool, path: String) -> Self {
        Request {
            operation,
            method,
            idempotent,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: None,
            secret_path_parts: Vec::new(),
            server: None,
        }
    }

    /// The operation's own server (the document's `servers` of the operation or its path: Box's
    /// uploads go to `https://upload.box.com/api/2.0`, not to its API's base URL). It is used
    /// while the client's base URL is the API's default; a client given another base URL (a
    /// proxy, a mock server) sends this request there too, as every other one.
    pub fn server(&mut self, url: &'static str) {
        self.server = Some(url);
    }

    /// Marks a path parameter's value as a secret: it goes out in the path as given, and spans,
    /// errors and logs show the path with `[REDACTED]` in its place.
    pub fn path_secret(&mut self, value: &str) {
        let encoded = percent_encoding::utf8_percent_encode(value, PATH_SEGMENT).to_string();
        if !encoded.is_empty() {
            self.secret_path_parts.push(encoded);
        }
    }

    /// The path as spans, errors and logs show it: secret path parameters redacted.
    pub fn shown_path(&self) -> String {
        redact_parts(&self.path, &self.secret_path_parts)
    }

    /// A JSON body, sent as `content_type` (`application/json`, or the API's `+json` type).
    pub fn json_body<T: serde::Serialize, E>(mut self, content_type: &'static str, body: &T) -> Result<Self, Error<E>> {
        let encoded = serde_json::to_vec(body).map_err(|e| Error::Encode(Box::new(e)))?;
        self.body = Some(encoded.into());
        self.content_type = Some(Cow::Borrowed(content_type));
        Ok(self)
    }

    /// An `application/x-www-form-urlencoded` body: each member of `body` (an object) a field, in
    /// name order, an array repeated once per item, `null` left out. The members named in `deep`
    /// (`encoding: {name: {style: deepObject}}`) go out in brackets, however deep
    /// (`metadata[order]=7`, `items[0][price]=p`); any other nested object cannot be a form field.
    pub fn form_body<T: serde::Serialize, E>(mut self, body: &T, deep: &[&str]) -> Result<Self, Error<E>> {
        let encoded = encode_form(body, deep).map_err(|message| Error::Encode(message.into()))?;
        self.body = Some(encoded.into_bytes().into());
        self.content_type = Some(Cow::Borrowed("application/x-www-form-urlencoded"));
        Ok(self)
    }

    /// A body sent as it is (text, or bytes), as `content_type`.
    pub fn raw_body(mut self, content_type: &'static str, body: impl Into<Bytes>) -> Self {
        self.body = Some(body.into());
        self.content_type = Some(Cow::Borrowed(content_type));
        self
    }

    /// A `multipart/form-data` body: text fields and files, in the order they were added.
    pub fn multipart_body(mut self, form: crate::multipart::Multipart) -> Self {
        let (content_type, body) = form.finish();
        self.body = Some(body);
        self.content_type = Some(Cow::Owned(content_type));
        self
    }

    /// Adds a query parameter, as its text.
    pub fn query(&mut self, name: &'static str, value: impl ToString) {
        self.query.push((Cow::Borrowed(name), value.to_string()));
    }

    /// A query parameter that holds a secret: it goes out as given, and error messages leave the
    /// query string out.
    pub fn query_secret(&mut self, name: &'static str, value: &SecretString) {
        self.query.push((Cow::Borrowed(name), value.expose_secret().to_owned()));
    }

    /// An array of objects as columns, one row after another: every row sends every column of
    /// `columns` in that order, an unset member as an empty value, so that a server pairing the
    /// columns by position pairs them right.
    pub fn query_rows<T: serde::Serialize, E>(
        &mut self,
        name: &'static str,
        columns: &[&'static str],
        rows: &T,
    ) -> Result<(), Error<E>> {
        self.query
            .extend(crate::params::row_pairs(name, columns, rows).map_err(Error::InvalidArgument)?);
        Ok(())
    }

    /// A query parameter that is an object, an array or a union, in `style`.
    pub fn query_value<T: serde::Serialize, E>(
        &mut self,
        name: &'static str,
        style: QueryStyle,
        value: &T,
    ) -> Result<(), Error<E>> {
        self.query
            .extend(crate::params::query_pairs(name, style, value).map_err(Error::InvalidArgument)?);
        Ok(())
    }

    /// Adds a header parameter. A value a header cannot carry (a line break, a control character)
    /// is refused before anything is sent. Values are marked sensitive: one may be a key.
    pub fn header<E>(&mut self, name: &'static str, value: impl ToString) -> Result<(), Error<E>> {
        let invalid = |reason: &str| {
            Error::InvalidArgument(Box::new(InvalidArgument {
                parameter: name,
                reason: reason.to_owned(),
            }))
        };
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("not a valid header name"))?;
        // A document may declare any header parameter; one that frames, routes or re-methods the
        // request is the client's own (`Content-Length` would cut the body short).
        if let Some(reason) = forbidden_default_header(&header, 0) {
            return Err(invalid(reason));
        }
        let mut value = HeaderValue::from_str(&value.to_string()).map_err(|_| {
            invalid("the value holds characters a header cannot carry (line breaks, control characters)")
        })?;
        value.set_sensitive(true);
        self.headers.push((header, value));
        Ok(())
    }

    /// Adds a cookie parameter to the request's one `Cookie` header (`a=1; b=2`). The value is
    /// percent-encoded where a cookie cannot carry a character as it is (spaces, `;`, `,`, `"`,
    /// `\\`, `%`, control and non-ASCII characters), as servers' cookie readers decode it.
    pub fn cookie<E>(&mut self, name: &'static str, value: impl ToString) -> Result<(), Error<E>> {
        self.cookie_text(name, encode_cookie_value(&value.to_string()))
    }

    /// Adds a cookie parameter that is a list: its items, each encoded, joined by `,` (`form`
    /// style, unexploded).
    pub fn cookie_list<E, T: ToString>(
        &mut self,
        name: &'static str,
        items: impl IntoIterator<Item = T>,
    ) -> Result<(), Error<E>> {
        let joined: Vec<String> = items
            .into_iter()
            .map(|item| encode_cookie_value(&item.to_string()))
            .collect();
        self.cookie_text(name, joined.join(","))
    }

    fn cookie_text<E>(&mut self, name: &'static str, encoded: String) -> Result<(), Error<E>> {
        let is_token_char = |b: u8| b.is_ascii_alphanumeric() || b"!#$&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(is_token_char) {
            return Err(Error::InvalidArgument(Box::new(InvalidArgument {
                parameter: name,
                reason: "not a valid cookie name".to_owned(),
            })));
        }
        let pair = format!("{name}={encoded}");
        let cookie = match self.headers.iter().position(|(header, _)| header == COOKIE) {
            Some(at) => {
                let (_, earlier) = self.headers.remove(at);
                let earlier = String::from_utf8_lossy(earlier.as_bytes()).into_owned();
                format!("{earlier}; {pair}")
            }
            None => pair,
        };
        // Only token characters and encoded values: always a valid header value.
        let mut value = HeaderValue::from_str(&cookie).map_err(|_| {
            Error::InvalidArgument(Box::new(InvalidArgument {
                parameter: name,
                reason: "cannot be sent as a cookie".to_owned(),
            }))
        })?;
        value.set_sensitive(true);
        self.headers.push((COOKIE, value));
        Ok(())
    }

    /// Adds a header parameter that is a list: its items joined by `, `.
    pub fn header_list<E, T: ToString>(
        &mut self,
        name: &'static str,
        items: impl IntoIterator<Item = T>,
    ) -> Result<(), Error<E>> {
        let joined: Vec<String> = items.into_iter().map(|item| item.to_string()).collect();
        self.header(name, joined.join(", "))
    }
}

/// A cookie value with every byte RFC 6265's `cookie-octet` leaves out, and `%`, percent-encoded.
fn encode_cookie_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        let plain = matches!(byte, 0x21 | 0x23..=0x24 | 0x26..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);
        if plain {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A 2xx response, read but not yet decoded.
pub struct Received {
    /// The HTTP status.
    pub status: StatusCode,
    /// Request id and rate-limit headers.
    pub meta: ResponseMeta,
    /// Every response header.
    pub headers: HeaderMap,
    /// The body, read whole (within the size limit).
    pub body: Bytes,
}

impl Received {
    /// A 2xx JSON body, decoded.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<Response<T>, Error<E>> {
        match json::decode(&self.body) {
            Ok(body) => Ok(Response {
                status: self.status,
                meta: self.meta,
                headers: self.headers,
                body,
            }),
            Err(source) => Err(self.decode_error(source)),
        }
    }

    /// A 2xx text body.
    pub fn text<E>(self) -> Result<Response<String>, Error<E>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(body) => Ok(Response {
                status: self.status,
                meta: self.meta,
                headers: self.headers,
                body,
            }),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let source = json::JsonError::other(".", format!("not UTF-8 text: invalid byte at offset {at}"));
                Err(self.decode_error(source))
            }
        }
    }

    /// A 2xx body as bytes.
    pub fn bytes<E>(self) -> Result<Response<Vec<u8>>, Error<E>> {
        Ok(Response {
            status: self.status,
            meta: self.meta,
            headers: self.headers,
            body: self.body.to_vec(),
        })
    }

    /// A 2xx the document does not list for an operation whose 2xx differ: kept whole, as an error
    /// that says the request succeeded.
    pub fn unexpected<T, E>(self) -> Result<Response<T>, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(UnexpectedResponse {
            status: self.status,
            meta: self.meta,
            headers: self.headers,
            body: self.body,
        })))
    }

    /// A 2xx with no body.
    pub fn empty<E>(self) -> Result<Response<()>, Error<E>> {
        Ok(Response {
            status: self.status,
            meta: self.meta,
            headers: self.headers,
            body: (),
        })
    }

    fn decode_error<E>(self, source: json::JsonError) -> Error<E> {
        Error::Decode(Box::new(DecodeError {
            status: self.status,
            meta: self.meta,
            content_type: content_type(&self.headers),
            body: self.body,
            source,
        }))
    }
}

/// Percent-encodes a path parameter so that it stays one path segment.
///
/// `.`, `..` and the empty string cannot be one: URL parsers resolve `.`/`..` (and their
/// percent-encoded spellings, `%2E`) as dot segments and an empty segment merges with its
/// neighbours, so the request would reach another resource. They are refused before sending.
pub fn encode_path_segment<E>(parameter: &'static str, value: &str) -> Result<String, Error<E>> {
    if matches!(value, "" | "." | "..") {
        return Err(Error::InvalidArgument(Box::new(InvalidArgument {
            parameter,
            reason: format!("`{value}` cannot be sent as a path segment"),
        })));
    }
    Ok(percent_encoding::utf8_percent_encode(value, PATH_SEGMENT).to_string())
}

/// Percent-encodes a path parameter that a template spells `{+name}` (RFC 6570's reserved
/// expansion: Google's `/v1/{+name}` takes `projects/p1/buckets/b1`): its `/`s are kept, so it
/// spans segments, and everything else is encoded as [`encode_path_segment`] encodes it.
///
/// Each of its segments must be a segment: an empty one (`a//b`, a leading or trailing `/`), `.`
/// or `..` would reach another resource, so they are refused before sending.
pub fn encode_path_reserved<E>(parameter: &'static str, value: &str) -> Result<String, Error<E>> {
    let mut encoded = String::with_capacity(value.len());
    for (index, segment) in value.split('/').enumerate() {
        if matches!(segment, "" | "." | "..") {
            return Err(Error::InvalidArgument(Box::new(InvalidArgument {
                parameter,
                reason: format!("`{value}` has an empty, `.` or `..` segment, which cannot be sent in a path"),
            })));
        }
        if index > 0 {
            encoded.push('/');
        }
        encoded.extend(percent_encoding::utf8_percent_encode(segment, PATH_SEGMENT));
    }
    Ok(encoded)
}

/// The QUERY method (safe and idempotent, with a body; OpenAPI 3.2's `query` operations), which
/// `http` has no constant for.
pub fn query_method() -> Method {
    // `QUERY` is a valid method token, so this is never the `POST` it falls back to.
    Method::from_bytes(b"QUERY").unwrap_or(Method::POST)
}

/// Everything but RFC 3986 unreserved characters.
pub(crate) const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// With feature `rustls-ring` (and not `rustls`, whose aws-lc-rs reqwest installs itself): ring as
/// the process's rustls provider, unless the program installed one. reqwest panics without one.
#[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
fn install_ring_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one first; either way a provider is installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

#[cfg(not(all(feature = "rustls-ring", not(feature = "rustls"))))]
fn install_ring_provider() {}

#[cfg(test)]
mod tests {
    use super::*;

    static API: ApiProfile = ApiProfile::new("test");

    #[test]
    fn base_urls_are_checked_and_trimmed() {
        assert_eq!(
            parse_base_url("https://api.example.com/core/v1/").unwrap().path(),
            "/core/v1"
        );
        assert!(matches!(
            parse_base_url("ftp://x"),
            Err(BuildError::InvalidBaseUrl { .. })
        ));
        assert!(matches!(
            parse_base_url("not a url"),
            Err(BuildError::InvalidBaseUrl { .. })
        ));
    }

    #[test]
    fn operation_paths_join_base_paths_with_one_slash() {
        for (base, expected) in [
            ("http://127.0.0.1:1", "http://127.0.0.1:1/a/b?x=1"),
            ("http://127.0.0.1:1/", "http://127.0.0.1:1/a/b?x=1"),
            ("http://127.0.0.1:1/core/v1/", "http://127.0.0.1:1/core/v1/a/b?x=1"),
        ] {
            let client = Client::builder(&API).base_url(base).build().unwrap();
            let mut request = Request::new("a", Method::GET, true, "/a/b".to_owned());
            request.query("x", 1);
            assert_eq!(client.url(&request).as_str(), expected);
        }
    }

    #[test]
    fn a_default_query_parameter_goes_out_with_every_request_and_is_never_shown() {
        let client = Client::builder(&API)
            .base_url("http://127.0.0.1:1/v1")
            .default_query("api_key", "k e&y")
            .build()
            .unwrap();
        let mut request = Request::new("a", Method::GET, true, "/a".to_owned());
        request.query("x", 1);
        let url = client.url(&request);
        assert_eq!(url.as_str(), "http://127.0.0.1:1/v1/a?x=1&api_key=k+e%26y");
        let shown = format!("{client:?}");
        assert!(!shown.contains("k e&y") && shown.contains("api_key"), "{shown}");
        let unnamed = Client::builder(&API)
            .base_url("http://127.0.0.1:1")
            .default_query("", "k")
            .build();
        assert!(matches!(unnamed, Err(BuildError::InvalidQuery { .. })));
        let mut many = Client::builder(&API).base_url("http://127.0.0.1:1");
        for i in 0..=MAX_DEFAULT_HEADERS {
            many = many.default_query(format!("k{i}"), "v");
        }
        assert!(matches!(many.build(), Err(BuildError::InvalidQuery { .. })));
    }

    #[test]
    fn path_segments_stay_one_segment() {
        let encode = |value| encode_path_segment::<std::convert::Infallible>("id", value);
        assert_eq!(encode("a/b c").unwrap(), "a%2Fb%20c");
        assert_eq!(encode("objkey_X-1.2~").unwrap(), "objkey_X-1.2~");
        assert_eq!(encode("...").unwrap(), "...");
        assert_eq!(encode("%2E%2E").unwrap(), "%252E%252E");
        for dots in ["", ".", ".."] {
            let error = encode(dots).unwrap_err();
            assert!(error.to_string().contains("`id`"), "{error}");
        }
    }

    #[test]
    fn reserved_parameters_keep_their_slashes_and_no_dot_segment() {
        let encode = |value| encode_path_reserved::<std::convert::Infallible>("name", value);
        assert_eq!(encode("projects/p1/buckets/b 1").unwrap(), "projects/p1/buckets/b%201");
        assert_eq!(encode("a?b#c:d").unwrap(), "a%3Fb%23c%3Ad");
        assert_eq!(encode("one").unwrap(), "one");
        assert_eq!(encode("a/.../%2E%2E").unwrap(), "a/.../%252E%252E");
        for bad in ["", "/a", "a/", "a//b", "./a", "a/..", "a/../b", "."] {
            let error = encode(bad).unwrap_err();
            assert!(error.to_string().contains("`name`"), "{bad}: {error}");
        }
    }

    #[test]
    fn blank_tokens_are_refused() {
        for token in ["", " ", "\t\n"] {
            let built = Client::builder(&API)
                .base_url("http://127.0.0.1:1")
                .bearer_token(token)
                .build();
            assert!(matches!(built, Err(BuildError::EmptyToken)), "{token:?}");
        }
        assert!(Client::builder(&API).base_url("http://127.0.0.1:1").build().is_ok());
    }

    #[test]
    fn user_info_in_the_base_url_is_refused_and_never_printed() {
        for url in [
            "https://user:pa55word@api.example.com/v1",
            "https://pa55word@api.example.com",
            "https://user:pa55word@exa mple.com/",
        ] {
            let builder = Client::builder(&API).base_url(url);
            let shown = format!("{builder:?}");
            assert!(!shown.contains("pa55word"), "{shown}");
            let error = builder.build().unwrap_err();
            let shown = format!("{error} {error:?}");
            assert!(matches!(error, BuildError::InvalidBaseUrl { .. }), "{shown}");
            assert!(!shown.contains("pa55word"), "{shown}");
            assert!(shown.contains("***@"), "{shown}");
        }
    }

    #[test]
    fn default_headers_that_frame_route_or_override_are_refused() {
        let build = |name: &str, value: &str| {
            Client::builder(&API)
                .base_url("http://127.0.0.1:1")
                .default_header(name, value)
                .build()
        };
        for name in [
            "Content-Length",
            "transfer-encoding",
            "Connection",
            "Host",
            "X-Forwarded-Host",
            "Forwarded",
            "Upgrade",
            "TE",
            "Expect",
            "Content-Type",
            "X-HTTP-Method-Override",
            "X-Forwarded-Server",
            "X-Forwarded-Port",
            "X-Forwarded-Scheme",
            "X-Host",
            "X-Original-URI",
            "X_Forwarded_Host",
            "X_HTTP_Method_Override",
            "transfer_encoding",
        ] {
            match build(name, "0") {
                Err(BuildError::ForbiddenHeader { name: refused, .. }) => {
                    assert_eq!(refused, name.to_ascii_lowercase())
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        let huge = "k".repeat(MAX_DEFAULT_HEADER_BYTES + 1);
        assert!(matches!(
            build("X-Api-Key", &huge),
            Err(BuildError::ForbiddenHeader { .. })
        ));
        assert!(build("X-Api-Key", &"k".repeat(MAX_DEFAULT_HEADER_BYTES - 20)).is_ok());
        let mut many = Client::builder(&API).base_url("http://127.0.0.1:1");
        for i in 0..=MAX_DEFAULT_HEADERS {
            many = many.default_header(format!("X-H{i}"), "v");
        }
        assert!(
            matches!(many.build(), Err(BuildError::ForbiddenHeader { .. })),
            "too many"
        );
        let mut large = Client::builder(&API).base_url("http://127.0.0.1:1");
        for i in 0..3 {
            large = large.default_header(format!("X-K{i}"), "k".repeat(2000));
        }
        assert!(
            matches!(large.build(), Err(BuildError::ForbiddenHeader { .. })),
            "too large together"
        );
        assert!(
            build("Authorization", "ApiKey k").is_ok(),
            "an API whose key is not a bearer token"
        );
        let both = Client::builder(&API)
            .base_url("http://127.0.0.1:1")
            .bearer_token("t0k3n")
            .default_header("Authorization", "Other")
            .build();
        assert!(matches!(both, Err(BuildError::ForbiddenHeader { .. })));
        let message = build("Host", "evil.example").unwrap_err().to_string();
        assert!(message.contains("`host`") && message.contains("routes"), "{message}");
    }

    #[test]
    fn cookie_parameters_share_one_header_and_are_encoded() {
        let mut request = Request::new("op", Method::GET, true, "/".to_owned());
        request.cookie::<()>("session", "a b;c,d%\"é").expect("a cookie");
        request.cookie_list::<(), _>("ids", [1, 2]).expect("a list");
        request.header::<()>("X-Trace", "7").expect("a header");
        request.cookie::<()>("mode", "dark").expect("a third");
        let cookies: Vec<&HeaderValue> = request
            .headers
            .iter()
            .filter(|(name, _)| name == COOKIE)
            .map(|(_, v)| v)
            .collect();
        assert_eq!(cookies.len(), 1, "one Cookie header");
        assert_eq!(cookies[0], "session=a%20b%3Bc%2Cd%25%22%C3%A9; ids=1,2; mode=dark");
        assert!(cookies[0].is_sensitive(), "a cookie may be a session: never logged");
        let refused = request.cookie::<()>("bad name", "x");
        assert!(matches!(refused, Err(Error::InvalidArgument(_))));
    }

    #[test]
    fn header_parameters_that_frame_route_or_override_are_refused() {
        for name in [
            "Content-Length",
            "Host",
            "X-Forwarded-Host",
            "X_HTTP_Method_Override",
            "Transfer-Encoding",
        ] {
            let mut request = Request::new("op", Method::GET, true, "/".to_owned());
            let refused = request.header::<()>(name, "1");
            assert!(matches!(refused, Err(Error::InvalidArgument(_))), "{name}");
            assert!(request.headers.is_empty(), "{name}");
        }
        let mut request = Request::new("op", Method::GET, true, "/".to_owned());
        assert!(request.header::<()>("X-Request-Id", "1").is_ok());
    }

    #[test]
    fn default_headers_are_checked_and_never_printed() {
        let builder = Client::builder(&API)
            .base_url("http://127.0.0.1:1")
            .default_header("X-Api-Key", "k3y-s3cr3t");
        assert!(!format!("{builder:?}").contains("k3y-s3cr3t"));
        assert!(builder.build().is_ok());
        let built = Client::builder(&API)
            .base_url("http://127.0.0.1:1")
            .default_header("X-Api-Key", "a\r\nb")
            .build();
        assert!(matches!(built, Err(BuildError::InvalidHeader { .. })));
        let built = Client::builder(&API)
            .base_url("http://127.0.0.1:1")
            .default_header("bad name", "v")
            .build();
        assert!(matches!(built, Err(BuildError::InvalidHeader { .. })));
    }

    #[test]
    fn forms_are_encoded_in_name_order_with_arrays_repeated() {
        let body = serde_json::json!({"b": ["x y", 2], "a": true, "c": null});
        assert_eq!(encode_form(&body, &[]).unwrap(), "a=true&b=x+y&b=2");
        assert!(encode_form(&serde_json::json!({"a": {"b": 1}}), &[]).is_err());
        assert!(encode_form(&serde_json::json!([1]), &[]).is_err());
    }

    #[test]
    fn deep_object_form_fields_go_out_in_brackets_at_every_depth() {
        let body = serde_json::json!({
            "amount": 5,
            "metadata": {"order": "7 & 8", "gone": null},
            "items": [{"price": "p1", "tax": [1, 2]}, {"price": "p2"}],
            "card": {"address": {"city": "Zürich"}},
            "expand": ["customer"],
            "empty": {},
        });
        let encoded = encode_form(&body, &["metadata", "items", "card", "expand", "empty"]).unwrap();
        assert_eq!(
            encoded,
            "amount=5\
             &card%5Baddress%5D%5Bcity%5D=Z%C3%BCrich\
             &expand%5B0%5D=customer\
             &items%5B0%5D%5Bprice%5D=p1&items%5B0%5D%5Btax%5D%5B0%5D=1&items%5B0%5D%5Btax%5D%5B1%5D=2\
             &items%5B1%5D%5Bprice%5D=p2\
             &metadata%5Border%5D=7+%26+8"
        );
        // A scalar in a deep field is the field itself.
        assert_eq!(
            encode_form(&serde_json::json!({"expand": "x"}), &["expand"]).unwrap(),
            "expand=x"
        );
        // Only the named fields may nest.
        assert!(encode_form(&serde_json::json!({"metadata": {"a": 1}}), &["other"]).is_err());
    }

    #[test]
    fn the_connect_timeout_ends_before_the_request_timeout() {
        let second = Duration::from_secs(1);
        assert_eq!(connect_timeout_within(10 * second, 60 * second), 10 * second);
        assert!(connect_timeout_within(10 * second, second) < second);
        assert!(connect_timeout_within(second, second) < second);
        assert_eq!(
            connect_timeout_within(Duration::MAX, Duration::MAX),
            Duration::MAX - Duration::MAX / 10
        );
        assert_eq!(connect_timeout_within(second, Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn the_token_is_not_in_debug_output() {
        let client = Client::builder(&API)
            .base_url("http://127.0.0.1:1")
            .bearer_token("s3cr3t-token")
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(!shown.contains("s3cr3t-token"), "{shown}");
    }

    #[test]
    fn the_query_method_is_query() {
        assert_eq!(query_method().as_str(), "QUERY");
    }

    /// An operation with a server of its own goes there while the client's base URL is the API's
    /// default; given another base URL (a proxy, a mock), every request goes to that one.
    #[test]
    fn an_operations_own_server_is_used_on_the_apis_default_base_url_only() {
        static WITH_DEFAULT: ApiProfile =
            ApiProfile::new("test").with_default_base_url(Some("https://api.example.com/2.0"));
        let mut request = Request::new("upload", Method::POST, false, "/files/content".to_owned());
        request.server("https://upload.example.com/api/2.0");
        let default: Client = Client::builder(&WITH_DEFAULT).build().unwrap();
        assert_eq!(
            default.url(&request).as_str(),
            "https://upload.example.com/api/2.0/files/content"
        );
        let same: Client = Client::builder(&WITH_DEFAULT)
            .base_url("https://api.example.com/2.0/")
            .build()
            .unwrap();
        assert_eq!(
            same.url(&request).as_str(),
            "https://upload.example.com/api/2.0/files/content"
        );
        let proxied: Client = Client::builder(&WITH_DEFAULT)
            .base_url("http://127.0.0.1:9/v2")
            .build()
            .unwrap();
        assert_eq!(proxied.url(&request).as_str(), "http://127.0.0.1:9/v2/files/content");
        let plain = Request::new("list", Method::GET, true, "/files".to_owned());
        assert_eq!(default.url(&plain).as_str(), "https://api.example.com/2.0/files");
    }

    /// A secret path parameter (`/invitations/{token}`) goes out in the path, and is shown
    /// nowhere else: not in the attempt's span, not in a transport error, not in `OutcomeUnknown`.
    #[tokio::test(flavor = "multi_thread")]
    async fn secret_path_segments_are_redacted_in_spans_and_errors() {
        use std::sync::{Arc, Mutex};
        #[derive(Clone)]
        struct Logs(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Logs {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().map(|mut b| b.extend_from_slice(bytes)).ok();
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let logs = Logs(Arc::new(Mutex::new(Vec::new())));
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);

        // A server that reads the request and closes without answering: the POST's outcome is unknown.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = listener.local_addr().expect("address");
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let mut buffer = [0u8; 4096];
                let _ = tokio::io::AsyncReadExt::read(&mut stream, &mut buffer).await;
            }
        });
        /// An operation that documents no error.
        #[derive(Debug)]
        struct NoErrors;
        impl std::fmt::Display for NoErrors {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("none")
            }
        }
        impl OperationError for NoErrors {
            fn decode(_: StatusCode, _: &[u8], _: Option<&str>) -> Option<Result<Self, crate::json::JsonError>> {
                None
            }
            fn parts(&self) -> (StatusCode, &dyn crate::error::ErrorBody) {
                unreachable!("never decoded")
            }
        }
        let secret = "inv-s3cr3t-t0k3n";
        for base in [format!("http://{address}"), "http://127.0.0.1:1".to_owned()] {
            let client: Client = Client::builder(&API).base_url(base.as_str()).build().expect("client");
            let mut request = Request::new(
                "accept_invitation",
                Method::POST,
                false,
                format!("/invitations/{secret}/accept"),
            );
            request.path_secret(secret);
            assert_eq!(request.shown_path(), "/invitations/[REDACTED]/accept");
            let Err(error) = client.send::<NoErrors>(request).await else {
                panic!("no answer was expected from {base}");
            };
            let mut shown = format!("{error} {error:?}");
            let mut source = std::error::Error::source(&error);
            while let Some(cause) = source {
                shown.push_str(&format!(" {cause} {cause:?}"));
                source = cause.source();
            }
            assert!(!shown.contains(secret), "{shown}");
            assert!(shown.contains("[REDACTED]"), "{shown}");
        }
        let logged = String::from_utf8_lossy(&logs.0.lock().expect("logs")).into_owned();
        assert!(logged.contains("/invitations/[REDACTED]/accept"), "{logged}");
        assert!(!logged.contains(secret), "{logged}");
    }
}
