//! Objects: properties (also gathered from `allOf` members), required members, tags, secrets.

use super::*;

impl<'a> SchemaLowerer<'a> {
    /// The properties of an object made of `allOf` members (and of properties beside them): every
    /// member's, in order, with `required` merged, and the members beyond them that a member
    /// allows. A property two members define differently is an error at the second.
    pub(super) fn merged_properties(
        &self,
        own: Option<(&'a Properties, &'a [String])>,
        all_of: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<Merged<'a>> {
        let mut merged = Merged {
            owner: pointer.to_owned(),
            ..Merged::default()
        };
        for (index, member) in all_of.iter().enumerate() {
            let at = pointer_join(&pointer_join(pointer, "allOf"), &index.to_string());
            self.merge_member(member, &at, &mut merged, 0)?;
        }
        if let Some((properties, required)) = own {
            merged.add(self.doc, self.arena, properties, required, pointer)?;
        }
        Ok(merged)
    }

    pub(super) fn merge_member(
        &self,
        member: &'a ReferenceOr<Schema>,
        at: &str,
        merged: &mut Merged<'a>,
        depth: usize,
    ) -> Result<()> {
        if depth > MAX_DEPTH {
            return Err(Diagnostic::spec(
                at,
                "`allOf` nested too deeply; is there a `$ref` loop?",
            ));
        }
        let (schema, pointer) = match member {
            ReferenceOr::Reference { reference } => {
                let target = refs::resolve_schema(self.doc, reference, at)?;
                (target.schema, target.pointer)
            }
            ReferenceOr::Item(schema) => (schema, at.to_owned()),
        };
        if !merged.merged_members.insert(pointer.clone()) {
            return Ok(());
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => {
                merged.allow_extra(Extra::of(o.additional_properties.as_ref(), &pointer));
                merged.add(self.doc, self.arena, &o.properties, &o.required, &pointer)
            }
            SchemaKind::Any(any) if any.one_of.is_empty() && any.any_of.is_empty() => {
                merged.allow_extra(Extra::of(any.additional_properties.as_ref(), &pointer));
                for (index, inner) in any.all_of.iter().enumerate() {
                    let inner_at = pointer_join(&pointer_join(&pointer, "allOf"), &index.to_string());
                    self.merge_member(inner, &inner_at, merged, depth + 1)?;
                }
                merged.add(self.doc, self.arena, &any.properties, &any.required, &pointer)
            }
            SchemaKind::AllOf { all_of } => {
                for (index, inner) in all_of.iter().enumerate() {
                    let inner_at = pointer_join(&pointer_join(&pointer, "allOf"), &index.to_string());
                    self.merge_member(inner, &inner_at, merged, depth + 1)?;
                }
                Ok(())
            }
            // `anyOf: [{required: [a]}, {required: [b]}]`: which members must be present, said
            // as a rule the server checks; it adds no member, so there is nothing to merge.
            SchemaKind::AnyOf { any_of: members } | SchemaKind::OneOf { one_of: members }
                if members.iter().all(|m| self.only_constrains(m)) =>
            {
                Ok(())
            }
            // `not: {required: [a, b]}`: a value the object must not be, which the server checks;
            // it adds no member either.
            SchemaKind::Not { .. } => Ok(()),
            _ => Err(Diagnostic::spec(
                at,
                "an `allOf` member must be an object schema (properties) for its properties to be merged",
            )),
        }
    }

    /// A schema that says only which members must be present (`{required: [a]}`, with words):
    /// no type, properties, items or composition.
    fn only_constrains(&self, member: &ReferenceOr<Schema>) -> bool {
        let ReferenceOr::Item(schema) = member else {
            return false;
        };
        match &schema.schema_kind {
            SchemaKind::Any(any) => {
                any.typ.is_none()
                    && any.properties.is_empty()
                    && any.items.is_none()
                    && any.all_of.is_empty()
                    && any.one_of.is_empty()
                    && any.any_of.is_empty()
                    && any.additional_properties.is_none()
                    && any.enumeration.is_empty()
                    && any.format.is_none()
            }
            _ => false,
        }
    }

