//! Listing every item of a paginated collection: one request per page, as a stream that stops
//! after the last page, stops for good at the first error (which it yields), and stops when the
//! server gives no proof that the listing moves forward.

use std::future::Future;

use futures_core::stream::FusedStream;
use futures_util::stream::{self, StreamExt};

use crate::error::Error;
use crate::response::Response;

/// What a page says about where it stands, read from its pagination object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// The page number the server says this is.
    pub current_page: Option<i64>,
    /// `None` when the API does not count them (Katapult's `large_set`).
    pub total_pages: Option<i64>,
    /// Items per page, as the server says.
    pub per_page: Option<i64>,
    /// Items on this page.
    pub items: usize,
}

/// What the listing remembers of the page before: its number as the server gave it, and a hash
/// of its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenPage {
    pub current_page: Option<i64>,
    pub fingerprint: u64,
}

/// The page to ask for after `requested`, or `None` when the listing ends here.
///
/// It ends after an empty page, the page the total names, or (without a total) a page shorter
/// than its size. It also ends wherever the server gives no proof of progress: a page without a
/// page number (a server that ignores `page` would otherwise be asked forever), or a page that
/// repeats the one before (the same body, or the same page number). The next page always
/// follows the page that was *requested*, never the number the server claims, so that a server
/// answering page 1 with `current_page: 5` cannot make the listing skip pages 2 to 4.
pub fn next_page(requested: i64, info: &PageInfo, this: SeenPage, previous: Option<SeenPage>) -> Option<i64> {
    if info.items == 0 {
        return None;
    }
    // No page number: nothing shows the server honoured `page`.
    let current = this.current_page?;
    if let Some(previous) = previous
        && (previous.fingerprint == this.fingerprint || previous.current_page == Some(current))
    {
        tracing::warn!(
            requested,
            "the listing stops: the server answered with the page it sent before"
        );
        return None;
    }
    if info.total_pages.is_some_and(|total| requested >= total) {
        return None;
    }
    let short = info
        .per_page
        .and_then(|size| usize::try_from(size).ok())
        .is_some_and(|size| info.items < size);
    if info.total_pages.is_none() && short {
        return None;
    }
    requested.checked_add(1)
}

/// Every page, from `first`: `fetch(page)` makes one call (with the client's retries), `info`
/// reads where a page stands. The stream is fused: polled after its end, it stays ended.
pub fn pages<'a, T, E, F, Fut>(
    first: i64,
    fetch: F,
    info: fn(&T) -> PageInfo,
) -> impl FusedStream<Item = Result<Response<T>, Error<E>>> + 'a
where
    T: 'a,
    E: 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Response<T>, Error<E>>> + 'a,
{
    stream::unfold(
        (Some(first), None::<SeenPage>, fetch),
        move |(page, previous, mut fetch)| async move {
            let page = page?;
            let result = fetch(page).await;
            let (next, seen) = match &result {
                Ok(response) => {
                    let page_info = info(&response.body);
                    let seen = SeenPage {
                        current_page: page_info.current_page,
                        fingerprint: response.meta.body_fingerprint(),
                    };
                    (next_page(page, &page_info, seen, previous), Some(seen))
                }
                Err(_) => (None, None),
            };
            Some((result, (next, seen, fetch)))
        },
    )
    .fuse()
}

/// What a cursor listing remembers: every cursor it has followed, and the last page's hash.
#[derive(Debug, Default)]
pub struct SeenCursors {
    followed: std::collections::HashSet<String>,
    fingerprint: Option<u64>,
}

/// The cursor to ask with after a page that gave `next`, or `None` when the listing ends here.
///
/// It ends when the server gives no next cursor (or an empty one), after an empty page, and
/// wherever there is no proof of progress: a cursor it has followed before (a server that
/// hands back the same or an earlier cursor would otherwise be asked forever), or a page that
/// repeats the one before.
pub fn next_cursor(next: Option<String>, items: usize, fingerprint: u64, seen: &mut SeenCursors) -> Option<String> {
    let next = next.filter(|cursor| !cursor.is_empty())?;
    if items == 0 {
        return None;
    }
    let repeated_page = seen.fingerprint.replace(fingerprint) == Some(fingerprint);
    if repeated_page || !seen.followed.insert(next.clone()) {
        tracing::warn!("the listing stops: the server answered with a cursor or a page it sent before");
        return None;
    }
    Some(next)
}

