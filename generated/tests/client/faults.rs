//! Fault injection against a loopback server controlled at the socket level. Each scenario checks
//! the outcome and counts the requests the server read, proving that `generate_credentials` (a
//! POST: each success issues a new secret) is never sent twice after an ambiguous failure.
//! Every result is also checked for the token and the secret (`crate::support::assert_no_secrets`).

use std::time::{Duration, Instant};

use crate::support::{Behaviour, FaultServer, LogCapture, SECRET, TOKEN, assert_no_secrets};
use katapult_client::{
    Client, Error, ExposeSecret, ObjectStorageAccessKeyGenerateCredentialsError as GenerateError,
    ObjectStorageAccessKeyGenerateCredentialsResponse, ObjectStorageAccessKeyLookup, Response, RetryPolicy, WaitPolicy,
};
use serde_json::json;

const MAX_ATTEMPTS: u32 = 3;

fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: MAX_ATTEMPTS,
        max_total_wait: Duration::from_secs(3),
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
    }
}

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .bearer_token(TOKEN)
        .retry(fast_retries())
        .wait_policy(WaitPolicy {
            initial_interval: Duration::from_millis(10),
            max_interval: Duration::from_millis(40),
        })
        .timeout(Duration::from_millis(400))
        .build()
        .expect("client")
}

type Outcome = Result<Response<ObjectStorageAccessKeyGenerateCredentialsResponse>, Error<GenerateError>>;

async fn generate(client: &Client) -> Outcome {
    let outcome = client
        .object_storage_access_key_generate_credentials(ObjectStorageAccessKeyLookup::by_id("objkey_x"))
        .await;
    assert_no_secrets(&outcome);
    outcome
}

fn credentials() -> serde_json::Value {
    json!({"object_storage_access_key": {"id": "objkey_x", "s3_access_key_id": "AKID", "s3_secret_access_key": SECRET}})
}

fn error(status: u16, code: &str) -> Behaviour {
    Behaviour::json(
        status,
        &json!({"error": {"code": code, "description": "d", "detail": {}}}),
    )
    .with_header("X-Request-Id", &format!("req-{status}"))
}

async fn generate_when_ready(client: &Client, deadline: Duration) -> Outcome {
    let outcome = client
        .object_storage_access_key_generate_credentials_when_ready(
            ObjectStorageAccessKeyLookup::by_id("objkey_x"),
            deadline,
        )
        .await;
    assert_no_secrets(&outcome);
    outcome
}

fn expect_outcome_unknown(outcome: Outcome) -> Error<GenerateError> {
    let error = outcome.expect_err("no success");
    assert!(error.outcome_unknown(), "expected OutcomeUnknown, got {error:?}");
    assert!(error.to_string().contains("may have carried it out"), "{error}");
    let Error::OutcomeUnknown(unknown) = error else {
        unreachable!()
    };
    unknown.cause
}

#[tokio::test]
async fn connection_refused_is_retried_because_nothing_was_sent() {
    let client = client(&crate::support::refused_url());
    let error = generate(&client).await.expect_err("nothing listens");
    let Error::Transport(t) = &error else {
        panic!("{error:?}")
    };
    assert!(t.source.is_connect(), "{error}");
    assert_eq!(error.attempts(), MAX_ATTEMPTS);
}

