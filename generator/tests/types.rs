//! Types that mean what the document means (`fixtures/types.yaml`): formats, closed sets, unions
//! told apart by type or by a discriminator, `allOf` wrappers and merges, references below a
//! component, and the config's `formats` and `types`. The same fixture is compiled and run on a
//! loopback server by `xtask/tests/other_documents.rs`.

use clientgen::Config;
use clientgen::ir::{Api, Scalar, TypeDef, TypeKind, TypeRef};

const FIXTURE: &str = include_str!("fixtures/types.yaml");

/// The config the other-documents crate uses for this fixture.
pub fn config() -> Config {
    let mut config = Config::new().operation(clientgen::OperationSelector::All);
    config
        .types
        .insert("Place.latitude".to_owned(), "number_or_string".to_owned());
    config
}

fn lower(config: &Config) -> Result<Api, clientgen::Diagnostic> {
    let doc = clientgen::load::load(FIXTURE).expect("spec");
    clientgen::lower::lower(&doc, config, "types.yaml")
}

fn named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.type_named(name).unwrap_or_else(|| {
        let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type {name}; have {names:?}")
    })
}

fn field_type(api: &Api, type_name: &str, wire: &str) -> TypeRef {
    let TypeKind::Struct(s) = &named(api, type_name).kind else {
        panic!("{type_name} is not a struct")
    };
    s.fields
        .iter()
        .find(|f| f.wire_name == wire)
        .unwrap_or_else(|| panic!("no field {wire}"))
        .ty
        .clone()
}

/// A tagged union's variants: each tag value and the type it selects.
fn variants_of<'a>(api: &'a Api, union: &str) -> Vec<(&'a str, &'a str)> {
    let TypeKind::TaggedUnion(u) = &named(api, union).kind else {
        panic!("{union} is not a tagged union")
    };
    u.variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.ty.as_str()))
        .collect()
}

#[test]
fn formats_give_their_rust_types() {
    let api = lower(&config()).expect("lowers");
    let scalar = |wire| field_type(&api, "Record", wire);
    assert_eq!(scalar("id"), TypeRef::Scalar(Scalar::Uuid));
    assert_eq!(scalar("created_at"), TypeRef::Scalar(Scalar::DateTime));
    assert_eq!(scalar("day"), TypeRef::Scalar(Scalar::Date));
    assert_eq!(scalar("size"), TypeRef::Scalar(Scalar::U64));
    assert_eq!(scalar("small"), TypeRef::Scalar(Scalar::I8));
    assert_eq!(scalar("count"), TypeRef::Scalar(Scalar::I32));
    assert_eq!(scalar("address"), TypeRef::Scalar(Scalar::Ipv4Addr));
    assert_eq!(scalar("address6"), TypeRef::Scalar(Scalar::Ipv6Addr));
    assert_eq!(scalar("any_address"), TypeRef::Scalar(Scalar::IpAddr));
}

#[test]
fn the_config_keeps_a_format_plain_or_names_a_type() {
    let mut config = config();
    config.formats.insert("uuid".to_owned(), "plain".to_owned());
    config
        .formats
        .insert("date-time".to_owned(), "::my_time::Instant".to_owned());
    let api = lower(&config).expect("lowers");
    assert_eq!(field_type(&api, "Record", "id"), TypeRef::String);
    assert_eq!(
        field_type(&api, "Record", "created_at"),
        TypeRef::Custom("::my_time::Instant".to_owned())
    );
    // The config's type for one property.
    assert_eq!(
        field_type(&api, "Place", "latitude"),
        TypeRef::Scalar(Scalar::NumberOrString)
    );
}

#[test]
fn config_types_are_checked_against_the_document() {
    for (key, value, message) in [
        ("Place.longitude", "string", "names no schema"),
        ("Nowhere", "string", "names no schema"),
        ("Place.latitude", "Latitude", "not a choice here nor a Rust type path"),
    ] {
        let mut config = config();
        config.types.clear();
        config.types.insert(key.to_owned(), value.to_owned());
        let error = lower(&config).expect_err("refused");
        assert_eq!(error.location, clientgen::Location::Config(format!("types.{key}")));
        assert!(error.message.contains(message), "{error}");
    }
}

#[test]
fn a_one_of_of_one_value_strings_is_an_enum_with_each_values_words() {
    let api = lower(&config()).expect("lowers");
    let TypeKind::StringEnum(colour) = &named(&api, "Colour").kind else {
        panic!("Colour is not an enum")
    };
    let values: Vec<(&str, &str, Option<&str>)> = colour
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str(), v.docs.as_deref()))
        .collect();
    assert_eq!(values, [("Red", "red", Some("Stop.")), ("Green", "green", Some("Go."))]);
}

