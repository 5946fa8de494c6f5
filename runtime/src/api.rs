//! What a generated client tells the runtime about its API. The runtime has no API of its own.

/// The facts about one API that the runtime needs and the OpenAPI document (or the generator's
/// config) supplies. Built in a `const` by the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiProfile {
    pub(crate) default_base_url: Option<&'static str>,
    pub(crate) user_agent: &'static str,
    pub(crate) error_envelope: Option<&'static str>,
    pub(crate) request_id_header: Option<&'static str>,
    pub(crate) rate_limit_header: Option<&'static str>,
    pub(crate) rate_limit_remaining_header: Option<&'static str>,
}

impl ApiProfile {
    /// A profile with no default base URL, bare error bodies, and the common header names
    /// (`x-request-id`, `x-ratelimit-limit`, `x-ratelimit-remaining`).
    pub const fn new(user_agent: &'static str) -> Self {
        ApiProfile {
            default_base_url: None,
            user_agent,
            error_envelope: None,
            request_id_header: Some("x-request-id"),
            rate_limit_header: Some("x-ratelimit-limit"),
            rate_limit_remaining_header: Some("x-ratelimit-remaining"),
        }
    }

    /// The base URL a client uses unless told otherwise (the document's first server).
    pub const fn with_default_base_url(mut self, url: Option<&'static str>) -> Self {
        self.default_base_url = url;
        self
    }

    /// The key the API wraps its error bodies in (`{"error": {...}}`); they decode wrapped or bare.
    pub const fn with_error_envelope(mut self, key: Option<&'static str>) -> Self {
        self.error_envelope = key;
        self
    }

    /// The response header that identifies a request to the API's support.
    pub const fn with_request_id_header(mut self, name: Option<&'static str>) -> Self {
        self.request_id_header = name;
        self
    }

    /// The response headers that give the rate limit and what is left of it.
    pub const fn with_rate_limit_headers(
        mut self,
        limit: Option<&'static str>,
        remaining: Option<&'static str>,
    ) -> Self {
        self.rate_limit_header = limit;
        self.rate_limit_remaining_header = remaining;
        self
    }

    /// The base URL clients use unless told another.
    pub fn default_base_url(&self) -> Option<&'static str> {
        self.default_base_url
    }

    /// The key the API wraps error bodies in (`{"error": {...}}`), if it does.
    pub fn error_envelope(&self) -> Option<&'static str> {
        self.error_envelope
    }
}
