// Search kernels. Literals use the "generic SIMD" filter (Wojciech Muła): a
// vector compare of the rarest needle bytes at their offsets, ANDed, and a
// full check of each candidate. Three filter bytes, not two: with two, the
// 1 GiB benchmark log ran at half speed because "upstream timeout"'s rarest
// pair ('p' at +1, 'm' at +7) lines up with "api/items" on every line. Case folding ORs 0x20 into letter positions
// only; wildcards are simply never chosen as filter bytes. AVX2 and SSE2
// kernels are picked at run time on x86-64 (GCC/Clang); elsewhere the scalar
// kernels run (memchr does the skipping there; -DHUGEVIEW_SEARCH_NO_SIMD
// builds that path on x86 too).
#include "search.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(HUGEVIEW_SEARCH_NO_SIMD)
#define HUGEVIEW_SEARCH_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace hugeview {

using search_detail::Plan;

namespace {

constexpr size_t kMaxAlternatives = 64;
constexpr size_t kNone = ~size_t{0};
// A mask byte that folds one ASCII letter (all bits but the case bit must match).
constexpr uint8_t kFoldMask = 0xDF;

bool IsAsciiLetter(uint8_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// A rough frequency rank of each byte in logs, text, source and binaries
// (higher = more common), to pick the rarest needle bytes as the filter.
int ByteRank(uint8_t c) {
  static const char kLetters[] = "etaoinsrhldcumpfgywbvkxjqz";  // most common first
  if (IsAsciiLetter(c)) {
    int order = static_cast<int>(strchr(kLetters, c | 0x20) - kLetters);
    return c >= 'a' ? 250 - 4 * order : 150 - 2 * order;
  }
  if (c >= '0' && c <= '9') return 215 - 3 * (c - '0');
  switch (c) {
    case ' ': return 255;
    case '\n': return 212;
    case '.': case '-': case '/': case ':': case '=': case '"': case ',': return 190;
    case '_': case '(': case ')': case '\'': case ';': return 170;
    case '\t': case '[': case ']': case '{': case '}': case '<': case '>': case 0x00: return 150;
    case '\r': case '*': case '+': case '#': case '!': case '&': case 0xFF: return 125;
    case '%': case '$': case '@': case '?': case '|': case '\\': return 105;
    case '^': case '`': case '~': return 70;
    default: break;
  }
  if (c >= 0x80) return c < 0xC0 ? 65 : 55;  // UTF-8 continuation and lead bytes
  return 40;                                  // other control bytes
}

// Filter positions and verifier for one alternative; false + *error if invalid.
bool BuildPlan(const SearchPattern& pattern, Plan* plan, std::string* error, size_t index) {
  const size_t n = pattern.bytes.size();
  std::string which = "alternative " + std::to_string(index);
  if (n == 0) return *error = which + " is empty", false;
  if (!pattern.mask.empty() && pattern.mask.size() != n) {
    return *error = which + ": the mask must be empty or as long as the bytes", false;
  }
  plan->length = n;
  plan->bytes.assign(n, 0);
  plan->ors.assign(n, 0);
  plan->ands.assign(n, 0xFF);
  plan->exact = true;
  size_t best1 = kNone;
  int rank1 = 0;
  std::vector<int> ranks(n, -1);  // -1 = wildcard
  for (size_t i = 0; i < n; ++i) {
    uint8_t m = pattern.mask.empty() ? 0xFF : pattern.mask[i];
    uint8_t c = pattern.bytes[i];
    if (m != 0xFF && m != 0x00 && !(m == kFoldMask && IsAsciiLetter(c))) {
      return *error = which + ": mask bytes must be 0xFF, 0x00, or 0xDF on an ASCII letter", false;
    }
    if (m == 0) {
      plan->ands[i] = 0;
      plan->exact = false;
      continue;
    }
    if ((pattern.ascii_case_insensitive || m == kFoldMask) && IsAsciiLetter(c)) {
      plan->ors[i] = 0x20;
      plan->bytes[i] = c | 0x20;
      plan->exact = false;
      ranks[i] = ByteRank(c | 0x20) + 5;  // both cases count
    } else {
      plan->bytes[i] = c;
      ranks[i] = ByteRank(c);
    }
    if (best1 == kNone || ranks[i] < rank1) best1 = i, rank1 = ranks[i];
  }
  if (best1 == kNone) return *error = which + " has no exact byte (all wildcards)", false;
  // Two more filter bytes: the rarest other positions, other values if any.
  auto rarest_other = [&](size_t a, size_t b) {
    size_t best = kNone;
    for (int pass = 0; pass < 2 && best == kNone; ++pass) {
      for (size_t i = 0; i < n; ++i) {
        if (i == a || i == b || ranks[i] < 0) continue;
        if (pass == 0 && (plan->bytes[i] == plan->bytes[a] || plan->bytes[i] == plan->bytes[b])) continue;
        if (best == kNone || ranks[i] < ranks[best]) best = i;
      }
    }
    return best;
  };
  size_t best2 = rarest_other(best1, best1);
  if (best2 == kNone) best2 = best1;
  size_t best3 = rarest_other(best1, best2);
  if (best3 == kNone) best3 = best2;
  plan->pos1 = best1;
  plan->pos2 = best2;
  plan->pos3 = best3;
  plan->far = std::max({best1, best2, best3});
  plan->want1 = plan->bytes[best1];
  plan->or1 = plan->ors[best1];
  plan->want2 = plan->bytes[best2];
  plan->or2 = plan->ors[best2];
  plan->want3 = plan->bytes[best3];
  plan->or3 = plan->ors[best3];
  // The verifier 8 bytes at a time; the last word overlaps the one before.
  plan->word_at.clear();
  plan->word_want.clear();
  plan->word_or.clear();
  plan->word_and.clear();
  if (n >= 8) {
    for (size_t at = 0; at < n; at += 8) plan->word_at.push_back(std::min(at, n - 8));
    for (size_t at : plan->word_at) {
      uint64_t w, o, a;
      memcpy(&w, &plan->bytes[at], 8);
      memcpy(&o, &plan->ors[at], 8);
      memcpy(&a, &plan->ands[at], 8);
      plan->word_want.push_back(w);
      plan->word_or.push_back(o);
      plan->word_and.push_back(a);
    }
  }
  return true;
}

inline bool Verify(const Plan& plan, const uint8_t* s) {
  const size_t words = plan.word_at.size();
  if (words == 0) {
    for (size_t i = 0; i < plan.length; ++i) {
      if (((s[i] | plan.ors[i]) & plan.ands[i]) != plan.bytes[i]) return false;
    }
    return true;
  }
  const size_t* at = plan.word_at.data();
  const uint64_t* want = plan.word_want.data();
  const uint64_t* ors = plan.word_or.data();
  const uint64_t* ands = plan.word_and.data();
  for (size_t w = 0; w < words; ++w) {
    uint64_t x;
    memcpy(&x, s + at[w], 8);
    if (((x | ors[w]) & ands[w]) != want[w]) return false;
  }
  return true;
}

// Where matches go while one plan is scanned: non-overlap state and output.
struct Sink {
  SearchMatch* out;
  size_t capacity;
  size_t count;
  size_t next;  // earliest start allowed (end of the last match)
  uint32_t alternative;
  bool Add(size_t start, size_t length) {  // false when full
    out[count++] = SearchMatch{start, alternative};
    next = start + length;
    return count < capacity;
  }
};

// Starts in [p, end) one at a time. Returns false when the sink filled up.
bool ScanScalarRange(const Plan& plan, const uint8_t* data, size_t p, size_t end, Sink* sink) {
  p = std::max(p, sink->next);
  while (p < end) {
    if (plan.or1 == 0) {
      const void* hit = memchr(data + p + plan.pos1, plan.want1, end - p);
      if (hit == nullptr) break;
      p = static_cast<size_t>(static_cast<const uint8_t*>(hit) - data) - plan.pos1;
    }
    if ((data[p + plan.pos1] | plan.or1) == plan.want1 && (data[p + plan.pos2] | plan.or2) == plan.want2 &&
        (data[p + plan.pos3] | plan.or3) == plan.want3 && Verify(plan, data + p)) {
      if (!sink->Add(p, plan.length)) return false;
      p += plan.length;
    } else {
      ++p;
    }
  }
  return true;
}

// A kernel scans one plan over starts [*pos, end), end <= length - plan.length + 1.
using ScanFn = size_t (*)(const Plan&, const uint8_t*, size_t, size_t, size_t*, SearchMatch*, size_t, uint32_t);
using CountFn = uint64_t (*)(const uint8_t*, size_t, uint8_t);

size_t ScanScalar(const Plan& plan, const uint8_t* data, size_t, size_t end, size_t* pos, SearchMatch* out,
                  size_t capacity, uint32_t alternative) {
  Sink sink{out, capacity, 0, *pos, alternative};
  ScanScalarRange(plan, data, *pos, end, &sink);
  *pos = sink.count == capacity ? sink.next : std::max(sink.next, end);
  return sink.count;
}

uint64_t CountScalar(const uint8_t* data, size_t length, uint8_t byte) {
  uint64_t count = 0;
  for (size_t i = 0; i < length; ++i) count += data[i] == byte;
  return count;
}

#if HUGEVIEW_SEARCH_X86

// Candidate bits of a block at `base` (bit j = start base+j): skips starts
// inside the last match or at/after `end`, verifies the rest.
inline bool Candidates(const Plan& plan, const uint8_t* data, size_t base, uint64_t bits, size_t end, Sink* sink) {
  while (bits != 0) {
    size_t q = base + static_cast<size_t>(__builtin_ctzll(bits));
    bits &= bits - 1;
    if (q < sink->next) continue;
    if (q >= end) return true;
    if (Verify(plan, data + q) && !sink->Add(q, plan.length)) return false;
  }
  return true;
}

// The filter kernel is written once, over the vector width: a small struct of
// vector operations per ISA (as in BurntSushi/memchr's arch/generic), and one
// loop instantiated for each. The AVX2 operations carry target("avx2"); the
// loop is forced inline into an avx2 entry point, where they inline in turn.
struct Sse2Ops {
  using V = __m128i;
  static constexpr size_t kWidth = 16;
  static V Splat(uint8_t b) { return _mm_set1_epi8(static_cast<char>(b)); }
  static V Load(const uint8_t* at) { return _mm_loadu_si128(reinterpret_cast<const V*>(at)); }
  static V Eq(V a, V b) { return _mm_cmpeq_epi8(a, b); }
  static V Or(V a, V b) { return _mm_or_si128(a, b); }
  static V And(V a, V b) { return _mm_and_si128(a, b); }
  static bool None(V v) { return _mm_movemask_epi8(v) == 0; }
  static uint64_t Bits(V v) { return static_cast<uint32_t>(_mm_movemask_epi8(v)); }
};

#define HUGEVIEW_AVX2 __attribute__((target("avx2")))
struct Avx2Ops {
  using V = __m256i;
  static constexpr size_t kWidth = 32;
  HUGEVIEW_AVX2 static V Splat(uint8_t b) { return _mm256_set1_epi8(static_cast<char>(b)); }
  HUGEVIEW_AVX2 static V Load(const uint8_t* at) { return _mm256_loadu_si256(reinterpret_cast<const V*>(at)); }
  HUGEVIEW_AVX2 static V Eq(V a, V b) { return _mm256_cmpeq_epi8(a, b); }
  HUGEVIEW_AVX2 static V Or(V a, V b) { return _mm256_or_si256(a, b); }
  HUGEVIEW_AVX2 static V And(V a, V b) { return _mm256_and_si256(a, b); }
  HUGEVIEW_AVX2 static bool None(V v) { return _mm256_testz_si256(v, v) != 0; }
  HUGEVIEW_AVX2 static uint64_t Bits(V v) { return static_cast<uint32_t>(_mm256_movemask_epi8(v)); }
};

// Filter<Avx2Ops> passes 32-byte vectors between functions; they are always
// inlined into ScanAvx2, so no such call exists. (GCC warns at the end of the
// file, where templates are instantiated, so the warning stays off to the end
// of this file.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace sse2 {
#include "search_vector.inc"
}  // namespace sse2

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
namespace avx2 {
#include "search_vector.inc"
}  // namespace avx2
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

size_t ScanSse2(const Plan& plan, const uint8_t* data, size_t length, size_t end, size_t* pos, SearchMatch* out,
                size_t capacity, uint32_t alternative) {
  return (plan.or1 | plan.or2 | plan.or3)
             ? sse2::ScanVector<Sse2Ops, true>(plan, data, length, end, pos, out, capacity, alternative)
             : sse2::ScanVector<Sse2Ops, false>(plan, data, length, end, pos, out, capacity, alternative);
}

HUGEVIEW_AVX2 size_t ScanAvx2(const Plan& plan, const uint8_t* data, size_t length, size_t end, size_t* pos,
                              SearchMatch* out, size_t capacity, uint32_t alternative) {
  return (plan.or1 | plan.or2 | plan.or3)
             ? avx2::ScanVector<Avx2Ops, true>(plan, data, length, end, pos, out, capacity, alternative)
             : avx2::ScanVector<Avx2Ops, false>(plan, data, length, end, pos, out, capacity, alternative);
}

__attribute__((target("avx2"))) inline __m256i Eq32(const uint8_t* at, __m256i needle) {
  return _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), needle);
}

