//! Each lowering rule on a small document (`fixtures/mini.yaml`) that uses every construct of the
//! Katapult Core API.

use clientgen::Config;
use clientgen::ir::{Api, InputTarget, ParameterLocation, ResponseBody, StatusMatch, TypeDef, TypeKind, TypeRef};

fn mini() -> Api {
    let config = Config::from_yaml(include_str!("fixtures/mini-config.yaml")).expect("config");
    let doc = clientgen::load::load(include_str!("fixtures/mini.yaml")).expect("spec");
    clientgen::lower::lower(&doc, &config, "mini.yaml").expect("lowers")
}

/// `document` lowered with every operation and the default config.
fn every_operation(document: &str) -> Api {
    let config = Config::new().operation(clientgen::OperationSelector::All);
    clientgen::lower::lower(&clientgen::load::load(document).expect("spec"), &config, "t.yaml").expect("lowers")
}

/// A document with one operation, `operation_id`, that answers with `response` (a schema, in
/// YAML's flow style), and with the component schemas `schemas` (YAML, indented by four spaces).
fn answering(operation_id: &str, response: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: \"1\"}}\npaths:\n  /x:\n    get:\n      operationId: {operation_id}\n      \
         responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              \
         schema: {response}\ncomponents:\n  schemas:\n{schemas}"
    )
}

fn named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.type_named(name).unwrap_or_else(|| {
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type {name}; have {names:?}")
    })
}

/// The variant names of the untagged union `name`, in the order they are tried.
fn untagged_variants(api: &Api, name: &str) -> Vec<String> {
    match &named(api, name).kind {
        TypeKind::UntaggedUnion(u) => u.variants.iter().map(|v| v.name.clone()).collect(),
        other => panic!("{name} is {other:?}"),
    }
}

/// The tag property and tag values of the tagged union `name`.
fn tags(api: &Api, name: &str) -> (String, Vec<String>) {
    match &named(api, name).kind {
        TypeKind::TaggedUnion(u) => (
            u.tag_property.clone(),
            u.variants.iter().map(|v| v.tag_value.clone()).collect(),
        ),
        other => panic!("{name} is {other:?}"),
    }
}

fn structure<'a>(api: &'a Api, name: &str) -> &'a clientgen::ir::Struct {
    match &named(api, name).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{name} is {other:?}"),
    }
}

fn field<'a>(s: &'a clientgen::ir::Struct, wire: &str) -> &'a clientgen::ir::Field {
    s.fields
        .iter()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("no field {wire}"))
}

#[test]
fn implicit_code_tags_make_a_tagged_union() {
    let api = mini();
    let TypeKind::TaggedUnion(union) = &named(&api, "OneOfForbidden403").kind else {
        panic!("not a union")
    };
    assert_eq!(union.tag_property, "code");
    let variants: Vec<(&str, &str, &str)> = union
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_value.as_str(), v.ty.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("PermissionDenied", "permission_denied", "PermissionDeniedSchema"),
            ("ScopeNotGranted", "scope_not_granted", "ScopeNotGrantedSchema")
        ]
    );
    assert_eq!(union.description_property.as_deref(), Some("description"));
    assert!(union.tag_is_code);
    assert_eq!(union.variants[0].docs.as_deref(), Some("Not permitted"));
    assert_eq!(
        union.variants[0].pointer,
        "#/components/schemas/OneOfForbidden403/oneOf/0"
    );
}

#[test]
fn tagged_error_objects_keep_their_code_as_a_string() {
    let api = mini();
    let denied = structure(&api, "PermissionDeniedSchema");
    let tag = denied.tag.as_ref().expect("tagged");
    assert_eq!(
        (tag.property.as_str(), tag.value.as_str()),
        ("code", "permission_denied")
    );
    let code = field(denied, "code");
    assert_eq!(code.ty, TypeRef::String);
    assert!(
        !code.required && code.optional(),
        "code is never required in the document"
    );
    // The one-value enums are tags, not types of their own.
    assert!(api.type_named("PermissionDeniedEnum").is_none());
}

#[test]
fn an_explicit_discriminator_is_honoured() {
    let api = mini();
    let TypeKind::TaggedUnion(union) = &named(&api, "Shape").kind else {
        panic!("not a union")
    };
    assert_eq!(union.tag_property, "shape");
    let tags: Vec<&str> = union.variants.iter().map(|v| v.tag_value.as_str()).collect();
    assert_eq!(tags, ["circle", "Square"], "mapping first, then the component name");
    assert_eq!(union.description_property, None);
}

#[test]
fn all_of_wrappers_nullable_and_recursion() {
    let api = mini();
    let widget = structure(&api, "Widget");
    let parent = field(widget, "parent");
    assert_eq!(
        parent.ty,
        TypeRef::Named {
            name: "Widget".into(),
            boxed: true
        }
    );
    assert!(parent.nullable);
    assert_eq!(parent.docs.as_deref(), Some("The widget this one hangs from"));
    let children = field(widget, "children");
    assert_eq!(
        children.ty,
        TypeRef::Array(Box::new(TypeRef::Named {
            name: "Widget".into(),
            boxed: false
        }))
    );
    assert_eq!(field(widget, "created_at").ty, TypeRef::Integer);
    assert_eq!(field(widget, "metadata").ty, TypeRef::JsonObject);
    assert_eq!(
        field(widget, "kind").ty,
        TypeRef::Named {
            name: "WidgetKindEnum".into(),
            boxed: false
        }
    );
}

#[test]
fn secrets_are_flagged_from_the_config() {
    let api = mini();
    let widget = named(&api, "Widget");
    let TypeKind::Struct(s) = &widget.kind else { panic!() };
    assert!(field(s, "secret_code").secret.is_some());
    assert!(field(s, "id").secret.is_none());
    assert!(widget.holds_secret);
    assert!(
        named(&api, "GetWidgetResponse").holds_secret,
        "holding a Widget holds its secret"
    );
    assert!(!named(&api, "WidgetLookup").holds_secret);
}

#[test]
fn properties_without_type_are_structs_and_enums_are_enums() {
    let api = mini();
    let detail = structure(&api, "ScopeNotGrantedSchemaDetail");
    assert_eq!(field(detail, "scopes").ty, TypeRef::Array(Box::new(TypeRef::String)));
    let TypeKind::StringEnum(kind) = &named(&api, "WidgetKindEnum").kind else {
        panic!()
    };
    let values: Vec<(&str, &str)> = kind
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(values, [("Round", "round"), ("Square", "square")]);
    let lookup = structure(&api, "WidgetLookup");
    assert_eq!(field(lookup, "type").name, "r#type");
    assert_eq!(field(lookup, "type").lookup_constructor.as_deref(), Some("by_type"));
    assert_eq!(field(lookup, "id").lookup_constructor.as_deref(), Some("by_id"));
    assert_eq!(field(structure(&api, "Widget"), "id").lookup_constructor, None);
}