#[tokio::test]
async fn reset_before_the_response_leaves_the_outcome_unknown() {
    let server = FaultServer::start(vec![Behaviour::ResetBeforeResponse]).await;
    let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
    assert!(matches!(cause, Error::Transport(_)), "{cause:?}");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn reset_mid_body_leaves_the_outcome_unknown() {
    let body = credentials().to_string().into_bytes();
    let server = FaultServer::start(vec![Behaviour::ResetMidBody {
        status: 200,
        sent: body.len() / 2,
        body,
    }])
    .await;
    let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
    assert!(matches!(cause, Error::Transport(_)), "{cause:?}");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn headers_never_sent_times_out_and_is_not_resent() {
    let server = FaultServer::start(vec![Behaviour::Silent]).await;
    let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
    let Error::Transport(t) = &cause else {
        panic!("{cause:?}")
    };
    assert!(t.source.is_timeout(), "{cause}");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_stalled_body_times_out_and_is_not_resent() {
    let body = credentials().to_string().into_bytes();
    let server = FaultServer::start(vec![Behaviour::StallBody {
        status: 200,
        sent: 10,
        body,
    }])
    .await;
    let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
    let Error::Transport(t) = &cause else {
        panic!("{cause:?}")
    };
    assert!(t.source.is_timeout(), "{cause}");
    assert_eq!(server.received(), 1);
}

/// A 2xx whose body cannot be read: the credentials were issued, and the error says so.
async fn unreadable_success(behaviour: Behaviour) -> Box<katapult_client::DecodeError> {
    let server = FaultServer::start(vec![behaviour]).await;
    let error = generate(&client(&server.url)).await.expect_err("undecodable");
    assert_eq!(server.received(), 1);
    assert!(error.to_string().contains("the request itself succeeded"), "{error}");
    match error {
        Error::Decode(e) => {
            assert_eq!(e.status.as_u16(), 200);
            e
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn truncated_json_is_a_decode_error() {
    let text = credentials().to_string();
    let e = unreadable_success(Behaviour::raw(
        200,
        "application/json",
        &text.as_bytes()[..text.len() - 3],
    ))
    .await;
    assert!(e.source.to_string().contains("EOF"), "{}", e.source);
}

#[tokio::test]
async fn an_empty_200_is_a_decode_error() {
    let e = unreadable_success(Behaviour::raw(200, "application/json", Vec::new())).await;
    assert!(e.body.is_empty());
}

#[tokio::test]
async fn invalid_utf8_is_a_decode_error() {
    let mut body = br#"{"object_storage_access_key": {"id": ""#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe]);
    body.extend_from_slice(br#""}}"#);
    let e = unreadable_success(Behaviour::raw(200, "application/json", body)).await;
    assert!(e.source.to_string().contains("invalid unicode"), "{}", e.source);
}

#[tokio::test]
async fn the_wrong_content_type_is_named_in_the_error() {
    let e = unreadable_success(Behaviour::raw(200, "text/html", "<html>login</html>")).await;
    assert_eq!(e.content_type.as_deref(), Some("text/html"));
    assert!(e.to_string().contains("`text/html`, not JSON"), "{e}");
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused_unread() {
    let server = FaultServer::start(vec![Behaviour::raw(
        200,
        "application/json",
        vec![b' '; 2 * 1024 * 1024],
    )])
    .await;
    let client = Client::builder()
        .base_url(&server.url)
        .bearer_token(TOKEN)
        .max_response_bytes(1024 * 1024)
        .build()
        .expect("client");
    let error = generate(&client).await.expect_err("too large");
    let Error::BodyTooLarge(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.limit, 1024 * 1024);
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_429_then_200_is_retried() {
    let server = FaultServer::start(vec![
        error(429, "rate_limit_reached"),
        Behaviour::json(200, &credentials()),
    ])
    .await;
    let response = generate(&client(&server.url)).await.expect("retried to success");
    assert_eq!(response.meta.attempts, 2);
    assert_eq!(server.received(), 2);
    let secret = response
        .object_storage_access_key
        .s3_secret_access_key
        .as_ref()
        .expect("secret");
    assert_eq!(secret.expose_secret(), SECRET);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = FaultServer::start(vec![
        error(429, "rate_limit_reached").with_header("Retry-After", "1"),
        Behaviour::json(200, &credentials()),
    ])
    .await;
    let started = Instant::now();
    let response = generate(&client(&server.url)).await.expect("retried to success");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(response.meta.attempts, 2);
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_budget_is_not_waited_for() {
    let server = FaultServer::start(vec![
        error(429, "rate_limit_reached").with_header("Retry-After", "3600"),
    ])
    .await;
    let error = generate(&client(&server.url)).await.expect_err("gives up");
    assert_eq!(
        error.meta().and_then(|m| m.retry_after),
        Some(Duration::from_secs(3600))
    );
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_429_forever_gives_up_after_its_attempts() {
    let server = FaultServer::start(vec![error(429, "rate_limit_reached")]).await;
    let error = generate(&client(&server.url)).await.expect_err("gives up");
    let Some(GenerateError::TooManyRequests(_)) = error.api_error() else {
        panic!("{error:?}")
    };
    assert_eq!(error.attempts(), MAX_ATTEMPTS);
    assert_eq!(error.request_id(), Some("req-429"));
    assert_eq!(server.received(), MAX_ATTEMPTS as usize);
}

#[tokio::test]
async fn a_documented_503_then_200_is_retried() {
    let server = FaultServer::start(vec![
        error(503, "service_unavailable"),
        Behaviour::json(200, &credentials()),
    ])
    .await;
    let response = generate(&client(&server.url)).await.expect("retried to success");
    assert_eq!(response.meta.attempts, 2);
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn a_500_is_not_retried_for_a_post() {
    let server = FaultServer::start(vec![
        Behaviour::raw(500, "text/plain", "oops"),
        Behaviour::json(200, &credentials()),
    ])
    .await;
    let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
    assert_eq!(cause.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_proxy_503_is_not_proof_enough_to_resend_a_post() {
    let server = FaultServer::start(vec![Behaviour::raw(503, "text/html", "<h1>upstream down</h1>")]).await;
    let cause = expect_outcome_unknown(generate(&client(&server.url)).await);
    assert!(matches!(cause, Error::Decode(_)), "{cause:?}");
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn the_wait_helper_waits_out_provisioning() {
    let provisioning = error(422, "object_storage_provisioning_error");
    let server = FaultServer::start(vec![
        provisioning.clone(),
        provisioning.clone(),
        provisioning,
        Behaviour::json(200, &credentials()),
    ])
    .await;
    let response = generate_when_ready(&client(&server.url), Duration::from_secs(10)).await;
    let response = response.expect("ready in the end");
    assert_eq!(
        response.object_storage_access_key.s3_access_key_id.as_deref(),
        Some("AKID")
    );
    assert_eq!(server.received(), 4);
}

#[tokio::test]
async fn the_wait_helper_gives_up_at_its_deadline_with_the_last_answer() {
    let server = FaultServer::start(vec![error(422, "object_storage_provisioning_error")]).await;
    let result = generate_when_ready(&client(&server.url), Duration::from_millis(300)).await;
    let error = result.expect_err("never ready");
    let Some(GenerateError::UnprocessableEntity(e)) = error.api_error() else {
        panic!("{error:?}")
    };
    assert_eq!(e.code.as_deref(), Some("object_storage_provisioning_error"));
    assert!(server.received() >= 2, "polled {} times", server.received());
}

#[tokio::test]
async fn the_wait_helper_does_not_wait_out_other_422s() {
    let server = FaultServer::start(vec![
        error(422, "validation_error"),
        Behaviour::json(200, &credentials()),
    ])
    .await;
    let result = generate_when_ready(&client(&server.url), Duration::from_secs(10)).await;
    let error = result.expect_err("a different 422 is final");
    assert_eq!(error.api_error().and_then(|e| e.code()), Some("validation_error"));
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn logs_carry_request_facts_but_never_the_token_or_the_secret() {
    let logs = LogCapture::install();
    let server = FaultServer::start(vec![
        error(429, "rate_limit_reached"),
        Behaviour::json(200, &credentials()).with_header("X-Request-Id", "req-ok"),
    ])
    .await;
    generate(&client(&server.url)).await.expect("success");
    let text = logs.text();
    assert!(text.contains("attempt=2"), "{text}");
    assert!(text.contains("status=200"), "{text}");
    assert!(
        text.contains("request_id=\"req-ok\"") || text.contains("request_id=req-ok"),
        "{text}"
    );
    assert!(
        text.contains("post:object_storage_access_key_generate_credentials"),
        "{text}"
    );
    assert!(!text.contains(TOKEN) && !text.contains(SECRET), "{text}");
}

#[test]
#[should_panic(expected = "is printed")]
fn the_secret_check_catches_a_leak() {
    let leaky: Result<(), std::io::Error> = Err(std::io::Error::other(format!("token was {TOKEN}")));
    assert_no_secrets(&leaky);
}