/// A closed set of integers is an enum: a variant per value (a repeated value once), named by the
/// number; an integer without `enum` stays a number.
#[test]
fn a_closed_set_of_integers_is_an_enum_of_them() {
    let api = lower(&config()).expect("lowers");
    let values = |name: &str| -> Vec<(String, i64)> {
        match &named(&api, name).kind {
            TypeKind::IntegerEnum(e) => e.variants.iter().map(|v| (v.name.clone(), v.value)).collect(),
            other => panic!("{name} is {other:?}"),
        }
    };
    let owned =
        |list: &[(&str, i64)]| -> Vec<(String, i64)> { list.iter().map(|(n, v)| ((*n).to_owned(), *v)).collect() };
    assert_eq!(
        values("BlockSize"),
        owned(&[("V512", 512), ("V2048", 2048), ("V4096", 4096)])
    );
    assert_eq!(values("RecordPriority"), owned(&[("Minus1", -1), ("V0", 0), ("V1", 1)]));
    assert_eq!(field_type(&api, "Record", "count"), TypeRef::Scalar(Scalar::I32));
}

#[test]
fn unions_told_apart_by_type_or_format_try_the_most_specific_member_first() {
    let api = lower(&config()).expect("lowers");
    let TypeKind::UntaggedUnion(name_or_id) = &named(&api, "NameOrId").kind else {
        panic!("NameOrId is not a union")
    };
    let order: Vec<(&str, &TypeRef)> = name_or_id.variants.iter().map(|v| (v.name.as_str(), &v.ty)).collect();
    assert_eq!(
        order,
        [("Id", &TypeRef::Scalar(Scalar::Uuid)), ("Name", &TypeRef::String)]
    );
    // `anyOf` too: an integer before a number, both before a string.
    let TypeKind::UntaggedUnion(quantity) = &named(&api, "Quantity").kind else {
        panic!("Quantity is not a union")
    };
    let names: Vec<&str> = quantity.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["I32", "Number", "String"]);
}

/// A base and a choice that is a component of its own (`allOf: [Base, $ref: EntryPayload]`) is a
/// choice of bases, as a choice written in place is; and one that extends that (`allOf: [$ref:
/// Listing, More]`) is a choice of those, each variant with every member.
#[test]
fn a_base_with_a_choice_by_reference_is_a_choice_of_bases() {
    let api = lower(&config()).expect("lowers");
    for (union, extra) in [("Listing", None), ("FeaturedListing", Some("rank"))] {
        let variants = untagged_of(&api, union);
        let names: Vec<&str> = variants.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["PersonEntry", "CompanyEntry"], "{union}");
        for (variant, ty) in variants {
            let TypeRef::Named { name, .. } = ty else {
                panic!("{union}::{variant} is {ty:?}")
            };
            let TypeKind::Struct(s) = &named(&api, name).kind else {
                panic!("{name} is not a struct")
            };
            let members: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
            let own = if variant == "PersonEntry" { "born" } else { "vat" };
            let mut expected = vec!["id", own];
            expected.extend(extra);
            assert_eq!(members, expected, "{union}::{variant}");
        }
    }
    // Members written in place in the choice, without titles, are named as the choice's own
    // members are: by their one required member.
    let charge: Vec<&str> = untagged_of(&api, "Charge").into_iter().map(|(name, _)| name).collect();
    assert_eq!(charge, ["Card", "Iban"]);
}

/// The variants of an untagged union, in the order they are tried, with their types.
fn untagged_of<'a>(api: &'a Api, union: &str) -> Vec<(&'a str, &'a TypeRef)> {
    let TypeKind::UntaggedUnion(u) = &named(api, union).kind else {
        panic!("{union} is not an untagged union: {:?}", named(api, union).kind)
    };
    u.variants.iter().map(|v| (v.name.as_str(), &v.ty)).collect()
}

fn named_ref(name: &str) -> TypeRef {
    TypeRef::Named {
        name: name.to_owned(),
        boxed: false,
    }
}