#[test]
fn operations_get_names_parameters_bodies_and_errors() {
    let api = mini();
    let names: Vec<&str> = api.operations.iter().map(|o| o.method_name.as_str()).collect();
    assert_eq!(names, ["get_widget", "widget_polish", "delete_gadget"]);
    assert_eq!(api.default_base_url.as_deref(), Some("https://api.example.com/v1"));

    let get = &api.operations[0];
    let params: Vec<(&str, &str, bool)> = get
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.wire_name.as_str(), p.required))
        .collect();
    assert_eq!(
        params,
        [
            ("widget", "widget", false),
            ("tags", "tags[]", true),
            ("kind", "kind", false),
            ("page", "page", false)
        ]
    );
    // `widget[id]` spells a `WidgetLookup`: one parameter of that type, sent as `widget[id]=…`.
    assert_eq!(
        get.parameters[0].ty,
        TypeRef::Named {
            name: "WidgetLookup".into(),
            boxed: false
        }
    );
    assert_eq!(
        get.parameters[0].structured,
        Some(clientgen::ir::Structured::DeepObject)
    );
    assert_eq!(get.parameters[3].default.as_deref(), Some("1"));
    assert_eq!(get.parameters[3].ty, TypeRef::Integer);
    assert_eq!(get.scopes[0].scheme, "Authenticator");
    assert_eq!(get.scopes[0].scopes, ["widgets"]);
    let statuses: Vec<(StatusMatch, &str)> = get.errors.iter().map(|e| (e.status, e.variant.as_str())).collect();
    assert_eq!(
        statuses,
        [
            (StatusMatch::Exact(403), "Forbidden"),
            (StatusMatch::Exact(404), "NotFound")
        ]
    );
    assert!(get.errors.iter().all(|e| e.coded));
    assert_eq!(get.error_type, "GetWidgetError");
    assert_eq!(get.options_type.as_deref(), Some("GetWidgetOptions"));
    let inputs: Vec<(&str, bool)> = get.inputs.iter().map(|i| (i.name.as_str(), i.required)).collect();
    assert_eq!(
        inputs,
        [("widget", false), ("tags", true), ("kind", false), ("page", false)]
    );
    assert_eq!(
        get.inputs[1].target,
        InputTarget::Query {
            wire: "tags[]".into(),
            array: true,
            row_group: None,
            structured: None,
        }
    );
    let not_found = structure(&api, "WidgetNotFound");
    let tag = not_found.tag.as_ref().expect("tagged");
    assert_eq!((tag.const_name.as_str(), tag.field.as_str()), ("CODE", "code"));

    let polish = &api.operations[1];
    assert_eq!(
        polish.body.as_ref().and_then(|b| b.fields_type()),
        Some("WidgetPolishRequest")
    );
    assert_eq!(polish.success[0].body, ResponseBody::Text);

    let delete = &api.operations[2];
    assert_eq!(delete.parameters[0].location, ParameterLocation::Path);
    assert!(delete.parameters[0].required);
}

#[test]
fn serde_traits_follow_the_direction_of_use() {
    let api = mini();
    let lookup = named(&api, "WidgetLookup").usage;
    assert!(lookup.serialize && !lookup.deserialize);
    let widget = named(&api, "Widget").usage;
    assert!(!widget.serialize && widget.deserialize);
}

#[test]
fn only_what_the_selected_operations_need_is_lowered() {
    let config = Config::new().operation(clientgen::OperationSelector::Id("delete:gadget".into()));
    let doc = clientgen::load::load(include_str!("fixtures/mini.yaml")).expect("spec");
    let api = clientgen::lower::lower(&doc, &config, "mini.yaml").expect("lowers");
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Circle", "Shape", "Square"]);
}

#[test]
fn names_do_not_depend_on_which_operations_are_selected() {
    let doc = clientgen::load::load(include_str!("../../spec/katapult-core-openapi.json")).expect("spec");
    let one = Config::new().operation(clientgen::OperationSelector::Id(
        "post:object_storage_access_key_generate_credentials".into(),
    ));
    let all = Config::new().operation(clientgen::OperationSelector::All);
    let small = clientgen::lower::lower(&doc, &one, "spec").expect("one endpoint");
    let big = clientgen::lower::lower(&doc, &all, "spec").expect("whole API");
    for def in &small.types {
        let same = big
            .type_named(&def.name)
            .unwrap_or_else(|| panic!("{} is renamed in the whole API", def.name));
        assert_eq!(same.pointer, def.pointer, "{}", def.name);
    }
    let method = &small.operations[0];
    let in_big = big
        .operations
        .iter()
        .find(|o| o.operation_id == method.operation_id)
        .expect("operation");
    assert_eq!(
        (&in_big.method_name, &in_big.error_type),
        (&method.method_name, &method.error_type)
    );
    assert_eq!(big.operations.len(), 189);
}

