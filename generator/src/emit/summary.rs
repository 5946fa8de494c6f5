//! The first line of a type's docs when the document gives it neither description nor title:
//! what the type is and where the document uses it, read from its JSON pointer, never the bare
//! pointer (which follows, for who wants to find the schema).

use crate::ir::{TypeDef, TypeKind, Usage};

/// `The API's `Widget` object, as the API sends it.`, `The JSON body of a `POST /widgets`
/// request.`, `The `size` member of …`.
pub fn summary(def: &TypeDef) -> String {
    let text = match component_name(&def.pointer) {
        Some(name) => format!("The API's `{name}` {}{}", kind_word(&def.kind), usage_words(def.usage)),
        None => describe(&segments(&def.pointer)).unwrap_or_else(|| format!("The `{}` type", def.name)),
    };
    capitalised(&format!("{text}."))
}

fn kind_word(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "object",
        TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => "value set",
        TypeKind::TaggedUnion(_) | TypeKind::UntaggedUnion(_) | TypeKind::OneMember(_) => "union",
        TypeKind::UntaggedJson { .. } => "value",
    }
}

fn usage_words(usage: Usage) -> &'static str {
    match (usage.serialize, usage.deserialize) {
        (true, true) => ", sent and received",
        (true, false) => ", as requests send it",
        (false, true) => ", as the API sends it",
        (false, false) => "",
    }
}

/// `#/components/schemas/Widget` → `Widget`.
fn component_name(pointer: &str) -> Option<String> {
    match segments(pointer).as_slice() {
        [components, schemas, name] if components == "components" && schemas == "schemas" => Some(name.clone()),
        _ => None,
    }
}

/// The pointer's reference tokens, unescaped (`~1` is `/`, `~0` is `~`).
fn segments(pointer: &str) -> Vec<String> {
    pointer
        .trim_start_matches('#')
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A phrase for the schema at `tokens`, from the innermost step outwards; `None` for a shape this
/// does not know (the type's name is said instead).
fn describe(tokens: &[String]) -> Option<String> {
    let (last, parent) = tokens.split_last()?;
    match (parent.split_last(), last.as_str()) {
        (Some((key, rest)), _) if key == "properties" => Some(format!("the `{last}` member of {}", of(rest)?)),
        (Some((key, rest)), _) if key == "oneOf" || key == "anyOf" => {
            let position = last.parse::<usize>().ok()?.checked_add(1)?;
            Some(format!("choice {position} of {}", of(rest)?))
        }
        (Some((key, rest)), _) if key == "allOf" => Some(format!("a part of {}", of(rest)?)),
        (_, "items") => Some(format!("an item of {}", of(parent)?)),
        (_, "additionalProperties") => Some(format!("a value of {}", of(parent)?)),
        (_, "schema") => media_body(parent).or_else(|| parameter(parent)),
        _ => None,
    }
}

/// The phrase for what contains a nested schema: a component by name, else described in turn.
fn of(tokens: &[String]) -> Option<String> {
    match tokens {
        [components, schemas, name] if components == "components" && schemas == "schemas" => Some(format!("`{name}`")),
        _ => describe(tokens),
    }
}

/// `paths/{path}/{method}/requestBody/content/{media}` and `…/responses/{status}/content/{media}`.
fn media_body(tokens: &[String]) -> Option<String> {
    match tokens {
        [paths, path, method, request, content, media]
            if paths == "paths" && request == "requestBody" && content == "content" =>
        {
            Some(format!(
                "the {} of a `{} {path}` request",
                body_words(media),
                method.to_uppercase()
            ))
        }
        [paths, path, method, responses, status, content, media]
            if paths == "paths" && responses == "responses" && content == "content" =>
        {
            Some(format!(
                "the {} of the {status} answer to `{} {path}`",
                body_words(media),
                method.to_uppercase()
            ))
        }
        [components, kind, name, content, media] if components == "components" && content == "content" => {
            let what = if kind == "requestBodies" {
                "request body"
            } else {
                "response"
            };
            Some(format!("the {} of the document's `{name}` {what}", body_words(media)))
        }
        _ => None,
    }
}

/// `paths/{path}/{method}/parameters/{n}` (or the path's own parameters).
fn parameter(tokens: &[String]) -> Option<String> {
    match tokens {
        [paths, path, method, parameters, _] if paths == "paths" && parameters == "parameters" => {
            Some(format!("a parameter of `{} {path}`", method.to_uppercase()))
        }
        [paths, path, parameters, _] if paths == "paths" && parameters == "parameters" => {
            Some(format!("a parameter of the operations of `{path}`"))
        }
        [components, parameters, name] if components == "components" && parameters == "parameters" => {
            Some(format!("the document's `{name}` parameter"))
        }
        _ => None,
    }
}

/// `JSON body`, `form body`, or `body` for a media type with no short word.
fn body_words(media: &str) -> &'static str {
    match media {
        "multipart/form-data" | "application/x-www-form-urlencoded" => "form body",
        media if media.contains("json") => "JSON body",
        _ => "body",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of_pointer(pointer: &str) -> Option<String> {
        describe(&segments(pointer))
    }

    #[test]
    fn bodies_members_and_items_are_named_from_their_place() {
        assert_eq!(
            of_pointer("#/paths/~1widgets~1bulk/post/requestBody/content/application~1json/schema").as_deref(),
            Some("the JSON body of a `POST /widgets/bulk` request")
        );
        assert_eq!(
            of_pointer("#/paths/~1widgets/get/responses/200/content/application~1json/schema/properties/items/items")
                .as_deref(),
            Some("an item of the `items` member of the JSON body of the 200 answer to `GET /widgets`")
        );
        assert_eq!(
            of_pointer("#/components/schemas/Widget/properties/size/oneOf/1").as_deref(),
            Some("choice 2 of the `size` member of `Widget`")
        );
        assert_eq!(
            of_pointer("#/paths/~1a/get/parameters/0/schema").as_deref(),
            Some("a parameter of `GET /a`")
        );
        assert_eq!(of_pointer("#/x-other/thing"), None);
    }

    #[test]
    fn a_component_is_named_with_its_kind() {
        assert_eq!(component_name("#/components/schemas/Widget").as_deref(), Some("Widget"));
        assert_eq!(component_name("#/components/schemas/Widget/properties/a"), None);
        assert_eq!(capitalised("the `a` member."), "The `a` member.");
    }
}
