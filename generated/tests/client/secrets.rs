//! No secret of the whole Core API is ever printed: every type that holds one (as the generator
//! decides, from the document) is filled from JSON with a marker in each secret, and the marker
//! must appear nowhere in its `Debug`, while each secret stays readable through `expose_secret`.
//! Calls whose answers hold secrets are made on a loopback server with every log level captured,
//! and the marker must appear in no log line, no `Debug` and no `Display` of any error.

#![cfg(feature = "full")]

use std::collections::BTreeSet;
use std::fmt::Debug;

use crate::support::{LogCapture, everything_shown};
use clientgen::ir::{Api, TypeDef, TypeKind, TypeRef};
use katapult_client::{Client, ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const MARKER: &str = "M4RK3R-s3cr3t-v4lu3";

/// The Core API as the generator lowers it from `spec/`.
fn core_api() -> Api {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/");
    let read = |name: &str| std::fs::read_to_string(format!("{spec}{name}")).expect("spec/ file");
    let config = clientgen::Config::from_yaml(&read("codegen.yaml")).expect("config");
    let document = clientgen::load::load(&read("katapult-core-openapi.json")).expect("document");
    clientgen::lower::lower(&document, &config, "spec").expect("lowered")
}

/// A value of `ty` with every member filled and every secret set to [`MARKER`]. Past a few
/// levels only required members and those that lead to a secret are filled, so that recursive
/// types end.
fn sample(api: &Api, ty: &TypeRef, depth: usize) -> Value {
    match ty {
        TypeRef::String | TypeRef::Bytes => json!("text"),
        TypeRef::Integer => json!(7),
        TypeRef::Number => json!(1.5),
        TypeRef::Boolean => json!(true),
        TypeRef::Json => json!({"any": "value"}),
        TypeRef::JsonObject => json!({}),
        TypeRef::Array(item) => json!([sample(api, item, depth + 1)]),
        TypeRef::Map(value) => json!({ "k": sample(api, value, depth + 1) }),
        // A value, not `null`: a secret inside must be filled.
        TypeRef::Nullable(inner) => sample(api, inner, depth),
        TypeRef::Named { name, .. } => sample_named(api, api.type_named(name).expect("a type the IR names"), depth),
        // The Core API has no formats that get a type of their own, nor config types.
        TypeRef::Scalar(_) | TypeRef::Custom(_) => panic!("the Core API has no {ty:?}"),
    }
}

fn sample_named(api: &Api, def: &TypeDef, depth: usize) -> Value {
    match &def.kind {
        TypeKind::Struct(s) => {
            let mut object = serde_json::Map::new();
            let reaches_secret = |f: &&clientgen::ir::Field| {
                f.secret.is_some()
                    || f.ty
                        .named()
                        .and_then(|n| api.type_named(n))
                        .is_some_and(|t| t.holds_secret)
            };
            for field in s
                .fields
                .iter()
                .filter(|f| f.required || depth < 6 || (depth < 16 && reaches_secret(f)))
            {
                let value = match (&field.secret, &s.tag) {
                    (Some(_), _) => json!(MARKER),
                    (None, Some(tag)) if tag.property == field.wire_name => json!(tag.value),
                    (None, _) => sample(api, &field.ty, depth + 1),
                };
                object.insert(field.wire_name.clone(), value);
            }
            Value::Object(object)
        }
        TypeKind::StringEnum(e) => json!(e.variants.first().map_or("unknown", |v| v.value.as_str())),
        TypeKind::IntegerEnum(e) => json!(e.variants.first().map_or(0, |v| v.value)),
        TypeKind::TaggedUnion(u) => {
            // The variant that holds a secret, if one does.
            let variant = u
                .variants
                .iter()
                .find(|v| api.type_named(&v.ty).is_some_and(|t| t.holds_secret))
                .or(u.variants.first())
                .expect("a union has variants");
            let mut value = sample(
                api,
                &TypeRef::Named {
                    name: variant.ty.clone(),
                    boxed: false,
                },
                depth,
            );
            value[&u.tag_property] = json!(variant.tag_value);
            value
        }
        // Kept as JSON (its members' types are not even compiled): any object will do, with a
        // secret where a member that holds one would have it.
        TypeKind::UntaggedJson { .. } if def.holds_secret => json!({"id": "text", "secret": MARKER}),
        TypeKind::UntaggedJson { .. } => json!({}),
        // The member that holds a secret, if one does.
        TypeKind::UntaggedUnion(u) => {
            let variant = u
                .variants
                .iter()
                .find(|v| {
                    v.ty.named()
                        .and_then(|n| api.type_named(n))
                        .is_some_and(|t| t.holds_secret)
                })
                .or(u.variants.first())
                .expect("a union has variants");
            sample(api, &variant.ty, depth)
        }
        // One member: the one that holds a secret, if one does.
        TypeKind::OneMember(u) => {
            let variant = u
                .variants
                .iter()
                .find(|v| {
                    v.ty.named()
                        .and_then(|n| api.type_named(n))
                        .is_some_and(|t| t.holds_secret)
                })
                .or(u.variants.first())
                .expect("a union has variants");
            json!({ variant.member.as_str(): sample(api, &variant.ty, depth + 1) })
        }
    }
}

/// Decodes `json` as `T` and shows it with `Debug`.
fn debug_of<T: DeserializeOwned + Debug>(json: &str) -> Result<String, String> {
    serde_json::from_str::<T>(json)
        .map(|value| format!("{value:?} {value:#?}"))
        .map_err(|e| e.to_string())
}

/// A secret field, revealed on purpose.
trait Reveal {
    fn reveal(&self) -> Option<String>;
}

impl Reveal for SecretString {
    fn reveal(&self) -> Option<String> {
        Some(self.expose_secret().to_owned())
    }
}

impl Reveal for Option<SecretString> {
    fn reveal(&self) -> Option<String> {
        self.as_ref().map(|s| s.expose_secret().to_owned())
    }
}

macro_rules! debug_of_each {
    ($($ty:ident),* $(,)?) => {
        vec![$((stringify!($ty), debug_of::<katapult_client::$ty> as fn(&str) -> Result<String, String>)),*]
    };
}

macro_rules! reveal_each {
    ($($ty:ident . $field:ident),* $(,)?) => {
        vec![$((
            concat!(stringify!($ty), ".", stringify!($field)),
            (|json: &str| {
                let value: katapult_client::$ty = serde_json::from_str(json).map_err(|e| e.to_string())?;
                Ok(value.$field.reveal())
            }) as fn(&str) -> Result<Option<String>, String>,
        )),*]
    };
}

#[test]
fn no_type_that_holds_a_secret_prints_it() {
    let api = core_api();
    // Every type of the whole API that holds a secret at any depth. When a new document adds
    // one, the comparison below names it: add it here.
    let checks = debug_of_each![
        ApiTokenRegenerateSecretResponse,
        Attachment,
        Certificate,
        DeleteDisk200ResponseDisk,
        DeleteDiskResponse,
        DeleteVirtualMachine200ResponseVirtualMachine,
        DeleteVirtualMachineResponse,
        DiskAssignResponse,
        DiskAttachResponse,
        DiskDetachResponse,
        DiskInstallation,
        DiskTemplate,
        DiskTemplateVersion,
        DiskUnassignResponse,
        GetCertificateResponse,
        GetDisk200ResponseDisk,
        GetDiskResponse,
        GetDiskTemplate200ResponseDiskTemplate,
        GetDiskTemplateResponse,
        GetLoadBalancer200ResponseLoadBalancer,
        GetLoadBalancerResponse,
        GetObjectStorageAccessKeyResponse,
        GetOperatingSystemResponse,
        GetOrganizationApiTokensResponse,
        GetOrganizationObjectStorageAccessKeysResponse,
        GetVirtualMachine200ResponseVirtualMachine,
        GetVirtualMachinePackageResponse,
        GetVirtualMachinePackagesResponse,
        GetVirtualMachineResponse,
        Iso,
        ObjectStorageAccessKey,
        ObjectStorageAccessKeyGenerateCredentialsResponse,
        OperatingSystem,
        OrganizationObjectStorageObjectStorageClusterAccessKeysResponse201,
        PatchApiTokenResponse,
        PatchDisk200ResponseDisk,
        PatchDiskResponse,
        PatchLoadBalancer200ResponseLoadBalancer,
        PatchLoadBalancerResponse,
        PatchObjectStorageAccessKeyResponse,
        PatchVirtualMachine200ResponseVirtualMachine,
        PatchVirtualMachineResponse,
        PostDiskAssign200ResponseDisk,
        PostDiskAttach200ResponseDisk,
        PostDiskDetach200ResponseDisk,
        PostDiskUnassign200ResponseDisk,
        PostOrganizationApiTokensResponse,
        PostOrganizationDisks201ResponseDisk,
        PostOrganizationDisksResponse201,
        PostOrganizationLoadBalancers201ResponseLoadBalancer,
        PostOrganizationLoadBalancersResponse201,
        PutDiskIoProfile200ResponseDisk,
        PutDiskIoProfileResponse,
        PutDiskResize200ResponseDisk,
        PutDiskResizeResponse,
        VirtualMachinePackage,
        ApiToken,
        // Unions one of whose members holds a secret (a virtual machine's first root password),
        // the members, and what holds them.
        Disk,
        VirtualMachine,
        VirtualMachineDisk,
        DiskBackupPolicyTarget,
        DiskBackupPolicyTargetTarget,
        LoadBalancerResource,
        LoadBalancerResourceResources,
        DeleteDiskBackupPolicySchedule200ResponseDiskBackupPolicy,
        DeleteDiskBackupPolicyScheduleResponse,
        GetDiskBackupPolicy200ResponseDiskBackupPolicy,
        GetDiskBackupPolicyResponse,
        GetDiskDiskBackupPolicies200ResponseDiskBackupPolicies,
        GetDiskDiskBackupPoliciesResponse,
        GetOrganizationDiskBackupPolicies200ResponseDiskBackupPolicies,
        GetOrganizationDiskBackupPoliciesResponse,
        GetOrganizationLoadBalancers200ResponseLoadBalancers,
        GetOrganizationLoadBalancersResponse,
        GetVirtualMachineDiskBackupPolicies200ResponseDiskBackupPolicies,
        GetVirtualMachineDiskBackupPoliciesResponse,
        PatchDiskBackupPolicy200ResponseDiskBackupPolicy,
        PatchDiskBackupPolicyResponse,
        PostDiskDiskBackupPolicies200ResponseDiskBackupPolicy,
        PostDiskDiskBackupPoliciesResponse,
        ObjectStorageObjectStorageClusterBucketPresignedUrlResponse,
        PostVirtualMachineConsoleSessions201ResponseConsoleSession,
        VirtualMachineConsoleSessionsResponse201,
        PostVirtualMachineDiskBackupPolicies200ResponseDiskBackupPolicy,
        PostVirtualMachineDiskBackupPoliciesResponse,
    ];
    let holders: BTreeSet<&str> = api
        .types
        .iter()
        .filter(|t| t.holds_secret)
        .map(|t| t.name.as_str())
        .collect();
    let checked: BTreeSet<&str> = checks.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        holders.difference(&checked).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "types that hold a secret and are not checked here"
    );
    assert_eq!(
        checked.difference(&holders).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "types checked here that the generator no longer says hold a secret"
    );
    for (name, debug) in checks {
        let def = api.type_named(name).expect("checked type exists");
        let json = sample_named(&api, def, 0).to_string();
        assert!(json.contains(MARKER), "{name}: the sample holds no secret: {json}");
        let shown = debug(&json).unwrap_or_else(|e| panic!("{name}: the sample does not decode: {e}\n{json}"));
        assert!(!shown.contains(MARKER), "{name}: Debug prints a secret:\n{shown}");
        assert!(
            shown.contains("REDACTED"),
            "{name}: Debug shows no redacted secret:\n{shown}"
        );
    }
}

