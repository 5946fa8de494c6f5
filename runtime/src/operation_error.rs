//! The methods and traits every operation's error enum has, written once.

/// Implements, for an operation's error enum that implements
/// [`OperationError`](crate::__private::OperationError), the inherent `status()`, `code()` and
/// `description()`, `Display` (`HTTP 403 permission_denied: <description>`) and `Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! operation_error {
    ($name:ident) => {
        impl $name {
            /// The HTTP status this error came with.
            pub fn status(&self) -> $crate::StatusCode {
                $crate::__private::OperationError::parts(self).0
            }

            /// The error code the server sent; `None` when it sent none.
            pub fn code(&self) -> ::std::option::Option<&str> {
                $crate::__private::OperationError::parts(self).1.code()
            }

            /// The human-readable description the server sent, if any.
            pub fn description(&self) -> ::std::option::Option<&str> {
                $crate::__private::OperationError::parts(self).1.description()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let (status, body) = $crate::__private::OperationError::parts(self);
                $crate::__private::fmt_api_error(status, body, f)
            }
        }

        impl ::std::error::Error for $name {}
    };
}