/// A document whose secrets are found without a list: by format, `writeOnly` and name; the config
/// adds one and takes one back.
const SECRETS_DOC: &str = r##"
openapi: 3.0.3
info: {title: Secrets, version: "1"}
paths:
  /accounts:
    post:
      operationId: createAccount
      parameters:
        - {name: api_key, in: query, required: true, schema: {type: string}}
        - {name: X-Session-Token, in: header, schema: {type: string}}
        - {name: page_token, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                login: {type: string}
                pin: {type: string, format: password}
              required: [login, pin]
      responses:
        "200":
          description: The account
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Account"}
components:
  schemas:
    Account:
      type: object
      properties:
        id: {type: string}
        recovery: {type: string, writeOnly: true}
        clientSecret: {type: string}
        api_key_name: {type: string}
        next_page_token: {type: string}
        display_token: {type: string}
        nickname: {type: string}
        backup_codes: {type: array, items: {type: string}}
        login_method: {$ref: "#/components/schemas/LoginMethod"}
    LoginMethod:
      oneOf:
        - {type: object, properties: {password: {type: string}}, required: [password]}
        - {type: object, properties: {provider: {type: string}}, required: [provider]}
"##;

#[test]
fn secrets_are_found_by_format_write_only_and_name() {
    use clientgen::ir::SecretReason;
    let config = Config::new()
        .operation(clientgen::OperationSelector::All)
        .secret("Account.nickname")
        .not_secret("Account.display_token");
    let doc = clientgen::load::load(SECRETS_DOC).expect("spec");
    let api = clientgen::lower::lower(&doc, &config, "s.yaml").expect("lowers");
    let decided: Vec<(String, SecretReason)> = api.secret_values().into_iter().map(|s| (s.place, s.reason)).collect();
    let expected = [
        ("Account.recovery", SecretReason::WriteOnly),
        ("Account.client_secret", SecretReason::Name),
        ("Account.nickname", SecretReason::Config),
        ("CreateAccountRequest.pin", SecretReason::PasswordFormat),
        ("LoginMethodPassword.password", SecretReason::Name),
        ("create_account(api_key)", SecretReason::Name),
        ("create_account(x_session_token)", SecretReason::Name),
    ];
    let expected: Vec<(String, SecretReason)> = expected.iter().map(|(p, r)| ((*p).to_owned(), *r)).collect();
    assert_eq!(decided, expected);
    let op = &api.operations[0];
    let secret_inputs: Vec<&str> = op.inputs.iter().filter(|i| i.secret).map(|i| i.name.as_str()).collect();
    assert_eq!(secret_inputs, ["api_key", "x_session_token", "pin"]);

    // A union told apart by its members' required members holds the secret in one of them: the
    // union has no `PartialEq` (a secret is compared by no one), and the member keeps it secret.
    let login_method = api.type_named("LoginMethod").expect("union");
    assert!(login_method.holds_secret);
    let files = clientgen::generate(SECRETS_DOC, &config, "s.yaml").expect("generates");
    let types = &files.iter().find(|f| f.path == "types.rs").expect("types.rs").contents;
    assert!(
        types.contains("#[derive(::std::fmt::Debug, ::std::clone::Clone, ::serde::Deserialize)]\n#[serde(untagged)]\npub enum LoginMethod {"),
        "{types}"
    );
    assert!(
        types.contains("pub password: ::clientgen_runtime::SecretString,"),
        "{types}"
    );

    let both = Config::new()
        .operation(clientgen::OperationSelector::All)
        .secret("Account.id")
        .not_secret("Account.id");
    let err = clientgen::lower::lower(&doc, &both, "s.yaml").expect_err("listed twice");
    assert!(err.message.contains("both"), "{err}");
    let not_a_string = Config::new()
        .operation(clientgen::OperationSelector::All)
        .secret("Account.backup_codes");
    let err = clientgen::lower::lower(&doc, &not_a_string, "s.yaml").expect_err("an array");
    assert!(err.message.contains("only string properties"), "{err}");
}

/// `allOf` of one `$ref` and members that only annotate it is the referenced type itself, with
/// the wrapper's nullability and description: not a copy that loses the target's `nullable`.
#[test]
fn an_all_of_of_a_reference_and_annotations_is_the_reference() {
    let doc = answering(
        "getVolume",
        r##"{$ref: "#/components/schemas/Volume"}"##,
        r##"    Volume:
      type: object
      required: [backup, policy]
      properties:
        backup:
          allOf:
            - {$ref: "#/components/schemas/Backup"}
            - {description: The last backup; null when there is none.}
        policy:
          allOf:
            - {$ref: "#/components/schemas/Policy"}
            - {nullable: true, example: {name: daily}}
    Backup:
      type: object
      nullable: true
      properties:
        id: {type: string}
    Policy:
      type: object
      properties:
        name: {type: string}
"##,
    );
    let api = every_operation(&doc);
    let volume = structure(&api, "Volume");
    let backup = field(volume, "backup");
    assert_eq!(
        backup.ty,
        TypeRef::Named {
            name: "Backup".into(),
            boxed: false
        }
    );
    assert!(backup.nullable, "the target's `nullable` is kept");
    assert_eq!(
        backup.docs.as_deref(),
        Some("The last backup; null when there is none.")
    );
    let policy = field(volume, "policy");
    assert_eq!(
        policy.ty,
        TypeRef::Named {
            name: "Policy".into(),
            boxed: false
        }
    );
    assert!(policy.nullable, "the annotation's `nullable` applies");
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Backup", "Policy", "Volume"], "no copies of the wrapped types");
}

/// A discriminator that maps several tag values to one schema keeps every value: one variant
/// each, so that `power_off` decodes and goes out as `power_off`. A mapping to no member is refused.
#[test]
fn every_mapped_tag_value_is_a_variant_of_its_own() {
    let doc = |mapping: &str| {
        format!(
            r##"
openapi: 3.0.3
info: {{title: Actions, version: "1"}}
paths:
  /actions:
    post:
      operationId: postAction
      requestBody:
        content:
          application/json:
            schema: {{$ref: "#/components/schemas/Action"}}
      responses:
        "204": {{description: Done}}
components:
  schemas:
    Action:
      oneOf:
        - {{$ref: "#/components/schemas/DropletAction"}}
        - {{$ref: "#/components/schemas/Resize"}}
      discriminator:
        propertyName: type
        mapping: {mapping}
    DropletAction:
      type: object
      properties:
        type: {{type: string}}
    Resize:
      type: object
      properties:
        type: {{type: string}}
        size: {{type: string}}
"##
        )
    };
    let config = Config::new().operation(clientgen::OperationSelector::All);
    let mapping = "{power_off: '#/components/schemas/DropletAction', reboot: DropletAction}";
    let spec = clientgen::load::load(&doc(mapping)).expect("spec");
    let api = clientgen::lower::lower(&spec, &config, "a.yaml").expect("lowers");
    let TypeKind::TaggedUnion(union) = &named(&api, "Action").kind else {
        panic!("a tagged union")
    };
    let variants: Vec<(&str, &str, &str)> = union
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.tag_value.as_str(), v.ty.as_str()))
        .collect();
    assert_eq!(
        variants,
        [
            ("PowerOff", "power_off", "DropletAction"),
            ("Reboot", "reboot", "DropletAction"),
            ("Resize", "Resize", "Resize")
        ]
    );
    let files = clientgen::generate(&doc(mapping), &config, "a.yaml").expect("generates");
    let types = &files.iter().find(|f| f.path == "types.rs").expect("types.rs").contents;
    // The union is only sent: each variant is named (`tag()`) and sent with its own value.
    assert_eq!(types.matches("\"reboot\"").count(), 2, "{types}");
    assert_eq!(types.matches("\"power_off\"").count(), 2, "{types}");

    let nowhere = "{power_off: '#/components/schemas/Gone'}";
    let spec = clientgen::load::load(&doc(nowhere)).expect("spec");
    let err = clientgen::lower::lower(&spec, &config, "a.yaml").expect_err("a mapping to no member");
    assert_eq!(
        err.pointer(),
        Some("#/components/schemas/Action/discriminator/mapping/power_off"),
        "{err}"
    );

    // A mapping to a schema of the document that is no member: left out, with a warning there;
    // the members keep their variants, and a value with that tag is an unknown variant.
    let elsewhere = "{power_off: '#/components/schemas/DropletAction', fish: '#/components/schemas/Fish'}";
    let with_fish = format!(
        "{}    Fish: {{type: object, properties: {{type: {{type: string}}}}}}\n",
        doc(elsewhere)
    );
    let spec = clientgen::load::load(&with_fish).expect("spec");
    let api = clientgen::lower::lower(&spec, &config, "a.yaml").expect("a mapping outside the union is read past");
    assert_eq!(tags(&api, "Action").1, ["power_off", "Resize"]);
    let warning = api
        .warnings
        .iter()
        .find(|w| w.pointer() == Some("#/components/schemas/Action/discriminator/mapping/fish"))
        .unwrap_or_else(|| panic!("a warning at the mapping: {:?}", api.warnings));
    assert!(warning.message.contains("not a member of the union"), "{warning}");
}

