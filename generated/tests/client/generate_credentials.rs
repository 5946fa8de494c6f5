//! The generated client against a real HTTP server on 127.0.0.1: every documented response of
//! `generate_credentials`, the forms the live API really sends, and the ways a response goes wrong.
//! Every result is also checked for the token and the secret (`crate::support::assert_no_secrets`).

use katapult_client::{
    Client, Error, ExposeSecret, ObjectStorageAccessKeyGenerateCredentialsError as GenerateError,
    ObjectStorageAccessKeyLookup, ObjectStorageAccessKeyStateEnum, PermissionDenied403, RetryPolicy,
};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{TOKEN, assert_no_secrets};

const KEY_ID: &str = "objkey_EKEAMCHzkhba9uak";
const ROUTE: &str = "/core/v1/object_storage/access_keys/access_key/generate_credentials";

/// A recorded exchange from `tests/fixtures`: `{request, response: {status, headers, body}}`.
struct Recorded {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

fn recorded(name: &str) -> Recorded {
    let text = match name {
        "200" => include_str!("fixtures/generate_credentials-200.json"),
        "403" => include_str!("fixtures/generate_credentials-403-permission_denied.json"),
        "422" => include_str!("fixtures/generate_credentials-422.json"),
        other => panic!("no fixture {other}"),
    };
    let exchange: Value = serde_json::from_str(text).expect("fixture is JSON");
    let response = &exchange["response"];
    Recorded {
        status: response["status"].as_u64().expect("status") as u16,
        headers: response["headers"]
            .as_object()
            .expect("headers")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().expect("header value").to_owned()))
            .collect(),
        body: response["body"].clone(),
    }
}

/// Serves `template` for the endpoint and returns the server and a client pointed at it. Retries
/// are off: these tests are about decoding; `faults.rs` tests retrying.
async fn serve(template: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(ROUTE))
        .respond_with(template)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/core/v1", server.uri()))
        .bearer_token(TOKEN)
        .retry(RetryPolicy::disabled())
        .build()
        .expect("client builds");
    (server, client)
}

fn json_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_raw(body.to_string(), "application/json")
        .insert_header("X-Api-Schema", "json-error")
        .insert_header("X-Request-Id", "req-123")
}

fn replay(recorded: &Recorded) -> ResponseTemplate {
    let mut template =
        ResponseTemplate::new(recorded.status).set_body_raw(recorded.body.to_string(), "application/json");
    for (name, value) in &recorded.headers {
        template = template.insert_header(name.as_str(), value.as_str());
    }
    template
}

async fn call(
    client: &Client,
) -> Result<
    katapult_client::Response<katapult_client::ObjectStorageAccessKeyGenerateCredentialsResponse>,
    Error<GenerateError>,
> {
    let result = client
        .object_storage_access_key_generate_credentials(ObjectStorageAccessKeyLookup::by_id(KEY_ID))
        .await;
    assert_no_secrets(&result);
    result
}

/// Calls the endpoint against a server that sends `body` with `status`; returns the documented error.
async fn api_error(status: u16, body: Value) -> (GenerateError, Option<String>) {
    let (_server, client) = serve(json_response(status, &body)).await;
    match call(&client).await {
        Err(Error::Api(e)) => {
            assert_eq!(e.status.as_u16(), status, "status kept");
            (e.error, e.meta.request_id)
        }
        other => panic!("expected a documented API error for {status}, got {other:?}"),
    }
}

fn wrapped(code: &str, description: &str, detail: Value) -> Value {
    json!({"error": {"code": code, "description": description, "detail": detail}})
}

