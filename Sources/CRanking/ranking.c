// Orders a column of scores with AVX2: each score becomes a 32-bit key (its place in the
// column's range, then its tie rank), a bitonic network sorts the keys, and an exact pass
// settles the rare candidates whose scores share a key step. See CRanking.h.
#include "CRanking.h"

#if defined(__x86_64__)

#include <immintrin.h>
#include <math.h>

#define AVX2_INLINE __attribute__((target("avx2"), always_inline)) static inline
#define AVX2 __attribute__((target("avx2")))

typedef __m256i Keys;

int vp_rank_supported(int n) {
    // Called once per Ranker; __builtin_cpu_init does its work on the first call only.
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && n >= 2 && n <= VP_RANK_MAX;
}

int vp_rank_work(int n) {
    int size = 64;
    while (size < n) size <<= 1;
    return size;
}

/// A comparator on eight lanes at once: the smaller keys to a, the larger to b.
AVX2_INLINE void exchange(Keys *a, Keys *b) {
    Keys x = *a, y = *b;
    *a = _mm256_min_epu32(x, y);
    *b = _mm256_max_epu32(x, y);
}

AVX2_INLINE Keys reversed(Keys v) {
    return _mm256_permutevar8x32_epi32(v, _mm256_setr_epi32(7, 6, 5, 4, 3, 2, 1, 0));
}

/// The half-cleaners at distances 4, 2 and 1 inside one register: a bitonic register of
/// eight keys comes out ascending.
AVX2_INLINE Keys cleaned(Keys v) {
    Keys p = _mm256_permute2x128_si256(v, v, 0x01);
    v = _mm256_blend_epi32(_mm256_min_epu32(v, p), _mm256_max_epu32(v, p), 0xF0);
    p = _mm256_shuffle_epi32(v, 0x4E);
    v = _mm256_blend_epi32(_mm256_min_epu32(v, p), _mm256_max_epu32(v, p), 0xCC);
    p = _mm256_shuffle_epi32(v, 0xB1);
    return _mm256_blend_epi32(_mm256_min_epu32(v, p), _mm256_max_epu32(v, p), 0xAA);
}

/// Sorts 64 keys held in eight registers, in registers: Batcher's 19-comparator network
/// sorts the eight columns, a transpose turns columns into sorted runs of 8, and three
/// bitonic merges join them.
AVX2_INLINE void sort64(Keys *r) {
    Keys a0 = r[0], a1 = r[1], a2 = r[2], a3 = r[3], a4 = r[4], a5 = r[5], a6 = r[6], a7 = r[7];
    exchange(&a0, &a2); exchange(&a1, &a3); exchange(&a4, &a6); exchange(&a5, &a7);
    exchange(&a0, &a4); exchange(&a1, &a5); exchange(&a2, &a6); exchange(&a3, &a7);
    exchange(&a0, &a1); exchange(&a2, &a3); exchange(&a4, &a5); exchange(&a6, &a7);
    exchange(&a2, &a4); exchange(&a3, &a5);
    exchange(&a1, &a4); exchange(&a3, &a6);
    exchange(&a1, &a2); exchange(&a3, &a4); exchange(&a5, &a6);
    Keys t0 = _mm256_unpacklo_epi32(a0, a1), t1 = _mm256_unpackhi_epi32(a0, a1);
    Keys t2 = _mm256_unpacklo_epi32(a2, a3), t3 = _mm256_unpackhi_epi32(a2, a3);
    Keys t4 = _mm256_unpacklo_epi32(a4, a5), t5 = _mm256_unpackhi_epi32(a4, a5);
    Keys t6 = _mm256_unpacklo_epi32(a6, a7), t7 = _mm256_unpackhi_epi32(a6, a7);
    Keys u0 = _mm256_unpacklo_epi64(t0, t2), u1 = _mm256_unpackhi_epi64(t0, t2);
    Keys u2 = _mm256_unpacklo_epi64(t1, t3), u3 = _mm256_unpackhi_epi64(t1, t3);
    Keys u4 = _mm256_unpacklo_epi64(t4, t6), u5 = _mm256_unpackhi_epi64(t4, t6);
    Keys u6 = _mm256_unpacklo_epi64(t5, t7), u7 = _mm256_unpackhi_epi64(t5, t7);
    a0 = _mm256_permute2x128_si256(u0, u4, 0x20); a4 = _mm256_permute2x128_si256(u0, u4, 0x31);
    a1 = _mm256_permute2x128_si256(u1, u5, 0x20); a5 = _mm256_permute2x128_si256(u1, u5, 0x31);
    a2 = _mm256_permute2x128_si256(u2, u6, 0x20); a6 = _mm256_permute2x128_si256(u2, u6, 0x31);
    a3 = _mm256_permute2x128_si256(u3, u7, 0x20); a7 = _mm256_permute2x128_si256(u3, u7, 0x31);
    // Runs of 8 into runs of 16: the second run reversed makes each pair bitonic.
    a1 = reversed(a1); exchange(&a0, &a1);
    a3 = reversed(a3); exchange(&a2, &a3);
    a5 = reversed(a5); exchange(&a4, &a5);
    a7 = reversed(a7); exchange(&a6, &a7);
    a0 = cleaned(a0); a1 = cleaned(a1); a2 = cleaned(a2); a3 = cleaned(a3);
    a4 = cleaned(a4); a5 = cleaned(a5); a6 = cleaned(a6); a7 = cleaned(a7);
    // 16 into 32.
    { Keys b0 = reversed(a3), b1 = reversed(a2); exchange(&a0, &b0); exchange(&a1, &b1); a2 = b1; a3 = b0; }
    { Keys b0 = reversed(a7), b1 = reversed(a6); exchange(&a4, &b0); exchange(&a5, &b1); a6 = b1; a7 = b0; }
    exchange(&a0, &a1); exchange(&a2, &a3); exchange(&a4, &a5); exchange(&a6, &a7);
    a0 = cleaned(a0); a1 = cleaned(a1); a2 = cleaned(a2); a3 = cleaned(a3);
    a4 = cleaned(a4); a5 = cleaned(a5); a6 = cleaned(a6); a7 = cleaned(a7);
    // 32 into 64.
    {
        Keys b0 = reversed(a7), b1 = reversed(a6), b2 = reversed(a5), b3 = reversed(a4);
        exchange(&a0, &b0); exchange(&a1, &b1); exchange(&a2, &b2); exchange(&a3, &b3);
        a4 = b3; a5 = b2; a6 = b1; a7 = b0;
    }
    exchange(&a0, &a2); exchange(&a1, &a3); exchange(&a4, &a6); exchange(&a5, &a7);
    exchange(&a0, &a1); exchange(&a2, &a3); exchange(&a4, &a5); exchange(&a6, &a7);
    r[0] = cleaned(a0); r[1] = cleaned(a1); r[2] = cleaned(a2); r[3] = cleaned(a3);
    r[4] = cleaned(a4); r[5] = cleaned(a5); r[6] = cleaned(a6); r[7] = cleaned(a7);
}

