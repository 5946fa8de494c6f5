//! Which serde traits each type needs: request bodies serialize, responses deserialize.

use std::collections::BTreeMap;

use crate::ir::{BodyShape, Operation, ResponseBody, TypeDef, TypeKind, TypeRef};

/// Marks each type with the serde traits it needs: request bodies serialize, responses deserialize,
/// and so does everything they contain; with `both_ways` (the config's), every type does both.
pub fn mark_usage(types: &mut BTreeMap<String, TypeDef>, operations: &[Operation], both_ways: bool) {
    if both_ways {
        for def in types.values_mut() {
            def.usage = crate::ir::Usage {
                serialize: true,
                deserialize: true,
            };
        }
        return;
    }
    let mut stack: Vec<(String, bool)> = Vec::new();
    for op in operations {
        match op.body.as_ref().map(|b| &b.shape) {
            Some(BodyShape::Fields { ty, .. }) => stack.push((ty.clone(), true)),
            Some(BodyShape::Value { ty }) => stack.extend(ty.named().map(|n| (n.to_owned(), true))),
            Some(BodyShape::EmptyObject | BodyShape::OptionalObject) | None => {}
        }
        // Parameters that are not plain values are encoded through serde.
        for parameter in op.parameters.iter().filter(|p| p.structured.is_some()) {
            stack.extend(parameter.ty.named().map(|n| (n.to_owned(), true)));
        }
        for body in op.response_bodies() {
            if let ResponseBody::Json(ty) = body {
                stack.extend(ty.named().map(|n| (n.to_owned(), false)));
            }
        }
    }
    while let Some((name, serialize)) = stack.pop() {
        let Some(def) = types.get_mut(&name) else { continue };
        let flag = if serialize {
            &mut def.usage.serialize
        } else {
            &mut def.usage.deserialize
        };
        if *flag {
            continue;
        }
        *flag = true;
        let children: Vec<String> = match &def.kind {
            TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
            // Kept as JSON, to be read as whichever member it is: each member can be decoded from it.
            TypeKind::UntaggedJson { members } => {
                members.iter().filter_map(TypeRef::named).map(str::to_owned).collect()
            }
            kind => kind
                .held_types()
                .into_iter()
                .filter_map(TypeRef::named)
                .map(str::to_owned)
                .collect(),
        };
        stack.extend(children.into_iter().map(|c| (c, serialize)));
    }
}
