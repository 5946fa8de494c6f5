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
    /// What the items were ([`fingerprint`]), to notice a page of items seen before.
    pub items_fingerprint: u64,
}

/// A hash of a page's items as their `Debug` shows them: equal items give equal hashes, whatever
/// else in the body (a page number, a timestamp) the server changes from page to page.
pub fn fingerprint<I: std::fmt::Debug>(items: &[I]) -> u64 {
    use std::fmt::Write as _;
    use std::hash::Hasher as _;
    struct HashWriter(std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for HashWriter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut writer = HashWriter(std::collections::hash_map::DefaultHasher::new());
    let _ = write!(writer, "{items:?}");
    writer.0.finish()
}

/// What a listing remembers to tell progress from a server going round in circles: the page
/// number the server gave last, and the fingerprint of every page of items it has yielded.
#[derive(Debug, Default)]
pub struct Progress {
    last_page_number: Option<i64>,
    items_seen: std::collections::HashSet<u64>,
}

impl Progress {
    /// Whether a page of these items is news; it is remembered either way.
    fn new_items(&mut self, items_fingerprint: u64) -> bool {
        self.items_seen.insert(items_fingerprint)
    }
}

/// The page to ask for after `requested`, or `None` when the listing ends here.
///
/// It ends after an empty page, the page the total names, or (without a total) a page shorter
/// than its size. It also ends wherever the server gives no proof of progress, whatever it claims:
/// a page without a page number (a server that ignores `page` would otherwise be asked forever),
/// a page with the number of the page before, or a page whose items were all seen before on one
/// page (the same items forever under ever new page numbers, or pages 1, 2, 1, 2, …). The next
/// page always follows the page that was *requested*, never the number the server claims, so
/// that a server answering page 1 with `current_page: 5` cannot make the listing skip pages 2
/// to 4.
pub fn next_page(requested: i64, info: &PageInfo, progress: &mut Progress) -> Option<i64> {
    if info.items == 0 {
        return None;
    }
    // No page number: nothing shows the server honoured `page`.
    let current = info.current_page?;
    let same_number = progress.last_page_number.replace(current) == Some(current);
    if !progress.new_items(info.items_fingerprint) || same_number {
        tracing::warn!(
            requested,
            "the listing stops: the server answered with a page it sent before"
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
        (Some(first), Progress::default(), fetch),
        move |(page, mut progress, mut fetch)| async move {
            let page = page?;
            let result = fetch(page).await;
            let next = match &result {
                Ok(response) => next_page(page, &info(&response.body), &mut progress),
                Err(_) => None,
            };
            Some((result, (next, progress, fetch)))
        },
    )
    .fuse()
}

/// What a cursor listing remembers: every cursor it has followed, and every page of items.
#[derive(Debug, Default)]
pub struct SeenCursors {
    followed: std::collections::HashSet<String>,
    progress: Progress,
}

/// The cursor to ask with after a page that gave `next`, or `None` when the listing ends here.
///
/// It ends when the server gives no next cursor (or an empty one), after an empty page, and
/// wherever there is no proof of progress: a cursor it has followed before (a server that
/// hands back the same or an earlier cursor would otherwise be asked forever), or a page whose
/// items were all seen before on one page (new cursors, the same items).
pub fn next_cursor(
    next: Option<String>,
    items: usize,
    items_fingerprint: u64,
    seen: &mut SeenCursors,
) -> Option<String> {
    let next = next.filter(|cursor| !cursor.is_empty())?;
    if items == 0 {
        return None;
    }
    let repeated_page = !seen.progress.new_items(items_fingerprint);
    if repeated_page || !seen.followed.insert(next.clone()) {
        tracing::warn!("the listing stops: the server answered with a cursor or a page it sent before");
        return None;
    }
    Some(next)
}

/// Every page of a cursor listing, from the cursor `first` (none: the first page): `fetch(cursor)`
/// makes one call, `next` reads the page's next cursor, `items` counts its items and takes their
/// [`fingerprint`]. Fused.
pub fn cursor_pages<'a, T, E, F, Fut>(
    first: Option<String>,
    fetch: F,
    next: fn(&T) -> Option<String>,
    items: fn(&T) -> (usize, u64),
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
                Ok(response) => {
                    let (count, fingerprint) = items(&response.body);
                    next_cursor(next(&response.body), count, fingerprint, &mut seen).map(Some)
                }
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
            items_fingerprint: u64::try_from(current).unwrap_or(0),
        }
    }

    /// The next page after `requested` when the page before was `requested - 1`, with other items.
    fn next(requested: i64, page: PageInfo) -> Option<i64> {
        let mut progress = Progress::default();
        if requested > 1 {
            next_page(requested - 1, &info(requested - 1, None, 9, 1), &mut progress);
            progress.items_seen.clear();
            progress.items_seen.insert(u64::MAX);
        }
        next_page(requested, &page, &mut progress)
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
        assert_eq!(next_cursor(some("b"), 2, 1, &mut seen), some("b"));
        assert_eq!(next_cursor(some("c"), 2, 2, &mut seen), some("c"));
        assert_eq!(
            next_cursor(some("d"), 2, 1, &mut seen),
            None,
            "pages in a cycle, new cursors"
        );
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
        let page = |current: i64, items: u64| PageInfo {
            items_fingerprint: items,
            ..info(current, None, 2, 2)
        };
        let mut progress = Progress::default();
        assert_eq!(next_page(1, &page(1, 7), &mut progress), Some(2));
        assert_eq!(
            next_page(2, &page(2, 7), &mut progress),
            None,
            "the same items, page 2 echoed"
        );
        let mut progress = Progress::default();
        assert_eq!(next_page(1, &page(1, 7), &mut progress), Some(2));
        assert_eq!(
            next_page(2, &page(1, 8), &mut progress),
            None,
            "the same page number as before"
        );
        let mut progress = Progress::default();
        assert_eq!(next_page(1, &page(1, 7), &mut progress), Some(2));
        assert_eq!(next_page(2, &page(2, 8), &mut progress), Some(3));
        assert_eq!(next_page(3, &page(3, 7), &mut progress), None, "pages 1, 2, 1: a cycle");
    }

    #[test]
    fn fingerprints_follow_the_items() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["a", "b"]), fingerprint(&["b", "a"]));
        assert_ne!(fingerprint(&["ab"]), fingerprint(&["a", "b"]));
    }
}