    /// `additional`: what the object says of members beyond its properties; an explicit `true` or
    /// schema keeps them in a flattened map (absent or `false`, they are not read). It is lowered
    /// where it is written, which for a merged `allOf` is inside a member: a member that names the
    /// merged object again (`additionalProperties: {allOf: [$ref: Self, …]}`) then meets the same
    /// schema, not a new one nested deeper each time.
    pub(super) fn lower_struct(
        &mut self,
        properties: Vec<Property<'a>>,
        required: &[String],
        pointer: &str,
        name: &str,
        additional: Option<Extra<'a>>,
    ) -> Result<Struct> {
        let component = refs::component_of_pointer(pointer);
        let mut field_names = Namespace::default();
        let mut fields = Vec::with_capacity(properties.len());
        let mut tag = None;
        // Every property's wire name, those left without a field included.
        let declared: Vec<String> = properties.iter().map(|p| p.name.to_owned()).collect();
        for Property {
            name: wire_name,
            schema: property,
            pointer: field_pointer,
            nullable: made_nullable,
        } in properties
        {
            let wire_name = &wire_name.to_owned();
            // A member the object must not have (`name: false`, a 3.1 way to close one off): no
            // field, so no value can carry it. A required one is refused where it is lowered.
            let forbidden =
                refs::schema_of(self.doc, SchemaView::of_boxed(property)).is_some_and(super::allows_nothing);
            if forbidden && !required.iter().any(|r| r == wire_name) {
                self.warnings.push(Diagnostic::spec(
                    &field_pointer,
                    format!("no value is allowed for the member `{wire_name}`: the type has no field for it"),
                ));
                continue;
            }
            let renamed = component.and_then(|c| self.rename.properties.get(&format!("{c}.{wire_name}")));
            let field_name = match renamed {
                Some(name) => strict_claim(
                    &mut field_names,
                    name,
                    wire_name,
                    &field_pointer,
                    "property",
                    "Rust field",
                )?,
                None => {
                    let wanted = naming::value_name(wire_name);
                    let (given, holder) = field_names.claim_unique(&wanted, wire_name);
                    if let Some(holder) = holder {
                        let holder = format!("property `{holder}`");
                        let what = format!("the field of property `{wire_name}`");
                        self.warnings
                            .push(naming::renamed_warning(&field_pointer, &what, &wanted, &given, &holder));
                    }
                    given
                }
            };
            let hint = naming::hint::property(name, wire_name);
            let mut lowered = self.lower(SchemaView::of_boxed(property), &field_pointer, &hint)?;
            lowered.nullable |= made_nullable;
            let is_required = required.iter().any(|r| r == wire_name);
            // A one-value member too: its `null` is kept, and goes out again as `null`.
            let keeps_null = !is_required && lowered.nullable && self.null_and_absent == NullAndAbsent::Distinct;
            if let (None, Some(value)) = (&tag, &lowered.single_value) {
                tag = Some(Tag {
                    property: wire_name.clone(),
                    value: value.clone(),
                    const_name: naming::tag_const_name(wire_name),
                    field: field_name.clone(),
                    field_optional: !is_required || lowered.nullable,
                    field_keeps_null: keeps_null,
                });
            }
            // A member the document gives one value (a tag) tells nothing the document does not.
            let secret = match lowered.single_value {
                Some(_) => None,
                None => self.secret_reason(&field_pointer, wire_name, property, &lowered.ty)?,
            };
            let setter = naming::setter_name(&field_name);
            let data = refs::schema_of(self.doc, SchemaView::of_boxed(property)).map(|s| &s.schema_data);
            fields.push(Field {
                name: field_name,
                wire_name: wire_name.clone(),
                docs: lowered.description,
                ty: lowered.ty,
                required: is_required,
                read_only: data.is_some_and(|d| d.read_only),
                write_only: data.is_some_and(|d| d.write_only),
                keeps_null,
                one_value: lowered.single_value,
                nullable: lowered.nullable,
                secret,
                lookup_constructor: None,
                setter,
                pointer: field_pointer,
                flatten: false,
            });
        }
        // A member `required` names that no property defines may hold any value, and every
        // value has it: without a field of its own it would be dropped on the way through (an
        // object that keeps its extra members keeps it there). It is an `Option` all the same:
        // documents that do this often describe members servers leave out.
        if additional.is_none() {
            for (index, wire_name) in required.iter().enumerate() {
                if declared.contains(wire_name) {
                    continue;
                }
                let at = pointer_join(&pointer_join(pointer, "required"), &index.to_string());
                fields.push(self.undeclared_member(wire_name, &at, &mut field_names));
            }
        }
        if let Some(extra) = self.extra_members(additional, name, &mut field_names)? {
            fields.push(extra);
        }
        let suffix = self.conventions.lookup_suffix.as_deref().filter(|s| !s.is_empty());
        let lookup = component.zip(suffix).is_some_and(|(c, suffix)| c.ends_with(suffix));
        if lookup && fields.iter().all(|f| f.optional() && !f.required) {
            for field in &mut fields {
                field.lookup_constructor = Some(naming::lookup_constructor(&field.name));
            }
        }
        let description_field = fields
            .iter()
            .find(|f| {
                f.wire_name == self.conventions.error_description
                    && f.ty == TypeRef::String
                    && f.optional()
                    && f.secret.is_none()
            })
            .map(|f| f.name.clone());
        Ok(Struct {
            fields,
            tag,
            description_field,
        })
    }

