//! Every naming rule of the generator: spec names → Rust identifiers, keywords, collisions.
//!
//! Names depend only on the spelling in the document (never on which other operations are
//! selected), so adding an operation to the config never renames anything already generated.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::StatusMatch;

/// Words Rust reserves (2024 edition, strict and reserved).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// What the generated `client` module re-exports from the runtime, at the crate root beside the
/// schema types: everything the generated API names, so that a user needs no other dependency to
/// call it. The generator claims these names before any schema's.
pub const RUNTIME_REEXPORTS: &[&str] = &[
    "ApiError",
    "BodyTooLarge",
    "BuildError",
    "DecodeError",
    "Error",
    "ExposeSecret",
    "FilePart",
    "FusedStream",
    "InvalidArgument",
    "JsonError",
    "JsonNumber",
    "NumberOrString",
    "OutcomeUnknown",
    "Response",
    "ResponseMeta",
    "RetryPolicy",
    "SecretString",
    "StatusCode",
    "Stream",
    "StreamExt",
    "TransportError",
    "UndocumentedError",
    "UnexpectedResponse",
    "UnknownMember",
    "UnknownVariant",
    "WaitPolicy",
    // The crates of `format: date-time`/`date` and `uuid` values: one dependency is enough.
    "chrono",
    "uuid",
];

/// What the generated `client` module declares at the crate root.
/// The generated `Client`'s and `MockServer`'s own associated functions: no operation's method
/// takes one of these names.
pub const OWN_METHODS: &[&str] = &["builder", "client", "http", "new", "start"];

/// The namespace of operation methods, with [`OWN_METHODS`] claimed.
pub fn method_namespace() -> Namespace {
    let mut names = Namespace::default();
    for name in OWN_METHODS {
        // A fresh namespace has no earlier owner to collide with.
        let _ = names.claim(name, "a function of the generated `Client` or `MockServer` itself");
    }
    for name in TRAIT_METHODS {
        let _ = names.claim(name, "a trait method of the generated `Client` or `MockServer`");
    }
    names
}

/// Methods the generated `Client` and `MockServer` have by their traits (`Clone`, `Debug`,
/// `Deref`, and those every type has: `Into`, `Borrow`, `Any`, `ToOwned`). An operation's method of
/// one of these names would shadow it (`client.clone()` would need the operation's arguments), and
/// a mock's `fn clone(&self)` is what clippy's `should_implement_trait` refuses.
const TRAIT_METHODS: &[&str] = &[
    "as_ref",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "deref",
    "fmt",
    "from",
    "into",
    "to_owned",
    "try_from",
    "try_into",
    "type_id",
];

pub const CLIENT_ITEMS: &[&str] = &["API", "Client", "ClientBuilder", "MockServer"];

/// Names a derived type name must not take: the crate root's other items, and the prelude's, which
/// a glob import of the types would shadow for hand-written code. Such a schema gets a suffix.
const TAKEN_TYPE_NAMES: &[&str] = &[
    "Box",
    "Client",
    "ClientBuilder",
    "Err",
    "MockServer",
    "None",
    "Ok",
    "Option",
    "Result",
    "Self",
    "Some",
    "String",
    "Value",
    "Vec",
];

/// The crate root's names, claimed before any schema's, so that a rename to one of them is refused.
pub fn crate_root_namespace() -> Namespace {
    let mut names = Namespace::default();
    for name in RUNTIME_REEXPORTS.iter().chain(CLIENT_ITEMS) {
        // A fresh namespace has no earlier owner to collide with.
        let _ = names.claim(name, "the crate root (an item of the runtime or the client)");
    }
    names
}

/// Locals of generated methods: an input with one of these names is renamed (`request_`).
pub const METHOD_LOCALS: &[&str] = &[
    "request",
    "options",
    "received",
    "http_status",
    "deadline",
    "item",
    "header_value",
    "header_items",
    "row_index",
    "multipart_form",
    "row_count",
];

/// Splits at anything that is not an ASCII letter or digit, so that `organization[id]` and
/// `post:x` become plain words; a plural acronym (`IPs`, `URLs`) is one word, not an acronym and a
/// word (`floatingIPs` → `floating_ips`, not `floating_i_ps`). Other scripts are spelled in ASCII
/// first (`Größe` → `Grosse`, `ユーザー` → `yuza`): names are ASCII, as crates.io's feature
/// names must be, and two names that differ only in a letter outside ASCII stay apart.
fn words(raw: &str) -> String {
    let ascii;
    let raw = if raw.is_ascii() {
        raw
    } else {
        ascii = deunicode::deunicode_with_tofu(raw, " ");
        ascii.as_str()
    };
    let chars: Vec<char> = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut out = String::with_capacity(chars.len());
    let mut index = 0;
    while index < chars.len() {
        let run = chars[index..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        let after = index + run;
        let plural =
            run >= 2 && chars.get(after) == Some(&'s') && !chars.get(after + 1).is_some_and(char::is_ascii_lowercase);
        if plural {
            out.push(chars[index]);
            out.extend(chars[index + 1..after].iter().map(char::to_ascii_lowercase));
            index = after;
        } else {
            out.push(chars[index]);
            index += 1;
        }
    }
    out
}

/// `ObjectStorageAccessKey`, `APIAuthenticator400Response` → `ApiAuthenticator400Response`.
pub fn type_name(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name.push_str("Unnamed");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'T');
    }
    if TAKEN_TYPE_NAMES.contains(&name.as_str()) || RUNTIME_REEXPORTS.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// A field, parameter or method name: snake_case, keyword-safe.
