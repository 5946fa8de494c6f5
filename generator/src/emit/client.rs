//! Emits `client.rs`: the API's profile for the runtime, the `Client` whose methods are the
//! operations, and the runtime's items users touch, re-exported.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Api;

use super::tokens::{RUNTIME, ident};

pub fn emit_client(api: &Api) -> TokenStream {
    let option = |value: &Option<String>| match value {
        Some(value) => quote!(::std::option::Option::Some(#value)),
        None => quote!(::std::option::Option::None),
    };
    let base_url = option(&api.default_base_url);
    let envelope = option(&api.profile.error_envelope);
    let request_id = option(&api.profile.request_id_header);
    let rate_limit = option(&api.profile.rate_limit_header);
    let remaining = option(&api.profile.rate_limit_remaining_header);
    let reexports = api.runtime_reexports.iter().map(|name| ident(name));
    let mock_server = super::mocks::mock_server(api);
    let mut client_doc = format!(
        " A client for {}. Each operation of the API is a method; cheap to clone (clones share one \
         connection pool).",
        api.title
    );
    for note in [&api.base_url_note, &api.auth_note].into_iter().flatten() {
        client_doc.push_str("\n\n");
        client_doc.push_str(note);
    }
    quote! {
        //! The client: what the runtime is told about the API, and the type the operations are methods of.

        pub use #RUNTIME::{#(#reexports),*};

        /// What the runtime needs to know about the API: its default base URL, the envelope its
        /// errors come in, its request-id and rate-limit headers.
        pub static API: #RUNTIME::ApiProfile = #RUNTIME::ApiProfile::new(concat!(
            env!("CARGO_PKG_NAME"),
            "/",
            env!("CARGO_PKG_VERSION")
        ))
        .with_default_base_url(#base_url)
        .with_error_envelope(#envelope)
        .with_request_id_header(#request_id)
        .with_rate_limit_headers(#rate_limit, #remaining);

        #[doc = #client_doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone)]
        pub struct Client {
            http: #RUNTIME::Client,
        }

        /// Configures a [`Client`]: base URL, token, timeouts, retries. From [`Client::builder`].
        pub type ClientBuilder = #RUNTIME::ClientBuilder<Client>;

        impl Client {
            /// A client for the default base URL that sends `token` as `Authorization: Bearer …`.
            pub fn new(token: impl ::std::convert::Into<SecretString>) -> ::std::result::Result<Self, BuildError> {
                Self::builder().bearer_token(token).build()
            }

            pub fn builder() -> ClientBuilder {
                ClientBuilder::new(&API)
            }

            /// The HTTP side: base URL, retry and wait policies.
            pub fn http(&self) -> &#RUNTIME::Client {
                &self.http
            }
        }

        impl ::std::convert::From<#RUNTIME::Client> for Client {
            fn from(http: #RUNTIME::Client) -> Self {
                Client { http }
            }
        }

        #mock_server
    }
}
