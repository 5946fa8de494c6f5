//! A broken or unsupported document is an `Err` that names the JSON pointer and the problem.

use clientgen::{Config, Diagnostic, OperationSelector};
use serde_json::{Value, json};

fn base() -> Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "get:things",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
                }
            }
        },
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}}}
    })
}

fn generate(doc: &Value) -> Result<(), Diagnostic> {
    let config = Config::new().operation(OperationSelector::All);
    clientgen::generate(&doc.to_string(), &config, "test.json").map(|_| ())
}

/// Asserts the document fails at `pointer` with a message containing `words`.
fn fails_at(doc: &Value, pointer: &str, words: &str) {
    let err = generate(doc).expect_err("should fail");
    assert_eq!(err.pointer(), Some(pointer), "{err}");
    assert!(err.message.contains(words), "message `{}` lacks `{words}`", err.message);
}

/// Asserts the document generates with a warning at `pointer` whose message contains `words`.
fn warns_at(doc: &Value, pointer: &str, words: &str) -> clientgen::Generated {
    let config = Config::new().operation(OperationSelector::All);
    let generated = clientgen::generate_report(&doc.to_string(), &config, "t.json").expect("generates");
    let warning = generated
        .warnings
        .iter()
        .find(|w| w.message.contains(words))
        .unwrap_or_else(|| panic!("no warning says `{words}`: {:?}", generated.warnings));
    assert_eq!(warning.pointer(), Some(pointer), "{warning}");
    generated
}

#[test]
fn the_base_document_generates() {
    generate(&base()).expect("valid");
}

#[test]
fn a_dangling_ref() {
    let mut doc = base();
    doc["components"]["schemas"]["Thing"]["properties"]["owner"] = json!({"$ref": "#/components/schemas/Nobody"});
    fails_at(&doc, "#/components/schemas/Thing/properties/owner", "points at nothing");
}

#[test]
fn an_external_ref() {
    let mut doc = base();
    doc["components"]["schemas"]["Thing"]["properties"]["owner"] = json!({"$ref": "other.json#/Owner"});
    fails_at(&doc, "#/components/schemas/Thing/properties/owner", "external `$ref`");
}

/// `$ref: ""` names the whole document, which is no schema: where a schema belongs, the value is
/// kept as JSON with a warning at the reference (Fitbit's document has eight); where a response
/// belongs, it is refused there, and `unsupported: skip` leaves out only that operation.
#[test]
fn an_empty_ref_is_json_where_a_schema_belongs_and_refused_elsewhere() {
    let mut doc = base();
    doc["paths"]["/events"] = json!({"post": {
        "operationId": "post:events",
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
        "responses": {"204": {"description": "ok"}}
    }});
    doc["components"]["schemas"]["Event"] = json!({
        "type": "object",
        "properties": {"attributes": {"allOf": [{"$ref": ""}], "required": ["title"]}}
    });
    let generated = warns_at(
        &doc,
        "#/components/schemas/Event/properties/attributes/allOf/0",
        "names the whole document",
    );
    let all: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        all.contains("pub attributes: ::std::option::Option<::serde_json::Value>"),
        "{all}"
    );

    doc["paths"]["/events"]["post"]["responses"]["204"] = json!({"$ref": ""});
    fails_at(&doc, "#/paths/~1events/post/responses/204", "empty `$ref`");
    let mut config = Config::new().operation(OperationSelector::All);
    config.unsupported = clientgen::Unsupported::Skip;
    let generated = clientgen::generate_report(&doc.to_string(), &config, "t.json").expect("skips");
    let skipped: Vec<String> = generated.skipped.iter().map(|s| s.operation()).collect();
    assert_eq!(skipped, ["POST /events (post:events)"]);
    let all: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        all.contains("fn get_things") && !all.contains("fn post_events"),
        "{all}"
    );
}

#[test]
fn a_ref_loop() {
    let mut doc = base();
    doc["components"]["schemas"]["A"] = json!({"$ref": "#/components/schemas/B"});
    doc["components"]["schemas"]["B"] = json!({"$ref": "#/components/schemas/A"});
    doc["components"]["schemas"]["Thing"]["properties"]["a"] = json!({"$ref": "#/components/schemas/A"});
    fails_at(&doc, "#/components/schemas/Thing/properties/a", "$ref cycle");
}

