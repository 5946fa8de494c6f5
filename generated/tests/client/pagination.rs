//! Listing a paginated collection (`…_all`, `…_pages`) against the socket-level loopback server:
//! several pages, an empty list, a large set without a total, an error on page 3, a 429 mid-way.

#![cfg(feature = "api-tokens")]

use std::time::Duration;

use crate::support::{Behaviour, FaultServer, TOKEN};
use futures_util::StreamExt;
use katapult_client::{Client, Error, GetOrganizationApiTokensError, GetOrganizationApiTokensOptions, RetryPolicy};
use serde_json::json;

fn client(url: &str) -> Client {
    Client::builder()
        .base_url(url)
        .bearer_token(TOKEN)
        .retry(RetryPolicy {
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client")
}

fn page(current: i64, total: Option<i64>, ids: &[&str]) -> Behaviour {
    let tokens: Vec<_> = ids.iter().map(|id| json!({"id": id})).collect();
    let large_set = total.is_none();
    Behaviour::json(
        200,
        &json!({
            "pagination": {"current_page": current, "total_pages": total, "per_page": 2, "large_set": large_set},
            "api_tokens": tokens
        }),
    )
}

async fn all_ids(client: &Client) -> Vec<Result<String, Error<GetOrganizationApiTokensError>>> {
    let options = GetOrganizationApiTokensOptions::default()
        .with_organization(katapult_client::OrganizationLookup::by_id("org_1"));
    client
        .get_organization_api_tokens_all(options)
        .map(|item| item.map(|token| token.id.unwrap_or_default()))
        .collect()
        .await
}

fn ok(ids: Vec<Result<String, Error<GetOrganizationApiTokensError>>>) -> Vec<String> {
    ids.into_iter().map(|id| id.expect("no error")).collect()
}

#[tokio::test]
async fn every_item_of_every_page_in_order() {
    let server = FaultServer::start(vec![
        page(1, Some(3), &["a", "b"]),
        page(2, Some(3), &["c", "d"]),
        page(3, Some(3), &["e"]),
        page(4, Some(3), &["never"]),
    ])
    .await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "c", "d", "e"]);
    assert_eq!(server.received(), 3, "stops at the page the total names");
    let lines = server.request_lines();
    for (line, page) in lines.iter().zip(1..) {
        assert!(line.contains(&format!("page={page}")), "{line}");
        assert!(
            line.contains("organization%5Bid%5D=org_1"),
            "the same options on every page: {line}"
        );
    }
}

#[tokio::test]
async fn an_empty_list_is_one_request_and_no_items() {
    let server = FaultServer::start(vec![page(1, Some(0), &[]), page(2, Some(0), &["never"])]).await;
    assert!(all_ids(&client(&server.url)).await.is_empty());
    assert_eq!(server.received(), 1);
}

#[tokio::test]
async fn a_large_set_without_a_total_stops_at_a_short_or_empty_page() {
    let server = FaultServer::start(vec![
        page(1, None, &["a", "b"]),
        page(2, None, &["c", "d"]),
        page(3, None, &["e"]),
        page(4, None, &["never"]),
    ])
    .await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "c", "d", "e"]);
    assert_eq!(server.received(), 3);

    let server = FaultServer::start(vec![
        page(1, None, &["a", "b"]),
        page(2, None, &[]),
        page(3, None, &["x"]),
    ])
    .await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b"]);
    assert_eq!(server.received(), 2);
}

#[tokio::test]
async fn an_error_on_page_3_comes_after_the_items_of_pages_1_and_2_and_ends_the_listing() {
    let server = FaultServer::start(vec![
        page(1, Some(5), &["a", "b"]),
        page(2, Some(5), &["c", "d"]),
        Behaviour::json(
            404,
            &json!({"error": {"code": "organization_not_found", "description": "gone"}}),
        ),
        page(4, Some(5), &["never"]),
    ])
    .await;
    let results = all_ids(&client(&server.url)).await;
    assert_eq!(results.len(), 5, "four items, then the error");
    let (items, error) = results.split_at(4);
    let items: Vec<&str> = items.iter().map(|r| r.as_deref().expect("item")).collect();
    assert_eq!(items, ["a", "b", "c", "d"]);
    let Err(error) = &error[0] else { panic!("no error") };
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(server.received(), 3);
}

