//! Stage 2: `openapiv3::OpenAPI` + config → [`crate::ir::Api`].
//!
//! The only stage that reads `openapiv3` types. It selects the operations the config asks for and
//! takes the transitive closure of the schemas they need.

mod bodies;
mod directions;
mod features;
mod formats;
mod merge;
mod pagination;
mod parameters;
mod refs;
mod responses;
mod schema;
mod secrets;
mod select;
mod signature;
mod unions;
mod usage;

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use crate::config::{Config, OperationIdStyle, Renames, Unsupported};
use crate::diagnostic::{Diagnostic, Result};
use crate::ir::{Api, HttpMethod, Operation, Profile, ScopeRequirement, StatusMatch, WhenReady};
use crate::load::ref_siblings::RefSiblings;
use crate::naming::{self, Namespace};

use schema::SchemaLowerer;
use select::SelectedOperation;

/// Lowers the operations `config` selects from `doc`, with every schema they reach.
pub fn lower(doc: &OpenAPI, config: &Config, spec_source: &str) -> Result<Api> {
    static NONE: BTreeMap<String, RefSiblings> = BTreeMap::new();
    lower_with(doc, &NONE, config, spec_source)
}

/// [`lower`], with what a 3.0 document writes beside a `$ref` (a description, `nullable`), by the
/// pointer of the reference ([`crate::load::Loaded::ref_siblings`]): a property's doc says what
/// that use of the type means, and `nullable` that it may be `null` there.
pub fn lower_with(
    doc: &OpenAPI,
    ref_siblings: &BTreeMap<String, RefSiblings>,
    config: &Config,
    spec_source: &str,
) -> Result<Api> {
    check_renames(doc, &config.rename)?;
    let selected = select::select(doc, &config.operations, &config.exclude)?;
    let mut skipped = Vec::new();
    let secrets = secrets::SecretConfig::new(&config.secrets, &config.not_secrets);
    let chosen_types = (
        formats::Formats::new(&config.formats)?,
        formats::TypeOverrides::new(doc, &config.types)?,
    );
    let arena = schema::Synthesized::new();
    let mut schemas = SchemaLowerer::new(
        doc,
        &arena,
        secrets,
        (config.conventions.clone(), config.null_and_absent),
        config.rename.clone(),
        chosen_types,
        ref_siblings,
    )?;
    let (mut method_names, names_by_pointer) = method_names(doc, config)?;
    schemas.warnings.extend(select::repeated_operation_ids(doc));
    let mut operations = Vec::with_capacity(selected.len());
    for op in &selected {
        let Some((method_name, warning)) = names_by_pointer.get(&op.pointer) else {
            return Err(Diagnostic::spec(
                &op.pointer,
                "internal: an operation has no method name",
            ));
        };
        schemas.warnings.extend(warning.clone());
        let method_name = method_name.clone();
        let checkpoint = schemas.checkpoint();
        match lower_operation(doc, &mut schemas, op, method_name) {
            Ok(operation) => operations.push(operation),
            Err(problem) if config.unsupported == Unsupported::Skip && problem.pointer().is_some() => {
                schemas.rollback(checkpoint);
                skipped.push(crate::ir::SkippedOperation {
                    method: op.method.to_ascii_uppercase(),
                    path: op.path.to_owned(),
                    operation_id: op.operation.operation_id.clone(),
                    problem,
                });
            }
            Err(problem) => return Err(problem),
        }
    }
    attach_wait_while(&mut operations, &config.wait_while, &mut method_names)?;
    secrets::SecretConfig::check(doc, &config.secrets, &config.not_secrets)?;
    // Operations the document marks as paged by a cursor (Dropshot's extension).
    let marked_cursor: std::collections::HashSet<&str> = selected
        .iter()
        .filter(|op| op.operation.extensions.contains_key("x-dropshot-pagination"))
        .map(|op| op.pointer.as_str())
        .collect();
    for op in &mut operations {
        let numbered = config.conventions.pagination.as_ref().and_then(|convention| {
            pagination::recognise(op, &schemas.types, convention, &mut method_names, &mut schemas.warnings)
        });
        op.pagination = numbered.or_else(|| {
            let convention = match &config.conventions.cursor_pagination {
                Some(convention) => convention.clone(),
                None if marked_cursor.contains(op.pointer.as_str()) => Default::default(),
                None => return None,
            };
            pagination::recognise_cursor(
                op,
                &schemas.types,
                &convention,
                &mut method_names,
                &mut schemas.warnings,
            )
        });
    }
    let mut types = std::mem::take(&mut schemas.types);
    schema::box_cycles(&mut types);
    schema::mark_object_members(&mut types);
    signature::mark_boxed_body_fields(&types, &mut operations);
    schema::flag_secret_holders(&mut types);
    usage::mark_usage(&mut types, &operations, config.both_ways);
    directions::relax(&mut types, &mut operations, config.null_and_absent);
    let features = if config.features.per_tag {
        features::assign(
            &mut types,
            &mut operations,
            &config.features.default,
            config.mock_feature.as_deref(),
        )?
    } else {
        Vec::new()
    };
    let conventions = &config.conventions;
    Ok(Api {
        title: doc.info.title.clone(),
        default_base_url: doc.servers.first().and_then(default_base_url),
        base_url_note: base_url_note(doc.servers.first()),
        auth_note: auth_note(doc),
        profile: Profile {
            error_envelope: conventions.error_envelope.clone(),
            request_id_header: conventions.request_id_header.as_deref().map(str::to_ascii_lowercase),
            rate_limit_header: conventions.rate_limit_header.as_deref().map(str::to_ascii_lowercase),
            rate_limit_remaining_header: conventions
                .rate_limit_remaining_header
                .as_deref()
                .map(str::to_ascii_lowercase),
        },
        runtime_reexports: naming::RUNTIME_REEXPORTS.iter().map(|s| (*s).to_owned()).collect(),
        types: types.into_values().collect(),
        operations,
        skipped,
        warnings: std::mem::take(&mut schemas.warnings),
        features,
        spec_source: spec_source.to_owned(),
        regenerate_command: config.regenerate.clone(),
        mock_feature: config.mock_feature.clone(),
    })
}

