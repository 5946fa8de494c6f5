//! The intermediate representation: what the client is, with every `$ref` resolved and every name decided.
//!
//! Emitters read only these types. Each node keeps the JSON pointer of the spec node it came from,
//! so that rustdoc and diagnostics can point back at the document.

/// The generated modules of a client crate.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    /// The first `servers` entry, if any: the default base URL.
    pub default_base_url: Option<String>,
    /// For the client's documentation, when there is no default base URL: what to give instead.
    pub base_url_note: Option<String>,
    /// For the client's documentation, when a scheme is not a bearer token: how to send each.
    pub auth_note: Option<String>,
    /// What the runtime is told about the API besides its base URL.
    pub profile: Profile,
    /// The runtime's items the generated crate re-exports at its root (names claimed before any schema's).
    pub runtime_reexports: Vec<String>,
    /// Named types, sorted by name: one per component schema (or inline schema) the operations need.
    pub types: Vec<TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Selected operations left out because the generator cannot make them (`unsupported: skip`).
    pub skipped: Vec<SkippedOperation>,
    /// What the generator decided that a reader may not expect (a name changed to avoid another).
    pub warnings: Vec<crate::Diagnostic>,
    /// The cargo features, one per operation module, when the config asks for them.
    pub features: Vec<Feature>,
    /// Where the document came from, for generated-file headers (a path relative to the project).
    pub spec_source: String,
    /// The command that regenerates the files, for their headers.
    pub regenerate_command: String,
    /// The cargo feature that compiles the typed mocks; `None`: no mocks.
    pub mock_feature: Option<String>,
}

/// A cargo feature that turns one tag's operations on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feature {
    pub name: String,
    /// The tag, as the document spells it (for documentation).
    pub tag: String,
    /// On in the crate's `default` feature.
    pub default: bool,
}

/// The API's dialect as the runtime needs it (from the config's `conventions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The object key the live API wraps error bodies in, if it does.
    pub error_envelope: Option<String>,
    pub request_id_header: Option<String>,
    pub rate_limit_header: Option<String>,
    pub rate_limit_remaining_header: Option<String>,
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
    /// The features of the operations that reach this type: it is compiled when any is on.
    /// Empty when the crate has no features (always compiled).
    pub features: Vec<String>,
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
    /// An integer with a fixed set of values (`enum: [512, 2048, 4096]`); unknown values are
    /// kept, not rejected.
    IntegerEnum(IntegerEnum),
    /// A `oneOf` whose branches are told apart by the value of one property.
    TaggedUnion(TaggedUnion),
    /// A `oneOf` or `anyOf` with no tag the generator can see: kept as JSON. `members` are the
    /// types of a `oneOf`'s members (a value may be any of them; one may hold a secret).
    UntaggedJson {
        members: Vec<TypeRef>,
    },
    /// A `oneOf` or `anyOf` whose members are told apart by JSON type or `format` (a uuid or a
    /// name; a number or a string): decoding tries the variants in their order, most specific first.
    UntaggedUnion(UntaggedUnion),
    /// An object with exactly one of its members (`maxProperties: 1`, `minProperties: 1`, none
    /// required): a variant per member; an unknown member is kept.
    OneMember(OneMemberUnion),
}

