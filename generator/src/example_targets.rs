//! Where a document's own examples can be tried: each schema, request body and response the
//! client types, with the Rust type its values decode into.
//!
//! A measuring aid (`cargo xtask corpus --examples`), not a stage of generation: it runs `load`
//! and `lower` and reads the IR, so that the types named are exactly the ones generation makes.

use crate::diagnostic::{Diagnostic, pointer_join};
use crate::emit::tokens::{rust_type, value_type};
use crate::ir::{Api, BodyMedia, BodyShape, ResponseBody, StatusMatch, TypeKind, TypeRef};
use crate::{Config, load, lower};

/// A node of the document whose examples are values of one generated type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleTarget {
    /// JSON pointer of the node (`/components/schemas/Pet`), in the document as written (a 3.1
    /// document's own pointers).
    pub pointer: String,
    pub place: TargetPlace,
    /// The Rust type, as code that names it from the generated modules' mount point (`Pet`,
    /// `::std::vec::Vec<Pet>`).
    pub rust_type: String,
}

/// What kind of node [`ExampleTarget::pointer`] points at, which says where its examples are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetPlace {
    /// A schema: its `example`, and its `examples` list (3.1).
    Schema,
    /// A media type object of a request body: its `example` and `examples` map.
    Media,
    /// A response (`…/responses/200`, perhaps a `$ref`): the `example` and `examples` of its JSON
    /// media type.
    Response,
}

/// Every place of the document whose examples the generated types should decode, for the
/// operations `config` selects. Types are both ways only when the config says `both_ways`.
pub fn example_targets(spec_text: &str, config: &Config) -> Result<Vec<ExampleTarget>, Diagnostic> {
    let loaded = load::load_report(spec_text)?;
    let api = lower::lower_with(&loaded.document, &loaded.ref_siblings, config, "").map_err(|e| loaded.locate(e))?;
    // A member of a choice distributed over an `allOf` (`Base`-and-`A`) has no place of its own in
    // the document: the place it is located at holds `A` alone, whose values are not its values.
    // Nor has a property two `allOf` members define, merged (the gathering object's property).
    let read = serde_json::to_value(&loaded.document).unwrap_or_default();
    let placeless = |pointer: &str| {
        let node = read.pointer(pointer.strip_prefix('#').unwrap_or(pointer));
        node.is_none_or(|node| node.get(load::DISTRIBUTED).is_some())
    };
    Ok(targets(&api)
        .into_iter()
        .filter(|target| !(target.place == TargetPlace::Schema && placeless(&target.pointer)))
        .map(|target| {
            let located = loaded.locate(Diagnostic::spec(target.pointer.clone(), String::new()));
            let pointer = located.pointer().map_or(target.pointer.as_str(), |p| p);
            ExampleTarget {
                // A plain JSON pointer, without the URI fragment's `#`.
                pointer: pointer.strip_prefix('#').unwrap_or(pointer).to_owned(),
                place: target.place,
                rust_type: target.rust_type.clone(),
            }
        })
        .collect())
}