/// The last levels of a bitonic merge on eight registers, in registers: half-cleaners at
/// distances of 4, 2 and 1 registers, then inside each register.
AVX2_INLINE void finish64(Keys *r) {
    Keys a0 = r[0], a1 = r[1], a2 = r[2], a3 = r[3], a4 = r[4], a5 = r[5], a6 = r[6], a7 = r[7];
    exchange(&a0, &a4); exchange(&a1, &a5); exchange(&a2, &a6); exchange(&a3, &a7);
    exchange(&a0, &a2); exchange(&a1, &a3); exchange(&a4, &a6); exchange(&a5, &a7);
    exchange(&a0, &a1); exchange(&a2, &a3); exchange(&a4, &a5); exchange(&a6, &a7);
    r[0] = cleaned(a0); r[1] = cleaned(a1); r[2] = cleaned(a2); r[3] = cleaned(a3);
    r[4] = cleaned(a4); r[5] = cleaned(a5); r[6] = cleaned(a6); r[7] = cleaned(a7);
}

/// Merges the ascending runs r[0..<half] and r[half..<2 half] (registers of 8, half >= 8)
/// into one: the second run reversed makes the whole bitonic, then half-cleaners.
AVX2_INLINE void merge(Keys *r, int half) {
    for (int i = 0; i < half; i++) {
        Keys low = r[i], high = reversed(r[2 * half - 1 - i]);
        r[i] = _mm256_min_epu32(low, high);
        r[2 * half - 1 - i] = reversed(_mm256_max_epu32(low, high));
    }
    // The upper half is stored reversed, element by element: a reversed bitonic sequence is
    // bitonic, and the half-cleaners below sort either direction ascending.
    for (int s = half / 2; s >= 8; s >>= 1)
        for (int b = 0; b < 2 * half; b += 2 * s)
            for (int i = b; i < b + s; i++) exchange(r + i, r + i + s);
    for (int g = 0; g < 2 * half; g += 8) finish64(r + g);
}