impl TypeKind {
    /// The types its fields or variants hold, as written: a struct's fields, the variants of a
    /// union told apart by type or of one member. Empty for a tagged union (its variants are the
    /// named structs in its `variants`), a string enum, and JSON.
    pub fn held_types(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::UntaggedUnion(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::OneMember(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::TaggedUnion(_)
            | TypeKind::StringEnum(_)
            | TypeKind::IntegerEnum(_)
            | TypeKind::UntaggedJson { .. } => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneMemberUnion {
    pub variants: Vec<MemberVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberVariant {
    /// Rust variant name.
    pub name: String,
    /// The member's name on the wire.
    pub member: String,
    pub ty: TypeRef,
    pub docs: Option<String>,
    /// The property's pointer.
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedUnion {
    pub variants: Vec<UntaggedVariant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UntaggedVariant {
    pub name: String,
    pub ty: TypeRef,
    /// The one string the member allows (`{type: string, enum: [""]}`, Stripe's "unset", or
    /// `auto`), when no other member takes strings: the variant is that value, with no payload,
    /// and decodes from that string only.
    pub literal: Option<String>,
    /// The member is a struct: it is read from a JSON object only (serde would also read its
    /// fields from an array, taking a list meant for another member).
    pub object_only: bool,
    /// Objects whose members overlap (`url` in two kinds of log sink, no tag): the wire names the
    /// member's struct declares. A value is first decoded as the first variant that declares
    /// every member it has, so that no member is dropped when one variant keeps them all; only
    /// then as the first that takes it.
    pub declared_members: Option<Vec<DeclaredMember>>,
    /// Objects of one shape told apart by their tags (a deleted bank account and a deleted
    /// card): the tag's property and this variant's value, checked before the value is read
    /// (a struct alone takes any value of its tag).
    pub tag_check: Option<(String, String)>,
    /// The wire names of the members the variant's struct requires that may be `null`: serde
    /// reads an absent `Option` as `None`, so a value is read as this variant only when it has
    /// them (`{}` is not `{"id": null}`, and may be another member).
    pub required_nullable: Vec<String>,
    /// A member that keeps every member of an object (any object, a map, or a struct with
    /// `additionalProperties`, whose extras go to its map) in a union whose other members are
    /// told apart by the members they declare: an object no member declares all of is read as
    /// the first such one, before a struct that would drop some.
    pub takes_any_object: bool,
    /// The last variant of such a union, `Other(serde_json::Value)`: a value no member takes
    /// (a document whose examples contradict its schema) is kept whole instead of failing the
    /// answer. Left out of a union that holds a secret, whose `Debug` would show it.
    pub keeps_any: bool,
    pub docs: Option<String>,
    /// The member's pointer.
    pub pointer: String,
}

/// A member a union's struct declares (see [`UntaggedVariant::declared_members`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredMember {
    pub wire_name: String,
    /// Where another member of the union declares a member of this name as a different object
    /// (each kind of cache variable has a `configuration` of its own): the members this one's
    /// object declares, looked into as well, so that a value with another's configuration is
    /// not taken for this member.
    pub within: Option<Vec<DeclaredMember>>,
    /// The one value of a struct's tag (`type: recent_value`), looked into like `within`.
    pub tag_value: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Set when the struct is one branch of an implicitly tagged union: its tag property and value.
    pub tag: Option<Tag>,
    /// The Rust name of the optional string field that holds an error's human-readable text
    /// (the conventions' `error_description`), if the struct has one.
    pub description_field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Wire name of the property that carries the tag (Katapult: `code`).
    pub property: String,
    /// The one value the property has for this struct.
    pub value: String,
    /// The associated constant that holds the value (`CODE`).
    pub const_name: String,
    /// The Rust field of the property.
    pub field: String,
    /// Whether that field is an `Option`.
    pub field_optional: bool,
    /// Whether it is an `Option<Option<String>>` that keeps a `null` apart from absent
    /// ([`Field::keeps_null`]).
    pub field_keeps_null: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust field name (snake_case, keyword-safe, unique in the struct).
    pub name: String,
    /// Property name on the wire.
    pub wire_name: String,
    pub docs: Option<String>,
    pub ty: TypeRef,
    /// Listed in `required`: absent is a decode error rather than `None`. (A required member
    /// that is `readOnly` in a struct a request sends, or `writeOnly` in one a response brings, is
    /// not required: `lower::directions`.)
    pub required: bool,
    /// `readOnly`: the server sets it; a request need not send it.
    pub read_only: bool,
    /// `writeOnly`: a request sends it; a response need not bring it.
    pub write_only: bool,
    /// The one value the property's schema allows (`type: {enum: [vpc]}`), if it allows one.
    pub one_value: Option<String>,
    /// `nullable: true`: `null` is a valid value.
    pub nullable: bool,
    /// Optional and `nullable`, with `null` kept apart from absent (the config's
    /// `null_and_absent: distinct`): the Rust field is `Option<Option<T>>`, `None` when the member
    /// is absent and `Some(None)` when it is `null`.
    pub keeps_null: bool,
    /// Set when the value is a secret (never printed), with the reason.
    pub secret: Option<SecretReason>,
    /// Set on the fields of a lookup object: the name of its constructor (`by_id`).
    pub lookup_constructor: Option<String>,
    /// The method that sets it on a value being built (`with_name`).
    pub setter: String,
    pub pointer: String,
    /// The members beyond the properties that the document allows (`additionalProperties` beside
    /// `properties`): a map by member name, flattened into the object on the wire. `wire_name` is
    /// empty; the field is never absent (an empty map sends nothing).
    pub flatten: bool,
}

/// Why a value is kept secret: kept as a `SecretString`, redacted in `Debug`, readable only
/// through an explicit call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretReason {
    /// Named in the config's `secrets`.
    Config,
    /// `format: password`.
    PasswordFormat,
    /// A `writeOnly` string: the API takes it and never shows it back.
    WriteOnly,
    /// Its name says so (the generator's rule: `password`, `secret`, `*_token`, `private_key`, …).
    Name,
}

impl std::fmt::Display for SecretReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecretReason::Config => "config `secrets`",
            SecretReason::PasswordFormat => "`format: password`",
            SecretReason::WriteOnly => "`writeOnly`",
            SecretReason::Name => "its name",
        })
    }
}

/// A secret value the client holds, for the summary of a generator run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretValue {
    /// `Type.field` for a field, `method(parameter)` for a parameter.
    pub place: String,
    pub reason: SecretReason,
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
    /// What the document says of this value (a `oneOf` of one-value enums describes each).
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntegerEnum {
    pub variants: Vec<IntegerValue>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerValue {
    /// Rust variant name.
    pub name: String,
    /// The number on the wire.
    pub value: i64,
    /// What the document says of this value (a `oneOf` of `const`s describes each).
    pub docs: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaggedUnion {
    /// Wire name of the property whose value selects the variant.
    pub tag_property: String,
    pub variants: Vec<UnionVariant>,
    /// Whether the tag is the error code (the conventions' `error_code`): the union gets `code()`.
    pub tag_is_code: bool,
    /// Set when every variant has a description field: the wire name, read from unknown variants.
    pub description_property: Option<String>,
    /// The tag's values are integers (`type: 2`); `tag_value`s are their decimal text.
    pub integer_tag: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// Rust variant name.
    pub name: String,
    pub tag_value: String,
    /// The named struct this variant holds.
    pub ty: String,
    pub docs: Option<String>,
    /// The variant struct's description field, if it has one.
    pub description_field: Option<String>,
    /// That field is `Option<Option<String>>` ([`Field::keeps_null`]).
    pub description_keeps_null: bool,
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
    /// An array's items or a map's values that may be `null` (`items: {nullable: true}`): an
    /// `Option`. Fields and parameters say so themselves; this is only ever held by `Array` or `Map`.
    Nullable(Box<TypeRef>),
    /// Raw bytes (`format: binary` bodies, downloads).
    Bytes,
    /// A named type in [`Api::types`]; `boxed` where it closes a cycle.
    Named {
        name: String,
        boxed: bool,
    },
    /// A value whose `format` (or the config) gives it a Rust type of its own.
    Scalar(Scalar),
    /// A Rust type the config names, as a path (`::my_crate::Latitude`).
    Custom(String),
}

impl TypeRef {
    /// Whether public functions (methods, constructors, setters) take a value of this type as
    /// `impl Into<T>`, so that `&str` passes for a `String`. Numbers and booleans are taken as
    /// they are: `impl Into<u64>` would refuse the literal `5` (an `i32` until inferred).
    pub fn passed_by_into(&self, secret: bool) -> bool {
        secret
            || !matches!(
                self,
                TypeRef::Integer
                    | TypeRef::Number
                    | TypeRef::Boolean
                    | TypeRef::Scalar(
                        Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64
                    )
            )
    }
}

/// Values a `format` or the config gives a type of their own; each maps to one Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scalar {
    I8,
    I16,
    I32,
    U8,
    U16,
    U32,
    U64,
    /// `format: uuid`.
    Uuid,
    /// `format: date-time` (RFC 3339, its offset kept).
    DateTime,
    /// `format: date` (`2024-02-29`).
    Date,
    /// `format: ip`: either family.
    IpAddr,
    /// `format: ipv4`.
    Ipv4Addr,
    /// `format: ipv6`.
    Ipv6Addr,
    /// A number a server sends as a number or as a string of one (config `types`), kept as sent.
    NumberOrString,
    /// `format: binary`: a file in a `multipart/form-data` body (its bytes, name and type).
    File,
}

impl Scalar {
    /// Whether the value's `Display` is its text on the wire (in a path, query or header).
    pub fn displays_as_sent(self) -> bool {
        !matches!(self, Scalar::DateTime | Scalar::NumberOrString | Scalar::File)
    }
}

/// One HTTP operation: one client method.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub operation_id: String,
    /// Rust method name (snake_case).
    pub method_name: String,
    /// The operation's error enum.
    pub error_type: String,
    /// The error enum's variant for a documented status whose body carries a code the document
    /// does not give that status; set when some status documents exactly one tagged error.
    pub undocumented_variant: Option<String>,
    /// The method's arguments and options, in order; what each becomes on the wire.
    pub inputs: Vec<Input>,
    /// The struct that holds the inputs that may be left out, when there are any.
    pub options_type: Option<String>,
    /// The function that builds the operation's request from its arguments (crate-private; the
    /// method and its mock's `matching` both call it).
    pub request_builder: String,
    /// The typed mock expectation of the operation (only emitted when mocks are on).
    pub mock_type: String,
    /// The module (`src/operations/<module>.rs`) the operation goes in: its first tag, snake_case.
    pub module: String,
    /// Its first tag, as the document spells it.
    pub tag: Option<String>,
    /// The cargo feature that turns it on, when the crate has features.
    pub feature: Option<String>,
    pub http_method: HttpMethod,
    /// The operation's own server, an absolute URL (the document's `servers` of the operation or
    /// its path, when they differ from the document's): used while the client's base URL is the
    /// API's default.
    pub server: Option<String>,
    /// Path template relative to the base URL, e.g. `/object_storage/access_keys/access_key/generate_credentials`.
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// Scopes the operation needs, as the document lists them per security scheme.
    pub scopes: Vec<ScopeRequirement>,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub success: Vec<SuccessResponse>,
    /// Set when the 2xx responses have different bodies: the enum the method returns, one variant each.
    pub success_enum: Option<String>,
    pub errors: Vec<ErrorResponse>,
    /// Set when some answers mean "not ready yet": the operation gets a `…_when_ready` method.
    pub when_ready: Option<WhenReady>,
    /// Set when the operation lists a paginated collection: it gets `…_pages` and `…_all`.
    pub pagination: Option<Pagination>,
    pub pointer: String,
}

/// One input of an operation method: an argument when required, else a field of its options.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// The argument's (or options field's) Rust name, unique among the method's names and locals.
    pub name: String,
    pub ty: TypeRef,
    /// Whether the Rust type is `Option<…>`.
    pub optional: bool,
    /// A body field that keeps `null` apart from absent ([`Field::keeps_null`]): `Option<Option<…>>`.
    pub keeps_null: bool,
    /// A secret (a body field or a parameter): passed as a `SecretString`.
    pub secret: bool,
    pub required: bool,
    pub docs: Option<String>,
    pub target: InputTarget,
    /// The method of the options struct that sets it, when it is an option (`with_page`).
    pub setter: String,
}

