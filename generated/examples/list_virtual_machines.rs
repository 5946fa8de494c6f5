//! Walks every virtual machine of an organization, page after page, and prints one line each.
//!
//! ```sh
//! KATAPULT_API_TOKEN=… cargo run -p katapult-client --features virtual-machines \
//!     --example list_virtual_machines -- <organization sub-domain>
//! ```
//!
//! `…_all` is a stream of items across every page: each page is one request (with the client's
//! retries), and the stream ends after the last page, or after the first error, which it yields.

use std::process::ExitCode;

use futures_util::StreamExt;
use katapult_client::{Client, GetOrganizationVirtualMachinesOptions, OrganizationLookup};

#[tokio::main]
async fn main() -> ExitCode {
    let Some(sub_domain) = std::env::args().nth(1) else {
        eprintln!("usage: list_virtual_machines <organization sub-domain>   (token from KATAPULT_API_TOKEN)");
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
    let options = GetOrganizationVirtualMachinesOptions::default()
        .with_organization(OrganizationLookup::by_sub_domain(sub_domain))
        .with_per_page(100);
    // The stream borrows the client and is not `Unpin`: pin it to call `next()`.
    let mut machines = std::pin::pin!(client.get_organization_virtual_machines_all(options));
    let mut count = 0_usize;
    while let Some(machine) = machines.next().await {
        match machine {
            Ok(machine) => {
                count += 1;
                println!(
                    "{}\t{}\t{}",
                    machine.id.as_deref().unwrap_or("-"),
                    machine.name.as_deref().unwrap_or("-"),
                    machine.fqdn.as_deref().unwrap_or("-"),
                );
            }
            // `Display` names the status, the code and the API's description; the request id
            // is what Katapult's support asks for.
            Err(e) => {
                eprintln!(
                    "listing stopped after {count} machine(s): {e} (request id {:?})",
                    e.request_id()
                );
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!("{count} virtual machine(s)");
    ExitCode::SUCCESS
}