// Counting: bytes equal to the needle subtract -1 into byte counters for up
// to 255 rounds, then SAD against zero adds the counters into 64-bit lanes.
__attribute__((target("avx2"))) uint64_t CountAvx2(const uint8_t* data, size_t length, uint8_t byte) {
  const __m256i needle = _mm256_set1_epi8(static_cast<char>(byte));
  const __m256i zero = _mm256_setzero_si256();
  uint64_t total = 0;
  size_t i = 0;
  while (length - i >= 128) {
    size_t rounds = std::min<size_t>((length - i) / 128, 255);
    __m256i c0 = zero, c1 = zero, c2 = zero, c3 = zero;
    for (size_t r = 0; r < rounds; ++r, i += 128) {
      c0 = _mm256_sub_epi8(c0, Eq32(data + i, needle));
      c1 = _mm256_sub_epi8(c1, Eq32(data + i + 32, needle));
      c2 = _mm256_sub_epi8(c2, Eq32(data + i + 64, needle));
      c3 = _mm256_sub_epi8(c3, Eq32(data + i + 96, needle));
    }
    __m256i sum = _mm256_add_epi64(_mm256_add_epi64(_mm256_sad_epu8(c0, zero), _mm256_sad_epu8(c1, zero)),
                                   _mm256_add_epi64(_mm256_sad_epu8(c2, zero), _mm256_sad_epu8(c3, zero)));
    __m128i half = _mm_add_epi64(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
    total += static_cast<uint64_t>(_mm_cvtsi128_si64(half)) + static_cast<uint64_t>(_mm_extract_epi64(half, 1));
  }
  for (; length - i >= 32; i += 32) {
    total += static_cast<uint64_t>(__builtin_popcount(static_cast<uint32_t>(_mm256_movemask_epi8(Eq32(data + i, needle)))));
  }
  return total + CountScalar(data + i, length - i, byte);
}

uint64_t CountSse2(const uint8_t* data, size_t length, uint8_t byte) {
  const __m128i needle = _mm_set1_epi8(static_cast<char>(byte));
  const __m128i zero = _mm_setzero_si128();
  auto eq = [&](size_t at) {
    return _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at)), needle);
  };
  uint64_t total = 0;
  size_t i = 0;
  while (length - i >= 64) {
    size_t rounds = std::min<size_t>((length - i) / 64, 255);
    __m128i c0 = zero, c1 = zero, c2 = zero, c3 = zero;
    for (size_t r = 0; r < rounds; ++r, i += 64) {
      c0 = _mm_sub_epi8(c0, eq(i));
      c1 = _mm_sub_epi8(c1, eq(i + 16));
      c2 = _mm_sub_epi8(c2, eq(i + 32));
      c3 = _mm_sub_epi8(c3, eq(i + 48));
    }
    __m128i sum = _mm_add_epi64(_mm_add_epi64(_mm_sad_epu8(c0, zero), _mm_sad_epu8(c1, zero)),
                                _mm_add_epi64(_mm_sad_epu8(c2, zero), _mm_sad_epu8(c3, zero)));
    total += static_cast<uint64_t>(_mm_cvtsi128_si64(sum)) +
             static_cast<uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum)));
  }
  return total + CountScalar(data + i, length - i, byte);
}