/// The method name of every operation of the document, decided up front in document order so that
/// it does not depend on the selection: hand-given names as given (a collision is an error),
/// derived ones numbered when an earlier operation has the name. Keyed by the operation's pointer.
type MethodNames = std::collections::HashMap<String, (String, Option<Diagnostic>)>;

fn method_names(doc: &OpenAPI, config: &Config) -> Result<(Namespace, MethodNames)> {
    let every = select::select(doc, &[crate::config::OperationSelector::All], &[])?;
    let all_ids: Vec<&str> = select::all_operation_ids(doc);
    let verb_colon = config.conventions.operation_ids == OperationIdStyle::VerbColon;
    let mut names = naming::method_namespace();
    let mut by_pointer = MethodNames::new();
    fn renamed<'o>(op: &select::SelectedOperation<'o>, config: &'o Config) -> Option<(&'o str, &'o String)> {
        let id = op.operation.operation_id.as_deref()?;
        config.rename.operations.get(id).map(|name| (id, name))
    }
    for op in &every {
        if let Some((id, name)) = renamed(op, config) {
            if let Err(previous) = names.claim(name, &op.pointer) {
                // The other owner is an operation (its pointer) or the generated code itself.
                let taken_by = if previous.starts_with("#/") {
                    format!("the method of the operation at {previous}")
                } else {
                    previous
                };
                return Err(Diagnostic::config(
                    format!("rename.operations.{id}"),
                    format!("`{name}` is already {taken_by}; choose another"),
                ));
            }
            by_pointer.insert(op.pointer.clone(), (name.clone(), None));
        }
    }
    for op in &every {
        if renamed(op, config).is_some() {
            continue;
        }
        let id = op.operation.operation_id.as_deref();
        let wanted = naming::method_name(id, op.method, op.path, all_ids.iter().copied(), verb_colon);
        let (given, holder) = names.claim_unique(&wanted, &op.pointer);
        let warning = holder.map(|holder| {
            let holder = format!("the operation at {holder}");
            naming::renamed_warning(&op.pointer, "the method of this operation", &wanted, &given, &holder)
        });
        by_pointer.insert(op.pointer.clone(), (given, warning));
    }
    Ok((names, by_pointer))
}