#[test]
fn unions_of_objects_are_told_apart_by_required_members_or_their_formats() {
    let api = lower(&config()).expect("lowers");
    // Each member requires a member the other does not have; variants lose the union's name.
    assert_eq!(
        untagged_of(&api, "Interface"),
        [
            // `Unknown` is every enum's catch-all elsewhere, so a member of that name is renamed.
            ("UnknownValue", &named_ref("InterfaceUnknown")),
            ("IfIndex", &named_ref("InterfaceIfIndex"))
        ]
    );
    // `anyOf` too, named by the members' titles; a member may hold a tagged union.
    assert_eq!(
        untagged_of(&api, "Placement"),
        [("ByMachine", &named_ref("ByMachine")), ("ByZone", &named_ref("ByZone"))]
    );
    // The same members, of formats no value has both of.
    assert_eq!(
        untagged_of(&api, "AddressRange"),
        [("V4Range", &named_ref("V4Range")), ("V6Range", &named_ref("V6Range"))]
    );
    // Arrays apart by their items, after the string.
    let prompt: Vec<&str> = untagged_of(&api, "Prompt").iter().map(|(name, _)| *name).collect();
    assert_eq!(prompt, ["String", "StringList", "IntegerList", "IntegerListList"]);
    // None of these is kept as JSON any more.
    let open: Vec<String> = api.open_json().into_iter().map(|place| place.place).collect();
    for union in [
        "Interface",
        "Placement",
        "AddressRange",
        "Prompt",
        "Route.prefix",
        "Unit",
        "Deliveries",
    ] {
        assert!(!open.iter().any(|place| place == union), "{union} is JSON: {open:?}");
    }
}

#[test]
fn unions_of_tagged_unions_whose_tags_overlap_are_one_union_of_their_members() {
    let api = lower(&config()).expect("lowers");
    let TypeKind::UntaggedUnion(destination) = &named(&api, "GetPayoutResponseDestination").kind else {
        panic!("not an untagged union")
    };
    let variants: Vec<(&str, Option<(&str, &str)>)> = destination
        .variants
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.tag_check.as_ref().map(|(p, t)| (p.as_str(), t.as_str())),
            )
        })
        .collect();
    // Every object's variant checks its tag: two of them have one shape.
    assert_eq!(
        variants,
        [
            ("String", None),
            ("LiveBankAccount", Some(("object", "bank_account"))),
            ("LiveCard", Some(("object", "card"))),
            ("DeletedBankAccount", Some(("object", "bank_account"))),
            ("DeletedCard", Some(("object", "card"))),
            ("Other", None),
        ]
    );
    // Objects apart by their tags alone, beside a string, stay one tagged union of their own.
    assert_eq!(
        untagged_of(&api, "Payee")
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>(),
        ["String", "Object"]
    );
}

