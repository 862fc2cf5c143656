//! Span lookups in time logarithmic in the article's length, so that the
//! extractor stays linear however long an article is.
//!
//! [`SpanIndex`] answers "does any span recorded so far overlap, cover or
//! contain this one?" for spans added in any order; [`sorted_range`] gives
//! the items of a start-sorted list that begin in a byte range. Both replace
//! scans over every earlier hit, which made long articles quadratic.

/// Byte spans added one by one, queried by overlap, point or containment.
///
/// A Fenwick tree over byte offsets keeps, for every prefix of start
/// offsets, the largest end of a span starting there: each question is
/// "is the largest end among spans starting at or before x beyond y?".
pub struct SpanIndex {
    /// 1-based Fenwick tree of maximum ends; slot `i` is start offset `i - 1`.
    tree: Vec<usize>,
}

impl SpanIndex {
    /// An empty index for spans inside a text of `len` bytes.
    pub fn new(len: usize) -> SpanIndex {
        SpanIndex {
            tree: vec![0; len + 2],
        }
    }

    /// An index holding `spans`.
    pub fn from_spans(len: usize, spans: impl IntoIterator<Item = (usize, usize)>) -> SpanIndex {
        let mut index = SpanIndex::new(len);
        for (start, end) in spans {
            index.insert(start, end);
        }
        index
    }

    /// Records the span `[start, end)`.
    pub fn insert(&mut self, start: usize, end: usize) {
        let mut i = start.min(self.tree.len() - 2) + 1;
        while i < self.tree.len() {
            self.tree[i] = self.tree[i].max(end);
            i += i & i.wrapping_neg();
        }
    }

    /// The largest end of a recorded span starting at or before `pos`
    /// (0 when there is none).
    fn max_end_from_at_most(&self, pos: usize) -> usize {
        let mut i = pos.min(self.tree.len() - 2) + 1;
        let mut best = 0;
        while i > 0 {
            best = best.max(self.tree[i]);
            i -= i & i.wrapping_neg();
        }
        best
    }

    /// Whether a recorded span shares a byte with `[start, end)`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        end > 0 && self.max_end_from_at_most(end - 1) > start
    }

    /// Whether a recorded span `[s, e)` has `s <= pos < e`.
    pub fn covers(&self, pos: usize) -> bool {
        self.max_end_from_at_most(pos) > pos
    }

    /// Whether a recorded span contains all of `[start, end)` (`end > start`).
    pub fn contains(&self, start: usize, end: usize) -> bool {
        self.max_end_from_at_most(start) >= end
    }
}

/// The index range of the items of `items` (sorted by `start_of`) that
/// start in `[from, to)`.
pub fn sorted_range<T>(
    items: &[T],
    from: usize,
    to: usize,
    start_of: impl Fn(&T) -> usize,
) -> std::ops::Range<usize> {
    let lo = items.partition_point(|x| start_of(x) < from);
    let hi = items.partition_point(|x| start_of(x) < to).max(lo);
    lo..hi
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same questions answered by scanning every span.
    fn naive(spans: &[(usize, usize)], q: (usize, usize)) -> (bool, bool, bool) {
        (
            spans.iter().any(|&(s, e)| q.0 < e && q.1 > s),
            spans.iter().any(|&(s, e)| s <= q.0 && q.0 < e),
            spans.iter().any(|&(s, e)| s <= q.0 && q.1 <= e),
        )
    }

    #[test]
    fn answers_like_a_scan_over_every_span() {
        let spans = [(3, 7), (10, 12), (5, 6), (20, 30), (0, 1)];
        let mut index = SpanIndex::new(40);
        for (n, &(s, e)) in spans.iter().enumerate() {
            index.insert(s, e);
            for qs in 0..40 {
                for qe in qs + 1..41 {
                    let got = (
                        index.overlaps(qs, qe),
                        index.covers(qs),
                        index.contains(qs, qe),
                    );
                    assert_eq!(got, naive(&spans[..=n], (qs, qe)), "{:?}", (qs, qe));
                }
            }
        }
    }

    #[test]
    fn empty_index_holds_nothing() {
        let index = SpanIndex::new(0);
        assert!(!index.overlaps(0, 1) && !index.covers(0) && !index.contains(0, 1));
    }

    #[test]
    fn range_of_starts() {
        let starts = [1, 4, 4, 9, 15];
        assert_eq!(sorted_range(&starts, 4, 10, |&s| s), 1..4);
        assert_eq!(sorted_range(&starts, 10, 12, |&s| s), 4..4);
        assert_eq!(sorted_range(&starts, 12, 10, |&s| s), 4..4);
    }
}
