//! `allOf: [Base, {oneOf: [A, B]}]`: a value that is a `Base` and one of `A` or `B` is one of
//! `Base`-and-`A` or `Base`-and-`B`. The choice is distributed over the other members, so that
//! the union's members are objects the lowering merges as it merges any `allOf`.

use openapiv3::{ReferenceOr, Schema, SchemaData, SchemaKind};

/// The extension a distributed member carries: what the choice's member was called, for the
/// lowering to name the member's type after (`BaseAndChoice` of `A` → `BaseAndChoiceA`).
pub const CHOICE_NAME: &str = "x-clientgen-choice";

/// More members than this are left as written (the union is then refused, located).
const MAX_CHOICES: usize = 64;

/// Where a node of the rewritten schema was in the schema as written: (pointer after, pointer
/// before), each relative to the schema.
pub type Moves = Vec<(String, String)>;

/// The schema rewritten as a union of `allOf`s, when exactly one of its `allOf` members is an
/// inline `oneOf` or `anyOf` (and the others are not), with where its nodes moved: `None`
/// otherwise.
pub fn distributed(schema: &Schema) -> Option<(Schema, Moves)> {
    let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
        return None;
    };
    let choices: Vec<usize> = all_of
        .iter()
        .enumerate()
        .filter(|(_, m)| choice(m).is_some())
        .map(|(i, _)| i)
        .collect();
    let [at] = choices.as_slice() else {
        return None;
    };
    let ReferenceOr::Item(union) = &all_of[*at] else {
        return None;
    };
    let (members, is_one_of) = choice(&all_of[*at])?;
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
                ReferenceOr::Item(item) => item.schema_data.title.clone(),
                ReferenceOr::Reference { reference } => reference.rsplit('/').next().map(str::to_owned),
            };
            let mut schema_data = SchemaData::default();
            if let Some(named) = named {
                schema_data
                    .extensions
                    .insert(CHOICE_NAME.to_owned(), serde_json::Value::String(named));
            }
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

/// The members of an inline `oneOf` (true) or `anyOf` (false) with nothing else beside them,
/// when they give shapes: members that only say which members are required (`anyOf: [{required:
/// [name]}, …]`) are a rule the server checks, with nothing to distribute.
fn choice(member: &ReferenceOr<Schema>) -> Option<(&[ReferenceOr<Schema>], bool)> {
    let ReferenceOr::Item(schema) = member else {
        return None;
    };
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
        distributed(&schema).map(|(s, _)| serde_json::to_value(s).expect("serializes"))
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
                {"x-clientgen-choice": "A", "allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/A"}]},
                {"x-clientgen-choice": "B", "allOf": [{"$ref": "#/components/schemas/Base"}, {"$ref": "#/components/schemas/B"}]}
            ]}))
        );
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
