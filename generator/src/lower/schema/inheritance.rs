//! A component schema with a `discriminator` and no `oneOf`, which other component schemas extend
//! (`Cat: allOf: [$ref: Pet, {…}]`, and what extends those): where the document uses it, a value
//! is one of those, so it is a tagged union of them, not the base's members alone (which would
//! drop every member a subtype adds). Tags come from the discriminator's mapping, else each
//! subtype's `x-ms-discriminator-value` or component name.

use super::*;

impl<'a> SchemaLowerer<'a> {
    /// The union of the schemas that extend the component at `pointer`, or `None` when it has no
    /// `discriminator`, is a union already, is not a component, or nothing extends it.
    pub(super) fn subtype_union(&mut self, schema: &'a Schema, pointer: &str, name: &str) -> Result<Option<TypeKind>> {
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return Ok(None);
        };
        let is_union = match &schema.schema_kind {
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => true,
            SchemaKind::Any(any) => !any.one_of.is_empty() || !any.any_of.is_empty(),
            _ => false,
        };
        if is_union || refs::component_name(pointer).is_none() || !pointer.starts_with("#/components/schemas/") {
            return Ok(None);
        }
        let Some(components) = self.doc.components.as_ref() else {
            return Ok(None);
        };
        // Those that extend it, and those that extend them (`Triangle` of `Polygon` of `Shape`),
        // in document order.
        let mut bases = vec![pointer.to_owned()];
        let mut subtypes: Vec<(&'a String, &'a Schema)> = Vec::new();
        loop {
            let found: Vec<(&'a String, &'a Schema)> = components
                .schemas
                .iter()
                .filter_map(|(component, schema)| Some((component, schema.as_item()?)))
                .filter(|(component, subtype)| {
                    let at = pointer_join("#/components/schemas", component);
                    !bases.contains(&at) && bases.iter().any(|base| extends(subtype, base))
                })
                .collect();
            if found.is_empty() {
                break;
            }
            bases.extend(
                found
                    .iter()
                    .map(|(component, _)| pointer_join("#/components/schemas", component)),
            );
            subtypes.extend(found);
        }
        let order = |component: &String| components.schemas.get_index_of(component.as_str());
        subtypes.sort_by_key(|(component, _)| order(component));
        if subtypes.is_empty() {
            return Ok(None);
        }
        let mut variants = Vec::with_capacity(subtypes.len());
        for (component, subtype) in subtypes {
            let at = pointer_join("#/components/schemas", component);
            let lowered = self.lower(SchemaView::Inline(subtype), &at, component)?;
            // A subtype that adds nothing is the base itself: a value of it is `Unknown`. One still
            // being lowered (it holds the base: a cat's mother) is the struct its `allOf` makes.
            let TypeRef::Named { name: ty, .. } = lowered.ty else {
                continue;
            };
            if ty == name || !matches!(self.types.get(&ty).map(|t| &t.kind), Some(TypeKind::Struct(_)) | None) {
                continue;
            }
            let mapped: Vec<&String> = discriminator
                .mapping
                .iter()
                .filter(|(_, target)| mapping_target(target) == at)
                .map(|(value, _)| value)
                .collect();
            // Without a mapping, the subtype's own word for its tag (AutoRest's extension, which
            // Azure's documents use), else its component name.
            let declared = subtype
                .schema_data
                .extensions
                .get("x-ms-discriminator-value")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
            let tags: Vec<String> = match (mapped.is_empty(), declared) {
                (false, _) => mapped.into_iter().cloned().collect(),
                (true, Some(declared)) => vec![declared],
                (true, None) => vec![component.clone()],
            };
            for tag in tags {
                if variants.iter().any(|v: &unions::RecognisedVariant| v.tag_value == tag) {
                    continue;
                }
                variants.push(unions::RecognisedVariant {
                    tag_value: tag,
                    ty: ty.clone(),
                    pointer: at.clone(),
                    shared_with: Vec::new(),
                });
            }
        }
        if variants.is_empty() {
            return Ok(None);
        }
        let recognised = unions::Recognised {
            tag_property: discriminator.property_name.clone(),
            variants,
            integer_tag: false,
        };
        let component = refs::component_of_pointer(pointer);
        Ok(Some(TypeKind::TaggedUnion(
            self.tagged_union(recognised, name, pointer, component)?,
        )))
    }
}

/// Whether `subtype` is an `allOf` with a member that is a `$ref` to `base` (a pointer).
fn extends(subtype: &Schema, base: &str) -> bool {
    let members = match &subtype.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => return false,
    };
    members
        .iter()
        .any(|member| matches!(member, ReferenceOr::Reference { reference } if reference == base))
}

/// A mapping's target as a pointer: `#/components/schemas/Cat`, or a bare name (`Cat`).
fn mapping_target(target: &str) -> String {
    match target.starts_with('#') {
        true => target.to_owned(),
        false => pointer_join("#/components/schemas", target),
    }
}