/// Every name in `rename` is a Rust identifier, and every schema and operation it names exists.
fn check_renames(doc: &OpenAPI, rename: &Renames) -> Result<()> {
    let schemas = doc.components.as_ref().map(|c| &c.schemas);
    let all_ids = select::all_operation_ids(doc);
    let sections = [
        ("schemas", &rename.schemas),
        ("properties", &rename.properties),
        ("variants", &rename.variants),
        ("operations", &rename.operations),
    ];
    for (section, entries) in sections {
        for (from, to) in entries {
            let at = format!("rename.{section}.{from}");
            naming::check_rust_name(to).map_err(|e| Diagnostic::config(&at, e))?;
            let schema = match section {
                "schemas" => Some(from.as_str()),
                "operations" => None,
                _ => Some(from.split_once('.').map_or(from.as_str(), |(schema, _)| schema)),
            };
            let exists = match schema {
                Some(schema) => schemas.is_some_and(|s| s.contains_key(schema)),
                None => all_ids.contains(&from.as_str()),
            };
            if !exists {
                let what = if section == "operations" {
                    "no operation has this operationId"
                } else {
                    "the document has no component schema of this name"
                };
                return Err(Diagnostic::config(
                    at,
                    format!("{what}; check the spelling, or remove it"),
                ));
            }
        }
    }
    Ok(())
}

/// Gives each operation the "not ready yet" answers the config names, checking them against its errors.
fn attach_wait_while(
    operations: &mut [Operation],
    entries: &[crate::config::WaitWhile],
    method_names: &mut Namespace,
) -> Result<()> {
    for (i, entry) in entries.iter().enumerate() {
        let at = format!("wait_while[{i}]");
        let Some(op) = operations.iter_mut().find(|o| o.operation_id == entry.operation) else {
            return Err(Diagnostic::config(
                at,
                format!(
                    "operation `{}` is not among the operations generated; select it, or remove this entry",
                    entry.operation
                ),
            ));
        };
        let Some(error) = op.errors.iter().find(|e| e.status == StatusMatch::Exact(entry.status)) else {
            return Err(Diagnostic::config(
                at,
                format!(
                    "`{}` documents no {} response to wait out",
                    entry.operation, entry.status
                ),
            ));
        };
        if entry.code.is_some() && !error.coded {
            return Err(Diagnostic::config(
                at,
                format!(
                    "the {} response of `{}` has no `code` to match",
                    entry.status, entry.operation
                ),
            ));
        }
        let answer = crate::ir::PendingAnswer {
            status: entry.status,
            code: entry.code.clone(),
        };
        match &mut op.when_ready {
            Some(when_ready) => when_ready.answers.push(answer),
            None => {
                let method_name = naming::when_ready_method(&op.method_name);
                if let Err(previous) = method_names.claim(&method_name, &op.pointer) {
                    return Err(Diagnostic::config(
                        at,
                        format!(
                            "the method `{method_name}` would be the same as the one of the operation at {previous}; \
                             rename that operation (`rename.operations`)"
                        ),
                    ));
                }
                op.when_ready = Some(WhenReady {
                    method_name,
                    answers: vec![answer],
                });
            }
        }
    }
    Ok(())
}

