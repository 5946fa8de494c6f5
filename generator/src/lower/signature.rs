//! An operation method's signature: which inputs are arguments, which go in its options struct,
//! what each is called, and where each goes on the wire.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::ir::{
    BodyMedia, BodyShape, Field, Input, InputTarget, Operation, Parameter, ParameterLocation, RequestBody, TypeDef,
    TypeKind, TypeRef,
};
use crate::naming::{self, Namespace};

/// The inputs of a method: parameters in document order, then the body (whole, or its fields).
pub fn inputs(
    types: &BTreeMap<String, TypeDef>,
    parameters: &[Parameter],
    body: Option<&RequestBody>,
    operation_pointer: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Input> {
    let mut inputs: Vec<Input> = parameters.iter().map(parameter_input).collect();
    match body.map(|b| &b.shape) {
        Some(BodyShape::Value { ty }) => inputs.push(Input {
            name: "body".to_owned(),
            ty: ty.clone(),
            optional: false,
            keeps_null: false,
            secret: false,
            required: true,
            docs: None,
            target: InputTarget::Body,
            setter: String::new(),
        }),
        Some(BodyShape::Fields { ty, tag }) => {
            if let Some(TypeKind::Struct(s)) = types.get(ty).map(|t| &t.kind) {
                // A multipart body is sent part by part, each a property: members beyond the
                // properties have no part to go in, so its method does not take them.
                let multipart = body.is_some_and(|b| b.media == BodyMedia::Multipart);
                // The one-value member has nothing to choose: the method sends its value.
                let is_tag = |f: &&Field| tag.as_ref().is_some_and(|t| t.field == f.name);
                inputs.extend(
                    s.fields
                        .iter()
                        .filter(|f| !(is_tag(f) || f.flatten && multipart))
                        .map(|f| Input {
                            name: f.name.clone(),
                            ty: f.ty.clone(),
                            // The map of members beyond the properties is an option of the method: unset,
                            // none are sent.
                            optional: f.optional() || f.flatten,
                            keeps_null: f.keeps_null,
                            secret: f.secret.is_some(),
                            required: f.required && !f.flatten,
                            docs: f.docs.clone(),
                            target: InputTarget::BodyField {
                                field: f.name.clone(),
                                wire: f.wire_name.clone(),
                                boxed: false,
                                flatten: f.flatten,
                            },
                            setter: String::new(),
                        }),
                );
            }
        }
        Some(BodyShape::OptionalObject) => inputs.push(Input {
            name: "body".to_owned(),
            ty: TypeRef::JsonObject,
            optional: true,
            keeps_null: false,
            secret: false,
            required: false,
            docs: Some("The request body: any JSON object (unset, `{}` is sent).".to_owned()),
            target: InputTarget::Body,
            setter: String::new(),
        }),
        Some(BodyShape::EmptyObject) | None => {}
    }
    claim_names(&mut inputs, operation_pointer, warnings);
    for input in &mut inputs {
        input.setter = naming::setter_name(&input.name);
    }
    inputs
}

fn parameter_input(p: &Parameter) -> Input {
    let target = match p.location {
        ParameterLocation::Path => InputTarget::Path {
            wire: p.wire_name.clone(),
            structured: p.structured.clone(),
            reserved: p.reserved,
        },
        ParameterLocation::Query => InputTarget::Query {
            wire: p.wire_name.clone(),
            array: matches!(p.ty, TypeRef::Array(_)),
            row_group: p.row_group.clone(),
            structured: p.structured.clone(),
        },
        ParameterLocation::Header => InputTarget::Header {
            wire: p.wire_name.clone(),
            array: matches!(p.ty, TypeRef::Array(_)),
            structured: p.structured.clone(),
        },
        ParameterLocation::Cookie => InputTarget::Cookie {
            wire: p.wire_name.clone(),
            array: matches!(p.ty, TypeRef::Array(_)),
            structured: p.structured.clone(),
        },
    };
    let default = p.default.as_ref().map(|d| format!("Left out, the API uses `{d}`."));
    let docs = [p.docs.as_deref(), default.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n");
    Input {
        name: p.name.clone(),
        ty: p.ty.clone(),
        optional: !p.required,
        keeps_null: false,
        secret: p.secret.is_some(),
        required: p.required,
        docs: Some(docs).filter(|d| !d.is_empty()),
        target,
        setter: String::new(),
    }
}

/// Gives every input a name no other input and no local of the generated method has. Parameters
/// come first and keep their names; a body property with a parameter's name becomes
/// `<name>_body`; any other clash is numbered. Each change is a warning.
fn claim_names(inputs: &mut [Input], operation_pointer: &str, warnings: &mut Vec<Diagnostic>) {
    let mut names = Namespace::default();
    for input in inputs {
        // The location is part of the owner: `std` in the path and `std` in the query are two
        // inputs, and a name claimed again by its own owner is not a clash.
        let owner = match &input.target {
            InputTarget::Path { wire, .. } => format!("path parameter `{wire}`"),
            InputTarget::Query { wire, .. } => format!("query parameter `{wire}`"),
            InputTarget::Header { wire, .. } => format!("header parameter `{wire}`"),
            InputTarget::Cookie { wire, .. } => format!("cookie parameter `{wire}`"),
            InputTarget::BodyField { field, .. } => format!("body property `{field}`"),
            InputTarget::Body => "the request body".to_owned(),
        };
        // A local of the generated method keeps its name; the input gets a `_`.
        let mut wanted = naming::input_name(&input.name);
        let mut clash = None;
        if matches!(input.target, InputTarget::BodyField { .. })
            && let Err(previous) = names.claim(&wanted, &owner)
        {
            wanted = naming::suffixed(&wanted, "body");
            clash = Some(previous);
        }
        let (given, holder) = names.claim_unique(&wanted, &owner);
        if given != input.name {
            let holder = clash
                .or(holder)
                .unwrap_or_else(|| "a local of the generated method".to_owned());
            let what = format!("the argument for {owner}");
            warnings.push(naming::renamed_warning(
                operation_pointer,
                &what,
                &input.name,
                &given,
                &holder,
            ));
            input.name = given;
        }
    }
}

/// After the fields that close a cycle are boxed (`schema::box_cycles`): marks each body-field
/// input whose struct field is a `Box`, so that the argument (a plain value) is boxed on the way in.
pub fn mark_boxed_body_fields(types: &BTreeMap<String, TypeDef>, operations: &mut [Operation]) {
    for op in operations {
        let Some(BodyShape::Fields { ty, .. }) = op.body.as_ref().map(|b| &b.shape) else {
            continue;
        };
        let Some(TypeKind::Struct(s)) = types.get(ty).map(|t| &t.kind) else {
            continue;
        };
        for input in &mut op.inputs {
            if let InputTarget::BodyField { field, boxed, .. } = &mut input.target {
                *boxed = s
                    .fields
                    .iter()
                    .any(|f| f.name == *field && matches!(f.ty, TypeRef::Named { boxed: true, .. }));
            }
        }
    }
}
