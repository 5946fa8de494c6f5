//! The typed mocks (`--features mock`) as a user's tests meet them: each operation's expectation
//! matches on the method's own arguments and answers with a typed success or documented error in
//! the live API's envelope, and the client reads back exactly the value the test gave.

use futures_util::StreamExt;
use katapult_client::{
    Error, ExposeSecret, GetOrganizationObjectStorageAccessKeysError as ListError,
    GetOrganizationObjectStorageAccessKeysOptions as ListOptions, GetOrganizationObjectStorageAccessKeysResponse,
    InvalidApiTokenSchema, InvalidCapabilitiesTokenSchema, MockServer, ObjectStorageAccessKey,
    ObjectStorageAccessKeyGenerateCredentialsError as GenerateError, ObjectStorageAccessKeyGenerateCredentialsResponse,
    ObjectStorageAccessKeyLookup, ObjectStorageAccessKeyStateEnum, ObjectStorageProvisioningErrorResponse,
    OrganizationLookup, PaginationObject, PermissionDenied403, PermissionDeniedSchema, ScopeNotGrantedErrorSchema,
    UnauthorizedNetworkForApiTokenSchema, UnknownVariant,
};
use serde_json::{Value, json};

const KEY_ID: &str = "objkey_EKEAMCHzkhba9uak";
const SECRET: &str = "s3cr3t-Zq8vW2pL0xYt";

fn key() -> ObjectStorageAccessKeyLookup {
    ObjectStorageAccessKeyLookup::by_id(KEY_ID)
}

fn issued_key() -> ObjectStorageAccessKey {
    ObjectStorageAccessKey::new()
        .with_id(KEY_ID)
        .with_name("backups")
        .with_state(ObjectStorageAccessKeyStateEnum::Configured)
        .with_s3_access_key_id("AKIAEXAMPLE")
        .with_s3_secret_access_key(SECRET)
}

fn scope_not_granted() -> GenerateError {
    GenerateError::Forbidden(PermissionDenied403::ScopeNotGranted(
        ScopeNotGrantedErrorSchema::new().with_description("The scope object_storage has not been granted"),
    ))
}

/// What the client makes of the mock's answer to `generate_credentials` for `key()`: an error.
async fn refused(server: &MockServer) -> Error<GenerateError> {
    match server
        .client()
        .object_storage_access_key_generate_credentials(key())
        .await
    {
        Ok(response) => panic!("an error, got HTTP {}", response.status),
        Err(error) => error,
    }
}

/// What a plain HTTP client receives for `POST` of `body` to the endpoint: status and JSON.
async fn raw_post(server: &MockServer, body: Value) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(format!(
            "{}/object_storage/access_keys/access_key/generate_credentials",
            server.uri()
        ))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("the mock answers");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.expect("a body");
    (status, serde_json::from_slice(&bytes).expect("a JSON body"))
}

#[tokio::test]
async fn a_typed_success_comes_back_as_the_same_value_secret_included() {
    let server = MockServer::start().await;
    server
        .object_storage_access_key_generate_credentials()
        .matching(key())
        .ok(ObjectStorageAccessKeyGenerateCredentialsResponse::new(issued_key()))
        .times(1)
        .mount()
        .await;

    let response = server
        .client()
        .object_storage_access_key_generate_credentials(key())
        .await
        .expect("the mocked 200");
    assert_eq!(response.status.as_u16(), 200);
    let issued = &response.body.object_storage_access_key;
    assert_eq!(issued.id.as_deref(), Some(KEY_ID));
    assert_eq!(issued.state, Some(ObjectStorageAccessKeyStateEnum::Configured));
    let secret = issued.s3_secret_access_key.as_ref().expect("the secret");
    assert_eq!(secret.expose_secret(), SECRET);
    server.verify().await;
}

#[tokio::test]
async fn a_documented_error_is_sent_in_the_envelope_and_decoded_as_its_variant() {
    let server = MockServer::start().await;
    server
        .object_storage_access_key_generate_credentials()
        .error(scope_not_granted())
        .mount()
        .await;

    // On the wire: the live API's form, `{"error": {...}}` with the variant's code.
    let (status, body) = raw_post(&server, json!({"access_key": {"id": KEY_ID}})).await;
    assert_eq!(status, 403);
    assert_eq!(
        body,
        json!({"error": {"code": "scope_not_granted", "description": "The scope object_storage has not been granted"}})
    );

    let error = refused(&server).await;
    let Error::Api(api) = &error else {
        panic!("an API error, got {error:?}");
    };
    assert_eq!(api.error, scope_not_granted());
    assert_eq!(api.status.as_u16(), 403);
    assert_eq!(api.error.code(), Some("scope_not_granted"));
}