/// In 3.0 the siblings of a `$ref` do not change the type, but a description beside it says what
/// this use of the type means: the field's doc is that description, as 3.1 (which reads siblings)
/// makes it, and the output of the two versions is the same (and JSON reads as YAML does).
#[test]
fn a_description_beside_a_ref_documents_the_field_in_3_0_as_in_3_1() {
    let document = r##"
openapi: 3.0.3
info: {title: R, version: "1"}
paths:
  /holders:
    get:
      operationId: getHolder
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Holder"}
components:
  schemas:
    Id: {type: string, description: An identifier of anything.}
    Owner:
      type: object
      description: Someone who owns things.
      properties: {name: {type: string}}
    Holder:
      type: object
      properties:
        owner_id: {$ref: "#/components/schemas/Id", description: Who owns the holder.}
        plain_id: {$ref: "#/components/schemas/Id"}
        owner: {$ref: "#/components/schemas/Owner", description: "The holder's owner, in full."}
        someone: {$ref: "#/components/schemas/Owner"}
"##;
    let config = Config::new().operation(clientgen::OperationSelector::All);
    let types = |text: &str| -> String {
        let files = clientgen::generate(text, &config, "r.yaml").unwrap_or_else(|e| panic!("{e}"));
        files
            .into_iter()
            .find(|f| f.path == "types.rs")
            .expect("types.rs")
            .contents
    };
    let v30 = types(document);
    let doc_of = |field: &str| -> String {
        let at = v30
            .find(&format!("pub {field}:"))
            .unwrap_or_else(|| panic!("{field} in {v30}"));
        let before = &v30[..at];
        let start = before.rfind("pub ").map_or(0, |p| p + 1);
        before[start..].to_owned()
    };
    assert!(doc_of("owner_id").contains("/// Who owns the holder."), "{v30}");
    assert!(!doc_of("owner_id").contains("An identifier of anything."), "{v30}");
    assert!(doc_of("plain_id").contains("/// An identifier of anything."), "{v30}");
    assert!(doc_of("owner").contains("/// The holder's owner, in full."), "{v30}");
    assert!(!doc_of("someone").contains("Someone who owns things."), "{v30}");
    let v31 = types(&document.replace("openapi: 3.0.3", "openapi: 3.1.0"));
    assert_eq!(v30, v31);
    // JSON is checked on another thread while it parses; the descriptions are found there too.
    // (The JSON text has its members sorted, so the fields are in another order.)
    let json = types(&clientgen::load::raw(document).expect("raw").to_string());
    for (doc, field) in [
        ("Who owns the holder.", "owner_id"),
        ("The holder's owner, in full.", "owner"),
    ] {
        assert!(json.contains(&format!("/// {doc}\n    pub {field}:")), "{json}");
    }
}

/// `nullable: true` beside a 3.0 `$ref` is what its author means: that use of the type may be
/// `null` (3.0 ignores a `$ref`'s siblings; a client that refused the `null` would fail to read
/// the whole answer). `nullable: false`, or none, leaves the type as it is.
#[test]
fn nullable_beside_a_ref_lets_that_use_be_null() {
    let document = answering(
        "getHolder",
        r##"{$ref: "#/components/schemas/Holder"}"##,
        r##"    Owner: {type: object, properties: {name: {type: string}}}
    Holder:
      type: object
      required: [owner, must]
      properties:
        owner: {$ref: "#/components/schemas/Owner", nullable: true}
        maybe: {$ref: "#/components/schemas/Owner", nullable: true, description: Perhaps.}
        must: {$ref: "#/components/schemas/Owner", nullable: false}
        plain: {$ref: "#/components/schemas/Owner"}
"##,
    );
    let config = Config::new().operation(clientgen::OperationSelector::All);
    for text in [
        document.clone(),
        clientgen::load::raw(&document).expect("raw").to_string(),
    ] {
        let loaded = clientgen::load::load_report(&text).expect("loads");
        let api = clientgen::lower::lower_with(&loaded.document, &loaded.ref_siblings, &config, "t").expect("lowers");
        let holder = api.types.iter().find(|t| t.name == "Holder").expect("Holder");
        let clientgen::ir::TypeKind::Struct(holder) = &holder.kind else {
            panic!("Holder is not a struct")
        };
        // (The JSON text has its members sorted.)
        let mut nullable: Vec<(&str, bool)> = holder
            .fields
            .iter()
            .map(|f| (f.wire_name.as_str(), f.nullable))
            .collect();
        nullable.sort();
        assert_eq!(
            nullable,
            [("maybe", true), ("must", false), ("owner", true), ("plain", false)],
            "{text}"
        );
    }
}