// 64 positions -> one bit each.
__attribute__((target("avx2"))) uint64_t EqBits64Avx2(const uint8_t* at, uint8_t byte) {
  const __m256i needle = _mm256_set1_epi8(static_cast<char>(byte));
  uint32_t lo = static_cast<uint32_t>(_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), needle)));
  uint32_t hi = static_cast<uint32_t>(_mm256_movemask_epi8(
      _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + 32)), needle)));
  return lo | static_cast<uint64_t>(hi) << 32;
}

uint64_t EqBits64Sse2(const uint8_t* at, uint8_t byte) {
  const __m128i needle = _mm_set1_epi8(static_cast<char>(byte));
  uint64_t bits = 0;
  for (int j = 0; j < 4; ++j) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16 * j));
    bits |= static_cast<uint64_t>(static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)))) << (16 * j);
  }
  return bits;
}

#endif  // HUGEVIEW_SEARCH_X86

struct Kernels {
  ScanFn scan;
  CountFn count;
  uint64_t (*bits64)(const uint8_t*, uint8_t);  // nullptr: no SIMD
  const char* name;
};

const Kernels kScalarKernels{ScanScalar, CountScalar, nullptr, "scalar"};
#if HUGEVIEW_SEARCH_X86
const Kernels kSse2Kernels{ScanSse2, CountSse2, EqBits64Sse2, "sse2"};
const Kernels kAvx2Kernels{ScanAvx2, CountAvx2, EqBits64Avx2, "avx2"};
#endif

