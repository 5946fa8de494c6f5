//! Lowering of schemas: `$ref`s resolved, wrappers unwrapped, named types decided, unions recognised.

use std::collections::{BTreeMap, HashMap};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use crate::config::{Conventions, Renames};
use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{
    EnumValue, Field, SecretReason, StringEnum, Struct, Tag, TaggedUnion, TypeDef, TypeKind, TypeRef, UnionVariant,
    UntaggedUnion, UntaggedVariant, Usage,
};
use crate::naming::{self, Namespace};

use super::formats::{Formats, JsonType, TypeOverrides};
use super::merge;
use super::refs::{self, SchemaView};
use super::secrets::{self, SecretConfig};
use super::unions;

/// What a schema lowers to where it is used: the type, and what the use site adds to it.
#[derive(Debug, Clone)]
pub struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
    pub description: Option<String>,
    /// Set when the schema is a string enum with exactly one value: the value (an implicit tag).
    pub single_value: Option<String>,
}

impl Lowered {
    fn plain(ty: TypeRef) -> Self {
        Lowered {
            ty,
            nullable: false,
            description: None,
            single_value: None,
        }
    }
}

/// Builds the crate's named types while operations are lowered.
pub struct SchemaLowerer<'a> {
    pub doc: &'a openapiv3::OpenAPI,
    /// Named types made so far, by name.
    pub types: BTreeMap<String, TypeDef>,
    /// Pointer of a schema → name of the type made from it, so each schema gives one type.
    by_pointer: HashMap<String, String>,
    type_names: Namespace,
    /// What the config says is secret, or not.
    secrets: SecretConfig,
    /// Guards against a `$ref` chain or `allOf` nesting deeper than any real document has.
    depth: usize,
    conventions: Conventions,
    rename: Renames,
    formats: Formats,
    overrides: TypeOverrides,
    /// Names decided another way than the plain rule (a collision resolved), to report.
    pub warnings: Vec<Diagnostic>,
    /// The type name of every component schema, decided up front in document order so that it
    /// does not depend on which operations are selected; with the warning to give if it is used.
    component_names: HashMap<String, (String, Option<Diagnostic>)>,
}

/// What [`SchemaLowerer::rollback`] goes back to: the types and schemas known at a point.
pub struct Checkpoint {
    types: std::collections::BTreeSet<String>,
    pointers: std::collections::HashSet<String>,
    warnings: usize,
}

const MAX_DEPTH: usize = 64;

impl<'a> SchemaLowerer<'a> {
    pub fn new(
        doc: &'a openapiv3::OpenAPI,
        secrets: SecretConfig,
        conventions: Conventions,
        rename: Renames,
        (formats, overrides): (Formats, TypeOverrides),
    ) -> Result<Self> {
        let mut type_names = naming::crate_root_namespace();
        let component_names = component_names(doc, &rename, &mut type_names)?;
        Ok(SchemaLowerer {
            doc,
            types: BTreeMap::new(),
            by_pointer: HashMap::new(),
            type_names,
            secrets,
            depth: 0,
            conventions,
            rename,
            formats,
            overrides,
            warnings: Vec::new(),
            component_names,
        })
    }

    /// A name for an item that is not made from a schema (an operation's error enum): `name`, or
    /// a numbered one when a schema has it.
    pub fn claim_derived_type_name(&mut self, name: &str, owner: &str, what: &str) -> String {
        let (given, holder) = self.type_names.claim_unique(name, owner);
        if let Some(holder) = holder {
            let holder = format!("the schema at {holder}");
            self.warnings
                .push(naming::renamed_warning(owner, what, name, &given, &holder));
        }
        given
    }

