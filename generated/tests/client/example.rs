//! The `generate_credentials` example, run as a user would (`cargo test` builds examples), against
//! a loopback server: what it prints for credentials, a 403, a 404 and a missing token.

use std::path::PathBuf;
use std::process::{Command, Output};

use crate::support::{Behaviour, FaultServer, SECRET, TOKEN};
use serde_json::json;

/// `target/<profile>/examples/generate_credentials`, beside this test's own binary.
fn example() -> PathBuf {
    let test_binary = std::env::current_exe().expect("test binary path");
    let profile_dir = test_binary
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    profile_dir
        .join("examples")
        .join(format!("generate_credentials{}", std::env::consts::EXE_SUFFIX))
}

async fn run(url: Option<&str>, token: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(example());
    command
        .args(args)
        .env_remove("KATAPULT_API_TOKEN")
        .env_remove("KATAPULT_API_URL");
    if let Some(url) = url {
        command.env("KATAPULT_API_URL", url);
    }
    if let Some(token) = token {
        command.env("KATAPULT_API_TOKEN", token);
    }
    tokio::task::spawn_blocking(move || command.output().expect("the example runs"))
        .await
        .expect("joined")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test]
async fn prints_the_credentials_as_exports() {
    let body = json!({"object_storage_access_key": {
        "s3_access_key_id": "AKID", "s3_secret_access_key": SECRET,
        "server_url": "uk-lon-1.katapultobjects.com:443", "region": "uk-lon-1"
    }});
    let server = FaultServer::start(vec![Behaviour::json(200, &body)]).await;
    let output = run(Some(&server.url), Some(TOKEN), &["objkey_x"]).await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        format!(
            "export AWS_ACCESS_KEY_ID=AKID\nexport AWS_SECRET_ACCESS_KEY={SECRET}\n\
             export AWS_ENDPOINT_URL=https://uk-lon-1.katapultobjects.com\nexport AWS_REGION=uk-lon-1\n"
        )
    );
    assert!(!text(&output.stderr).contains(TOKEN));
}

#[tokio::test]
async fn names_the_missing_scope() {
    let body =
        json!({"error": {"code": "scope_not_granted", "description": "d", "detail": {"scopes": ["object_storage"]}}});
    let server = FaultServer::start(vec![Behaviour::json(403, &body)]).await;
    let output = run(Some(&server.url), Some(TOKEN), &["objkey_x"]).await;
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains(r#"lacks the scope(s) ["object_storage"]"#), "{stderr}");
    assert!(!stderr.contains(TOKEN), "{stderr}");
}

#[tokio::test]
async fn names_the_key_that_was_not_found() {
    let body = json!({"error": {"code": "object_storage_access_key_not_found", "description": "d", "detail": {}}});
    let server = FaultServer::start(vec![Behaviour::json(404, &body).with_header("X-Request-Id", "req-404")]).await;
    let output = run(Some(&server.url), Some(TOKEN), &["objkey_missing"]).await;
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("no object storage access key `objkey_missing` was found"),
        "{stderr}"
    );
    assert!(stderr.contains("request id req-404"), "{stderr}");
}

#[tokio::test]
async fn asks_for_the_token_and_the_key() {
    let output = run(None, None, &["objkey_x"]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("KATAPULT_API_TOKEN is not set"),
        "{}",
        text(&output.stderr)
    );
    let output = run(None, Some(TOKEN), &[]).await;
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("usage: generate_credentials <access key id>"));
}