pub fn value_name(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name.push_str("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    escape_keyword(name)
}

/// An enum variant for a string value: `configured` → `Configured`, `1.0` → `V10`; a value of
/// symbols alone is named by them (`>=` → `GtEq`, `+` → `Plus`), a signed number by its sign
/// (`+1` → `Plus1`, `-1` → `Minus1`, as an integer `-1` is), and `""` is `Empty`.
pub fn variant_name(value: &str) -> String {
    let sign = |prefix: char, word: &str| {
        value
            .strip_prefix(prefix)
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
            .map(|rest| format!("{word}{}", words(rest).to_upper_camel_case()))
    };
    if let Some(signed) = sign('+', "Plus").or_else(|| sign('-', "Minus")) {
        return signed;
    }
    let mut name = words(value).to_upper_camel_case();
    if name.is_empty() {
        name = symbol_words(value).to_upper_camel_case();
    }
    if name.is_empty() {
        name.push_str("Empty");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" || name == "Unknown" {
        // `Unknown` is the generated catch-all variant of every enum.
        name.push_str("Value");
    }
    name
}

/// The words for a value made of symbols (filter operators, signs): one per symbol.
fn symbol_words(value: &str) -> String {
    let word = |c: char| match c {
        '+' => "plus",
        '-' => "minus",
        '*' => "star",
        '/' => "slash",
        '\\' => "backslash",
        '!' => "not",
        '=' => "eq",
        '<' => "lt",
        '>' => "gt",
        '~' => "tilde",
        '?' => "question",
        '.' => "dot",
        ',' => "comma",
        ':' => "colon",
        ';' => "semicolon",
        '%' => "percent",
        '&' => "and",
        '|' => "or",
        '^' => "caret",
        '#' => "hash",
        '@' => "at",
        '$' => "dollar",
        '_' => "underscore",
        ' ' => "space",
        '(' | '[' | '{' => "open",
        ')' | ']' | '}' => "close",
        '\'' | '"' | '`' => "quote",
        _ => "",
    };
    value
        .chars()
        .map(word)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The variant for a tag value: [`variant_name`], except that a URI (`https://…/problems/
/// invalid-request`, `about:blank`, `urn:x:card`), which problem types and JSON-LD tags are, is
/// named by its last segment (`InvalidRequest`, `Blank`, `Card`), not by its host and path.
pub fn tag_variant_name(value: &str) -> String {
    variant_name(uri_last_segment(value).unwrap_or(value))
}

fn uri_last_segment(value: &str) -> Option<&str> {
    let (scheme, rest) = value.split_once(':')?;
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let last = match rest.strip_prefix("//") {
        // The host alone names nothing more than the scheme would.
        Some(authority_and_path) => authority_and_path
            .split_once('/')?
            .1
            .rsplit('/')
            .find(|s| !s.is_empty())?,
        None => rest.rsplit([':', '/']).find(|s| !s.is_empty())?,
    };
    Some(last).filter(|s| s.chars().any(|c| c.is_ascii_alphanumeric()))
}

/// The variant of a union member that has no title: what [`kind_word`] says, without the union's
/// own name in front (`InterfaceNum` holding `InterfaceNumIfIndex` → `IfIndex`).
pub fn member_variant(union: &str, ty: &crate::ir::TypeRef) -> String {
    let word = kind_word(ty);
    let rest = match word.strip_prefix(union) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest,
        _ => &word,
    };
    variant_name(rest)
}

/// A word for a member's variant when it has no title: its type's name, or what JSON it holds.
pub fn kind_word(ty: &crate::ir::TypeRef) -> String {
    use crate::ir::TypeRef;
    match ty {
        TypeRef::Named { name, .. } => name.clone(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Integer => "Integer".to_owned(),
        TypeRef::Number => "Number".to_owned(),
        TypeRef::Boolean => "Boolean".to_owned(),
        TypeRef::Array(item) => format!("{}List", kind_word(item)),
        TypeRef::Nullable(inner) => format!("Optional{}", kind_word(inner)),
        TypeRef::Map(_) | TypeRef::JsonObject => "Object".to_owned(),
        TypeRef::Scalar(scalar) => {
            use crate::ir::Scalar;
            match scalar {
                Scalar::I8 => "I8",
                Scalar::I16 => "I16",
                Scalar::I32 => "I32",
                Scalar::U8 => "U8",
                Scalar::U16 => "U16",
                Scalar::U32 => "U32",
                Scalar::U64 => "U64",
                Scalar::Uuid => "Uuid",
                Scalar::DateTime => "DateTime",
                Scalar::Date => "Date",
                Scalar::IpAddr => "IpAddr",
                Scalar::Ipv4Addr => "Ipv4Addr",
                Scalar::Ipv6Addr => "Ipv6Addr",
                Scalar::NumberOrString => "NumberOrString",
                Scalar::File => "File",
            }
            .to_owned()
        }
        TypeRef::Json | TypeRef::Bytes | TypeRef::Custom(_) => "Value".to_owned(),
    }
}

/// Whether a string enum's values are sort orders by sign: some start with `-` (or `+`), and each
/// signed value's field is a value too (`name`, `-name`), as APIs write "by name, descending".
pub fn sort_order_signs<'a>(values: impl Iterator<Item = &'a str> + Clone) -> bool {
    let mut signed = values
        .clone()
        .filter_map(|v| v.strip_prefix('-').or_else(|| v.strip_prefix('+')))
        .peekable();
    signed.peek().is_some() && signed.all(|field| !field.is_empty() && values.clone().any(|v| v == field))
}

/// The variant of a sort order: `-name` → `NameDesc`, `+name` → `NameAsc`, `name` → `Name`.
/// An enum variant for an integer value: `512` → `V512`, `-1` → `Minus1`.
pub fn integer_variant_name(value: i64) -> String {
    match value {
        ..0 => format!("Minus{}", value.unsigned_abs()),
        _ => format!("V{value}"),
    }
}

/// The variant of a union tagged by an integer: an integer says nothing of what it tags (`2`), so
/// the variant is named by its member (`Button`), and by the value too when the member takes
/// several (`SelectV3`, `SelectV5`: `value` is given then).
pub fn integer_tagged_variant(union: &str, member: &str, value: Option<i64>) -> String {
    let named = crate::ir::TypeRef::Named {
        name: member.to_owned(),
        boxed: false,
    };
    let member = member_variant(union, &named);
    match value {
        Some(value) => format!("{member}{}", integer_variant_name(value)),
        None => member,
    }
}

pub fn sort_order_variant(value: &str) -> String {
    match (value.strip_prefix('-'), value.strip_prefix('+')) {
        (Some(field), _) => format!("{}Desc", variant_name(field)),
        (_, Some(field)) => format!("{}Asc", variant_name(field)),
        _ => variant_name(value),
    }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The client method for an operation: its operationId in snake_case, or with `verb_colon`:
///
/// operationIds of the form `verb:resource_action` (Katapult's). A POST whose `resource_action` no
/// other operation of the document shares is an action, named by it alone
/// (`object_storage_access_key_generate_credentials`); every other operation keeps its verb
/// (`get_dns_zone`, `delete_dns_zone`). `all_operation_ids` is every operationId of the document.
pub fn method_name<'a>(
    operation_id: Option<&str>,
    http_method: &str,
    path: &str,
    all_operation_ids: impl IntoIterator<Item = &'a str>,
    verb_colon: bool,
) -> String {
    let Some(id) = operation_id else {
        return value_name(&format!("{http_method} {path}"));
    };
    if verb_colon
        && let Some((verb, rest)) = id.split_once(':')
        && verb.eq_ignore_ascii_case("post")
    {
        let shared = all_operation_ids
            .into_iter()
            .filter(|other| other.split_once(':').is_some_and(|(_, r)| r == rest))
            .count();
        if shared <= 1 && !rest.is_empty() {
            return value_name(rest);
        }
    }
    value_name(id)
}

/// The module an operation's items go in, from its first tag (`Access keys` → `access_keys`);
/// operations without a tag go in `other`.
pub fn module_name(tag: Option<&str>) -> String {
    let name = words(tag.unwrap_or("other")).to_snake_case();
    let name = match name.as_str() {
        "" => "other".to_owned(),
        n if n.starts_with(|c: char| c.is_ascii_digit()) => format!("tag_{n}"),
        // `operations` is the module the tag modules are in (`clippy::module_inception`).
        n if KEYWORDS.contains(&n) || n == "mod" || n == "operations" => format!("{n}_"),
        _ => name,
    };
    shortened(name, MAX_MODULE_NAME)
}

/// `name` cut to at most `max` bytes when longer: its start, `_`, and eight hex digits of a hash
/// of the whole (FNV-1a), so that two long names with one start stay apart, run after run.
fn shortened(name: String, max: usize) -> String {
    if name.len() <= max {
        return name;
    }
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut cut = max.saturating_sub(9);
    while !name.is_char_boundary(cut) {
        cut = cut.saturating_sub(1);
    }
    let start = name[..cut].trim_end_matches('_');
    format!("{start}_{:08x}", hash & 0xffff_ffff)
}

/// The features every generated crate's manifest declares for itself besides the TLS ones.
const OWN_FEATURES: &[&str] = &["default", "full"];

/// The TLS features a generated crate passes on to the runtime, with what each means; the first
/// is on by default.
pub const TLS_FEATURES: &[(&str, &str)] = &[
    (
        "rustls",
        "rustls with aws-lc-rs (the default; its first build needs cmake and a C compiler)",
    ),
    ("rustls-ring", "rustls with ring (a C compiler only)"),
    ("native-tls", "the platform's TLS (OpenSSL on Linux)"),
];

/// The cargo feature of an operation module: `access_keys` → `access-keys`. A name the crate's
/// manifest has for itself (`default`, `full`, the mock feature, in `crate_features`) becomes
/// `tag-…`, so that no tag can give the manifest a key twice.
pub fn feature_name(module: &str, crate_features: &[&str]) -> String {
    let name = module.trim_end_matches('_').replace('_', "-");
    if OWN_FEATURES.contains(&name.as_str())
        || TLS_FEATURES.iter().any(|(tls, _)| *tls == name)
        || crate_features.contains(&name.as_str())
    {
        format!("tag-{name}")
    } else {
        name
    }
}

/// The part a `multipart/form-data` body that is only a file is sent as: the name upload
/// endpoints use when the document names none.
pub const SINGLE_FILE_PART: &str = "file";

/// The variant of a union of overlapping objects that keeps a value none of them takes.
pub const OTHER_VARIANT: &str = "Other";

/// The field of an object's members beyond its properties (`additionalProperties` beside
/// `properties`), unless a property takes the name.
pub const EXTRA_MEMBERS_FIELD: &str = "additional_properties";

/// The longest module name a tag may give: it names a file (`operations/<module>.rs`).
pub const MAX_MODULE_NAME: usize = 100;

/// The associated constant that holds a tagged struct's tag value: `code` → `CODE`.
pub fn tag_const_name(property: &str) -> String {
    let name = heck::ToShoutySnakeCase::to_shouty_snake_case(words(property).as_str());
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("TAG{name}")
    } else {
        name
    }
}

