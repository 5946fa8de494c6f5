//! Listing every item of a paginated collection: one request per page, as a stream that stops
//! after the last page, and stops for good at the first error (which it yields).

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::error::Error;
use crate::response::Response;

/// What a page says about where it stands, read from its pagination object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageInfo {
    pub current_page: Option<i64>,
    /// `None` when the API does not count them (Katapult's `large_set`).
    pub total_pages: Option<i64>,
    pub per_page: Option<i64>,
    /// Items on this page.
    pub items: usize,
}

/// The page after `requested`, or `None` when `info` shows it was the last: an empty page, the
/// page the total names, or (without a total) a page shorter than its size. A page number that
/// does not move forward ends the listing too, so that a server cannot keep it going forever.
pub fn next_page(requested: i64, info: &PageInfo) -> Option<i64> {
    if info.items == 0 {
        return None;
    }
    let current = info.current_page.unwrap_or(requested);
    if info.total_pages.is_some_and(|total| current >= total) {
        return None;
    }
    let short = info
        .per_page
        .and_then(|size| usize::try_from(size).ok())
        .is_some_and(|size| info.items < size);
    if info.total_pages.is_none() && short {
        return None;
    }
    current.checked_add(1).filter(|next| *next > requested)
}

/// Every page, from `first`: `fetch(page)` makes one call (with the client's retries), `info`
/// reads where a page stands.
pub fn pages<'a, T, E, F, Fut>(
    first: i64,
    fetch: F,
    info: fn(&T) -> PageInfo,
) -> impl Stream<Item = Result<Response<T>, Error<E>>> + 'a
where
    T: 'a,
    E: 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Response<T>, Error<E>>> + 'a,
{
    stream::unfold((Some(first), fetch), move |(page, mut fetch)| async move {
        let page = page?;
        let result = fetch(page).await;
        let next = match &result {
            Ok(response) => next_page(page, &info(&response.body)),
            Err(_) => None,
        };
        Some((result, (next, fetch)))
    })
}

/// The items of every page, in order; an error is yielded once, and ends the stream.
pub fn items<'a, T, I, E>(
    pages: impl Stream<Item = Result<Response<T>, Error<E>>> + 'a,
    items: fn(T) -> Vec<I>,
) -> impl Stream<Item = Result<I, Error<E>>> + 'a
where
    T: 'a,
    I: 'a,
    E: 'a,
{
    pages.flat_map(move |page| {
        let items: Vec<Result<I, Error<E>>> = match page {
            Ok(response) => items(response.body).into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(items)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(current: i64, total: Option<i64>, per_page: i64, items: usize) -> PageInfo {
        PageInfo {
            current_page: Some(current),
            total_pages: total,
            per_page: Some(per_page),
            items,
        }
    }

    #[test]
    fn where_a_listing_stops() {
        assert_eq!(next_page(1, &info(1, Some(3), 2, 2)), Some(2));
        assert_eq!(next_page(3, &info(3, Some(3), 2, 1)), None);
        assert_eq!(next_page(1, &info(1, Some(3), 2, 0)), None, "an empty page");
        assert_eq!(next_page(1, &info(1, None, 2, 2)), Some(2), "large set: no total");
        assert_eq!(
            next_page(2, &info(2, None, 2, 1)),
            None,
            "large set: a short page is the last"
        );
        assert_eq!(
            next_page(5, &info(1, Some(9), 2, 2)),
            None,
            "a page number that goes back"
        );
        assert_eq!(next_page(i64::MAX, &info(i64::MAX, None, 2, 2)), None, "no overflow");
        let unknown = PageInfo {
            items: 3,
            ..PageInfo::default()
        };
        assert_eq!(next_page(4, &unknown), Some(5));
    }
}
