//! OpenAPI 3.1 documents are read into the same model as 3.0: the OpenAPI Initiative's 3.1 test
//! documents all load, each 3.1 construct lowers to what it means, and the Katapult Core API
//! written in 3.1 syntax generates exactly the files its 3.0 document does.

use clientgen::ir::{Api, TypeKind, TypeRef};
use clientgen::{Config, OperationSelector};
use serde_json::{Value, json};

fn fixture(path: &str) -> String {
    let path = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn all() -> Config {
    Config::new().operation(OperationSelector::All)
}

const INITIATIVE_EXAMPLES: &[&str] = &[
    "comp_pathitems.yaml",
    "info_summary.yaml",
    "license_identifier.yaml",
    "mega.yaml",
    "minimal_comp.yaml",
    "minimal_hooks.yaml",
    "minimal_paths.yaml",
    "non-oauth-scopes.yaml",
    "path_no_response.yaml",
    "path_var_empty_pathitem.yaml",
    "schema.yaml",
    "servers.yaml",
    "valid_schema_types.yaml",
    "webhook-example.yaml",
];

#[test]
fn every_openapi_initiative_3_1_document_loads_and_generates() {
    for name in INITIATIVE_EXAMPLES {
        let text = fixture(&format!("openapi-examples/v3.1/{name}"));
        let generated = clientgen::generate_report(&text, &all(), name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            generated.files.iter().any(|f| f.path == "mod.rs"),
            "{name}: a crate's modules, even without operations"
        );
    }
    let hooks = clientgen::generate_report(&fixture("openapi-examples/v3.1/webhook-example.yaml"), &all(), "w")
        .expect("generates");
    let note = hooks.warnings.iter().find(|w| w.pointer() == Some("#/webhooks"));
    assert!(
        note.is_some_and(|n| n.message.contains("no methods")),
        "{:?}",
        hooks.warnings
    );
    let mega = clientgen::generate_report(&fixture("openapi-examples/v3.1/mega.yaml"), &all(), "m").expect("generates");
    let note = mega
        .warnings
        .iter()
        .find(|w| w.pointer() == Some("#/components/pathItems"));
    assert!(
        note.is_some_and(|n| n.message.starts_with("1 path item")),
        "{:?}",
        mega.warnings
    );
}

fn constructs() -> (Api, Vec<clientgen::Diagnostic>) {
    let loaded = clientgen::load::load_report(&fixture("constructs-3.1.yaml")).expect("loads");
    let api = clientgen::lower::lower(&loaded.document, &all(), "constructs-3.1.yaml").expect("lowers");
    (api, loaded.warnings)
}

fn field<'a>(api: &'a Api, ty: &str, name: &str) -> &'a clientgen::ir::Field {
    let Some(TypeKind::Struct(s)) = api.type_named(ty).map(|t| &t.kind) else {
        panic!("{ty} is a struct")
    };
    s.fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{ty}.{name}"))
}