/// An input of a generated method: its name, unless a local of the method has it (`request_`).
pub fn input_name(name: &str) -> String {
    let column = name
        .strip_prefix("column_")
        .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
    if METHOD_LOCALS.contains(&name) || column {
        format!("{name}_")
    } else {
        name.to_owned()
    }
}

/// `name` with `_suffix` added: `owner` → `owner_body`; a keyword's escape (`r#type`, `self_`)
/// is dropped first, so that no name gets two underscores in a row (`self__body` is not snake
/// case).
pub fn suffixed(name: &str, suffix: &str) -> String {
    let stem = name.trim_start_matches("r#").trim_end_matches('_');
    match stem.is_empty() {
        true => format!("{name}{suffix}"),
        false => format!("{stem}_{suffix}"),
    }
}

/// Checks a name the config gives by hand: a Rust identifier, not a keyword.
pub fn check_rust_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !starts_well || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || name == "_" {
        return Err(format!(
            "`{name}` is not a Rust identifier (ASCII letters, digits and `_`, not starting with a digit)"
        ));
    }
    if KEYWORDS.contains(&name) {
        return Err(format!("`{name}` is a Rust keyword"));
    }
    Ok(())
}

/// A lookup object's constructor for one field: `id` → `by_id`.
pub fn lookup_constructor(field: &str) -> String {
    format!("by_{}", field.trim_start_matches("r#").trim_end_matches('_'))
}

