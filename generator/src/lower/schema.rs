//! Lowering of schemas: `$ref`s resolved, wrappers unwrapped, named types decided.
//!
//! One home per shape: objects and `allOf` in `objects`, string enums in `enums`, `oneOf`/`anyOf`
//! in `one_of`, a base that other schemas extend in `inheritance`, what is decided over all types
//! at once in `graph`; formats and the config's types in `super::formats`, `allOf` property
//! merges in `super::merge`.

use std::collections::{BTreeMap, HashMap};

use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type};

use crate::config::{Conventions, NullAndAbsent, Renames};
use crate::diagnostic::{Diagnostic, Result, pointer_join};
use crate::ir::{
    DeclaredMember, EnumValue, Field, IntegerEnum, IntegerValue, MemberVariant, OneMemberUnion, SecretReason,
    StringEnum, Struct, Tag, TaggedUnion, TypeDef, TypeKind, TypeRef, UnionVariant, UntaggedUnion, UntaggedVariant,
    Usage,
};
use crate::load::ref_siblings::RefSiblings;
use crate::naming::{self, Namespace};

use super::formats::{Formats, JsonType, TypeOverrides};
use super::merge;
use super::refs::{self, SchemaView};
use super::secrets::{self, SecretConfig};
use super::unions;

mod enums;
mod graph;
mod inheritance;
mod objects;
mod one_member;
mod one_of;
mod open_objects;

pub use graph::{box_cycles, flag_secret_holders, mark_object_members};
pub use objects::Synthesized;
use objects::{Extra, Property};
use one_member::OneMemberBounds;

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
    /// The type as an array's items or a map's values: an `Option` when `null` is one of them
    /// (free-form JSON holds `null` already).
    pub(crate) fn held(self) -> TypeRef {
        match self.ty {
            TypeRef::Json => TypeRef::Json,
            ty if self.nullable => TypeRef::Nullable(Box::new(ty)),
            ty => ty,
        }
    }

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
    /// Schemas the lowering makes (merged `allOf` properties), alive as long as the document.
    arena: &'a Synthesized,
    /// Named types made so far, by name.
    pub types: BTreeMap<String, TypeDef>,
    /// Pointer of a schema → name of the type made from it, so each schema gives one type.
    by_pointer: HashMap<String, String>,
    /// The pointers and type names added to `by_pointer` and `types`, in order, so that a
    /// rollback removes what came after its checkpoint without copying every key at each one.
    added: Vec<Added>,
    type_names: Namespace,
    /// What the config says is secret, or not.
    secrets: SecretConfig,
    /// Guards against a `$ref` chain or `allOf` nesting deeper than any real document has.
    depth: usize,
    /// The pointers of the `$ref` targets being lowered, outermost first: a target met again
    /// inside itself without becoming a named type (a list or a map of itself) has no Rust type.
    refs_in_progress: Vec<String>,
    /// Schemas lowered so far, against [`MAX_LOWERED`].
    lowered: usize,
    conventions: Conventions,
    /// Whether optional `nullable` members keep `null` apart from absent.
    null_and_absent: NullAndAbsent,
    rename: Renames,
    formats: Formats,
    overrides: TypeOverrides,
    /// What a 3.0 document writes beside a `$ref` (a description, `nullable`), by the reference's pointer.
    ref_siblings: &'a BTreeMap<String, RefSiblings>,
    /// Names decided another way than the plain rule (a collision resolved), to report.
    pub warnings: Vec<Diagnostic>,
    /// The type name of every component schema, decided up front in document order so that it
    /// does not depend on which operations are selected; with the warning to give if it is used.
    component_names: HashMap<String, (String, Option<Diagnostic>)>,
    /// Unions inside a cycle, decided when the outermost `lower` returns.
    pending_unions: Vec<one_of::PendingUnion<'a>>,
    /// Component schemas met deeper than [`DEFER_DEPTH`]: named at once, lowered when the
    /// outermost `lower` returns (schema, pointer, name).
    deferred: Vec<(&'a Schema, String, String)>,
    /// Each component's plain type name (`naming::type_name` of its key) → the first component
    /// with it, in document order; built at the first lookup-parameter question.
    plain_component_names: std::cell::OnceCell<HashMap<String, &'a str>>,
}

