//! Parameters that are not a plain value: objects and unions in the query string (`form` or
//! `deepObject` style), and in a path segment or a header (`simple` style), encoded through serde.

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, InvalidArgument};

/// How an object or an array goes into the query string (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`, exploded (the default): `a=1&b=2` for an object, `id=1&id=2` for an array.
    Form,
    /// `form` with `explode: false`: `name=a,1,b,2`, `id=1,2`.
    FormFlat,
    /// `deepObject`: `name[a]=1&name[b]=2`.
    DeepObject,
    /// Described by `content: application/json`: `name=<the value as JSON>`.
    Json,
    /// `pipeDelimited`, unexploded: an array as `id=1|2`.
    PipeDelimited,
    /// `spaceDelimited`, unexploded: an array as `id=1 2` (the space encoded as `%20`).
    SpaceDelimited,
}

/// A parameter the client refuses to send. The functions here are generic over the value's type
/// alone, not over the operation's error type: each operation's call would otherwise compile a
/// copy of them (they were the generated crate's second largest share of machine code).
pub(crate) type Invalid = Box<InvalidArgument>;

fn invalid(parameter: &'static str, reason: &str) -> Invalid {
    Box::new(InvalidArgument {
        parameter,
        reason: reason.to_owned(),
    })
}

fn json<T: Serialize>(parameter: &'static str, value: &T) -> Result<Value, Invalid> {
    serde_json::to_value(value).map_err(|e| invalid(parameter, &format!("cannot be encoded: {e}")))
}

/// A scalar as text (a string as it is, not quoted); `None` for `null`.
fn scalar_text(value: &Value) -> Option<Option<String>> {
    match value {
        Value::Null => Some(None),
        Value::String(text) => Some(Some(text.clone())),
        Value::Bool(_) | Value::Number(_) => Some(Some(value.to_string())),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// `name[key]=…` for each member of an object and `name[0]=…` for each item of an array, as deep
/// as the value goes (`card[address][city]`, `items[0][price]`), `null` left out; a scalar is
/// `name=…`. OpenAPI's `deepObject` is defined for one level of object only: this is how Stripe's
/// own libraries, PHP and `qs` write (and read) deeper values and arrays.
pub(crate) fn deep_pairs(name: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::String(text) => pairs.push((name.to_owned(), text.clone())),
        Value::Bool(_) | Value::Number(_) => pairs.push((name.to_owned(), value.to_string())),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                deep_pairs(&format!("{name}[{index}]"), item, pairs);
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                deep_pairs(&format!("{name}[{key}]"), member, pairs);
            }
        }
    }
}

const NESTED: &str = "holds a nested object or array, which this parameter style cannot carry";

/// What joins an unexploded parameter's items: `|` and ` ` for the delimited styles, `,` for form.
fn separator(style: QueryStyle) -> &'static str {
    match style {
        QueryStyle::PipeDelimited => "|",
        QueryStyle::SpaceDelimited => " ",
        _ => ",",
    }
}

/// The `(name, value)` pairs of a query parameter.
pub(crate) fn query_pairs<T: Serialize>(
    parameter: &'static str,
    style: QueryStyle,
    value: &T,
) -> Result<Vec<(Cow<'static, str>, String)>, Invalid> {
    value_pairs(parameter, style, json(parameter, value)?)
}

