//! One cargo feature per operation module (tag): which types each feature needs.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Result};
use crate::ir::{BodyShape, Feature, Operation, ResponseBody, TypeDef, TypeKind, TypeRef};
use crate::naming;

/// Gives every type the features of the operations that reach it, and lists the features; each
/// tag in `default_tags` must be one the operations have.
pub fn assign(
    types: &mut BTreeMap<String, TypeDef>,
    operations: &mut [Operation],
    default_tags: &[String],
    mock_feature: Option<&str>,
) -> Result<Vec<Feature>> {
    let crate_features: Vec<&str> = mock_feature.into_iter().collect();
    let mut features: BTreeMap<String, Feature> = BTreeMap::new();
    let mut reached: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for op in operations.iter_mut() {
        let name = naming::feature_name(&op.module, &crate_features);
        op.feature = Some(name.clone());
        let tag = op.tag.clone().unwrap_or_else(|| "(no tag)".to_owned());
        let default = op.tag.as_ref().is_some_and(|t| default_tags.contains(t));
        let feature = features.entry(name.clone()).or_insert(Feature {
            name: name.clone(),
            tag,
            default: false,
        });
        feature.default |= default;
        for root in roots(op) {
            reach(types, &root, &name, &mut reached);
        }
    }
    for (i, tag) in default_tags.iter().enumerate() {
        if !features.values().any(|f| &f.tag == tag) {
            return Err(Diagnostic::config(
                format!("features.default[{i}]"),
                format!("no generated operation has the tag `{tag}`; check the spelling"),
            ));
        }
    }
    // A type no operation reaches (a member of a `oneOf` kept as JSON) could not be used by any
    // feature's operations, and its fields' types may be compiled out: it is left out.
    types.retain(|name, _| reached.contains_key(name));
    for (name, set) in reached {
        if let Some(def) = types.get_mut(&name) {
            def.features = set.into_iter().collect();
        }
    }
    Ok(features.into_values().collect())
}

/// The named types an operation uses directly.
fn roots(op: &Operation) -> Vec<String> {
    let mut roots = Vec::new();
    let mut add = |ty: &TypeRef| roots.extend(ty.named().map(str::to_owned));
    for parameter in &op.parameters {
        add(&parameter.ty);
    }
    if let Some(body) = &op.body {
        match &body.shape {
            BodyShape::Fields { ty, .. } => add(&TypeRef::Named {
                name: ty.clone(),
                boxed: false,
            }),
            BodyShape::Value { ty } => add(ty),
            BodyShape::EmptyObject | BodyShape::OptionalObject => {}
        }
    }
    for body in op.response_bodies() {
        if let ResponseBody::Json(ty) = body {
            add(ty);
        }
    }
    roots
}

/// Marks `name` and every type it contains as needed by `feature`.
fn reach(
    types: &BTreeMap<String, TypeDef>,
    name: &str,
    feature: &str,
    reached: &mut BTreeMap<String, BTreeSet<String>>,
) {
    let mut stack = vec![name.to_owned()];
    while let Some(name) = stack.pop() {
        if !reached.entry(name.clone()).or_default().insert(feature.to_owned()) {
            continue;
        }
        let Some(def) = types.get(&name) else { continue };
        match &def.kind {
            TypeKind::TaggedUnion(u) => stack.extend(u.variants.iter().map(|v| v.ty.clone())),
            kind => stack.extend(
                kind.held_types()
                    .into_iter()
                    .filter_map(TypeRef::named)
                    .map(str::to_owned),
            ),
        }
    }
}
