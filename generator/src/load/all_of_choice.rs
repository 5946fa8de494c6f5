//! `allOf: [Base, {oneOf: [A, B]}]`: a value that is a `Base` and one of `A` or `B` is one of
//! `Base`-and-`A` or `Base`-and-`B`. The choice is distributed over the other members, so that
//! the union's members are objects the lowering merges as it merges any `allOf`. The choice may
//! be written in place or be a component the member refers to (`allOf: [Base, $ref: Payload]`).

use std::collections::HashMap;

use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaData, SchemaKind};

/// The component schemas that are choices, by the `$ref` that names them, each with its members
/// written in place turned into `$ref`s to where they are written (`…/Payload/oneOf/0`), so that a
/// distributed member refers to the document's own schema rather than a copy.
pub type Choices = HashMap<String, Schema>;

/// A union's members, and whether it is a `oneOf` (else an `anyOf`).
type Choice<'s> = (&'s [ReferenceOr<Schema>], bool);

/// The component schemas of `document` that are a `oneOf` or `anyOf` of shapes (see [`choice`]).
pub fn component_choices(document: &OpenAPI) -> Choices {
    let mut found = Choices::new();
    let Some(components) = &document.components else {
        return found;
    };
    for (name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else { continue };
        let reference = crate::diagnostic::pointer_join("#/components/schemas", name);
        let Some((members, is_one_of)) = choice(schema) else {
            continue;
        };
        let keyword = if is_one_of { "oneOf" } else { "anyOf" };
        let members = members
            .iter()
            .enumerate()
            .map(|(index, member)| match member {
                ReferenceOr::Reference { .. } => member.clone(),
                // Referred to where it is written; the lowering names it as the choice's own
                // member is named (its one required member, its tag).
                ReferenceOr::Item(item) if item.schema_data.title.is_none() => ReferenceOr::Reference {
                    reference: format!("{reference}/{keyword}/{index}"),
                },
                ReferenceOr::Item(item) => {
                    // Named by its title, as a member written in place is.
                    let mut referring = Schema {
                        schema_data: SchemaData::default(),
                        schema_kind: SchemaKind::AllOf {
                            all_of: vec![ReferenceOr::Reference {
                                reference: format!("{reference}/{keyword}/{index}"),
                            }],
                        },
                    };
                    referring.schema_data.title.clone_from(&item.schema_data.title);
                    ReferenceOr::Item(referring)
                }
            })
            .collect();
        let choice = Schema {
            schema_data: schema.schema_data.clone(),
            schema_kind: if is_one_of {
                SchemaKind::OneOf { one_of: members }
            } else {
                SchemaKind::AnyOf { any_of: members }
            },
        };
        found.insert(reference, choice);
    }
    // An `allOf` that distributes over a choice is a choice too (`X: allOf: [$ref: Payload, Base]`
    // beside `Y: allOf: [$ref: X, More]`): found in rounds, as many as a chain of them is long.
    for _ in 0..MAX_ROUNDS {
        let more: Vec<(String, Schema)> = components
            .schemas
            .iter()
            .filter_map(|(name, schema)| {
                let reference = crate::diagnostic::pointer_join("#/components/schemas", name);
                let ReferenceOr::Item(schema) = schema else { return None };
                if found.contains_key(&reference) {
                    return None;
                }
                distributed(schema, &found).map(|(union, _)| (reference, union))
            })
            .collect();
        if more.is_empty() {
            break;
        }
        found.extend(more);
    }
    found
}

/// How long a chain of `allOf`s over a component choice is followed.
const MAX_ROUNDS: usize = 8;

/// The extension a distributed member carries: what the choice's member was called, for the
/// lowering to name the member's type after (`BaseAndChoice` of `A` → `BaseAndChoiceA`).
pub const CHOICE_NAME: &str = "x-clientgen-choice";