#[test]
fn unions_of_strings_are_a_string_or_an_enum_of_every_value() {
    let api = lower(&config()).expect("lowers");
    // Two patterns: text either way.
    assert_eq!(field_type(&api, "Route", "prefix"), TypeRef::String);
    let values = |name: &str| {
        let TypeKind::StringEnum(e) = &named(&api, name).kind else {
            panic!("{name} is not an enum")
        };
        e.variants
            .iter()
            .map(|v| (v.value.clone(), v.docs.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        values("Unit"),
        [
            ("count".to_owned(), None),
            ("bytes".to_owned(), None),
            ("none".to_owned(), Some("No unit at all.".to_owned())),
            ("rpm".to_owned(), None)
        ]
    );
    // A value beside any string: the enum keeps the other strings (every enum does).
    assert_eq!(values("Limit"), [("unlimited".to_owned(), None)]);
    // No type was made for a member: the enums' members are read, not lowered.
    assert!(api.types.iter().all(|t| !t.name.starts_with("UnitVariant")));
}

#[test]
fn a_union_of_one_member_is_that_member() {
    let api = lower(&config()).expect("lowers");
    let TypeKind::Struct(deliveries) = &named(&api, "Deliveries").kind else {
        panic!("Deliveries is not a struct")
    };
    let fields: Vec<&str> = deliveries.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(fields, ["webhook"]);
    assert!(api.types.iter().all(|t| !t.name.starts_with("DeliveriesVariant")));
}

#[test]
fn members_that_give_a_property_values_of_their_own_are_tagged_by_it() {
    let api = lower(&config()).expect("lowers");
    assert_eq!(
        variants_of(&api, "Contact"),
        [
            ("phone", "PhoneContact"),
            ("sms", "PhoneContact"),
            ("email", "EmailContact")
        ]
    );
}

#[test]
fn discriminators_keep_every_mapped_value_and_read_inline_members_tags() {
    let api = lower(&config()).expect("lowers");
    let tags = variants_of(&api, "Action");
    assert_eq!(
        tags,
        [
            ("power_off", "PowerAction"),
            ("reboot", "PowerAction"),
            ("snapshot", "Snapshot")
        ]
    );
    let shapes = variants_of(&api, "Shape");
    // Inline members are named by their tag, not by their place.
    assert_eq!(shapes, [("circle", "ShapeCircle"), ("square", "ShapeSquare")]);
}

#[test]
fn sort_orders_and_plural_acronyms_are_named_by_what_they_mean() {
    let api = lower(&config()).expect("lowers");
    let TypeKind::StringEnum(sort) = &named(&api, "RecordSort").kind else {
        panic!("RecordSort is not an enum")
    };
    let names: Vec<&str> = sort.variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Name", "NameDesc", "CreatedAt", "CreatedAtDesc"]);
    assert!(api.operations.iter().any(|op| op.method_name == "floating_ips_create"));
}

#[test]
fn all_of_wrappers_and_compatible_merges() {
    let api = lower(&config()).expect("lowers");
    // `allOf: [$ref Backup, {description}]` is Backup itself, still nullable.
    let TypeKind::Struct(record) = &named(&api, "Record").kind else {
        panic!()
    };
    let backup = record.fields.iter().find(|f| f.wire_name == "backup").expect("backup");
    assert_eq!(
        backup.ty,
        TypeRef::Named {
            name: "Backup".to_owned(),
            boxed: false
        }
    );
    assert!(backup.nullable);
    // `allOf` of a string and a constraint is that string.
    assert_eq!(field_type(&api, "Record", "kind"), TypeRef::String);
    // A wrapper that refines one `$ref` with its own type, words, `nullable` or a narrower enum
    // is the referenced type.
    assert_eq!(field_type(&api, "Record", "iban"), TypeRef::String);
    let iban = record.fields.iter().find(|f| f.wire_name == "iban").expect("iban");
    assert!(iban.nullable);
    assert_eq!(iban.docs.as_deref(), Some("The account, refined by the wrapper."));
    assert_eq!(
        field_type(&api, "Record", "sort"),
        TypeRef::Named {
            name: "RecordSort".to_owned(),
            boxed: false
        }
    );
    // A wrapper whose `required` says more of its one object member is an object of its own;
    // beside a string (`iban` above), `required` says nothing.
    let TypeKind::Struct(custom) = &named(&api, "CustomField").kind else {
        panic!("CustomField is not a struct")
    };
    let required: Vec<(&str, bool)> = custom
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.required))
        .collect();
    assert_eq!(
        required,
        // `id` is read-only (never sent), `namespace` defined nowhere (any value, kept as sent).
        [
            ("id", false),
            ("name", true),
            ("display_name", false),
            ("namespace", false)
        ]
    );
    // Two members define `name`, `latitude` and `owner`: words differ, one allows null, one says more.
    let TypeKind::Struct(place) = &named(&api, "Place").kind else {
        panic!()
    };
    let latitude = place
        .fields
        .iter()
        .find(|f| f.wire_name == "latitude")
        .expect("latitude");
    assert!(latitude.nullable);
    let owner = field_type(&api, "Place", "owner");
    let TypeRef::Named { name: owner, .. } = owner else {
        panic!("owner is {owner:?}")
    };
    let TypeKind::Struct(owner) = &named(&api, &owner).kind else {
        panic!()
    };
    let members: Vec<&str> = owner.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(
        members,
        ["id", "email"],
        "`not` beside the owner's objects only rules values out"
    );
    // An open object and one with members, and two objects whose own members merge: both, merged.
    let members_of = |type_name: &str, wire: &str| {
        let TypeRef::Named { name, .. } = field_type(&api, type_name, wire) else {
            panic!("{type_name}.{wire} is not a named type")
        };
        let TypeKind::Struct(s) = &named(&api, &name).kind else {
            panic!("{name} is not a struct")
        };
        (name, s.fields.iter().map(|f| f.wire_name.clone()).collect::<Vec<_>>())
    };
    let context = place.fields.iter().find(|f| f.wire_name == "context").expect("context");
    assert!(context.nullable, "the open member allows null");
    // The open member allows any other member (`additionalProperties: {}`): they are kept, in the
    // flattened map (whose wire name is empty).
    assert_eq!(members_of("Place", "context").1, ["conflicts", ""]);
    let (settings, members) = members_of("Place", "settings");
    assert_eq!(members, ["display", "public"]);
    assert_eq!(members_of(&settings, "display").1, ["theme", "zoom"]);
    // Two arrays of objects: an array of what both items are.
    let TypeRef::Array(item) = field_type(&api, "Place", "labels") else {
        panic!("labels is not an array")
    };
    let TypeRef::Named { name: label, .. } = *item else {
        panic!("a label is not a named type")
    };
    let TypeKind::Struct(label) = &named(&api, &label).kind else {
        panic!()
    };
    let members: Vec<&str> = label.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(members, ["key", "color"]);
    assert!(label.fields[0].required, "`key` stays required");
}