#if HUGEVIEW_SEARCH_X86
// CPUID + XGETBV, not __builtin_cpu_supports: Zig's compiler-rt (the macOS,
// musl and Windows prebuilds) has no __cpu_model for it to read.
bool HasAvx2() {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
  if (!(c & bit_OSXSAVE) || !(c & bit_POPCNT)) return false;
  unsigned lo, hi;
  __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  if ((lo & 6) != 6) return false;  // the OS saves XMM and YMM state
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
  return (b & bit_AVX2) != 0;
}
#endif

const Kernels* BestKernels() {
#if HUGEVIEW_SEARCH_X86
  return HasAvx2() ? &kAvx2Kernels : &kSse2Kernels;
#else
  return &kScalarKernels;
#endif
}

std::atomic<const Kernels*> g_kernels{nullptr};

const Kernels& Active() {
  const Kernels* k = g_kernels.load(std::memory_order_relaxed);
  if (k == nullptr) {
    k = BestKernels();
    g_kernels.store(k, std::memory_order_relaxed);
  }
  return *k;
}

}  // namespace

bool search_detail::ForceImpl(Impl impl) {
  const Kernels* k = nullptr;
  switch (impl) {
    case Impl::kAuto: k = BestKernels(); break;
    case Impl::kScalar: k = &kScalarKernels; break;
#if HUGEVIEW_SEARCH_X86
    case Impl::kSse2: k = &kSse2Kernels; break;
    case Impl::kAvx2: k = HasAvx2() ? &kAvx2Kernels : nullptr; break;
#else
    default: break;
#endif
  }
  if (k == nullptr) return false;
  g_kernels.store(k, std::memory_order_relaxed);
  return true;
}