/// Where an input goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputTarget {
    Path {
        wire: String,
        structured: Option<Structured>,
        /// Spelled `{+wire}` in the path: sent with its `/`s (see [`Parameter::reserved`]).
        reserved: bool,
    },
    Query {
        wire: String,
        array: bool,
        row_group: Option<String>,
        structured: Option<Structured>,
    },
    /// A request header; an array is sent as one comma-separated value.
    Header {
        wire: String,
        array: bool,
        structured: Option<Structured>,
    },
    /// A cookie, in the request's one `Cookie` header; an array is one comma-separated value.
    Cookie {
        wire: String,
        array: bool,
        structured: Option<Structured>,
    },
    /// A field of the body struct; `boxed` when the struct holds it in a `Box` (it closes a
    /// cycle), which the argument does not.
    /// `flatten`: the field of the members beyond the properties; an unset option sends none.
    BodyField {
        field: String,
        wire: String,
        boxed: bool,
        flatten: bool,
    },
    /// The whole body.
    Body,
}

/// How a list operation pages, as the conventions' `pagination` describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The method that yields every page, and the one that yields every item.
    pub pages_method: String,
    pub all_method: String,
    /// The options field with the page number, or the cursor.
    pub page_option: String,
    /// The success body's struct, its array of items, and their type.
    pub body_type: String,
    pub items_field: String,
    pub item_type: TypeRef,
    pub kind: PageKind,
}

