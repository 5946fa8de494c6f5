//! A hostile or broken network, at the socket level: redirects, 503s that are not the API's,
//! extreme `Retry-After`s, duplicated tags, secrets in the wrong place, bad client settings. Each
//! test counts what the server read, because the promise is about what was sent: a POST that
//! issues credentials goes out twice only after proof that the first was refused.

use std::time::{Duration, Instant};

use crate::support::{Behaviour, FaultServer, SECRET, TOKEN, assert_no_secrets, assert_not_printed};
use katapult_client::{
    BuildError, Client, Error, ObjectStorageAccessKeyGenerateCredentialsError as GenerateError,
    ObjectStorageAccessKeyGenerateCredentialsResponse, ObjectStorageAccessKeyLookup, Response, RetryPolicy, WaitPolicy,
};
use serde_json::json;

type Outcome = Result<Response<ObjectStorageAccessKeyGenerateCredentialsResponse>, Error<GenerateError>>;

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .bearer_token(TOKEN)
        .retry(RetryPolicy {
            max_attempts: 3,
            max_total_wait: Duration::from_secs(3),
            initial_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(40),
        })
        .wait_policy(WaitPolicy {
            initial_interval: Duration::from_millis(10),
            max_interval: Duration::from_millis(40),
        })
        .timeout(Duration::from_millis(600))
        .build()
        .expect("client")
}

fn lookup() -> ObjectStorageAccessKeyLookup {
    ObjectStorageAccessKeyLookup::by_id("objkey_x")
}

async fn generate(client: &Client) -> Outcome {
    let outcome = client.object_storage_access_key_generate_credentials(lookup()).await;
    assert_no_secrets(&outcome);
    outcome
}

async fn generate_when_ready(client: &Client, deadline: Duration) -> Outcome {
    let outcome = client
        .object_storage_access_key_generate_credentials_when_ready(lookup(), deadline)
        .await;
    assert_no_secrets(&outcome);
    outcome
}

fn credentials() -> Behaviour {
    Behaviour::json(
        200,
        &json!({"object_storage_access_key": {"id": "objkey_x", "s3_secret_access_key": SECRET}}),
    )
}

fn error(status: u16, code: &str) -> Behaviour {
    Behaviour::json(status, &json!({"error": {"code": code, "description": "d"}}))
}