#[tokio::test]
async fn recorded_200_gives_the_access_key_with_its_credentials() {
    let (server, client) = serve(replay(&recorded("200"))).await;
    let response = call(&client).await.expect("200 decodes");

    assert_eq!(response.status.as_u16(), 200);
    assert_eq!(
        response.meta.request_id.as_deref(),
        Some("92cea31b-c132-41d9-aece-7411d6dc5a33")
    );
    assert_eq!(response.meta.rate_limit, Some(1000));
    assert_eq!(response.meta.rate_limit_remaining, Some(998));
    // Every header the API sent is kept, read by name in any case.
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(response.header("X-RATELIMIT-PERMITTED"), Some("1000"));
    let key = &response.body.object_storage_access_key;
    assert_eq!(key.id.as_deref(), Some(KEY_ID));
    assert_eq!(key.name.as_deref(), Some("tf-acc-test-minimal-0pvcaetpzwei"));
    assert_eq!(key.created_at, Some(1786459966));
    assert_eq!(key.state, Some(ObjectStorageAccessKeyStateEnum::Pending));
    assert_eq!(key.all_buckets_read, Some(false));
    assert_eq!(key.read_buckets.as_deref(), Some(&[][..]));
    assert_eq!(key.server_url.as_deref(), Some("uk-lon-1.katapultobjects.com:443"));
    assert_eq!(
        key.s3_access_key_id.as_deref(),
        Some("14505c66bf28494b818666339a72db49")
    );
    let secret = key.s3_secret_access_key.as_ref().expect("secret present");
    assert_eq!(secret.expose_secret(), "redacted-0pVcAEtPZweI");

    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), ROUTE);
    assert_eq!(request.url.query(), None);
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().expect("ascii header"));
    assert_eq!(header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert_eq!(header("content-type"), Some("application/json"));
    assert_eq!(header("accept"), Some("application/json"));
    let sent: Value = serde_json::from_slice(&request.body).expect("JSON body");
    assert_eq!(sent, json!({"access_key": {"id": KEY_ID}}));
    assert_eq!(
        std::str::from_utf8(&request.body).expect("utf-8"),
        r#"{"access_key":{"id":"objkey_EKEAMCHzkhba9uak"}}"#
    );
}

#[tokio::test]
async fn recorded_403_is_permission_denied_with_its_detail() {
    let (_server, client) = serve(replay(&recorded("403"))).await;
    let Err(Error::Api(e)) = call(&client).await else {
        panic!("expected a documented error")
    };
    assert_eq!(e.status.as_u16(), 403);
    let GenerateError::Forbidden(PermissionDenied403::PermissionDenied(denied)) = &e.error else {
        panic!("expected permission_denied, got {:?}", e.error)
    };
    assert_eq!(
        denied.description.as_deref(),
        Some("The authenticated identity is not permitted to perform this action")
    );
    assert_eq!(
        denied.detail.as_ref().and_then(|d| d.details.as_deref()),
        Some("Additional information regarding the reason why permission was denied")
    );
    assert_eq!(e.error.code(), Some("permission_denied"));
    assert_eq!(e.error.status(), 403);
}

