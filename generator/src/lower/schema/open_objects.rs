//! `anyOf: [{properties: {email}}, {properties: {phone}}]`: objects none of which requires
//! anything cannot be told apart, but need not be: a value may be any number of them at once, an
//! object whose members are some of theirs. The union is one struct of all their members, each
//! optional.

use super::*;

impl SchemaLowerer<'_> {
    /// The wire names each of `members` declares, when every one is a struct with no tag and no
    /// map of further members (which would declare every name).
    pub(super) fn declared_members(&self, members: &[&TypeRef]) -> Option<Vec<Vec<String>>> {
        members
            .iter()
            .map(|member| {
                let TypeRef::Named { name, .. } = member else {
                    return None;
                };
                match self.types.get(name).map(|t| &t.kind) {
                    Some(TypeKind::Struct(s)) if s.tag.is_none() && s.fields.iter().all(|f| !f.flatten) => {
                        Some(s.fields.iter().map(|f| f.wire_name.clone()).collect())
                    }
                    _ => None,
                }
            })
            .collect()
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