/// How a listing says where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    /// Page numbers: the body's pagination object and the members read from it.
    Numbered {
        object: PageField,
        current_page: Option<PageField>,
        total_pages: Option<PageField>,
        per_page: Option<PageField>,
    },
    /// A cursor: the body's field with the next page's token, which the request takes back.
    Cursor { next: PageField },
}

/// A field read for pagination: its Rust name, and whether it is an `Option`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageField {
    pub name: String,
    pub optional: bool,
    /// The field is `Option<Option<T>>` ([`Field::keeps_null`]).
    pub keeps_null: bool,
}

/// The `…_when_ready` method of an operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhenReady {
    pub method_name: String,
    pub answers: Vec<PendingAnswer>,
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
    Head,
    Options,
    Trace,
    /// QUERY (OpenAPI 3.2): safe and idempotent, with a body.
    Query,
}

impl HttpMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Trace => "TRACE",
            HttpMethod::Query => "QUERY",
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

/// A query, path or header parameter.
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
    /// Set when the value is a secret: taken as a `SecretString`, sent as given.
    pub secret: Option<SecretReason>,
    /// For array parameters that are columns of one array of objects (`annotations[][key]`,
    /// `annotations[][value]`): the shared prefix (`annotations[]`). Their items are sent
    /// interleaved, one object at a time, which is how Rack-style servers pair them up.
    pub row_group: Option<String>,
    pub location: ParameterLocation,
    /// Set when the value is not a plain one (an object, a union, an unexploded array): how it is
    /// encoded, through serde.
    pub structured: Option<Structured>,
    /// A path parameter the template spells `{+name}` (RFC 6570's reserved expansion): its value
    /// keeps its `/`s, so it may span segments (`projects/p1/buckets/b1`).
    pub reserved: bool,
    pub pointer: String,
}