    /// The conventions' suffix of lookup objects, if the API has them.
    pub fn lookup_suffix(&self) -> Option<String> {
        self.conventions.lookup_suffix.clone().filter(|s| !s.is_empty())
    }

    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            types: self.types.keys().cloned().collect(),
            pointers: self.by_pointer.keys().cloned().collect(),
            warnings: self.warnings.len(),
        }
    }

    /// Forgets every type made since `checkpoint`: an operation that failed half-way leaves no
    /// type behind that names a type that was never finished.
    pub fn rollback(&mut self, checkpoint: Checkpoint) {
        self.types.retain(|name, _| checkpoint.types.contains(name));
        self.by_pointer
            .retain(|pointer, _| checkpoint.pointers.contains(pointer));
        self.warnings.truncate(checkpoint.warnings);
    }

    /// Lowers a schema found at `pointer`; `hint` names it if it needs a type and has no name of its own.
    pub fn lower(&mut self, view: SchemaView<'a>, pointer: &str, hint: &str) -> Result<Lowered> {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(Diagnostic::spec(
                pointer,
                format!("schema nesting deeper than {MAX_DEPTH} levels; is there a `$ref` loop?"),
            ))
        } else {
            self.lower_inner(view, pointer, hint)
        };
        self.depth -= 1;
        result
    }

    fn lower_inner(&mut self, view: SchemaView<'a>, pointer: &str, hint: &str) -> Result<Lowered> {
        if let Some(ty) = self.overrides.get(pointer) {
            return Ok(overridden(ty, view.as_item()));
        }
        match view {
            SchemaView::Ref(reference) => {
                let target = refs::resolve_schema(self.doc, reference, pointer)?;
                if let Some(ty) = self.overrides.get(&target.pointer) {
                    return Ok(overridden(ty, Some(target.schema)));
                }
                let name = refs::reference_hint(&target.pointer).unwrap_or_else(|| hint.to_owned());
                let mut lowered = self.lower_schema(target.schema, &target.pointer, &name)?;
                // A description on the referenced component describes the type, not this use of it.
                if matches!(lowered.ty, TypeRef::Named { .. }) {
                    lowered.description = None;
                }
                Ok(lowered)
            }
            SchemaView::Inline(schema) => self.lower_schema(schema, pointer, hint),
        }
    }

    fn lower_schema(&mut self, schema: &'a Schema, pointer: &str, hint: &str) -> Result<Lowered> {
        let data = &schema.schema_data;
        let mut lowered = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } if let Some(index) = only_substantive_member(all_of) => {
                self.lower_all_of(all_of, index, pointer, hint)?
            }
            SchemaKind::AllOf { all_of } if all_of.is_empty() => {
                return Err(Diagnostic::spec(pointer, "`allOf` with no members"));
            }
            SchemaKind::AllOf { all_of } if let Some(index) = merge::narrowest_scalar_member(self.doc, all_of) => {
                self.lower_all_of(all_of, index, pointer, hint)?
            }
            SchemaKind::AllOf { .. } => Lowered::plain(self.named_type(schema, pointer, hint)?),
            SchemaKind::Not { .. } => {
                return Err(Diagnostic::spec(pointer, "`not` schemas are not supported"));
            }
            _ => match self.shape(schema, pointer)? {
                Shape::Primitive(ty) => Lowered::plain(ty),
                Shape::SingleValue(value) => Lowered {
                    single_value: Some(value),
                    ..Lowered::plain(TypeRef::String)
                },
                Shape::Array(items) => {
                    let items_pointer = pointer_join(pointer, "items");
                    let item = match items {
                        Some(items) => self.lower(items, &items_pointer, &naming::hint::array_item(hint))?.ty,
                        None => TypeRef::Json,
                    };
                    Lowered::plain(TypeRef::Array(Box::new(item)))
                }
                Shape::Map(values) => {
                    let values_pointer = pointer_join(pointer, "additionalProperties");
                    let value = self.lower(values, &values_pointer, &naming::hint::map_value(hint))?.ty;
                    Lowered::plain(TypeRef::Map(Box::new(value)))
                }
                Shape::Named => Lowered::plain(self.named_type(schema, pointer, hint)?),
            },
        };
        lowered.nullable |= data.nullable;
        if data.description.is_some() {
            lowered.description.clone_from(&data.description);
        }
        Ok(lowered)
    }

    /// `allOf` with one member, or one member beside members that only annotate
    /// (`[{$ref: X}, {description: …}]`), is how a document adds `description` or `nullable` to
    /// a `$ref`: it is that member's type, not a copy of it, with what the annotations add.
    fn lower_all_of(
        &mut self,
        all_of: &'a [ReferenceOr<Schema>],
        index: usize,
        pointer: &str,
        hint: &str,
    ) -> Result<Lowered> {
        let member = pointer_join(&pointer_join(pointer, "allOf"), &index.to_string());
        let mut lowered = self.lower(SchemaView::of(&all_of[index]), &member, hint)?;
        for annotation in all_of.iter().filter_map(ReferenceOr::as_item) {
            lowered.nullable |= annotation.schema_data.nullable;
            if annotation.schema_data.description.is_some() {
                lowered.description.clone_from(&annotation.schema_data.description);
            }
        }
        Ok(lowered)
    }

    /// The properties of an object made of `allOf` members (and of properties beside them): every
    /// member's, in order, with `required` merged. A property two members define differently is
    /// an error at the second.
    fn merged_properties(
        &self,
        own: Option<(&'a Properties, &'a [String])>,
        all_of: &'a [ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<(Vec<Property<'a>>, Vec<String>)> {
        let mut merged = Merged::default();
        for (index, member) in all_of.iter().enumerate() {
            let at = pointer_join(&pointer_join(pointer, "allOf"), &index.to_string());
            self.merge_member(member, &at, &mut merged, 0)?;
        }
        if let Some((properties, required)) = own {
            merged.add(self.doc, properties, required, pointer)?;
        }
        Ok((merged.properties, merged.required))
    }

    fn merge_member(
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
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => merged.add(self.doc, &o.properties, &o.required, &pointer),
            SchemaKind::Any(any) if any.one_of.is_empty() && any.any_of.is_empty() => {
                for (index, inner) in any.all_of.iter().enumerate() {
                    let inner_at = pointer_join(&pointer_join(&pointer, "allOf"), &index.to_string());
                    self.merge_member(inner, &inner_at, merged, depth + 1)?;
                }
                merged.add(self.doc, &any.properties, &any.required, &pointer)
            }
            SchemaKind::AllOf { all_of } => {
                for (index, inner) in all_of.iter().enumerate() {
                    let inner_at = pointer_join(&pointer_join(&pointer, "allOf"), &index.to_string());
                    self.merge_member(inner, &inner_at, merged, depth + 1)?;
                }
                Ok(())
            }
            _ => Err(Diagnostic::spec(
                at,
                "an `allOf` member must be an object schema (properties) for its properties to be merged",
            )),
        }
    }

    fn shape(&self, schema: &'a Schema, pointer: &str) -> Result<Shape<'a>> {
        Ok(match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values: Vec<&String> = s.enumeration.iter().flatten().collect();
                match values.as_slice() {
                    [] => Shape::Primitive(
                        self.formats
                            .type_of(JsonType::String, format_text(&s.format).as_deref()),
                    ),
                    [one] => Shape::SingleValue((*one).clone()),
                    _ => Shape::Named,
                }
            }
            SchemaKind::Type(Type::Integer(i)) => Shape::Primitive(
                self.formats
                    .type_of(JsonType::Integer, format_text(&i.format).as_deref()),
            ),
            SchemaKind::Type(Type::Number(n)) => Shape::Primitive(
                self.formats
                    .type_of(JsonType::Number, format_text(&n.format).as_deref()),
            ),
            SchemaKind::Type(Type::Boolean(_)) => Shape::Primitive(TypeRef::Boolean),
            SchemaKind::Type(Type::Array(a)) => Shape::Array(a.items.as_ref().map(SchemaView::of_boxed)),
            SchemaKind::Type(Type::Object(o)) => {
                object_shape(!o.properties.is_empty(), o.additional_properties.as_ref())
            }
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => Shape::Named,
            SchemaKind::Any(any) => {
                if !any.one_of.is_empty()
                    || !any.any_of.is_empty()
                    || !any.properties.is_empty()
                    || !any.all_of.is_empty()
                {
                    Shape::Named
                } else {
                    let format = any.format.as_deref();
                    match any.typ.as_deref() {
                        Some("string") => Shape::Primitive(self.formats.type_of(JsonType::String, format)),
                        Some("integer") => Shape::Primitive(self.formats.type_of(JsonType::Integer, format)),
                        Some("number") => Shape::Primitive(self.formats.type_of(JsonType::Number, format)),
                        Some("boolean") => Shape::Primitive(TypeRef::Boolean),
                        Some("array") => Shape::Array(any.items.as_ref().map(SchemaView::of_boxed)),
                        Some("object") => object_shape(false, any.additional_properties.as_ref()),
                        None => Shape::Primitive(TypeRef::Json),
                        Some(other) => {
                            return Err(Diagnostic::spec(pointer, format!("unknown schema type `{other}`")));
                        }
                    }
                }
            }
            SchemaKind::AllOf { .. } | SchemaKind::Not { .. } => {
                return Err(Diagnostic::spec(pointer, "internal: composite schema reached shape()"));
            }
        })
    }

    /// The type for a schema that becomes a named Rust type, made once per schema.
    fn named_type(&mut self, schema: &'a Schema, pointer: &str, hint: &str) -> Result<TypeRef> {
        if let Some(name) = self.by_pointer.get(pointer) {
            return Ok(TypeRef::Named {
                name: name.clone(),
                boxed: false,
            });
        }
        let name = match self.component_names.get(pointer) {
            Some((name, warning)) => {
                self.warnings.extend(warning.clone());
                name.clone()
            }
            None => {
                // A schema inside a component is named after where it is, not after the first
                // operation that meets it, so that its name does not depend on the selection.
                // (Inside a component schema, hints already come from the component's name.)
                let in_component =
                    pointer.starts_with("#/components/") && !pointer.starts_with("#/components/schemas/");
                let hint = match in_component {
                    true => refs::reference_hint(pointer).unwrap_or_else(|| hint.to_owned()),
                    false => hint.to_owned(),
                };
                let wanted = naming::type_name(&hint);
                self.claim_derived_type_name(&wanted, pointer, "the type of this schema")
            }
        };
        // Registered before lowering the body so that a recursive reference finds it.
        self.by_pointer.insert(pointer.to_owned(), name.clone());
        let kind = self.type_kind(schema, pointer, &name)?;
        self.types.insert(
            name.clone(),
            TypeDef {
                name: name.clone(),
                docs: schema.schema_data.description.clone(),
                pointer: pointer.to_owned(),
                kind,
                usage: Usage::default(),
                holds_secret: false,
                features: Vec::new(),
            },
        );
        Ok(TypeRef::Named { name, boxed: false })
    }

    fn type_kind(&mut self, schema: &'a Schema, pointer: &str, name: &str) -> Result<TypeKind> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                let values = s.enumeration.iter().flatten().map(|value| (value.as_str(), None));
                Ok(TypeKind::StringEnum(self.string_enum(values, pointer, "enum")?))
            }
            SchemaKind::Type(Type::Object(o)) => {
                let properties = Property::all(&o.properties, pointer);
                Ok(TypeKind::Struct(self.lower_struct(
                    properties,
                    &o.required,
                    pointer,
                    name,
                )?))
            }
            SchemaKind::AllOf { all_of } => {
                let (properties, required) = self.merged_properties(None, all_of, pointer)?;
                Ok(TypeKind::Struct(
                    self.lower_struct(properties, &required, pointer, name)?,
                ))
            }
            SchemaKind::OneOf { one_of } => self.lower_one_of(schema, one_of, &pointer_join(pointer, "oneOf"), name),
            SchemaKind::AnyOf { any_of } => self.lower_one_of(schema, any_of, &pointer_join(pointer, "anyOf"), name),
            SchemaKind::Any(any) if !any.one_of.is_empty() => {
                self.lower_one_of(schema, &any.one_of, &pointer_join(pointer, "oneOf"), name)
            }
            SchemaKind::Any(any) if !any.any_of.is_empty() => {
                self.lower_one_of(schema, &any.any_of, &pointer_join(pointer, "anyOf"), name)
            }
            SchemaKind::Any(any) if !any.all_of.is_empty() => {
                let own = Some((&any.properties, any.required.as_slice()));
                let (properties, required) = self.merged_properties(own, &any.all_of, pointer)?;
                Ok(TypeKind::Struct(
                    self.lower_struct(properties, &required, pointer, name)?,
                ))
            }
            SchemaKind::Any(any) => {
                let properties = Property::all(&any.properties, pointer);
                Ok(TypeKind::Struct(self.lower_struct(
                    properties,
                    &any.required,
                    pointer,
                    name,
                )?))
            }
            _ => Err(Diagnostic::spec(pointer, "internal: schema has no named shape")),
        }
    }

    fn lower_struct(
        &mut self,
        properties: Vec<Property<'a>>,
        required: &[String],
        pointer: &str,
        name: &str,
    ) -> Result<Struct> {
        let component = refs::component_of_pointer(pointer);
        let mut field_names = Namespace::default();
        let mut fields = Vec::with_capacity(properties.len());
        let mut tag = None;
        for Property {
            name: wire_name,
            schema: property,
            pointer: field_pointer,
            nullable: made_nullable,
        } in properties
        {
            let wire_name = &wire_name.to_owned();
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
            if let (None, Some(value)) = (&tag, &lowered.single_value) {
                tag = Some(Tag {
                    property: wire_name.clone(),
                    value: value.clone(),
                    const_name: naming::tag_const_name(wire_name),
                    field: field_name.clone(),
                    field_optional: !is_required || lowered.nullable,
                });
            }
            let secret = self.secret_reason(&field_pointer, wire_name, property, &lowered.ty)?;
            fields.push(Field {
                name: field_name,
                wire_name: wire_name.clone(),
                docs: lowered.description,
                ty: lowered.ty,
                required: is_required,
                nullable: lowered.nullable,
                secret,
                lookup_constructor: None,
                pointer: field_pointer,
            });
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

    /// Whether the property at `pointer` holds a secret, and why: the config's word, else the
    /// document's marks, else its name. Only strings are kept secret.
    fn secret_reason(
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

    /// A `oneOf` (or `anyOf`): a closed set of strings, a tagged union, a union told apart by
    /// type or format, or, when none of these fits, JSON.
    fn lower_one_of(
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
        let mut lowered = Vec::with_capacity(members.len());
        let mut member_docs = Vec::with_capacity(members.len());
        let mut single_values = Vec::with_capacity(members.len());
        let mut titles = Vec::with_capacity(members.len());
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer_join(members_pointer, &index.to_string());
            let hint = member_hint(self.doc, name, index, member);
            let member_lowered = self.lower(SchemaView::of(member), &member_pointer, &hint)?;
            single_values.push(member_lowered.single_value.clone());
            let title = title_of(self.doc, member);
            member_docs.push(member_lowered.description.clone().or_else(|| title.clone()));
            titles.push(title);
            lowered.push(unions::Member {
                ty: member_lowered.ty,
                reference: refs::reference_of(member),
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
        let recognised = unions::recognise(schema.schema_data.discriminator.as_ref(), &lowered, &self.types)?;
        let Some(recognised) = recognised else {
            if let Some((value, at)) = unions::shared_tag(&lowered, &self.types) {
                self.warnings.push(Diagnostic::spec(
                    at,
                    format!(
                        "another member of this `oneOf` has the tag `{value}` too, so a value cannot be told \
                         apart: the union is kept as JSON (give each member its own tag value, or a discriminator)"
                    ),
                ));
            }
            if let Some(order) = unions::by_kind(&lowered, &self.types) {
                let mut names = Namespace::default();
                let variants = order
                    .into_iter()
                    .filter_map(|index| Some((lowered.get(index)?, member_docs.get(index)?, titles.get(index)?)))
                    .map(|(member, docs, title)| {
                        let wanted = match title {
                            Some(title) => naming::variant_name(title),
                            None => naming::variant_name(&unions::kind_word(&member.ty)),
                        };
                        let (name, _) = names.claim_unique(&wanted, &member.pointer);
                        UntaggedVariant {
                            name,
                            ty: member.ty.clone(),
                            docs: docs.clone(),
                            pointer: member.pointer.clone(),
                        }
                    })
                    .collect();
                return Ok(TypeKind::UntaggedUnion(UntaggedUnion { variants }));
            }
            return Ok(TypeKind::UntaggedJson {
                members: lowered.into_iter().map(|m| m.ty).collect(),
            });
        };
        let mut variant_names = Namespace::default();
        let mut variants = Vec::with_capacity(recognised.variants.len());
        let component = refs::component_of_pointer(
            members_pointer
                .strip_suffix(&format!("/{keyword}"))
                .unwrap_or(members_pointer),
        );
        for variant in recognised.variants {
            let variant_name =
                self.variant_name(component, &variant.tag_value, &mut variant_names, &variant.pointer)?;
            let variant_type = self.types.get(&variant.ty);
            let docs = variant_type.and_then(|t| t.docs.clone());
            let description_field = match variant_type.map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => s.description_field.clone(),
                _ => None,
            };
            variants.push(UnionVariant {
                name: variant_name,
                tag_value: variant.tag_value,
                ty: variant.ty,
                docs,
                description_field,
                pointer: variant.pointer,
            });
        }
        let described = variants.iter().all(|v| v.description_field.is_some());
        Ok(TypeKind::TaggedUnion(TaggedUnion {
            tag_is_code: recognised.tag_property == self.conventions.error_code,
            tag_property: recognised.tag_property,
            variants,
            description_property: described.then(|| self.conventions.error_description.clone()),
        }))
    }

    /// A variant for the value `value` of the schema `component`: renamed, or derived (numbered
    /// when an earlier value has the name).
    fn variant_name(
        &mut self,
        component: Option<&str>,
        value: &str,
        names: &mut Namespace,
        at: &str,
    ) -> Result<String> {
        self.variant_name_wanted(component, value, naming::variant_name(value), names, at)
    }

    fn variant_name_wanted(
        &mut self,
        component: Option<&str>,
        value: &str,
        wanted: String,
        names: &mut Namespace,
        at: &str,
    ) -> Result<String> {
        let renamed = component.and_then(|c| self.rename.variants.get(&format!("{c}.{value}")));
        if let Some(name) = renamed {
            return strict_claim(names, name, value, at, "value", "variant");
        }
        let (given, holder) = names.claim_unique(&wanted, value);
        if let Some(holder) = holder {
            let holder = format!("value `{holder}`");
            let what = format!("the variant of value `{value}`");
            self.warnings
                .push(naming::renamed_warning(at, &what, &wanted, &given, &holder));
        }
        Ok(given)
    }

    /// A string enum of `values` (each with its words, if it has any); `pointer` locates the values.
    fn string_enum<'v>(
        &mut self,
        values: impl Iterator<Item = (&'v str, Option<String>)>,
        pointer: &str,
        values_at: &str,
    ) -> Result<StringEnum> {
        let values: Vec<(&str, Option<String>)> = values.collect();
        let sort_orders = naming::sort_order_signs(values.iter().map(|(value, _)| *value));
        let component = refs::component_of_pointer(pointer);
        let mut names = Namespace::default();
        let mut variants = Vec::new();
        for (value, docs) in values {
            if variants.iter().any(|v: &EnumValue| v.value == value) {
                continue;
            }
            let wanted = if sort_orders {
                naming::sort_order_variant(value)
            } else {
                naming::variant_name(value)
            };
            let name =
                self.variant_name_wanted(component, value, wanted, &mut names, &pointer_join(pointer, values_at))?;
            variants.push(EnumValue {
                name,
                value: value.to_owned(),
                docs,
            });
        }
        Ok(StringEnum { variants })
    }
}

type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// One property of an object, wherever it was declared (the object, or one of its `allOf` members).
struct Property<'a> {
    name: &'a str,
    schema: &'a ReferenceOr<Box<Schema>>,
    pointer: String,
    /// Another `allOf` member lets the property be `null`, though this schema does not say so.
    nullable: bool,
}

impl<'a> Property<'a> {
    fn all(properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>, object: &str) -> Vec<Self> {
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
struct Merged<'a> {
    properties: Vec<Property<'a>>,
    required: Vec<String>,
}

impl<'a> Merged<'a> {
    fn add(
        &mut self,
        doc: &'a openapiv3::OpenAPI,
        properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &'a [String],
        object: &str,
    ) -> Result<()> {
        for property in Property::all(properties, object) {
            match self.properties.iter_mut().find(|p| p.name == property.name) {
                Some(earlier) if earlier.schema == property.schema => {}
                Some(earlier) => match merge::compatible(doc, earlier.schema, property.schema) {
                    Some(merge::Merge { keep_later, nullable }) => {
                        let was_nullable = earlier.nullable;
                        if keep_later {
                            *earlier = property;
                        }
                        earlier.nullable = was_nullable || nullable;
                    }
                    None => {
                        return Err(Diagnostic::spec(
                            &property.pointer,
                            format!(
                                "`allOf` members define property `{}` in ways no value can satisfy both (also at {}); \
                                 make them agree, or give the property a type in the config's `types`",
                                property.name, earlier.pointer
                            ),
                        ));
                    }
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

/// Claims a name the config gives by hand: a collision is an error, never a silent change.
fn strict_claim(names: &mut Namespace, name: &str, owner: &str, at: &str, kind: &str, target: &str) -> Result<String> {
    names.claim(name, owner).map_err(|previous| {
        Diagnostic::config(
            format!("rename ({at})"),
            format!("{kind} `{owner}` is renamed to the {target} `{name}`, which {kind} `{previous}` already has"),
        )
    })?;
    Ok(name.to_owned())
}

/// The type names of every component schema, in document order: renamed ones as given (a
/// collision is an error), the others derived and numbered when an earlier one has the name.
fn component_names(
    doc: &openapiv3::OpenAPI,
    rename: &Renames,
    type_names: &mut Namespace,
) -> Result<HashMap<String, (String, Option<Diagnostic>)>> {
    let mut names = HashMap::new();
    let Some(components) = &doc.components else {
        return Ok(names);
    };
    // Hand-given names first, so that a derived name never takes one of them.
    for (component, name) in &rename.schemas {
        let pointer = pointer_join("#/components/schemas", component);
        if let Err(previous) = type_names.claim(name, &pointer) {
            return Err(Diagnostic::config(
                format!("rename.schemas.{component}"),
                format!("`{name}` is already the name of {previous}; choose another"),
            ));
        }
        names.insert(pointer, (name.clone(), None));
    }
    for component in components.schemas.keys() {
        let pointer = pointer_join("#/components/schemas", component);
        if names.contains_key(&pointer) {
            continue;
        }
        let wanted = naming::type_name(component);
        let (given, holder) = type_names.claim_unique(&wanted, &pointer);
        let warning = holder.map(|holder| {
            let holder = format!("the schema at {holder}");
            naming::renamed_warning(&pointer, "the type of this schema", &wanted, &given, &holder)
        });
        names.insert(pointer, (given, warning));
    }
    Ok(names)
}

/// The index of the one member of an `allOf` that says what the value is, when every other
/// member only annotates it (no type, properties, items, composition: a `description`, an
/// `example`, `nullable`).
fn only_substantive_member(all_of: &[ReferenceOr<Schema>]) -> Option<usize> {
    let annotates = |member: &ReferenceOr<Schema>| matches!(member, ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. }) if *any == openapiv3::AnySchema::default());
    let mut substantive = (0..all_of.len()).filter(|&i| !annotates(&all_of[i]));
    match (substantive.next(), substantive.next()) {
        (Some(index), None) => Some(index),
        // Annotations only: any value, as the one member alone would be.
        (None, _) if !all_of.is_empty() => Some(0),
        _ => None,
    }
}

/// How a schema is used in Rust, before any named type is made for it.
enum Shape<'a> {
    Primitive(TypeRef),
    SingleValue(String),
    Array(Option<SchemaView<'a>>),
    Map(SchemaView<'a>),
    Named,
}

/// The schema a union member is, resolved through one `$ref`.
fn resolved<'a>(doc: &'a openapiv3::OpenAPI, member: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
    match member {
        ReferenceOr::Item(schema) => Some(schema),
        ReferenceOr::Reference { reference } => refs::resolve_schema(doc, reference, "#").ok().map(|t| t.schema),
    }
}

fn title_of(doc: &openapiv3::OpenAPI, member: &ReferenceOr<Schema>) -> Option<String> {
    resolved(doc, member).and_then(|s| s.schema_data.title.clone())
}

/// The name hint of an inline union member: its `title`, else its one-value tag, else its one
/// required property, else its place; so that names say what each member is.
fn member_hint(doc: &openapiv3::OpenAPI, parent: &str, index: usize, member: &ReferenceOr<Schema>) -> String {
    let ReferenceOr::Item(schema) = member else {
        return naming::hint::union_member(parent, index);
    };
    if let Some(title) = schema.schema_data.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return title.to_owned();
    }
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
        (None, [only]) => naming::hint::property(parent, only),
        _ => naming::hint::union_member(parent, index),
    }
}

/// A format as the document spells it (`openapiv3` parses the ones 3.0 names into variants).
fn format_text<T: serde::Serialize>(format: &openapiv3::VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        openapiv3::VariantOrUnknownOrEmpty::Item(known) => match serde_json::to_value(known) {
            Ok(serde_json::Value::String(text)) => Some(text),
            _ => None,
        },
        openapiv3::VariantOrUnknownOrEmpty::Unknown(text) => Some(text.clone()),
        openapiv3::VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// A schema the config gives a type of its own: that type, with the schema's nullability and words.
fn overridden(ty: &TypeRef, schema: Option<&Schema>) -> Lowered {
    let data = schema.map(|s| &s.schema_data);
    Lowered {
        nullable: data.is_some_and(|d| d.nullable),
        description: data.and_then(|d| d.description.clone()),
        ..Lowered::plain(ty.clone())
    }
}

fn object_shape<'a>(has_properties: bool, additional: Option<&'a AdditionalProperties>) -> Shape<'a> {
    match (has_properties, additional) {
        (true, _) => Shape::Named,
        (false, Some(AdditionalProperties::Schema(values))) => Shape::Map(SchemaView::of(values)),
        (false, _) => Shape::Primitive(TypeRef::JsonObject),
    }
}

/// Marks `boxed` on every field that would otherwise make a type contain itself.
///
/// Only direct (and `Option`) fields count: `Vec` and maps already put their items on the heap.
pub fn box_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let direct: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), direct_children(def)))
        .collect();
    for def in types.values_mut() {
        let TypeKind::Struct(s) = &mut def.kind else { continue };
        for field in &mut s.fields {
            if let TypeRef::Named { name, boxed } = &mut field.ty
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
                TypeKind::StringEnum(_) => false,
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
        TypeRef::Array(inner) | TypeRef::Map(inner) => refers_to_any(inner, names),
        _ => false,
    }
}

fn direct_children(def: &TypeDef) -> Vec<String> {
    match &def.kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| match &f.ty {
                TypeRef::Named { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect(),
        TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
        TypeKind::UntaggedUnion(u) => u
            .variants
            .iter()
            .filter_map(|v| match &v.ty {
                TypeRef::Named { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect(),
        TypeKind::StringEnum(_) | TypeKind::UntaggedJson { .. } => Vec::new(),
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
