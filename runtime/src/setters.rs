//! The `with_…` setters of generated structs, written out by one macro so that each costs the
//! generated source one line instead of eight.

/// Implements a `with_<member>(value)` setter per entry of a generated struct. Each entry is
/// `"doc" setter(field: Type) how wrap;` where `how` is `into` (the setter takes
/// `impl Into<Type>`) or `value` (it takes `Type`), and `wrap` is `some` (the field is an
/// `Option` the setter fills), `present` (an `Option<Option<_>>` that keeps `null` apart from
/// absent: the setter makes it `Some(Some(value))`) or `set` (the field holds the value itself).
#[doc(hidden)]
#[macro_export]
macro_rules! setters {
    ($name:ident { $($doc:literal $setter:ident($field:ident: $ty:ty) $how:ident $wrap:ident;)* }) => {
        impl $name {
            $($crate::setters!(@one $doc $setter $field $how $wrap $ty);)*
        }
    };
    (@one $doc:literal $setter:ident $field:ident into some $ty:ty) => {
        #[doc = $doc]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
    };
    (@one $doc:literal $setter:ident $field:ident into present $ty:ty) => {
        #[doc = $doc]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = ::std::option::Option::Some(::std::option::Option::Some(value.into()));
            self
        }
    };
    (@one $doc:literal $setter:ident $field:ident value present $ty:ty) => {
        #[doc = $doc]
        pub fn $setter(mut self, value: $ty) -> Self {
            self.$field = ::std::option::Option::Some(::std::option::Option::Some(value));
            self
        }
    };
    (@one $doc:literal $setter:ident $field:ident into set $ty:ty) => {
        #[doc = $doc]
        pub fn $setter(mut self, value: impl ::std::convert::Into<$ty>) -> Self {
            self.$field = value.into();
            self
        }
    };
    (@one $doc:literal $setter:ident $field:ident value some $ty:ty) => {
        #[doc = $doc]
        pub fn $setter(mut self, value: $ty) -> Self {
            self.$field = ::std::option::Option::Some(value);
            self
        }
    };
    (@one $doc:literal $setter:ident $field:ident value set $ty:ty) => {
        #[doc = $doc]
        pub fn $setter(mut self, value: $ty) -> Self {
            self.$field = value;
            self
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        name: Option<String>,
        size: Option<u32>,
        label: String,
        count: u8,
        r#type: Option<String>,
        note: Option<Option<String>>,
        limit: Option<Option<u32>>,
    }

    crate::setters!(Sample {
        " Sets `name`." with_name(name: String) into some;
        " Sets `size`." with_size(size: u32) value some;
        " Sets `label`." with_label(label: String) into set;
        " Sets `count`." with_count(count: u8) value set;
        " Sets `type`." with_type(r#type: String) into some;
        " Sets `note`." with_note(note: String) into present;
        " Sets `limit`." with_limit(limit: u32) value present;
    });

    #[test]
    fn each_setter_sets_its_member_as_its_entry_says() {
        let sample = Sample::default()
            .with_name("a")
            .with_size(7)
            .with_label("b")
            .with_count(3)
            .with_type("c")
            .with_note("d")
            .with_limit(9);
        let expected = Sample {
            name: Some("a".to_owned()),
            size: Some(7),
            label: "b".to_owned(),
            count: 3,
            r#type: Some("c".to_owned()),
            note: Some(Some("d".to_owned())),
            limit: Some(Some(9)),
        };
        assert_eq!(sample, expected);
    }
}