fn expect_outcome_unknown(outcome: Outcome) -> Error<GenerateError> {
    match outcome {
        Err(Error::OutcomeUnknown(unknown)) => unknown.cause,
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
}

// ---- A 503 is proof of refusal only when it is the API's own, its documented code present ----

#[tokio::test]
async fn a_503_whose_json_is_not_the_apis_own_error_is_not_proof_of_refusal() {
    for body in [
        json!({}),
        json!({"message": "no healthy upstream"}),
        json!({"error": {"code": "upstream_timeout"}}),
        json!({"error": {"description": "The service is currently unavailable"}}),
        json!({"error": {"code": null}}),
    ] {
        let server = FaultServer::start(vec![Behaviour::json(503, &body), credentials()]).await;
        let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
        assert_eq!(cause.status().map(|s| s.as_u16()), Some(503), "{body}");
        assert_eq!(server.received(), 1, "{body} was taken for the API's own 503");
    }
}

#[tokio::test]
async fn the_apis_own_503_is_still_retried() {
    let server = FaultServer::start(vec![error(503, "service_unavailable"), credentials()]).await;
    let response = generate(&client(&server.url)).await.expect("retried");
    assert_eq!(response.meta.attempts, 2);
    assert_eq!(server.received(), 2);
}

// ---- Redirects are never followed ----

#[tokio::test]
async fn a_redirect_to_a_dead_address_is_returned_not_retried_as_a_connect_failure() {
    let target = format!(
        "{}/object_storage/access_keys/access_key/generate_credentials",
        crate::support::refused_url()
    );
    let server = FaultServer::start(vec![redirect(303, &target)]).await;
    let error = generate(&client(&server.url))
        .await
        .expect_err("a 303 is not a success");
    let Error::UnexpectedStatus(response) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(response.status.as_u16(), 303);
    assert_eq!(response.location(), Some(target.as_str()));
    assert_eq!(error.attempts(), 1);
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn no_redirect_status_resends_the_post_or_turns_it_into_a_get() {
    for status in [301, 302, 303, 307, 308] {
        let server = FaultServer::start(vec![]).await;
        let target = format!(
            "{}/object_storage/access_keys/access_key/generate_credentials",
            server.url
        );
        server
            .set_script(vec![
                redirect(status, &target),
                error(404, "object_storage_access_key_not_found"),
            ])
            .await;
        let error = generate(&client(&server.url)).await.expect_err("not a success");
        assert!(
            matches!(&error, Error::UnexpectedStatus(r) if r.status.as_u16() == status),
            "{status}: {error:?}"
        );
        assert_eq!(error.attempts(), 1, "{status}");
        assert_eq!(server.received(), 1, "{status}: the redirect was followed");
    }
}

fn redirect(status: u16, location: &str) -> Behaviour {
    Behaviour::raw(status, "text/plain", "moved").with_header("Location", location)
}

// ---- No value from the network makes the client panic ----

#[tokio::test]
async fn a_retry_after_of_u64_max_seconds_after_a_wait_is_not_waited_for() {
    for value in [
        "18446744073709551615",
        "99999999999999999999999999",
        "Fri, 31 Dec 9999 23:59:59 GMT",
    ] {
        let server = FaultServer::start(vec![
            error(429, "rate_limit_reached"),
            error(429, "rate_limit_reached").with_header("Retry-After", value),
            credentials(),
        ])
        .await;
        let error = generate(&client(&server.url))
            .await
            .expect_err("the wait is past the budget");
        assert!(
            matches!(error.api_error(), Some(GenerateError::TooManyRequests(_))),
            "{error:?}"
        );
        assert!(
            error.meta().and_then(|m| m.retry_after) > Some(Duration::from_secs(1_000_000)),
            "{value}"
        );
        assert_eq!(server.received(), 2, "{value}");
    }
}

#[tokio::test]
async fn policies_at_their_extremes_do_not_panic() {
    let server = FaultServer::start(vec![
        error(429, "rate_limit_reached").with_header("Retry-After", "0"),
        error(429, "rate_limit_reached").with_header("Retry-After", "18446744073709551615"),
        credentials(),
    ])
    .await;
    let client = Client::builder()
        .base_url(&server.url)
        .bearer_token(TOKEN)
        .retry(RetryPolicy {
            max_attempts: u32::MAX,
            max_total_wait: Duration::from_secs(u64::MAX),
            initial_backoff: Duration::MAX,
            max_backoff: Duration::MAX,
        })
        .wait_policy(WaitPolicy {
            initial_interval: Duration::MAX,
            max_interval: Duration::MAX,
        })
        .connect_timeout(Duration::MAX)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    // With a `Duration::MAX` deadline and budget nothing bounds the wait but the server's own
    // 18446744073709551615 s, so the call is dropped after the second answer: what matters is
    // that nothing on the way panicked.
    let call = generate_when_ready(&client, Duration::MAX);
    let _ = tokio::time::timeout(Duration::from_millis(500), call).await;
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_duration_max_deadline_still_waits_out_provisioning() {
    let server = FaultServer::start(vec![error(422, "object_storage_provisioning_error"), credentials()]).await;
    let response = generate_when_ready(&client(&server.url), Duration::MAX)
        .await
        .expect("ready");
    assert_eq!(response.meta.attempts, 1);
    assert_eq!(server.received(), 2);
}

// ---- What the client says is what the server sent ----

#[tokio::test]
async fn a_422_without_a_code_is_not_taken_for_provisioning() {
    let server = FaultServer::start(vec![
        Behaviour::json(422, &json!({"error": {"description": "something else"}})),
        credentials(),
    ])
    .await;
    let error = generate_when_ready(&client(&server.url), Duration::from_secs(10))
        .await
        .expect_err("returned at once");
    let api = error.api_error().expect("documented 422");
    assert_eq!(api.code(), None);
    assert_eq!(api.to_string(), "HTTP 422: something else");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn the_wait_deadline_bounds_the_retry_waits_inside_each_call() {
    let server = FaultServer::start(vec![
        error(422, "object_storage_provisioning_error"),
        error(429, "rate_limit_reached").with_header("Retry-After", "5"),
        credentials(),
    ])
    .await;
    let client = Client::builder()
        .base_url(&server.url)
        .bearer_token(TOKEN)
        .retry(RetryPolicy {
            max_total_wait: Duration::from_secs(60),
            ..RetryPolicy::default()
        })
        .wait_policy(WaitPolicy {
            initial_interval: Duration::from_millis(10),
            max_interval: Duration::from_millis(10),
        })
        .build()
        .expect("client");
    let started = Instant::now();
    let error = generate_when_ready(&client, Duration::from_millis(300))
        .await
        .expect_err("deadline");
    // The 429's five seconds would pass the 300 ms deadline, so it is returned instead of waited.
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        matches!(error.api_error(), Some(GenerateError::TooManyRequests(_))),
        "{error:?}"
    );
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_success_too_large_to_read_says_the_request_succeeded() {
    let server = FaultServer::start(vec![Behaviour::raw(200, "application/json", vec![b' '; 4096])]).await;
    let client = Client::builder()
        .base_url(&server.url)
        .bearer_token(TOKEN)
        .max_response_bytes(1024)
        .build()
        .expect("client");
    let error = generate(&client).await.expect_err("too large");
    assert!(matches!(error, Error::BodyTooLarge(_)), "{error:?}");
    assert!(error.to_string().contains("the request itself succeeded"), "{error}");
    assert_eq!(server.received(), 1);

    let server = FaultServer::start(vec![Behaviour::raw(500, "text/plain", vec![b'x'; 4096])]).await;
    let client = Client::builder()
        .base_url(&server.url)
        .max_response_bytes(1024)
        .build()
        .expect("client");
    let error = generate(&client).await.expect_err("too large");
    assert!(!error.to_string().contains("succeeded"), "{error}");
}

#[tokio::test]
async fn a_tag_sent_twice_is_a_decode_error_in_either_order() {
    let mut messages = Vec::new();
    for body in [
        r#"{"error": {"code": "permission_denied", "description": "d", "code": "brand_new"}}"#,
        r#"{"error": {"code": "brand_new", "description": "d", "code": "permission_denied"}}"#,
    ] {
        let server = FaultServer::start(vec![Behaviour::raw(403, "application/json", body)]).await;
        let error = generate(&client(&server.url)).await.expect_err("403");
        let Error::Decode(e) = &error else {
            panic!("{body}: {error:?}")
        };
        assert!(e.source.message().starts_with("duplicate tag member `code`"), "{error}");
        messages.push(e.source.message().to_owned());
    }
    assert_eq!(messages[0], messages[1]);
}

// ---- What must never be printed or sent ----

#[tokio::test]
async fn decode_errors_name_the_path_and_type_never_the_value() {
    let secret_number = "918273645546372819";
    for (body, path) in [
        (
            format!(r#"{{"object_storage_access_key": {{"s3_secret_access_key": {secret_number}}}}}"#),
            "object_storage_access_key.s3_secret_access_key",
        ),
        (
            format!(r#"{{"object_storage_access_key": {{"created_at": "{SECRET}"}}}}"#),
            "object_storage_access_key.created_at",
        ),
    ] {
        let server = FaultServer::start(vec![Behaviour::raw(200, "application/json", body.clone())]).await;
        let outcome = generate(&client(&server.url)).await;
        assert_not_printed(&outcome, &[secret_number]);
        let Err(Error::Decode(e)) = &outcome else {
            panic!("{outcome:?}")
        };
        assert_eq!(e.source.path, path);
        assert!(e.source.message().starts_with("invalid type: "), "{}", e.source);
    }
}

#[test]
fn blank_tokens_are_refused_when_the_client_is_built() {
    for token in ["", "   ", "\t"] {
        let built = Client::builder()
            .base_url("http://127.0.0.1:9")
            .bearer_token(token)
            .build();
        assert!(matches!(built, Err(BuildError::EmptyToken)), "{token:?}: {built:?}");
        assert!(matches!(Client::new(token), Err(BuildError::EmptyToken)));
    }
}

#[test]
fn user_info_in_the_base_url_is_refused_and_never_printed() {
    let url = "https://admin:hunter2-pw@api.example.com/core/v1";
    let built = Client::builder().base_url(url).bearer_token(TOKEN).build();
    let shown = format!("{built:?}");
    assert!(matches!(built, Err(BuildError::InvalidBaseUrl { .. })), "{shown}");
    let error = built.expect_err("refused");
    let shown = format!("{shown} {error}");
    assert!(!shown.contains("hunter2-pw"), "{shown}");
    assert!(shown.contains("user name or password"), "{shown}");
}

/// A TLS handshake that never completes: the request's time runs out while the connection is
/// still opening, so nothing was sent and the POST may be retried.
#[tokio::test]
async fn a_timeout_while_still_connecting_is_a_connect_failure_not_an_unknown_outcome() {
    let server = FaultServer::start(vec![Behaviour::Silent]).await;
    let url = server.url.replace("http://", "https://");
    let error = generate(&client(&url)).await.expect_err("never connects");
    let Error::Transport(t) = &error else {
        panic!("expected a connect failure, got {error:?}")
    };
    assert!(t.source.is_connect(), "{error}");
    assert_eq!(error.attempts(), 3);
    assert_eq!(server.received(), 0, "no HTTP request may have been read");
}

#[tokio::test]
async fn default_headers_that_would_reframe_or_reroute_the_post_are_refused_at_build() {
    let server = FaultServer::start(vec![credentials()]).await;
    for (name, value) in [
        ("Content-Length", "0"),
        ("Transfer-Encoding", "chunked"),
        ("Connection", "close"),
        ("Host", "other.example"),
        ("X-Forwarded-Host", "other.example"),
        ("X-HTTP-Method-Override", "DELETE"),
    ] {
        let built = Client::builder()
            .base_url(&server.url)
            .bearer_token(TOKEN)
            .default_header(name, value)
            .build();
        match built {
            Err(BuildError::ForbiddenHeader { name: refused, .. }) => assert_eq!(refused, name.to_ascii_lowercase()),
            other => panic!("{name}: {other:?}"),
        }
    }
    let huge = Client::builder()
        .base_url(&server.url)
        .bearer_token(TOKEN)
        .default_header("X-Api-Key", "k".repeat(64 * 1024))
        .build();
    assert!(matches!(huge, Err(BuildError::ForbiddenHeader { .. })), "{huge:?}");
    assert_eq!(server.received(), 0);

    // An ordinary key header is fine.
    let client = Client::builder()
        .base_url(&server.url)
        .bearer_token(TOKEN)
        .default_header("X-Api-Key", "k3y")
        .build()
        .expect("client");
    generate(&client).await.expect("credentials");
    assert_eq!(server.received(), 1);
}

// ---- What a hostile server puts in an error is never printed, nor passed off as a code ----

/// The documented 404's free-form `detail`, echoing the bearer token and a secret at any depth:
/// every way of printing the result shows the members' names, never their values.
#[tokio::test]
async fn an_error_detail_that_echoes_secrets_prints_none_of_them() {
    let echo = json!({"error": {
        "code": "object_storage_access_key_not_found",
        "description": "No access key was found",
        "detail": {"authorization": format!("Bearer {TOKEN}"), "nested": {"password": SECRET, "list": [SECRET]}}
    }});
    let server = FaultServer::start(vec![Behaviour::json(404, &echo)]).await;
    let outcome = generate(&client(&server.url)).await;
    let Err(Error::Api(error)) = &outcome else {
        panic!("expected the documented 404, got {outcome:?}")
    };
    assert!(matches!(error.error, GenerateError::NotFound(_)), "{error:?}");
    let shown = crate::support::everything_shown(&outcome);
    assert!(shown.contains("authorization") && shown.contains("password"), "{shown}");
    assert_no_secrets(&outcome);
}

/// A code followed by an invisible character is not the code it looks like, and `Display` shows
/// that it is not.
#[tokio::test]
async fn an_invisible_character_in_a_code_is_shown() {
    for hidden in ['\u{200b}', '\u{2060}', '\u{feff}', '\u{61c}'] {
        let code = format!("object_storage_access_key_not_found{hidden}");
        let server = FaultServer::start(vec![error(404, &code)]).await;
        let outcome = generate(&client(&server.url)).await;
        let Err(error) = &outcome else { panic!("{outcome:?}") };
        let shown = error.to_string();
        assert!(shown.contains(&format!("\\u{{{:x}}}", hidden as u32)), "{shown}");
        assert!(!shown.contains(hidden), "{shown}");
    }
}