#[tokio::test]
async fn every_variant_of_the_403_round_trips_with_its_own_code() {
    // `new()` sets each error object's `code` to its one value: the decoded value is the one sent.
    let variants = [
        (
            PermissionDenied403::PermissionDenied(PermissionDeniedSchema::new()),
            "permission_denied",
        ),
        (
            PermissionDenied403::InvalidApiToken(InvalidApiTokenSchema::new()),
            "invalid_api_token",
        ),
        (
            PermissionDenied403::UnauthorizedNetworkForApiToken(UnauthorizedNetworkForApiTokenSchema::new()),
            "unauthorized_network_for_api_token",
        ),
        (
            PermissionDenied403::InvalidCapabilitiesToken(InvalidCapabilitiesTokenSchema::new()),
            "invalid_capabilities_token",
        ),
        (scope_not_granted_variant(), "scope_not_granted"),
    ];
    for (variant, code) in variants {
        let server = MockServer::start().await;
        let sent = GenerateError::Forbidden(variant);
        server
            .object_storage_access_key_generate_credentials()
            .error(sent.clone())
            .mount()
            .await;
        let (_, body) = raw_post(&server, json!({})).await;
        assert_eq!(
            body["error"]["code"], code,
            "{code}: the wire carries the variant's code"
        );
        let error = refused(&server).await;
        let decoded = error.api_error().expect("an API error");
        assert_eq!(decoded, &sent, "{code}: decoded as the variant sent");
    }
}

fn scope_not_granted_variant() -> PermissionDenied403 {
    match scope_not_granted() {
        GenerateError::Forbidden(variant) => variant,
        other => panic!("a 403, got {other:?}"),
    }
}

#[tokio::test]
async fn a_variant_the_client_does_not_know_keeps_its_code() {
    let server = MockServer::start().await;
    let mut members = serde_json::Map::new();
    members.insert("description".into(), json!("Too many keys"));
    let unknown = UnknownVariant {
        tag: Some("key_quota_exceeded".into()),
        fields: members,
    };
    server
        .object_storage_access_key_generate_credentials()
        .error(GenerateError::Forbidden(PermissionDenied403::Unknown(unknown)))
        .mount()
        .await;
    let (_, body) = raw_post(&server, json!({})).await;
    assert_eq!(
        body,
        json!({"error": {"code": "key_quota_exceeded", "description": "Too many keys"}})
    );
    let error = refused(&server).await;
    match error.api_error() {
        Some(GenerateError::Forbidden(PermissionDenied403::Unknown(kept))) => {
            assert_eq!(kept.tag.as_deref(), Some("key_quota_exceeded"));
            assert_eq!(kept.str_field("description"), Some("Too many keys"));
        }
        other => panic!("the unknown variant, got {other:?}"),
    }
}

#[tokio::test]
async fn matching_takes_the_methods_arguments_and_nothing_else_matches() {
    let server = MockServer::start().await;
    server
        .object_storage_access_key_generate_credentials()
        .matching(key())
        .ok(ObjectStorageAccessKeyGenerateCredentialsResponse::new(issued_key()))
        .times(1)
        .mount()
        .await;
    let client = server.client();

    let other_key = ObjectStorageAccessKeyLookup::by_id("objkey_someoneelse");
    let error = client
        .object_storage_access_key_generate_credentials(other_key)
        .await
        .expect_err("no expectation matches another key");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404), "{error}");
    client
        .object_storage_access_key_generate_credentials(key())
        .await
        .expect("the matching call");
    server.verify().await;

    let received = server.received_requests().await;
    assert_eq!(received.len(), 2);
    let sent: Value = received[1].body_json().expect("JSON");
    assert_eq!(sent, json!({"access_key": {"id": KEY_ID}}));
}