#[test]
fn each_3_1_construct_lowers_to_what_it_means() {
    let (api, warnings) = constructs();
    let label = field(&api, "Gadget", "label");
    assert_eq!(
        (label.ty.clone(), label.nullable, label.required),
        (TypeRef::String, true, true)
    );
    // `const` is a one-value enum: the implicit tag, as in 3.0.
    assert_eq!(field(&api, "Gadget", "kind").ty, TypeRef::String);
    assert_eq!(field(&api, "NotFound", "code").ty, TypeRef::String);
    assert!(
        api.operations[0].errors[0].documented_code.is_some(),
        "`const` tags the error"
    );
    // A `$ref` with a sibling description is the referenced type.
    let owner = field(&api, "Gadget", "owner");
    assert_eq!(
        owner.ty,
        TypeRef::Named {
            name: "Owner".into(),
            boxed: false
        }
    );
    // `oneOf: [Owner, null]` is a nullable Owner.
    let previous = field(&api, "Gadget", "previous_owner");
    assert_eq!(
        (previous.ty.clone(), previous.nullable),
        (
            TypeRef::Named {
                name: "Owner".into(),
                boxed: false
            },
            true
        )
    );
    // A `$defs` schema is a component type like any other.
    assert_eq!(
        field(&api, "Owner", "contact").ty,
        TypeRef::Named {
            name: "Contact".into(),
            boxed: false
        }
    );
    let email = field(&api, "Owner", "email");
    assert_eq!((email.ty.clone(), email.nullable), (TypeRef::String, true));
    // `type: [integer, string]`: a union of the two types, the integer tried first.
    let size = field(&api, "Gadget", "size");
    let Some(TypeKind::UntaggedUnion(union)) = size.ty.named().and_then(|name| api.type_named(name)).map(|t| &t.kind)
    else {
        panic!("{size:?}")
    };
    let members: Vec<&TypeRef> = union.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(members, [&TypeRef::Integer, &TypeRef::String]);
    assert_eq!(field(&api, "Gadget", "nothing").ty, TypeRef::Json);
    assert_eq!(field(&api, "Gadget", "anything").ty, TypeRef::Json);
    // A tuple of mixed members is a list of JSON values (with a warning, below); one whose
    // members are all one schema is a list of it.
    assert_eq!(
        field(&api, "Gadget", "position").ty,
        TypeRef::Array(Box::new(TypeRef::Json))
    );
    assert_eq!(
        field(&api, "Gadget", "point").ty,
        TypeRef::Array(Box::new(TypeRef::Number))
    );
    assert_eq!(
        field(&api, "Gadget", "labels").ty,
        TypeRef::Map(Box::new(TypeRef::String))
    );
    // A path item by `$ref` to `components/pathItems`; a body of `contentMediaType` bytes.
    let firmware = api
        .operations
        .iter()
        .find(|o| o.operation_id == "getFirmware")
        .expect("getFirmware");
    assert_eq!(firmware.success[0].body, clientgen::ir::ResponseBody::Bytes);
    // An operation without `responses` (3.1 allows it) still gets a method.
    assert!(api.operations.iter().any(|o| o.operation_id == "getStatus"));
    let mut pointers: Vec<&str> = warnings.iter().filter_map(|w| w.pointer()).collect();
    pointers.sort_unstable();
    assert_eq!(
        pointers,
        [
            "#/components/schemas/Gadget/dependentSchemas",
            "#/components/schemas/Gadget/if",
            "#/components/schemas/Gadget/properties/position/prefixItems",
            "#/components/schemas/Gadget/then",
            "#/webhooks",
        ]
    );
}

#[test]
fn what_3_1_does_not_support_is_refused_where_it_stands() {
    let base = |schema: Value| {
        json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
               "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": schema}}}}}}}})
        .to_string()
    };
    let at = "#/paths/~1a/get/responses/200/content/application~1json/schema";
    // Outside a component schema, `$dynamicRef` names nothing this generator can point at.
    let err = clientgen::generate(&base(json!({"$dynamicRef": "#node"})), &all(), "t").expect_err("$dynamicRef");
    assert_eq!(err.pointer(), Some(format!("{at}/$dynamicRef").as_str()), "{err}");
    // A broken schema under `$defs` is located where it is written, not where it was moved.
    let defs = json!({"$ref": "#/$defs/Bad", "$defs": {"Bad": {"type": "nonsense"}}});
    let err = clientgen::generate(&base(defs), &all(), "t").expect_err("a bad type");
    assert!(err.pointer().is_some_and(|p| p.ends_with("/$defs/Bad")), "{err}");
    let err = clientgen::generate(&base(json!(false)), &all(), "t").expect_err("false");
    assert!(err.pointer().is_some_and(|p| p.starts_with(at)), "{err}");
    // A `$ref` with a sibling that is broken: located at the `$ref` as written, not in `allOf/0`.
    let err = clientgen::generate(
        &base(json!({"$ref": "#/components/schemas/Nope", "description": "d"})),
        &all(),
        "t",
    )
    .expect_err("broken ref");
    assert_eq!(err.pointer(), Some(at), "{err}");
}

#[test]
fn a_recursive_or_dynamic_reference_inside_a_component_names_that_component() {
    for (anchor, reference) in [
        ("$dynamicAnchor", json!({"$dynamicRef": "#node"})),
        ("$recursiveAnchor", json!({"$recursiveRef": "#"})),
    ] {
        let anchor_value = if anchor == "$dynamicAnchor" {
            json!("node")
        } else {
            json!(true)
        };
        let doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/tree": {"get": {"operationId": "tree", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}}}}}}},
            "components": {"schemas": {"Node": {anchor: anchor_value, "type": "object",
                "properties": {"children": {"type": "array", "items": reference}}}}}});
        let api = clientgen::lower::lower(
            &clientgen::load::load(&doc.to_string()).unwrap_or_else(|e| panic!("{anchor}: {e}")),
            &all(),
            "t",
        )
        .unwrap_or_else(|e| panic!("{anchor}: {e}"));
        let children = &field(&api, "Node", "children").ty;
        let TypeRef::Array(item) = children else {
            panic!("{anchor}: children is {children:?}")
        };
        assert!(
            matches!(&**item, TypeRef::Named { name, .. } if name == "Node"),
            "{anchor}: {item:?}"
        );
    }
}