/// Sorts `size` keys ascending in place, the first n real and the rest padding (UINT32_MAX):
/// size a power of two from 64 to VP_RANK_MAX. `keys` needs only 4-byte alignment: the
/// registers are read and written through an unaligned vector type.
AVX2 static void sort_keys(uint32_t *keys, int n, int size) {
    typedef uint32_t Unaligned __attribute__((vector_size(32), aligned(4)));
    Unaligned *memory = (Unaligned *)keys;
    Keys r[VP_RANK_MAX / 8];
    const int count = size / 8;
    // A block whose keys from the second on are padding is sorted already.
    for (int g = 0; g < count; g += 8) {
        for (int i = g; i < g + 8; i++) r[i] = (Keys)memory[i];
        if (g * 8 < n - 1) sort64(r + g);
    }
    for (int half = 8; half < count; half <<= 1)
        for (int g = 0; g < count; g += 2 * half) merge(r + g, half);
    for (int i = 0; i < count; i++) memory[i] = (Unaligned)r[i];
}

/// The score that orders, NaN below every number.
static inline double ordering(double score) { return score == score ? score : -INFINITY; }

/// Whether two scores are one value for ranking: equal to 12 significant digits (SPEC §12),
/// or both missing.
static inline int tied(double a, double b) {
    if (a == b) return 1;
    if (a != a || b != b) return a != a && b != b;
    const double scale = fmax(fmax(fabs(a), fabs(b)), 1.0);
    return fabs(a - b) <= 1e-12 * scale;
}