#[test]
fn names_that_collide_after_case_conversion_are_numbered_with_a_warning() {
    let mut doc = base();
    doc["components"]["schemas"]["Thing"]["properties"]["fooBar"] = json!({"type": "string"});
    doc["components"]["schemas"]["Thing"]["properties"]["foo_bar"] = json!({"type": "string"});
    doc["components"]["schemas"]["Thing"]["properties"]["kind"] =
        json!({"type": "string", "enum": ["in-stock", "in_stock"]});
    doc["components"]["schemas"]["Thing"]["properties"]["a"] = json!({"$ref": "#/components/schemas/thing_x"});
    doc["components"]["schemas"]["Thing"]["properties"]["b"] = json!({"$ref": "#/components/schemas/ThingX"});
    doc["components"]["schemas"]["thing_x"] = json!({"type": "object", "properties": {"p": {"type": "string"}}});
    doc["components"]["schemas"]["ThingX"] = json!({"type": "object", "properties": {"q": {"type": "string"}}});
    doc["paths"]["/things"]["get"]["parameters"] = json!([
        {"name": "StartTime", "in": "query", "schema": {"type": "string"}},
        {"name": "StartTime<", "in": "query", "schema": {"type": "string"}}
    ]);
    let config = Config::new().operation(OperationSelector::All);
    let generated = clientgen::generate_report(&doc.to_string(), &config, "t.json").expect("generates");
    let all: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    for expected in [
        "pub foo_bar:",
        "pub foo_bar_2:",
        "InStock,",
        "InStock2,",
        "pub struct ThingX ",
        "pub struct ThingX2 ",
        "pub start_time:",
        "pub start_time_2:",
    ] {
        assert!(all.contains(expected), "no `{expected}` in\n{all}");
    }
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("spec #/components/schemas/Thing/properties/foo_bar:") && w.contains("`foo_bar_2`")),
        "{warnings:#?}"
    );
    // The names do not depend on the selection: the same document, the same names.
    assert_eq!(
        generated.files,
        clientgen::generate(&doc.to_string(), &config, "t.json").expect("again")
    );
}

#[test]
fn operations_one_cause_leaves_out_are_listed_under_it() {
    let mut doc = base();
    for path in ["/a", "/b"] {
        doc["paths"][path] = json!({"get": {
            "parameters": [{"$ref": "#/components/parameters/Filter"}],
            "responses": {"200": {"description": "ok"}}
        }});
    }
    doc["components"]["parameters"] = json!({"Filter": {
        "name": "filter", "in": "query",
        "content": {"text/csv": {"schema": {"type": "string"}}}
    }});
    let mut config = Config::new().operation(OperationSelector::All);
    config.unsupported = clientgen::Unsupported::Skip;
    let generated = clientgen::generate_report(&doc.to_string(), &config, "t.json").expect("skips");
    let causes = clientgen::ir::skip_causes(&generated.skipped);
    assert_eq!(causes.len(), 1, "{causes:?}");
    let operations: Vec<String> = causes[0].operations.iter().map(|op| op.operation()).collect();
    assert_eq!(operations, ["GET /a", "GET /b"]);
}

#[test]
fn unsupported_operations_are_skipped_and_listed_when_asked_and_excluded_ones_left_out() {
    let mut doc = base();
    doc["paths"]["/filters"] = json!({"get": {
        "operationId": "get:filters",
        "parameters": [{
            "name": "filter", "in": "query",
            "content": {"text/csv": {"schema": {"type": "string"}}}
        }],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
    }});
    let err = generate(&doc).expect_err("fails by default");
    assert_eq!(err.pointer(), Some("#/paths/~1filters/get/parameters/0/content"));

    let mut config = Config::new().operation(OperationSelector::All);
    config.unsupported = clientgen::Unsupported::Skip;
    let generated = clientgen::generate_report(&doc.to_string(), &config, "t.json").expect("skips");
    assert_eq!(generated.skipped.len(), 1);
    assert_eq!(
        generated.skipped[0].pointer(),
        Some("#/paths/~1filters/get/parameters/0/content")
    );
    // Named by the operation, grouped by cause.
    assert_eq!(generated.skipped[0].operation(), "GET /filters (get:filters)");
    let index = generated.files.iter().find(|f| f.path == "mod.rs").expect("mod.rs");
    assert!(
        index.contents.contains("`GET /filters (get:filters)`"),
        "{}",
        index.contents
    );
    assert!(
        index
            .contents
            .contains("a parameter described by `content` must give an `application/json` schema"),
        "{}",
        index.contents
    );
    let all: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        all.contains("fn get_things") && !all.contains("fn get_filters"),
        "{all}"
    );

    let mut config = Config::new().operation(OperationSelector::All);
    config.exclude.push(OperationSelector::Route("GET /filters".into()));
    let files = clientgen::generate(&doc.to_string(), &config, "t.json").expect("excluded");
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(!all.contains("fn get_filters"), "{all}");

    let mut config = Config::new().operation(OperationSelector::All);
    config.exclude.push(OperationSelector::Tag("Nothing".into()));
    let err = clientgen::generate(&doc.to_string(), &config, "t.json").expect_err("matches nothing");
    assert_eq!(err.location, clientgen::Location::Config("exclude[0]".into()));
    assert!(err.message.starts_with("`tag: Nothing` matches no operation"), "{err}");
}