#[tokio::test]
async fn each_403_variant_decodes_as_itself() {
    let cases = [
        (
            "unauthorized_network_for_api_token",
            json!({"ip_address": "192.0.2.7"}),
            "UnauthorizedNetworkForApiToken",
        ),
        ("invalid_api_token", json!({"details": "expired"}), "InvalidApiToken"),
        ("invalid_capabilities_token", json!({}), "InvalidCapabilitiesToken"),
        (
            "scope_not_granted",
            json!({"scopes": ["object_storage"]}),
            "ScopeNotGranted",
        ),
        ("permission_denied", json!({"details": "no"}), "PermissionDenied"),
    ];
    for (code, detail, expected) in cases {
        let (error, request_id) = api_error(403, wrapped(code, "some description", detail)).await;
        assert_eq!(request_id.as_deref(), Some("req-123"));
        let GenerateError::Forbidden(forbidden) = &error else {
            panic!("{code}: expected Forbidden, got {error:?}")
        };
        let variant = match forbidden {
            PermissionDenied403::UnauthorizedNetworkForApiToken(v) => {
                assert_eq!(
                    v.detail.as_ref().and_then(|d| d.ip_address.as_deref()),
                    Some("192.0.2.7")
                );
                "UnauthorizedNetworkForApiToken"
            }
            PermissionDenied403::InvalidApiToken(v) => {
                assert_eq!(v.detail.as_ref().and_then(|d| d.details.as_deref()), Some("expired"));
                "InvalidApiToken"
            }
            PermissionDenied403::InvalidCapabilitiesToken(v) => {
                assert_eq!(v.detail, Some(serde_json::Map::new()));
                "InvalidCapabilitiesToken"
            }
            PermissionDenied403::ScopeNotGranted(v) => {
                assert_eq!(
                    v.detail.as_ref().and_then(|d| d.scopes.clone()),
                    Some(vec!["object_storage".to_owned()])
                );
                "ScopeNotGranted"
            }
            PermissionDenied403::PermissionDenied(v) => {
                assert_eq!(v.detail.as_ref().and_then(|d| d.details.as_deref()), Some("no"));
                "PermissionDenied"
            }
            other => panic!("{code} decoded as {other:?}"),
        };
        assert_eq!(variant, expected, "{code}");
        assert_eq!(error.code(), Some(code));
        assert_eq!(error.description(), Some("some description"));
        assert_eq!(error.to_string(), format!("HTTP 403 {code}: some description"));
        assert_eq!(error.status(), katapult_client::StatusCode::FORBIDDEN);
        assert_eq!(forbidden.to_string(), format!("{code}: some description"));
        assert_eq!(explain(&error), format!("{expected}: {code}: some description"));
    }
}

/// What a user's program writes, with nothing but this crate: every 403 variant shown with `{}`,
/// the status compared with the crate's own `StatusCode`.
fn explain(error: &GenerateError) -> String {
    use katapult_client::StatusCode;
    if error.status() != StatusCode::FORBIDDEN {
        return format!("not a 403: {error}");
    }
    let GenerateError::Forbidden(forbidden) = error else {
        return format!("undocumented: {error}");
    };
    match forbidden {
        PermissionDenied403::UnauthorizedNetworkForApiToken(e) => format!("UnauthorizedNetworkForApiToken: {e}"),
        PermissionDenied403::InvalidApiToken(e) => format!("InvalidApiToken: {e}"),
        PermissionDenied403::InvalidCapabilitiesToken(e) => format!("InvalidCapabilitiesToken: {e}"),
        PermissionDenied403::ScopeNotGranted(e) => format!("ScopeNotGranted: {e}"),
        PermissionDenied403::PermissionDenied(e) => format!("PermissionDenied: {e}"),
        PermissionDenied403::Unknown(e) => format!("Unknown: {e}"),
        other => format!("newer: {other}"),
    }
}

#[test]
fn the_crate_re_exports_what_its_api_names() {
    // The crates of `format: uuid` and `date-time` values and the stream trait of the `…_all`
    // listings come with the client: a user adds no dependency to build or read them.
    let id = katapult_client::uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").expect("uuid");
    assert_eq!(id.to_string(), "67e55044-10b1-426f-9247-bb680e5fe0c8");
    let at = katapult_client::chrono::DateTime::parse_from_rfc3339("2026-12-04T10:00:00+01:00").expect("date-time");
    assert_eq!(at.timestamp(), 1_796_374_800);
    fn is_stream_ext<S: katapult_client::StreamExt>(_: &S) {}
    is_stream_ext(&futures_util::stream::iter([1]));
}

#[tokio::test]
async fn the_live_api_sends_empty_detail_where_fields_are_documented() {
    let (error, _) = api_error(403, wrapped("scope_not_granted", "d", json!({}))).await;
    let GenerateError::Forbidden(PermissionDenied403::ScopeNotGranted(v)) = error else {
        panic!("{error:?}")
    };
    assert_eq!(v.detail.and_then(|d| d.scopes), None);
}

