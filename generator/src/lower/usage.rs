//! Which serde traits each type needs: request bodies serialize, responses deserialize.

use std::collections::BTreeMap;

use crate::ir::{BodyShape, Operation, ResponseBody, TypeDef, TypeKind, TypeRef};

/// Marks each type with the serde traits it needs: request bodies serialize, responses deserialize,
/// and so does everything they contain.
pub fn mark_usage(types: &mut BTreeMap<String, TypeDef>, operations: &[Operation]) {
    let mut stack: Vec<(String, bool)> = Vec::new();
    for op in operations {
        match op.body.as_ref().map(|b| &b.shape) {
            Some(BodyShape::Fields { ty }) => stack.push((ty.clone(), true)),
            Some(BodyShape::Value { ty }) => stack.extend(named_in(ty).map(|n| (n.to_owned(), true))),
            Some(BodyShape::EmptyObject) | None => {}
        }
        // Parameters that are not plain values are encoded through serde.
        for parameter in op.parameters.iter().filter(|p| p.structured.is_some()) {
            stack.extend(named_in(&parameter.ty).map(|n| (n.to_owned(), true)));
        }
        let bodies = op
            .success
            .iter()
            .map(|s| &s.body)
            .chain(op.errors.iter().map(|e| &e.body));
        for body in bodies {
            if let ResponseBody::Json(ty) = body {
                stack.extend(named_in(ty).map(|n| (n.to_owned(), false)));
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
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .flat_map(|f| named_in(&f.ty))
                .map(str::to_owned)
                .collect(),
            TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
            TypeKind::StringEnum(_) | TypeKind::UntaggedJson => Vec::new(),
        };
        stack.extend(children.into_iter().map(|c| (c, serialize)));
    }
}

fn named_in(ty: &TypeRef) -> Box<dyn Iterator<Item = &str> + '_> {
    match ty {
        TypeRef::Named { name, .. } => Box::new(std::iter::once(name.as_str())),
        TypeRef::Array(inner) | TypeRef::Map(inner) => named_in(inner),
        _ => Box::new(std::iter::empty()),
    }
}