/// An `allOf` member that two others both extend (a diamond, repeated 40 levels deep) is merged
/// once: the object has every level's member, each once. (Walked again at each level, the merge
/// took time exponential in the depth.)
#[test]
fn a_member_two_members_extend_is_merged_once() {
    let depth = 40;
    let mut schemas = String::new();
    for level in 0..depth {
        for side in ["L", "R"] {
            let next = level + 1;
            schemas.push_str(&format!(
                "    {side}{level}:\n      type: object\n      properties: {{{side}{level}: {{type: string}}}}\n      \
                 allOf: [{{$ref: \"#/components/schemas/L{next}\"}}, {{$ref: \"#/components/schemas/R{next}\"}}]\n"
            ));
        }
    }
    schemas.push_str(&format!(
        "    L{depth}: {{type: object, properties: {{x: {{type: string}}}}}}\n    R{depth}: {{type: object, properties: {{y: {{type: string}}}}}}\n"
    ));
    let document = answering("getTop", r##"{$ref: "#/components/schemas/L0"}"##, &schemas);
    let api = every_operation(&document);
    let TypeKind::Struct(top) = &named(&api, "L0").kind else {
        panic!("L0 is not a struct")
    };
    let mut members: Vec<&str> = top.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(members.len(), 2 * (depth - 1) + 1 + 2, "{members:?}");
    members.sort_unstable();
    members.dedup();
    assert_eq!(members.len(), 2 * (depth - 1) + 1 + 2, "each once");
}

/// A one-value member that may be `null` (3.0's `nullable` enum, or an `anyOf` of the value and
/// `null`) keeps `null` apart from absent like any other such member, unless the config says the
/// two mean the same; it stays the object's tag either way.
#[test]
fn a_one_value_tag_that_may_be_null_keeps_null_apart_from_absent() {
    let document = answering(
        "getRefs",
        r##"{type: object, properties: {by_enum: {$ref: "#/components/schemas/ByEnum"}, by_any_of: {$ref: "#/components/schemas/ByAnyOf"}, required_one: {$ref: "#/components/schemas/RequiredOne"}}}"##,
        r##"    ByEnum:
      type: object
      properties:
        type: {type: string, enum: [item_reference], nullable: true}
    ByAnyOf:
      type: object
      properties:
        type:
          nullable: true
          anyOf:
            - {type: string, enum: [item_reference]}
    RequiredOne:
      type: object
      required: [type]
      properties:
        type: {type: string, enum: [item_reference], nullable: true}
"##,
    );
    let doc = clientgen::load::load(&document).expect("spec");
    for (alike, kept) in [(false, true), (true, false)] {
        let mut config = Config::new().operation(clientgen::OperationSelector::All);
        if alike {
            config.null_and_absent = clientgen::NullAndAbsent::Alike;
        }
        let api = clientgen::lower::lower(&doc, &config, "t.yaml").expect("lowers");
        for name in ["ByEnum", "ByAnyOf"] {
            let s = structure(&api, name);
            let tag = s.tag.as_ref().unwrap_or_else(|| panic!("{name} has its tag"));
            assert_eq!(tag.value, "item_reference", "{name}");
            assert_eq!((tag.field_optional, tag.field_keeps_null), (true, kept), "{name}");
            assert_eq!(field(s, "type").keeps_null, kept, "{name}");
        }
        // Required, its `null` is the field's `None`: there is no absent to keep apart.
        let s = structure(&api, "RequiredOne");
        let tag = s.tag.as_ref().expect("tag");
        assert_eq!((tag.field_optional, tag.field_keeps_null), (true, false));
    }
}

/// A union inside a cycle (a customer's source is a bank account, whose customer is an id, a
/// customer or a deleted one) is decided once its members are lowered, not kept as JSON because
/// one of them was still being lowered when the union was met.
#[test]
fn a_union_inside_a_cycle_is_told_apart_once_its_members_are_known() {
    let document = answering(
        "getCustomer",
        r##"{$ref: "#/components/schemas/Customer"}"##,
        r##"    Customer:
      type: object
      required: [id, object, created]
      properties:
        id: {type: string}
        object: {type: string, enum: [customer]}
        created: {type: integer}
        source:
          anyOf:
            - {type: string}
            - {$ref: "#/components/schemas/BankAccount"}
            - {$ref: "#/components/schemas/Card"}
    DeletedCustomer:
      type: object
      required: [id, object, deleted]
      properties:
        id: {type: string}
        object: {type: string, enum: [customer]}
        deleted: {type: boolean}
    BankAccount:
      type: object
      required: [id, object]
      properties:
        id: {type: string}
        object: {type: string, enum: [bank_account]}
        customer:
          anyOf:
            - {type: string}
            - {$ref: "#/components/schemas/Customer"}
            - {$ref: "#/components/schemas/DeletedCustomer"}
    Card:
      type: object
      required: [id, object, brand]
      properties:
        id: {type: string}
        object: {type: string, enum: [card]}
        brand: {type: string}
"##,
    );
    let api = every_operation(&document);
    let variants = |name: &str| untagged_variants(&api, name);
    // Customer and DeletedCustomer share their tag value, and are told apart by what each requires.
    assert_eq!(
        variants("BankAccountCustomer"),
        ["String", "Customer", "DeletedCustomer"]
    );
    // A card has every member a bank account requires: the tag tells the objects apart.
    assert_eq!(variants("CustomerSource"), ["String", "Object"]);
    let (property, values) = tags(&api, "CustomerSourceObject");
    assert_eq!(property, "object");
    assert_eq!(values, ["bank_account", "card"]);
}

/// An id or an object of several kinds (Stripe's `default_source`: a string or a
/// `payment_source` union), met inside that union's own members while the union waits to be
/// decided: it waits too, and is decided after it, told apart by shape (was JSON, decided against
/// the waiting union's placeholder).
#[test]
fn a_union_met_inside_a_waiting_union_is_decided_after_it() {
    let document = answering(
        "getCard",
        r##"{$ref: "#/components/schemas/card"}"##,
        r##"    customer:
      type: object
      required: [id, object]
      properties:
        id: {type: string}
        object: {type: string, enum: [customer]}
        default_source:
          anyOf:
            - {type: string, maxLength: 5000}
            - {$ref: "#/components/schemas/payment_source"}
          nullable: true
    payment_source:
      anyOf:
        - {$ref: "#/components/schemas/card"}
        - {$ref: "#/components/schemas/bank_account"}
    card:
      type: object
      required: [id, object]
      properties:
        id: {type: string}
        object: {type: string, enum: [card]}
        customer:
          anyOf:
            - {type: string}
            - {$ref: "#/components/schemas/customer"}
    bank_account:
      type: object
      required: [id, object]
      properties:
        id: {type: string}
        object: {type: string, enum: [bank_account]}
"##,
    );
    let api = every_operation(&document);
    assert_eq!(tags(&api, "PaymentSource").1, ["card", "bank_account"]);
    assert_eq!(
        untagged_variants(&api, "CustomerDefaultSource"),
        ["String", "PaymentSource"]
    );
}

/// A union member that allows one string is that value, when no other member takes strings
/// (Stripe's `anyOf: [integer, {enum: [""]}]`); beside a plain string it is only a string.
#[test]
fn the_one_string_a_union_member_allows_is_a_variant_of_its_own() {
    let document = answering(
        "getLimits",
        r##"{type: object, properties: {expires: {$ref: "#/components/schemas/Expires"}, label: {$ref: "#/components/schemas/Label"}}}"##,
        r##"    Expires:
      anyOf:
        - {type: integer}
        - {type: string, enum: [""]}
    Label:
      anyOf:
        - {type: string, enum: [""]}
        - {type: string, maxLength: 10}
        - {type: integer}
"##,
    );
    let api = every_operation(&document);
    let literals = |name: &str| match &named(&api, name).kind {
        TypeKind::UntaggedUnion(u) => u
            .variants
            .iter()
            .map(|v| (v.name.clone(), v.literal.clone()))
            .collect::<Vec<_>>(),
        other => panic!("{name} is {other:?}"),
    };
    assert_eq!(
        literals("Expires"),
        [("Integer".to_owned(), None), ("Empty".to_owned(), Some(String::new()))]
    );
    assert!(
        literals("Label").iter().all(|(_, literal)| literal.is_none()),
        "{:?}",
        literals("Label")
    );
}

/// A base with a discriminator is a union of what extends it, at any depth; a schema that adds
/// nothing to it is the base itself (its values are `Unknown`), and a base nothing extends stays
/// a struct. Without a mapping, a subtype's tag is its `x-ms-discriminator-value` (Azure's
/// documents), else its component name.
#[test]
fn a_base_is_a_union_of_what_extends_it_at_any_depth() {
    let response = r##"{type: object, properties: {square: {$ref: "#/components/schemas/Square"}, shape: {$ref: "#/components/schemas/Shape"}, alone: {$ref: "#/components/schemas/Alone"}}}"##;
    let document = answering(
        "getShape",
        response,
        r##"    Shape:
      type: object
      required: [kind]
      discriminator: {propertyName: kind, mapping: {tri: "#/components/schemas/Triangle"}}
      properties: {kind: {type: string}}
    Polygon:
      allOf:
        - $ref: "#/components/schemas/Shape"
        - {type: object, properties: {corners: {type: integer}}}
    Triangle:
      allOf:
        - $ref: "#/components/schemas/Polygon"
        - {type: object, properties: {right: {type: boolean}}}
    Square:
      allOf:
        - $ref: "#/components/schemas/Shape"
        - {type: object, properties: {inside: {$ref: "#/components/schemas/Shape"}}}
    Nothing:
      allOf:
        - $ref: "#/components/schemas/Shape"
    Circle:
      x-ms-discriminator-value: Example.Circle
      allOf:
        - $ref: "#/components/schemas/Shape"
        - {type: object, properties: {radius: {type: number}}}
    Alone:
      type: object
      discriminator: {propertyName: kind}
      properties: {kind: {type: string}}
"##,
    );
    let api = every_operation(&document);
    let TypeKind::TaggedUnion(shape) = &named(&api, "Shape").kind else {
        panic!("Shape is a union of what extends it")
    };
    let variants: Vec<(&str, &str)> = shape
        .variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.ty.as_str()))
        .collect();
    // Square is lowered first, and holds a Shape: lowering Shape meets Square half-made.
    assert_eq!(
        variants,
        [
            ("Polygon", "Polygon"),
            ("tri", "Triangle"),
            ("Square", "Square"),
            ("Example.Circle", "Circle")
        ]
    );
    let triangle = structure(&api, "Triangle");
    let fields: Vec<&str> = triangle.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(fields, ["kind", "corners", "right"], "every level's members");
    assert!(matches!(named(&api, "Alone").kind, TypeKind::Struct(_)));
}

