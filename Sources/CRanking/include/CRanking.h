// Ranking kernel for the sensitivity engine: one column of scores ordered on AVX2.
//
// The Swift `Ranker` in the Sensitivity module is the only caller. It checks
// `vp_rank_supported` once and keeps its portable radix sort for every other case.
#ifndef VISITPLAN_CRANKING_H
#define VISITPLAN_CRANKING_H

#include <stdint.h>

/// The most candidates `vp_rank` orders (the key keeps 10 bits for the tie rank).
#define VP_RANK_MAX 1024

/// 1 when `vp_rank` can order n candidates on this processor: AVX2 and 2 <= n <= VP_RANK_MAX.
int vp_rank_supported(int n);

/// Entries `vp_rank` needs in `work` for n candidates: a power of two, at least 64.
int vp_rank_work(int n);

/// Orders the n scores descending, ties by tie rank ascending, NaN after every number.
///
/// - tie: each candidate's tie rank, a permutation of 0..<n (position in ascending id order).
/// - by_tie: its inverse, the candidate of each tie rank.
/// - work: vp_rank_work(n) entries of scratch.
/// - positions: receives, for each rank from the first, the tie rank of the candidate there.
/// - counts: NULL, or counters with rows of `stride` (at least 2n + 1) by tie rank:
///   counts[t * stride + 2 r] gains one when the candidate of tie rank t is at 1-based rank r.
///
/// Returns 1 when no two neighbours are tied (equal to 12 significant digits, or both NaN);
/// 0 when some are, and then nothing is counted: tied candidates share their ranks, which
/// the caller works out from `positions`.
///
/// O(n log^2 n) vector operations (a bitonic network on 32-bit keys), plus an exact pass
/// over candidates whose scores fall in one key step; n must satisfy vp_rank_supported.
int vp_rank(const double *scores, int n, const uint32_t *tie, const int32_t *by_tie,
            uint32_t *work, uint32_t *positions, uint32_t *counts, int stride);

#endif
