//! `anyOf: [{properties: {email}}, {properties: {phone}}]`: objects none of which requires
//! anything cannot be told apart, but need not be: a value may be any number of them at once, an
//! object whose members are some of theirs. The union is one struct of all their members, each
//! optional.

use super::*;

impl SchemaLowerer<'_> {
    /// The members each of `members` declares, when every one is a struct with no tag and no
    /// map of further members (which would declare every name).
    pub(super) fn declared_members(&self, members: &[&TypeRef]) -> Option<Vec<Vec<DeclaredMember>>> {
        (0..members.len())
            .map(|index| self.declared_by(members, index))
            .collect()
    }

    /// Whether a union member keeps every member an object has: one that says so
    /// (`additionalProperties: true` or a schema, with no properties required), or a struct with
    /// such a map. Not `{type: object, nullable: true}` alone, how documents say "or `null`"
    /// beside a `$ref`: a newer server's member must not turn the object into it.
    pub(super) fn keeps_any_member(&self, member: &unions::Member<'_>) -> bool {
        match &member.ty {
            TypeRef::JsonObject | TypeRef::Map(_) => member.schema.is_some_and(|schema| {
                matches!(
                    &schema.schema_kind,
                    openapiv3::SchemaKind::Type(openapiv3::Type::Object(object))
                        if matches!(
                            object.additional_properties,
                            Some(openapiv3::AdditionalProperties::Any(true) | openapiv3::AdditionalProperties::Schema(_))
                        ) && object.required.is_empty()
                )
            }),
            TypeRef::Named { name, .. } => matches!(
                self.types.get(name).map(|t| &t.kind),
                Some(TypeKind::Struct(s)) if s.fields.iter().any(|f| f.flatten)
            ),
            _ => false,
        }
    }

    /// The members `members[index]` declares, when it is a struct with no tag and no map of
    /// other members; `None` otherwise. A member that another of `members` declares as a
    /// different object is looked into (see [`DeclaredMember::within`]).
    pub(super) fn declared_by(&self, members: &[&TypeRef], index: usize) -> Option<Vec<DeclaredMember>> {
        let others: Vec<&TypeRef> = members
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .map(|(_, ty)| *ty)
            .collect();
        self.declared_tree(members.get(index)?, &others, 0)
    }

    fn declared_tree(&self, member: &TypeRef, others: &[&TypeRef], depth: usize) -> Option<Vec<DeclaredMember>> {
        // Deep enough for a configuration within a member; deeper, the first that takes it.
        const DEPTH: usize = 3;
        // Within a member, a struct with a one-value member (`type: recent_value`) is as plain:
        // the member is one of its fields.
        let (fields, tag) = self.plain_struct_fields(member, depth > 0)?;
        let other_fields: Vec<&[Field]> = others
            .iter()
            .filter_map(|other| Some(self.plain_struct_fields(other, depth > 0)?.0))
            .collect();
        let declared = fields
            .iter()
            .map(|field| {
                let theirs: Vec<&TypeRef> = other_fields
                    .iter()
                    .filter_map(|fields| {
                        let theirs = fields.iter().find(|f| f.wire_name == field.wire_name)?;
                        (theirs.ty != field.ty && self.plain_struct_fields(&theirs.ty, true).is_some())
                            .then_some(&theirs.ty)
                    })
                    .collect();
                let within = match depth < DEPTH && !theirs.is_empty() {
                    true => self.declared_tree(&field.ty, &theirs, depth + 1),
                    false => None,
                };
                DeclaredMember {
                    wire_name: field.wire_name.clone(),
                    within,
                    tag_value: tag.filter(|t| t.property == field.wire_name).map(|t| t.value.clone()),
                }
            })
            .collect();
        Some(declared)
    }

    /// The fields of the struct `ty` names, when it has no map of other members, and no tag
    /// unless `tagged` allows one.
    fn plain_struct_fields(&self, ty: &TypeRef, tagged: bool) -> Option<(&[Field], Option<&Tag>)> {
        let TypeRef::Named { name, .. } = ty else {
            return None;
        };
        match self.types.get(name).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) if (tagged || s.tag.is_none()) && s.fields.iter().all(|f| !f.flatten) => {
                Some((&s.fields, s.tag.as_ref()))
            }
            _ => None,
        }
    }

    /// The struct of every member of `members`, when each is a struct with no required member
    /// and no tag, and members of one wire name agree in type; `None` otherwise.
    pub(super) fn open_objects_as_one(&self, members: &[&TypeRef]) -> Option<Struct> {
        if members.len() < 2 {
            return None;
        }
        let mut fields: Vec<Field> = Vec::new();
        for member in members {
            let TypeRef::Named { name, .. } = member else {
                return None;
            };
            let Some(TypeKind::Struct(s)) = self.types.get(name).map(|t| &t.kind) else {
                return None;
            };
            if s.tag.is_some() || s.fields.iter().any(|f| f.required) {
                return None;
            }
            for field in &s.fields {
                match fields
                    .iter()
                    .find(|f| f.wire_name == field.wire_name || f.name == field.name)
                {
                    Some(seen)
                        if seen.wire_name == field.wire_name
                            && seen.ty == field.ty
                            && seen.flatten == field.flatten => {}
                    Some(_) => return None,
                    None => fields.push(field.clone()),
                }
            }
        }
        // Two maps of members beyond the properties would both claim every extra member.
        if fields.iter().filter(|f| f.flatten).count() > 1 {
            return None;
        }
        Some(Struct {
            fields,
            tag: None,
            description_field: None,
        })
    }
}
