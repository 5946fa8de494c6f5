//! What every generated error body implements (`ErrorBody`, `Display`, and `DocumentedCode` for
//! an object tagged by one code), written once: each error type costs the generated source one
//! line instead of about forty.

/// Implements [`ErrorBody`](crate::__private::ErrorBody) and `Display` (`code: description`, as
/// the server sent them, escaped) for a generated type, in one of four shapes:
/// - `Name tagged(field optional|kept_null|required CONSTANT "member" "value") [described(field "member")]`:
///   an object tagged by one code, which also gets [`DocumentedCode`](crate::__private::DocumentedCode);
///   its code is what the server sent, never the constant;
/// - `Name object [described(field)]`: an object without a code;
/// - `Name union [described]`: a tagged union (its `tag()`, and its inherent `description()`);
/// - `Name`: a body with neither (a string, a list): `ErrorBody` alone.
#[doc(hidden)]
#[macro_export]
macro_rules! error_body {
    ($name:ident tagged($field:ident $presence:ident $constant:ident $member:literal $value:literal)
        $(described($description:ident $description_member:literal))?) => {
        impl $crate::__private::ErrorBody for $name {
            fn code(&self) -> ::std::option::Option<&str> {
                $crate::error_body!(@code self $field $presence)
            }
            fn is_tagged_as_documented(&self) -> bool {
                $crate::error_body!(@code self $field $presence) == ::std::option::Option::Some(Self::$constant)
            }
            $(fn description(&self) -> ::std::option::Option<&str> {
                $crate::__private::Text::text(&self.$description)
            })?
        }
        impl $crate::__private::DocumentedCode for $name {
            const CODE_MEMBER: &'static str = $member;
            const CODE: &'static str = $value;
            const DESCRIPTION_MEMBER: ::std::option::Option<&'static str> =
                $crate::error_body!(@member $($description_member)?);
        }
        $crate::error_body!(@display $name);
    };
    ($name:ident object $(described($description:ident))?) => {
        impl $crate::__private::ErrorBody for $name {
            $(fn description(&self) -> ::std::option::Option<&str> {
                $crate::__private::Text::text(&self.$description)
            })?
        }
        $crate::error_body!(@display $name);
    };
    ($name:ident union) => {
        impl $crate::__private::ErrorBody for $name {
            fn code(&self) -> ::std::option::Option<&str> {
                self.tag()
            }
            fn is_tagged_as_documented(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }
        $crate::error_body!(@display $name);
    };
    ($name:ident union described) => {
        impl $crate::__private::ErrorBody for $name {
            fn code(&self) -> ::std::option::Option<&str> {
                self.tag()
            }
            fn is_tagged_as_documented(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
            fn description(&self) -> ::std::option::Option<&str> {
                self.description()
            }
        }
        $crate::error_body!(@display $name);
    };
    ($name:ident) => {
        impl $crate::__private::ErrorBody for $name {}
    };
    (@code $self:ident $field:ident optional) => {
        $self.$field.as_deref()
    };
    (@code $self:ident $field:ident kept_null) => {
        $crate::__private::Text::text(&$self.$field)
    };
    (@code $self:ident $field:ident required) => {
        ::std::option::Option::Some($self.$field.as_str())
    };
    (@member) => {
        ::std::option::Option::None
    };
    (@member $description_member:literal) => {
        ::std::option::Option::Some($description_member)
    };
    (@display $name:ident) => {
        /// `code: description`, as the server sent them (escaped).
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::__private::fmt_error_body(self, ::std::stringify!($name), f)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::__private::{DocumentedCode, ErrorBody};

    #[derive(Default)]
    struct Tagged {
        code: Option<String>,
        description: Option<String>,
    }
    impl Tagged {
        const CODE: &'static str = "permission_denied";
    }
    crate::error_body!(Tagged tagged(code optional CODE "code" "permission_denied") described(description "message"));

    struct Required {
        kind: String,
    }
    impl Required {
        const KIND: &'static str = "gone";
    }
    crate::error_body!(Required tagged(kind required KIND "type" "gone"));

    #[derive(Default)]
    struct KeptNull {
        kind: Option<Option<String>>,
    }
    impl KeptNull {
        const KIND: &'static str = "gone";
    }
    crate::error_body!(KeptNull tagged(kind kept_null KIND "type" "gone"));

    #[derive(Default)]
    struct Plain {
        detail: Option<String>,
    }
    crate::error_body!(Plain object described(detail));

    struct Bare;
    crate::error_body!(Bare object);

    enum Union {
        Known(Tagged),
        Unknown(String),
    }
    impl Union {
        fn tag(&self) -> Option<&str> {
            match self {
                Union::Known(_) => Some(Tagged::CODE),
                Union::Unknown(code) => Some(code),
            }
        }
        fn description(&self) -> Option<&str> {
            match self {
                Union::Known(body) => body.description.as_deref(),
                Union::Unknown(_) => None,
            }
        }
    }
    crate::error_body!(Union union described);

    #[test]
    fn a_tagged_object_reports_the_code_it_carried_and_its_documented_one() {
        let sent = Tagged {
            code: Some("permission_denied".into()),
            description: Some("no\nway".into()),
        };
        assert_eq!(sent.code(), Some("permission_denied"));
        assert!(sent.is_tagged_as_documented());
        assert_eq!(sent.description(), Some("no\nway"));
        assert_eq!(sent.to_string(), "permission_denied: no\\u{a}way");
        let other = Tagged {
            code: Some("other".into()),
            description: None,
        };
        assert!(!other.is_tagged_as_documented());
        assert!(!Tagged::default().is_tagged_as_documented());
        assert_eq!(Tagged::default().to_string(), "Tagged");
        assert_eq!(
            (
                Tagged::CODE_MEMBER,
                <Tagged as DocumentedCode>::CODE,
                Tagged::DESCRIPTION_MEMBER
            ),
            ("code", "permission_denied", Some("message"))
        );

        let required = Required { kind: "gone".into() };
        assert_eq!(required.code(), Some("gone"));
        assert!(required.is_tagged_as_documented());
        assert_eq!(required.description(), None);
        assert_eq!(Required::DESCRIPTION_MEMBER, None);
        assert_eq!(required.to_string(), "gone");

        for (kind, code) in [
            (None, None),
            (Some(None), None),
            (Some(Some("gone".to_owned())), Some("gone")),
        ] {
            let sent = KeptNull { kind };
            assert_eq!(sent.code(), code);
            assert_eq!(sent.is_tagged_as_documented(), code.is_some());
        }
    }

    #[test]
    fn objects_without_a_code_and_unions_display_what_they_have() {
        let plain = Plain {
            detail: Some("busy".into()),
        };
        assert_eq!((plain.code(), plain.description()), (None, Some("busy")));
        assert!(!plain.is_tagged_as_documented());
        assert_eq!(plain.to_string(), "busy");
        assert_eq!(Plain::default().to_string(), "Plain");
        assert_eq!(Bare.to_string(), "Bare");

        let known = Union::Known(Tagged {
            code: None,
            description: Some("denied".into()),
        });
        assert!(known.is_tagged_as_documented());
        assert_eq!(known.to_string(), "permission_denied: denied");
        let unknown = Union::Unknown("new_code".into());
        assert!(!unknown.is_tagged_as_documented());
        assert_eq!(ErrorBody::description(&unknown), None);
        assert_eq!(unknown.to_string(), "new_code");
    }
}