AVX2 int vp_rank(const double *scores, int n, const uint32_t *tie, const int32_t *by_tie,
                 uint32_t *work, uint32_t *positions, uint32_t *counts, int stride) {
    int bits = 1;
    while ((1 << bits) < n) bits++;
    // Steps from the highest score (0) to the lowest (steps); NaN one past. The key is the
    // step above the tie rank, so keys are distinct and sort by step, then tie rank.
    const uint32_t missing = (1u << (32 - bits)) - 1, steps = missing - 1;

    // The range of the real scores: max/min return their second operand when the first is
    // NaN, so NaN is skipped.
    __m256d high4 = _mm256_set1_pd(-INFINITY), low4 = _mm256_set1_pd(INFINITY);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m256d v = _mm256_loadu_pd(scores + i);
        high4 = _mm256_max_pd(v, high4);
        low4 = _mm256_min_pd(v, low4);
    }
    double highs[4], lows[4];
    _mm256_storeu_pd(highs, high4);
    _mm256_storeu_pd(lows, low4);
    double highest = -INFINITY, lowest = INFINITY;
    for (int k = 0; k < 4; k++) {
        highest = highs[k] > highest ? highs[k] : highest;
        lowest = lows[k] < lowest ? lows[k] : lowest;
    }
    for (; i < n; i++) {
        const double v = scores[i];
        highest = v > highest ? v : highest;
        lowest = v < lowest ? v : lowest;
    }

    const double span = highest - lowest, scale = (double)steps / span;
    // Scores two steps apart differ by more than a step, span / steps; when that exceeds the
    // tie tolerance (with a margin for rounding), only neighbours within one step can tie.
    const double magnitude = fmax(fmax(fabs(highest), fabs(lowest)), 1.0);
    int near = !(span / (double)steps > 4e-12 * magnitude);
    if (span > 0 && span < INFINITY && scale < INFINITY) {
        // (highest − s) × scale lies in [0, steps] and never decreases as s decreases (each
        // rounded operation is monotone), so a smaller step means a higher score; equal steps
        // are settled exactly below.
        const __m256d top = _mm256_set1_pd(highest), factor = _mm256_set1_pd(scale);
        const __m128i none = _mm_set1_epi32((int)missing), shift = _mm_cvtsi32_si128(bits);
        const __m256i evens = _mm256_setr_epi32(0, 2, 4, 6, 0, 0, 0, 0);
        for (i = 0; i + 4 <= n; i += 4) {
            const __m256d v = _mm256_loadu_pd(scores + i);
            __m128i step = _mm256_cvttpd_epi32(_mm256_mul_pd(_mm256_sub_pd(top, v), factor));
            const __m256d nan = _mm256_cmp_pd(v, v, _CMP_UNORD_Q);
            const __m128i nan32 = _mm256_castsi256_si128(
                _mm256_permutevar8x32_epi32(_mm256_castpd_si256(nan), evens));
            step = _mm_blendv_epi8(step, none, nan32);
            const __m128i t = _mm_loadu_si128((const __m128i *)(tie + i));
            _mm_storeu_si128((__m128i *)(work + i), _mm_or_si128(_mm_sll_epi32(step, shift), t));
        }
        for (; i < n; i++) {
            const double v = scores[i];
            const uint32_t step = v == v ? (uint32_t)(int32_t)((highest - v) * scale) : missing;
            work[i] = step << bits | tie[i];
        }
    } else {
        // No finite spread to place scores in (one value, or infinities): every number takes
        // step 0 and the exact pass orders them.
        for (i = 0; i < n; i++) work[i] = (scores[i] == scores[i] ? 0u : missing << bits) | tie[i];
    }

    const int size = vp_rank_work(n);
    for (i = n; i < size; i++) work[i] = UINT32_MAX;
    sort_keys(work, n, size);

    // Tie ranks in key order, whether two neighbours share a step or are one step apart, and
    // (in work, whose keys are no longer needed) each candidate's counter: tie rank × stride +
    // twice its rank.
    const uint32_t mask = (1u << bits) - 1;
    const __m256i low = _mm256_set1_epi32((int)mask), rows = _mm256_set1_epi32(stride);
    const __m128i shift = _mm_cvtsi32_si128(bits);
    __m256i rank = _mm256_setr_epi32(4, 6, 8, 10, 12, 14, 16, 18);
    const __m256i sixteen = _mm256_set1_epi32(16), one = _mm256_set1_epi32(1);
    __m256i shared = _mm256_setzero_si256(), adjacent = _mm256_setzero_si256();
    uint32_t previous = work[0];
    positions[0] = work[0] & mask;
    work[0] = positions[0] * (uint32_t)stride + 2;
    int p = 1;
    for (; p + 8 <= n; p += 8) {
        const __m256i k = _mm256_loadu_si256((const __m256i *)(work + p));
        const __m256i before = _mm256_alignr_epi8(k, _mm256_permute2x128_si256(k, k, 0x08), 12);
        const __m256i first = _mm256_insert_epi32(before, (int)previous, 0);
        const __m256i t = _mm256_and_si256(k, low);
        _mm256_storeu_si256((__m256i *)(positions + p), t);
        const __m256i step = _mm256_srl_epi32(k, shift), stepBefore = _mm256_srl_epi32(first, shift);
        shared = _mm256_or_si256(shared, _mm256_cmpeq_epi32(step, stepBefore));
        adjacent = _mm256_or_si256(adjacent, _mm256_cmpeq_epi32(step, _mm256_add_epi32(stepBefore, one)));
        previous = work[p + 7];
        _mm256_storeu_si256((__m256i *)(work + p), _mm256_add_epi32(_mm256_mullo_epi32(t, rows), rank));
        rank = _mm256_add_epi32(rank, sixteen);
    }
    int equal = !_mm256_testz_si256(shared, shared);
    near |= !_mm256_testz_si256(adjacent, adjacent);
    for (; p < n; p++) {
        const uint32_t k = work[p];
        positions[p] = k & mask;
        equal |= (k >> bits) == (previous >> bits);
        near |= (k >> bits) == (previous >> bits) + 1;
        previous = k;
        work[p] = positions[p] * (uint32_t)stride + 2 * (uint32_t)p + 2;
    }

    if (equal) {
        // Insertion on the exact scores. Candidates of different steps are already in order,
        // so only runs of one step move; tie ranks order equal scores.
        for (p = 1; p < n; p++) {
            const uint32_t t = positions[p];
            const double key = ordering(scores[by_tie[t]]);
            int q = p;
            while (q > 0) {
                const uint32_t o = positions[q - 1];
                const double other = ordering(scores[by_tie[o]]);
                if (!(other < key || (other == key && o > t))) break;
                positions[q] = o;
                q--;
            }
            positions[q] = t;
        }
        for (p = 0; p < n; p++) work[p] = positions[p] * (uint32_t)stride + 2 * (uint32_t)p + 2;
    }
    // Neighbours that share a step or are one step apart may be tied: the caller shares their
    // ranks, so nothing is counted here.
    if (equal || near)
        for (p = 1; p < n; p++)
            if (tied(scores[by_tie[positions[p - 1]]], scores[by_tie[positions[p]]])) return 0;
    // n ≤ 1,024 and stride ≤ 2n + 1, so tie rank × stride + 2 × rank fits in 32 bits.
    if (counts)
        for (p = 0; p < n; p++) counts[work[p]] += 1;
    return 1;
}

#else

// Other processors: the Swift radix path ranks every column; vp_rank is never called.
int vp_rank_supported(int n) { (void)n; return 0; }

int vp_rank_work(int n) { (void)n; return 64; }

int vp_rank(const double *scores, int n, const uint32_t *tie, const int32_t *by_tie,
            uint32_t *work, uint32_t *positions, uint32_t *counts, int stride) {
    (void)scores; (void)n; (void)tie; (void)by_tie; (void)work; (void)positions; (void)counts;
    (void)stride;
    __builtin_trap();
}

#endif
