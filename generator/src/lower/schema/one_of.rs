//! `oneOf` and `anyOf`: a closed set of strings, a tagged union, a union told apart by type or
//! format, or JSON when the document leaves the shape open.

use super::*;

impl<'a> SchemaLowerer<'a> {
    /// A `oneOf` (or `anyOf`): a closed set of strings, a tagged union, a union told apart by
    /// type or format, or, when none of these fits, JSON.
    pub(super) fn lower_one_of(
        &mut self,
        schema: &'a Schema,
        members: &'a [ReferenceOr<Schema>],
        members_pointer: &str,
        name: &str,
    ) -> Result<TypeKind> {
        let keyword = members_pointer.rsplit('/').next().unwrap_or("oneOf");
        if members.is_empty() {
            return Err(Diagnostic::spec(
                members_pointer,
                format!("`{keyword}` with no members"),
            ));
        }
        let discriminator = schema.schema_data.discriminator.as_ref();
        // `oneOf: [{type: object, …}]`: one inline member is the type itself (a `$ref` or a
        // scalar alone never reaches here: see `union_as_member`).
        if let ([ReferenceOr::Item(only)], None) = (members, discriminator) {
            return self.type_kind(only, &pointer_join(members_pointer, "0"), name);
        }
        // Strings, some with their values (`[{enum: [count, bytes]}, {enum: [rpm]}]`, or a value
        // beside any string): a string enum of every value, which keeps other strings too.
        if discriminator.is_none()
            && let Some(strings) = self.string_members(members)
            && strings.iter().any(|member| matches!(member, StringMember::Values(_)))
        {
            let values = strings.iter().flat_map(|member| match member {
                StringMember::Values(values) => values.as_slice(),
                StringMember::Any => &[],
            });
            let values = values.map(|(value, docs)| (*value, docs.clone()));
            let pointer = members_pointer
                .strip_suffix(&format!("/{keyword}"))
                .unwrap_or(members_pointer);
            return Ok(TypeKind::StringEnum(self.string_enum(values, pointer, keyword)?));
        }
        // `oneOf: [{title: DEFAULT, const: 0}, …]`: an integer enum, each value named by its title.
        if discriminator.is_none()
            && let Some(values) = self.integer_members(members)
        {
            let pointer = members_pointer
                .strip_suffix(&format!("/{keyword}"))
                .unwrap_or(members_pointer);
            return Ok(TypeKind::IntegerEnum(self.named_integer_enum(
                values.into_iter(),
                pointer,
                keyword,
            )?));
        }
        let mut lowered = Vec::with_capacity(members.len());
        let mut member_docs = Vec::with_capacity(members.len());
        let mut single_values = Vec::with_capacity(members.len());
        let mut titles = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer_join(members_pointer, &index.to_string());
            let hint = member_hint(self.doc, name, index, member, discriminator, &member_pointer);
            let member_lowered = self.lower(SchemaView::of(member), &member_pointer, &hint)?;
            single_values.push(member_lowered.single_value.clone());
            let title = title_of(self.doc, member);
            member_docs.push(member_lowered.description.clone().or_else(|| title.clone()));
            titles.push(title);
            lowered.push(unions::Member {
                ty: member_lowered.ty,
                reference: refs::reference_of(member),
                schema: refs::schema_of(self.doc, SchemaView::of(member)),
                pointer: member_pointer,
            });
        }
        // `oneOf: [{enum: [a], description: …}, …]`: a closed set whose values each have words.
        if schema.schema_data.discriminator.is_none()
            && let Some(values) = single_values.iter().cloned().collect::<Option<Vec<String>>>()
        {
            let values = values.iter().map(String::as_str).zip(member_docs);
            let values_at = keyword.to_owned();
            let pointer = members_pointer
                .strip_suffix(&format!("/{keyword}"))
                .unwrap_or(members_pointer);
            return Ok(TypeKind::StringEnum(self.string_enum(values, pointer, &values_at)?));
        }
        let union_pointer = members_pointer
            .strip_suffix(&format!("/{keyword}"))
            .unwrap_or(members_pointer);
        let members: Vec<ShapeMember<'a>> = lowered
            .into_iter()
            .zip(member_docs)
            .zip(titles)
            .zip(single_values)
            .map(|(((member, docs), title), single_value)| ShapeMember {
                member,
                docs,
                title,
                single_value,
            })
            .collect();
        // A member still being lowered (the union is inside a cycle: a customer's source names the
        // customer) cannot be told apart yet: the union is decided once the outermost schema is
        // lowered, and is JSON until then.
        if discriminator.is_none() && members.iter().any(|m| self.unfinished(&m.member.ty)) {
            let placeholder = TypeKind::UntaggedJson {
                members: members.iter().map(|m| m.member.ty.clone()).collect(),
            };
            self.pending_unions.push(PendingUnion {
                name: name.to_owned(),
                union_pointer: union_pointer.to_owned(),
                keyword: static_keyword(keyword),
                members,
            });
            return Ok(placeholder);
        }
        self.decide_union(
            name,
            union_pointer,
            static_keyword(keyword),
            discriminator,
            members,
            false,
        )
    }

    /// Whether `ty` names a type that is still being lowered (its schema is on the stack), or a
    /// union that waits to be decided (its kind so far a placeholder).
    fn unfinished(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named { name, .. } => {
                !self.types.contains_key(name) || self.pending_unions.iter().any(|pending| pending.name == *name)
            }
            TypeRef::Array(inner) | TypeRef::Nullable(inner) | TypeRef::Map(inner) => self.unfinished(inner),
            _ => false,
        }
    }

    /// Decides the unions that waited for their members (see [`PendingUnion`]) and gives each its
    /// kind. A union that has another waiting union among its members is decided after it: a
    /// union of an id or an object of several kinds (Stripe's `default_source`: a string or a
    /// `payment_source`) is met, and waits, inside that union's own members, and telling its
    /// members apart needs to know that the other is a union of objects. Unions that wait on
    /// each other are decided in the order they were met.
    pub(super) fn decide_pending_unions(&mut self) -> Result<()> {
        let mut waiting = std::mem::take(&mut self.pending_unions);
        while !waiting.is_empty() {
            let undecided: std::collections::HashSet<&str> = waiting.iter().map(|u| u.name.as_str()).collect();
            let waits_on_another = |union: &PendingUnion<'_>| {
                union
                    .members
                    .iter()
                    .any(|m| named_in(&m.member.ty).is_some_and(|name| name != union.name && undecided.contains(name)))
            };
            let next = waiting.iter().position(|union| !waits_on_another(union)).unwrap_or(0);
            let pending = waiting.remove(next);
            let kind = self.decide_union(
                &pending.name,
                &pending.union_pointer,
                pending.keyword,
                None,
                pending.members,
                false,
            )?;
            if let Some(def) = self.types.get_mut(&pending.name) {
                def.kind = kind;
            }
        }
        Ok(())
    }

    /// What a union of lowered members is: tagged (by a discriminator or a property each member
    /// restricts), told apart by shape, or JSON. `keyword` is `oneOf` or `anyOf`. `keeps_unknown`:
    /// a value no member takes is kept (`Other`), as the tagged unions among the members kept an
    /// unknown tag before they were flattened into this one.
    fn decide_union(
        &mut self,
        name: &str,
        union_pointer: &str,
        keyword: &'static str,
        discriminator: Option<&'a openapiv3::Discriminator>,
        members: Vec<ShapeMember<'a>>,
        keeps_unknown: bool,
    ) -> Result<TypeKind> {
        let lowered: Vec<&unions::Member<'a>> = members.iter().map(|m| &m.member).collect();
        let recognised = unions::recognise(self.doc, discriminator, &lowered, &self.types, &mut self.warnings)?;
        let unions::Outcome::Tagged(recognised) = recognised else {
            // Said only if the members' shapes do not tell them apart either (Stripe's `customer`
            // and `deleted_customer` share their tag, and only one has `deleted`).
            let shared_tag = match recognised {
                unions::Outcome::SharedTag(value, at) => Some(Diagnostic::spec(
                    at,
                    format!(
                        "another member of this `{keyword}` has the tag `{value}` too, and their shapes do not tell \
                         them apart either: the union is kept as JSON (give each member its own tag value, or a \
                         discriminator)"
                    ),
                )),
                _ => None,
            };
            // Strings, some of them enums reached by `$ref` (`anyOf: [$ref: SharedModels,
            // {enum: [o1-pro]}]`): one enum of every value, which keeps other strings too.
            if unions::all_strings(&lowered, &self.types) {
                let mut values: Vec<(String, Option<String>)> = Vec::new();
                for m in &members {
                    match (&m.member.ty, &m.single_value) {
                        (_, Some(value)) => values.push((value.clone(), m.docs.clone())),
                        (TypeRef::Named { name, .. }, None) => {
                            if let Some(TypeKind::StringEnum(e)) = self.types.get(name).map(|t| &t.kind) {
                                values.extend(e.variants.iter().map(|v| (v.value.clone(), v.docs.clone())));
                            }
                        }
                        _ => {}
                    }
                }
                if !values.is_empty() {
                    let values = values.iter().map(|(value, docs)| (value.as_str(), docs.clone()));
                    return Ok(TypeKind::StringEnum(self.string_enum(
                        values,
                        union_pointer,
                        keyword,
                    )?));
                }
            }
            // Counted before redundant members are dropped: a plain string beside `{enum: [""]}`
            // takes every string, even where the enum is the one kept.
            let strings = lowered
                .iter()
                .filter(|m| unions::takes_strings(&m.ty, &self.types))
                .count();
            let mut order = unions::by_shape(&lowered, &self.types);
            let redundant = unions::redundant_members(&lowered, &self.types);
            let mut members = members;
            if order.is_none() && !redundant.is_empty() {
                members = members
                    .into_iter()
                    .enumerate()
                    .filter(|(index, _)| !redundant.contains(index))
                    .map(|(_, member)| member)
                    .collect();
                order = match members.len() {
                    // Every other member took no value this one does not: a union of one variant.
                    1 => Some(unions::ShapeOrder::in_order(vec![0])),
                    _ => unions::by_shape(&members.iter().map(|m| &m.member).collect::<Vec<_>>(), &self.types),
                };
            }
            if order.is_none()
                && let Some(joined) = self.tagged_objects_as_one(name, union_pointer, &members)?
            {
                members = joined;
                order = unions::by_shape(&members.iter().map(|m| &m.member).collect::<Vec<_>>(), &self.types);
            }
            if order.is_none() {
                order = unions::by_shape_or_tag(&members.iter().map(|m| &m.member).collect::<Vec<_>>(), &self.types);
            }
            // Per member, the wire names its struct declares, when a value is told apart by them.
            let mut declared: Vec<Option<Vec<DeclaredMember>>> = Vec::new();
            // Per member, whether it keeps every member of an object (`keeps_any_member`).
            let keeping: Vec<bool> = members.iter().map(|m| self.keeps_any_member(&m.member)).collect();
            // Whether a value no member takes is kept, as the last variant.
            let mut keeps_other = false;
            if let Some(shape) = &order {
                // Objects told apart by what they require, of which one may also take a value of
                // another: that value is decoded as the one that declares all of it.
                let types: Vec<&TypeRef> = members.iter().map(|m| &m.member.ty).collect();
                declared = (0..members.len())
                    .map(|index| match shape.overlapping.contains(&index) {
                        true => self.declared_by(&types, index),
                        false => None,
                    })
                    .collect();
                // Beside a member that keeps every member of an object, a plain struct takes only a
                // value whose members it declares: an object with others is that member, kept
                // whole (`takes_any_object`), not the struct, which would drop them.
                if keeping.iter().any(|keeps| *keeps) {
                    for (index, slot) in declared.iter_mut().enumerate() {
                        if slot.is_none() {
                            *slot = self.declared_by(&types, index);
                        }
                    }
                }
            } else {
                // Only an `anyOf`: a value may be several of its members at once, so one struct of
                // all their members says what it is. A `oneOf`'s value is one of them, which a
                // struct of all would no longer tell.
                let types: Vec<&TypeRef> = members.iter().map(|m| &m.member.ty).collect();
                if keyword == "anyOf"
                    && let Some(merged) = self.open_objects_as_one(&types)
                {
                    return Ok(TypeKind::Struct(merged));
                }
                // Objects whose members overlap: each value as the member that declares every
                // member it has (document order among several), else the first that takes it.
                if let Some(all) = self.declared_members(&types) {
                    declared = all.into_iter().map(Some).collect();
                    keeps_other = true;
                    order = Some(unions::ShapeOrder::in_order((0..members.len()).collect()));
                }
            }
            // Once: the flattened members are structs.
            if order.is_none()
                && discriminator.is_none()
                && !keeps_unknown
                && let Some(flattened) = self.tagged_unions_flattened(&members)
            {
                // `anyOf: [id, external_account, deleted_external_account]`, each a union of a
                // bank account and a card: one union of their members, which their tags and
                // shapes may tell apart where the unions of them could not be.
                let warnings = self.warnings.len();
                let kind = self.decide_union(name, union_pointer, keyword, None, flattened, true)?;
                if !matches!(kind, TypeKind::UntaggedJson { .. }) {
                    return Ok(kind);
                }
                self.warnings.truncate(warnings);
            }
            keeps_other |= keeps_unknown;
            let Some(unions::ShapeOrder { order, tag_checks, .. }) = order else {
                self.warnings.extend(shared_tag);
                return Ok(TypeKind::UntaggedJson {
                    members: members.into_iter().map(|m| m.member.ty).collect(),
                });
            };
            let told_by_members = declared.iter().any(Option::is_some);
            let mut names = Namespace::default();
            let variants = order
                .into_iter()
                .filter_map(|index| Some((index, members.get(index)?)))
                .map(
                    |(
                        index,
                        ShapeMember {
                            member,
                            docs,
                            title,
                            single_value,
                        },
                    )| {
                        // The only member that takes strings, and it takes one: that value.
                        let literal = single_value
                            .as_ref()
                            .filter(|_| strings == 1 && member.ty == TypeRef::String)
                            .cloned();
                        let wanted = match (title, &literal) {
                            (Some(title), _) => naming::variant_name(title),
                            (None, Some(value)) => naming::variant_name(value),
                            (None, None) => naming::member_variant(name, &member.ty),
                        };
                        let (name, _) = names.claim_unique(&wanted, &member.pointer);
                        UntaggedVariant {
                            name,
                            ty: member.ty.clone(),
                            literal,
                            // Decided once every type is known (`graph::mark_object_members`).
                            object_only: false,
                            declared_members: declared.get(index).cloned().flatten(),
                            tag_check: tag_checks
                                .then(|| unions::required_string_tag(&member.ty, &self.types))
                                .flatten()
                                .map(|(property, value)| (property.to_owned(), value.to_owned())),
                            // Decided with `object_only`.
                            required_nullable: Vec::new(),
                            takes_any_object: told_by_members && keeping.get(index).copied().unwrap_or(false),
                            keeps_any: false,
                            docs: docs.clone(),
                            pointer: member.pointer.clone(),
                        }
                    },
                )
                .collect();
            let mut variants: Vec<UntaggedVariant> = variants;
            if keeps_other {
                let (name, _) = names.claim_unique(naming::OTHER_VARIANT, union_pointer);
                variants.push(UntaggedVariant {
                    name,
                    ty: TypeRef::Json,
                    literal: None,
                    object_only: false,
                    declared_members: None,
                    tag_check: None,
                    required_nullable: Vec::new(),
                    takes_any_object: false,
                    keeps_any: true,
                    docs: Some("A value none of the members takes, kept as sent.".to_owned()),
                    pointer: union_pointer.to_owned(),
                });
            }
            return Ok(TypeKind::UntaggedUnion(UntaggedUnion { variants }));
        };
        let component = refs::component_of_pointer(union_pointer);
        Ok(TypeKind::TaggedUnion(self.tagged_union(
            recognised,
            name,
            union_pointer,
            component,
        )?))
    }

    /// The tagged union the recognisers found: a variant per tag value, named (the config may
    /// rename it in `component`), with what the error enums read of each.
    pub(super) fn tagged_union(
        &mut self,
        recognised: unions::Recognised,
        name: &str,
        union_pointer: &str,
        component: Option<&str>,
    ) -> Result<TaggedUnion> {
        let mut variant_names = Namespace::default();
        let mut variants = Vec::with_capacity(recognised.variants.len());
        let values_of = |ty: &str| recognised.variants.iter().filter(|v| v.ty == ty).count();
        let several: Vec<bool> = recognised.variants.iter().map(|v| values_of(&v.ty) > 1).collect();
        for (mut variant, several) in recognised.variants.into_iter().zip(several) {
            let wanted = match (recognised.integer_tag, variant.tag_value.parse::<i64>()) {
                (true, Ok(value)) => naming::integer_tagged_variant(name, &variant.ty, several.then_some(value)),
                _ => naming::tag_variant_name(&variant.tag_value),
            };
            let variant_name = self.variant_name_wanted(
                component,
                &variant.tag_value,
                wanted,
                &mut variant_names,
                &variant.pointer,
            )?;
            if !variant.shared_with.is_empty() {
                variant.ty = self.shared_tag_variant(name, union_pointer, &variant);
            }
            let variant_type = self.types.get(&variant.ty);
            let docs = variant_type.and_then(|t| t.docs.clone());
            let (description_field, description_keeps_null) = match variant_type.map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => {
                    let field = s.description_field.as_ref();
                    let keeps_null = field.is_some_and(|name| s.fields.iter().any(|f| &f.name == name && f.keeps_null));
                    (field.cloned(), keeps_null)
                }
                _ => (None, false),
            };
            variants.push(UnionVariant {
                name: variant_name,
                tag_value: variant.tag_value,
                ty: variant.ty,
                docs,
                description_field,
                description_keeps_null,
                pointer: variant.pointer,
            });
        }
        let described = variants.iter().all(|v| v.description_field.is_some());
        Ok(TaggedUnion {
            tag_is_code: recognised.tag_property == self.conventions.error_code,
            tag_property: recognised.tag_property,
            variants,
            description_property: described.then(|| self.conventions.error_description.clone()),
            integer_tag: recognised.integer_tag,
        })
    }

    /// A union of several kinds of JSON whose objects are told apart only by a tag (an id or one
    /// of several tagged objects: `anyOf: [string, bank_account, card]`): the objects become one
    /// tagged union of their own (`<union>Object`), which stands in the list where the first of
    /// them stood, so that the union is told apart by shape and each object by its tag. `None`
    /// when the objects are not all tagged structs, or are all the members.
    fn tagged_objects_as_one(
        &mut self,
        name: &str,
        union_pointer: &str,
        members: &[ShapeMember<'a>],
    ) -> Result<Option<Vec<ShapeMember<'a>>>> {
        let objects: Vec<usize> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| unions::is_object(&m.member.ty, &self.types))
            .map(|(index, _)| index)
            .collect();
        if objects.len() < 2 || objects.len() == members.len() {
            return Ok(None);
        }
        let object_members: Vec<&unions::Member<'a>> = objects
            .iter()
            .filter_map(|&index| members.get(index))
            .map(|m| &m.member)
            .collect();
        let unions::Outcome::Tagged(recognised) =
            unions::recognise(self.doc, None, &object_members, &self.types, &mut self.warnings)?
        else {
            return Ok(None);
        };
        // The type is at the list of members (`…/anyOf`): no schema of the document is it.
        let objects_at = objects
            .first()
            .and_then(|&index| members.get(index))
            .and_then(|m| m.member.pointer.rsplit_once('/'))
            .map_or(union_pointer, |(list, _)| list)
            .to_owned();
        let wanted = naming::type_name(&naming::hint::property(name, "object"));
        let joined_name = self.claim_derived_type_name(&wanted, &objects_at, "the type of this union's tagged objects");
        let tagged = self.tagged_union(recognised, &joined_name, union_pointer, None)?;
        let listed = tagged
            .variants
            .iter()
            .map(|v| format!("`{}`", v.ty))
            .collect::<Vec<_>>()
            .join(", ");
        let replaced = self.types.insert(
            joined_name.clone(),
            TypeDef {
                name: joined_name.clone(),
                docs: Some(format!("One of {listed}, told apart by `{}`.", tagged.tag_property)),
                pointer: objects_at.clone(),
                kind: TypeKind::TaggedUnion(tagged),
                usage: Usage::default(),
                holds_secret: false,
                features: Vec::new(),
            },
        );
        if replaced.is_none() {
            self.added.push(Added::Type(joined_name.clone()));
        }
        let mut joined = Vec::with_capacity(members.len() - objects.len() + 1);
        for (index, member) in members.iter().enumerate() {
            if objects.first() == Some(&index) {
                joined.push(ShapeMember {
                    member: unions::Member {
                        ty: TypeRef::Named {
                            name: joined_name.clone(),
                            boxed: false,
                        },
                        reference: None,
                        schema: None,
                        pointer: objects_at.clone(),
                    },
                    docs: None,
                    title: None,
                    single_value: None,
                });
            } else if !objects.contains(&index) {
                joined.push(member.clone());
            }
        }
        Ok(Some(joined))
    }
}

