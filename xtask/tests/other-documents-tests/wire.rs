//! Copied into the other-documents crate by `other_documents.rs` and run there: what the
//! constructs other APIs use put on the wire, and what their answers decode to.

use other_documents::constructs::{
    Client, CreateThingOptions, CreateThingSuccess, CreateTokenOptions, Error, HealthError, ListThingsError,
    ListThingsColor, ListThingsOptions, ListThingsTheme, ThingsExistError,
};
use wiremock::matchers::{body_string, header, header_exists, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn client_for(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().expect("client")
}

/// A client that sends each request once: what a status means, not how the client retries it.
fn client_without_retries(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .retry(other_documents::constructs::RetryPolicy::disabled())
        .build()
        .expect("client")
}

fn received(requests: &[Request]) -> &Request {
    assert_eq!(requests.len(), 1, "one request");
    &requests[0]
}

/// `value` decoded as `T`, once it is seen to encode back to the same JSON (nothing dropped,
/// nothing added).
fn decoded_unchanged<T: serde::de::DeserializeOwned + serde::Serialize>(value: &serde_json::Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).expect("decodes");
    assert_eq!(&serde_json::to_value(&decoded).expect("encodes"), value, "goes back out as it came");
    decoded
}

#[tokio::test]
async fn header_parameters_are_sent_and_the_accept_header_stays_the_clients() {
    let server = MockServer::start().await;
    let dogs = serde_json::json!([{"id": 7, "name": "Rex", "tag": "good", "barks": true}]);
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(header("X-Tenant-Id", "acme"))
        .and(header("X-Trace", "42"))
        .and(query_param("limit", "3"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/vnd.api+json")
                .set_body_json(dogs),
        )
        .mount(&server)
        .await;
    let options = ListThingsOptions::default()
        .with_x_trace(42)
        .with_x_tags(vec!["a".into(), "b".into()])
        .with_limit(3)
        .with_session("s 1;x")
        .with_theme(ListThingsTheme::Dark)
        .with_ids(vec![4, 5])
        .with_words(vec!["a b".into(), "c".into()])
        .with_color(ListThingsColor::new().with_r(100).with_g(200))
        .with_maybe(vec![Some("x".into()), None, Some("y".into())]);
    let dogs = client_for(&server).await.list_things("acme", options).await.expect("200");
    // `allOf` inheritance: Dog = Pet (= NewPet + id) + barks, every field kept.
    assert_eq!(dogs[0].id, 7);
    assert_eq!(dogs[0].name, "Rex");
    assert_eq!(dogs[0].tag.as_deref(), Some("good"));
    assert_eq!(dogs[0].barks, Some(true));
    let requests = server.received_requests().await.expect("recorded");
    let sent = |name: &str| received(&requests).headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(sent("accept"), Some("application/json"));
    assert_eq!(sent("x-tags"), Some("a, b"));
    // Cookies share one header, each value encoded where a cookie cannot carry it.
    assert_eq!(sent("cookie"), Some("session=s%201%3Bx; theme=dark"));
    // Pipe- and space-delimited arrays are one parameter, their items joined.
    let query = received(&requests).url.query().unwrap_or_default().to_owned();
    assert!(query.contains("ids=4%7C5"), "{query}");
    assert!(query.contains("words=a+b+c") || query.contains("words=a%20b%20c"), "{query}");
    // An object's names and values, joined likewise; an absent item sends nothing.
    assert!(query.contains("color=G%7C200%7CR%7C100"), "{query}");
    assert!(query.contains("maybe=x+y") || query.contains("maybe=x%20y"), "{query}");
}

#[tokio::test]
async fn a_header_value_with_a_line_break_is_refused_before_sending() {
    let server = MockServer::start().await;
    let error = client_for(&server)
        .await
        .list_things("acme\r\nX-Evil: 1", ListThingsOptions::default())
        .await
        .expect_err("refused");
    assert!(matches!(error, Error::InvalidArgument(_)), "{error:?}");
    assert!(server.received_requests().await.expect("recorded").is_empty());
}

#[tokio::test]
async fn status_ranges_and_default_keep_the_status_they_came_with() {
    for (status, content_type, body, expected) in [
        (404, "application/json", r#"{"title": "none"}"#, "404"),
        (409, "application/problem+json", r#"{"title": "conflict"}"#, "4XX"),
        (503, "application/json", r#"{"title": "down"}"#, "5XX"),
        (302, "text/plain", "moved", "default"),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(status).insert_header("content-type", content_type).set_body_string(body))
            .mount(&server)
            .await;
        let client = client_without_retries(&server);
        let error = client.list_things("acme", ListThingsOptions::default()).await.expect_err("error");
        let api = error.api_error().unwrap_or_else(|| panic!("{status}: {error:?}"));
        assert_eq!(api.status(), status);
        let kind = match api {
            ListThingsError::NotFound(p) => {
                assert_eq!(p.title.as_deref(), Some("none"));
                "404"
            }
            ListThingsError::ClientError { status, body } if *status == 409 => {
                assert_eq!(body.title.as_deref(), Some("conflict"));
                "4XX"
            }
            ListThingsError::ServerError { status, body } if *status == 503 => {
                assert_eq!(body.title.as_deref(), Some("down"));
                "5XX"
            }
            ListThingsError::Other { status, body } if *status == 302 => {
                assert_eq!(body, "moved");
                "default"
            }
            other => panic!("{status} decoded as {other:?}"),
        };
        assert_eq!(kind, expected);
    }
}

/// Error bodies that are not objects of their own (a uuid, a number, a date that may be `null`,
/// a list of objects that hold secrets) decode into their variants; a status listed on its own
/// is not also the range's. The request's write-only one-value member goes out as its value.
#[tokio::test]
async fn error_bodies_of_any_type_decode_and_a_listed_status_is_not_the_ranges() {
    use other_documents::constructs::RedeemCodeError;
    let id = "6f1c0a4e-3b1d-4c55-9a8e-2f0d6e7b9c10";
    for (status, body) in [
        (400, format!("\"{id}\"")),
        (409, r#"[{"login": "ann", "password": "hunter2", "labels": {"team": {"blue": {}}}}]"#.to_owned()),
        (404, "null".to_owned()),
        (404, r#"{"title": "no such code"}"#.to_owned()),
        (429, "30".to_owned()),
        (503, r#""2026-12-08""#.to_owned()),
        (502, "null".to_owned()),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/codes"))
            .and(body_string(r#"{"kind":"redemption","code":"c-1"}"#))
            .respond_with(
                ResponseTemplate::new(status).insert_header("content-type", "application/json").set_body_string(&body),
            )
            .mount(&server)
            .await;
        let client = client_without_retries(&server);
        let error = client.redeem_code("c-1").await.expect_err("an error");
        // A 5xx to a POST leaves its outcome unknown; the documented error is its cause.
        let api = match &error {
            Error::OutcomeUnknown(unknown) => unknown.cause.api_error(),
            other => other.api_error(),
        };
        let api = api.unwrap_or_else(|| panic!("{status}: {error:?}"));
        match (status, api) {
            (400, RedeemCodeError::BadRequest(uuid)) => assert_eq!(uuid.to_string(), id),
            (409, RedeemCodeError::Conflict(issued)) => {
                assert_eq!(issued[0].login.as_deref(), Some("ann"));
                let password = issued[0].password.as_ref().map(other_documents::constructs::ExposeSecret::expose_secret);
                assert_eq!(password, Some("hunter2"));
                assert!(!format!("{api:?}").contains("hunter2"), "{api:?}");
                let labels = issued[0].labels.as_ref().expect("labels");
                assert_eq!(labels["team"], serde_json::json!({"blue": {}}));
            }
            (404, RedeemCodeError::NotFound(problem)) => {
                let title = problem.as_ref().and_then(|p| p.title.as_deref());
                assert_eq!(title.is_some(), body.contains("title"), "{body}: {problem:?}");
            }
            (429, RedeemCodeError::ClientError { status, body }) => assert_eq!((status.as_u16(), *body), (429, 30)),
            (503, RedeemCodeError::ServerError { body, .. }) => {
                assert_eq!(body.map(|day| day.to_string()).as_deref(), Some("2026-12-08"));
            }
            // `nullable` at the top of a body: `null` is a value of it.
            (502, RedeemCodeError::ServerError { body, .. }) => assert_eq!(*body, None),
            (_, other) => panic!("{status} decoded as {other:?}"),
        }
    }
}

#[tokio::test]
async fn several_2xx_decode_into_the_success_enum_and_json_under_another_name_is_sent() {
    for (status, body, expected) in [
        (201, Some(r#"{"id": 1, "name": "Rex"}"#), "created"),
        (202, Some(r#"{"position": 3}"#), "accepted"),
        (204, None, "no content"),
    ] {
        let server = MockServer::start().await;
        let mut response = ResponseTemplate::new(status);
        if let Some(body) = body {
            response = response.insert_header("content-type", "application/json").set_body_string(body);
        }
        Mock::given(method("POST"))
            .and(path("/things"))
            .and(header("content-type", "application/json; charset=utf-8"))
            .and(body_string(r#"{"name":"Rex"}"#))
            .respond_with(response)
            .mount(&server)
            .await;
        let created = client_for(&server)
            .await
            .create_thing("acme", "Rex", CreateThingOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{status}: {e:?}"));
        assert_eq!(created.status.as_u16(), status);
        let kind = match created.into_body() {
            CreateThingSuccess::Created(pet) => {
                assert_eq!((pet.id, pet.name.as_str()), (1, "Rex"));
                "created"
            }
            CreateThingSuccess::Accepted(queued) => {
                assert_eq!(queued.position, Some(3));
                "accepted"
            }
            CreateThingSuccess::NoContent => "no content",
            other => panic!("{other:?}"),
        };
        assert_eq!(kind, expected);
    }
}

#[tokio::test]
async fn an_undocumented_2xx_of_several_is_unexpected_and_says_the_request_succeeded() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200)).mount(&server).await;
    let error = client_for(&server)
        .await
        .create_thing("acme", "Rex", CreateThingOptions::default())
        .await
        .expect_err("200 is not listed");
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert!(error.to_string().contains("the request itself succeeded"), "{error}");
}

#[tokio::test]
async fn form_bodies_are_url_encoded_in_field_name_order_with_arrays_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tokens"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("client_id=me+%26+you&grant_type=client_credentials&scope=read&scope=write"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"access_token": "t", "scopes": "all"})))
        .mount(&server)
        .await;
    let options = CreateTokenOptions::default().with_scope(vec!["read".into(), "write".into()]);
    let token = client_for(&server)
        .await
        .create_token("me & you", options)
        .await
        .expect("200");
    // `access_token` is a secret by its name: redacted when printed, readable on purpose.
    assert!(!format!("{:?}", token.body).contains("\"t\""));
    let access_token = token.access_token.as_ref().map(other_documents::constructs::ExposeSecret::expose_secret);
    assert_eq!(access_token, Some("t"));
    // The one string a member of a union allows is a variant without a payload.
    use other_documents::constructs::CreateTokenResponseScopes as Scopes;
    assert_eq!(token.scopes, Some(Scopes::All));
    for (json, expected) in [
        (serde_json::json!(["a"]), Some(Scopes::StringList(vec!["a".into()]))),
        (serde_json::json!("some"), None),
        (serde_json::json!(7), None),
    ] {
        let decoded: Result<Scopes, _> = serde_json::from_value(json.clone());
        assert_eq!(decoded.ok(), expected, "{json}");
    }
    // A list is never read as an object member (serde would take `["a"]` as `{name: "a"}`).
    let decoded: Scopes = serde_json::from_value(serde_json::json!({"name": "n"})).expect("an object");
    assert!(matches!(&decoded, Scopes::Grant(grant) if grant.name == "n"), "{decoded:?}");
    use other_documents::constructs::CreateTokenResponseAudience as Audience;
    for (json, list) in [(serde_json::json!(["a"]), true), (serde_json::json!({"name": "a"}), false)] {
        let decoded: Audience = serde_json::from_str(&json.to_string()).expect("decodes");
        assert_eq!(matches!(decoded, Audience::StringList(_)), list, "{json}: {decoded:?}");
    }
}

#[tokio::test]
async fn deep_object_form_fields_go_out_in_brackets() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/tokens"))
        .and(body_string(
            "audiences%5B0%5D%5Bname%5D=api&audiences%5B0%5D%5Bweight%5D=2&audiences%5B1%5D%5Bname%5D=web\
             &client_id=me&expires_in=&grant_type=client_credentials&metadata%5Border%5D=7+%26+8",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    use other_documents::constructs::CreateTokenRequestAudiencesItem as Audience;
    let options = CreateTokenOptions::default()
        // The one string a member allows is a variant of its own: here, "unset".
        .with_expires_in(other_documents::constructs::CreateTokenRequestExpiresIn::Empty)
        .with_metadata([("order".to_owned(), "7 & 8".to_owned())].into_iter().collect::<std::collections::BTreeMap<_, _>>())
        .with_audiences(vec![
            Audience::new().with_name("api").with_weight(2),
            Audience::new().with_name("web"),
        ]);
    client_for(&server)
        .await
        .create_token("me", options)
        .await
        .expect("the server saw the brackets");
}

#[tokio::test]
async fn binary_bodies_go_up_and_come_down_as_bytes_and_text_as_text() {
    let server = MockServer::start().await;
    let bytes = vec![0u8, 159, 146, 150, 255];
    Mock::given(method("PUT"))
        .and(path("/files/a%20b.bin"))
        .and(header("content-type", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/files/a%20b.bin"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/octet-stream"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/health"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("ok", "text/plain"))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    // `uploadFile` has a server of its own; a client given a base URL (a mock's) sends it there.
    client.upload_file("a b.bin", bytes.clone()).await.expect("stored");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests[0].body, bytes);
    let file = client.download_file("a b.bin").await.expect("file");
    assert_eq!(file.body, bytes);
    let health = client.health().await.expect("health");
    assert_eq!(health.body, "ok");
}

#[tokio::test]
async fn a_binary_string_under_a_json_media_type_comes_down_as_bytes() {
    let server = MockServer::start().await;
    let bytes = vec![0_u8, 159, 146, 150, b'{'];
    Mock::given(method("GET"))
        .and(path("/files/old.bin"))
        .respond_with(ResponseTemplate::new(410).set_body_raw(bytes.clone(), "application/json"))
        .mount(&server)
        .await;
    let error = client_for(&server).await.download_file("old.bin").await.expect_err("410");
    match error.api_error() {
        Some(other_documents::constructs::DownloadFileError::Gone(body)) => assert_eq!(*body, bytes),
        other => panic!("410 decoded as {other:?}"),
    }
}

#[tokio::test]
async fn a_wildcard_answer_without_a_schema_comes_down_as_bytes() {
    let server = MockServer::start().await;
    let zip = vec![b'P', b'K', 3, 4, 0, 255];
    Mock::given(method("GET"))
        .and(path("/exports/e1"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(zip.clone(), "application/zip"))
        .mount(&server)
        .await;
    let export = client_for(&server).await.download_export("e1").await.expect("the export");
    assert_eq!(export.body, zip);
}

#[tokio::test]
async fn a_reserved_path_parameter_keeps_its_slashes_and_no_dot_segment() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/operations/o%201:cancel"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    client.cancel_operation("operations/o 1").await.expect("cancelled");
    for hostile in ["operations/../admin", "/etc", "a//b", ".."] {
        let error = client.cancel_operation(hostile).await.expect_err(hostile);
        assert!(matches!(error, Error::InvalidArgument(_)), "{hostile}: {error:?}");
    }
    // Only the first call reached the server.
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[tokio::test]
async fn a_default_only_operation_decodes_errors_with_their_status() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_raw("broken", "text/plain"))
        .mount(&server)
        .await;
    let client = client_without_retries(&server);
    let error = client.health().await.expect_err("500");
    match error.api_error() {
        Some(HealthError::Other { status, body }) if *status == 500 => assert_eq!(body, "broken"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn head_requests_are_sent_as_head() {
    let server = MockServer::start().await;
    Mock::given(method("HEAD"))
        .and(path("/things"))
        .and(header_exists("X-Tenant-Id"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let error = client_for(&server).await.things_exist("acme").await.expect_err("404");
    assert!(matches!(error.api_error(), Some(ThingsExistError::NotFound)), "{error:?}");
}

#[tokio::test]
async fn the_petstore_and_uspto_examples_work_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": 1, "name": "Rex"}])))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oa_citations/v1/records"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("criteria=*%3A*&rows=10&start=0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"record": {"id": 1}}])))
        .mount(&server)
        .await;
    let petstore = other_documents::petstore::Client::builder().base_url(server.uri()).build().expect("client");
    let options = other_documents::petstore::ListPetsOptions::default().with_limit(2);
    let pets = petstore.list_pets(options).await.expect("pets");
    assert_eq!(pets[0].name, "Rex");

    let uspto = other_documents::uspto::Client::builder().base_url(server.uri()).build().expect("client");
    let options = other_documents::uspto::PerformSearchOptions::default().with_start(0).with_rows(10);
    let records = uspto
        .perform_search("v1", "oa_citations", "*:*", options)
        .await
        .expect("search");
    assert_eq!(records[0]["record"]["id"], 1);
}

#[tokio::test]
async fn objects_unions_and_flat_arrays_in_the_query_and_a_union_in_the_path() {
    use other_documents::constructs::{Circle, Filter, NameOrId, Page, Shape, UpdateMachineOptions};
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/machines/web%201"))
        .and(query_param("filter[status]", "running"))
        .and(query_param("filter[owner]", "me"))
        .and(query_param("filter[created][gte]", "1700000000"))
        .and(query_param("filter[tags][0]", "web"))
        .and(query_param("filter[tags][1]", "eu"))
        .and(query_param("page", "2"))
        .and(query_param("per_page", "50"))
        .and(query_param("ids", "1,2,3"))
        .and(query_param("name", "query-name"))
        .and(query_param("where", r#"{"zone":"uk"}"#))
        .and(header("X-Api-Key", "k3y"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"kind": "circle", "radius": 2.0})))
        .mount(&server)
        .await;
    let options = UpdateMachineOptions::default()
        .with_filter(
            Filter::new()
                .with_status("running")
                .with_owner("me")
                .with_created(other_documents::constructs::FilterCreated::new().with_gte(1_700_000_000))
                .with_tags(vec!["web".into(), "eu".into()]),
        )
        .with_page(Page::new().with_page(2).with_per_page(50))
        .with_ids(vec![1, 2, 3])
        .with_name("query-name")
        // A parameter described by `content: application/json` goes as JSON text.
        .with_where(other_documents::constructs::UpdateMachineWhere::new().with_zone("uk"))
        // A body property named like a parameter keeps its own argument (`name_body`).
        .with_name_body("body-name")
        // The variant's own tag is unset; the union sends it anyway.
        .with_shape(Shape::Square(other_documents::constructs::Square::new().with_side(3.0)));
    // A `oneOf` of a string and an integer is an enum of the two, not JSON.
    let machine = NameOrId::String("web 1".into());
    let client = Client::builder()
        .base_url(server.uri())
        .default_header("X-Api-Key", "k3y")
        .build()
        .expect("client");
    let shape = client.update_machine(machine, options).await.expect("200");
    let Shape::Circle(Circle { radius, .. }) = shape.into_body() else {
        panic!("not a circle")
    };
    assert_eq!(radius, Some(2.0));
    let requests = server.received_requests().await.expect("recorded");
    let body: serde_json::Value = serde_json::from_slice(&received(&requests).body).expect("json");
    assert_eq!(
        body,
        serde_json::json!({"name": "body-name", "shape": {"kind": "square", "side": 3.0}})
    );
}

#[tokio::test]
async fn a_number_in_a_name_or_id_union_goes_in_the_path_as_it_is() {
    use other_documents::constructs::{NameOrId, UpdateMachineOptions};
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/machines/42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"kind": "square", "side": 1.0})))
        .mount(&server)
        .await;
    client_for(&server)
        .await
        .update_machine(NameOrId::Integer(42), UpdateMachineOptions::default())
        .await
        .expect("200");
}

/// OpenAPI 3.1: `type: [string, "null"]`, `oneOf` with `null`, `const`, a `$ref` with a sibling,
/// a union of two types, `contentMediaType` bytes, all decoded and sent as the document means.
#[tokio::test]
async fn a_3_1_document_decodes_and_sends_what_it_means() {
    use other_documents::constructs_31::{
        Client, GetGadgetError, GetGadgetOptions, ItemReference, Owner, PutGadgetOptions,
    };
    let server = MockServer::start().await;
    let gadget = serde_json::json!({
        "id": "g_1", "kind": "gadget", "label": null, "owner": {"name": "Ann", "email": null},
        "previous_owner": null, "size": "XL", "position": [1.5, 2],
        "reference": {"id": "r_1", "type": null}
    });
    Mock::given(method("GET"))
        .and(path("/gadgets/g_1"))
        .and(query_param("limit", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(gadget))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/gadgets/g_1"))
        .and(body_string(
            r#"{"id":"g_1","kind":"gadget","label":null,"owner":{"name":"Ann"}}"#,
        ))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/gadgets/g_1/firmware"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![0u8, 159, 146, 150], "application/octet-stream"))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let options = GetGadgetOptions::default().with_limit(10);
    let got = client.get_gadget("g_1", options).await.expect("200");
    assert_eq!(got.label, None, "`type: [string, null]` is nullable");
    assert_eq!(got.previous_owner, Some(None), "`oneOf: [Owner, null]` is a nullable Owner, sent as `null`");
    assert_eq!(got.owner.name, "Ann");
    assert_eq!(got.kind, other_documents::constructs_31::Gadget::KIND);
    // A one-value tag that may be `null` keeps absent, `null` and its value apart, both ways.
    let reference = got.reference.as_ref().expect("sent");
    assert_eq!(reference.r#type, Some(None));
    for text in [
        r#"{"id":"r_1"}"#,
        r#"{"id":"r_1","type":null}"#,
        r#"{"id":"r_1","type":"item_reference"}"#,
    ] {
        let read: ItemReference = serde_json::from_str(text).expect("decodes");
        assert_eq!(serde_json::to_string(&read).expect("encodes"), text);
    }
    assert_eq!(
        ItemReference::new("r_2").r#type,
        Some(Some(ItemReference::TYPE.to_owned())),
        "built, it carries its one value"
    );
    assert_eq!(
        got.size,
        Some(other_documents::constructs_31::GadgetSize::String("XL".into())),
        "`type: [integer, string]` is a union of the two"
    );
    client
        .put_gadget(
            "g_1",
            "g_1",
            None,
            Owner::new("Ann"),
            PutGadgetOptions::default(),
        )
        .await
        .expect("204");
    let firmware = client.get_firmware("g_1").await.expect("200");
    assert_eq!(firmware.body, vec![0u8, 159, 146, 150]);

    // An error whose code may be `null`: the documented code makes it the documented error, a
    // `null` one keeps it whole as undocumented.
    for (id, body) in [
        ("g_2", r#"{"code":"gadget_not_found","description":"gone"}"#),
        ("g_3", r#"{"code":null,"description":"gone"}"#),
    ] {
        Mock::given(method("GET"))
            .and(path(format!("/gadgets/{id}")))
            .respond_with(ResponseTemplate::new(404).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
    }
    let error = client.get_gadget("g_2", GetGadgetOptions::default()).await.expect_err("404");
    match error.api_error() {
        Some(GetGadgetError::NotFound(found)) => {
            assert_eq!(found.code, Some(Some("gadget_not_found".to_owned())));
            assert!(error.to_string().contains("gadget_not_found: gone"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    let error = client.get_gadget("g_3", GetGadgetOptions::default()).await.expect_err("404");
    match error.api_error() {
        Some(GetGadgetError::Undocumented(undocumented)) => assert_eq!(undocumented.code, None),
        other => panic!("{other:?}"),
    }
}

/// Formats, closed sets and unions told apart by type, decoded and sent back unchanged: `u64::MAX`,
/// a date-time's offset, IPv6, a `null` through an `allOf` wrapper, an integer before a number.
#[tokio::test]
async fn formats_and_typed_unions_round_trip_at_their_edges() {
    use clientgen_runtime::chrono::{FixedOffset, TimeZone};
    use clientgen_runtime::uuid::Uuid;
    use other_documents::typed::{
        BlockSize, Client, Colour, GetRecordOptions, NameOrId, Quantity, Record, RecordPriority, RecordSort,
    };
    let server = MockServer::start().await;
    let id = "6f1c2a4e-0b7d-4c1e-9a3f-2d5e8b9c0a11";
    let record = serde_json::json!({
        "id": id,
        "created_at": "2024-02-29T23:59:59.250+05:30",
        "day": "2024-02-29",
        "size": u64::MAX,
        "small": -128,
        "count": 2147483647,
        "address": "192.0.2.1",
        "address6": "2001:db8::1",
        "any_address": "::1",
        "colour": "green",
        "quantity": 5,
        "name_or_id": id,
        "backup": null,
        "kind": "blue",
        "block_size": 4096,
        "priority": 7
    });
    Mock::given(method("GET"))
        .and(path(format!("/records/{id}")))
        .and(query_param("since", "2024-01-01T00:00:00-08:00"))
        .and(query_param("sort", "-name"))
        .and(query_param("block_size", "2048"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&record))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let uuid = Uuid::parse_str(id).expect("uuid");
    let since = FixedOffset::west_opt(8 * 3600)
        .and_then(|offset| offset.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).single())
        .expect("date");
    let options = GetRecordOptions::default()
        .with_since(since)
        .with_sort(RecordSort::NameDesc)
        .with_block_size(BlockSize::V2048);
    let got: Record = client
        .get_record(NameOrId::Id(uuid), options)
        .await
        .expect("200")
        .into_body();
    assert_eq!(got.id, uuid);
    assert_eq!(got.size, u64::MAX);
    assert_eq!(got.small, Some(i8::MIN));
    assert_eq!(got.created_at.offset().local_minus_utc(), 5 * 3600 + 30 * 60);
    assert_eq!(got.any_address, Some(std::net::IpAddr::V6(std::net::Ipv6Addr::LOCALHOST)));
    assert_eq!(got.colour, Some(Colour::Green));
    assert_eq!(got.quantity, Some(Quantity::I32(5)), "an integer is tried before a number");
    assert_eq!(got.name_or_id, Some(NameOrId::Id(uuid)), "a uuid is tried before a name");
    assert_eq!(got.backup, None, "`null` through an `allOf` wrapper of a nullable schema");
    assert_eq!(got.block_size, Some(BlockSize::V4096), "a closed set of integers is an enum");
    assert_eq!(got.priority, Some(RecordPriority::Unknown(7)), "a value it does not know is kept");
    assert_eq!((RecordPriority::Minus1.as_i64(), BlockSize::V512.to_string()), (-1, "512".to_owned()));
    assert_eq!((BlockSize::from(512), BlockSize::from(8)), (BlockSize::V512, BlockSize::Unknown(8)));
    assert!(serde_json::from_value::<BlockSize>(serde_json::json!("512")).is_err(), "a number, not text");
    // Encoded back, nothing is lost or changed.
    assert_eq!(serde_json::to_value(&got).expect("encodes"), record);

    // The other members: a number that is not an integer, a string, and a name.
    for (quantity, expected) in [
        (serde_json::json!(2.5), Quantity::Number(2.5)),
        (serde_json::json!("many"), Quantity::String("many".into())),
    ] {
        let decoded: Quantity = serde_json::from_value(quantity).expect("decodes");
        assert_eq!(decoded, expected);
    }
    let name: NameOrId = serde_json::from_value(serde_json::json!("web-1")).expect("decodes");
    assert_eq!(name, NameOrId::Name("web-1".into()));
    // A value no member takes is an error, not a guess.
    assert!(serde_json::from_value::<Quantity>(serde_json::json!(true)).is_err());
    assert!(serde_json::from_value::<Record>(serde_json::json!({"id": "not-a-uuid"})).is_err());
}

#[tokio::test]
async fn a_name_in_a_name_or_id_union_goes_in_the_path_as_text() {
    use other_documents::typed::{Client, GetRecordOptions, NameOrId};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/records/web-1"))
        .respond_with(ResponseTemplate::new(409).set_body_json(
            serde_json::json!({"code": "conflict", "version": u64::MAX}),
        ))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let error = client
        .get_record(NameOrId::Name("web-1".into()), GetRecordOptions::default())
        .await
        .expect_err("409");
    let Error::Api(api) = error else { panic!("not an API error: {error:?}") };
    let other_documents::typed::GetRecordError::Conflict(conflict) = api.error else {
        panic!("not the conflict: {:?}", api.error)
    };
    assert_eq!(conflict.version, Some(u64::MAX));
}

/// A range of statuses (`5XX`) whose error has one code: that code is the range's variant, with
/// the status it came with; another code is kept whole as undocumented.
#[tokio::test]
async fn a_coded_error_of_a_status_range_keeps_its_status_and_another_code_is_undocumented() {
    use other_documents::typed::{Client, GetRecordError, GetRecordOptions, NameOrId, RetryPolicy};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/records/busy"))
        .respond_with(ResponseTemplate::new(503).set_body_json(serde_json::json!({"code": "overloaded", "retry_in": 7})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/records/broken"))
        .respond_with(ResponseTemplate::new(502).set_body_json(serde_json::json!({"code": "bad_gateway", "x": 1})))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .retry(RetryPolicy::disabled())
        .build()
        .expect("client");
    let api_error = |error: Error<GetRecordError>| match error {
        Error::Api(api) => api.error,
        other => panic!("not an API error: {other:?}"),
    };
    let busy = client
        .get_record(NameOrId::Name("busy".into()), GetRecordOptions::default())
        .await
        .expect_err("503");
    let GetRecordError::ServerError { status, body } = api_error(busy) else {
        panic!("not the 5XX variant")
    };
    assert_eq!((status.as_u16(), body.retry_in), (503, Some(7)));
    let broken = client
        .get_record(NameOrId::Name("broken".into()), GetRecordOptions::default())
        .await
        .expect_err("502");
    let GetRecordError::Undocumented(other) = api_error(broken) else {
        panic!("another code is undocumented")
    };
    assert_eq!((other.status.as_u16(), other.code.as_deref()), (502, Some("bad_gateway")));
    assert_eq!(other.body.field("x"), Some(&serde_json::json!(1)));
}

/// Every value a discriminator maps goes out and comes back as itself, though two map to one schema.
#[tokio::test]
async fn every_mapped_tag_value_round_trips() {
    use other_documents::typed::{Action, Client, PowerAction, Snapshot};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/floatingIPs"))
        .respond_with(|request: &Request| ResponseTemplate::new(200).set_body_bytes(request.body.clone()))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    // The tag member is the union's to set: whatever it holds, the variant's own value goes out.
    let power = |force| PowerAction::new(String::new()).with_force(force);
    let sent = [
        (Action::PowerOff(power(true)), "power_off"),
        (Action::Reboot(power(false)), "reboot"),
        (
            Action::Snapshot(Snapshot::new(String::new(), "nightly")),
            "snapshot",
        ),
    ];
    for (action, tag) in sent {
        let back = client.floating_ips_create(action.clone()).await.expect("200").into_body();
        assert_eq!(back.tag(), Some(tag));
        assert_eq!(std::mem::discriminant(&back), std::mem::discriminant(&action), "{tag}");
    }
    let requests = server.received_requests().await.expect("recorded");
    let tags: Vec<String> = requests
        .iter()
        .map(|r| {
            let body: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
            body["type"].as_str().unwrap_or_default().to_owned()
        })
        .collect();
    assert_eq!(tags, ["power_off", "reboot", "snapshot"]);
}

/// A number the server sends as a string (`"19.720000"`), retyped in the config, decodes and goes
/// back out as it came; merged `allOf` members keep every member's properties.
#[tokio::test]
async fn a_field_the_config_retypes_keeps_what_the_server_sent() {
    use clientgen_runtime::NumberOrString;
    use other_documents::typed::{Client, CreatePlaceOptions, Place, Shape, ShapeCircle};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/places"))
        .respond_with(|request: &Request| ResponseTemplate::new(201).set_body_bytes(request.body.clone()))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let options = CreatePlaceOptions::default()
        .with_latitude(NumberOrString::String("19.720000".into()))
        .with_shape(Shape::Circle(ShapeCircle::new(2.0)));
    let place: Place = client.create_place("Harbour", options).await.expect("201").into_body();
    // `latitude` is optional and `nullable`: `Some(Some(_))` is a value, `Some(None)` a `null`.
    assert_eq!(place.latitude.clone().flatten().as_ref().and_then(NumberOrString::as_f64), Some(19.72));
    assert_eq!(place.latitude, Some(Some(NumberOrString::String("19.720000".into()))));
    assert!(matches!(place.shape, Some(Shape::Circle(ShapeCircle { radius, .. })) if radius == 2.0));
    let requests = server.received_requests().await.expect("recorded");
    let body: serde_json::Value = serde_json::from_slice(&received(&requests).body).expect("json");
    assert_eq!(
        body,
        serde_json::json!({"name": "Harbour", "latitude": "19.720000", "shape": {"kind": "circle", "radius": 2.0}})
    );
    let as_number: Place = serde_json::from_value(serde_json::json!({"name": "x", "latitude": 19.72})).expect("number");
    assert_eq!(as_number.latitude.flatten().as_ref().and_then(NumberOrString::as_f64), Some(19.72));
}

/// A `multipart/form-data` upload: a file with its name and type, text fields, an array as one
/// part per item, an object as JSON text; an unset field sends nothing. A retry sends the same bytes.
#[tokio::test]
async fn a_multipart_upload_sends_files_and_text_parts() {
    use clientgen_runtime::FilePart;
    use other_documents::typed::{AttachFileOptions, AttachFileRequestMeta, Client};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/records/6f1c2a4e-0b7d-4c1e-9a3f-2d5e8b9c0a11/attachments"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let record = clientgen_runtime::uuid::Uuid::parse_str("6f1c2a4e-0b7d-4c1e-9a3f-2d5e8b9c0a11").expect("uuid");
    let photo = FilePart::new(vec![0x89, b'P', b'N', b'G', 0, 0xff])
        .file_name("beach \"1\".png")
        .content_type("image/png");
    let options = AttachFileOptions::default()
        .with_caption("Holiday")
        .with_tags(vec![Some("sea".into()), None, Some("sun".into())])
        .with_meta(AttachFileRequestMeta::new().with_width(640))
        .with_previews(vec![FilePart::new(b"small".to_vec()), FilePart::new(b"tiny".to_vec())]);
    client.attach_file(record, photo, options).await.expect("204");
    let requests = server.received_requests().await.expect("recorded");
    let request = received(&requests);
    let content_type = request.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("content type {content_type}"));
    let body = &request.body;
    // Every part, split at the boundary.
    let delimiter = format!("--{boundary}");
    let text = String::from_utf8_lossy(body);
    assert!(text.ends_with(&format!("{delimiter}--\r\n")), "{text}");
    let parts: Vec<&str> = text.split(&delimiter).filter(|p| !p.is_empty() && *p != "--\r\n").collect();
    let headers_and_body: Vec<(&str, &str)> = parts
        .iter()
        .map(|p| p.trim_start_matches("\r\n").split_once("\r\n\r\n").expect("a part has headers"))
        .collect();
    let described: Vec<String> = headers_and_body
        .iter()
        .map(|(headers, body)| format!("{headers} => {}", body.trim_end_matches("\r\n")))
        .collect();
    assert_eq!(
        described,
        [
            "Content-Disposition: form-data; name=\"file\"; filename=\"beach %221%22.png\"\r\nContent-Type: image/png => \u{FFFD}PNG\0\u{FFFD}",
            "Content-Disposition: form-data; name=\"caption\" => Holiday",
            "Content-Disposition: form-data; name=\"tags\" => sea",
            "Content-Disposition: form-data; name=\"tags\" => sun",
            "Content-Disposition: form-data; name=\"meta\" => {\"width\":640}",
            "Content-Disposition: form-data; name=\"previews\"\r\nContent-Type: application/octet-stream => small",
            "Content-Disposition: form-data; name=\"previews\"\r\nContent-Type: application/octet-stream => tiny",
        ]
    );
    // The file's bytes go as they are, not as text.
    let needle = [0x89, b'P', b'N', b'G', 0, 0xff];
    assert!(body.windows(needle.len()).any(|w| w == needle));
}

/// A listing by cursor (`x-dropshot-pagination`): each page's `next_page` is the next request's
/// `page_token`; it ends without one, and on a cursor it has followed before.
#[tokio::test]
async fn a_cursor_listing_follows_next_page_and_never_loops() {
    use futures_util::StreamExt;
    use other_documents::typed::{Client, ListEventsOptions};
    let server = MockServer::start().await;
    let page = |items: &[&str], next: Option<&str>| {
        ResponseTemplate::new(200).set_body_json(serde_json::json!({"items": items, "next_page": next}))
    };
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(wiremock::matchers::query_param_is_missing("page_token"))
        .respond_with(page(&["a", "b"], Some("t2")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(query_param("page_token", "t2"))
        .respond_with(page(&["c"], Some("t3")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .and(query_param("page_token", "t3"))
        .respond_with(page(&["d"], None))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let options = ListEventsOptions::default().with_limit(2u32);
    let all: Vec<String> = client
        .list_events_all(options)
        .map(|item| item.expect("item"))
        .collect()
        .await;
    assert_eq!(all, ["a", "b", "c", "d"]);
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.url.query().is_some_and(|q| q.contains("limit=2"))));

    // A server that sends back a cursor already followed is asked once more, not forever.
    let looping = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/events"))
        .respond_with(page(&["x"], Some("again")))
        .mount(&looping)
        .await;
    let client = Client::builder().base_url(looping.uri()).build().expect("client");
    let pages: Vec<_> = client.list_events_pages(ListEventsOptions::default()).collect().await;
    assert_eq!(pages.len(), 2);
    assert_eq!(looping.received_requests().await.expect("recorded").len(), 2);
}

/// A union whose member is itself a discriminated union is one enum of every leaf; a member whose
/// tag allows two values is a variant per value; a response and a body written as each other's
/// kind of component still travel.
#[tokio::test]
async fn nested_unions_and_a_two_valued_tag_round_trip() {
    use other_documents::typed::{Boat, BoatKind, Client, Sedan, SedanFuel, Vehicle};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/vehicles"))
        .respond_with(|request: &Request| ResponseTemplate::new(200).set_body_bytes(request.body.clone()))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let sent = [
        (Vehicle::Sedan(Sedan::new().with_fuel(SedanFuel::Diesel)), "sedan"),
        (Vehicle::Sailboat(Boat::new(BoatKind::Sailboat).with_names(vec!["Ariel".to_owned()])), "sailboat"),
        (Vehicle::Motorboat(Boat::new(BoatKind::Motorboat)), "motorboat"),
    ];
    for (vehicle, tag) in sent {
        let back = client.register_vehicle(vehicle.clone()).await.expect("200").into_body();
        assert_eq!(back.tag(), Some(tag));
        assert_eq!(back, vehicle, "{tag}");
    }
    let requests = server.received_requests().await.expect("recorded");
    let first: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("json");
    assert_eq!(first, serde_json::json!({"kind": "sedan", "fuel": "diesel"}));
    let truck: Vehicle = serde_json::from_value(serde_json::json!({"kind": "truck", "axles": 3})).expect("truck");
    assert!(matches!(truck, Vehicle::Truck(t) if t.axles == Some(3)));
}

/// A tag value two members share decodes into one variant that holds the value as JSON, the
/// other variants typed; a tag no member has is kept as `Unknown`.
#[tokio::test]
async fn a_shared_tag_value_is_kept_as_json_beside_typed_variants() {
    use other_documents::typed::{Client, Message, MessageMessage, Note, ReceivedMessage};
    let server = MockServer::start().await;
    let sent = serde_json::json!([
        {"type": "message", "text": "hi", "from": "ann"},
        {"type": "note", "body": "later"},
        {"type": "poll", "options": []}
    ]);
    Mock::given(method("GET"))
        .and(path("/messages"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&sent))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let messages: Vec<Message> = client.list_messages().await.expect("200").into_body();
    assert!(
        matches!(&messages[0], Message::Message(MessageMessage(json)) if json["from"] == "ann" && json["type"] == "message"),
        "{messages:?}"
    );
    assert!(matches!(&messages[1], Message::Note(Note { body, .. }) if body == "later"), "{messages:?}");
    assert!(matches!(&messages[2], Message::Unknown(_)) && messages[2].tag() == Some("poll"));
    // The JSON is read as whichever member it is: each member type decodes.
    let Message::Message(MessageMessage(json)) = &messages[0] else {
        panic!("{messages:?}")
    };
    let received: ReceivedMessage = serde_json::from_value(json.clone()).expect("a received message");
    assert_eq!(received.from, "ann");
}

/// Members beyond an object's properties, which its document allows, go out with the request and
/// come back decoded, not dropped.
#[tokio::test]
async fn members_beyond_the_properties_travel_both_ways() {
    use other_documents::typed::{Client, CreateLabelOptions, Label, Settings};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/labels"))
        .respond_with(|request: &Request| {
            let mut body: serde_json::Value = serde_json::from_slice(&request.body).expect("json");
            body["added_by_server"] = serde_json::json!("yes");
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&server)
        .await;
    let settings = serde_json::json!({
        "theme": "dark", "additional_properties": "a property", "zoom": 3, "grid": {"on": true},
        "recent": ["a", null], "limits": {"cpu": null, "ram": 4},
        "profile": {"name": "n", "age": 3}
    });
    Mock::given(method("GET"))
        .and(path("/settings"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&settings))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let extra = std::collections::BTreeMap::from([("colour".to_owned(), "red".to_owned())]);
    let label: Label = client
        .create_label("urgent", CreateLabelOptions::default().with_additional_properties(extra))
        .await
        .expect("200")
        .into_body();
    assert_eq!(label.key, "urgent");
    assert_eq!(label.additional_properties.get("colour").map(String::as_str), Some("red"));
    assert_eq!(label.additional_properties.get("added_by_server").map(String::as_str), Some("yes"));
    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("json");
    assert_eq!(sent, serde_json::json!({"key": "urgent", "colour": "red"}));
    // Built by hand, with no extra members: exactly the properties go out.
    let plain = serde_json::to_value(Label::new("plain")).expect("encodes");
    assert_eq!(plain, serde_json::json!({"key": "plain"}));

    let got: Settings = client.get_settings().await.expect("200").into_body();
    assert_eq!(got.theme.as_deref(), Some("dark"));
    assert_eq!(got.additional_properties.as_deref(), Some("a property"));
    assert_eq!(got.additional_properties_2.get("zoom"), Some(&serde_json::json!(3)));
    assert_eq!(got.additional_properties_2.get("grid"), Some(&serde_json::json!({"on": true})));
    assert_eq!(got.additional_properties_2.len(), 2, "the properties are not repeated among the extra members");
    // `nullable` items and values: a `null` among them is kept, and goes out again.
    assert_eq!(got.recent, Some(vec![Some("a".to_owned()), None]));
    let limits = got.limits.as_ref().expect("limits");
    assert_eq!((limits.get("cpu"), limits.get("ram")), (Some(&None), Some(&Some(4))));
    // Extra members an `allOf` member allows are kept, typed as that member says.
    let profile = got.profile.as_ref().expect("profile");
    assert_eq!((profile.name.as_deref(), profile.additional_properties.get("age")), (Some("n"), Some(&3)));
    // `mode` is required and nullable; the server left it out: read as null, sent as null.
    assert_eq!(got.mode, None);
    let mut sent_back = settings.clone();
    sent_back["mode"] = serde_json::Value::Null;
    assert_eq!(serde_json::to_value(&got).expect("encodes"), sent_back);
}

/// A one-value member (`type: vpc`, no discriminator) is not the caller's to choose: the method
/// does not take it and sends its value, a value built by hand sends it whatever the field was
/// set to, a multipart body has it as a part, and a union of such objects decodes by it.
#[tokio::test]
async fn a_one_value_member_goes_out_as_its_value_and_tells_variants_apart() {
    use clientgen_runtime::FilePart;
    use other_documents::typed::{Attachment, Client, Network, Subnet};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/networks"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"type": "subnet", "cidr": "10.0.0.0/8"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/networks/archive"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let attached = client.create_network("blue").await.expect("200").into_body();
    assert!(matches!(&attached, Attachment::Subnet(Subnet { cidr, .. }) if cidr == "10.0.0.0/8"), "{attached:?}");
    client
        .import_networks(FilePart::new(b"nets".to_vec()).file_name("nets.tar"))
        .await
        .expect("204");
    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&requests[0].body).expect("json");
    assert_eq!(sent, serde_json::json!({"type": "vpc", "name": "blue"}));
    let form = String::from_utf8_lossy(&requests[1].body);
    assert!(form.contains("name=\"type\"\r\n\r\narchive\r\n"), "{form}");

    let mut set_wrong = Network::new("red");
    assert_eq!(set_wrong.r#type, Network::TYPE);
    set_wrong.r#type = "subnet".to_owned();
    let sent = serde_json::to_value(&set_wrong).expect("encodes");
    assert_eq!(sent, serde_json::json!({"type": "vpc", "name": "red"}));
    let vpc: Attachment = serde_json::from_value(sent).expect("decodes");
    assert!(matches!(vpc, Attachment::Vpc(Network { name, .. }) if name == "red"));
}

/// An object with exactly one of its members (`maxProperties: 1`) is an enum of the members: it
/// goes out with the one member set, comes back as the member it has, keeps a member it does not
/// know, and refuses an object with none or two.
#[tokio::test]
async fn an_object_of_exactly_one_member_is_an_enum_of_its_members() {
    use other_documents::typed::{Client, Network, Target};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/targets"))
        .and(body_string(r#"{"zone":"eu"}"#))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"id":1,"name":"two"}"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/targets"))
        .respond_with(|request: &Request| ResponseTemplate::new(200).set_body_bytes(request.body.clone()))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    for target in [
        Target::Id(7),
        Target::Name("blue".to_owned()),
        Target::Network(Network::new("red")),
    ] {
        let back = client.select_target(target.clone()).await.expect("200").into_body();
        assert_eq!(back, target);
    }
    let requests = server.received_requests().await.expect("recorded");
    let bodies: Vec<&[u8]> = requests.iter().map(|r| r.body.as_slice()).collect();
    assert_eq!(
        bodies,
        [
            br#"{"id":7}"#.as_slice(),
            br#"{"name":"blue"}"#,
            br#"{"network":{"type":"vpc","name":"red"}}"#
        ]
    );

    let unknown: Target = serde_json::from_str(r#"{"zone":"eu"}"#).expect("kept");
    assert!(matches!(&unknown, Target::Unknown(m) if m.name == "zone" && m.value == "eu"), "{unknown:?}");
    assert_eq!(unknown.member(), "zone");
    let error = client.select_target(unknown).await.expect_err("two members came back");
    assert!(error.to_string().contains("does not fit the expected type"), "{error}");
    let two = serde_json::from_str::<Target>(r#"{"id":1,"name":"two"}"#).expect_err("two members");
    assert!(two.to_string().contains("`id` and `name`"), "{two}");
    for wrong in ["{}", r#"{"id":"seven"}"#, "[]"] {
        assert!(serde_json::from_str::<Target>(wrong).is_err(), "{wrong}");
    }
}

/// Unions without a tag, told apart by shape: objects by the members they require (or by those
/// members' formats), arrays by their items; and a union tagged by a property whose values each
/// member restricts. What goes out comes back the same, variant for variant.
#[tokio::test]
async fn unions_told_apart_by_shape_go_out_and_come_back_as_the_same_variant() {
    use other_documents::typed::{
        AddressRange, Attachment, ByZone, Client, Contact, CreateRouteOptions, Deliveries, EmailContact, Interface,
        InterfaceIfIndex, InterfaceUnknown, Limit, Network, PhoneContact, PhoneContactType, Placement, Prompt, Route,
        Unit, V4Range, V6Range,
    };
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/routes"))
        .respond_with(|request: &Request| ResponseTemplate::new(200).set_body_bytes(request.body.clone()))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let v6 = |text: &str| text.parse::<std::net::Ipv6Addr>().expect("ipv6");
    let zone = ByZone::new("eu").with_attachment(Attachment::Vpc(Network::new("red")));
    let options = CreateRouteOptions::default()
        .with_range(AddressRange::V6Range(V6Range::new(v6("fd00::1"), v6("fd00::ff"))))
        .with_prefix("10.0.0.0/8")
        .with_unit(Unit::Rpm)
        .with_limit(Limit::Unknown("25".to_owned()))
        .with_deliveries(Deliveries::new(vec!["https://hooks.example/a".to_owned()]))
        .with_contact(Contact::Sms(PhoneContact::new(PhoneContactType::Sms, "+100")))
        .with_prompt(Prompt::IntegerListList(vec![vec![1, 2], vec![3]]));
    let route = client
        .create_route(
            Interface::IfIndex(InterfaceIfIndex::new(4)),
            Placement::ByZone(zone),
            options,
        )
        .await
        .expect("200")
        .into_body();
    assert_eq!(route.interface, Interface::IfIndex(InterfaceIfIndex::new(4)));
    assert!(
        matches!(&route.placement, Placement::ByZone(z) if z.attachment == Some(Attachment::Vpc(Network::new("red")))),
        "{:?}",
        route.placement
    );
    assert_eq!(route.range, Some(AddressRange::V6Range(V6Range::new(v6("fd00::1"), v6("fd00::ff")))));
    assert_eq!(route.unit, Some(Unit::Rpm));
    assert_eq!(route.limit, Some(Limit::Unknown("25".to_owned())));
    assert_eq!(route.contact.as_ref().and_then(Contact::tag), Some("sms"));
    assert_eq!(route.prompt, Some(Prompt::IntegerListList(vec![vec![1, 2], vec![3]])));
    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&received(&requests).body).expect("json");
    assert_eq!(
        sent,
        serde_json::json!({
            "interface": {"if_index": 4},
            "placement": {"zone": "eu", "attachment": {"type": "vpc", "name": "red"}},
            "range": {"first": "fd00::1", "last": "fd00::ff"},
            "prefix": "10.0.0.0/8",
            "unit": "rpm",
            "limit": "25",
            "deliveries": {"webhook": ["https://hooks.example/a"]},
            "contact": {"type": "sms", "number": "+100"},
            "prompt": [[1, 2], [3]]
        })
    );

    // Each member decodes as itself, whatever the order of members on the wire.
    let decode = |text: &str| serde_json::from_str::<Route>(text);
    let other = decode(
        r#"{"placement":{"machine_id":9},"interface":{"unknown":3},
            "range":{"last":"10.0.0.9","first":"10.0.0.1"},"contact":{"address":"a@b","type":"email"},
            "prompt":["a"],"unit":"furlongs"}"#,
    )
    .expect("decodes");
    assert_eq!(other.interface, Interface::UnknownValue(InterfaceUnknown::new(3)));
    assert!(matches!(other.placement, Placement::ByMachine(_)), "{:?}", other.placement);
    let v4 = |text: &str| text.parse::<std::net::Ipv4Addr>().expect("ipv4");
    assert_eq!(other.range, Some(AddressRange::V4Range(V4Range::new(v4("10.0.0.1"), v4("10.0.0.9")))));
    assert_eq!(other.contact, Some(Contact::Email(EmailContact::new("a@b"))));
    assert_eq!(other.prompt, Some(Prompt::StringList(vec!["a".to_owned()])));
    assert_eq!(other.unit, Some(Unit::Unknown("furlongs".to_owned())));
    // An empty array fits every array member: it is the first, and goes back out as `[]`.
    let empty = decode(r#"{"interface":{"if_index":1},"placement":{"zone":"x"},"prompt":[]}"#).expect("decodes");
    assert_eq!(empty.prompt, Some(Prompt::StringList(Vec::new())));
    assert_eq!(serde_json::to_value(&empty.prompt).expect("encodes"), serde_json::json!([]));
    // A value no member fits is an error, not a guess.
    for wrong in [
        r#"{"interface":{},"placement":{"zone":"x"}}"#,
        r#"{"interface":{"if_index":1},"placement":{"zone":"x"},"range":{"first":"10.0.0.1","last":"fd00::1"}}"#,
        r#"{"interface":{"if_index":1},"placement":{}}"#,
        r#"{"interface":{"if_index":1},"placement":{"zone":"x"},"prompt":[1,"a"]}"#,
    ] {
        assert!(decode(wrong).is_err(), "{wrong}");
    }
}

/// A union of an id and the objects it may name, the objects told apart only by a one-value
/// member (no discriminator, and a card has every member a bank account requires): the objects
/// are one tagged union of their own, so that each decodes as itself and an object of a kind the
/// client does not know is kept, not taken for the first object that fits.
#[test]
fn an_id_or_one_of_several_tagged_objects_decodes_each_as_itself() {
    use other_documents::typed::{BankAccount, Card, Payee, PayeeObject, Route};
    let payee = |json: serde_json::Value| {
        let route = serde_json::json!({"interface": {"if_index": 1}, "placement": {"zone": "x"}, "payee": json});
        let text = route.to_string();
        let decoded: Route = serde_json::from_str(&text).expect("decodes");
        let again = serde_json::to_value(&decoded).expect("encodes");
        assert_eq!(again, route, "goes back out as it came");
        decoded.payee.expect("present")
    };
    assert_eq!(payee(serde_json::json!("ba_1")), Payee::String("ba_1".to_owned()));
    let card = payee(serde_json::json!({"id": "card_1", "object": "card", "brand": "visa"}));
    assert!(
        matches!(&card, Payee::Object(PayeeObject::Card(c)) if c.brand == "visa" && c.id == "card_1"),
        "{card:?}"
    );
    let account = payee(serde_json::json!({"object": "bank_account", "id": "ba_2", "last4": "6789"}));
    assert!(
        matches!(&account, Payee::Object(PayeeObject::BankAccount(a)) if a.last4.as_deref() == Some("6789")),
        "{account:?}"
    );
    let unknown = payee(serde_json::json!({"id": "src_1", "object": "source", "brand": "x"}));
    match &unknown {
        Payee::Object(object) => assert_eq!(object.tag(), Some("source")),
        other => panic!("an object of another kind is kept as an object: {other:?}"),
    }
    // A card without its `brand` is not a card, and not taken for a bank account either.
    let wrong = r#"{"interface":{"if_index":1},"placement":{"zone":"x"},"payee":{"id":"c","object":"card"}}"#;
    assert!(serde_json::from_str::<Route>(wrong).is_err());
    // What users build goes out with its tag.
    let built = Payee::Object(PayeeObject::Card(Card::new("card_9", "amex")));
    assert_eq!(
        serde_json::to_value(&built).expect("encodes"),
        serde_json::json!({"id": "card_9", "object": "card", "brand": "amex"})
    );
    let built = Payee::Object(PayeeObject::BankAccount(BankAccount::new("ba_9")));
    assert_eq!(serde_json::to_value(&built).expect("encodes"), serde_json::json!({"id": "ba_9", "object": "bank_account"}));
}

/// Objects whose members overlap and that no tag tells apart: a value is the first that
/// declares every member it has (so none is dropped), else the first that takes it.
#[test]
fn objects_that_overlap_decode_as_the_one_that_declares_all_their_members() {
    use other_documents::typed::{DatadogSink, ElasticSink, ListLogSinksResponseItem as Sink};
    let sink = |value: serde_json::Value| -> Sink { serde_json::from_value(value).expect("decodes") };
    let datadog = serde_json::json!({"url": "u", "site": "eu"});
    assert!(matches!(sink(datadog.clone()), Sink::DatadogSink(DatadogSink { ref site, .. }) if site.as_deref() == Some("eu")));
    assert_eq!(serde_json::to_value(sink(datadog.clone())).expect("encodes"), datadog, "nothing dropped");
    let elastic = serde_json::json!({"url": "u", "index_prefix": "logs"});
    assert!(matches!(sink(elastic.clone()), Sink::ElasticSink(ElasticSink { ref index_prefix, .. }) if index_prefix.as_deref() == Some("logs")));
    assert_eq!(serde_json::to_value(sink(elastic.clone())).expect("encodes"), elastic);
    // Either would do: the first, in the document's order.
    assert!(matches!(sink(serde_json::json!({"url": "u"})), Sink::ElasticSink(_)));
    // None declares them all (a newer server's member): the first that takes it.
    assert!(matches!(sink(serde_json::json!({"url": "u", "new": 1})), Sink::ElasticSink(_)));
    // Neither takes it (no `url`): kept whole, and goes back out as it came.
    let neither = serde_json::json!({"site": "eu"});
    assert_eq!(sink(neither.clone()), Sink::Other(neither.clone()));
    assert_eq!(serde_json::to_value(sink(neither.clone())).expect("encodes"), neither);
}

/// Objects told apart by what they require (`{source, regex}` tried before `{source}`): a value
/// of the second that has a `regex` too is still the second when only it declares the rest.
#[test]
fn an_object_that_requires_more_does_not_take_a_value_it_would_drop_members_of() {
    use other_documents::typed::{ListCacheRulesResponseItem as Rule, MatchedCacheRule, TimedCacheRule};
    let rule = decoded_unchanged::<Rule>;
    let matched = serde_json::json!({"source": "s", "regex": "r"});
    assert!(matches!(rule(&matched), Rule::MatchedCacheRule(MatchedCacheRule { .. })));
    let timed = serde_json::json!({"source": "s", "regex": "r", "ttl_seconds": 60});
    assert!(matches!(rule(&timed), Rule::TimedCacheRule(TimedCacheRule { ttl_seconds: Some(60), .. })));
    assert!(matches!(rule(&serde_json::json!({"source": "s"})), Rule::TimedCacheRule(_)));
    let id = serde_json::json!("67e55044-10b1-426f-9247-bb680e5fe0c8");
    assert!(!matches!(rule(&id), Rule::MatchedCacheRule(_) | Rule::TimedCacheRule(_)));
    // A member neither declares: the first that takes it, as before.
    let newer: Rule = serde_json::from_value(serde_json::json!({"source": "s", "regex": "r", "new": 1})).expect("decodes");
    assert!(matches!(newer, Rule::MatchedCacheRule(_)));
    assert!(serde_json::from_value::<Rule>(serde_json::json!({"regex": "r"})).is_err());
}

/// Objects that differ only within a member (each kind of variable has a `configuration` of
/// its own, nothing required): a value is the one whose configuration declares all it has, at
/// every depth the members differ.
#[test]
fn objects_that_differ_within_a_member_decode_as_the_one_that_declares_it_all() {
    use other_documents::typed::{CountingVariable, ListCacheVariablesResponseItem as Variable, RecentValueVariable};
    let variable = decoded_unchanged::<Variable>;
    let counting = variable(&serde_json::json!({"name": "n", "configuration": {"ttl_seconds": 30}}));
    assert!(matches!(counting, Variable::CountingVariable(CountingVariable { .. })), "{counting:?}");
    let recent = variable(&serde_json::json!({"configuration": {"source": "event.summary"}}));
    assert!(matches!(recent, Variable::RecentValueVariable(RecentValueVariable { .. })), "{recent:?}");
    let deeper = variable(&serde_json::json!({"configuration": {"limits": {"count": 3}}}));
    assert!(matches!(deeper, Variable::CountingVariable(_)), "{deeper:?}");
    // Either would do: the first.
    assert!(matches!(variable(&serde_json::json!({"name": "n"})), Variable::RecentValueVariable(_)));
    assert!(matches!(variable(&serde_json::json!({"configuration": {"type": "trigger_event_count"}})), Variable::CountingVariable(_)));
    // Neither declares it all: the first that takes it.
    let newer: Variable = serde_json::from_value(serde_json::json!({"configuration": {"regex": "r"}})).expect("decodes");
    assert!(matches!(newer, Variable::RecentValueVariable(_)));
}

/// `{allOf: [$ref: FieldBase], required: [id, name, namespace]}`: the wrapper's `required`
/// holds (a `name` must be given), and a member no property defines is kept.
#[test]
fn a_wrapper_that_requires_more_of_its_one_member_is_an_object_of_its_own() {
    use other_documents::typed::CustomField;
    let field = CustomField::new("environment");
    assert_eq!(serde_json::to_value(&field).expect("encodes"), serde_json::json!({"name": "environment"}));
    let stored = serde_json::json!({"id": "F1", "name": "environment", "namespace": "incidents"});
    let decoded: CustomField = serde_json::from_value(stored.clone()).expect("decodes");
    assert_eq!(decoded.name, "environment");
    assert_eq!(serde_json::to_value(&decoded).expect("encodes"), stored, "goes back out as it came");
    assert!(serde_json::from_value::<CustomField>(serde_json::json!({"id": "F1"})).is_err(), "`name` is required");
}

/// `anyOf: [string, ExternalAccount, DeletedExternalAccount]`, the two unions of a bank account
/// and a card whose tags the deleted ones share: one union of all their members, told apart
/// by shape (a deleted one has `deleted`) and, between the deleted ones, by their tags.
#[test]
fn unions_of_unions_that_share_tags_are_one_union_told_apart_by_shape_and_tag() {
    use other_documents::typed::{DeletedBankAccount, DeletedCard, GetPayoutResponseDestination as Destination, LiveCard};
    let destination = decoded_unchanged::<Destination>;
    assert_eq!(destination(&serde_json::json!("ba_1")), Destination::String("ba_1".to_owned()));
    let card = destination(&serde_json::json!({"id": "card_1", "object": "card", "brand": "visa"}));
    assert!(matches!(card, Destination::LiveCard(LiveCard { ref brand, .. }) if brand == "visa"), "{card:?}");
    let deleted_card = destination(&serde_json::json!({"id": "card_1", "object": "card", "deleted": true}));
    assert!(matches!(deleted_card, Destination::DeletedCard(DeletedCard { .. })), "{deleted_card:?}");
    let deleted_account = destination(&serde_json::json!({"id": "ba_1", "object": "bank_account", "deleted": true}));
    assert!(matches!(deleted_account, Destination::DeletedBankAccount(DeletedBankAccount { .. })), "{deleted_account:?}");
    // A kind of object the document does not know yet: kept whole, as the unions kept it.
    let newer = serde_json::json!({"id": "x_1", "object": "crypto_wallet", "deleted": true});
    assert_eq!(destination(&newer), Destination::Other(newer));
}

/// A required member only requests carry (`writeOnly`) is absent from answers: it does not tell
/// a noted setting apart from a flagged one, so the flagged one (which requires `enabled`) is
/// tried first, and `{enabled}` is not read as a noted setting that drops it.
#[test]
fn a_write_only_member_does_not_tell_union_members_apart() {
    use other_documents::typed::{FlaggedSetting, ListSettingsResponseItem as Setting};
    let setting = decoded_unchanged::<Setting>;
    let flagged = setting(&serde_json::json!({"enabled": true, "label": "x"}));
    assert!(matches!(flagged, Setting::FlaggedSetting(FlaggedSetting { enabled: true, .. })), "{flagged:?}");
    assert!(matches!(setting(&serde_json::json!({"label": "x"})), Setting::NotedSetting(_)));
}

/// A member the document requires but never defines is any JSON value, kept as sent: a
/// number, `null`, or left out (servers leave such members out).
#[test]
fn a_required_member_no_property_defines_is_kept_as_sent() {
    use other_documents::typed::AddressCard;
    let card = |accessed: Option<serde_json::Value>| {
        let mut value = serde_json::json!({"entry": {"id": "1", "vat": "v"}, "reach": {"email": "a@b.c"}});
        if let Some(accessed) = accessed {
            value["accessed"] = accessed;
        }
        let decoded: AddressCard = serde_json::from_value(value.clone()).expect("decodes");
        assert_eq!(serde_json::to_value(&decoded).expect("encodes"), value, "goes back out as it came");
        decoded.accessed
    };
    assert_eq!(card(Some(serde_json::json!({"at": 3}))), Some(Some(serde_json::json!({"at": 3}))));
    assert_eq!(card(Some(serde_json::Value::Null)), Some(None));
    assert_eq!(card(None), None);
}

/// A union tagged by a number (`"type": 2`) decodes each member by its number, keeps a number
/// it does not know, and sends numbers; an integer `oneOf` of named values is an enum of them.
#[test]
fn a_union_tagged_by_a_number_and_integers_with_names() {
    use other_documents::typed::{Button, ButtonType, Component, Flash, MessageKind, Route, Select, SelectType, Signal};
    let decode = |component: serde_json::Value| {
        let route = serde_json::json!({"interface": {"if_index": 1}, "placement": {"zone": "x"}, "component": component});
        let decoded: Route = serde_json::from_str(&route.to_string()).expect("decodes");
        assert_eq!(serde_json::to_value(&decoded).expect("encodes"), route, "goes back out as it came");
        decoded.component.expect("present")
    };
    let button = decode(serde_json::json!({"type": 2, "label": "Go", "colour": "red"}));
    assert!(matches!(&button, Component::Button(b) if b.label.as_deref() == Some("Go")), "{button:?}");
    assert_eq!(button.tag(), Some("2"));
    let users = decode(serde_json::json!({"options": [], "type": 5}));
    assert!(matches!(&users, Component::SelectV5(s) if s.r#type == SelectType::V5), "{users:?}");
    let newer = decode(serde_json::json!({"type": 8, "url": "u"}));
    assert!(matches!(&newer, Component::Unknown(_)), "{newer:?}");
    assert_eq!(newer.tag(), Some("8"));
    // The text "2" is not the number 2.
    assert!(matches!(decode(serde_json::json!({"type": "2"})), Component::Unknown(_)));
    // A select without its options is not a select, and not taken for another member.
    let wrong = r#"{"interface":{"if_index":1},"placement":{"zone":"x"},"component":{"type":3}}"#;
    assert!(serde_json::from_str::<Route>(wrong).is_err());
    let built = Component::SelectV3(Select::new(SelectType::V3, vec!["a".to_owned()]));
    assert_eq!(serde_json::to_value(&built).expect("encodes"), serde_json::json!({"type": 3, "options": ["a"]}));
    // The button's `type` narrows a named enum to one of its values, and keeps its name; its
    // `colour` narrows a string enum to one value, and goes out as that value.
    let built = Component::Button(Button::new(ButtonType::Button));
    assert_eq!(serde_json::to_value(&built).expect("encodes"), serde_json::json!({"type": 2, "colour": "red"}));

    // A discriminator over an integer property: its mapping's keys are numbers on the wire.
    let signal = |json: &str| {
        let text = format!(r#"{{"interface":{{"if_index":1}},"placement":{{"zone":"x"}},"signal":{json}}}"#);
        serde_json::from_str::<Route>(&text).expect("decodes").signal.expect("present")
    };
    assert!(matches!(signal(r#"{"code":2,"times":3}"#), Signal::Flash(f) if f.times == Some(3)));
    assert!(matches!(signal(r#"{"volume":9,"code":1}"#), Signal::Beep(b) if b.volume == Some(9)));
    assert!(matches!(signal(r#"{"code":"1"}"#), Signal::Unknown(_)));
    assert_eq!(
        serde_json::to_value(Signal::Flash(Flash::new(0).with_times(1))).expect("encodes"),
        serde_json::json!({"code": 2, "times": 1})
    );

    assert_eq!(serde_json::from_str::<MessageKind>("1").expect("decodes"), MessageKind::RecipientAdd);
    assert_eq!(serde_json::from_str::<MessageKind>("0").expect("decodes"), MessageKind::Default);
    assert_eq!(serde_json::from_str::<MessageKind>("19").expect("decodes"), MessageKind::V19);
    assert_eq!(serde_json::from_str::<MessageKind>("7").expect("decodes").as_i64(), 7);
    assert_eq!(serde_json::to_string(&MessageKind::RecipientAdd).expect("encodes"), "1");
}

/// A base with a discriminator that other schemas extend by `allOf` is a union of them: each
/// value keeps the members its subtype adds, tagged by the mapping or the subtype's name.
#[test]
fn a_base_other_schemas_extend_is_a_union_of_them() {
    use other_documents::typed::{Animal, Cat, Dog, Route};
    let animal = |json: serde_json::Value| {
        let route = serde_json::json!({"interface": {"if_index": 1}, "placement": {"zone": "x"}, "animal": json});
        let decoded: Route = serde_json::from_str(&route.to_string()).expect("decodes");
        assert_eq!(serde_json::to_value(&decoded).expect("encodes"), route, "goes back out as it came");
        decoded.animal.expect("present")
    };
    let cat = animal(serde_json::json!({"kind": "cat", "name": "Tom", "lives": 9}));
    assert!(matches!(&cat, Animal::Cat(c) if c.lives == 9 && c.name == "Tom"), "{cat:?}");
    let dog = animal(serde_json::json!({"kind": "Dog", "name": "Rex", "good": true}));
    assert!(matches!(&dog, Animal::Dog(d) if d.good == Some(true)), "{dog:?}");
    let bird = animal(serde_json::json!({"kind": "bird", "name": "Tweety"}));
    assert_eq!(bird.tag(), Some("bird"));
    let built = Animal::Cat(Cat::new("cat", "Kit", 3));
    assert_eq!(
        serde_json::to_value(&built).expect("encodes"),
        serde_json::json!({"kind": "cat", "name": "Kit", "lives": 3})
    );
    // The tag goes out as the variant says, whatever the field was set to.
    let built = Animal::Dog(Dog::new("anything", "Fido"));
    assert_eq!(serde_json::to_value(&built).expect("encodes")["kind"], "Dog");
}

/// A required member the server sets (`readOnly`) is not asked of a request, and one only
/// requests carry (`writeOnly`) is not required of a response: the method takes the name and the
/// password, and the answer decodes without the password.
#[tokio::test]
async fn read_only_and_write_only_members_are_required_one_way() {
    use other_documents::typed::{Account, Client, CreateAccountOptions};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/accounts"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": "a1", "name": "n"})))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let options = CreateAccountOptions::default().with_password("s3cret");
    let account: Account = client.create_account("n", options).await.expect("201").into_body();
    assert_eq!(account.id.as_deref(), Some("a1"));
    assert!(account.password.is_none(), "a secret, and absent");
    assert_eq!(account.closed, None, "absent");
    // A read-only member that may be `null` keeps its `null`, now that it may be absent too.
    let closed: Account = serde_json::from_str(r#"{"id": "a1", "name": "n", "closed": null}"#).expect("decodes");
    assert_eq!(closed.closed, Some(None));
    assert_eq!(
        serde_json::to_value(&closed).expect("encodes"),
        serde_json::json!({"id": "a1", "name": "n", "closed": null})
    );
    let requests = server.received_requests().await.expect("recorded");
    let sent: serde_json::Value = serde_json::from_slice(&received(&requests).body).expect("json");
    // A one-value member goes out with its value, read-only or not: the method sets it.
    assert_eq!(sent, serde_json::json!({"kind": "account", "name": "n", "password": "s3cret"}));
}

/// An optional member that may be `null` keeps the two apart: on decode `None` is absent and
/// `Some(None)` is `null`, both go out again as they came, and a request sends `null` only when
/// asked to (a PATCH that clears a member must not be one that leaves it alone).
#[tokio::test]
async fn absent_and_null_are_told_apart_both_ways() {
    use other_documents::typed::{Client, Settings, UpdateSettingsOptions};
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/settings"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"mode": "m", "nickname": null, "owner": null})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/settings"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"mode": null, "nickname": "nick"})))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");

    let mut options = UpdateSettingsOptions::default().with_zoom(3).with_api_token("s3cret");
    options.theme = Some(None);
    assert!(!format!("{options:?}").contains("s3cret"), "a secret input is not in Debug");
    let cleared: Settings = client.update_settings(options).await.expect("200").into_body();
    // Nothing set: nothing goes out, not even `null`s.
    let _ = client.update_settings(UpdateSettingsOptions::default()).await.expect("200");
    let requests = server.received_requests().await.expect("recorded");
    let sent: Vec<serde_json::Value> =
        requests.iter().map(|r| serde_json::from_slice(&r.body).expect("json")).collect();
    assert_eq!(sent[0], serde_json::json!({"theme": null, "zoom": 3, "api_token": "s3cret"}));
    assert_eq!(sent[1], serde_json::json!({}));

    assert_eq!(cleared.nickname, Some(None), "`null` is not read as absent");
    assert_eq!(cleared.owner, Some(None), "a union with a `nullable` member keeps `null`");
    assert_eq!(cleared.theme, None);
    assert_eq!(
        serde_json::to_value(&cleared).expect("encodes"),
        serde_json::json!({"mode": "m", "nickname": null, "owner": null})
    );
    let got: Settings = client.get_settings().await.expect("200").into_body();
    assert_eq!(got.nickname, Some(Some("nick".to_owned())));
    assert_eq!(serde_json::to_value(&got).expect("encodes"), serde_json::json!({"mode": null, "nickname": "nick"}));
    // Built by hand: the setter sets a value; leaving it alone leaves the member out.
    let built = Settings::new(None).with_nickname("n");
    assert_eq!(serde_json::to_value(&built).expect("encodes"), serde_json::json!({"mode": null, "nickname": "n"}));
}

/// A required body the document leaves open is the caller's: any JSON value for `{}`, an
/// object for `type: object` (a patch); an optional one is an option, `{}` when unset; an
/// object that allows no members goes out as `{}`.
/// Kubernetes' `int-or-string` decodes both the integers and the strings the API sends.
#[tokio::test]
async fn open_bodies_are_the_callers_and_int_or_string_keeps_both_kinds() {
    use other_documents::constructs::{IntOrString, Probe, ProbeTarget};
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/properties/colour"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/properties/probe"))
        .and(header("content-type", "application/merge-patch+json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"port": 8080, "target": "http"})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/properties/probe"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/properties/probe"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client_for(&server).await;
    client.set_property("colour", serde_json::json!(["red", 3])).await.expect("204");
    let mut patch = serde_json::Map::new();
    patch.insert("port".to_owned(), serde_json::json!("http"));
    let probe: Probe = client.patch_property("probe", patch.clone()).await.expect("200").into_body();
    client.clear_property("probe").await.expect("204");
    // An optional open body: given, it is sent; unset, `{}` is.
    let options = other_documents::constructs::TouchPropertyOptions::default().with_body(patch);
    client.touch_property("probe", options).await.expect("204");
    client.touch_property("probe", Default::default()).await.expect("204");

    assert_eq!(probe.port, IntOrString::Integer(8080));
    assert_eq!(probe.target, Some(ProbeTarget::String("http".to_owned())));
    let requests = server.received_requests().await.expect("recorded");
    let bodies: Vec<serde_json::Value> =
        requests.iter().map(|r| serde_json::from_slice(&r.body).expect("json")).collect();
    assert_eq!(
        bodies,
        [
            serde_json::json!(["red", 3]),
            serde_json::json!({"port": "http"}),
            serde_json::json!({}),
            serde_json::json!({"port": "http"}),
            serde_json::json!({})
        ]
    );
}

/// A reference beside an empty nullable object is that reference, any other object, or `null`
/// (the reference tried first); a number beside text
/// and an enum of texts is a number or text; an `enum` that lists `null` keeps it; URI tags name
/// their variants by their last segment.
#[tokio::test]
async fn graph_idioms_decode_typed_and_encode_as_they_came() {
    use other_documents::typed::{
        Client, DirectoryEntry, DirectoryEntryManager, DirectoryEntryQuota, DirectoryEntryTheme, Error,
        GetDirectoryEntryError, Problem,
    };
    let server = MockServer::start().await;
    let bodies = [
        serde_json::json!({"manager": {"name": "Ada"}, "quota": 1.5, "theme": null}),
        serde_json::json!({"manager": null, "quota": "INF", "theme": "dark"}),
        serde_json::json!({"quota": null}),
        // The empty nullable object admits any object: one that is not a person is kept as it is.
        serde_json::json!({"manager": {"team": "core"}}),
    ];
    for (index, body) in bodies.iter().enumerate() {
        Mock::given(method("GET"))
            .and(path(format!("/directory/{index}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/directory/bad"))
        .respond_with(ResponseTemplate::new(400).set_body_json(
            serde_json::json!({"type": "https://api.example.com/problems/invalid-request", "field": "id"}),
        ))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let mut got: Vec<DirectoryEntry> = Vec::new();
    for index in 0..bodies.len() {
        got.push(client.get_directory_entry(index.to_string()).await.expect("200").into_body());
    }
    let Some(Some(DirectoryEntryManager::Person(person))) = &got[0].manager else {
        panic!("not a person: {:?}", got[0].manager)
    };
    assert_eq!(person.name, "Ada");
    assert_eq!(got[0].quota, Some(Some(DirectoryEntryQuota::Number(1.5))));
    assert_eq!(got[0].theme, Some(None), "`null`, which the enum lists, is kept");
    assert_eq!(got[1].manager, Some(None));
    assert_eq!(got[1].quota, Some(Some(DirectoryEntryQuota::String("INF".to_owned()))));
    assert_eq!(got[1].theme, Some(Some(DirectoryEntryTheme::Dark)));
    assert_eq!(got[2].quota, Some(None));
    assert!(matches!(&got[3].manager, Some(Some(DirectoryEntryManager::Object(team))) if team.contains_key("team")));
    for (entry, body) in got.iter().zip(&bodies) {
        assert_eq!(&serde_json::to_value(entry).expect("encodes"), body);
    }
    let error = client.get_directory_entry("bad").await.expect_err("400");
    let Error::Api(api) = error else { panic!("not an API error: {error:?}") };
    let GetDirectoryEntryError::BadRequest(Problem::InvalidRequest(problem)) = api.error else {
        panic!("not the invalid-request problem: {:?}", api.error)
    };
    assert_eq!(problem.field, "id");
}

/// An error body that extends the success envelope and says its result is `null` (no value is
/// both: the document means "null here") decodes, with the result kept apart from an absent one;
/// a union of two numbers is a number.
#[tokio::test]
async fn a_failure_envelope_that_extends_the_success_one_decodes() {
    use other_documents::typed::{Client, Error, ListZoneRecordsError, RecordPage, ZoneRecordTtl};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/zones/z1/records"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "success": true, "errors": [], "result": [{"name": "a", "ttl": 1}, {"name": "b", "ttl": 300.5}]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/zones/z2/records"))
        .respond_with(ResponseTemplate::new(403).set_body_json(serde_json::json!({
            "success": false, "errors": [{"code": 7003, "message": "no route"}], "result": null
        })))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let page: RecordPage = client.list_zone_records("z1").await.expect("200").into_body();
    let ttls: Vec<_> = page.result.iter().flatten().map(|r| r.ttl.clone()).collect();
    assert_eq!(ttls, [Some(ZoneRecordTtl::Number(1.0)), Some(ZoneRecordTtl::Number(300.5))]);
    let error = client.list_zone_records("z2").await.expect_err("403");
    let Error::Api(api) = error else { panic!("not an API error: {error:?}") };
    let ListZoneRecordsError::ClientError { status, body: failure } = api.error else {
        panic!("not the failure: {:?}", api.error)
    };
    assert_eq!(status.as_u16(), 403);
    assert!(!failure.success);
    assert_eq!(failure.errors[0].code, 7003);
    assert_eq!(failure.result, None, "`null`");
}

/// `allOf: [Base, oneOf: [Person, Company]]` is a person-with-the-base or a company-with-the-base,
/// told apart by their required members (also where the choice is a component of its own); a union that only says which member is required leaves
/// the object's members optional; an `anyOf` of objects that require nothing is one struct.
#[tokio::test]
async fn a_base_with_a_choice_is_a_choice_of_bases() {
    use other_documents::typed::{AddressCard, AddressCardEntry, Client, FeaturedListing, Listing};
    let server = MockServer::start().await;
    let body = serde_json::json!([
        {"entry": {"id": "p1", "born": "1990-01-31"}, "reach": {"email": "a@example.com"},
         "listing": {"id": "l1", "vat": "GB2"}},
        {"entry": {"id": "c1", "vat": "GB1"}, "reach": {"phone": "+44"}, "handles": {"github": "c1", "mastodon": "@c1"},
         "featured": {"id": "f1", "born": "2000-02-29", "rank": 1}}
    ]);
    Mock::given(method("GET"))
        .and(path("/address-cards"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&body))
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let contacts: Vec<AddressCard> = client.list_address_cards().await.expect("200").into_body();
    let AddressCardEntry::PersonEntry(person) = &contacts[0].entry else { panic!("{:?}", contacts[0].entry) };
    assert_eq!((person.id.as_str(), person.born.to_string().as_str()), ("p1", "1990-01-31"));
    let AddressCardEntry::CompanyEntry(company) = &contacts[1].entry else { panic!("{:?}", contacts[1].entry) };
    assert_eq!((company.id.as_str(), company.vat.as_str()), ("c1", "GB1"));
    // The choice a component the `allOf` refers to, and an `allOf` extending that.
    let Some(Listing::CompanyEntry(listing)) = &contacts[0].listing else { panic!("{:?}", contacts[0].listing) };
    assert_eq!((listing.id.as_str(), listing.vat.as_str()), ("l1", "GB2"));
    let Some(FeaturedListing::PersonEntry(featured)) = &contacts[1].featured else {
        panic!("{:?}", contacts[1].featured)
    };
    assert_eq!((featured.id.as_str(), featured.rank), ("f1", Some(1)));
    assert_eq!(contacts[0].reach.email.as_deref(), Some("a@example.com"));
    assert_eq!(contacts[1].reach.phone.as_deref(), Some("+44"));
    // An `anyOf` of objects that require nothing is one struct of all their members.
    let handles = contacts[1].handles.as_ref().expect("handles");
    assert_eq!((handles.github.as_deref(), handles.mastodon.as_deref()), (Some("c1"), Some("@c1")));
    assert_eq!(serde_json::to_value(&contacts).expect("encodes"), body);
}

/// An API key the document puts in the query goes out with every request, beside the
/// operation's own parameters, and the client's `Debug` does not show it.
#[tokio::test]
async fn a_default_query_key_goes_out_with_every_request() {
    use other_documents::constructs::{Client, ListThingsOptions};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/things"))
        .and(query_param("api_key", "k 1"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .default_query("api_key", "k 1")
        .build()
        .expect("client");
    assert!(!format!("{client:?}").contains("k 1"));
    let things = client
        .list_things("acme", ListThingsOptions::default().with_limit(2))
        .await
        .expect("the key was sent");
    assert!(things.is_empty());
}

/// A member required but nullable must be there: `{}` is not a reading of `null` (serde reads an
/// absent `Option` as `None`, and the reading, tried first, took it and sent it back with `null`).
#[test]
fn a_union_member_whose_required_member_may_be_null_needs_it_present() {
    use other_documents::typed::{ListReadingsResponseItem as Item, Reading, Remark};
    let readings = serde_json::json!([{"value": null}, {}, {"value": 2.5, "unit": "C"}, {"text": "calibrated"}]);
    let decoded: Vec<Item> = decoded_unchanged(&readings);
    let shapes: Vec<&str> = decoded
        .iter()
        .map(|item| match item {
            Item::Reading(Reading { value: None, .. }) => "reading of null",
            Item::Reading(Reading { value: Some(_), .. }) => "reading",
            Item::Remark(Remark { text: None, .. }) => "empty remark",
            Item::Remark(_) => "remark",
            _ => "other",
        })
        .collect();
    assert_eq!(shapes, ["reading of null", "empty remark", "reading", "remark"]);
}

/// A server that drops the required but nullable member still gets its value read as the member
/// that declares every member it has (it goes back out with the `null`), not as one that would
/// drop a member.
#[test]
fn a_union_member_missing_only_its_nullable_required_member_is_still_read() {
    use other_documents::typed::{ListReadingsResponseItem as Item, Reading};
    let item: Item = serde_json::from_value(serde_json::json!({"unit": "C"})).expect("decodes");
    assert!(
        matches!(&item, Item::Reading(Reading { value: None, unit: Some(unit), .. }) if unit == "C"),
        "{item:?}"
    );
}

/// An operation named `clone` does not take `Clone::clone` from the client (it is `clone_2`):
/// a clone still shares the connection pool and calls what the original calls.
#[tokio::test]
async fn an_operation_named_like_a_trait_method_leaves_the_trait_method_alone() {
    use other_documents::names::Client;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/clone"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client: Client = Client::builder().base_url(server.uri()).build().expect("client");
    let cloned: Client = client.clone();
    cloned.clone_2().await.expect("the operation is called");
}

/// An optional member of any JSON keeps a `null` apart from absent, both ways.
#[test]
fn an_optional_member_of_any_json_keeps_its_null() {
    use other_documents::typed::Jotting;
    let jottings = serde_json::json!([{"attachment": null}, {}, {"attachment": {"a": [1, null]}, "text": "t"}]);
    let decoded: Vec<Jotting> = decoded_unchanged(&jottings);
    let attachments: Vec<Option<serde_json::Value>> = decoded.into_iter().map(|note| note.attachment).collect();
    assert_eq!(
        attachments,
        [Some(serde_json::Value::Null), None, Some(serde_json::json!({"a": [1, null]}))]
    );
}

/// A form body that is a union of objects (a grant per grant type) goes out as the fields of
/// the variant given, its tag among them.
#[tokio::test]
async fn a_form_body_of_a_union_of_objects_sends_the_variants_fields() {
    use other_documents::constructs::{AuthorizationCode, ExchangeGrantRequest, Refresh};
    let server = MockServer::start().await;
    for expected in [
        "code=c+1&grant_type=authorization_code&scope=a&scope=b",
        "grant_type=refresh_token&refresh_token=r%2F2",
    ] {
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string(expected))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = client_for(&server).await;
    let code = AuthorizationCode::new("c 1").with_scope(vec!["a".into(), "b".into()]);
    client.exchange_grant(ExchangeGrantRequest::AuthorizationCode(code)).await.expect("204");
    let refresh = Refresh::new("r/2");
    client.exchange_grant(ExchangeGrantRequest::RefreshToken(refresh)).await.expect("204");
}

/// `label` and `matrix` path parameters go out with their style's prefix, values encoded.
#[tokio::test]
async fn label_and_matrix_path_parameters_carry_their_prefix() {
    use other_documents::constructs::GetGridCellPoint;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/grid/.B%2F7/;x=3;y=4/;tags=a,b%2Cc"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let point = GetGridCellPoint::new().with_x(3).with_y(4);
    client_for(&server)
        .await
        .get_grid_cell("B/7", point, vec!["a".to_owned(), "b,c".to_owned()])
        .await
        .expect("204");
}

/// A union of objects told apart by the members they declare, with a member that is any object:
/// an object no struct declares all of is that member, every member kept (a struct that takes
/// it would drop the ones it does not declare).
#[test]
fn an_object_no_member_declares_all_of_is_the_any_object_member() {
    use other_documents::typed::ListSinkConfigsResponseItem as Item;
    let configs = serde_json::json!([
        {"url": "https://e", "index_prefix": "logs"},
        {"level": 3},
        {"level": 3, "token": "t"},
        {}
    ]);
    let decoded: Vec<Item> = decoded_unchanged(&configs);
    let kinds: Vec<&str> = decoded
        .iter()
        .map(|item| match item {
            Item::Elastic(_) => "elastic",
            Item::Tuning(_) => "tuning",
            Item::Custom(_) => "custom",
        })
        .collect();
    assert_eq!(kinds, ["elastic", "tuning", "custom", "tuning"]);
}

/// A 3.2 `query` operation goes out as the QUERY method, with its body.
#[tokio::test]
async fn a_query_operation_is_sent_as_query_with_its_body() {
    use other_documents::openapi_32::{Client, QueryOrdersOptions};
    let server = MockServer::start().await;
    Mock::given(method("QUERY"))
        .and(path("/orders"))
        .and(header("content-type", "application/json"))
        .and(body_string(r#"{"status":"open"}"#))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder().base_url(server.uri()).build().expect("client");
    let filter = serde_json::Map::from_iter([("status".to_owned(), serde_json::json!("open"))]);
    client
        .query_orders(QueryOrdersOptions::default().with_body(filter))
        .await
        .expect("200");
}

/// Beside a member that is any object, a struct of optional members takes only objects whose
/// members it declares: one with another member is the any-object member, kept whole.
#[test]
fn an_object_with_a_member_the_struct_lacks_is_the_any_object_member() {
    use other_documents::typed::ListPreferencesResponseItem as Item;
    let preferences = serde_json::json!([{"theme": "dark"}, {"theme": "dark", "font": "mono"}, {}]);
    let decoded: Vec<Item> = decoded_unchanged(&preferences);
    let kinds: Vec<&str> = decoded
        .iter()
        .map(|item| match item {
            Item::Settings(_) => "settings",
            Item::Anything(_) => "anything",
        })
        .collect();
    assert_eq!(kinds, ["settings", "anything", "settings"]);
}