fn targets(api: &Api) -> Vec<ExampleTarget> {
    let mut out = Vec::new();
    let schema = |pointer: &str, rust_type: String| ExampleTarget {
        pointer: pointer.to_owned(),
        place: TargetPlace::Schema,
        rust_type,
    };
    // A variant struct of a union tagged by `discriminator` does not hold its tag: the union's
    // serde attributes write it. Its examples (which hold the tag) are tried on the union only.
    let untagged_variants: Vec<&str> = api
        .types
        .iter()
        .filter_map(|def| match &def.kind {
            TypeKind::TaggedUnion(union) => Some(&union.variants),
            _ => None,
        })
        .flatten()
        .filter(|variant| {
            api.type_named(&variant.ty)
                .is_some_and(|def| matches!(&def.kind, TypeKind::Struct(s) if s.tag.is_none()))
        })
        .map(|variant| variant.ty.as_str())
        .collect();
    for def in &api.types {
        if !untagged_variants.contains(&def.name.as_str()) {
            let named = TypeRef::Named {
                name: def.name.clone(),
                boxed: false,
            };
            out.push(schema(&def.pointer, rust_type(&named).to_string()));
        }
        if let TypeKind::Struct(s) = &def.kind {
            for field in s.fields.iter().filter(|f| !f.flatten && f.secret.is_none()) {
                out.push(schema(
                    &field.pointer,
                    value_type(&field.ty, false, field.nullable).to_string(),
                ));
            }
        }
    }
    for op in &api.operations {
        if let Some(body) = op.body.as_ref().filter(|b| b.media == BodyMedia::Json) {
            let ty = match &body.shape {
                BodyShape::Fields { ty, .. } => Some(TypeRef::Named {
                    name: ty.clone(),
                    boxed: false,
                }),
                BodyShape::Value { ty } => Some(ty.clone()),
                BodyShape::OptionalObject => Some(TypeRef::JsonObject),
                BodyShape::EmptyObject => None,
            };
            if let Some(ty) = ty {
                let content = pointer_join(&pointer_join(&op.pointer, "requestBody"), "content");
                out.push(ExampleTarget {
                    pointer: pointer_join(&content, &body.content_type),
                    place: TargetPlace::Media,
                    rust_type: rust_type(&ty).to_string(),
                });
            }
        }
        let statuses = op
            .success
            .iter()
            .map(|s| (s.status, &s.body))
            .chain(op.errors.iter().map(|e| (e.status, &e.body)));
        for (status, body) in statuses {
            if let ResponseBody::Json(ty) = body {
                let label = match status {
                    StatusMatch::Exact(code) => code.to_string(),
                    StatusMatch::Range(digit) => format!("{digit}XX"),
                    StatusMatch::Default => "default".to_owned(),
                };
                out.push(ExampleTarget {
                    pointer: pointer_join(&pointer_join(&op.pointer, "responses"), &label),
                    place: TargetPlace::Response,
                    rust_type: rust_type(ty).to_string(),
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.pointer, &a.rust_type).cmp(&(&b.pointer, &b.rust_type)));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_fields_bodies_and_responses_are_targets() {
        let spec = r##"{
          "openapi": "3.0.3", "info": {"title": "t", "version": "1"},
          "paths": {"/pets": {"post": {"operationId": "addPet",
            "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}},
            "responses": {"201": {"description": "made", "content": {"application/json": {
              "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}}}}}},
          "components": {"schemas": {"Pet": {"type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}, "born": {"type": "string", "format": "date", "nullable": true}}}}}
        }"##;
        let config = Config::new().operation(crate::OperationSelector::All);
        let targets = example_targets(spec, &config).expect("targets");
        let found: Vec<(&str, TargetPlace, String)> = targets
            .iter()
            .map(|t| (t.pointer.as_str(), t.place, t.rust_type.replace(' ', "")))
            .collect();
        assert!(found.contains(&("/components/schemas/Pet", TargetPlace::Schema, "Pet".to_owned())));
        assert!(found.contains(&(
            "/components/schemas/Pet/properties/name",
            TargetPlace::Schema,
            "::std::string::String".to_owned()
        )));
        assert!(
            found
                .iter()
                .any(|(p, place, ty)| *p == "/components/schemas/Pet/properties/born"
                    && *place == TargetPlace::Schema
                    && ty.starts_with("::std::option::Option<"))
        );
        assert!(found.contains(&(
            "/paths/~1pets/post/requestBody/content/application~1json",
            TargetPlace::Media,
            "Pet".to_owned()
        )));
        assert!(found.contains(&(
            "/paths/~1pets/post/responses/201",
            TargetPlace::Response,
            "::std::vec::Vec<Pet>".to_owned()
        )));
    }
}