/// A 3.2 document is read as 3.1: a `query` operation is a method sending QUERY, located where it
/// is written; other methods and `in: querystring` parameters are left out, each with a warning
/// where it stands; a referenced media type is the one it names; a cookie of `style: cookie` is
/// sent as 3.1 sends one.
#[test]
fn a_3_2_document_is_read_as_3_1_and_says_what_it_left_out() {
    let text = fixture("openapi-3.2.yaml");
    let generated = clientgen::generate_report(&text, &all(), "v32").expect("generates");
    let warned_at: Vec<&str> = generated.warnings.iter().filter_map(|w| w.pointer()).collect();
    for pointer in [
        "#/paths/~1orders/additionalOperations/LINK",
        "#/paths/~1orders/get/parameters/2",
        "#/components/parameters/Filter",
    ] {
        assert!(warned_at.contains(&pointer), "{pointer} in {warned_at:?}");
    }
    let api = clientgen::lower::lower(&clientgen::load::load(&text).expect("loads"), &all(), "v32").expect("lowers");
    let operations: Vec<&str> = api.operations.iter().map(|op| op.method_name.as_str()).collect();
    assert_eq!(operations, ["list_orders", "query_orders"]);
    let query = &api.operations[1];
    assert_eq!(query.http_method, clientgen::ir::HttpMethod::Query);
    assert_eq!(query.pointer, "#/paths/~1orders/query");
    assert!(query.http_method.is_idempotent(), "QUERY is safe: retried like GET");
    let list = &api.operations[0];
    let inputs: Vec<&str> = list.inputs.iter().map(|input| input.name.as_str()).collect();
    assert_eq!(inputs, ["session"], "the querystring parameters are not inputs");
    // The answer's media type is the one `components/mediaTypes` names: a list of orders.
    assert!(
        format!("{:?}", list.success).contains("\"Order\""),
        "{:?}",
        list.success
    );
}

/// A `$ref` by a schema's absolute `$id` (and into that schema's `$defs` by a fragment) is local:
/// the field is that schema's type; a URI no schema declares is still refused as another file.
#[test]
fn a_reference_by_a_schemas_id_is_that_schema() {
    let doc = |reference: &str| {
        json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/owner": {"get": {"operationId": "owner", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Owner"}}}}}}}},
            "components": {"schemas": {
                "Pet": {"$id": "https://example.com/schemas/pet", "type": "object",
                        "properties": {"name": {"type": "string"}},
                        "$defs": {"Tag": {"type": "object", "properties": {"label": {"type": "string"}}}}},
                "Owner": {"type": "object", "properties": {
                    "pet": {"$ref": reference},
                    "tag": {"$ref": "https://example.com/schemas/pet#/$defs/Tag"}}}}}})
        .to_string()
    };
    let api = clientgen::lower::lower(
        &clientgen::load::load(&doc("https://example.com/schemas/pet")).expect("loads"),
        &all(),
        "t",
    )
    .expect("lowers");
    let named = |field_name: &str| match &field(&api, "Owner", field_name).ty {
        TypeRef::Named { name, .. } => name.clone(),
        other => panic!("{field_name} is {other:?}"),
    };
    assert_eq!(named("pet"), "Pet");
    assert_eq!(named("tag"), "Tag");
    let err = clientgen::load::load(&doc("https://example.com/schemas/cat")).expect_err("no schema has that id");
    assert_eq!(
        err.pointer(),
        Some("#/components/schemas/Owner/properties/pet"),
        "{err}"
    );
}

