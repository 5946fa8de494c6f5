//! A user's program, written against the client generated from Katapult's 2.61.1 document and
//! compiled unchanged against the one from 2.68.0: every kind of type a user builds, reads or
//! matches. Copied into the crate by `tests/regeneration.rs`.

use katapult::{
    Client, DnsRecordArguments, DnsRecordContentArguments, DnsRecordContentArgumentsForA, DnsRecordTypesEnum,
    DnsZoneLookup, Error, GetOrganizationVirtualMachinesOptions, ObjectStorageAccessKeyArguments,
    ObjectStorageAccessKeyGenerateCredentialsError, ObjectStorageAccessKeyLookup, ObjectStorageClusterLookup,
    OrganizationLookup, PermissionDenied403, PostDnsZoneRecordsError,
};

/// Builds request bodies (one the newer document extends), options, lookups; calls; reads
/// responses; matches error enums, unions and string enums.
pub async fn uses(client: &Client) -> Result<String, Box<dyn std::error::Error>> {
    // A body type the newer document gives a new optional member (`HTTPRedirect`).
    let content = DnsRecordContentArguments::new().with_a(DnsRecordContentArgumentsForA::new().with_ip_address("192.0.2.1"));
    let record = DnsRecordArguments::new()
        .with_name("www")
        .with_type(DnsRecordTypesEnum::A)
        .with_ttl(300)
        .with_content(content);
    let mut out = String::new();
    match client.post_dns_zone_records(DnsZoneLookup::by_id("dnszone_1"), record).await {
        Ok(created) => out.push_str(created.dns_record.id.as_deref().unwrap_or_default()),
        Err(Error::Api(e)) => match &e.error {
            PostDnsZoneRecordsError::Forbidden(PermissionDenied403::ScopeNotGranted(denied)) => {
                out.push_str(&format!("{:?}", denied.detail));
            }
            PostDnsZoneRecordsError::Forbidden(_) => out.push_str("forbidden"),
            _ => out.push_str(&e.to_string()),
        },
        Err(other) => return Err(other.into()),
    }

    // A body with a required member, and setters for the rest.
    let created = client
        .organization_object_storage_object_storage_cluster_access_keys(
            OrganizationLookup::by_sub_domain("acme"),
            ObjectStorageClusterLookup::by_region("uk"),
            ObjectStorageAccessKeyArguments::new("backups").with_all_buckets_read(true),
        )
        .await?;
    let key = &created.object_storage_access_key;
    out.push_str(key.name.as_deref().unwrap_or_default());

    // Options, by setters; a listing.
    let options = GetOrganizationVirtualMachinesOptions::default()
        .with_organization(OrganizationLookup::by_id("org_1"))
        .with_page(1)
        .with_per_page(50);
    let page = client.get_organization_virtual_machines(options).await?;
    for machine in &page.virtual_machines {
        out.push_str(machine.name.as_deref().unwrap_or_default());
    }

    // An operation's error enum and a string enum, matched with the `_` arms they require.
    let lookup = ObjectStorageAccessKeyLookup::by_id("objkey_1");
    if let Err(Error::Api(e)) = client.object_storage_access_key_generate_credentials(lookup).await {
        let kind = match &e.error {
            ObjectStorageAccessKeyGenerateCredentialsError::NotFound(_) => "not found",
            ObjectStorageAccessKeyGenerateCredentialsError::Forbidden(_) => "forbidden",
            _ => "other",
        };
        out.push_str(kind);
    }
    let kind = match DnsRecordTypesEnum::A {
        DnsRecordTypesEnum::A => "A",
        _ => "another",
    };
    out.push_str(kind);
    Ok(out)
}
