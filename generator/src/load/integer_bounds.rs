//! An integer schema's `minimum` or `maximum` that no `i64` holds, read rather than refused: the
//! 3.0 model keeps integer bounds as `i64`, and documents made by JavaScript tools write
//! `int64`'s range rounded (`-9223372036854776000`), which fails the whole document otherwise.

use yaml_serde::{Mapping, Value};

use crate::diagnostic::{Diagnostic, pointer_join};

/// Fixes the bounds of one schema (`members`, at `at`): a whole float in range
/// (`-9223372036854775808.0`) is that integer; a bound beyond `i64` is dropped, with a warning,
/// as it says no more than the type's own range. Other schemas are left alone. Returns whether
/// a bound changed.
pub fn fix(members: &mut Mapping, at: &str, warnings: &mut Vec<Diagnostic>) -> bool {
    if members.get("type").and_then(Value::as_str) != Some("integer") {
        return false;
    }
    let mut changed = false;
    for bound in ["minimum", "maximum"] {
        let Some(Value::Number(n)) = members.get(bound) else {
            continue;
        };
        if n.is_i64() {
            continue;
        }
        let whole = n.as_f64().filter(|f| f.fract() == 0.0 && fits_i64(*f));
        changed = true;
        match whole {
            // In range and whole, so the cast is exact.
            #[allow(clippy::cast_possible_truncation)]
            Some(whole) => {
                members.insert(Value::String(bound.to_owned()), Value::Number((whole as i64).into()));
            }
            None => {
                members.shift_remove(bound);
                warnings.push(Diagnostic::spec(
                    pointer_join(at, bound),
                    format!(
                        "`{bound}` is beyond what a 64-bit integer holds; it is dropped (the type's own range applies)"
                    ),
                ));
            }
        }
    }
    changed
}

/// [`fix`] on every mapping of a 3.0 document (a mapping with `type: integer` is a schema,
/// wherever it stands). Returns whether anything changed.
pub fn fix_everywhere(value: &mut Value, at: &str, warnings: &mut Vec<Diagnostic>) -> bool {
    let mut changed = false;
    let mut pending = vec![(value, at.to_owned())];
    // A work list, not recursion: the document's depth was checked, but this keeps the stack flat.
    while let Some((value, at)) = pending.pop() {
        match value {
            Value::Mapping(members) => {
                changed |= fix(members, &at, warnings);
                for (key, child) in members.iter_mut() {
                    if let Some(key) = key.as_str() {
                        let child_at = pointer_join(&at, key);
                        pending.push((child, child_at));
                    }
                }
            }
            Value::Sequence(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    pending.push((item, pointer_join(&at, &index.to_string())));
                }
            }
            Value::Tagged(tagged) => pending.push((&mut tagged.value, at)),
            _ => {}
        }
    }
    changed
}

/// Whether a whole float is an `i64` exactly: -2⁶³ is, 2⁶³ (`i64::MAX` rounded up) is not.
fn fits_i64(value: f64) -> bool {
    const TWO_TO_63: f64 = 9_223_372_036_854_775_808.0;
    (-TWO_TO_63..TWO_TO_63).contains(&value)
}
