//! Decoding a wrapped 403 body of each of the five variants into the generated typed error, against
//! (a) the floor: the same bytes into a plain hand-written struct of the same shape, and (b) a
//! `#[serde(untagged)]` enum of the five variant structs, which is what common generators emit.
//!
//! `cargo bench -p katapult-client --bench decode_errors`

mod common;

use std::hint::black_box;

use clientgen_runtime::__private::OperationError;
use katapult_client::ObjectStorageAccessKeyGenerateCredentialsError as GenerateError;
use serde::Deserialize;

/// The five variants in the order the document lists them, with details as the live API sends them.
const BODIES: [(&str, &str); 5] = [
    (
        "unauthorized_network_for_api_token",
        r#"{"error":{"code":"unauthorized_network_for_api_token","description":"Network is not allowed to access the API with this API token","detail":{"ip_address":"192.0.2.44"}}}"#,
    ),
    (
        "invalid_api_token",
        r#"{"error":{"code":"invalid_api_token","description":"The API token provided was not valid (it may not exist or have expired)","detail":{"details":"The token has expired"}}}"#,
    ),
    (
        "invalid_capabilities_token",
        r#"{"error":{"code":"invalid_capabilities_token","description":"The capabilities token provided was not valid (either not valid, expired or not signed by the correct key)","detail":{}}}"#,
    ),
    (
        "scope_not_granted",
        r#"{"error":{"code":"scope_not_granted","description":"The scope required for this endpoint has not been granted to the authenticating identity","detail":{"scopes":["object_storage","object_storage:read"]}}}"#,
    ),
    (
        "permission_denied",
        r#"{"error":{"code":"permission_denied","description":"The authenticated identity is not permitted to perform this action","detail":{"details":"Additional information regarding the reason why permission was denied"}}}"#,
    ),
];

/// The floor: one plain struct per variant, exactly the shape of its body and with the same Rust
/// types as the generated ones (a free-form object is a JSON map in both), but no dispatch.
#[allow(dead_code)]
mod floor {
    use serde::Deserialize;

    #[derive(Deserialize)]
    pub struct Envelope<D> {
        pub error: Plain<D>,
    }

    /// Optional fields, as the document has them (it lists nothing as required).
    #[derive(Deserialize)]
    pub struct Plain<D> {
        pub code: Option<String>,
        pub description: Option<String>,
        pub detail: Option<D>,
    }

    #[derive(Deserialize)]
    pub struct Network {
        pub ip_address: Option<String>,
    }

    #[derive(Deserialize)]
    pub struct Details {
        pub details: Option<String>,
    }

    /// A free-form `detail` (`type: object`), decoded as the typed client decodes it.
    pub type Empty = serde_json::Map<String, serde_json::Value>;

    #[derive(Deserialize)]
    pub struct Scopes {
        pub scopes: Option<Vec<String>>,
    }
}

/// What common generators emit: the variants as structs whose `code` is a one-value enum, tried in
/// turn by `#[serde(untagged)]`.
#[allow(dead_code)]
mod untagged {
    use serde::Deserialize;

    use super::floor::{Details, Empty, Network, Scopes};

    macro_rules! variant {
        ($name:ident, $code:ident, $value:literal, $detail:ty) => {
            #[derive(Deserialize)]
            pub enum $code {
                #[serde(rename = $value)]
                Only,
            }

            #[derive(Deserialize)]
            pub struct $name {
                pub code: Option<$code>,
                pub description: Option<String>,
                pub detail: Option<$detail>,
            }
        };
    }

    variant!(
        UnauthorizedNetwork,
        UnauthorizedNetworkCode,
        "unauthorized_network_for_api_token",
        Network
    );
    variant!(InvalidApiToken, InvalidApiTokenCode, "invalid_api_token", Details);
    variant!(
        InvalidCapabilities,
        InvalidCapabilitiesCode,
        "invalid_capabilities_token",
        Empty
    );
    variant!(ScopeNotGranted, ScopeNotGrantedCode, "scope_not_granted", Scopes);
    variant!(PermissionDenied, PermissionDeniedCode, "permission_denied", Details);

