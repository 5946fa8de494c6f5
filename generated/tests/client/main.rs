//! The client's tests, in one binary (each test file of its own would link the whole generated API
//! again): the first endpoint on the wire, socket-level faults and hostile servers, pagination,
//! secrets, the example run as a user runs it, every tag under `full`, and the typed mocks.

mod support;

mod example;
mod faults;
mod generate_credentials;
mod hostile;
#[cfg(feature = "mock")]
mod mocks;
mod pagination;
mod secrets;
mod whole_api;
