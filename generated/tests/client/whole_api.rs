//! The whole Core API (`--features full`): what operations beyond generate_credentials put on
//! the wire.

#![cfg(feature = "full")]

use katapult_client::{Client, Error, GetOrganizationVirtualMachinesOptions};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn client_for(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .build()
        .expect("client")
}

#[tokio::test]
async fn bracketed_query_parameters_and_rows_of_an_array_of_objects() {
    let server = MockServer::start().await;
    let body = json!({"pagination": {"current_page": 2, "per_page": 5}, "virtual_machines": []});
    Mock::given(method("GET"))
        .and(path("/organizations/organization/virtual_machines"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    let options = GetOrganizationVirtualMachinesOptions::default()
        // The same lookup type request bodies use, sent as `organization[sub_domain]=…`.
        .with_organization(katapult_client::OrganizationLookup::by_sub_domain("acme & co"))
        // Rows of `annotations[][key]`/`[value]`: the `KeyValue` type request bodies use.
        .with_annotations(vec![
            katapult_client::KeyValue::new("env").with_value("prod"),
            katapult_client::KeyValue::new("team").with_value("web"),
            // A row without a value still sends its value column, empty: the columns must
            // keep one length, or a server pairing them by position pairs the wrong ones.
            katapult_client::KeyValue::new("unset"),
            katapult_client::KeyValue::new("last").with_value("v"),
        ])
        .with_page(2)
        .with_per_page(5);
    let response = client.get_organization_virtual_machines(options).await.expect("200");
    assert!(response.virtual_machines.is_empty());

    let requests = server.received_requests().await.expect("recorded");
    let query = requests[0].url.query().expect("query string");
    assert_eq!(
        query,
        "organization%5Bsub_domain%5D=acme+%26+co\
         &annotations%5B%5D%5Bkey%5D=env&annotations%5B%5D%5Bvalue%5D=prod\
         &annotations%5B%5D%5Bkey%5D=team&annotations%5B%5D%5Bvalue%5D=web\
         &annotations%5B%5D%5Bkey%5D=unset&annotations%5B%5D%5Bvalue%5D=\
         &annotations%5B%5D%5Bkey%5D=last&annotations%5B%5D%5Bvalue%5D=v\
         &page=2&per_page=5"
    );
    assert!(requests[0].body.is_empty(), "a GET sends no body");
}

#[tokio::test]
async fn a_text_plain_response_is_a_string() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/virtual_machine/authorized_keys"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("ssh-ed25519 AAAA key\n", "text/plain"))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    let result = client.get_virtual_machine_authorized_keys().await;
    match result {
        Ok(response) => assert_eq!(response.body, "ssh-ed25519 AAAA key\n"),
        Err(Error::Decode(e)) => panic!("text decoded as JSON: {e}"),
        Err(other) => panic!("{other}"),
    }
}

#[tokio::test]
async fn an_idempotent_get_is_retried_after_a_500_but_a_post_is_not() {
    use katapult_client::RetryPolicy;
    let server = MockServer::start().await;
    let body = json!({"pagination": {}, "virtual_machines": []});
    Mock::given(method("GET"))
        .and(path("/organizations/organization/virtual_machines"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/organizations/organization/virtual_machines"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t")
        .retry(RetryPolicy {
            initial_backoff: std::time::Duration::from_millis(5),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    let response = client
        .get_organization_virtual_machines(Default::default())
        .await
        .expect("retried");
    assert_eq!(response.meta.attempts, 2);

    let error = client.invalidate_linked_web_session().await.expect_err("500");
    assert!(error.outcome_unknown(), "{error:?}");
    let posts = server
        .received_requests()
        .await
        .expect("recorded")
        .iter()
        .filter(|r| r.method.as_str() == "POST")
        .count();
    assert_eq!(posts, 1);
}