impl<'a> SchemaLowerer<'a> {
    /// The members, with each that is a union tagged by a property (no discriminator's mapping
    /// of several values to one struct, string tags) replaced by its variants' structs; `None`
    /// when no member is such a union.
    fn tagged_unions_flattened(&self, members: &[ShapeMember<'a>]) -> Option<Vec<ShapeMember<'a>>> {
        let tagged_union = |member: &ShapeMember<'a>| {
            let TypeKind::TaggedUnion(union) = &self.types.get(named_in(&member.member.ty)?)?.kind else {
                return None;
            };
            let mut structs: Vec<&str> = union.variants.iter().map(|v| v.ty.as_str()).collect();
            structs.sort_unstable();
            structs.dedup();
            let all_structs = structs
                .iter()
                .all(|name| matches!(self.types.get(*name).map(|t| &t.kind), Some(TypeKind::Struct(_))));
            (matches!(member.member.ty, TypeRef::Named { .. })
                && !union.integer_tag
                && all_structs
                && structs.len() == union.variants.len())
            .then_some(union)
        };
        let unions: Vec<Option<&TaggedUnion>> = members.iter().map(tagged_union).collect();
        if unions.iter().all(Option::is_none) {
            return None;
        }
        let mut flattened = Vec::new();
        for (member, union) in members.iter().zip(unions) {
            match union {
                Some(union) => flattened.extend(union.variants.iter().map(|variant| ShapeMember {
                    member: unions::Member {
                        ty: TypeRef::Named {
                            name: variant.ty.clone(),
                            boxed: false,
                        },
                        reference: None,
                        schema: None,
                        pointer: variant.pointer.clone(),
                    },
                    docs: variant.docs.clone(),
                    title: None,
                    single_value: None,
                })),
                None => flattened.push(member.clone()),
            }
        }
        Some(flattened)
    }
}

/// A union member with what names and documents its variant.
#[derive(Clone)]
pub(super) struct ShapeMember<'a> {
    member: unions::Member<'a>,
    docs: Option<String>,
    title: Option<String>,
    /// The one value a string member allows (`{enum: [o1-pro]}`), which its type does not say.
    single_value: Option<String>,
}

