//! Issues new S3 credentials for an object storage access key and prints them as shell exports.
//!
//! ```sh
//! KATAPULT_API_TOKEN=… cargo run -p katapult-client --example generate_credentials -- objkey_… > creds.env
//! ```
//!
//! Waits out "provisioning in progress" (up to 5 minutes) for a key that was just created.
//! `KATAPULT_API_URL` overrides the API's base URL. Every call issues new credentials: the old
//! ones stop working.

use std::process::ExitCode;
use std::time::Duration;

use katapult_client::{
    Client, Error, ExposeSecret, ObjectStorageAccessKeyGenerateCredentialsError as GenerateError,
    ObjectStorageAccessKeyLookup, PermissionDenied403 as Forbidden,
};

#[tokio::main]
async fn main() -> ExitCode {
    let Some(key_id) = std::env::args().nth(1) else {
        eprintln!("usage: generate_credentials <access key id>   (the token comes from KATAPULT_API_TOKEN)");
        return ExitCode::from(2);
    };
    let Ok(token) = std::env::var("KATAPULT_API_TOKEN") else {
        eprintln!("KATAPULT_API_TOKEN is not set: create an API token in Katapult and export it");
        return ExitCode::from(2);
    };
    let mut builder = Client::builder().bearer_token(token);
    if let Ok(url) = std::env::var("KATAPULT_API_URL") {
        builder = builder.base_url(url);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("cannot set up the client: {e}");
            return ExitCode::FAILURE;
        }
    };

    let lookup = ObjectStorageAccessKeyLookup::by_id(key_id.clone());
    let deadline = Duration::from_secs(300);
    match client
        .object_storage_access_key_generate_credentials_when_ready(lookup, deadline)
        .await
    {
        Ok(response) => {
            let key = &response.object_storage_access_key;
            let (Some(id), Some(secret)) = (&key.s3_access_key_id, &key.s3_secret_access_key) else {
                eprintln!(
                    "the API answered without credentials (request id {:?})",
                    response.meta.request_id
                );
                return ExitCode::FAILURE;
            };
            println!("export AWS_ACCESS_KEY_ID={id}");
            println!("export AWS_SECRET_ACCESS_KEY={}", secret.expose_secret());
            if let Some(server) = &key.server_url {
                println!("export AWS_ENDPOINT_URL=https://{}", server.trim_end_matches(":443"));
            }
            if let Some(region) = &key.region {
                println!("export AWS_REGION={region}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{}", explain(&key_id, &error));
            if let Some(id) = error.request_id() {
                eprintln!("(request id {id}, after {} attempt(s))", error.attempts());
            }
            ExitCode::FAILURE
        }
    }
}

fn explain(key_id: &str, error: &Error<GenerateError>) -> String {
    let Some(api) = error.api_error() else {
        return format!("could not generate credentials: {error}");
    };
    match api {
        GenerateError::Forbidden(Forbidden::ScopeNotGranted(e)) => {
            let scopes = e.detail.as_ref().and_then(|d| d.scopes.clone()).unwrap_or_default();
            format!("the token lacks the scope(s) {scopes:?}: grant `object_storage` to the token")
        }
        GenerateError::Forbidden(Forbidden::PermissionDenied(e)) => format!(
            "permission denied: {}",
            e.detail
                .as_ref()
                .and_then(|d| d.details.as_deref())
                .or(e.description.as_deref())
                .unwrap_or("no reason given")
        ),
        GenerateError::Forbidden(Forbidden::InvalidApiToken(_)) => {
            "the API token is not valid (it may not exist or have expired)".to_owned()
        }
        GenerateError::Forbidden(Forbidden::UnauthorizedNetworkForApiToken(e)) => format!(
            "this token may not be used from {}",
            e.detail
                .as_ref()
                .and_then(|d| d.ip_address.as_deref())
                .unwrap_or("this network")
        ),
        GenerateError::Forbidden(other) => {
            let code = other.code().unwrap_or("no code");
            format!("forbidden ({code}): {}", other.description().unwrap_or(""))
        }
        GenerateError::NotFound(_) => format!("no object storage access key `{key_id}` was found"),
        GenerateError::UnprocessableEntity(_) => {
            "the key is still being provisioned after 5 minutes; try again later".to_owned()
        }
        other => other.to_string(),
    }
}