fn value_pairs(
    parameter: &'static str,
    style: QueryStyle,
    value: Value,
) -> Result<Vec<(Cow<'static, str>, String)>, Invalid> {
    if style == QueryStyle::Json {
        return Ok(vec![(Cow::Borrowed(parameter), value.to_string())]);
    }
    let scalar = |value: &Value| scalar_text(value).ok_or_else(|| invalid(parameter, NESTED));
    let mut pairs = Vec::new();
    match (&value, style) {
        (Value::Array(items), QueryStyle::FormFlat | QueryStyle::PipeDelimited | QueryStyle::SpaceDelimited) => {
            let texts: Vec<String> = items
                .iter()
                .map(scalar)
                .collect::<Result<Vec<_>, _>>()?
                .into_iter()
                .flatten()
                .collect();
            pairs.push((Cow::Borrowed(parameter), texts.join(separator(style))));
        }
        (Value::Array(items), QueryStyle::Form | QueryStyle::Json) => {
            for item in items {
                if let Some(text) = scalar(item)? {
                    pairs.push((Cow::Borrowed(parameter), text));
                }
            }
        }
        (Value::Object(members), QueryStyle::Form) => {
            for (key, member) in members {
                if let Some(text) = scalar(member)? {
                    pairs.push((Cow::Owned(key.clone()), text));
                }
            }
        }
        (Value::Object(members), QueryStyle::FormFlat | QueryStyle::PipeDelimited | QueryStyle::SpaceDelimited) => {
            let mut texts = Vec::new();
            for (key, member) in members {
                if let Some(text) = scalar(member)? {
                    texts.push(key.clone());
                    texts.push(text);
                }
            }
            pairs.push((Cow::Borrowed(parameter), texts.join(separator(style))));
        }
        (Value::Object(_) | Value::Array(_), QueryStyle::DeepObject) => {
            let mut deep = Vec::new();
            deep_pairs(parameter, &value, &mut deep);
            pairs.extend(deep.into_iter().map(|(name, text)| (Cow::Owned(name), text)));
        }
        (scalar_value, _) => {
            if let Some(text) = scalar(scalar_value)? {
                pairs.push((Cow::Borrowed(parameter), text));
            }
        }
    }
    Ok(pairs)
}

