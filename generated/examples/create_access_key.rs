//! Creates an object storage access key, then waits until it is provisioned and prints its first
//! credentials as shell exports.
//!
//! ```sh
//! KATAPULT_API_TOKEN=… cargo run -p katapult-client --example create_access_key -- \
//!     <organization sub-domain> <region> <key name> > creds.env
//! ```
//!
//! Creating is not idempotent: the client never sends it twice unless the first attempt was
//! refused before it was carried out. When it cannot tell (a timeout after sending), the error
//! is `Error::OutcomeUnknown`, and the key may exist: look before creating another.

use std::process::ExitCode;
use std::time::Duration;

use katapult_client::{
    Client, Error, ExposeSecret, ObjectStorageAccessKeyArguments, ObjectStorageAccessKeyLookup,
    ObjectStorageClusterLookup, OrganizationLookup,
};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [sub_domain, region, name] = args.as_slice() else {
        eprintln!("usage: create_access_key <organization sub-domain> <region> <key name>");
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

    let created = client
        .organization_object_storage_object_storage_cluster_access_keys(
            OrganizationLookup::by_sub_domain(sub_domain.clone()),
            ObjectStorageClusterLookup::by_region(region.clone()),
            // Required members go to `new`, the others to `with_…` setters: a newer document
            // that adds an optional member does not break this code.
            ObjectStorageAccessKeyArguments::new(name.clone()).with_all_buckets_read(true),
        )
        .await;
    let key_id = match created {
        Ok(response) => response.object_storage_access_key.id.clone(),
        Err(Error::OutcomeUnknown(e)) => {
            eprintln!("the request was sent but its outcome is unknown ({e}); list the keys before retrying");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("cannot create the key: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Some(key_id) = key_id else {
        eprintln!("the API created a key without an id");
        return ExitCode::FAILURE;
    };
    eprintln!("created {key_id}; waiting for it to be provisioned");

    // A new key answers 422 `object_storage_provisioning_error` until it is ready: the
    // `…_when_ready` method calls again, with backoff, until the deadline.
    let lookup = ObjectStorageAccessKeyLookup::by_id(key_id);
    match client
        .object_storage_access_key_generate_credentials_when_ready(lookup, Duration::from_secs(300))
        .await
    {
        Ok(response) => {
            let key = &response.object_storage_access_key;
            if let (Some(id), Some(secret)) = (&key.s3_access_key_id, &key.s3_secret_access_key) {
                println!("export AWS_ACCESS_KEY_ID={id}");
                println!("export AWS_SECRET_ACCESS_KEY={}", secret.expose_secret());
                ExitCode::SUCCESS
            } else {
                eprintln!("the API answered without credentials");
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("no credentials: {e}");
            ExitCode::FAILURE
        }
    }
}