#[test]
fn a_multi_file_document_is_told_to_bundle() {
    let mut doc = base();
    doc["paths"]["/things"]["get"]["responses"] = json!({"$ref": "responses.yaml#/Things"});
    let err = generate(&doc).expect_err("external");
    assert!(err.message.contains("bundle it into one file"), "{err}");
    assert_eq!(err.pointer(), Some("#/paths/~1things/get/responses"));

    let mut doc = base();
    doc["components"]["schemas"]["Thing"]["properties"]["owner"] = json!({"$ref": "other.json#/Owner"});
    let err = generate(&doc).expect_err("external");
    assert!(err.message.contains("bundle it into one file"), "{err}");
}

#[test]
fn versions_other_than_3_0_and_3_1_are_refused_at_their_version_field() {
    let mut doc = base();
    doc["openapi"] = json!("3.1.0");
    generate(&doc).expect("3.1 is read");
    doc["openapi"] = json!("4.0.0");
    fails_at(&doc, "#/openapi", "4.0.0");
    let mut swagger = base();
    swagger.as_object_mut().expect("object").remove("openapi");
    swagger["swagger"] = json!("2.0");
    fails_at(&swagger, "#/swagger", "convert it to OpenAPI 3");
}

#[test]
fn unsupported_constructs_are_named() {
    let mut doc = base();
    doc["components"]["schemas"]["Thing"]["properties"]["x"] =
        json!({"allOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "string"}]});
    fails_at(
        &doc,
        "#/components/schemas/Thing/properties/x/allOf/1",
        "an `allOf` member must be an object schema",
    );

    let mut doc = base();
    doc["components"]["schemas"]["Other"] = json!({"properties": {"id": {"type": "integer"}}});
    doc["components"]["schemas"]["Thing"]["properties"]["x"] =
        json!({"allOf": [{"$ref": "#/components/schemas/Thing"}, {"$ref": "#/components/schemas/Other"}]});
    fails_at(
        &doc,
        "#/components/schemas/Other/properties/id",
        "define property `id` in ways no value can satisfy both (also at #/components/schemas/Thing/properties/id)",
    );

    let mut doc = base();
    doc["paths"]["/things"]["get"]["requestBody"] =
        json!({"content": {"multipart/mixed": {"schema": {"type": "object"}}}});
    fails_at(
        &doc,
        "#/paths/~1things/get/requestBody/content/multipart~1mixed",
        "(`multipart/form-data` is)",
    );
    // A multipart form is an object, like any form.
    let mut doc = base();
    doc["paths"]["/things"]["get"]["requestBody"] =
        json!({"content": {"multipart/form-data": {"schema": {"type": "string"}}}});
    fails_at(
        &doc,
        "#/paths/~1things/get/requestBody/content/multipart~1form-data/schema",
        "must be an object with properties",
    );

    // "Anything but a string" is kept as JSON, with a warning; "nothing" is refused.
    let mut doc = base();
    doc["components"]["schemas"]["Thing"]["properties"]["x"] = json!({"not": {"type": "string"}});
    generate(&doc).expect("`not` is JSON");
    // A member no value is allowed for (3.1's `x: false`) is left out of the type, with a
    // warning; a required one makes the object impossible, and is refused.
    doc["components"]["schemas"]["Thing"]["properties"]["x"] = json!({"not": {}});
    let generated = warns_at(
        &doc,
        "#/components/schemas/Thing/properties/x",
        "no value is allowed for the member `x`",
    );
    let types = generated.files.iter().map(|f| f.contents.as_str()).collect::<String>();
    assert!(!types.contains("pub x:"), "no field for it");
    doc["components"]["schemas"]["Thing"]["required"] = json!(["x"]);
    fails_at(
        &doc,
        "#/components/schemas/Thing/properties/x",
        "no value is allowed here",
    );
}

/// A path parameter the path has no place for cannot be sent: it is left out with a warning at
/// it, and the operation is kept (its other parameters too).
#[test]
fn a_path_parameter_missing_from_the_template_is_left_out_with_a_warning() {
    let mut doc = base();
    doc["paths"]["/things"]["get"]["parameters"] = json!([
        {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
    ]);
    let generated = warns_at(&doc, "#/paths/~1things/get/parameters/0", "does not appear in the path");
    let client = generated.files.iter().map(|f| f.contents.as_str()).collect::<String>();
    assert!(client.contains("limit"), "the other parameter is kept");
    assert!(!client.contains("id: impl"), "the path parameter is not an argument");
}

#[test]
fn renames_are_checked() {
    let mut config = Config::new().operation(OperationSelector::All);
    config.rename.schemas.insert("Thing".into(), "not a name".into());
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("invalid name");
    assert_eq!(err.location, clientgen::Location::Config("rename.schemas.Thing".into()));
    assert!(err.message.contains("not a Rust identifier"), "{err}");

    let mut config = Config::new().operation(OperationSelector::All);
    config.rename.schemas.insert("Thingy".into(), "Gadget".into());
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("no such schema");
    assert!(err.message.contains("no component schema"), "{err}");

    let mut config = Config::new().operation(OperationSelector::All);
    config.rename.schemas.insert("Thing".into(), "Client".into());
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("taken");
    assert!(err.message.contains("crate root"), "{err}");

    let mut config = Config::new().operation(OperationSelector::All);
    config.rename.operations.insert("get:things".into(), "start".into());
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("a generated function");
    assert_eq!(
        err.location,
        clientgen::Location::Config("rename.operations.get:things".into())
    );
    assert!(
        err.message.contains("`start` is already a function of the generated"),
        "{err}"
    );

    let mut config = Config::new().operation(OperationSelector::All);
    config.rename.schemas.insert("Thing".into(), "Gadget".into());
    config
        .rename
        .operations
        .insert("get:things".into(), "list_gadgets".into());
    let files = clientgen::generate(&base().to_string(), &config, "t.json").expect("renamed");
    let all: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(all.contains("pub struct Gadget"), "{all}");
    assert!(all.contains("pub async fn list_gadgets"), "{all}");
    assert!(!all.contains("struct Thing"), "{all}");
}

#[test]
fn config_errors_name_the_config_entry() {
    let config = Config::new().operation(OperationSelector::Id("get:nothing".into()));
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("no such operation");
    assert_eq!(err.location, clientgen::Location::Config("operations[0]".into()));

    let config = Config::new().operation(OperationSelector::All).secret("Thing.nope");
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("no such property");
    assert_eq!(err.location, clientgen::Location::Config("secrets[0]".into()));
    assert!(err.message.contains("Thing.nope"), "{err}");

    let config = Config::new().operation(OperationSelector::All).not_secret("Thing.nope");
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("no such property");
    assert_eq!(err.location, clientgen::Location::Config("not_secrets[0]".into()));

    let config = Config::new().operation(OperationSelector::All).secret("Thing");
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("not Schema.property");
    assert!(err.message.contains("SchemaName.property"), "{err}");
}

/// An older document without the operation the config waits on, nor the schema its secret
/// entry names: the first error is the missing operation, the likelier cause.
#[test]
fn a_missing_configured_operation_is_reported_before_a_secret_entry() {
    let config = Config::from_yaml(
        "operations: [all]\n\
         secrets: [ObjectStorageAccessKey.s3_secret_access_key]\n\
         wait_while:\n  - {operation: \"post:object_storage_access_key_generate_credentials\", status: 422}\n",
    )
    .expect("config");
    let err = clientgen::generate(&base().to_string(), &config, "t.json").expect_err("no such operation");
    assert_eq!(
        err.location,
        clientgen::Location::Config("wait_while[0]".into()),
        "{err}"
    );
    assert!(
        err.message
            .contains("post:object_storage_access_key_generate_credentials"),
        "{err}"
    );
}

/// Two members of an implicitly tagged `oneOf` with one tag value: kept as JSON, with a warning
/// at the second member.
#[test]
fn a_tag_value_two_union_members_share_is_a_located_warning() {
    let member = |code: &str| json!({"type": "object", "properties": {"code": {"type": "string", "enum": [code]}}});
    let mut doc = base();
    doc["components"]["schemas"]["A"] = member("same");
    doc["components"]["schemas"]["B"] = member("same");
    doc["components"]["schemas"]["Thing"]["properties"]["either"] =
        json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]});
    let config = Config::new().operation(OperationSelector::All);
    let report = clientgen::generate_report(&doc.to_string(), &config, "t.json").expect("generates");
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message.contains("`same`"))
        .unwrap_or_else(|| panic!("{:?}", report.warnings));
    assert_eq!(
        warning.pointer(),
        Some("#/components/schemas/Thing/properties/either/oneOf/1")
    );
}