/// Every page of a cursor listing, from the cursor `first` (none: the first page): `fetch(cursor)`
/// makes one call, `next` reads the page's next cursor, `count` its items. Fused.
pub fn cursor_pages<'a, T, E, F, Fut>(
    first: Option<String>,
    fetch: F,
    next: fn(&T) -> Option<String>,
    count: fn(&T) -> usize,
) -> impl FusedStream<Item = Result<Response<T>, Error<E>>> + 'a
where
    T: 'a,
    E: 'a,
    F: FnMut(Option<String>) -> Fut + 'a,
    Fut: Future<Output = Result<Response<T>, Error<E>>> + 'a,
{
    let mut seen = SeenCursors::default();
    if let Some(first) = &first {
        seen.followed.insert(first.clone());
    }
    stream::unfold(
        (Some(first), seen, fetch),
        move |(cursor, mut seen, mut fetch)| async move {
            let cursor = cursor?;
            let result = fetch(cursor).await;
            let following = match &result {
                Ok(response) => next_cursor(
                    next(&response.body),
                    count(&response.body),
                    response.meta.body_fingerprint(),
                    &mut seen,
                )
                .map(Some),
                Err(_) => None,
            };
            Some((result, (following, seen, fetch)))
        },
    )
    .fuse()
}

/// The items of every page, in order; an error is yielded once, and ends the stream. Fused.
pub fn items<'a, T, I, E>(
    pages: impl FusedStream<Item = Result<Response<T>, Error<E>>> + 'a,
    items: fn(T) -> Vec<I>,
) -> impl FusedStream<Item = Result<I, Error<E>>> + 'a
where
    T: 'a,
    I: 'a,
    E: 'a,
{
    pages
        .flat_map(move |page| {
            let items: Vec<Result<I, Error<E>>> = match page {
                Ok(response) => items(response.body).into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        })
        .fuse()
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

    fn seen(current: Option<i64>, fingerprint: u64) -> SeenPage {
        SeenPage {
            current_page: current,
            fingerprint,
        }
    }

    /// The next page after `requested` when the page before was `requested - 1` with another body.
    fn next(requested: i64, page: PageInfo) -> Option<i64> {
        let previous = (requested > 1).then(|| seen(Some(requested - 1), 0));
        next_page(requested, &page, seen(page.current_page, 1), previous)
    }

    #[test]
    fn where_a_listing_stops() {
        assert_eq!(next(1, info(1, Some(3), 2, 2)), Some(2));
        assert_eq!(next(3, info(3, Some(3), 2, 1)), None);
        assert_eq!(next(1, info(1, Some(3), 2, 0)), None, "an empty page");
        assert_eq!(next(1, info(1, None, 2, 2)), Some(2), "large set: no total");
        assert_eq!(
            next(2, info(2, None, 2, 1)),
            None,
            "large set: a short page is the last"
        );
        assert_eq!(next(i64::MAX, info(i64::MAX, None, 2, 2)), None, "no overflow");
    }

    #[test]
    fn the_next_page_follows_the_requested_one() {
        assert_eq!(next(1, info(5, Some(9), 2, 2)), Some(2), "a server that jumps ahead");
        assert_eq!(next(5, info(1, Some(9), 2, 2)), Some(6), "a server that goes back");
        assert_eq!(
            next(1, info(5, Some(5), 2, 2)),
            Some(2),
            "pages 2 to 4 are still listed"
        );
        assert_eq!(next(5, info(5, Some(5), 2, 2)), None);
    }

    #[test]
    fn a_cursor_listing_follows_each_cursor_once() {
        let mut seen = SeenCursors::default();
        let some = |c: &str| Some(c.to_owned());
        assert_eq!(next_cursor(some("b"), 2, 1, &mut seen), some("b"));
        assert_eq!(next_cursor(some("c"), 2, 2, &mut seen), some("c"));
        assert_eq!(
            next_cursor(some("b"), 2, 3, &mut seen),
            None,
            "a cursor followed before"
        );
        let mut seen = SeenCursors::default();
        assert_eq!(next_cursor(some("b"), 2, 1, &mut seen), some("b"));
        assert_eq!(next_cursor(some("c"), 2, 1, &mut seen), None, "the same page again");
        let mut seen = SeenCursors::default();
        assert_eq!(
            next_cursor(None, 2, 1, &mut seen),
            None,
            "no next cursor: the last page"
        );
        assert_eq!(next_cursor(some(""), 2, 1, &mut seen), None, "an empty cursor");
        assert_eq!(next_cursor(some("b"), 0, 1, &mut seen), None, "an empty page");
    }

    #[test]
    fn no_proof_of_progress_ends_the_listing() {
        let no_number = PageInfo {
            items: 3,
            ..PageInfo::default()
        };
        assert_eq!(
            next(1, no_number),
            None,
            "`pagination: {{}}`: no page number to go on from"
        );
        let page = info(1, None, 2, 2);
        assert_eq!(
            next_page(2, &page, seen(Some(2), 7), Some(seen(Some(1), 7))),
            None,
            "the same body as the page before"
        );
        assert_eq!(
            next_page(2, &page, seen(Some(1), 8), Some(seen(Some(1), 7))),
            None,
            "the same page number as the page before"
        );
        assert_eq!(next_page(2, &page, seen(Some(2), 8), Some(seen(Some(1), 7))), Some(3));
    }
}