/// An array of objects as columns, row by row: `rows[][a]=1&rows[][b]=&rows[][a]=3…` (`name`
/// is `rows[]`), which is how Rack-style servers pair them back up. Every row sends every column,
/// in the order of `columns`, a member left unset as an empty value: a server that pairs columns
/// by position would otherwise pair a key with the next row's value.
pub(crate) fn row_pairs<T: Serialize>(
    parameter: &'static str,
    columns: &[&'static str],
    value: &T,
) -> Result<Vec<(Cow<'static, str>, String)>, Invalid> {
    rows_pairs(parameter, columns, json(parameter, value)?)
}

fn rows_pairs(
    parameter: &'static str,
    columns: &[&'static str],
    value: Value,
) -> Result<Vec<(Cow<'static, str>, String)>, Invalid> {
    let Value::Array(rows) = value else {
        return Err(invalid(parameter, "is not a list of rows"));
    };
    let names: Vec<String> = columns.iter().map(|c| format!("{parameter}[{c}]")).collect();
    let mut pairs = Vec::with_capacity(rows.len().saturating_mul(columns.len()));
    for row in &rows {
        let Value::Object(members) = row else {
            return Err(invalid(parameter, "holds a row that is not an object"));
        };
        if let Some(extra) = members.keys().find(|k| !columns.contains(&k.as_str())) {
            return Err(invalid(
                parameter,
                &format!("holds a row with a member `{extra}` that is not one of its columns"),
            ));
        }
        for (column, name) in columns.iter().zip(&names) {
            let text = match members.get(*column) {
                None => None,
                Some(member) => scalar_text(member).ok_or_else(|| invalid(parameter, NESTED))?,
            };
            pairs.push((Cow::Owned(name.clone()), text.unwrap_or_default()));
        }
    }
    Ok(pairs)
}

/// A path or header parameter that is not a plain value, as text (`simple` style): a scalar as
/// it is, an array as `1,2`, an object as `a,1,b,2`.
pub fn param_text<T: Serialize, E>(parameter: &'static str, value: &T) -> Result<String, Error<E>> {
    let pairs = query_pairs(parameter, QueryStyle::FormFlat, value).map_err(Error::InvalidArgument)?;
    Ok(pairs.into_iter().map(|(_, text)| text).collect::<Vec<_>>().join(","))
}

/// How a path parameter is spelled when its `style` is not `simple`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStyle {
    /// `label`: `.5`, an array `.3,4`, an object `.R,1,G,2`.
    Label,
    /// `label`, exploded: an array `.3.4`, an object `.R=1.G=2`.
    LabelExploded,
    /// `matrix`: `;id=5`, an array `;id=3,4`, an object `;id=R,1,G,2`.
    Matrix,
    /// `matrix`, exploded: an array `;id=3;id=4`, an object `;R=1;G=2`.
    MatrixExploded,
}

/// A `label` or `matrix` path parameter as its path segment: prefixed as its style says, names
/// and values percent-encoded (the `.`, `,`, `;` and `=` between them are the style's). A segment
/// that would be a dot segment (`.` or `..`: the label of an empty string or of `.`) is refused
/// before sending: URL parsers resolve it, and the request would reach another resource.
pub fn styled_path_segment<T: Serialize, E>(
    parameter: &'static str,
    style: PathStyle,
    value: &T,
) -> Result<String, Error<E>> {
    // Exploded pairs: an array's items (and a scalar) under the parameter's name, an object's
    // members under theirs.
    let pairs = query_pairs(parameter, QueryStyle::Form, value).map_err(Error::InvalidArgument)?;
    let encode = |text: &str| percent_encoding::utf8_percent_encode(text, crate::client::PATH_SEGMENT).to_string();
    let flat = || {
        let items: Vec<String> = pairs
            .iter()
            .map(|(name, text)| match name == parameter {
                true => encode(text),
                false => format!("{},{}", encode(name), encode(text)),
            })
            .collect();
        items.join(",")
    };
    let segment = match style {
        PathStyle::Label => format!(".{}", flat()),
        PathStyle::LabelExploded => {
            let items: Vec<String> = pairs
                .iter()
                .map(|(name, text)| match name == parameter {
                    true => encode(text),
                    false => format!("{}={}", encode(name), encode(text)),
                })
                .collect();
            format!(".{}", items.join("."))
        }
        PathStyle::Matrix => format!(";{}={}", encode(parameter), flat()),
        PathStyle::MatrixExploded => pairs
            .iter()
            .map(|(name, text)| format!(";{}={}", encode(name), encode(text)))
            .collect(),
    };
    if matches!(segment.as_str(), "" | "." | "..") {
        return Err(Error::InvalidArgument(invalid(
            parameter,
            &format!("`{segment}` cannot be sent as a path segment"),
        )));
    }
    Ok(segment)
}

/// A path or header parameter described by `content: application/json`: its JSON text.
pub fn param_json<T: Serialize, E>(parameter: &'static str, value: &T) -> Result<String, Error<E>> {
    Ok(json(parameter, value).map_err(Error::InvalidArgument)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(style: QueryStyle, value: Value) -> Vec<(String, String)> {
        query_pairs("p", style, &value)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v))
            .collect()
    }

    fn owned(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    fn segment(style: PathStyle, value: Value) -> Result<String, Error<()>> {
        styled_path_segment("id", style, &value)
    }

    #[test]
    fn label_and_matrix_path_parameters_as_openapi_spells_them() {
        use PathStyle::{Label, LabelExploded, Matrix, MatrixExploded};
        // Members in name order, as the query's are.
        let object = json!({"G": "a b", "R": 100});
        for (style, scalar, array, object_text) in [
            (Label, ".5", ".3,4", ".G,a%20b,R,100"),
            (LabelExploded, ".5", ".3.4", ".G=a%20b.R=100"),
            (Matrix, ";id=5", ";id=3,4", ";id=G,a%20b,R,100"),
            (MatrixExploded, ";id=5", ";id=3;id=4", ";G=a%20b;R=100"),
        ] {
            assert_eq!(segment(style, json!(5)).unwrap(), scalar, "{style:?}");
            assert_eq!(segment(style, json!([3, 4])).unwrap(), array, "{style:?}");
            assert_eq!(segment(style, object.clone()).unwrap(), object_text, "{style:?}");
        }
        // A comma or a slash in a value is data, not the style's separator or another segment.
        assert_eq!(segment(Label, json!("a,b/c")).unwrap(), ".a%2Cb%2Fc");
        // The label of nothing, or of `.`, would be a dot segment.
        for value in [json!(""), json!("."), json!([])] {
            assert!(segment(Label, value.clone()).is_err(), "{value}");
        }
    }

    #[test]
    fn objects_arrays_and_unions_in_each_style() {
        let object = json!({"a": 1, "b": "x y", "c": null});
        assert_eq!(
            pairs(QueryStyle::Form, object.clone()),
            owned(&[("a", "1"), ("b", "x y")])
        );
        assert_eq!(
            pairs(QueryStyle::FormFlat, object.clone()),
            owned(&[("p", "a,1,b,x y")])
        );
        assert_eq!(
            pairs(QueryStyle::DeepObject, object),
            owned(&[("p[a]", "1"), ("p[b]", "x y")])
        );
        // Deeper values and arrays in brackets too (Stripe's `created[gte]`, `expand[0]`).
        assert_eq!(
            pairs(QueryStyle::DeepObject, json!({"a": {"b": [1, {"c": true}]}})),
            owned(&[("p[a][b][0]", "1"), ("p[a][b][1][c]", "true")])
        );
        assert_eq!(
            pairs(QueryStyle::DeepObject, json!(["x", "y"])),
            owned(&[("p[0]", "x"), ("p[1]", "y")])
        );
        assert_eq!(pairs(QueryStyle::Form, json!([1, 2])), owned(&[("p", "1"), ("p", "2")]));
        assert_eq!(pairs(QueryStyle::FormFlat, json!([1, 2])), owned(&[("p", "1,2")]));
        assert_eq!(
            pairs(QueryStyle::PipeDelimited, json!([1, "a,b"])),
            owned(&[("p", "1|a,b")])
        );
        assert_eq!(
            pairs(QueryStyle::SpaceDelimited, json!(["x", 2])),
            owned(&[("p", "x 2")])
        );
        // An object's names and values, joined as the style says (OpenAPI's `R|100|G|200`).
        assert_eq!(
            pairs(QueryStyle::PipeDelimited, json!({"G": "x", "R": 100})),
            owned(&[("p", "G|x|R|100")])
        );
        assert_eq!(
            pairs(QueryStyle::SpaceDelimited, json!({"R": 100, "B": null})),
            owned(&[("p", "R 100")])
        );
        // A "name or id" union: whichever it holds, sent as it is.
        assert_eq!(pairs(QueryStyle::Form, json!("my-vm")), owned(&[("p", "my-vm")]));
        assert_eq!(pairs(QueryStyle::Form, json!(42)), owned(&[("p", "42")]));
        assert!(pairs(QueryStyle::Form, Value::Null).is_empty());
        assert_eq!(
            param_text::<_, std::convert::Infallible>("p", &json!({"a": 1, "b": true})).unwrap(),
            "a,1,b,true"
        );
    }

    #[test]
    fn every_row_sends_every_column_in_order() {
        let rows = json!([{"value": "prod", "key": "env"}, {"key": "team"}, {"key": "x", "value": null}]);
        let pairs: Vec<(String, String)> = row_pairs("a[]", &["key", "value"], &rows)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k.into_owned(), v))
            .collect();
        assert_eq!(
            pairs,
            owned(&[
                ("a[][key]", "env"),
                ("a[][value]", "prod"),
                ("a[][key]", "team"),
                ("a[][value]", ""),
                ("a[][key]", "x"),
                ("a[][value]", ""),
            ])
        );
        let extra = row_pairs("a[]", &["key"], &json!([{"key": "k", "v": 1}]));
        assert!(extra.unwrap_err().to_string().contains("`v`"));
        let nested = row_pairs("a[]", &["key"], &json!([{"key": [1]}]));
        assert!(nested.is_err());
        let empty = row_pairs("a[]", &["key"], &json!([])).unwrap();
        assert!(empty.is_empty());
    }

    #[test]
    fn nested_values_are_refused() {
        let error = query_pairs("p", QueryStyle::Form, &json!({"a": {"b": 1}})).unwrap_err();
        assert!(error.to_string().contains("`p`"), "{error}");
    }
}