    /// The field of a member `required` names and no property defines: any JSON value, kept
    /// as sent (`null` too), with a warning at `at`.
    fn undeclared_member(&mut self, wire_name: &str, at: &str, field_names: &mut Namespace) -> Field {
        let wanted = naming::value_name(wire_name);
        let (name, _) = field_names.claim_unique(&wanted, wire_name);
        self.warnings.push(Diagnostic::spec(
            at,
            format!(
                "the member `{wire_name}` is required but no property defines it: it is kept as any JSON value \
                 (define it under `properties` to give it a type)"
            ),
        ));
        Field {
            setter: naming::setter_name(&name),
            name,
            wire_name: wire_name.to_owned(),
            docs: Some("The document requires this member without saying what it holds: any JSON value.".to_owned()),
            ty: TypeRef::Json,
            required: false,
            read_only: false,
            write_only: false,
            one_value: None,
            nullable: true,
            keeps_null: self.null_and_absent == NullAndAbsent::Distinct,
            secret: None,
            lookup_constructor: None,
            pointer: at.to_owned(),
            flatten: false,
        }
    }

    /// The field of the members beyond the properties, when the object allows them: their values'
    /// type (JSON for `true` or `{}`), under a name no property took.
    fn extra_members(
        &mut self,
        additional: Option<Extra<'a>>,
        name: &str,
        field_names: &mut Namespace,
    ) -> Result<Option<Field>> {
        let Some(Extra { schema, pointer: at }) = additional else {
            return Ok(None);
        };
        let values = match schema {
            AdditionalProperties::Any(true) => TypeRef::Json,
            AdditionalProperties::Schema(values) => {
                let hint = naming::hint::property(name, "additional");
                self.lower(SchemaView::of(values), &at, &hint)?.held()
            }
            AdditionalProperties::Any(false) => return Ok(None),
        };
        let (field, _) = field_names.claim_unique(naming::EXTRA_MEMBERS_FIELD, &at);
        Ok(Some(Field {
            setter: naming::setter_name(&field),
            name: field,
            wire_name: String::new(),
            docs: Some("Members beyond those above, which the document allows: by name, as sent.".to_owned()),
            ty: TypeRef::Map(Box::new(values)),
            required: true,
            read_only: false,
            write_only: false,
            one_value: None,
            nullable: false,
            keeps_null: false,
            secret: None,
            lookup_constructor: None,
            pointer: at,
            flatten: true,
        }))
    }

    /// Whether the property at `pointer` holds a secret, and why: the config's word, else the
    /// document's marks, else its name. Only strings are kept secret.
    pub(super) fn secret_reason(
        &self,
        pointer: &str,
        wire_name: &str,
        schema: &ReferenceOr<Box<Schema>>,
        ty: &TypeRef,
    ) -> Result<Option<SecretReason>> {
        match self.secrets.says(pointer) {
            Some(false) => return Ok(None),
            Some(true) if *ty != TypeRef::String => {
                return Err(Diagnostic::spec(
                    pointer,
                    "only string properties can be marked secret (config `secrets`)",
                ));
            }
            Some(true) => return Ok(Some(SecretReason::Config)),
            None => {}
        }
        if *ty != TypeRef::String {
            return Ok(None);
        }
        Ok(secrets::marked_secret(self.doc, SchemaView::of_boxed(schema))
            .or_else(|| secrets::secret_by_name(wire_name).then_some(SecretReason::Name)))
    }
}

pub(super) type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// One property of an object, wherever it was declared (the object, or one of its `allOf` members).
pub(super) struct Property<'a> {
    name: &'a str,
    schema: &'a ReferenceOr<Box<Schema>>,
    pointer: String,
    /// Another `allOf` member lets the property be `null`, though this schema does not say so.
    nullable: bool,
}

impl<'a> Property<'a> {
    pub(super) fn all(properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>, object: &str) -> Vec<Self> {
        let base = pointer_join(object, "properties");
        properties
            .iter()
            .map(|(name, schema)| Property {
                name,
                schema,
                nullable: false,
                pointer: pointer_join(&base, name),
            })
            .collect()
    }
}

