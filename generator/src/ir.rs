//! The intermediate representation: what the client is, with every `$ref` resolved and every name decided.
//!
//! Emitters read only these types. Each node keeps the JSON pointer of the spec node it came from,
//! so that rustdoc and diagnostics can point back at the document.

/// A whole client crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub crate_info: CrateInfo,
    pub title: String,
    /// The first `servers` entry, if any: the default base URL.
    pub default_base_url: Option<String>,
    /// The object key the live API wraps error bodies in, if it does.
    pub error_envelope: Option<String>,
    /// Named types, sorted by name: one per component schema (or inline schema) the operations need.
    pub types: Vec<TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Where the document came from, for generated-file headers (a path relative to the project).
    pub spec_source: String,
}

/// The package a generator run writes.
#[derive(Debug, Clone, PartialEq)]
pub struct CrateInfo {
    pub name: String,
    pub version: String,
    pub description: Option<String>,
    /// `[dev-dependencies]` entries, name → TOML value, written as given.
    pub dev_dependencies: Vec<(String, String)>,
    /// Names of benchmark targets (`benches/<name>.rs`, harness off).
    pub benches: Vec<String>,
}

/// A Rust type the client declares.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Rust type name (UpperCamelCase, unique in the crate).
    pub name: String,
    pub docs: Option<String>,
    /// JSON pointer of the schema this type was made from.
    pub pointer: String,
    pub kind: TypeKind,
    /// Which ways the client moves values of this type.
    pub usage: Usage,
    /// Whether a value of this type holds a secret, directly or inside another type.
    pub holds_secret: bool,
}

/// Whether a type is sent, received, or both; decides which serde traits it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    pub serialize: bool,
    pub deserialize: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string with a fixed set of values; unknown values are kept, not rejected.
    StringEnum(StringEnum),
    /// A `oneOf` whose branches are told apart by the value of one property.
    TaggedUnion(TaggedUnion),
    /// A `oneOf` or `anyOf` with no tag the generator can see: kept as JSON.
    UntaggedJson,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Set when the struct is one branch of an implicitly tagged union: its tag property and value.
    pub tag: Option<Tag>,
    /// Set when the struct is a lookup object (`*Lookup`): one constructor per field.
    pub lookup: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Wire name of the property that carries the tag (Katapult: `code`).
    pub property: String,
    /// The one value the property has for this struct.
    pub value: String,
}

impl Struct {
    /// Whether the struct has the optional string `description` property error objects carry.
    pub fn has_description(&self) -> bool {
        self.fields.iter().any(|f| {
            f.wire_name == "description"
                && f.name == "description"
                && f.ty == TypeRef::String
                && f.optional()
                && !f.secret
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust field name (snake_case, keyword-safe, unique in the struct).
    pub name: String,
    /// Property name on the wire.
    pub wire_name: String,
    pub docs: Option<String>,
    pub ty: TypeRef,
    /// Listed in `required`: absent is a decode error rather than `None`.
    pub required: bool,
    /// `nullable: true`: `null` is a valid value.
    pub nullable: bool,
    /// Flagged as a secret by the config: never printed.
    pub secret: bool,
    pub pointer: String,
}

impl Field {
    /// Whether the Rust field is an `Option`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub variants: Vec<EnumValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// Rust variant name.
    pub name: String,
    /// The string on the wire.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// Wire name of the property whose value selects the variant.
    pub tag_property: String,
    pub variants: Vec<UnionVariant>,
    /// Every variant has a string `description` property (as every error object does).
    pub described: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    pub tag_value: String,
    /// The named struct this variant holds.
    pub ty: String,
    pub docs: Option<String>,
    pub pointer: String,
}

/// A reference to a type, as used by a field, parameter or response.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value.
    Json,
    /// A free-form JSON object.
    JsonObject,
    Array(Box<TypeRef>),
    /// An object whose values all have one type (`additionalProperties: {schema}`).
    Map(Box<TypeRef>),
    /// A named type in [`Api::types`]; `boxed` where it closes a cycle.
    Named {
        name: String,
        boxed: bool,
    },
}

/// One HTTP operation: one client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub operation_id: String,
    /// Rust method name (snake_case).
    pub method_name: String,
    /// Prefix for the operation's own types (UpperCamelCase), e.g. `…Error`.
    pub type_prefix: String,
    /// The module (`src/operations/<module>.rs`) the operation goes in: its first tag, snake_case.
    pub module: String,
    pub http_method: HttpMethod,
    /// Path template relative to the base URL, e.g. `/object_storage/access_keys/access_key/generate_credentials`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Scopes the operation needs, as the document lists them per security scheme.
    pub scopes: Vec<ScopeRequirement>,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub success: Vec<SuccessResponse>,
    pub errors: Vec<ErrorResponse>,
    /// Answers that mean "not ready yet"; when any, the operation gets a `…_when_ready` method.
    pub wait_while: Vec<PendingAnswer>,
    pub pointer: String,
}

/// A documented error that means "call again later" (Katapult: 422 `object_storage_provisioning_error`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAnswer {
    pub status: u16,
    pub code: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// Whether sending the request twice has the same effect as sending it once (RFC 9110 §9.2.2).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, HttpMethod::Post | HttpMethod::Patch)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeRequirement {
    pub scheme: String,
    pub scopes: Vec<String>,
}

/// A query or path parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// Rust argument name.
    pub name: String,
    pub wire_name: String,
    pub docs: Option<String>,
    pub ty: TypeRef,
    pub required: bool,
    /// The value the API uses when the parameter is left out, as JSON.
    pub default: Option<String>,
    /// For array parameters that are columns of one array of objects (`annotations[][key]`,
    /// `annotations[][value]`): the shared prefix (`annotations[]`). Their items are sent
    /// interleaved, one object at a time, which is how Rack-style servers pair them up.
    pub row_group: Option<String>,
    pub location: ParameterLocation,
    pub pointer: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    Query,
    Path,
}

/// A JSON request body.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// An object whose properties become the method's arguments; the named struct is serialized.
    Fields { ty: String },
    /// An object the document gives no properties: `{}` is sent.
    EmptyObject,
    /// Any other schema: the method takes the whole body as one argument.
    Value { ty: TypeRef },
}

impl RequestBody {
    /// The named struct whose fields are the method's arguments, if the body is one.
    pub fn fields_type(&self) -> Option<&str> {
        match self {
            RequestBody::Fields { ty } => Some(ty),
            _ => None,
        }
    }
}

/// A documented 2xx response.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessResponse {
    pub status: u16,
    pub docs: Option<String>,
    pub body: ResponseBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    Json(TypeRef),
    Text,
    Empty,
}

/// A documented non-2xx response: one variant of the operation's error enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    pub status: u16,
    /// Rust variant name in the operation's error enum (from the status' reason phrase).
    pub variant: String,
    pub docs: Option<String>,
    pub body: ResponseBody,
    /// What the body type can say about itself: whether it has a `code` and a `description`.
    pub shape: ErrorShape,
    pub pointer: String,
}

/// How an error body exposes its code and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorShape {
    /// A tagged union of error objects: the union knows its code (`tag()`), and maybe its description.
    Union { described: bool },
    /// A tagged error object: the code is in `tag_field`, or is `tag_const` when the body leaves it out.
    Object {
        ty: String,
        tag_field: String,
        tag_optional: bool,
        tag_const: String,
        has_description: bool,
    },
    /// Anything else: no code to report.
    Opaque,
}

impl Api {
    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }
}