/// How a parameter that is not a plain value is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Structured {
    /// Query, `form`, exploded: an object's members as parameters of their own.
    Form,
    /// Query `form` with `explode: false`, or a path or header (`simple`): comma-separated.
    FormFlat,
    /// Query `deepObject`: `name[member]=…`.
    DeepObject,
    /// Described by `content` (`application/json`): the value as JSON text.
    Json,
    /// Query `pipeDelimited` or `spaceDelimited`, unexploded: an array joined by `|` or a space.
    PipeDelimited,
    SpaceDelimited,
    /// A path parameter of `style: label` (`.5`, `.3,4`; exploded `.3.4`, `.R=1.G=2`).
    Label {
        explode: bool,
    },
    /// A path parameter of `style: matrix` (`;id=5`, `;id=3,4`; exploded `;id=3;id=4`, `;R=1;G=2`).
    Matrix {
        explode: bool,
    },
    /// Rows of an array of objects sent as columns (`annotations[][key]=…&annotations[][value]=…`),
    /// one row after another, every row with every column (wire names, in the document's order).
    Rows {
        columns: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    Query,
    Path,
    Header,
    Cookie,
}

/// A request body: what the method takes, and how it is encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub shape: BodyShape,
    pub media: BodyMedia,
    /// The `Content-Type` sent.
    pub content_type: String,
    /// A `multipart/form-data` body that is one file (or a list of files) rather than an object:
    /// the name of the part it is sent as.
    pub single_part: Option<String>,
    /// The members of a form body whose `encoding` says `style: deepObject`, by wire name: sent
    /// in brackets (`metadata[key]=…`) rather than refused as nested.
    pub deep_form_fields: Vec<String>,
}

/// How a request body is put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMedia {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`: text fields and files.
    Multipart,
    Text,
    Bytes,
}