/// An `enum` beside a `$ref` to an integer enum narrows it to an enum of its own that keeps the
/// referenced names; a value the referenced enum lacks is named apart from them.
#[test]
fn a_narrowed_integer_enum_keeps_the_names_and_never_repeats_one() {
    let response = r##"{type: object, properties: {narrowed: {type: integer, enum: [5, 3], allOf: [{$ref: "#/components/schemas/Codes"}]}}}"##;
    let document = answering(
        "getCodes",
        response,
        r##"    Codes:
      type: integer
      oneOf:
        - {title: V5, type: integer, enum: [3]}
        - {title: B, type: integer, enum: [8]}
        - {title: C, type: integer, enum: [9]}
"##,
    );
    let api = every_operation(&document);
    let TypeKind::IntegerEnum(narrowed) = &named(&api, "GetCodesResponseNarrowed").kind else {
        panic!("the narrowing is an enum of its own")
    };
    let variants: Vec<(&str, i64)> = narrowed.variants.iter().map(|v| (v.name.as_str(), v.value)).collect();
    assert_eq!(variants, [("V52", 5), ("V5", 3)]);
}

/// `{id}` in a path whose operation declares no `id` (its sibling does) is a required string
/// path parameter, with a warning at the operation; Swagger 2's `type: file` is a file.
#[test]
fn an_undeclared_path_parameter_is_a_string_and_type_file_a_file() {
    let document = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /users/{id}/files/{name}:\n    \
        put:\n      operationId: putFile\n      parameters:\n        - {name: name, in: path, required: true, schema: {type: integer}}\n      \
        requestBody:\n        content:\n          multipart/form-data:\n            schema: {type: object, properties: {file: {type: file}}}\n      \
        responses:\n        \"204\": {description: stored}\n";
    let api = every_operation(document);
    let op = &api.operations[0];
    let path: Vec<(&str, &TypeRef, bool)> = op
        .parameters
        .iter()
        .filter(|p| p.location == clientgen::ir::ParameterLocation::Path)
        .map(|p| (p.wire_name.as_str(), &p.ty, p.required))
        .collect();
    assert_eq!(
        path,
        [("id", &TypeRef::String, true), ("name", &TypeRef::Integer, true)]
    );
    assert!(
        api.warnings
            .iter()
            .any(|w| w.pointer() == Some("#/paths/~1users~1{id}~1files~1{name}/put")
                && w.to_string().contains("declares no path parameter `id`")),
        "{:?}",
        api.warnings
    );
    let body = op.body.as_ref().expect("a body");
    let clientgen::ir::BodyShape::Fields { ty, .. } = &body.shape else {
        panic!("{body:?}")
    };
    let file = &structure(&api, ty).fields[0];
    assert_eq!(file.ty, TypeRef::Scalar(clientgen::ir::Scalar::File));
}

/// Objects one of which requires all another does and more are tried the more demanding first;
/// strings, some of them enums behind a `$ref`, are one enum of every value.
#[test]
fn nested_requirements_are_ordered_and_referenced_string_enums_are_one() {
    let document = answering(
        "transcribe",
        "{$ref: \"#/components/schemas/Answer\"}",
        r##"    Answer:
      type: object
      properties:
        transcript:
          oneOf:
            - $ref: "#/components/schemas/Plain"
            - $ref: "#/components/schemas/Verbose"
        model:
          anyOf:
            - $ref: "#/components/schemas/SharedModels"
            - {type: string, enum: [o1-pro]}
    Plain: {type: object, required: [text], properties: {text: {type: string}}}
    Verbose:
      type: object
      required: [text, language]
      properties: {text: {type: string}, language: {type: string}}
    SharedModels:
      anyOf:
        - {type: string}
        - {type: string, enum: [gpt-5, o3]}
"##,
    );
    let api = every_operation(&document);
    let TypeKind::UntaggedUnion(transcript) = &named(&api, "AnswerTranscript").kind else {
        panic!("{:?}", named(&api, "AnswerTranscript").kind)
    };
    let order: Vec<&str> = transcript.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(order, ["Verbose", "Plain"]);
    let TypeKind::StringEnum(model) = &named(&api, "AnswerModel").kind else {
        panic!("{:?}", named(&api, "AnswerModel").kind)
    };
    let values: Vec<&str> = model.variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["gpt-5", "o3", "o1-pro"]);
}

