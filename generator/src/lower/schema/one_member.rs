//! Objects that have exactly one of their members (`maxProperties: 1`, `minProperties: 1`, none
//! required): a union whose variant is the member, not a struct of options that could be sent
//! empty or with two.

use super::*;

impl<'a> SchemaLowerer<'a> {
    /// The union of an object's members when it must have exactly one of them; `None` when the
    /// object is not one (or a member cannot be a variant: `null` allowed, or a secret), so
    /// that it stays a struct.
    pub(super) fn one_member_union(
        &mut self,
        object: OneMemberBounds<'a>,
        pointer: &str,
        name: &str,
    ) -> Result<Option<OneMemberUnion>> {
        let OneMemberBounds {
            properties,
            required,
            min_properties,
            max_properties,
        } = object;
        if max_properties != Some(1) || min_properties.unwrap_or(0) < 1 || !required.is_empty() || properties.len() < 2
        {
            return Ok(None);
        }
        let component = refs::component_of_pointer(pointer);
        let mut names = Namespace::default();
        let mut variants = Vec::with_capacity(properties.len());
        let members_at = pointer_join(pointer, "properties");
        for (member, schema) in properties {
            let member_pointer = pointer_join(&members_at, member);
            let hint = naming::hint::property(name, member);
            let lowered = self.lower(SchemaView::of_boxed(schema), &member_pointer, &hint)?;
            let secret = self.secret_reason(&member_pointer, member, schema, &lowered.ty)?;
            if lowered.nullable || secret.is_some() {
                return Ok(None);
            }
            let variant = self.variant_name(component, member, &mut names, &member_pointer)?;
            variants.push(MemberVariant {
                name: variant,
                member: member.to_owned(),
                ty: lowered.ty,
                docs: lowered.description,
                pointer: member_pointer,
            });
        }
        Ok(Some(OneMemberUnion { variants }))
    }
}

/// What says an object has exactly one of its members.
pub(super) struct OneMemberBounds<'a> {
    pub properties: &'a objects::Properties,
    pub required: &'a [String],
    pub min_properties: Option<usize>,
    pub max_properties: Option<usize>,
}