/// What the method takes for the body.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyShape {
    /// An object whose properties become the method's arguments; the named struct is serialized.
    /// Its one-value member (`tag`), if it has one, is no argument: the method sends its value.
    Fields { ty: String, tag: Option<Tag> },
    /// An object the document gives no properties: `{}` is sent.
    EmptyObject,
    /// An optional JSON body the document leaves open (`type: object`, any members): an option
    /// of the method (a `serde_json::Map`); unset, `{}` is sent.
    OptionalObject,
    /// Any other schema: the method takes the whole body as one argument.
    Value { ty: TypeRef },
}

impl RequestBody {
    /// The named struct whose fields are the method's arguments, if the body is one.
    pub fn fields_type(&self) -> Option<&str> {
        match &self.shape {
            BodyShape::Fields { ty, .. } => Some(ty),
            _ => None,
        }
    }
}

/// Which statuses a documented response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum StatusMatch {
    Exact(u16),
    /// `4XX`: every status whose first digit is this one.
    Range(u16),
    /// `default`: every status the operation does not list otherwise.
    Default,
}

impl StatusMatch {
    /// Whether the variant has to keep the status it came with.
    pub fn is_exact(self) -> bool {
        matches!(self, StatusMatch::Exact(_))
    }

    /// The status, when it is one.
    pub fn code(self) -> Option<u16> {
        match self {
            StatusMatch::Exact(code) => Some(code),
            _ => None,
        }
    }
}

/// A documented 2xx response.
#[derive(Debug, Clone, PartialEq)]
pub struct SuccessResponse {
    pub status: StatusMatch,
    /// The variant of the operation's success enum, when it has one.
    pub variant: String,
    pub docs: Option<String>,
    pub body: ResponseBody,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ResponseBody {
    Json(TypeRef),
    Text,
    Bytes,
    Empty,
}

/// A documented non-2xx response: one variant of the operation's error enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorResponse {
    pub status: StatusMatch,
    /// Rust variant name in the operation's error enum (from the status' reason phrase).
    pub variant: String,
    pub docs: Option<String>,
    pub body: ResponseBody,
    /// Whether the body is a tagged error object or a union of them: it has a code to match.
    pub coded: bool,
    /// Set when the body is one tagged error object: a body with another code (or none) is not
    /// that error, and goes to the operation's undocumented variant instead.
    pub documented_code: Option<DocumentedCode>,
    pub pointer: String,
}

/// The one code a status's error object documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedCode {
    /// Wire name of the member that holds the code (`code`).
    pub property: String,
    pub value: String,
    /// Wire name of the member that holds the description, if the object has one.
    pub description: Option<String>,
}

impl TypeRef {
    /// The named type this is, or holds as its items or values (`Vec<Foo>` → `Foo`).
    /// Whether a value of this type is (or holds) JSON the document gives no shape.
    pub fn holds_json(&self) -> bool {
        match self {
            TypeRef::Json | TypeRef::JsonObject => true,
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.holds_json(),
            _ => false,
        }
    }

    pub fn named(&self) -> Option<&str> {
        match self {
            TypeRef::Named { name, .. } => Some(name),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.named(),
            _ => None,
        }
    }
}

impl Operation {
    /// The bodies of its documented responses, successes then errors.
    pub fn response_bodies(&self) -> impl Iterator<Item = &ResponseBody> {
        self.success
            .iter()
            .map(|s| &s.body)
            .chain(self.errors.iter().map(|e| &e.body))
    }
}

/// A selected operation the generator left out (`unsupported: skip`), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedOperation {
    /// `GET`, `POST`, …
    pub method: String,
    pub path: String,
    pub operation_id: Option<String>,
    /// What stopped it, where in the document.
    pub problem: crate::Diagnostic,
}

impl SkippedOperation {
    pub fn pointer(&self) -> Option<&str> {
        self.problem.pointer()
    }

    /// `GET /pets (listPets)`.
    pub fn operation(&self) -> String {
        match &self.operation_id {
            Some(id) => format!("{} {} ({id})", self.method, self.path),
            None => format!("{} {}", self.method, self.path),
        }
    }
}

impl std::fmt::Display for SkippedOperation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.operation(), self.problem)
    }
}

/// The operations one problem left out, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkipCause<'a> {
    pub problem: &'a crate::Diagnostic,
    pub operations: Vec<&'a SkippedOperation>,
}