/// Names for schemas that have none of their own, from where they are used. These are spec
/// names (hints): [`type_name`] turns them into Rust names.
pub mod hint {
    use crate::ir::StatusMatch;

    /// A property's inline schema: `Widget` + `parent` → `WidgetParent`.
    pub fn property(parent: &str, property: &str) -> String {
        format!("{parent}{}", super::type_name(property))
    }

    /// The items of an array.
    pub fn array_item(parent: &str) -> String {
        format!("{parent}Item")
    }

    /// The values of a map.
    pub fn map_value(parent: &str) -> String {
        format!("{parent}Value")
    }

    /// An inline `oneOf` member.
    pub fn union_member(parent: &str, index: usize) -> String {
        format!("{parent}Variant{index}")
    }

    /// An operation's inline request body.
    pub fn request_body(type_prefix: &str) -> String {
        format!("{type_prefix}Request")
    }

    /// An operation's inline 2xx body; a status other than 200 is spelled out.
    pub fn success_body(type_prefix: &str, status: StatusMatch) -> String {
        match status {
            StatusMatch::Exact(200) => format!("{type_prefix}Response"),
            StatusMatch::Exact(code) => format!("{type_prefix}Response{code}"),
            other => format!("{type_prefix}Response{}", super::response_variant(other)),
        }
    }

    /// An operation's inline error body.
    pub fn error_body(type_prefix: &str, status: StatusMatch) -> String {
        format!("{type_prefix}{}Error", super::response_variant(status))
    }

    /// An operation's inline parameter schema (an enum, say).
    pub fn parameter(type_prefix: &str, parameter: &str) -> String {
        format!("{type_prefix}{}", super::type_name(parameter))
    }
}