#[tokio::test]
async fn an_unknown_403_code_is_kept_whole() {
    let detail = json!({"reason": "new", "n": 3});
    let (error, _) = api_error(
        403,
        wrapped("account_suspended", "Your account is suspended", detail.clone()),
    )
    .await;
    let GenerateError::Forbidden(PermissionDenied403::Unknown(unknown)) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(unknown.tag.as_deref(), Some("account_suspended"));
    assert_eq!(unknown.str_field("description"), Some("Your account is suspended"));
    assert_eq!(unknown.field("detail"), Some(&detail));
    assert_eq!(error.code(), Some("account_suspended"));
    assert_eq!(error.description(), Some("Your account is suspended"));
    assert_eq!(
        explain(&error),
        "Unknown: account_suspended (a variant this client does not know)"
    );
}

#[tokio::test]
async fn every_other_documented_status_decodes_wrapped() {
    let (error, _) = api_error(400, wrapped("missing_api_token", "No API token", json!({}))).await;
    let GenerateError::BadRequest(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.description.as_deref(), Some("No API token"));
    assert_eq!(error.code(), Some("missing_api_token"));

    let (error, _) = api_error(404, wrapped("object_storage_access_key_not_found", "No key", json!({}))).await;
    assert!(matches!(&error, GenerateError::NotFound(_)), "{error:?}");
    assert_eq!(error.code(), Some("object_storage_access_key_not_found"));

    let (error, _) = api_error(
        406,
        wrapped("task_queueing_error", "Queue down", json!({"details": "busy"})),
    )
    .await;
    let GenerateError::NotAcceptable(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.detail.as_ref().and_then(|d| d.details.as_deref()), Some("busy"));

    let recorded_422 = recorded("422");
    let (_server, client) = serve(replay(&recorded_422)).await;
    let Err(Error::Api(e)) = call(&client).await else {
        panic!("expected 422")
    };
    assert_eq!(e.status.as_u16(), 422);
    assert_eq!(
        e.meta.request_id.as_deref(),
        Some("a9845628-4f7f-4723-8e8b-46cf7840b6d5")
    );
    assert_eq!(e.meta.rate_limit_remaining, Some(993));
    let GenerateError::UnprocessableEntity(p) = &e.error else {
        panic!("{:?}", e.error)
    };
    assert_eq!(p.code.as_deref(), Some("object_storage_provisioning_error"));
    assert_eq!(
        p.description.as_deref(),
        Some("Provisioning is in progress. Please try again later.")
    );

    let (error, _) = api_error(
        429,
        wrapped("rate_limit_reached", "Slow down", json!({"total_permitted": 1000})),
    )
    .await;
    let GenerateError::TooManyRequests(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.detail.as_ref().and_then(|d| d.total_permitted), Some(1000));

    let (error, _) = api_error(503, wrapped("service_unavailable", "Down", json!({}))).await;
    assert!(matches!(&error, GenerateError::ServiceUnavailable(_)), "{error:?}");
    assert_eq!(error.to_string(), "HTTP 503 service_unavailable: Down");
}

#[tokio::test]
async fn the_bare_form_the_document_describes_also_decodes() {
    let bare = json!({"code": "permission_denied", "description": "bare", "detail": {"details": "x"}});
    let (error, _) = api_error(403, bare).await;
    let GenerateError::Forbidden(PermissionDenied403::PermissionDenied(v)) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(v.description.as_deref(), Some("bare"));

    let (error, _) = api_error(
        429,
        json!({"code": "rate_limit_reached", "detail": {"total_permitted": 5}}),
    )
    .await;
    let GenerateError::TooManyRequests(e) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(e.detail.as_ref().and_then(|d| d.total_permitted), Some(5));
}