#[tokio::test]
async fn an_unmet_call_count_fails_the_test() {
    // The expectation's check runs when the server is dropped (or on `verify`): a test that
    // expected two calls and made one fails, naming the operation and the counts, and printing
    // nothing of the request (its bearer token, its path, its body).
    let outcome = tokio::spawn(async {
        let server = MockServer::start().await;
        server
            .object_storage_access_key_generate_credentials()
            .error(scope_not_granted())
            .times(2)
            .mount()
            .await;
        let client = server.client();
        let _ = client
            .object_storage_access_key_generate_credentials(ObjectStorageAccessKeyLookup::by_id(KEY_ID))
            .await;
        server.verify().await;
    })
    .await;
    let panic = outcome.expect_err("verify fails").into_panic();
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    assert!(
        message.contains("post:object_storage_access_key_generate_credentials") && message.contains("got 1"),
        "{message}"
    );
    for private in ["mock-token", "Bearer", KEY_ID, "authorization"] {
        assert!(!message.contains(private), "`{private}` in {message}");
    }
}

#[tokio::test]
async fn an_unmet_call_count_fails_when_the_server_is_dropped_without_printing_requests() {
    let outcome = tokio::spawn(async {
        let server = MockServer::start().await;
        server
            .object_storage_access_key_generate_credentials()
            .error(scope_not_granted())
            .times(3)
            .mount()
            .await;
        let _ = server
            .client()
            .object_storage_access_key_generate_credentials(ObjectStorageAccessKeyLookup::by_id(KEY_ID))
            .await;
    })
    .await;
    let panic = outcome.expect_err("the drop checks the count").into_panic();
    let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("expected 3 matching call(s), got 1"), "{message}");
    assert!(
        !message.contains("mock-token") && !message.contains(KEY_ID),
        "{message}"
    );
}

#[tokio::test]
async fn options_match_as_query_parameters_and_listings_walk_mocked_pages() {
    let server = MockServer::start().await;
    let organization = OrganizationLookup::by_sub_domain("acme");
    let page = |n: i64, ids: &[&str]| {
        GetOrganizationObjectStorageAccessKeysResponse::new(
            PaginationObject::new()
                .with_current_page(n)
                .with_total_pages(2)
                .with_per_page(2),
            ids.iter()
                .map(|id| ObjectStorageAccessKey::new().with_id(*id))
                .collect::<Vec<_>>(),
        )
    };
    for (n, ids) in [(1, ["objkey_a", "objkey_b"]), (2, ["objkey_c", "objkey_d"])] {
        server
            .get_organization_object_storage_access_keys()
            .matching(
                ListOptions::default()
                    .with_organization(organization.clone())
                    .with_page(n),
            )
            .ok(page(n, &ids))
            .times(1)
            .mount()
            .await;
    }

    let keys: Vec<String> = server
        .client()
        .get_organization_object_storage_access_keys_all(ListOptions::default().with_organization(organization))
        .map(|key| key.expect("a key").id.unwrap_or_default())
        .collect()
        .await;
    assert_eq!(keys, ["objkey_a", "objkey_b", "objkey_c", "objkey_d"]);
    server.verify().await;
}

#[tokio::test]
async fn a_mocked_error_of_a_listing_is_its_own_operations_error() {
    let server = MockServer::start().await;
    server
        .get_organization_object_storage_access_keys()
        .respond_with(503, json!({"error": {"code": "service_unavailable"}}))
        .mount()
        .await;
    let error = server
        .client()
        .get_organization_object_storage_access_keys(ListOptions::default())
        .await
        .expect_err("a 503");
    assert!(
        matches!(error.api_error(), Some(ListError::ServiceUnavailable(_))),
        "{error:?}"
    );
}

#[tokio::test]
async fn when_ready_waits_out_a_mocked_provisioning_answer() {
    let server = MockServer::start().await;
    // Mounted first, so tried first: the first call is still provisioning.
    server
        .object_storage_access_key_generate_credentials()
        .matching(key())
        .error(GenerateError::UnprocessableEntity(
            ObjectStorageProvisioningErrorResponse::new(),
        ))
        .up_to(1)
        .mount()
        .await;
    server
        .object_storage_access_key_generate_credentials()
        .matching(key())
        .ok(ObjectStorageAccessKeyGenerateCredentialsResponse::new(issued_key()))
        .times(1)
        .mount()
        .await;

    let client = server
        .client_builder::<katapult_client::Client>()
        .wait_policy(katapult_client::WaitPolicy {
            initial_interval: std::time::Duration::from_millis(1),
            max_interval: std::time::Duration::from_millis(1),
        })
        .build()
        .expect("a client");
    let response = client
        .object_storage_access_key_generate_credentials_when_ready(key(), std::time::Duration::from_secs(10))
        .await
        .expect("ready after one 422");
    assert_eq!(response.body.object_storage_access_key.id.as_deref(), Some(KEY_ID));
    assert_eq!(server.received_requests().await.len(), 2);
    server.verify().await;
}