#[test]
fn a_multipart_body_that_is_one_file_is_one_part() {
    let api = lower(&config()).expect("lowers");
    let upload = api
        .operations
        .iter()
        .find(|op| op.method_name == "upload_raw")
        .expect("upload_raw");
    let body = upload.body.as_ref().expect("a body");
    assert_eq!(body.single_part.as_deref(), Some("file"));
    assert_eq!(body.content_type, "multipart/form-data");
}

#[test]
fn a_reference_below_a_component_is_named_after_where_it_points() {
    let api = lower(&config()).expect("lowers");
    assert!(matches!(named(&api, "Conflict").kind, TypeKind::Struct(_)));
    assert_eq!(field_type(&api, "Conflict", "version"), TypeRef::Scalar(Scalar::U64));
    let put = api
        .operations
        .iter()
        .find(|op| op.method_name == "put_record")
        .expect("put_record");
    let conflict = put
        .errors
        .iter()
        .find(|e| e.status == clientgen::ir::StatusMatch::Exact(409));
    let named_conflict = |e: &clientgen::ir::ErrorResponse| matches!(&e.body, clientgen::ir::ResponseBody::Json(TypeRef::Named { name, .. }) if name == "Conflict");
    assert!(conflict.is_some_and(named_conflict), "{:?}", put.errors);
}

#[test]
fn contradicting_all_of_members_are_refused_where_they_contradict() {
    let broken = FIXTURE.replace("latitude: {type: number, nullable: true}", "latitude: {type: string}");
    let doc = clientgen::load::load(&broken).expect("spec");
    let error = clientgen::lower::lower(&doc, &Config::new().operation(clientgen::OperationSelector::All), "t")
        .expect_err("refused");
    assert_eq!(
        error.pointer(),
        Some("#/components/schemas/Place/allOf/1/properties/latitude")
    );
    assert!(error.message.contains("no value can satisfy both"), "{error}");
}

#[test]
fn a_listing_the_document_marks_as_paged_by_cursor_gets_streams() {
    let api = lower(&config()).expect("lowers");
    let list = api
        .operations
        .iter()
        .find(|op| op.method_name == "list_events")
        .expect("list_events");
    let paging = list.pagination.as_ref().expect("paged");
    assert_eq!(
        (
            paging.pages_method.as_str(),
            paging.all_method.as_str(),
            paging.page_option.as_str()
        ),
        ("list_events_pages", "list_events_all", "page_token")
    );
    assert!(
        matches!(&paging.kind, clientgen::ir::PageKind::Cursor { next } if next.name == "next_page" && next.optional)
    );
    // Without the mark, only a configured convention makes a listing of it.
    let unmarked = FIXTURE.replace("      x-dropshot-pagination: {required: []}\n", "");
    let doc = clientgen::load::load(&unmarked).expect("spec");
    let api = clientgen::lower::lower(&doc, &config(), "types.yaml").expect("lowers");
    let list = api
        .operations
        .iter()
        .find(|op| op.method_name == "list_events")
        .expect("list_events");
    assert!(list.pagination.is_none());
    let mut configured = config();
    configured.conventions.cursor_pagination = Some(Default::default());
    let api = clientgen::lower::lower(&doc, &configured, "types.yaml").expect("lowers");
    let list = api
        .operations
        .iter()
        .find(|op| op.method_name == "list_events")
        .expect("list_events");
    assert!(list.pagination.is_some());
}

#[test]
fn nested_discriminated_unions_flatten_and_a_tag_enum_gives_each_value_a_variant() {
    let api = lower(&config()).expect("lowers");
    let tags = variants_of(&api, "Vehicle");
    // `Car`'s own members by their own tags; `Boat` once per value its `kind` allows, not as `Boat`.
    assert_eq!(
        tags,
        [
            ("sedan", "Sedan"),
            ("truck", "Truck"),
            ("sailboat", "Boat"),
            ("motorboat", "Boat")
        ]
    );
}

#[test]
fn a_schema_without_type_is_what_its_enum_or_items_imply() {
    let api = lower(&config()).expect("lowers");
    let fuel = field_type(&api, "Sedan", "fuel");
    let TypeRef::Named { name, .. } = &fuel else {
        panic!("fuel is {fuel:?}, not a named type")
    };
    assert!(matches!(named(&api, name).kind, TypeKind::StringEnum(_)), "{name}");
    assert_eq!(
        field_type(&api, "Boat", "names"),
        TypeRef::Array(Box::new(TypeRef::String))
    );
}