#[test]
fn every_secret_field_stays_readable_on_purpose() {
    let api = core_api();
    let reveals = reveal_each![
        ApiToken.secret,
        Attachment.token,
        Certificate.private_key,
        DeleteVirtualMachine200ResponseVirtualMachine.initial_root_password,
        GetLoadBalancer200ResponseLoadBalancer.backend_certificate_key,
        GetVirtualMachine200ResponseVirtualMachine.initial_root_password,
        ObjectStorageAccessKey.s3_secret_access_key,
        PatchLoadBalancer200ResponseLoadBalancer.backend_certificate_key,
        PatchVirtualMachine200ResponseVirtualMachine.initial_root_password,
        PostOrganizationLoadBalancers201ResponseLoadBalancer.backend_certificate_key,
        ObjectStorageObjectStorageClusterBucketPresignedUrlResponse.url,
        PostVirtualMachineConsoleSessions201ResponseConsoleSession.url,
        VirtualMachine.initial_root_password,
    ];
    let secret_fields: BTreeSet<String> = api.secret_values().into_iter().map(|s| s.place).collect();
    let revealed: BTreeSet<String> = reveals.iter().map(|(place, _)| (*place).to_owned()).collect();
    assert_eq!(secret_fields, revealed, "the secret fields the generator decided");
    for (place, reveal) in reveals {
        let name = place.split('.').next().expect("Type.field");
        let json = sample_named(&api, api.type_named(name).expect("type"), 0).to_string();
        let value = reveal(&json).unwrap_or_else(|e| panic!("{place}: {e}"));
        assert_eq!(value.as_deref(), Some(MARKER), "{place}");
    }
}