/// Properties gathered from `allOf` members.
#[derive(Default)]
pub(super) struct Merged<'a> {
    /// The schema whose `allOf` this gathers.
    owner: String,
    pub(super) properties: Vec<Property<'a>>,
    pub(super) required: Vec<String>,
    /// Definitions no value satisfies together that were read anyway (enums with no value in common).
    pub(super) warnings: Vec<Diagnostic>,
    /// The first member's `additionalProperties` that allows members beyond the properties
    /// (`true` or a schema): the merged object keeps them. A member's `false` is not kept: it
    /// speaks of that member's own properties, and would refuse every other member's.
    pub(super) additional: Option<Extra<'a>>,
    /// The members merged so far, by pointer: one that two members both extend (a diamond) adds
    /// nothing the second time, and walking it again at each level would take time exponential
    /// in the depth.
    merged_members: std::collections::HashSet<String>,
}

/// What an object says of members beyond its properties (`additionalProperties`), and the
/// pointer of where it says it.
#[derive(Clone)]
pub(in crate::lower) struct Extra<'a> {
    pub(super) schema: &'a AdditionalProperties,
    pub(super) pointer: String,
}

impl<'a> Extra<'a> {
    /// The `additionalProperties` of the object schema at `owner`, if it has one.
    pub(in crate::lower) fn of(schema: Option<&'a AdditionalProperties>, owner: &str) -> Option<Extra<'a>> {
        schema.map(|schema| Extra {
            schema,
            pointer: pointer_join(owner, "additionalProperties"),
        })
    }
}

impl<'a> Merged<'a> {
    fn allow_extra(&mut self, additional: Option<Extra<'a>>) {
        if self.additional.is_none()
            && matches!(
                additional,
                Some(Extra {
                    schema: AdditionalProperties::Any(true) | AdditionalProperties::Schema(_),
                    ..
                })
            )
        {
            self.additional = additional;
        }
    }

    fn add(
        &mut self,
        doc: &'a openapiv3::OpenAPI,
        arena: &'a Synthesized,
        properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &'a [String],
        object: &str,
    ) -> Result<()> {
        for property in Property::all(properties, object) {
            match self.properties.iter_mut().find(|p| p.name == property.name) {
                Some(earlier) if earlier.schema == property.schema => {}
                Some(earlier) => match merge::compatible(doc, earlier.schema, property.schema) {
                    Some(merge::Merge {
                        keep_later,
                        nullable,
                        disjoint_enums,
                    }) => {
                        if disjoint_enums {
                            self.warnings.push(Diagnostic::spec(
                                &property.pointer,
                                format!(
                                    "`allOf` members give property `{}` enums with no value in common (also at {}); \
                                     the later one is used, and a value outside it is still decoded (enums keep \
                                     values they do not know)",
                                    property.name, earlier.pointer
                                ),
                            ));
                        }
                        let was_nullable = earlier.nullable;
                        if keep_later {
                            *earlier = property;
                        }
                        earlier.nullable = was_nullable || nullable;
                    }
                    // Two objects, or two arrays of objects, that differ but can both hold: the
                    // property is both (`merge::combined`).
                    None => match merge::combined(
                        doc,
                        (earlier.schema, &earlier.pointer),
                        (property.schema, &property.pointer),
                    ) {
                        Some(both) => {
                            earlier.schema = arena.alloc(ReferenceOr::Item(Box::new(both)));
                            // Neither definition's place: the property of the object being
                            // gathered, which no one member spells (its docs say so, and a value
                            // one member allows is not taken for a value of the merged type).
                            earlier.pointer = pointer_join(&pointer_join(&self.owner, "properties"), property.name);
                        }
                        None => {
                            return Err(Diagnostic::spec(
                                &property.pointer,
                                format!(
                                    "`allOf` members define property `{}` in ways no value can satisfy both (also at \
                                     {}); make them agree, or give the property a type in the config's `types`",
                                    property.name, earlier.pointer
                                ),
                            ));
                        }
                    },
                },
                None => self.properties.push(property),
            }
        }
        for name in required {
            if !self.required.contains(name) {
                self.required.push(name.clone());
            }
        }
        Ok(())
    }
}

/// Schemas the lowering makes that the document does not spell: a property two `allOf` members
/// define as different objects becomes the `allOf` of both. They live as long as the document.
pub type Synthesized = typed_arena::Arena<ReferenceOr<Box<Schema>>>;