/// The method that sets a field on a value being built: `name` → `with_name`, `r#type` →
/// `with_type`. Never a keyword, never `new`, never a lookup's `by_…`.
pub fn setter_name(field: &str) -> String {
    // `_16x16` (a name that starts with a digit) → `with_16x16`: one underscore, as the lint wants.
    // Only such names start with `_`, and none starts with a digit, so no two setters meet.
    format!("with_{}", field.trim_start_matches("r#").trim_start_matches('_'))
}

/// The methods of a paginated operation: every page, every item.
pub fn pages_method(method_name: &str) -> String {
    format!("{}_pages", method_stem(method_name))
}

pub fn all_method(method_name: &str) -> String {
    format!("{}_all", method_stem(method_name))
}

/// The method that waits out "not ready yet" answers of `method_name`.
pub fn when_ready_method(method_name: &str) -> String {
    format!("{}_when_ready", method_stem(method_name))
}

/// Names of the items generated for an operation besides its method.
pub fn operation_error_type(type_prefix: &str) -> String {
    format!("{type_prefix}Error")
}

pub fn operation_options_type(type_prefix: &str) -> String {
    format!("{type_prefix}Options")
}

/// The typed mock expectation of an operation (`ObjectStorageAccessKeyGenerateCredentialsMock`).
pub fn operation_mock_type(type_prefix: &str) -> String {
    format!("{type_prefix}Mock")
}

/// The crate-private function that builds an operation's request: a free function of the
/// operations module, where only these are snake_case, so the suffix keeps them apart.
pub fn request_builder(method_name: &str) -> String {
    format!("{}_request", method_stem(method_name))
}

/// A method's name as the start of another: `self_` (a keyword's escape) → `self`, so that
/// `self_` gives `self_request`, not `self__request`, which the snake-case lint refuses.
fn method_stem(method_name: &str) -> &str {
    let stem = method_name.trim_start_matches("r#").trim_end_matches('_');
    if stem.is_empty() { method_name } else { stem }
}

/// The error-enum variant for an HTTP status: its reason phrase (`403` → `Forbidden`).
pub fn status_variant(status: u16) -> String {
    let phrase = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        407 => "ProxyAuthenticationRequired",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "LengthRequired",
        412 => "PreconditionFailed",
        413 => "ContentTooLarge",
        414 => "UriTooLong",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        417 => "ExpectationFailed",
        421 => "MisdirectedRequest",
        422 => "UnprocessableEntity",
        423 => "Locked",
        424 => "FailedDependency",
        425 => "TooEarly",
        426 => "UpgradeRequired",
        428 => "PreconditionRequired",
        429 => "TooManyRequests",
        431 => "RequestHeaderFieldsTooLarge",
        451 => "UnavailableForLegalReasons",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        505 => "HttpVersionNotSupported",
        507 => "InsufficientStorage",
        508 => "LoopDetected",
        511 => "NetworkAuthenticationRequired",
        other => return format!("Status{other}"),
    };
    phrase.to_owned()
}

/// The variant for a documented status, a range (`4XX` → `ClientError`) or `default` (`Other`).
pub fn response_variant(status: StatusMatch) -> String {
    match status {
        StatusMatch::Exact(code) => status_variant(code),
        StatusMatch::Range(1) => "Informational".to_owned(),
        StatusMatch::Range(2) => "Success".to_owned(),
        StatusMatch::Range(3) => "Redirection".to_owned(),
        StatusMatch::Range(4) => "ClientError".to_owned(),
        StatusMatch::Range(5) => "ServerError".to_owned(),
        StatusMatch::Range(digit) => format!("Status{digit}xx"),
        StatusMatch::Default => "Other".to_owned(),
    }
}

/// The error enum's variant for a documented status whose body is not the documented error
/// (another code, or none). No status variant has this name: theirs are reason phrases,
/// `Status<code>`, the ranges' and `Other`.
pub const UNDOCUMENTED_VARIANT: &str = "Undocumented";

/// The enum an operation returns when its 2xx responses have different bodies.
pub fn operation_success_type(type_prefix: &str) -> String {
    format!("{type_prefix}Success")
}

/// Gives out names within one namespace (the crate's types, a struct's fields, an enum's variants)
/// and refuses a second owner of a name, so two spec names that convert to the same Rust name are
/// an error that names both rather than a silent rename.
#[derive(Debug, Default)]
pub struct Namespace {
    owners: BTreeMap<String, String>,
}

impl Namespace {
    /// Claims `name` for `owner` (a JSON pointer or spec name); on a collision returns the earlier owner.
    pub fn claim(&mut self, name: &str, owner: &str) -> Result<(), String> {
        match self.owners.get(name) {
            Some(previous) if previous != owner => Err(previous.clone()),
            Some(_) => Ok(()),
            None => {
                self.owners.insert(name.to_owned(), owner.to_owned());
                Ok(())
            }
        }
    }

