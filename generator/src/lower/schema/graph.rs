//! What is decided over all types at once: which fields close a cycle, which types hold a secret.

use super::*;

/// Marks `boxed` on every field that would otherwise make a type contain itself.
///
/// Only direct (and `Option`) fields count: `Vec` and maps already put their items on the heap.
pub fn box_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let direct: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), direct_children(def)))
        .collect();
    for def in types.values_mut() {
        let members: Vec<&mut TypeRef> = match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::OneMember(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            _ => continue,
        };
        for ty in members {
            if let TypeRef::Named { name, boxed } = ty
                && reaches(&direct, name, &def.name)
            {
                *boxed = true;
            }
        }
    }
}

/// Sets `holds_secret` on every type that contains a secret field at any depth.
pub fn flag_secret_holders(types: &mut BTreeMap<String, TypeDef>) {
    loop {
        let holders: std::collections::BTreeSet<String> = types
            .values()
            .filter(|t| t.holds_secret)
            .map(|t| t.name.clone())
            .collect();
        let mut changed = false;
        for def in types.values_mut() {
            if def.holds_secret {
                continue;
            }
            let holds = match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .any(|f| f.secret.is_some() || refers_to_any(&f.ty, &holders)),
                TypeKind::TaggedUnion(u) => u.variants.iter().any(|v| holders.contains(&v.ty)),
                TypeKind::UntaggedJson { members } => members.iter().any(|m| refers_to_any(m, &holders)),
                TypeKind::UntaggedUnion(u) => u.variants.iter().any(|v| refers_to_any(&v.ty, &holders)),
                TypeKind::OneMember(u) => u.variants.iter().any(|v| refers_to_any(&v.ty, &holders)),
                TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => false,
            };
            if holds {
                def.holds_secret = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn refers_to_any(ty: &TypeRef, names: &std::collections::BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Named { name, .. } => names.contains(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => refers_to_any(inner, names),
        _ => false,
    }
}

fn direct_children(def: &TypeDef) -> Vec<String> {
    match &def.kind {
        TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
        kind => kind
            .held_types()
            .into_iter()
            .filter_map(|ty| match ty {
                TypeRef::Named { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect(),
    }
}

fn reaches(graph: &BTreeMap<String, Vec<String>>, from: &str, to: &str) -> bool {
    let mut stack = vec![from];
    let mut seen = std::collections::BTreeSet::new();
    while let Some(node) = stack.pop() {
        if node == to {
            return true;
        }
        if seen.insert(node) {
            stack.extend(graph.get(node).into_iter().flatten().map(String::as_str));
        }
    }
    false
}