#[tokio::test]
async fn a_documented_status_with_another_code_is_undocumented_and_keeps_that_code() {
    let (error, _) = api_error(404, wrapped("route_not_found", "No route", json!({"path": "/x"}))).await;
    let GenerateError::Undocumented(undocumented) = &error else {
        panic!("a 404 that is not `object_storage_access_key_not_found`: {error:?}")
    };
    assert_eq!(undocumented.status, 404);
    assert_eq!(undocumented.code.as_deref(), Some("route_not_found"));
    assert_eq!(undocumented.body.field("detail"), Some(&json!({"path": "/x"})));
    assert_eq!(error.status(), 404);
    assert_eq!(error.code(), Some("route_not_found"));
    assert_eq!(error.description(), Some("No route"));
    assert_eq!(error.to_string(), "HTTP 404 route_not_found: No route");

    // No code at all (a gateway's JSON on a documented status) is not the documented error either.
    let (error, _) = api_error(422, json!({"message": "bad gateway"})).await;
    assert!(
        matches!(&error, GenerateError::Undocumented(u) if u.code.is_none() && u.status == 422),
        "{error:?}"
    );

    // The documented code still decodes into the documented type.
    let (error, _) = api_error(404, wrapped("object_storage_access_key_not_found", "gone", json!({}))).await;
    assert!(matches!(&error, GenerateError::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn an_api_error_display_neutralises_control_characters() {
    let (error, _) = api_error(
        422,
        wrapped(
            "object_storage_provisioning_error",
            "line one\nERROR forged line\u{1b}[2J\u{202e}",
            json!({}),
        ),
    )
    .await;
    let shown = error.to_string();
    assert!(!shown.chars().any(|c| c.is_control() || c == '\u{202e}'), "{shown:?}");
    assert!(shown.contains("line one\\u{a}ERROR forged line"), "{shown}");
    // The value itself is kept as sent.
    assert_eq!(
        error.description(),
        Some("line one\nERROR forged line\u{1b}[2J\u{202e}")
    );
}

#[tokio::test]
async fn an_undocumented_status_is_kept_with_headers_and_body() {
    let template = ResponseTemplate::new(418)
        .set_body_raw("I'm a teapot", "text/plain")
        .insert_header("X-Request-Id", "tea");
    let (_server, client) = serve(template).await;
    let Err(Error::UnexpectedStatus(e)) = call(&client).await else {
        panic!("expected UnexpectedStatus")
    };
    assert_eq!(e.status.as_u16(), 418);
    assert_eq!(&e.body[..], b"I'm a teapot");
    assert_eq!(
        e.headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("text/plain")
    );
    assert_eq!(e.meta.request_id.as_deref(), Some("tea"));
}

#[tokio::test]
async fn a_proxy_error_page_is_kept_and_the_post_outcome_is_unknown() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let (server, client) = serve(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;
    let error = call(&client).await.expect_err("a 502 is not a success");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    let Error::OutcomeUnknown(unknown) = &error else {
        panic!("{error:?}")
    };
    let Error::UnexpectedStatus(e) = &unknown.cause else {
        panic!("{error:?}")
    };
    assert_eq!(&e.body[..], page.as_bytes());
    assert!(error.to_string().contains("502"), "{error}");
    assert!(error.to_string().contains("may have carried it out"), "{error}");
    assert_eq!(
        server.received_requests().await.map(|r| r.len()),
        Some(1),
        "a POST is not sent again after a 502"
    );
}

#[tokio::test]
async fn a_200_without_the_access_key_is_a_decode_error_with_the_body_kept() {
    let body = json!({"something_else": true});
    let (_server, client) = serve(json_response(200, &body)).await;
    let Err(Error::Decode(e)) = call(&client).await else {
        panic!("expected Decode")
    };
    assert_eq!(e.status.as_u16(), 200);
    assert_eq!(e.body, body.to_string().as_bytes());
    assert!(
        e.source.to_string().contains("object_storage_access_key"),
        "{}",
        e.source
    );
}

#[tokio::test]
async fn a_documented_status_with_a_malformed_body_is_a_decode_error_with_its_path() {
    let body = json!({"error": {"code": "rate_limit_reached", "detail": {"total_permitted": "lots"}}});
    let (_server, client) = serve(json_response(429, &body)).await;
    let Err(Error::Decode(e)) = call(&client).await else {
        panic!("expected Decode")
    };
    assert_eq!(e.status.as_u16(), 429);
    assert_eq!(e.source.path, "error.detail.total_permitted");
    assert_eq!(e.body, body.to_string().as_bytes());
}
