//! Which values are secrets: what the config says first, then what the document marks
//! (`format: password`, `writeOnly`), then what the name says. A secret is kept as a
//! `SecretString`: redacted in `Debug`, in errors and in logs, and readable only by an explicit
//! call; it still goes out on the wire as given.

use std::collections::{BTreeMap, HashMap};

use heck::ToSnakeCase;
use openapiv3::{OpenAPI, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::SecretReason;

use super::refs::{self, SchemaView};

/// A name's last word that says the value is about a secret, not the secret itself
/// (`password_updated_at`, `secret_id`, `api_key_name`).
const NOT_MATERIAL: &[&str] = &[
    "id",
    "ids",
    "uuid",
    "name",
    "names",
    "type",
    "types",
    "kind",
    "url",
    "uri",
    "urls",
    "at",
    "on",
    "date",
    "time",
    "count",
    "length",
    "size",
    "expires",
    "expiry",
    "expiration",
    "status",
    "state",
    "format",
    "enabled",
    "required",
    "set",
    "prefix",
    "suffix",
    "hint",
    "fingerprint",
    "label",
    "description",
    "algorithm",
    "version",
    "policy",
    "ttl",
    "scope",
    "scopes",
    "last4",
    "digits",
    "masked",
    "mask",
    "reference",
    "ref",
    "arn",
    "location",
    "path",
];

/// Words that make a value a secret wherever they stand in its name (`initial_root_password`,
/// `client_secret`, `s3_secret_access_key`).
const SECRET_WORDS: &[&str] = &["password", "passphrase", "passwd", "secret", "secrets"];

/// Words before `token` that make it a position in a listing, not a credential.
const CURSOR_WORDS: &[&str] = &[
    "page",
    "next",
    "prev",
    "previous",
    "continuation",
    "cursor",
    "pagination",
    "sync",
    "resume",
    "start",
    "end",
    "last",
];

/// Words before `key` that make it key material rather than a name or an index
/// (`api_key`, `backend_certificate_key`; not `sort_key`, `public_key`, `ssh_key`).
const KEY_MATERIAL: &[&str] = &[
    "private",
    "api",
    "access",
    "encryption",
    "decryption",
    "signing",
    "license",
    "licence",
    "master",
    "shared",
    "preshared",
    "session",
    "client",
    "certificate",
    "cert",
    "tls",
    "ssl",
    "hmac",
    "auth",
    "symmetric",
    "webhook",
    "sas",
    "storage",
    "account",
    "root",
];

/// Words before `code` that make it a one-time credential (`authorization_code`, `recovery_codes`,
/// `mfa_code`, a card's `security_code`), not a classifier (`error_code`, `country_code`).
const CREDENTIAL_CODE_WORDS: &[&str] = &[
    "authorization",
    "auth",
    "recovery",
    "backup",
    "verification",
    "mfa",
    "totp",
    "otp",
    "2fa",
    "activation",
    "reset",
    "login",
    "security",
    "pin",
];

/// Words that make a URL a credential: whoever holds a presigned or signed URL (or a SAS one)
/// reads what it points at, with no other key (`presigned_url`, `signedUrl`, `sas_uri`).
const CAPABILITY_WORDS: &[&str] = &["presigned", "signed", "sas", "capability"];

/// Whether a property or parameter name says its value is a secret. Words are taken from the
/// name's snake case (`clientSecret` → `client`, `secret`).
pub fn secret_by_name(name: &str) -> bool {
    let snake = name.to_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    if matches!(*last, "url" | "uri" | "urls" | "link") && before.iter().any(|w| CAPABILITY_WORDS.contains(w)) {
        return true;
    }
    if NOT_MATERIAL.contains(last) || before.contains(&"public") {
        return false;
    }
    if words.iter().any(|w| SECRET_WORDS.contains(w)) {
        return true;
    }
    match *last {
        // An `Authorization` header's value, a JSON web token, a one-time password, a cluster's
        // credentials file.
        "authorization" => before.is_empty() || matches!(before, ["proxy" | "x"]),
        "jwt" | "otp" | "kubeconfig" => true,
        // A card's verification value and a PIN; a session cookie; a wallet's recovery words.
        "cvv" | "cvv2" | "cvc" | "cvc2" | "pin" | "cookie" | "cookies" | "mnemonic" => true,
        "phrase" => matches!(before.last(), Some(&("seed" | "recovery" | "pass"))),
        "code" | "codes" => before.iter().any(|w| CREDENTIAL_CODE_WORDS.contains(w)),
        "config" => before.last() == Some(&"kube"),
        // A database or storage account's connection string carries its password or key.
        "string" | "strings" => before.last() == Some(&"connection"),
        "token" => !before.last().is_some_and(|w| CURSOR_WORDS.contains(w)),
        "key" => before.iter().any(|w| KEY_MATERIAL.contains(w)),
        "credential" | "credentials" => true,
        _ => words.contains(&"private") && words.contains(&"key"),
    }
}

/// What the document itself says: `format: password`, or a `writeOnly` string.
pub fn marked_secret(doc: &OpenAPI, schema: SchemaView<'_>) -> Option<SecretReason> {
    let schema = match schema {
        SchemaView::Inline(schema) => schema,
        SchemaView::Ref(reference) => refs::resolve_schema(doc, reference, "#").ok()?.schema,
    };
    let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
        return None;
    };
    if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Password) {
        Some(SecretReason::PasswordFormat)
    } else if schema.schema_data.write_only {
        Some(SecretReason::WriteOnly)
    } else {
        None
    }
}