/// The extension every distributed member carries, with the index of its `allOf` part that is the
/// choice's member (which names it, where the member has no name of its own): its schema (the
/// other members and one of the choice's) is written nowhere in the document as one, so no
/// example there is one of its values.
pub const DISTRIBUTED: &str = "x-clientgen-distributed";

/// More members than this are left as written (the union is then refused, located).
const MAX_CHOICES: usize = 64;

/// Where a node of the rewritten schema was in the schema as written: (pointer after, pointer
/// before), each relative to the schema.
pub type Moves = Vec<(String, String)>;

/// The schema rewritten as a union of `allOf`s, when exactly one of its `allOf` members is a
/// `oneOf` or `anyOf` (written in place, or a component of `components` the member refers to,
/// beside other members that say something), and the others are not, with where its nodes
/// moved: `None` otherwise.
pub fn distributed(schema: &Schema, components: &Choices) -> Option<(Schema, Moves)> {
    let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
        return None;
    };
    // A component choice alone (`allOf: [$ref: Payload]`, words beside) is that component.
    let says_something = |member: &ReferenceOr<Schema>| match member {
        ReferenceOr::Reference { .. } => true,
        ReferenceOr::Item(item) => {
            !matches!(&item.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
        }
    };
    let beside_others = all_of.iter().filter(|m| says_something(m)).count() > 1;
    let components = if beside_others { components } else { &Choices::new() };
    let choices: Vec<usize> = all_of
        .iter()
        .enumerate()
        .filter(|(_, m)| choice_of(m, components).is_some())
        .map(|(i, _)| i)
        .collect();
    let [at] = choices.as_slice() else {
        return None;
    };
    let (union, (members, is_one_of)) = choice_of(&all_of[*at], components)?;
    if members.is_empty() || members.len() > MAX_CHOICES {
        return None;
    }
    let distributed: Vec<ReferenceOr<Schema>> = members
        .iter()
        .map(|member| {
            let mut parts = all_of.clone();
            parts[*at] = member.clone();
            // Named after the choice's member: its title, or the component it refers to.
            let named = match member {
                // A member distributed before (a chain of `allOf`s) keeps the name it was given.
                ReferenceOr::Item(item) => item.schema_data.title.clone().or_else(|| {
                    let given = item.schema_data.extensions.get(CHOICE_NAME);
                    given.and_then(serde_json::Value::as_str).map(str::to_owned)
                }),
                // A component is named by its name; a member inside one (`…/oneOf/0`) is not.
                ReferenceOr::Reference { reference } => reference
                    .rsplit('/')
                    .next()
                    .filter(|last| !last.bytes().all(|b| b.is_ascii_digit()))
                    .map(str::to_owned),
            };
            let mut schema_data = SchemaData::default();
            if let Some(named) = named {
                schema_data
                    .extensions
                    .insert(CHOICE_NAME.to_owned(), serde_json::Value::String(named));
            }
            schema_data
                .extensions
                .insert(DISTRIBUTED.to_owned(), serde_json::Value::from(*at));
            ReferenceOr::Item(Schema {
                schema_data,
                schema_kind: SchemaKind::AllOf { all_of: parts },
            })
        })
        .collect();
    let keyword = if is_one_of { "oneOf" } else { "anyOf" };
    let mut moves = Moves::new();
    for index in 0..members.len() {
        let choice = format!("/allOf/{at}/{keyword}/{index}");
        moves.push((format!("/{keyword}/{index}"), choice.clone()));
        moves.push((format!("/{keyword}/{index}/allOf/{at}"), choice));
        for other in (0..all_of.len()).filter(|other| other != at) {
            moves.push((format!("/{keyword}/{index}/allOf/{other}"), format!("/allOf/{other}")));
        }
    }
    let mut schema_data = schema.schema_data.clone();
    // The choice's discriminator tells the distributed members apart as it told its own.
    if schema_data.discriminator.is_none() {
        schema_data.discriminator.clone_from(&union.schema_data.discriminator);
    }
    schema_data.nullable |= union.schema_data.nullable;
    let schema = Schema {
        schema_data,
        schema_kind: if is_one_of {
            SchemaKind::OneOf { one_of: distributed }
        } else {
            SchemaKind::AnyOf { any_of: distributed }
        },
    };
    Some((schema, moves))
}