/// The named type `ty` is, or is an array, map or `Option` of.
fn named_in(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Named { name, .. } => Some(name),
        TypeRef::Array(inner) | TypeRef::Nullable(inner) | TypeRef::Map(inner) => named_in(inner),
        _ => None,
    }
}

/// A union met while one of its members was still being lowered, to decide when the outermost
/// schema is done.
pub(super) struct PendingUnion<'a> {
    name: String,
    union_pointer: String,
    keyword: &'static str,
    members: Vec<ShapeMember<'a>>,
}

/// A union member that is a string: the values it allows (with the member's words when it allows
/// one), or any string.
enum StringMember<'s> {
    Values(Vec<(&'s str, Option<String>)>),
    Any,
}

impl<'a> SchemaLowerer<'a> {
    /// A union that is not one of its own: one member that is a `$ref` or a scalar (the member,
    /// with the union's words), or strings of which none names a value (a string: `IpNet` of a v4
    /// or a v6 subnet, each a pattern, is text either way). `None` for every other schema.
    pub(super) fn union_as_member(&mut self, schema: &'a Schema, pointer: &str, hint: &str) -> Result<Option<Lowered>> {
        if schema.schema_data.discriminator.is_some() {
            return Ok(None);
        }
        let Some((members, keyword)) = union_members(schema) else {
            return Ok(None);
        };
        if let [only] = members {
            let is_named = match only {
                ReferenceOr::Reference { .. } => false,
                ReferenceOr::Item(item) => matches!(self.shape(item, pointer), Ok(Shape::Named) | Err(_)),
            };
            if !is_named {
                let member_pointer = pointer_join(&pointer_join(pointer, keyword), "0");
                return self.lower(SchemaView::of(only), &member_pointer, hint).map(Some);
            }
            return Ok(None);
        }
        match self.string_members(members) {
            Some(strings) if strings.iter().all(|member| matches!(member, StringMember::Any)) => {
                Ok(Some(Lowered::plain(TypeRef::String)))
            }
            _ => Ok(None),
        }
    }

    /// Every member as one integer (`{title, const: 0}`), or `None` when one is something else.
    fn integer_members(&self, members: &'a [ReferenceOr<Schema>]) -> Option<Vec<enums::NamedInteger>> {
        members
            .iter()
            .map(|member| {
                let schema = refs::schema_of(self.doc, SchemaView::of(member))?;
                let SchemaKind::Type(Type::Integer(integer)) = &schema.schema_kind else {
                    return None;
                };
                match (integer.enumeration.as_slice(), schema.schema_data.nullable) {
                    ([Some(value)], false) => Some(enums::NamedInteger {
                        value: *value,
                        title: schema.schema_data.title.clone(),
                        docs: schema.schema_data.description.clone(),
                    }),
                    _ => None,
                }
            })
            .collect()
    }

    /// Every member as a string, or `None` when one is something else (or may be `null`, or has a
    /// format of its own type).
    fn string_members(&self, members: &'a [ReferenceOr<Schema>]) -> Option<Vec<StringMember<'a>>> {
        members.iter().map(|member| self.string_member(member, 0)).collect()
    }

    fn string_member(&self, member: &'a ReferenceOr<Schema>, depth: usize) -> Option<StringMember<'a>> {
        let schema = refs::schema_of(self.doc, SchemaView::of(member))?;
        if schema.schema_data.nullable || depth > 8 {
            return None;
        }
        match &schema.schema_kind {
            // `{title: v4, allOf: [$ref: Ipv4Net]}`: the member, named.
            SchemaKind::AllOf { all_of } => {
                self.string_member(all_of.get(only_substantive_member(all_of)?)?, depth + 1)
            }
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<&str> = s.enumeration.iter().flatten().map(String::as_str).collect();
                match values.as_slice() {
                    [] => (self
                        .formats
                        .type_of(JsonType::String, format_text(&s.format).as_deref())
                        == TypeRef::String)
                        .then_some(StringMember::Any),
                    [one] => {
                        let data = &schema.schema_data;
                        let docs = data.description.clone().or_else(|| data.title.clone());
                        Some(StringMember::Values(vec![(*one, docs)]))
                    }
                    many => Some(StringMember::Values(many.iter().map(|value| (*value, None)).collect())),
                }
            }
            _ => None,
        }
    }
}

/// The keyword a union's members are under, as a constant.
fn static_keyword(keyword: &str) -> &'static str {
    if keyword == "anyOf" { "anyOf" } else { "oneOf" }
}

/// The members of a `oneOf` or `anyOf` schema, and which keyword holds them.
fn union_members(schema: &Schema) -> Option<(&[ReferenceOr<Schema>], &'static str)> {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => Some((one_of, "oneOf")),
        SchemaKind::AnyOf { any_of } => Some((any_of, "anyOf")),
        SchemaKind::Any(any) if !any.one_of.is_empty() => Some((&any.one_of, "oneOf")),
        SchemaKind::Any(any) if !any.any_of.is_empty() => Some((&any.any_of, "anyOf")),
        _ => None,
    }
}