fn lower_operation<'a>(
    doc: &'a OpenAPI,
    schemas: &mut SchemaLowerer<'a>,
    op: &SelectedOperation<'a>,
    method_name: String,
) -> Result<Operation> {
    let type_prefix = naming::type_name(&method_name);
    let error_type = schemas.claim_derived_type_name(
        &naming::operation_error_type(&type_prefix),
        &op.pointer,
        "the error enum of this operation",
    );
    let options_type = naming::operation_options_type(&type_prefix);
    // Claimed whether or not mocks are on, so that turning them on renames nothing.
    let mock_type = schemas.claim_derived_type_name(
        &naming::operation_mock_type(&type_prefix),
        &op.pointer,
        "the typed mock of this operation",
    );
    let request_builder = naming::request_builder(&method_name);
    let operation = op.operation;
    let lookup_suffix = schemas.lookup_suffix();
    let parameters = parameters::lower_parameters(doc, schemas, op, &type_prefix, lookup_suffix.as_deref())?;
    parameters::check_path_template(op.path, &parameters, &op.pointer)?;
    let body = bodies::lower_request_body(doc, schemas, operation.request_body.as_ref(), &op.pointer, &type_prefix)?;

    let inputs = signature::inputs(
        &schemas.types,
        &parameters,
        body.as_ref(),
        &op.pointer,
        &mut schemas.warnings,
    );
    let options_type = (inputs.iter().any(|i| !i.required) || directions::may_relax(&schemas.types, body.as_ref()))
        .then(|| schemas.claim_derived_type_name(&options_type, &op.pointer, "the options struct of this operation"));

    let responses = responses::lower_responses(doc, schemas, op, &type_prefix)?;
    let scopes = scopes(doc, operation);
    let undocumented_variant = responses
        .errors
        .iter()
        .any(|e| e.documented_code.is_some())
        .then(|| naming::UNDOCUMENTED_VARIANT.to_owned());

    let module = naming::module_name(operation.tags.first().map(String::as_str));
    Ok(Operation {
        operation_id: operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", op.method, op.path)),
        method_name,
        error_type,
        undocumented_variant,
        inputs,
        options_type,
        request_builder,
        mock_type,
        module,
        tag: operation.tags.first().cloned(),
        feature: None,
        http_method: op.http_method,
        server: own_server(doc, op),
        path: op.path.to_owned(),
        summary: operation.summary.clone(),
        description: operation.description.clone(),
        scopes,
        parameters,
        body,
        success: responses.success,
        success_enum: responses.success_enum,
        errors: responses.errors,
        when_ready: None,
        pagination: None,
        pointer: op.pointer.clone(),
    })
}

/// The server an operation names for itself (its own `servers`, else its path's), when it is
/// absolute and not the document's: Box's uploads at `https://upload.box.com/api/2.0`. The first
/// one, as the document's first is the default base URL.
fn own_server(doc: &OpenAPI, op: &SelectedOperation<'_>) -> Option<String> {
    let servers = match op.operation.servers.is_empty() {
        false => &op.operation.servers,
        true => &op.path_item.servers,
    };
    let own = default_base_url(servers.first()?).filter(|url| !url.contains(char::is_whitespace))?;
    let document = doc.servers.first().and_then(default_base_url);
    (document.as_deref() != Some(own.as_str())).then_some(own)
}

/// A server's URL with each `{variable}` replaced by its default; `None` unless that gives an
/// absolute http(s) URL (a relative one is relative to where the document was served from, which
/// the client cannot know: the user gives the base URL).
fn default_base_url(server: &openapiv3::Server) -> Option<String> {
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    (absolute && !url.contains(['{', '}'])).then(|| url.trim_end_matches('/').to_owned())
}

