//! `readOnly` and `writeOnly` members: a required member that only the server sets is not
//! required of a request, and one that only requests carry is not required of a response (as
//! OpenAPI says). Decided once the directions each type is used in are known (`usage`); the
//! arguments of a method whose body is such a struct follow its fields.

use std::collections::BTreeMap;

use crate::config::NullAndAbsent;
use crate::ir::{BodyShape, InputTarget, Operation, RequestBody, TypeDef, TypeKind};

/// Whether a request body's struct has a required member that [`relax`] may make optional: its
/// method then has an options struct to hold it (named before the directions are known, so that
/// the name does not depend on them).
pub fn may_relax(types: &BTreeMap<String, TypeDef>, body: Option<&RequestBody>) -> bool {
    let Some(BodyShape::Fields { ty, .. }) = body.map(|b| &b.shape) else {
        return false;
    };
    matches!(types.get(ty).map(|t| &t.kind), Some(TypeKind::Struct(s))
        if s.fields.iter().any(|f| f.required && (f.read_only || f.write_only)))
}

/// Makes such members optional. One that may be `null` then keeps its `null` apart from absent,
/// as every optional nullable member does unless the config reads them alike.
pub fn relax(types: &mut BTreeMap<String, TypeDef>, operations: &mut [Operation], null_and_absent: NullAndAbsent) {
    for def in types.values_mut() {
        let usage = def.usage;
        let TypeKind::Struct(s) = &mut def.kind else { continue };
        for field in &mut s.fields {
            let only_the_other_way = (field.read_only && usage.serialize) || (field.write_only && usage.deserialize);
            if !(field.required && only_the_other_way) {
                continue;
            }
            field.required = false;
            field.keeps_null = field.nullable && null_and_absent == NullAndAbsent::Distinct;
            if let Some(tag) = s.tag.as_mut().filter(|tag| tag.field == field.name) {
                tag.field_optional = true;
                tag.field_keeps_null = field.keeps_null;
            }
        }
    }
    for op in operations {
        let Some(BodyShape::Fields { ty, tag }) = op.body.as_mut().map(|b| &mut b.shape) else {
            continue;
        };
        let Some(TypeKind::Struct(s)) = types.get(ty).map(|t| &t.kind) else {
            continue;
        };
        // The method sets the tag as the struct holds it.
        tag.clone_from(&s.tag);
        for input in &mut op.inputs {
            let InputTarget::BodyField {
                field, flatten: false, ..
            } = &input.target
            else {
                continue;
            };
            if let Some(f) = s.fields.iter().find(|f| &f.name == field) {
                input.required = f.required;
                input.optional = f.optional();
                input.keeps_null = f.keeps_null;
            }
        }
        if op.inputs.iter().all(|i| i.required) {
            op.options_type = None;
        }
    }
}