/// A `$ref` by an anchor (`#meta`, `$anchor: meta`; or a `$dynamicAnchor`) is the schema that
/// declares it; an anchor no schema declares is refused, located at the reference.
#[test]
fn a_reference_by_an_anchor_is_that_schema() {
    let doc = |reference: &str| {
        json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
            "paths": {"/owner": {"get": {"operationId": "owner", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Owner"}}}}}}}},
            "components": {"schemas": {
                "Meta": {"$anchor": "meta", "type": "object", "properties": {"n": {"type": "integer"}}},
                "Owner": {"type": "object", "properties": {
                    "meta": {"$ref": reference},
                    "node": {"$defs": {"Node": {"$dynamicAnchor": "node", "type": "object",
                        "properties": {"label": {"type": "string"}}}}, "$ref": "#node"}}}}}})
        .to_string()
    };
    let api =
        clientgen::lower::lower(&clientgen::load::load(&doc("#meta")).expect("loads"), &all(), "t").expect("lowers");
    let named = |field_name: &str| match &field(&api, "Owner", field_name).ty {
        TypeRef::Named { name, .. } => name.clone(),
        other => panic!("{field_name} is {other:?}"),
    };
    assert_eq!(named("meta"), "Meta");
    assert_eq!(named("node"), "Node");
    let err = clientgen::lower::lower(&clientgen::load::load(&doc("#other")).expect("loads"), &all(), "t")
        .expect_err("no schema has that anchor");
    assert_eq!(
        err.pointer(),
        Some("#/components/schemas/Owner/properties/meta"),
        "{err}"
    );
    assert!(err.to_string().contains("anchor no schema declares"), "{err}");
}

/// The Core API in 3.1 syntax, as its exporter would write it: `nullable` as a `type` array (or a
/// `oneOf` with `null` for a `$ref`), one-value enums as `const`, `example` as `examples`. On
/// YAML's value, whose mappings keep the document's order.
fn to_3_1(value: &mut yaml_serde::Value, in_schema: bool) {
    use yaml_serde::Value as Y;
    let key = |k: &str| Y::String(k.to_owned());
    match value {
        Y::Mapping(members) => {
            if in_schema {
                if members.shift_remove("nullable") == Some(Y::Bool(true)) {
                    match members.get("type").cloned() {
                        Some(Y::String(t)) => {
                            members.insert(key("type"), Y::Sequence(vec![Y::String(t), key("null")]));
                        }
                        _ => match members.shift_remove("allOf") {
                            Some(Y::Sequence(mut one_of)) => {
                                let mut null = yaml_serde::Mapping::new();
                                null.insert(key("type"), key("null"));
                                one_of.push(Y::Mapping(null));
                                members.insert(key("oneOf"), Y::Sequence(one_of));
                            }
                            _ => {
                                members.insert(key("nullable"), Y::Bool(true));
                            }
                        },
                    }
                }
                if let Some(Y::Sequence(values)) = members.get("enum").cloned()
                    && let [only] = values.as_slice()
                {
                    members.shift_remove("enum");
                    members.insert(key("const"), only.clone());
                }
                if let Some(example) = members.shift_remove("example") {
                    members.insert(key("examples"), Y::Sequence(vec![example]));
                }
            }
            for (name, member) in members.iter_mut() {
                match name.as_str().unwrap_or("") {
                    "schema" | "items" | "not" | "additionalProperties" => to_3_1(member, true),
                    "properties" | "schemas" => {
                        if let Y::Mapping(children) = member {
                            children.values_mut().for_each(|child| to_3_1(child, true));
                        }
                    }
                    "allOf" | "oneOf" | "anyOf" => {
                        if let Y::Sequence(children) = member {
                            children.iter_mut().for_each(|child| to_3_1(child, true));
                        }
                    }
                    _ => to_3_1(member, false),
                }
            }
        }
        Y::Sequence(items) => items.iter_mut().for_each(|item| to_3_1(item, false)),
        _ => {}
    }
}

#[test]
fn the_core_api_written_in_3_1_generates_exactly_what_its_3_0_document_does() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/");
    let read = |name: &str| std::fs::read_to_string(format!("{root}{name}")).expect("spec/ file");
    let config = Config::from_yaml(&read("codegen.yaml")).expect("config");
    let text_3_0 = read("katapult-core-openapi.json");
    let mut document: yaml_serde::Value = serde_json::from_str(&text_3_0).expect("json");
    to_3_1(&mut document, false);
    if let yaml_serde::Value::Mapping(root) = &mut document {
        root.insert("openapi".into(), "3.1.0".into());
    }
    let text_3_1 = serde_json::to_string_pretty(&document).expect("json");
    assert!(
        text_3_1.contains(r#""null""#) && text_3_1.contains(r#""const""#),
        "the translation did something"
    );
    assert!(!text_3_1.contains(r#""nullable""#), "no 3.0 `nullable` is left");

    let from_3_0 = clientgen::generate(&text_3_0, &config, "spec/katapult-core-openapi.json").expect("3.0");
    let from_3_1 = clientgen::generate(&text_3_1, &config, "spec/katapult-core-openapi.json").expect("3.1");
    assert_eq!(from_3_0.len(), from_3_1.len());
    for (a, b) in from_3_0.iter().zip(&from_3_1) {
        assert_eq!(a.path, b.path);
        // Line by line, so that a difference names its line rather than printing 30,000 of them.
        for (line, (x, y)) in a.contents.lines().zip(b.contents.lines()).enumerate() {
            assert_eq!(x, y, "{} line {}", a.path, line + 1);
        }
        assert_eq!(a.contents.len(), b.contents.len(), "{}", a.path);
    }
}