#[test]
fn a_response_and_a_body_written_as_each_others_component_are_read_as_what_they_describe() {
    let report = clientgen::generate_report(FIXTURE, &config(), "types.yaml").expect("generates");
    let mut crossed: Vec<&str> = report
        .warnings
        .iter()
        .filter_map(|w| w.pointer())
        .filter(|p| p.starts_with("#/paths/~1vehicles"))
        .collect();
    crossed.sort_unstable();
    assert_eq!(
        crossed,
        [
            "#/paths/~1vehicles/post/requestBody",
            "#/paths/~1vehicles/post/responses/200"
        ]
    );
    let api = lower(&config()).expect("lowers");
    let register = api
        .operations
        .iter()
        .find(|o| o.operation_id == "registerVehicle")
        .expect("registerVehicle");
    assert!(register.body.is_some(), "the body is kept");
    assert_eq!(register.success.len(), 1, "the response is kept");
}

#[test]
fn a_mapping_may_point_into_an_operation_and_disjoint_enums_merge_with_a_warning() {
    let members = serde_json::json!([
        {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "bark": {"type": "boolean"}}},
        {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}, "purr": {"type": "boolean"}}}
    ]);
    let schema = "#/paths/~1pets/get/responses/200/content/application~1json/schema";
    let doc = serde_json::json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/pets": {"get": {"operationId": "pet", "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"oneOf": members,
                "discriminator": {"propertyName": "kind", "mapping": {
                    "dog": format!("{schema}/oneOf/0"), "cat": format!("{schema}/oneOf/1")}}}}}}}}},
            "/status": {"get": {"operationId": "status", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}}}},
        "components": {"schemas": {
            "Base": {"type": "object", "properties": {"state": {"type": "string", "enum": ["open", "closed"]}}},
            "Status": {"allOf": [{"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"state": {"type": "string", "enum": ["opened", "shut"]}}}]}}}});
    let text = doc.to_string();
    let report = clientgen::generate_report(&text, &Config::new().operation(clientgen::OperationSelector::All), "t")
        .expect("generates");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.pointer().is_some_and(|p| p.contains("Status")) && w.to_string().contains("no value in common")),
        "{:?}",
        report.warnings
    );
    let api = clientgen::lower::lower(
        &clientgen::load::load(&text).expect("loads"),
        &Config::new().operation(clientgen::OperationSelector::All),
        "t",
    )
    .expect("lowers");
    let union = api
        .types
        .iter()
        .find_map(|t| match &t.kind {
            TypeKind::TaggedUnion(union) => Some(union),
            _ => None,
        })
        .expect("the response is a tagged union");
    let tags: Vec<(&str, &str)> = union
        .variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.ty.as_str()))
        .collect();
    // Inline members are named by the mapping key that points at them.
    assert_eq!(tags, [("dog", "PetResponseDog"), ("cat", "PetResponseCat")]);
    assert_eq!(report.warnings.len(), 1, "{:?}", report.warnings);
    let TypeRef::Named { name, .. } = field_type(&api, "Status", "state") else {
        panic!("state is not named")
    };
    let TypeKind::StringEnum(state) = &named(&api, &name).kind else {
        panic!("{name} is not an enum")
    };
    let values: Vec<&str> = state.variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["opened", "shut"], "the derived schema's values are used");
}

#[test]
fn a_tag_value_two_members_share_is_one_json_variant_and_the_rest_stay_typed() {
    let report = clientgen::generate_report(FIXTURE, &config(), "types.yaml").expect("generates");
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.pointer() == Some("#/components/schemas/Message/oneOf/0")
                && w.to_string().contains("`SentMessage`, `ReceivedMessage`")),
        "{:?}",
        report.warnings
    );
    let api = lower(&config()).expect("lowers");
    let tags = variants_of(&api, "Message");
    assert_eq!(tags, [("message", "MessageMessage"), ("note", "Note")]);
    let TypeKind::UntaggedJson { members } = &named(&api, "MessageMessage").kind else {
        panic!("the shared variant is not JSON")
    };
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    assert_eq!(members.len(), 2, "{members:?}");
    assert!(
        members[0].contains("SentMessage") && members[1].contains("ReceivedMessage"),
        "{members:?}"
    );
}

#[test]
fn members_beyond_the_properties_are_kept_when_the_document_allows_them() {
    let api = lower(&config()).expect("lowers");
    let extra = |type_name: &str| {
        let TypeKind::Struct(s) = &named(&api, type_name).kind else {
            panic!("{type_name} is not a struct")
        };
        s.fields
            .iter()
            .find(|f| f.flatten)
            .map(|f| (f.name.clone(), f.ty.clone()))
    };
    assert_eq!(
        extra("Label"),
        Some((
            "additional_properties".to_owned(),
            TypeRef::Map(Box::new(TypeRef::String))
        ))
    );
    let (name, ty) = extra("Settings").expect("Settings keeps its extra members");
    assert_ne!(name, "additional_properties", "a property has that name");
    assert_eq!(ty, TypeRef::Map(Box::new(TypeRef::Json)));
    // Without `additionalProperties` (or with `false`), nothing beyond the properties is read.
    assert_eq!(extra("Record"), None);
}