/// The config's `secrets` and `not_secrets`: each entry is `Schema.property` or the JSON pointer
/// of a property, and must name a property the document has.
pub struct SecretConfig {
    /// The pointer of each property named → whether it is secret.
    entries: BTreeMap<String, bool>,
}

impl SecretConfig {
    /// Reads the entries; [`SecretConfig::check`] says whether each names a property. Kept apart
    /// so that a broken selection or `wait_while` is reported first: it is the likelier cause.
    pub fn new(secrets: &[String], not_secrets: &[String]) -> Self {
        let mut entries = BTreeMap::new();
        for (list, secret) in [(secrets, true), (not_secrets, false)] {
            for entry in list {
                if let Some(pointer) = entry_pointer(entry) {
                    entries.insert(pointer, secret);
                }
            }
        }
        SecretConfig { entries }
    }

    /// Every entry is `Schema.property` or a property's pointer, names a property of `doc`, and
    /// is in one list only.
    pub fn check(doc: &OpenAPI, secrets: &[String], not_secrets: &[String]) -> Result<()> {
        let mut entries = BTreeMap::new();
        // Each entry's component schema or path item as JSON, to check that it names a
        // property; made once per root, and only the root (the whole document is large).
        let mut roots = HashMap::new();
        for (list, secret) in [(secrets, true), (not_secrets, false)] {
            let key = if secret { "secrets" } else { "not_secrets" };
            for (index, entry) in list.iter().enumerate() {
                let at = format!("{key}[{index}]");
                let pointer = entry_pointer(entry).ok_or_else(|| {
                    Diagnostic::config(
                        &at,
                        format!("`{entry}` is neither `SchemaName.property` nor the JSON pointer of a property"),
                    )
                })?;
                if !names_a_node(doc, &pointer, &mut roots) {
                    return Err(Diagnostic::config(
                        &at,
                        format!(
                            "`{entry}` names no property of the document ({pointer}); check the spelling, or remove it"
                        ),
                    ));
                }
                if entries.insert(pointer, secret).is_some_and(|earlier| earlier != secret) {
                    return Err(Diagnostic::config(
                        &at,
                        format!("`{entry}` is listed in both `secrets` and `not_secrets`; keep one"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// What the config says of the property at `pointer`: `Some(true)` secret, `Some(false)` not.
    pub fn says(&self, pointer: &str) -> Option<bool> {
        self.entries.get(pointer).copied()
    }
}

/// Whether `pointer` (`#/…`) names a node of `doc`. Only the component or path item the pointer
/// starts in is made JSON (the whole document is large), and kept in `roots` for the next entry.
fn names_a_node(doc: &OpenAPI, pointer: &str, roots: &mut HashMap<String, serde_json::Value>) -> bool {
    let path = pointer.strip_prefix('#').unwrap_or(pointer);
    let (root, rest) = split_root(path);
    let value = roots.entry(root.to_owned()).or_insert_with(|| root_value(doc, root));
    value.pointer(rest).is_some()
}

/// `/components/<kind>/<name>` (a kind that holds schemas) or `/paths/<path>`, and the rest of
/// `path`; `""` and all of it when it starts elsewhere.
fn split_root(path: &str) -> (&str, &str) {
    const KINDS: [&str; 6] = [
        "schemas",
        "responses",
        "parameters",
        "requestBodies",
        "headers",
        "callbacks",
    ];
    let component_kind = path
        .strip_prefix("/components/")
        .and_then(|rest| rest.split('/').next());
    let segments = if component_kind.is_some_and(|kind| KINDS.contains(&kind)) {
        3
    } else if path.starts_with("/paths/") {
        2
    } else {
        return ("", path);
    };
    let end = path.match_indices('/').nth(segments).map_or(path.len(), |(at, _)| at);
    path.split_at(end)
}

/// The node at `root` (from [`split_root`]) as JSON; `null` when there is none.
fn root_value(doc: &OpenAPI, root: &str) -> serde_json::Value {
    fn json<T: serde::Serialize>(node: Option<&T>) -> serde_json::Value {
        node.and_then(|node| serde_json::to_value(node).ok())
            .unwrap_or_default()
    }
    let mut tokens = root.split('/').skip(1);
    match (tokens.next(), tokens.next(), tokens.next()) {
        (Some("components"), Some(kind), Some(name)) => {
            let name = refs::unescape(name);
            let Some(components) = &doc.components else {
                return serde_json::Value::Null;
            };
            match kind {
                "schemas" => json(components.schemas.get(&name)),
                "responses" => json(components.responses.get(&name)),
                "parameters" => json(components.parameters.get(&name)),
                "requestBodies" => json(components.request_bodies.get(&name)),
                "headers" => json(components.headers.get(&name)),
                "callbacks" => json(components.callbacks.get(&name)),
                _ => serde_json::Value::Null,
            }
        }
        (Some("paths"), Some(item), None) => json(doc.paths.paths.get(&refs::unescape(item))),
        _ => json(Some(doc)),
    }
}

/// `Schema.property` → `#/components/schemas/Schema/properties/property`; a pointer as it is.
fn entry_pointer(entry: &str) -> Option<String> {
    if entry.starts_with("#/") {
        return entry.contains("/properties/").then(|| entry.to_owned());
    }
    let (schema, property) = entry.split_once('.')?;
    if schema.is_empty() || property.is_empty() {
        return None;
    }
    let schema_pointer = pointer_join("#/components/schemas", schema);
    Some(pointer_join(&pointer_join(&schema_pointer, "properties"), property))
}

#[cfg(test)]
mod tests {
    use super::{names_a_node, secret_by_name, split_root};

    #[test]
    fn a_pointer_is_looked_up_in_its_component_or_path_item_only() {
        assert_eq!(
            split_root("/components/schemas/A~1B/properties/p"),
            ("/components/schemas/A~1B", "/properties/p")
        );
        assert_eq!(
            split_root("/paths/~1x~1{id}/post/requestBody"),
            ("/paths/~1x~1{id}", "/post/requestBody")
        );
        assert_eq!(split_root("/components/schemas/A"), ("/components/schemas/A", ""));
        // A kind that holds no schemas, or any other root: the whole document.
        assert_eq!(
            split_root("/components/examples/E/value"),
            ("", "/components/examples/E/value")
        );
        assert_eq!(split_root("/info/title"), ("", "/info/title"));

        let doc: openapiv3::OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/x/{id}": {"post": {
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": {"secret": {"type": "string"}}}}}},
                "responses": {"200": {"description": "ok"}}}}},
            "components": {"schemas": {"A/B": {"type": "object", "properties": {"key": {"type": "string"}}}}}
        }))
        .expect("document");
        let mut roots = std::collections::HashMap::new();
        let body = "#/paths/~1x~1{id}/post/requestBody/content/application~1json/schema/properties/secret";
        for (pointer, names) in [
            ("#/components/schemas/A~1B/properties/key", true),
            ("#/components/schemas/A~1B/properties/nope", false),
            ("#/components/schemas/Nope/properties/key", false),
            ("#/components/responses/Nope/properties/key", false),
            (body, true),
            ("#/paths/~1y/post/properties/secret", false),
            ("#/info/properties/title", false),
        ] {
            assert_eq!(names_a_node(&doc, pointer, &mut roots), names, "{pointer}");
        }
    }

    #[test]
    fn names_that_hold_secrets() {
        for name in [
            "secret",
            "password",
            "passphrase",
            "initial_root_password",
            "private_key",
            "client_secret",
            "clientSecret",
            "s3_secret_access_key",
            "backend_certificate_key",
            "api_key",
            "apiKey",
            "token",
            "access_token",
            "refresh_token",
            "id_token",
            "private_key_pem",
            "password_confirmation",
            "webhook_secret",
            "credentials",
            "encryption_key",
            "presigned_url",
            "signedUrl",
            "sas_uri",
            "download_presigned_urls",
            "Authorization",
            "proxy_authorization",
            "jwt",
            "id_jwt",
            "otp",
            "kubeconfig",
            "kube_config",
            "connectionString",
            "primary_connection_strings",
            "authorization_code",
            "authCode",
            "recovery_codes",
            "mfa_code",
            "security_code",
            "cvv",
            "card_cvc",
            "pin",
            "Cookie",
            "session_cookie",
            "mnemonic",
            "seed_phrase",
        ] {
            assert!(secret_by_name(name), "{name} should be secret");
        }
    }

    #[test]
    fn names_about_secrets_ids_and_cursors_are_not() {
        for name in [
            "id",
            "name",
            "key",
            "sort_key",
            "ssh_key",
            "public_key",
            "idempotency_key",
            "s3_access_key_id",
            "api_token_id",
            "secret_id",
            "password_updated_at",
            "next_page_token",
            "page_token",
            "continuation_token",
            "token_type",
            "max_tokens",
            "certificate",
            "backend_certificate",
            "certificate_api_url",
            "private",
            "api_key_name",
            "public_key_pem",
            "url",
            "public_url",
            "unsigned_url",
            "avatar_url",
            "authorization_status",
            "authorization_url",
            "requires_authorization",
            "otp_enabled",
            "config",
            "string",
            "query_string",
            "connection",
            "code",
            "error_code",
            "country_code",
            "iso_code2",
            "postcode",
            "promo_code",
            "pin_enabled",
            "cookie_name",
            "phrase",
            "random_seed",
        ] {
            assert!(!secret_by_name(name), "{name} should not be secret");
        }
    }
}