impl<'a> SchemaLowerer<'a> {
    /// The component schema whose key's plain type name is `wanted` (the first in document
    /// order), with its key. One pass over the components, however many questions.
    pub fn component_by_plain_name(&self, wanted: &str) -> Option<(&'a str, &'a ReferenceOr<Schema>)> {
        let doc = self.doc;
        let components = &doc.components.as_ref()?.schemas;
        let names = self.plain_component_names.get_or_init(|| {
            let mut names = HashMap::with_capacity(components.len());
            for name in components.keys() {
                names.entry(crate::naming::type_name(name)).or_insert(name.as_str());
            }
            names
        });
        let key = *names.get(wanted)?;
        components.get_key_value(key).map(|(k, v)| (k.as_str(), v))
    }
}

/// What [`SchemaLowerer::rollback`] goes back to: the types and schemas known at a point.
pub struct Checkpoint {
    added: usize,
    warnings: usize,
}

/// One entry of [`SchemaLowerer`]'s record of additions.
enum Added {
    Pointer(String),
    Type(String),
}

const MAX_DEPTH: usize = 64;

/// How many schemas one document may lower to, in all: fifty times the largest real document
/// measured (DigitalOcean's, under 20,000), room for the largest published ones. A schema that
/// copies itself into itself would otherwise make new types until memory runs out; past this,
/// generation stops with an error at the schema.
const MAX_LOWERED: usize = 1_000_000;

/// How deep a chain of `$ref`s to component schemas is followed at once. A large document's
/// components refer to one another in chains longer than any nesting a schema has inline (a
/// customer's invoice's subscription's plan's product …): a component met deeper is named at once
/// and lowered after the outermost schema, so that only inline nesting counts against
/// [`MAX_DEPTH`].
const DEFER_DEPTH: usize = 24;