/// A tag names a file of the generated crate: one longer than a file name may be gives a module
/// name cut short, with a hash of the whole, not a file the writer could not create.
#[test]
fn a_tag_too_long_for_a_file_name_gives_a_shortened_module() {
    let mut doc = base();
    doc["paths"]["/things"]["get"]["tags"] = json!(["t".repeat(5000)]);
    let files = generate_files(&doc);
    let module = files
        .iter()
        .map(|f| f.path.as_str())
        .find(|p| p.starts_with("operations/t") && p.ends_with(".rs"))
        .expect("the tag's module");
    let stem = module.trim_start_matches("operations/").trim_end_matches(".rs");
    assert!(stem.len() <= 100 && stem.starts_with("ttt"), "{module}");
    doc["paths"]["/things"]["get"]["tags"] = json!(["t".repeat(100)]);
    let files = generate_files(&doc);
    let expected = format!("operations/{}.rs", "t".repeat(100));
    assert!(
        files.iter().any(|f| f.path == expected),
        "a tag that fits is its module"
    );
}

fn generate_files(doc: &Value) -> Vec<clientgen::GeneratedFile> {
    let config = Config::new().operation(OperationSelector::All);
    clientgen::generate(&doc.to_string(), &config, "test.json").expect("generates")
}

/// `allOf: [Base, oneOf: [A, B]]` is read as a choice of `allOf`s; a fault inside it is still
/// located where the document has it, in a response's schema and in a component.
#[test]
fn a_fault_inside_a_distributed_choice_is_located_as_written() {
    let broken_choice = json!({"allOf": [
        {"type": "object", "properties": {"id": {"type": "string"}}},
        {"oneOf": [
            {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer"}}},
            {"type": "object", "required": ["b"], "properties": {"b": {"type": "nonsense"}}}
        ]}
    ]});
    let mut doc = base();
    doc["components"]["schemas"]["Thing"] = broken_choice.clone();
    fails_at(
        &doc,
        "#/components/schemas/Thing/allOf/1/oneOf/1/properties/b",
        "unknown schema type `nonsense`",
    );
    let mut doc = base();
    doc["paths"]["/things"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] = broken_choice.clone();
    fails_at(
        &doc,
        "#/paths/~1things/get/responses/200/content/application~1json/schema/allOf/1/oneOf/1/properties/b",
        "unknown schema type `nonsense`",
    );
    // The choice a component of its own, which the `allOf` refers to.
    let mut doc = base();
    doc["components"]["schemas"]["Choice"] = broken_choice["allOf"][1].clone();
    doc["components"]["schemas"]["Thing"] =
        json!({"allOf": [broken_choice["allOf"][0].clone(), {"$ref": "#/components/schemas/Choice"}]});
    fails_at(
        &doc,
        "#/components/schemas/Choice/oneOf/1/properties/b",
        "unknown schema type `nonsense`",
    );
}

/// operationIds must be unique, and some documents repeat one: both operations are generated,
/// the second's method named apart, with a warning at the repeat.
#[test]
fn a_repeated_operation_id_names_the_second_method_apart() {
    let mut doc = base();
    doc["paths"]["/things/"] = doc["paths"]["/things"].clone();
    let generated = warns_at(
        &doc,
        "#/paths/~1things~1/get/operationId",
        "operationId `get:things` is used again",
    );
    let client: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(client.contains("String::from(\"/things\")"), "the first is generated");
    assert!(client.contains("String::from(\"/things/\")"), "the second too");
}

/// `content: {}` names no media type: the operation sends no body, with a warning at it.
#[test]
fn a_request_body_without_media_types_sends_none() {
    let mut doc = base();
    doc["paths"]["/things"]["post"] = json!({
        "operationId": "make",
        "requestBody": {"required": true, "content": {}},
        "responses": {"204": {"description": "made"}}
    });
    let generated = warns_at(&doc, "#/paths/~1things/post/requestBody/content", "lists no media type");
    let client: String = generated.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(
        client.contains("pub async fn make(\n        &self,\n    )"),
        "no body argument:\n{client}"
    );
}