/// The union a member is, with its members and whether it is a `oneOf`: written in place, or one
/// of `components` the member refers to.
fn choice_of<'s>(member: &'s ReferenceOr<Schema>, components: &'s Choices) -> Option<(&'s Schema, Choice<'s>)> {
    let union = match member {
        ReferenceOr::Item(union) => union,
        ReferenceOr::Reference { reference } => components.get(reference)?,
    };
    choice(union).map(|found| (union, found))
}

/// The members of a `oneOf` (true) or `anyOf` (false) with nothing else beside them, when they
/// give shapes: members that only say which members are required (`anyOf: [{required: [name]},
/// …]`) are a rule the server checks, with nothing to distribute.
fn choice(schema: &Schema) -> Option<Choice<'_>> {
    let (members, is_one_of) = match &schema.schema_kind {
        SchemaKind::OneOf { one_of } => (one_of, true),
        SchemaKind::AnyOf { any_of } => (any_of, false),
        _ => return None,
    };
    (!members.iter().all(super::constraint_only::only_constrains)).then_some((members.as_slice(), is_one_of))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(json: serde_json::Value) -> Option<serde_json::Value> {
        let schema: Schema = serde_json::from_value(json).expect("a schema");
        distributed(&schema, &Choices::new()).map(|(s, _)| serde_json::to_value(s).expect("serializes"))
    }

    #[test]
    fn a_choice_among_the_members_is_distributed_over_the_others() {
        let got = rewritten(serde_json::json!({"description": "d", "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]}
        ]}));
        assert_eq!(
            got,
            Some(serde_json::json!({"description": "d", "oneOf": [
                {"x-clientgen-choice": "A", "x-clientgen-distributed": 1,
                 "allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/A"}]},
                {"x-clientgen-choice": "B", "x-clientgen-distributed": 1,
                 "allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/B"}]}
            ]}))
        );
    }

    #[test]
    fn a_choice_a_member_refers_to_is_distributed_beside_other_members_only() {
        let mut choices = Choices::new();
        let payload: Schema = serde_json::from_value(serde_json::json!({"oneOf": [
            {"$ref": "#/components/schemas/A"},
            {"$ref": "#/components/schemas/Payload/oneOf/1"}
        ]}))
        .expect("a schema");
        choices.insert("#/components/schemas/Payload".to_owned(), payload);
        let with = |json: serde_json::Value| {
            let schema: Schema = serde_json::from_value(json).expect("a schema");
            distributed(&schema, &choices).map(|(s, _)| serde_json::to_value(s).expect("serializes"))
        };
        let got = with(serde_json::json!({"allOf": [
            {"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/Payload"}
        ]}));
        assert_eq!(
            got,
            Some(serde_json::json!({"oneOf": [
                {"x-clientgen-choice": "A", "x-clientgen-distributed": 1,
                 "allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/A"}]},
                {"x-clientgen-distributed": 1,
                 "allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/Payload/oneOf/1"}]}
            ]}))
        );
        // Alone (words beside), the member is the component itself.
        let alone = serde_json::json!({"allOf": [{"$ref": "#/components/schemas/Payload"}, {"description": "d"}]});
        assert_eq!(with(alone), None);
    }

    #[test]
    fn no_choice_or_two_choices_or_a_rule_stay() {
        let rule =
            serde_json::json!({"allOf": [{"$ref": "#/x"}, {"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}]});
        assert_eq!(rewritten(rule), None);
        assert_eq!(
            rewritten(serde_json::json!({"allOf": [{"$ref": "#/x"}, {"type": "object"}]})),
            None
        );
        let two = serde_json::json!({"allOf": [{"anyOf": [{"$ref": "#/a"}]}, {"oneOf": [{"$ref": "#/b"}]}]});
        assert_eq!(rewritten(two), None);
    }
}