const char* search_detail::ImplName() { return Active().name; }

bool Searcher::Init(std::vector<SearchPattern> alternatives, std::string* error) {
  plans_.clear();
  max_length_ = 0;
  if (alternatives.empty() || alternatives.size() > kMaxAlternatives) {
    *error = "between 1 and 64 alternatives are needed, got " + std::to_string(alternatives.size());
    return false;
  }
  std::vector<Plan> plans(alternatives.size());
  for (size_t i = 0; i < alternatives.size(); ++i) {
    if (!BuildPlan(alternatives[i], &plans[i], error, i)) return false;
    max_length_ = std::max(max_length_, plans[i].length);
  }
  plans_ = std::move(plans);
  return true;
}

size_t Searcher::ScanBatch(const uint8_t* data, size_t length, size_t limit, size_t* position, SearchMatch* out,
                           size_t capacity) const {
  if (plans_.empty() || capacity == 0) return 0;
  const ScanFn scan = Active().scan;
  limit = std::min(limit, length);
  auto end_of = [&](const Plan& plan) { return length < plan.length ? 0 : std::min(limit, length - plan.length + 1); };
  size_t pos = *position;
  if (plans_.size() == 1) {
    size_t end = end_of(plans_[0]);
    if (pos >= end) return 0;
    return scan(plans_[0], data, length, end, position, out, capacity, 0);
  }
  // Several alternatives: each one's next occurrence at or after `pos`, found
  // by its own kernel and refreshed only once a match passes it.
  size_t next[kMaxAlternatives];
  auto find = [&](uint32_t a) {
    size_t end = end_of(plans_[a]), from = pos;
    SearchMatch m;
    return from < end && scan(plans_[a], data, length, end, &from, &m, 1, a) == 1 ? static_cast<size_t>(m.offset)
                                                                                    : kNone;
  };
  const uint32_t count = static_cast<uint32_t>(plans_.size());
  for (uint32_t a = 0; a < count; ++a) next[a] = find(a);
  size_t n = 0;
  for (;;) {
    uint32_t best = 0;
    for (uint32_t a = 1; a < count; ++a) {
      if (next[a] < next[best]) best = a;
    }
    if (next[best] == kNone) break;
    out[n++] = SearchMatch{next[best], best};
    pos = next[best] + plans_[best].length;
    if (n == capacity) break;
    for (uint32_t a = 0; a < count; ++a) {
      if (next[a] != kNone && next[a] < pos) next[a] = find(a);
    }
  }
  *position = pos;
  return n;
}

