//! String and integer enums: one variant per value, named by the value (or by what its sign means).

use super::*;

impl<'a> SchemaLowerer<'a> {
    /// A variant for the value `value` of the schema `component`: renamed, or derived (numbered
    /// when an earlier value has the name).
    pub(super) fn variant_name(
        &mut self,
        component: Option<&str>,
        value: &str,
        names: &mut Namespace,
        at: &str,
    ) -> Result<String> {
        self.variant_name_wanted(component, value, naming::variant_name(value), names, at)
    }

    pub(super) fn variant_name_wanted(
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
    pub(super) fn string_enum<'v>(
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
        // A repeated value once; a set, so that a long enum is not quadratic.
        let mut seen = std::collections::HashSet::new();
        for (value, docs) in values {
            if !seen.insert(value) {
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

    /// An integer enum whose values may each have a title (the variant's name) and words:
    /// `oneOf: [{title: DEFAULT, const: 0}, …]`, or `x-enumNames`; a repeated value once;
    /// `values_at` locates the values under `pointer`.
    pub(super) fn named_integer_enum(
        &mut self,
        values: impl Iterator<Item = NamedInteger>,
        pointer: &str,
        values_at: &str,
    ) -> Result<IntegerEnum> {
        let component = refs::component_of_pointer(pointer);
        let mut names = Namespace::default();
        let mut variants: Vec<IntegerValue> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for NamedInteger { value, title, docs } in values {
            if !seen.insert(value) {
                continue;
            }
            let wanted = match title.as_deref().map(naming::variant_name) {
                Some(name) if name != "Empty" => name,
                _ => naming::integer_variant_name(value),
            };
            let name = self.variant_name_wanted(
                component,
                &value.to_string(),
                wanted,
                &mut names,
                &pointer_join(pointer, values_at),
            )?;
            variants.push(IntegerValue { name, value, docs });
        }
        Ok(IntegerEnum { variants })
    }
}

/// One value of an integer enum, with the title and words its `oneOf` member gives it.
pub(super) struct NamedInteger {
    pub value: i64,
    pub title: Option<String>,
    pub docs: Option<String>,
}