    /// Claims `name`, or, when another owner has it, the first free of `name2`, `name3`, … (for a
    /// type or variant) or `name_2`, `name_3`, … (for a field, argument or method). The first
    /// owner in document order keeps the plain name. Returns the name given and, when it is not
    /// `name`, the owner that has `name`.
    pub fn claim_unique(&mut self, name: &str, owner: &str) -> (String, Option<String>) {
        let Err(previous) = self.claim(name, owner) else {
            return (name.to_owned(), None);
        };
        let base = name.trim_start_matches("r#").trim_end_matches('_');
        let base = if base.is_empty() { "value" } else { base };
        let snake = base.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        let given = (2..=u64::MAX)
            .map(|n| {
                if snake {
                    format!("{base}_{n}")
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|candidate| self.claim(candidate, owner).is_ok())
            .unwrap_or_else(|| base.to_owned());
        (given, Some(previous))
    }
}

/// The warning for a name changed to avoid another.
pub fn renamed_warning(at: &str, what: &str, wanted: &str, given: &str, holder: &str) -> crate::Diagnostic {
    crate::Diagnostic::spec(
        at,
        format!(
            "{what} would be `{wanted}`, which {holder} already has; it is `{given}` (choose another name with `rename` in the config)"
        ),
    )
}

#[cfg(test)]
mod module_tests {
    use super::{MAX_MODULE_NAME, module_name};

    #[test]
    fn a_long_tag_gives_a_short_module_name_of_its_own() {
        let long =
            "Operations on the very long named resources of this API that nobody will ever shorten again and again";
        let other =
            "Operations on the very long named resources of this API that nobody will ever shorten again or again";
        let (a, b) = (module_name(Some(long)), module_name(Some(other)));
        assert!(a.len() <= MAX_MODULE_NAME && b.len() <= MAX_MODULE_NAME, "{a} {b}");
        assert_ne!(a, b);
        assert_eq!(a, module_name(Some(long)), "the same run after run");
        assert!(a.starts_with("operations_on_the_very_long_named_resources"), "{a}");
        assert_eq!(module_name(Some("Access keys")), "access_keys");
    }
}

#[cfg(test)]
mod suffix_tests {
    use super::suffixed;

    #[test]
    fn a_suffix_never_doubles_an_underscore() {
        assert_eq!(suffixed("owner", "body"), "owner_body");
        assert_eq!(suffixed("r#type", "body"), "type_body");
        assert_eq!(suffixed("self_", "body"), "self_body");
        assert_eq!(suffixed("super_", "body"), "super_body");
        assert_eq!(suffixed("_", "body"), "_body");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katapult_type_names() {
        assert_eq!(type_name("ObjectStorageAccessKey"), "ObjectStorageAccessKey");
        assert_eq!(type_name("APIAuthenticator400Response"), "ApiAuthenticator400Response");
        assert_eq!(type_name("OneOfPermissionDenied403Res"), "OneOfPermissionDenied403Res");
        assert_eq!(
            type_name("UnauthorizedNetworkForAPITokenSchema"),
            "UnauthorizedNetworkForApiTokenSchema"
        );
    }

    #[test]
    fn type_names_never_shadow_the_crate_or_prelude() {
        assert_eq!(type_name("Error"), "ErrorType");
        assert_eq!(type_name("string"), "StringType");
        assert_eq!(type_name("2fa"), "T2fa");
        assert_eq!(type_name("---"), "Unnamed");
        assert_eq!(type_name("Größe"), "Grosse");
    }

    #[test]
    fn bracketed_and_keyword_field_names() {
        assert_eq!(value_name("organization[id]"), "organization_id");
        assert_eq!(value_name("annotations[][key]"), "annotations_key");
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("Self"), "self_");
        assert_eq!(value_name("3d"), "_3d");
        assert_eq!(value_name("s3_secret_access_key"), "s3_secret_access_key");
        assert_eq!(value_name("createdAt"), "created_at");
    }

    #[test]
    fn plural_acronyms_are_one_word() {
        assert_eq!(value_name("floatingIPs_create"), "floating_ips_create");
        assert_eq!(value_name("listURLs"), "list_urls");
        assert_eq!(type_name("FloatingIPsList"), "FloatingIpsList");
        assert_eq!(type_name("IPs"), "Ips");
        // Not a plural: `IPsec`, and acronyms without an `s` stay as heck splits them.
        assert_eq!(value_name("IPsecTunnel"), "i_psec_tunnel");
        assert_eq!(value_name("APIKey"), "api_key");
        assert_eq!(value_name("getHTTPSProxy"), "get_https_proxy");
    }

    #[test]
    fn union_members_without_a_title_are_named_by_what_they_hold() {
        use crate::ir::{Scalar, TypeRef};
        let word = |ty: TypeRef| variant_name(&kind_word(&ty));
        assert_eq!(word(TypeRef::Scalar(Scalar::Uuid)), "Uuid");
        assert_eq!(word(TypeRef::Array(Box::new(TypeRef::String))), "StringList");
        assert_eq!(
            word(TypeRef::Named {
                name: "Pet".to_owned(),
                boxed: false
            }),
            "Pet"
        );
        assert_eq!(word(TypeRef::Map(Box::new(TypeRef::Integer))), "Object");
        let named = |name: &str| TypeRef::Named {
            name: name.to_owned(),
            boxed: false,
        };
        assert_eq!(member_variant("InterfaceNum", &named("InterfaceNumIfIndex")), "IfIndex");
        // Only a whole word comes off: `Pet2` and `Petrol` keep the union's name.
        assert_eq!(member_variant("Pet", &named("Pet2")), "Pet2");
        assert_eq!(member_variant("Pet", &named("Petrol")), "Petrol");
        assert_eq!(member_variant("Pet", &named("Pet")), "Pet");
        assert_eq!(member_variant("Pet", &TypeRef::String), "String");
    }

    #[test]
    fn sort_orders_are_named_by_their_sign() {
        let values = ["name", "-name", "+name", "created_at", "-created_at"];
        assert!(sort_order_signs(values.iter().copied()));
        assert_eq!(sort_order_variant("-created_at"), "CreatedAtDesc");
        assert_eq!(sort_order_variant("+name"), "NameAsc");
        assert_eq!(sort_order_variant("name"), "Name");
        // A sign the document does not use as an order (no unsigned twin) keeps the plain rule.
        assert!(!sort_order_signs(["-1", "0", "+1"].iter().copied()));
        assert!(!sort_order_signs(["a", "b"].iter().copied()));
        assert!(!sort_order_signs(["-", "a"].iter().copied()));
    }

    #[test]
    fn operation_methods_leave_the_clients_own_and_trait_methods_alone() {
        let mut names = method_namespace();
        for (wanted, given) in [("clone", "clone_2"), ("builder", "builder_2"), ("into", "into_2")] {
            let (name, previous) = names.claim_unique(wanted, "#/paths/~1x/get");
            assert_eq!(name, given);
            assert!(previous.is_some_and(|owner| owner.contains("`Client`")), "{wanted}");
        }
        assert_eq!(
            names.claim_unique("verify", "#/paths/~1y/get"),
            ("verify".to_owned(), None)
        );
    }

    #[test]
    fn enum_variants() {
        assert_eq!(variant_name("configured"), "Configured");
        assert_eq!(variant_name(">="), "GtEq");
        assert_eq!(variant_name("!="), "NotEq");
        assert_eq!(variant_name("+"), "Plus");
        assert_eq!(variant_name("+1"), "Plus1");
        assert_eq!(variant_name("-1"), "Minus1");
        assert_eq!(variant_name("-2.5"), "Minus25");
        assert_eq!(variant_name("-name"), "Name");
        assert_eq!(variant_name("--"), "MinusMinus");
        assert_eq!(variant_name(" "), "Space");
        assert_eq!(
            tag_variant_name("https://api.example.com/2/problems/invalid-request"),
            "InvalidRequest"
        );
        assert_eq!(tag_variant_name("https://example.com/types/card/"), "Card");
        assert_eq!(tag_variant_name("about:blank"), "Blank");
        assert_eq!(tag_variant_name("urn:x:card"), "Card");
        assert_eq!(tag_variant_name("#microsoft.graph.user"), "MicrosoftGraphUser");
        assert_eq!(
            tag_variant_name("object_storage_access_key_not_found"),
            "ObjectStorageAccessKeyNotFound"
        );
        assert_eq!(tag_variant_name("https://example.com"), "HttpsExampleCom");
        assert_eq!(tag_variant_name("10:30"), "V1030");
        assert_eq!(variant_name("1.0"), "V10");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("unknown"), "UnknownValue");
        assert_eq!(integer_variant_name(512), "V512");
        assert_eq!(integer_variant_name(0), "V0");
        assert_eq!(integer_variant_name(-1), "Minus1");
        assert_eq!(integer_variant_name(i64::MIN), "Minus9223372036854775808");
    }

    #[test]
    fn method_names_keep_the_verb_unless_a_post_is_a_unique_action() {
        let ids = [
            "post:object_storage_access_key_generate_credentials",
            "get:dns_zone",
            "delete:dns_zone",
            "get:organization_api_tokens",
            "post:organization_api_tokens",
        ];
        let name = |id| method_name(Some(id), "post", "/x", ids, true);
        assert_eq!(
            name("post:object_storage_access_key_generate_credentials"),
            "object_storage_access_key_generate_credentials"
        );
        assert_eq!(name("get:dns_zone"), "get_dns_zone");
        assert_eq!(name("post:organization_api_tokens"), "post_organization_api_tokens");
        assert_eq!(
            method_name(None, "get", "/dns_zones/{id}", ids, true),
            "get_dns_zones_id"
        );
        assert_eq!(
            method_name(
                Some("post:object_storage_access_key_generate_credentials"),
                "post",
                "/x",
                ids,
                false
            ),
            "post_object_storage_access_key_generate_credentials"
        );
        assert_eq!(
            method_name(Some("listPets"), "get", "/pets", ["listPets"], false),
            "list_pets"
        );
    }

    #[test]
    fn integer_tagged_variants_are_named_by_their_member() {
        assert_eq!(integer_tagged_variant("Component", "Button", None), "Button");
        assert_eq!(
            integer_tagged_variant("Component", "ComponentSelect", Some(3)),
            "SelectV3"
        );
        assert_eq!(integer_tagged_variant("Signal", "Beep", Some(-1)), "BeepMinus1");
    }

    #[test]
    fn tag_constants_and_lookup_constructors() {
        assert_eq!(tag_const_name("code"), "CODE");
        assert_eq!(tag_const_name("@type"), "TYPE");
        assert_eq!(tag_const_name("1"), "TAG1");
        assert_eq!(lookup_constructor("r#type"), "by_type");
        assert_eq!(lookup_constructor("sub_domain"), "by_sub_domain");
    }

    #[test]
    fn inputs_and_hand_given_names() {
        assert_eq!(input_name("request"), "request_");
        assert_eq!(input_name("deadline"), "deadline_");
        assert_eq!(input_name("rows"), "rows");
        assert_eq!(input_name("column_0"), "column_0_");
        assert_eq!(input_name("column_x"), "column_x");
        assert_eq!(input_name("organization_id"), "organization_id");
        assert!(check_rust_name("PermissionDenied403").is_ok());
        assert!(check_rust_name("by_id").is_ok());
        for bad in ["", "1a", "a-b", "fn", "_", "é"] {
            assert!(check_rust_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_made_from_a_method_name_have_no_double_underscore() {
        assert_eq!(request_builder("self_"), "self_request");
        assert_eq!(pages_method("crate_"), "crate_pages");
        assert_eq!(all_method("super_"), "super_all");
        assert_eq!(when_ready_method("self_"), "self_when_ready");
        assert_eq!(request_builder("get_thing"), "get_thing_request");
    }

    #[test]
    fn features_never_take_the_crates_own_names() {
        assert_eq!(feature_name("access_keys", &["mock"]), "access-keys");
        assert_eq!(feature_name("full", &["mock"]), "tag-full");
        assert_eq!(feature_name("default", &[]), "tag-default");
        assert_eq!(feature_name("mock", &["mock"]), "tag-mock");
        assert_eq!(feature_name("mock", &[]), "mock");
        assert_eq!(feature_name("native_tls", &[]), "tag-native-tls");
        assert_eq!(feature_name("rustls", &[]), "tag-rustls");
    }

    #[test]
    fn modules_from_tags() {
        assert_eq!(module_name(Some("Access keys")), "access_keys");
        assert_eq!(module_name(Some("DNS zones")), "dns_zones");
        assert_eq!(module_name(Some("Type")), "type_");
        assert_eq!(module_name(Some("Operations")), "operations_");
        assert_eq!(module_name(Some("3D")), "tag_3d");
        assert_eq!(module_name(None), "other");
        assert_eq!(module_name(Some("---")), "other");
    }

    #[test]
    fn names_in_other_scripts_are_spelled_in_ascii() {
        assert_eq!(module_name(Some("Über Things")), "uber_things");
        assert_eq!(feature_name(&module_name(Some("Über Things")), &[]), "uber-things");
        assert_eq!(type_name("Größe"), "Grosse");
        assert_eq!(value_name("naïve"), "naive");
        assert_eq!(variant_name("ÑÑ"), "Nn");
        let japanese = module_name(Some("ユーザー"));
        assert!(
            !japanese.is_empty() && japanese != "other" && japanese.is_ascii(),
            "{japanese}"
        );
        assert!(type_name("日本").chars().all(|c| c.is_ascii_alphanumeric()));
        // Something with no spelling at all is still a name.
        assert_eq!(value_name("\u{fffd}"), "value");
    }

    #[test]
    fn statuses() {
        assert_eq!(status_variant(403), "Forbidden");
        assert_eq!(status_variant(422), "UnprocessableEntity");
        assert_eq!(status_variant(499), "Status499");
    }

    #[test]
    fn collisions_get_a_numbered_name_and_the_first_owner_keeps_the_plain_one() {
        let mut names = Namespace::default();
        assert_eq!(
            names.claim_unique("description", "-description"),
            ("description".to_owned(), None)
        );
        assert_eq!(
            names.claim_unique("description", "description"),
            ("description_2".to_owned(), Some("-description".to_owned()))
        );
        assert_eq!(names.claim_unique("description", "Description").0, "description_3");
        assert_eq!(names.claim_unique("r#type", "type").0, "r#type");
        assert_eq!(names.claim_unique("r#type", "Type").0, "type_2");
        assert_eq!(names.claim_unique("StartTime", "StartTime").0, "StartTime");
        assert_eq!(names.claim_unique("StartTime", "StartTime<").0, "StartTime2");
        assert_eq!(names.claim_unique("StartTime", "StartTime").0, "StartTime");
    }

    #[test]
    fn namespace_reports_the_first_owner_of_a_collision() {
        let mut types = Namespace::default();
        types.claim("FooBar", "#/components/schemas/foo_bar").unwrap();
        types.claim("FooBar", "#/components/schemas/foo_bar").unwrap();
        assert_eq!(
            types.claim("FooBar", "#/components/schemas/FooBar"),
            Err("#/components/schemas/foo_bar".to_owned())
        );
    }
}