/// A place where the client keeps JSON as it came, because the document does not give it a shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenJson {
    /// `Type` or `Type.field`.
    pub place: String,
    pub pointer: String,
}

/// Groups skipped operations by what left them out, the first cause first.
pub fn skip_causes(skipped: &[SkippedOperation]) -> Vec<SkipCause<'_>> {
    let mut causes: Vec<SkipCause<'_>> = Vec::new();
    for operation in skipped {
        match causes.iter_mut().find(|c| *c.problem == operation.problem) {
            Some(cause) => cause.operations.push(operation),
            None => causes.push(SkipCause {
                problem: &operation.problem,
                operations: vec![operation],
            }),
        }
    }
    causes
}

impl Api {
    /// Every place the client keeps as raw JSON: unions whose members cannot be told apart, and
    /// fields, variants, parameters, request bodies and successful answers whose schema gives no
    /// type (or a free-form object).
    pub fn open_json(&self) -> Vec<OpenJson> {
        let mut places = Vec::new();
        let mut add = |place: String, pointer: &str| {
            places.push(OpenJson {
                place,
                pointer: pointer.to_owned(),
            })
        };
        for def in &self.types {
            match &def.kind {
                TypeKind::UntaggedJson { .. } => add(def.name.clone(), &def.pointer),
                TypeKind::Struct(s) => {
                    for f in s.fields.iter().filter(|f| f.ty.holds_json()) {
                        add(format!("{}.{}", def.name, f.name), &f.pointer);
                    }
                }
                TypeKind::UntaggedUnion(u) => {
                    for v in u.variants.iter().filter(|v| v.ty.holds_json()) {
                        add(format!("{}::{}", def.name, v.name), &v.pointer);
                    }
                }
                TypeKind::OneMember(u) => {
                    for v in u.variants.iter().filter(|v| v.ty.holds_json()) {
                        add(format!("{}::{}", def.name, v.name), &def.pointer);
                    }
                }
                TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) | TypeKind::TaggedUnion(_) => {}
            }
        }
        for op in &self.operations {
            for p in op.parameters.iter().filter(|p| p.ty.holds_json()) {
                add(format!("{}({})", op.method_name, p.name), &p.pointer);
            }
            if let Some(RequestBody {
                shape: BodyShape::Value { ty },
                ..
            }) = &op.body
                && ty.holds_json()
            {
                add(
                    format!("{}(body)", op.method_name),
                    &format!("{}/requestBody", op.pointer),
                );
            }
            for success in &op.success {
                if let ResponseBody::Json(ty) = &success.body
                    && ty.holds_json()
                {
                    add(
                        format!("{} answer", op.method_name),
                        &format!("{}/responses", op.pointer),
                    );
                }
            }
        }
        places
    }

    /// Every secret value of the client: struct fields, then parameters, with why each is secret.
    pub fn secret_values(&self) -> Vec<SecretValue> {
        let fields = self.types.iter().flat_map(|def| {
            let fields = match &def.kind {
                TypeKind::Struct(s) => s.fields.as_slice(),
                _ => &[],
            };
            fields.iter().filter_map(move |field| {
                Some(SecretValue {
                    place: format!("{}.{}", def.name, field.name),
                    reason: field.secret?,
                    pointer: field.pointer.clone(),
                })
            })
        });
        let parameters = self.operations.iter().flat_map(|op| {
            op.parameters.iter().filter_map(move |parameter| {
                Some(SecretValue {
                    place: format!("{}({})", op.method_name, parameter.name),
                    reason: parameter.secret?,
                    pointer: parameter.pointer.clone(),
                })
            })
        });
        fields.chain(parameters).collect()
    }

    pub fn type_named(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .map(|i| &self.types[i])
    }

    /// Whether a value of `ty` holds a secret: a named type that does, held directly or in a
    /// list, a map or an option.
    pub fn holds_secret(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Named { name, .. } => self.type_named(name).is_some_and(|t| t.holds_secret),
            TypeRef::Array(inner) | TypeRef::Nullable(inner) | TypeRef::Map(inner) => self.holds_secret(inner),
            _ => false,
        }
    }
}