/// What the client's documentation tells a user who must give the base URL: the server the
/// document names, when it is relative or has variables without an absolute default.
fn base_url_note(server: Option<&openapiv3::Server>) -> Option<String> {
    let Some(server) = server else {
        return Some(
            "The document names no server: give the API's base URL with `ClientBuilder::base_url`.".to_owned(),
        );
    };
    if default_base_url(server).is_some() {
        return None;
    }
    let url = server.url.replace('`', "");
    Some(if url.starts_with('/') {
        format!(
            "The document names its server as `{url}`, relative to where the document is served: give the \
             base URL with that path (`https://your-host{url}`) with `ClientBuilder::base_url`."
        )
    } else {
        format!("The document names its server as `{url}`: give the base URL with `ClientBuilder::base_url`.")
    })
}

/// For the client's documentation, when the document authenticates other than by a bearer
/// token: how to send each of its schemes. `None` when a bearer token (`Client::new`) covers them.
fn auth_note(doc: &OpenAPI) -> Option<String> {
    use openapiv3::{APIKeyLocation, SecurityScheme};
    let schemes = &doc.components.as_ref()?.security_schemes;
    let mut other_than_bearer = false;
    let lines: Vec<String> = schemes
        .iter()
        .filter_map(|(name, scheme)| {
            let openapiv3::ReferenceOr::Item(scheme) = scheme else {
                return None;
            };
            let name = name.replace('`', "");
            let how = match scheme {
                SecurityScheme::APIKey { location, name: key, .. } => {
                    other_than_bearer = true;
                    let key = key.replace(['`', '"', '\\'], "");
                    match location {
                        APIKeyLocation::Header => format!("a key in the header `{key}`: `ClientBuilder::default_header(\"{key}\", key)`"),
                        APIKeyLocation::Query => format!("a key in the query parameter `{key}`: `ClientBuilder::default_query(\"{key}\", key)`"),
                        APIKeyLocation::Cookie => format!("a key in the cookie `{key}`: `ClientBuilder::default_header(\"Cookie\", format!(\"{key}={{key}}\"))`"),
                    }
                }
                SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => {
                    other_than_bearer = true;
                    "a user name and password: `ClientBuilder::default_header(\"Authorization\", format!(\"Basic {base64 of user:password}\"))`".to_owned()
                }
                SecurityScheme::HTTP { scheme, .. } if !scheme.eq_ignore_ascii_case("bearer") => {
                    other_than_bearer = true;
                    format!("HTTP `{}` authentication: `ClientBuilder::default_header(\"Authorization\", …)`", scheme.replace('`', ""))
                }
                SecurityScheme::HTTP { .. } | SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => {
                    "a bearer token: `Client::new(token)` or `ClientBuilder::bearer_token`".to_owned()
                }
            };
            Some(format!("- `{name}`: {how}"))
        })
        .collect();
    (other_than_bearer && !lines.is_empty())
        .then(|| format!("Authentication, by the document's schemes:\n{}", lines.join("\n")))
}

/// The scopes the operation needs: its own `security`, or the document's.
fn scopes(doc: &OpenAPI, operation: &openapiv3::Operation) -> Vec<ScopeRequirement> {
    operation
        .security
        .as_ref()
        .or(doc.security.as_ref())
        .into_iter()
        .flatten()
        .flat_map(|requirement| requirement.iter())
        .map(|(scheme, scopes)| ScopeRequirement {
            scheme: scheme.clone(),
            scopes: scopes.clone(),
        })
        .collect()
}

impl HttpMethod {
    pub(crate) fn from_openapi(method: &str) -> Option<Self> {
        Some(match method {
            "get" => HttpMethod::Get,
            "post" => HttpMethod::Post,
            "put" => HttpMethod::Put,
            "patch" => HttpMethod::Patch,
            "delete" => HttpMethod::Delete,
            "head" => HttpMethod::Head,
            "options" => HttpMethod::Options,
            "trace" => HttpMethod::Trace,
            "query" => HttpMethod::Query,
            _ => return None,
        })
    }
}