impl<'a> SchemaLowerer<'a> {
    pub fn new(
        doc: &'a openapiv3::OpenAPI,
        arena: &'a Synthesized,
        secrets: SecretConfig,
        (conventions, null_and_absent): (Conventions, NullAndAbsent),
        rename: Renames,
        (formats, overrides): (Formats, TypeOverrides),
        ref_siblings: &'a BTreeMap<String, RefSiblings>,
    ) -> Result<Self> {
        let mut type_names = naming::crate_root_namespace();
        let component_names = component_names(doc, &rename, &mut type_names)?;
        Ok(SchemaLowerer {
            doc,
            arena,
            types: BTreeMap::new(),
            by_pointer: HashMap::new(),
            added: Vec::new(),
            type_names,
            secrets,
            depth: 0,
            refs_in_progress: Vec::new(),
            lowered: 0,
            conventions,
            null_and_absent,
            rename,
            formats,
            overrides,
            ref_siblings,
            warnings: Vec::new(),
            component_names,
            pending_unions: Vec::new(),
            deferred: Vec::new(),
            plain_component_names: std::cell::OnceCell::new(),
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
            added: self.added.len(),
            warnings: self.warnings.len(),
        }
    }

    /// Forgets every type made since `checkpoint`: an operation that failed half-way leaves no
    /// type behind that names a type that was never finished.
    pub fn rollback(&mut self, checkpoint: Checkpoint) {
        for added in self.added.drain(checkpoint.added..) {
            match added {
                Added::Pointer(pointer) => {
                    self.by_pointer.remove(&pointer);
                }
                Added::Type(name) => {
                    self.types.remove(&name);
                }
            }
        }
        self.warnings.truncate(checkpoint.warnings);
    }

    /// Lowers a schema found at `pointer`; `hint` names it if it needs a type and has no name of its own.
    pub fn lower(&mut self, view: SchemaView<'a>, pointer: &str, hint: &str) -> Result<Lowered> {
        self.lowered = self.lowered.saturating_add(1);
        if self.lowered > MAX_LOWERED {
            return Err(Diagnostic::spec(
                pointer,
                format!(
                    "the document expands into more than {MAX_LOWERED} schemas, which no real document does \
                     (the largest known take under 20,000): is a schema copied into itself?"
                ),
            ));
        }
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
        if self.depth == 0 && (!self.pending_unions.is_empty() || !self.deferred.is_empty()) {
            match &result {
                Ok(_) => {
                    if let Err(error) = self.lower_deferred() {
                        self.deferred.clear();
                        self.pending_unions.clear();
                        return Err(error);
                    }
                    self.decide_pending_unions()?;
                }
                // The operation fails, and its types are rolled back.
                Err(_) => {
                    self.pending_unions.clear();
                    self.deferred.clear();
                }
            }
        }
        result
    }

    /// Lowers the component schemas met too deep to lower where they were met (and those they
    /// meet in turn), each as if it were the outermost.
    fn lower_deferred(&mut self) -> Result<()> {
        while let Some((schema, pointer, name)) = self.deferred.pop() {
            self.depth += 1;
            let kind = self.type_kind(schema, &pointer, &name);
            self.depth -= 1;
            self.insert_type(&name, schema, &pointer, kind?);
        }
        Ok(())
    }

    fn lower_inner(&mut self, view: SchemaView<'a>, pointer: &str, hint: &str) -> Result<Lowered> {
        if let Some(ty) = self.overrides.get(pointer) {
            return Ok(overridden(ty, view.as_item()));
        }
        match view {
            // `$ref: ""` (or `#`) names the whole document, which is no schema: the document
            // says nothing of the value, so it is kept as JSON, as a schema of `{}` would be.
            SchemaView::Ref(reference) if reference.is_empty() || reference == "#" => {
                let warning = Diagnostic::spec(
                    pointer,
                    format!(
                        "`$ref: \"{reference}\"` names the whole document, which is no schema: the value is kept as JSON \
                         (point it at what was meant, such as `#/components/schemas/<name>`)"
                    ),
                );
                if !self.warnings.contains(&warning) {
                    self.warnings.push(warning);
                }
                Ok(Lowered::plain(TypeRef::Json))
            }
            SchemaView::Ref(reference) => {
                let target = refs::resolve_schema(self.doc, reference, pointer)?;
                if let Some(ty) = self.overrides.get(&target.pointer) {
                    return Ok(overridden(ty, Some(target.schema)));
                }
                let name = refs::reference_hint(&target.pointer).unwrap_or_else(|| hint.to_owned());
                // `Tree: {additionalProperties: {$ref: Tree}}`, `Nested: {items: {$ref: Nested}}`:
                // a map or a list of itself is no named type, so its Rust type would hold itself
                // without end. Inside itself, it is kept as JSON.
                if self.refs_in_progress.contains(&target.pointer) && !self.by_pointer.contains_key(&target.pointer) {
                    let warning = Diagnostic::spec(
                        pointer,
                        format!("`{reference}` is a list or a map that holds itself: inside itself it is kept as JSON"),
                    );
                    if !self.warnings.contains(&warning) {
                        self.warnings.push(warning);
                    }
                    return Ok(Lowered::plain(TypeRef::Json));
                }
                self.refs_in_progress.push(target.pointer.clone());
                let lowered = self.lower_schema(target.schema, &target.pointer, &name);
                self.refs_in_progress.pop();
                let mut lowered = lowered?;
                // A description on the referenced component describes the type, not this use of it;
                // one written beside the `$ref` does. `nullable: true` beside it says that this
                // use may be `null`, which 3.0 leaves unsaid but every author means.
                let siblings = self.ref_siblings.get(pointer);
                if let Some(description) = siblings.and_then(|s| s.description.as_ref()) {
                    lowered.description = Some(description.clone());
                } else if matches!(lowered.ty, TypeRef::Named { .. }) {
                    lowered.description = None;
                }
                lowered.nullable |= siblings.is_some_and(|s| s.nullable);
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
            // `{allOf: [$ref: Iban], type: string, nullable: true}`, `{allOf: [$ref: Kind], enum:
            // [a, b]}`: a wrapper that refines one referenced value with its own type, words,
            // nullability or a narrower enum is that value's type, with what the wrapper adds.
            SchemaKind::Any(any)
                if let Some(index) = refined_member(any)
                    && !self.requires_more_than_member(any, index) =>
            {
                let lowered = self.lower_all_of(&any.all_of, index, pointer, hint)?;
                self.narrowed(lowered, &any.enumeration, pointer, hint)
            }
            SchemaKind::Not { .. } if allows_nothing(schema) => {
                return Err(Diagnostic::spec(
                    pointer,
                    "no value is allowed here (`not: {}`, or 3.1's `false`): remove the schema, or say what the value is",
                ));
            }
            // "Anything but X" has no Rust type narrower than any JSON value.
            SchemaKind::Not { .. } => {
                self.warnings.push(Diagnostic::spec(
                    pointer,
                    "a `not` schema (any value but the one it names) is kept as JSON",
                ));
                Lowered::plain(TypeRef::Json)
            }
            _ if let Some(lowered) = self.union_as_member(schema, pointer, hint)? => lowered,
            _ => match self.shape(schema, pointer)? {
                Shape::Primitive(ty) => Lowered::plain(ty),
                Shape::SingleValue(value) => Lowered {
                    single_value: Some(value),
                    ..Lowered::plain(TypeRef::String)
                },
                Shape::Array(items) => {
                    let items_pointer = pointer_join(pointer, "items");
                    let item = match items {
                        Some(items) => self
                            .lower(items, &items_pointer, &naming::hint::array_item(hint))?
                            .held(),
                        None => TypeRef::Json,
                    };
                    Lowered::plain(TypeRef::Array(Box::new(item)))
                }
                Shape::Map(values) => {
                    let values_pointer = pointer_join(pointer, "additionalProperties");
                    let value = self
                        .lower(values, &values_pointer, &naming::hint::map_value(hint))?
                        .held();
                    Lowered::plain(TypeRef::Map(Box::new(value)))
                }
                Shape::Named => Lowered::plain(self.named_type(schema, pointer, hint)?),
            },
        };
        lowered.nullable |= data.nullable || self.a_member_is_nullable(schema, pointer);
        if data.description.is_some() {
            lowered.description.clone_from(&data.description);
        }
        Ok(lowered)
    }

    /// A `oneOf` or `anyOf` with a `nullable` member (`anyOf: [{type: object, nullable: true},
    /// {$ref: Droplet}]`) accepts `null`, as that member does: the union is nullable, so that a
    /// `null` is kept (and told apart from an absent member) rather than read as absent. An
    /// `allOf` of members that are all nullable accepts `null` too: `null` satisfies each.
    fn a_member_is_nullable(&self, schema: &'a Schema, pointer: &str) -> bool {
        let nullable = |member: &ReferenceOr<Schema>| match member {
            ReferenceOr::Item(member) => member.schema_data.nullable,
            ReferenceOr::Reference { reference } => refs::resolve_schema(self.doc, reference, pointer)
                .is_ok_and(|target| target.schema.schema_data.nullable),
        };
        match &schema.schema_kind {
            SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => {
                members.iter().any(nullable)
            }
            SchemaKind::AllOf { all_of } => !all_of.is_empty() && all_of.iter().all(nullable),
            _ => false,
        }
    }

    /// `allOf` with one member, or one member beside members that only annotate
    /// (`[{$ref: X}, {description: …}]`), is how a document adds `description` or `nullable` to
    /// a `$ref`: it is that member's type, not a copy of it, with what the annotations add.
    /// A referenced enum narrowed by the `enum` beside it (`{enum: [2], allOf: [$ref: Kinds]}`):
    /// one string is that value (a tag, as `{enum: [vpc]}` is); integers are an enum of their own,
    /// its variants named as the referenced enum names them. Anything else is `lowered` as it is.
    fn narrowed(&mut self, lowered: Lowered, values: &[serde_json::Value], pointer: &str, hint: &str) -> Lowered {
        let TypeRef::Named { name, .. } = &lowered.ty else {
            return lowered;
        };
        if values.is_empty() {
            return lowered;
        }
        match self.types.get(name).map(|t| &t.kind) {
            Some(TypeKind::StringEnum(_)) => match values {
                [serde_json::Value::String(one)] => Lowered {
                    ty: TypeRef::String,
                    single_value: Some(one.clone()),
                    ..lowered
                },
                _ => lowered,
            },
            Some(TypeKind::IntegerEnum(wide)) => {
                let Some(numbers) = values
                    .iter()
                    .map(serde_json::Value::as_i64)
                    .collect::<Option<Vec<i64>>>()
                else {
                    return lowered;
                };
                let mut variants: Vec<IntegerValue> = Vec::with_capacity(numbers.len());
                for value in numbers {
                    if variants.iter().any(|v| v.value == value) {
                        continue;
                    }
                    let known = wide.variants.iter().find(|v| v.value == value);
                    variants.push(IntegerValue {
                        name: known.map_or_else(String::new, |v| v.name.clone()),
                        value,
                        docs: known.and_then(|v| v.docs.clone()),
                    });
                }
                // The referenced names first; a value the referenced enum lacks is named apart.
                let mut names = Namespace::default();
                for known in variants.iter().filter(|v| !v.name.is_empty()) {
                    names.claim_unique(&known.name, &known.value.to_string());
                }
                for unknown in variants.iter_mut().filter(|v| v.name.is_empty()) {
                    let wanted = naming::integer_variant_name(unknown.value);
                    unknown.name = names.claim_unique(&wanted, &unknown.value.to_string()).0;
                }
                if variants.len() >= wide.variants.len() {
                    return lowered;
                }
                let wide_name = name.clone();
                let name = match self.by_pointer.get(pointer) {
                    Some(made) => made.clone(),
                    None => {
                        let name = self.claim_derived_type_name(
                            &naming::type_name(hint),
                            pointer,
                            "the type of this narrowed enum",
                        );
                        self.by_pointer.insert(pointer.to_owned(), name.clone());
                        self.added.push(Added::Pointer(pointer.to_owned()));
                        let replaced = self.types.insert(
                            name.clone(),
                            TypeDef {
                                name: name.clone(),
                                docs: Some(format!("The values of `{wide_name}` allowed here.")),
                                pointer: pointer.to_owned(),
                                kind: TypeKind::IntegerEnum(IntegerEnum { variants }),
                                usage: Usage::default(),
                                holds_secret: false,
                                features: Vec::new(),
                            },
                        );
                        if replaced.is_none() {
                            self.added.push(Added::Type(name.clone()));
                        }
                        name
                    }
                };
                Lowered {
                    ty: TypeRef::Named { name, boxed: false },
                    ..lowered
                }
            }
            _ => lowered,
        }
    }

    /// Whether a wrapper that refines one `allOf` member (`{allOf: [$ref: Field], required:
    /// [id, namespace]}`) requires a member the member's object does not: it is then an object
    /// of its own, the member's properties with more of them required (and one for each name no
    /// property defines), not the member as it is. `required` beside a scalar or a union says
    /// nothing of the value's type.
    fn requires_more_than_member(&self, any: &openapiv3::AnySchema, index: usize) -> bool {
        if any.required.is_empty() {
            return false;
        }
        let Some(member) = any
            .all_of
            .get(index)
            .and_then(|m| refs::schema_of(self.doc, SchemaView::of(m)))
        else {
            return false;
        };
        let required: &[String] = match &member.schema_kind {
            SchemaKind::Type(Type::Object(object)) => &object.required,
            SchemaKind::Any(inner) if !inner.properties.is_empty() || !inner.all_of.is_empty() => &inner.required,
            SchemaKind::AllOf { .. } => &[],
            _ => return false,
        };
        any.required.iter().any(|name| !required.contains(name))
    }

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
            // A closed set of integers is an enum of them (a value beyond `i64` is not in one).
            SchemaKind::Type(Type::Integer(i)) if i.enumeration.iter().any(Option::is_some) => Shape::Named,
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
                        // Swagger 2's `type: file`, which documents converted to 3.0 keep: a binary string.
                        Some("file") => Shape::Primitive(self.formats.type_of(JsonType::String, Some("binary"))),
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
        if self.by_pointer.insert(pointer.to_owned(), name.clone()).is_none() {
            self.added.push(Added::Pointer(pointer.to_owned()));
        }
        if self.depth > DEFER_DEPTH && pointer.starts_with("#/components/schemas/") {
            self.deferred.push((schema, pointer.to_owned(), name.clone()));
            return Ok(TypeRef::Named { name, boxed: false });
        }
        let kind = self.type_kind(schema, pointer, &name)?;
        self.insert_type(&name, schema, pointer, kind);
        Ok(TypeRef::Named { name, boxed: false })
    }

    fn insert_type(&mut self, name: &str, schema: &Schema, pointer: &str, kind: TypeKind) {
        let replaced = self.types.insert(
            name.to_owned(),
            TypeDef {
                name: name.to_owned(),
                docs: schema.schema_data.description.clone(),
                pointer: pointer.to_owned(),
                kind,
                usage: Usage::default(),
                holds_secret: false,
                features: Vec::new(),
            },
        );
        if replaced.is_none() {
            self.added.push(Added::Type(name.to_owned()));
        }
    }

    fn type_kind(&mut self, schema: &'a Schema, pointer: &str, name: &str) -> Result<TypeKind> {
        if let Some(union) = self.subtype_union(schema, pointer, name)? {
            return Ok(union);
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::Integer(i)) => {
                // Names and words the document gives the values (`x-enum-varnames`,
                // `x-enumNames`: what .NET and Java tools write for their enums' numbers).
                let given = |keys: &[&str]| {
                    keys.iter()
                        .find_map(|key| schema.schema_data.extensions.get(*key)?.as_array())
                        .filter(|given| given.len() == i.enumeration.len())
                };
                let names = given(&["x-enum-varnames", "x-enumNames", "x-enum-names"]);
                let descriptions = given(&["x-enum-descriptions", "x-enumDescriptions"]);
                let at = |list: Option<&Vec<serde_json::Value>>, index: usize| {
                    list.and_then(|list| list.get(index)?.as_str()).map(str::to_owned)
                };
                let values = i.enumeration.iter().enumerate().filter_map(|(index, value)| {
                    Some(enums::NamedInteger {
                        value: (*value)?,
                        title: at(names, index),
                        docs: at(descriptions, index),
                    })
                });
                Ok(TypeKind::IntegerEnum(self.named_integer_enum(values, pointer, "enum")?))
            }
            SchemaKind::Type(Type::String(s)) => {
                let values = s.enumeration.iter().flatten().map(|value| (value.as_str(), None));
                Ok(TypeKind::StringEnum(self.string_enum(values, pointer, "enum")?))
            }
            SchemaKind::Type(Type::Object(o)) => {
                let bounds = OneMemberBounds {
                    properties: &o.properties,
                    required: &o.required,
                    min_properties: o.min_properties,
                    max_properties: o.max_properties,
                };
                if let Some(union) = self.one_member_union(bounds, pointer, name)? {
                    return Ok(TypeKind::OneMember(union));
                }
                let properties = Property::all(&o.properties, pointer);
                Ok(TypeKind::Struct(self.lower_struct(
                    properties,
                    &o.required,
                    pointer,
                    name,
                    Extra::of(o.additional_properties.as_ref(), pointer),
                )?))
            }
            SchemaKind::AllOf { all_of } => {
                let merged = self.merged_properties(None, all_of, pointer)?;
                self.warnings.extend(merged.warnings);
                Ok(TypeKind::Struct(self.lower_struct(
                    merged.properties,
                    &merged.required,
                    pointer,
                    name,
                    merged.additional,
                )?))
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
                let merged = self.merged_properties(own, &any.all_of, pointer)?;
                self.warnings.extend(merged.warnings);
                // The object's own word on extra members comes first; else a member's.
                let additional = Extra::of(any.additional_properties.as_ref(), pointer).or(merged.additional);
                Ok(TypeKind::Struct(self.lower_struct(
                    merged.properties,
                    &merged.required,
                    pointer,
                    name,
                    additional,
                )?))
            }
            SchemaKind::Any(any) => {
                let bounds = OneMemberBounds {
                    properties: &any.properties,
                    required: &any.required,
                    min_properties: any.min_properties,
                    max_properties: any.max_properties,
                };
                if let Some(union) = self.one_member_union(bounds, pointer, name)? {
                    return Ok(TypeKind::OneMember(union));
                }
                let properties = Property::all(&any.properties, pointer);
                Ok(TypeKind::Struct(self.lower_struct(
                    properties,
                    &any.required,
                    pointer,
                    name,
                    Extra::of(any.additional_properties.as_ref(), pointer),
                )?))
            }
            _ => Err(Diagnostic::spec(pointer, "internal: schema has no named shape")),
        }
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

/// The member of an `allOf` that a schema beside it only refines: the schema has no members,
/// items or unions of its own, at most a `type` other than `array` (the member's), and the `allOf` has one
/// member that says what the value is.
fn refined_member(any: &openapiv3::AnySchema) -> Option<usize> {
    // `type: object` beside a `$ref` only repeats what the referenced object (or union of
    // objects) is; the lowering of the member finds a contradiction if there is one.
    let scalar = matches!(
        any.typ.as_deref(),
        None | Some("string" | "integer" | "number" | "boolean" | "object")
    );
    let own_shape = !any.properties.is_empty()
        || any.additional_properties.is_some()
        || any.items.is_some()
        || !any.one_of.is_empty()
        || !any.any_of.is_empty()
        || any.not.is_some();
    if !scalar || own_shape || any.all_of.is_empty() {
        return None;
    }
    only_substantive_member(&any.all_of)
}

/// `{}`: a schema that says nothing, so allows any value.
/// `not: {}` (3.1's `false`): no value at all.
pub(super) fn allows_nothing(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Not { not } if matches!(&**not, ReferenceOr::Item(inner) if allows_anything(inner)))
}

fn allows_anything(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
}

/// How a schema is used in Rust, before any named type is made for it.
enum Shape<'a> {
    Primitive(TypeRef),
    SingleValue(String),
    Array(Option<SchemaView<'a>>),
    Map(SchemaView<'a>),
    Named,
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