uint64_t CountByte(const uint8_t* data, size_t length, uint8_t byte) {
  if (length == 0) return 0;
  return Active().count(data, length, byte);
}

const uint8_t* FindNth(const uint8_t* data, size_t length, uint8_t byte, uint64_t k, uint64_t* found) {
  *found = 0;
  if (k == 0) return data;
  uint64_t seen = 0;
  size_t i = 0;
#if HUGEVIEW_SEARCH_X86
  const Kernels& kernels = Active();
  if (kernels.bits64 != nullptr) {
    constexpr size_t kBlock = 4096;  // whole blocks are counted at bandwidth
    while (length - i >= kBlock) {
      uint64_t c = kernels.count(data + i, kBlock, byte);
      if (seen + c >= k) break;
      seen += c;
      i += kBlock;
    }
    for (; length - i >= 64; i += 64) {
      uint64_t bits = kernels.bits64(data + i, byte);
      uint64_t c = static_cast<uint64_t>(__builtin_popcountll(bits));
      if (seen + c >= k) {
        for (uint64_t skip = k - seen - 1; skip > 0; --skip) bits &= bits - 1;
        *found = k;
        return data + i + static_cast<size_t>(__builtin_ctzll(bits)) + 1;
      }
      seen += c;
    }
  }
#endif
  for (; i < length; ++i) {
    if (data[i] == byte && ++seen == k) {
      *found = k;
      return data + i + 1;
    }
  }
  *found = seen;
  return nullptr;
}

}  // namespace hugeview