impl SchemaLowerer<'_> {
    /// The type of a variant whose tag value several members take (`message` for an input and an
    /// output message): the tag cannot say which member a value is, so the variant holds the value
    /// as JSON, and the union's other variants stay typed. Named after the union and the value.
    fn shared_tag_variant(&mut self, union: &str, union_pointer: &str, variant: &unions::RecognisedVariant) -> String {
        let pointer = pointer_join(&format!("{union_pointer}/discriminator/mapping"), &variant.tag_value);
        let wanted = naming::type_name(&naming::hint::property(union, &variant.tag_value));
        let name = self.claim_derived_type_name(&wanted, &pointer, "the type of this shared tag value");
        let members: Vec<String> = std::iter::once(&variant.ty)
            .chain(&variant.shared_with)
            .cloned()
            .collect();
        let listed = members.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        self.warnings.push(Diagnostic::spec(
            &variant.pointer,
            format!(
                "members {listed} all take the tag `{}`, so the tag cannot say which one a value is: that \
                 variant holds the value as JSON (`{name}`), the others stay typed (give each member its own tag value)",
                variant.tag_value
            ),
        ));
        self.types.insert(
            name.clone(),
            TypeDef {
                name: name.clone(),
                docs: Some(format!(
                    "A value tagged `{}`, which {listed} share: kept as JSON, to be read as whichever it is.",
                    variant.tag_value
                )),
                pointer,
                kind: TypeKind::UntaggedJson {
                    members: members
                        .into_iter()
                        .map(|name| TypeRef::Named { name, boxed: false })
                        .collect(),
                },
                usage: Usage::default(),
                holds_secret: false,
                features: Vec::new(),
            },
        );
        name
    }
}