/// A derived error narrows its base's `details` items to a choice (`anyOf` of objects each with its
/// own `issue`): the items are a choice of the base item with each, told apart by `issue`, with
/// every member of the base item kept.
#[test]
fn an_object_and_a_choice_defining_one_property_are_a_choice_of_both() {
    let document = answering(
        "fail",
        "{$ref: \"#/components/schemas/BadRequest\"}",
        r##"    ErrorDetails:
      type: object
      required: [issue]
      properties: {field: {type: string}, issue: {type: string}}
    Error:
      type: object
      properties:
        details: {type: array, items: {$ref: "#/components/schemas/ErrorDetails"}}
    BadRequest:
      allOf:
        - $ref: "#/components/schemas/Error"
        - properties:
            details:
              type: array
              items:
                anyOf:
                  - {title: INVALID_VALUE, properties: {issue: {type: string, enum: [INVALID_VALUE]}}}
                  - {title: MISSING_VALUE, properties: {issue: {type: string, enum: [MISSING_VALUE]}}}
"##,
    );
    let api = every_operation(&document);
    let details = structure(&api, "BadRequest")
        .fields
        .iter()
        .find(|f| f.name == "details")
        .expect("details");
    let TypeRef::Array(item) = &details.ty else {
        panic!("{:?}", details.ty)
    };
    let item = item.named().expect("a named item type");
    let TypeKind::TaggedUnion(union) = &named(&api, item).kind else {
        panic!("{:?}", named(&api, item).kind)
    };
    let tags: Vec<&str> = union.variants.iter().map(|v| v.tag_value.as_str()).collect();
    assert_eq!(tags, ["INVALID_VALUE", "MISSING_VALUE"]);
    let first = structure(&api, &union.variants[0].ty);
    assert!(
        first.fields.iter().any(|f| f.wire_name == "field"),
        "the base item's members are kept"
    );
}

/// A chain of components each naming the next, longer than any inline nesting: every one is a
/// type (the deep ones lowered after the outermost), and a union over deep members is decided.
#[test]
fn a_long_chain_of_components_is_lowered_whole() {
    let mut schemas = String::new();
    for i in 0..150 {
        schemas.push_str(&format!(
            "    Link{i}:\n      type: object\n      required: [next]\n      properties:\n        next: {{$ref: \"#/components/schemas/Link{}\"}}\n        either:\n          oneOf:\n            - {{$ref: \"#/components/schemas/Leaf\"}}\n            - {{type: string}}\n",
            i + 1
        ));
    }
    schemas.push_str("    Link150: {type: object, properties: {end: {type: boolean}}}\n");
    schemas.push_str("    Leaf: {type: object, required: [id], properties: {id: {type: integer}}}\n");
    let api = every_operation(&answering("walk", "{$ref: \"#/components/schemas/Link0\"}", &schemas));
    for i in [0, 60, 149] {
        let link = structure(&api, &format!("Link{i}"));
        assert_eq!(
            link.fields[0].ty,
            TypeRef::Named {
                name: format!("Link{}", i + 1),
                boxed: false
            }
        );
    }
    assert!(structure(&api, "Link150").fields.iter().any(|f| f.wire_name == "end"));
    let TypeKind::UntaggedUnion(either) = &named(&api, "Link149Either").kind else {
        panic!("{:?}", named(&api, "Link149Either").kind)
    };
    assert_eq!(either.variants.len(), 2);
}

/// An inline member of a union with a `discriminator` is tagged by its own values of the
/// discriminator's property, even when another of its properties has one value too (and came
/// first, so the struct took it for its own tag).
#[test]
fn an_inline_member_is_tagged_by_the_discriminator_property_not_its_first_one_value_property() {
    let schemas = "    Event:
      discriminator: {propertyName: type}
      oneOf:
        - type: object
          required: [version, type]
          properties:
            version: {type: string, enum: [v2]}
            type: {type: string, enum: [created]}
        - type: object
          required: [type]
          properties:
            type: {type: string, enum: [deleted, archived]}
";
    let api = every_operation(&answering("getEvent", "{$ref: '#/components/schemas/Event'}", schemas));
    assert_eq!(
        tags(&api, "Event"),
        (
            "type".to_owned(),
            vec!["created".to_owned(), "deleted".to_owned(), "archived".to_owned()]
        )
    );
}

/// An object whose extra members are an `allOf` naming the object itself (a tree whose children
/// extend the node) is one recursive type: the extras' schema is lowered where it is written,
/// inside the member, and met there again; it was a new type nested deeper at every level, without
/// end (the generator ran out of memory).
#[test]
fn extra_members_that_extend_their_own_object_are_a_recursive_type() {
    let schemas = "    Meta:
      type: object
      properties:
        note: {type: string}
    Node:
      type: object
      properties:
        name: {type: string}
      additionalProperties:
        allOf:
          - $ref: '#/components/schemas/Node'
          - $ref: '#/components/schemas/Meta'
";
    let api = every_operation(&answering("getNode", "{$ref: '#/components/schemas/Node'}", schemas));
    let node = structure(&api, "Node");
    let extras = node
        .fields
        .iter()
        .find(|f| f.flatten)
        .expect("the extra members' field");
    let TypeRef::Map(values) = &extras.ty else {
        panic!("extras are {:?}", extras.ty)
    };
    let TypeRef::Named { name, .. } = &**values else {
        panic!("extras hold {values:?}")
    };
    let child = structure(&api, name);
    let wires: Vec<&str> = child.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        wires,
        ["name", "note", ""],
        "{name}: the node's members, the meta's, its own extras"
    );
    let grandchildren = child.fields.iter().find(|f| f.flatten).expect("the child's extras");
    assert_eq!(
        grandchildren.ty, extras.ty,
        "the child's extras are the same type again"
    );
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Node", "NodeAdditional"], "`Meta` is only merged");
}