/// `maxProperties: 1` with `minProperties: 1` over optional members is a union of the members;
/// the same object that allows none, requires one, or lets a member be `null` stays a struct.
#[test]
fn an_object_of_exactly_one_member_is_a_union_of_its_members() {
    let api = lower(&config()).expect("lowers");
    let TypeKind::OneMember(target) = &named(&api, "Target").kind else {
        panic!("Target is not a one-member union")
    };
    let members: Vec<(&str, &str, &TypeRef)> = target
        .variants
        .iter()
        .map(|v| (v.member.as_str(), v.name.as_str(), &v.ty))
        .collect();
    let network = TypeRef::Named {
        name: "Network".to_owned(),
        boxed: false,
    };
    assert_eq!(
        members,
        [
            ("id", "Id", &TypeRef::Integer),
            ("name", "Name", &TypeRef::String),
            ("network", "Network", &network)
        ]
    );

    // The same object, changed one way at a time.
    let bounds = "name the target.\n      type: object\n      minProperties: 1\n      maxProperties: 1\n";
    let name_member = "        name: {type: string}\n        network:";
    assert!(
        FIXTURE.contains(bounds) && FIXTURE.contains(name_member),
        "the fixture's Target moved"
    );
    let kind_of_target = |from: &str, to: &str| {
        let doc = clientgen::load::load(&FIXTURE.replace(from, to)).expect("spec");
        let api = clientgen::lower::lower(&doc, &config(), "types.yaml").expect("lowers");
        named(&api, "Target").kind.clone()
    };
    let struct_when = [
        ("none allowed", bounds.replace("      minProperties: 1\n", "")),
        ("one required", format!("{bounds}      required: [id]\n")),
    ];
    for (why, changed) in struct_when {
        let kind = kind_of_target(bounds, &changed);
        assert!(matches!(kind, TypeKind::Struct(_)), "{why}: {kind:?}");
    }
    let nullable_member = kind_of_target(name_member, &name_member.replace("string}", "string, nullable: true}"));
    assert!(
        matches!(nullable_member, TypeKind::Struct(_)),
        "a member that may be null"
    );
    let nullable_object = kind_of_target(bounds, &format!("{bounds}      nullable: true\n"));
    assert!(
        matches!(nullable_object, TypeKind::OneMember(_)),
        "the object itself may be null"
    );
}

/// A property two `allOf` members define as different objects is both (one merged type); that
/// type is said to be the property of the object gathering them, not either member's definition:
/// its docs would name the wrong schema, and a value of one definition is not one of it.
#[test]
fn a_property_two_members_define_differently_is_the_gathering_object_s_property() {
    let doc = serde_json::json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/status": {"get": {"operationId": "status", "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}}}},
        "components": {"schemas": {
            "Base": {"type": "object", "properties": {"meta/data": {"type": "object", "required": ["x"],
                "properties": {"x": {"type": "integer"}}}}},
            "Extra": {"type": "object", "properties": {"meta/data": {"type": "object",
                "properties": {"y": {"type": "string"}}}}},
            "Status": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/Extra"}]}}}});
    let text = doc.to_string();
    let all = Config::new().operation(clientgen::OperationSelector::All);
    let api = clientgen::lower::lower(&clientgen::load::load(&text).expect("loads"), &all, "t").expect("lowers");
    let TypeRef::Named { name, .. } = field_type(&api, "Status", "meta/data") else {
        panic!("meta/data is not named")
    };
    let merged = named(&api, &name);
    assert_eq!(merged.pointer, "#/components/schemas/Status/properties/meta~1data");
    let TypeKind::Struct(fields) = &merged.kind else {
        panic!("{name} is not a struct")
    };
    let members: Vec<&str> = fields.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(members, ["x", "y"], "both definitions' members");
    let types = clientgen::generate(&text, &all, "t").expect("generates");
    let types = types.iter().find(|f| f.path == "types.rs").expect("types.rs");
    assert!(
        types.contents.contains("The `meta/data` member of `Status`."),
        "{}",
        types.contents
    );
}

/// A union member whose struct requires a member that may be `null` is read only from an object
/// that has it, then (a server may drop it) from one without it once no member took it with.
#[test]
fn a_required_nullable_member_tells_a_union_member_apart_before_it_is_forgiven() {
    let doc = serde_json::json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
    "paths": {"/x": {"get": {"operationId": "get", "responses": {"200": {"description": "ok",
        "content": {"application/json": {"schema": {"oneOf": [
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "nullable": true}}},
            {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}}
        ]}}}}}}}}});
    let text = doc.to_string();
    let all = Config::new().operation(clientgen::OperationSelector::All);
    let api = clientgen::lower::lower(&clientgen::load::load(&text).expect("loads"), &all, "t").expect("lowers");
    let union = api
        .types
        .iter()
        .find_map(|t| match &t.kind {
            TypeKind::UntaggedUnion(u) => Some(u),
            _ => None,
        })
        .expect("an untagged union");
    let required: Vec<(&str, &[String])> = union
        .variants
        .iter()
        .map(|v| (v.name.as_str(), v.required_nullable.as_slice()))
        .collect();
    assert_eq!(required, [("Name", &[][..]), ("Id", &["id".to_owned()][..])]);
    let files = clientgen::generate(&text, &all, "t").expect("generates");
    let types = &files.iter().find(|f| f.path == "types.rs").expect("types.rs").contents;
    // Strict first: `{"id": null}` is an `Id`, `{}` is one only once no member took it.
    let strict = types.find("if value.get(\"id\").is_some()").expect("the strict arm");
    let name = types.rfind("GetResponseName,").expect("the other member's last arm");
    let forgiving = types.rfind("GetResponseId,").expect("the forgiving arm");
    let last_strict = types.rfind("value.get(\"id\").is_some()").expect("strict arms");
    assert!(strict < name && name < forgiving && last_strict < forgiving, "{types}");
}