/// The schema a union member is, resolved through one `$ref`.
fn title_of(doc: &openapiv3::OpenAPI, member: &ReferenceOr<Schema>) -> Option<String> {
    refs::schema_of(doc, SchemaView::of(member)).and_then(|s| s.schema_data.title.clone())
}

/// The name hint of an inline union member: its `title`, else the discriminator's mapping key
/// that points at it, else its one-value tag, else its one required property (other than the
/// tag), else its place; so that names say what each member is.
fn member_hint(
    doc: &openapiv3::OpenAPI,
    parent: &str,
    index: usize,
    member: &ReferenceOr<Schema>,
    discriminator: Option<&openapiv3::Discriminator>,
    member_pointer: &str,
) -> String {
    let ReferenceOr::Item(schema) = member else {
        return naming::hint::union_member(parent, index);
    };
    if let Some(title) = schema.schema_data.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return title.to_owned();
    }
    // A member the loader made by distributing a choice over `allOf` members: the choice's name,
    // else what its part from the choice is called (its one required member, its tag), as that
    // member of the choice is.
    if let Some(serde_json::Value::String(choice)) = schema.schema_data.extensions.get(crate::load::CHOICE_NAME) {
        return naming::hint::property(parent, choice);
    }
    let distributed = schema.schema_data.extensions.get(crate::load::DISTRIBUTED);
    if let (Some(part), SchemaKind::AllOf { all_of }) =
        (distributed.and_then(serde_json::Value::as_u64), &schema.schema_kind)
        && let Some(own) = usize::try_from(part).ok().and_then(|part| all_of.get(part))
        && let Some(own) = refs::schema_of(doc, SchemaView::of(own))
    {
        let own = ReferenceOr::Item(own.clone());
        return member_hint(doc, parent, index, &own, discriminator, member_pointer);
    }
    let mapped = discriminator.and_then(|d| {
        d.mapping
            .iter()
            .find(|(_, target)| target.as_str() == member_pointer)
            .map(|(value, _)| value)
    });
    if let Some(value) = mapped {
        return naming::hint::property(parent, value);
    }
    let tag_property = discriminator.map(|d| d.property_name.as_str());
    let properties = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Some((&o.properties, &o.required)),
        SchemaKind::Any(any) => Some((&any.properties, &any.required)),
        _ => None,
    };
    let Some((properties, required)) = properties else {
        return naming::hint::union_member(parent, index);
    };
    let tag = properties.values().find_map(|property| {
        let property = match property {
            ReferenceOr::Item(schema) => Some(&**schema),
            ReferenceOr::Reference { reference } => refs::resolve_schema(doc, reference, "#").ok().map(|t| t.schema),
        }?;
        match &property.schema_kind {
            SchemaKind::Type(Type::String(s)) => match s.enumeration.as_slice() {
                [Some(value)] => Some(value.clone()),
                _ => None,
            },
            _ => None,
        }
    });
    match (tag, required.as_slice()) {
        (Some(tag), _) => naming::hint::property(parent, &tag),
        (None, [only]) if Some(only.as_str()) != tag_property => naming::hint::property(parent, only),
        _ => naming::hint::union_member(parent, index),
    }
}