/// A list or a map of itself is no named type: inside itself it is JSON, with a warning at the
/// reference, once; the document is not refused as a `$ref` loop.
#[test]
fn a_map_or_a_list_of_itself_is_json_inside_itself() {
    let schemas = "    Tree:
      type: object
      additionalProperties: {$ref: '#/components/schemas/Tree'}
    Nested:
      type: array
      items: {$ref: '#/components/schemas/Nested'}
    Holder:
      type: object
      properties:
        tree: {$ref: '#/components/schemas/Tree'}
        nested: {$ref: '#/components/schemas/Nested'}
";
    let api = every_operation(&answering(
        "getHolder",
        "{$ref: '#/components/schemas/Holder'}",
        schemas,
    ));
    let holder = structure(&api, "Holder");
    assert_eq!(field(holder, "tree").ty, TypeRef::Map(Box::new(TypeRef::Json)));
    assert_eq!(field(holder, "nested").ty, TypeRef::Array(Box::new(TypeRef::Json)));
    let held_itself: Vec<&str> = api
        .warnings
        .iter()
        .filter_map(|w| w.pointer())
        .filter(|p| p.contains("Tree") || p.contains("Nested"))
        .collect();
    assert_eq!(
        held_itself,
        [
            "#/components/schemas/Tree/additionalProperties",
            "#/components/schemas/Nested/items"
        ]
    );
}

/// An `allOf` whose members all accept `null` accepts it too (`null` satisfies each): a member
/// of that type keeps `null` apart from absent. One member that refuses `null` makes it refuse.
#[test]
fn an_all_of_of_nullable_members_is_nullable() {
    let schemas = "    A:
      type: object
      nullable: true
      properties: {a: {type: string}}
    B:
      type: object
      nullable: true
      properties: {b: {type: string}}
    C:
      type: object
      properties: {c: {type: string}}
    Holder:
      type: object
      properties:
        both: {allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/B'}]}
        one: {allOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/C'}]}
";
    let api = every_operation(&answering(
        "getHolder",
        "{$ref: '#/components/schemas/Holder'}",
        schemas,
    ));
    let holder = structure(&api, "Holder");
    assert!(field(holder, "both").nullable, "{:?}", field(holder, "both"));
    assert!(!field(holder, "one").nullable, "{:?}", field(holder, "one"));
}

/// Stripe's live and deleted objects share their tag (`object: customer`); only the deleted one
/// has `deleted`, and only the live one `created`: told apart by shape, with no warning that
/// the union is JSON.
#[test]
fn members_that_share_a_tag_are_told_apart_by_their_required_members() {
    let schemas = "    customer:\n      type: object\n      required: [id, object, created]\n      properties:\n        \
                   id: {type: string}\n        object: {type: string, enum: [customer]}\n        created: {type: integer}\n    \
                   deleted_customer:\n      type: object\n      required: [id, object, deleted]\n      properties:\n        \
                   id: {type: string}\n        object: {type: string, enum: [customer]}\n        \
                   deleted: {type: boolean, enum: [true]}\n";
    let document = answering(
        "getCustomer",
        "{anyOf: [$ref: '#/components/schemas/customer', $ref: '#/components/schemas/deleted_customer']}",
        schemas,
    );
    let api = every_operation(&document);
    assert_eq!(
        untagged_variants(&api, "GetCustomerResponse"),
        ["Customer", "DeletedCustomer"]
    );
    assert!(
        api.warnings.iter().all(|w| !w.message.contains("has the tag")),
        "{:?}",
        api.warnings
    );
}

/// Tagged objects beside a member that takes anything (`{}`): the objects are one tagged member
/// of their own, the union JSON. Flattening that member back into its objects is tried once: it
/// joined them again, and again, until the stack overflowed.
#[test]
fn tagged_objects_beside_any_value_are_decided_once() {
    let document = answering(
        "getOutcome",
        "{$ref: \"#/components/schemas/Outcome\"}",
        "    Outcome:\n      oneOf: [{$ref: \"#/components/schemas/Denied\"}, {}, {$ref: \"#/components/schemas/Expired\"}]\n    \
         Denied: {type: object, properties: {code: {type: string, enum: [denied]}}}\n    \
         Expired: {type: object, properties: {code: {type: string, enum: [expired]}}}\n",
    );
    let api = every_operation(&document);
    assert!(
        matches!(&named(&api, "Outcome").kind, TypeKind::UntaggedJson { .. }),
        "{:?}",
        named(&api, "Outcome").kind
    );
}

/// An operation's own server (its `servers`, else its path's) is kept when it is absolute and not
/// the document's; the document's, or a relative one, is none.
#[test]
fn an_operation_keeps_its_own_absolute_server() {
    let api = every_operation(
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://api.example.com/2.0"}]
paths:
  /files/content:
    post:
      operationId: upload
      servers: [{url: "https://{host}/api/2.0", variables: {host: {default: upload.example.com}}}]
      responses: {"201": {description: uploaded}}
  /sessions:
    servers: [{url: "https://upload.example.com/api/2.0"}]
    get:
      operationId: sessions
      responses: {"200": {description: the sessions}}
    delete:
      operationId: again
      servers: [{url: "https://api.example.com/2.0/"}]
      responses: {"204": {description: gone}}
  /relative:
    get:
      operationId: relative
      servers: [{url: /v3}]
      responses: {"200": {description: ok}}
"#,
    );
    let servers: Vec<(&str, Option<&str>)> = api
        .operations
        .iter()
        .map(|op| (op.method_name.as_str(), op.server.as_deref()))
        .collect();
    assert_eq!(
        servers,
        [
            ("upload", Some("https://upload.example.com/api/2.0")),
            ("sessions", Some("https://upload.example.com/api/2.0")),
            ("again", None),
            ("relative", None),
        ]
    );
}

/// An integer enum's names and words as .NET and Java tools give them (`x-enumNames`,
/// `x-enum-varnames`, `x-enum-descriptions`): its variants' names and docs; a list that does not
/// match the values is not read.
#[test]
fn an_integer_enum_takes_the_names_its_document_gives_its_values() {
    let api = every_operation(&answering(
        "getStatus",
        "{type: object, properties: {status: {$ref: '#/components/schemas/Status'}, level: {$ref: '#/components/schemas/Level'}}}",
        "    Status:\n      type: integer\n      enum: [0, 1, 2]\n      x-enumNames: [Pending, In progress, Done]\n      \
         x-enum-descriptions: [Not started, Started, Finished]\n    Level:\n      type: integer\n      enum: [1, 2]\n      \
         x-enum-varnames: [Low]\n",
    ));
    let TypeKind::IntegerEnum(status) = &named(&api, "Status").kind else {
        panic!("an integer enum")
    };
    let names: Vec<(&str, i64, Option<&str>)> = status
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.value, v.docs.as_deref()))
        .collect();
    assert_eq!(
        names,
        [
            ("Pending", 0, Some("Not started")),
            ("InProgress", 1, Some("Started")),
            ("Done", 2, Some("Finished"))
        ]
    );
    let TypeKind::IntegerEnum(level) = &named(&api, "Level").kind else {
        panic!("an integer enum")
    };
    let names: Vec<&str> = level.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["V1", "V2"], "one name for two values is not read");
}
