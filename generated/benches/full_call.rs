//! A whole `generate_credentials` call against a loopback HTTP server: the generated client against
//! a minimal hand-written `reqwest` call that sends the same request and decodes the same body.
//!
//! `cargo bench -p katapult-client --bench full_call`

mod common;
#[path = "../tests/client/support/mod.rs"]
mod support;

use std::hint::black_box;

use katapult_client::{Client, ObjectStorageAccessKeyLookup};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::{Deserialize, Serialize};
use support::{Behaviour, FaultServer};

const RECORDED: &str = include_str!("../tests/client/fixtures/generate_credentials-200.json");
const PATH: &str = "/object_storage/access_keys/access_key/generate_credentials";

#[derive(Serialize)]
struct Lookup<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct Body<'a> {
    access_key: Lookup<'a>,
}

/// The same fields the generated type has, decoded the plain way.
#[derive(Deserialize)]
#[allow(dead_code)]
struct Key {
    id: Option<String>,
    name: Option<String>,
    created_at: Option<i64>,
    region: Option<String>,
    state: Option<String>,
    all_buckets_read: Option<bool>,
    all_objects_read: Option<bool>,
    all_objects_write: Option<bool>,
    read_buckets: Option<Vec<String>>,
    write_buckets: Option<Vec<String>>,
    server_url: Option<String>,
    s3_access_key_id: Option<String>,
    s3_secret_access_key: Option<String>,
}

#[derive(Deserialize)]
struct Credentials {
    object_storage_access_key: Key,
}

async fn hand_written(http: &reqwest::Client, url: &str) -> Credentials {
    let body = serde_json::to_vec(&Body {
        access_key: Lookup {
            id: "objkey_EKEAMCHzkhba9uak",
        },
    })
    .expect("encodes");
    let response = http
        .post(url)
        .header(AUTHORIZATION, "Bearer bench-token")
        .header(CONTENT_TYPE, "application/json")
        .header(ACCEPT, "application/json")
        .body(body)
        .send()
        .await
        .expect("sent");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("read");
    serde_json::from_slice(&bytes).expect("decodes")
}

fn main() {
    let recorded: serde_json::Value = serde_json::from_str(RECORDED).expect("fixture");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = runtime.block_on(FaultServer::start(vec![Behaviour::json(
        200,
        &recorded["response"]["body"],
    )]));
    let client = Client::builder()
        .base_url(&server.url)
        .bearer_token("bench-token")
        .build()
        .expect("client");
    let http = reqwest::Client::builder().build().expect("reqwest");
    let url = format!("{}{PATH}", server.url);

    let generated = || async {
        client
            .object_storage_access_key_generate_credentials(ObjectStorageAccessKeyLookup::by_id(
                "objkey_EKEAMCHzkhba9uak",
            ))
            .await
            .expect("200")
    };
    assert!(
        runtime
            .block_on(generated())
            .object_storage_access_key
            .s3_secret_access_key
            .is_some()
    );
    assert!(
        runtime
            .block_on(hand_written(&http, &url))
            .object_storage_access_key
            .s3_secret_access_key
            .is_some()
    );

    let mut c = common::criterion();
    let mut group = c.benchmark_group("full_call");
    group.bench_function("hand-written reqwest", |b| {
        b.iter(|| runtime.block_on(hand_written(&http, black_box(&url))))
    });
    group.bench_function("generated client", |b| b.iter(|| runtime.block_on(generated())));
    group.finish();
    c.final_summary();
    common::report(
        "A full call on loopback (time ratio to a hand-written reqwest call)",
        "full_call",
        &[("hand-written reqwest", "generated client", 1.10)],
    );
}