#[tokio::test]
async fn a_429_mid_way_is_retried_within_the_page() {
    let server = FaultServer::start(vec![
        page(1, Some(2), &["a", "b"]),
        Behaviour::json(429, &json!({"error": {"code": "rate_limit_reached"}})),
        page(2, Some(2), &["c"]),
    ])
    .await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "c"]);
    assert_eq!(server.received(), 3);
}

#[tokio::test]
async fn pages_can_be_walked_one_by_one_from_any_page() {
    let server = FaultServer::start(vec![page(2, Some(3), &["c", "d"]), page(3, Some(3), &["e"])]).await;
    let options = GetOrganizationApiTokensOptions::default().with_page(2);
    let client = client(&server.url);
    let pages: Vec<_> = client.get_organization_api_tokens_pages(options).collect().await;
    assert_eq!(pages.len(), 2);
    let first = pages[0].as_ref().expect("page 2");
    assert_eq!(first.pagination.current_page, Some(2));
    assert_eq!(first.api_tokens.len(), 2);
}

/// A server that ignores `page`: the same answer to every request.
#[tokio::test]
async fn a_server_that_ignores_the_page_number_is_not_asked_forever() {
    // No page number at all: nothing to go on from.
    let no_number = Behaviour::json(
        200,
        &json!({"pagination": {}, "api_tokens": [{"id": "a"}, {"id": "b"}]}),
    );
    let server = FaultServer::start(vec![no_number]).await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b"]);
    assert_eq!(server.received(), 1);

    // A page number, but always the same page: the second answer repeats the first.
    let server = FaultServer::start(vec![page(1, None, &["a", "b"])]).await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "a", "b"]);
    assert_eq!(server.received(), 2, "stops at the first repeated page");
}

/// A server that claims progress but makes none: each answer carries the requested page's number
/// (any body differs from the one before), yet the items come round again.
#[tokio::test]
async fn a_server_that_echoes_the_page_number_over_the_same_items_is_not_asked_forever() {
    let mut same_items: Vec<Behaviour> = (1..=50).map(|n| page(n, None, &["a", "b"])).collect();
    same_items.push(page(51, None, &[]));
    let server = FaultServer::start(same_items).await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "a", "b"]);
    assert_eq!(server.received(), 2, "stops when a page's items were seen before");

    // Pages 1, 2, 1, 2, …, each under a new page number.
    let mut cycling: Vec<Behaviour> = (1..=50)
        .map(|n| page(n, None, if n % 2 == 1 { &["a", "b"] } else { &["c", "d"] }))
        .collect();
    cycling.push(page(51, None, &[]));
    let server = FaultServer::start(cycling).await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "c", "d", "a", "b"]);
    assert_eq!(server.received(), 3, "stops at the first page that comes round again");
}

#[tokio::test]
async fn the_next_page_follows_the_requested_page_not_the_claimed_one() {
    // Asked for page 1, the server claims page 5 of 6: pages 2 to 4 must still be asked for.
    let server = FaultServer::start(vec![
        page(5, Some(6), &["a", "b"]),
        page(2, Some(6), &["c", "d"]),
        page(3, Some(6), &["e"]),
        page(4, Some(6), &[]),
    ])
    .await;
    assert_eq!(ok(all_ids(&client(&server.url)).await), ["a", "b", "c", "d", "e"]);
    let lines = server.request_lines();
    assert!(lines[1].contains("page=2"), "{lines:?}");
    assert!(lines[2].contains("page=3"), "{lines:?}");
}

#[tokio::test]
async fn the_streams_are_fused() {
    use futures_util::stream::FusedStream;
    let server = FaultServer::start(vec![page(1, Some(1), &["a"])]).await;
    let client = client(&server.url);
    let options = GetOrganizationApiTokensOptions::default()
        .with_organization(katapult_client::OrganizationLookup::by_id("org_1"));
    let mut items = Box::pin(client.get_organization_api_tokens_all(options.clone()));
    assert!(items.next().await.is_some());
    assert!(items.next().await.is_none());
    assert!(items.is_terminated());
    assert!(items.next().await.is_none(), "polled after its end, it stays ended");
    let mut pages = Box::pin(client.get_organization_api_tokens_pages(options));
    assert!(pages.next().await.is_some());
    assert!(pages.next().await.is_none());
    assert!(pages.next().await.is_none());
    assert!(pages.is_terminated());
    assert_eq!(server.received(), 2);
}