    #[derive(Deserialize)]
    #[serde(untagged)]
    pub enum Forbidden {
        UnauthorizedNetwork(UnauthorizedNetwork),
        InvalidApiToken(InvalidApiToken),
        InvalidCapabilities(InvalidCapabilities),
        ScopeNotGranted(ScopeNotGranted),
        PermissionDenied(PermissionDenied),
    }

    #[derive(Deserialize)]
    pub struct Envelope {
        pub error: Forbidden,
    }
}

fn floor_decode(index: usize, body: &[u8]) -> usize {
    fn size<D: for<'de> Deserialize<'de>>(body: &[u8]) -> usize {
        let decoded: floor::Envelope<D> = serde_json::from_slice(body).expect("floor decodes");
        decoded.error.code.map_or(0, |c| c.len()) + usize::from(decoded.error.detail.is_some())
    }
    match index {
        0 => size::<floor::Network>(body),
        1 | 4 => size::<floor::Details>(body),
        2 => size::<floor::Empty>(body),
        _ => size::<floor::Scopes>(body),
    }
}

fn main() {
    // Each decoder must get each body right before it is timed.
    for (index, (code, body)) in BODIES.iter().enumerate() {
        let typed = GenerateError::decode(katapult_client::StatusCode::FORBIDDEN, body.as_bytes(), Some("error"))
            .expect("documented")
            .expect("decodes");
        assert_eq!(typed.code(), Some(*code));
        let untagged: untagged::Envelope = serde_json::from_slice(body.as_bytes()).expect("untagged decodes");
        let chosen = match untagged.error {
            untagged::Forbidden::UnauthorizedNetwork(_) => 0,
            untagged::Forbidden::InvalidApiToken(_) => 1,
            untagged::Forbidden::InvalidCapabilities(_) => 2,
            untagged::Forbidden::ScopeNotGranted(_) => 3,
            untagged::Forbidden::PermissionDenied(_) => 4,
        };
        assert_eq!(chosen, index, "untagged picked the wrong variant for {code}");
        assert!(floor_decode(index, body.as_bytes()) > 0);
    }

    let mut c = common::criterion();
    let mut group = c.benchmark_group("decode_403");
    for (index, (code, body)) in BODIES.iter().enumerate() {
        let body = body.as_bytes();
        group.bench_function(format!("{code}/floor"), |b| {
            b.iter(|| floor_decode(index, black_box(body)))
        });
        group.bench_function(format!("{code}/typed"), |b| {
            b.iter(|| {
                GenerateError::decode(katapult_client::StatusCode::FORBIDDEN, black_box(body), Some("error"))
                    .expect("documented")
                    .expect("decodes")
            })
        });
        group.bench_function(format!("{code}/untagged"), |b| {
            b.iter(|| serde_json::from_slice::<untagged::Envelope>(black_box(body)).expect("decodes"))
        });
    }
    group.finish();
    c.final_summary();

    // Time ratios: typed at ≥0.8× the floor's throughput is ≤1.25× its time; ≥2× the untagged
    // enum's throughput is ≤0.5× its time.
    let ids: Vec<(String, String, String)> = BODIES
        .iter()
        .map(|(code, _)| {
            (
                format!("{code}/floor"),
                format!("{code}/typed"),
                format!("{code}/untagged"),
            )
        })
        .collect();
    let against_floor: Vec<(&str, &str, f64)> = ids.iter().map(|(f, t, _)| (f.as_str(), t.as_str(), 1.25)).collect();
    common::report(
        "Typed decode against the floor (time ratio)",
        "decode_403",
        &against_floor,
    );
    // The goal is for the last variant, the one `untagged` reaches after failing on every other.
    let against_untagged: Vec<(&str, &str, f64)> = ids
        .iter()
        .enumerate()
        .map(|(i, (_, t, u))| {
            (
                u.as_str(),
                t.as_str(),
                if i == ids.len() - 1 { 0.5 } else { f64::INFINITY },
            )
        })
        .collect();
    common::report(
        "Typed decode against #[serde(untagged)] (time ratio)",
        "decode_403",
        &against_untagged,
    );
}