/// The sample success body of the operation `method_name`.
fn success_sample(api: &Api, method_name: &str) -> Value {
    let op = api
        .operations
        .iter()
        .find(|op| op.method_name == method_name)
        .expect("operation");
    let clientgen::ir::ResponseBody::Json(ty) = &op.success[0].body else {
        panic!("{method_name} answers JSON");
    };
    sample(api, ty, 0)
}

#[tokio::test]
async fn calls_that_return_secrets_print_and_log_none() {
    let api = core_api();
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(server.uri())
        .bearer_token("t0k3n")
        .retry(katapult_client::RetryPolicy::disabled())
        .build()
        .expect("client");
    let log = LogCapture::install();
    let mut shown = String::new();
    for (method_name, body, status) in [
        ("api_token_regenerate_secret", None, 200),
        ("post_organization_api_tokens", None, 200),
        ("get_virtual_machine", None, 200),
        ("get_certificate", None, 200),
        ("get_load_balancer", None, 200),
        ("object_storage_access_key_generate_credentials", None, 200),
        // A body that does not decode: a decode error.
        ("api_token_regenerate_secret", Some("trailing"), 200),
        ("get_virtual_machine", Some("trailing"), 200),
        // A status the document does not list: the body is kept, never shown.
        ("get_certificate", None, 418),
        // A documented status with another code than the document's: kept whole, never shown.
        ("get_load_balancer", Some("undocumented"), 404),
    ] {
        let sample = success_sample(&api, method_name);
        let text = match body {
            Some("trailing") => format!("{sample} x"),
            Some("undocumented") => json!({"error": {"code": "other", "secret": MARKER, "detail": sample}}).to_string(),
            _ => sample.to_string(),
        };
        server.reset().await;
        Mock::given(method(if method_name.starts_with("get") { "GET" } else { "POST" }))
            .respond_with(ResponseTemplate::new(status).set_body_raw(text, "application/json"))
            .mount(&server)
            .await;
        shown.push_str(&match method_name {
            "api_token_regenerate_secret" => everything_shown(
                &client
                    .api_token_regenerate_secret(katapult_client::ApiTokenLookup::by_id("tok"))
                    .await,
            ),
            "post_organization_api_tokens" => everything_shown(
                &client
                    .post_organization_api_tokens(
                        katapult_client::OrganizationLookup::by_id("org"),
                        katapult_client::ApiTokenArguments::default(),
                        Default::default(),
                    )
                    .await,
            ),
            "get_virtual_machine" => everything_shown(&client.get_virtual_machine(Default::default()).await),
            "get_certificate" => everything_shown(&client.get_certificate(Default::default()).await),
            "get_load_balancer" => everything_shown(&client.get_load_balancer(Default::default()).await),
            "object_storage_access_key_generate_credentials" => everything_shown(
                &client
                    .object_storage_access_key_generate_credentials(
                        katapult_client::ObjectStorageAccessKeyLookup::by_id("key"),
                    )
                    .await,
            ),
            other => unreachable!("{other}"),
        });
    }
    let logged = log.text();
    assert!(
        logged.contains("http_request"),
        "the client logged its requests:\n{logged}"
    );
    assert!(shown.contains("REDACTED"), "the successes were shown:\n{shown}");
    assert!(shown.contains("Decode"), "the decode errors were shown:\n{shown}");
    assert!(
        shown.contains("Undocumented"),
        "the undocumented error was shown:\n{shown}"
    );
    assert!(!shown.contains(MARKER), "a secret is printed:\n{shown}");
    assert!(!logged.contains(MARKER), "a secret is logged:\n{logged}");
}