/// An object and a choice that two `allOf` members give one property: a value is the object, so
/// the choice's lists and scalars are no choice. What is left merges; nothing left is a located
/// contradiction (it was refused inside the synthesized merge, at a place the document lacks).
#[test]
fn an_object_and_a_choice_merge_over_the_choice_s_objects_alone() {
    let document = |choice: serde_json::Value| {
        serde_json::json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
            "paths": {"/status": {"get": {"operationId": "status", "responses": {"200": {"description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}}}},
            "components": {"schemas": {
                "Base": {"type": "object", "properties": {"meta": {"type": "object", "required": ["a"],
                    "properties": {"a": {"type": "string"}}}}},
                "Extra": {"type": "object", "properties": {"meta": choice}},
                "Status": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/Extra"}]}}}})
        .to_string()
    };
    let all = Config::new().operation(clientgen::OperationSelector::All);
    let objects_or_a_list = document(serde_json::json!({"anyOf": [
        {"type": "object", "properties": {"b": {"type": "integer"}}},
        {"type": "array", "items": {"type": "string"}}]}));
    let api = clientgen::lower::lower(&clientgen::load::load(&objects_or_a_list).expect("loads"), &all, "t")
        .expect("the list is no choice for an object");
    let TypeRef::Named { name, .. } = field_type(&api, "Status", "meta") else {
        panic!("meta is not named")
    };
    let TypeKind::Struct(meta) = &named(&api, &name).kind else {
        panic!("{name} is not a struct: the one object left")
    };
    let members: Vec<&str> = meta.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(members, ["a", "b"]);
    clientgen::generate(&objects_or_a_list, &all, "t").expect("generates");

    let no_object = document(serde_json::json!({"anyOf": [
        {"type": "integer"}, {"type": "array", "items": {"type": "string"}}]}));
    let error = clientgen::lower::lower(&clientgen::load::load(&no_object).expect("loads"), &all, "t")
        .expect_err("no value is an object and a number or a list");
    assert_eq!(
        error.pointer(),
        Some("#/components/schemas/Extra/properties/meta"),
        "{error}"
    );
}

/// Two `allOf` members that define a property as different objects merge into the `allOf` of
/// where each is written: a contradiction inside them is named at both places the document has
/// (it named a place below the merged property, which the document does not spell).
#[test]
fn a_contradiction_inside_a_merged_property_names_the_documents_places() {
    let document = serde_json::json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
        "paths": {"/status": {"get": {"operationId": "status", "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}}}}}},
        "components": {"schemas": {
            "Base": {"type": "object", "properties": {"meta": {"type": "object",
                "properties": {"x": {"type": "string"}}}}},
            "Status": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {
                "meta": {"type": "object", "properties": {"x": {"type": "integer"}, "y": {"type": "string"}}}}}]}}}})
    .to_string();
    let all = Config::new().operation(clientgen::OperationSelector::All);
    let error = clientgen::lower::lower(&clientgen::load::load(&document).expect("loads"), &all, "t")
        .expect_err("a string and an integer");
    assert_eq!(
        error.pointer(),
        Some("#/components/schemas/Status/allOf/1/properties/meta/properties/x"),
        "{error}"
    );
    assert!(
        error
            .message
            .contains("#/components/schemas/Base/properties/meta/properties/x"),
        "{error}"
    );
}
