// Log levels per bucket: see level_count.h. One pass; SSE2 finds the bytes
// worth a look (line breaks, and capitals that can start a level token at the
// start of a word), a scalar check confirms the token.
#include "level_count.h"

#include "holes.h"

#include <algorithm>
#include <cstring>
#include <memory>

// HUGEVIEW_LEVELS_SCALAR: the byte loop everywhere (the kernel test checks both paths on one machine).
#if !defined(HUGEVIEW_LEVELS_SCALAR) && (defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#include <emmintrin.h>
#define HUGEVIEW_LEVELS_SSE2 1
#endif
#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

namespace hugeview {
namespace {

constexpr uint8_t kLF = 0x0A;
constexpr uint64_t kReadAheadEvery = 8u << 20;
constexpr uint64_t kReadAhead = 16u << 20;
constexpr uint64_t kReportEvery = 64u << 20;
// Bytes past a chunk read to see a token through: the longest token
// ("CRITICAL") and the byte after it.
constexpr size_t kLookahead = 16;

inline bool IsWordByte(uint8_t b) {
  const uint8_t lower = static_cast<uint8_t>(b | 0x20);
  return (b >= '0' && b <= '9') || (lower >= 'a' && lower <= 'z') || b == '_';
}

// Could start a token: C D E F I T W.
inline bool IsTokenStart(uint8_t b) { return (b >= 'C' && b <= 'F') || b == 'I' || b == 'T' || b == 'W'; }

inline unsigned LowestBit(uint32_t mask) {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long index;
  _BitScanForward(&index, mask);
  return static_cast<unsigned>(index);
#else
  return static_cast<unsigned>(__builtin_ctz(mask));
#endif
}

inline bool TokenIs(const uint8_t* data, size_t p, size_t avail, const char* text, size_t length) {
  return p + length <= avail && memcmp(data + p, text, length) == 0 && (p + length == avail || !IsWordByte(data[p + length]));
}

}  // namespace

int LevelCounter::TokenAt(const uint8_t* data, size_t p, size_t avail) {
  switch (data[p]) {
    case 'E': return TokenIs(data, p, avail, "ERROR", 5) ? kLevelError : -1;
    case 'F': return TokenIs(data, p, avail, "FATAL", 5) ? kLevelError : -1;
    case 'C': return TokenIs(data, p, avail, "CRITICAL", 8) ? kLevelError : -1;
    case 'W': return TokenIs(data, p, avail, "WARN", 4) || TokenIs(data, p, avail, "WARNING", 7) ? kLevelWarn : -1;
    case 'I': return TokenIs(data, p, avail, "INFO", 4) ? kLevelInfo : -1;
    case 'D': return TokenIs(data, p, avail, "DEBUG", 5) ? kLevelDebug : -1;
    case 'T': return TokenIs(data, p, avail, "TRACE", 5) ? kLevelDebug : -1;
    default: return -1;
  }
}

void LevelCounter::OnToken(int level) {
  classified_ = true;
  uint64_t bucket = line_start_ / spec_.bucket_bytes;
  if (bucket >= spec_.buckets) bucket = spec_.buckets - 1;
  (*counts_)[static_cast<size_t>(bucket) * kLevelClasses + static_cast<size_t>(level)] += 1;
}

void LevelCounter::ScanScalar(const uint8_t* data, size_t begin, size_t end, size_t avail, bool has_prev,
                              uint64_t base) {
  for (size_t p = begin; p < end; p++) {
    const uint8_t b = data[p];
    if (b == kLF) {
      line_start_ = base + p + 1;
      classified_ = false;
      if (line_start_ < spec_.to) lines_++;
    } else if (!classified_ && IsTokenStart(b) && ((p == 0 && !has_prev) || !IsWordByte(data[p - 1]))) {
      int level = TokenAt(data, p, avail);
      if (level >= 0) OnToken(level);
    }
  }
}

void LevelCounter::Scan(const uint8_t* data, size_t begin, size_t end, size_t avail, bool has_prev, uint64_t base) {
  size_t p = begin;
  if (p == 0 && !has_prev && p < end) {
    ScanScalar(data, 0, 1, avail, false, base);
    p = 1;
  }
#ifdef HUGEVIEW_LEVELS_SSE2
  const __m128i lf = _mm_set1_epi8(0x0A);
  const __m128i c_minus_1 = _mm_set1_epi8('C' - 1), f_plus_1 = _mm_set1_epi8('F' + 1);
  const __m128i upper_i = _mm_set1_epi8('I'), upper_t = _mm_set1_epi8('T'), upper_w = _mm_set1_epi8('W');
  const __m128i bit20 = _mm_set1_epi8(0x20), a_minus_1 = _mm_set1_epi8('a' - 1), z_plus_1 = _mm_set1_epi8('z' + 1);
  const __m128i zero_minus_1 = _mm_set1_epi8('0' - 1), nine_plus_1 = _mm_set1_epi8('9' + 1), underscore = _mm_set1_epi8('_');
  for (; p + 16 <= end; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p));
    const uint32_t breaks = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
    // A classified line needs only its end: the token test waits for a line
    // that needs it (computed at most once per block).
    if (classified_ && breaks == 0) continue;
    bool have_starts = false;
    uint32_t starts = 0;
    auto token_starts = [&]() {
      // Signed compares: bytes >= 0x80 are negative, so never letters or digits.
      const __m128i start = _mm_or_si128(
          _mm_and_si128(_mm_cmpgt_epi8(v, c_minus_1), _mm_cmplt_epi8(v, f_plus_1)),
          _mm_or_si128(_mm_cmpeq_epi8(v, upper_i), _mm_or_si128(_mm_cmpeq_epi8(v, upper_t), _mm_cmpeq_epi8(v, upper_w))));
      uint32_t bits = static_cast<uint32_t>(_mm_movemask_epi8(start));
      if (bits != 0) {
        // Only where a token could start: is the byte before it a word byte?
        const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p - 1));
        const __m128i lower = _mm_or_si128(before, bit20);
        const __m128i word = _mm_or_si128(
            _mm_and_si128(_mm_cmpgt_epi8(lower, a_minus_1), _mm_cmplt_epi8(lower, z_plus_1)),
            _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(before, zero_minus_1), _mm_cmplt_epi8(before, nine_plus_1)),
                         _mm_cmpeq_epi8(before, underscore)));
        bits &= ~static_cast<uint32_t>(_mm_movemask_epi8(word));
      }
      have_starts = true;
      return bits;
    };
    uint32_t left = 0xFFFF;  // bits not handled yet
    for (;;) {
      if (!classified_ && !have_starts) starts = token_starts();
      const uint32_t mask = (breaks | (classified_ ? 0 : starts)) & left;
      if (mask == 0) break;
      const unsigned i = LowestBit(mask);
      left &= ~((2u << i) - 1);
      if (breaks & (1u << i)) {
        line_start_ = base + p + i + 1;
        classified_ = false;
        if (line_start_ < spec_.to) lines_++;
      } else {
        int level = TokenAt(data, p + i, avail);
        if (level >= 0) OnToken(level);
      }
    }
  }
#endif
  ScanScalar(data, p, end, avail, true, base);
}

namespace {

// One chunk of the mapping, scanned in place under the fault guard.
struct LevelChunk {
  LevelCounter* counter;
  const uint8_t* data;
  size_t begin, end, avail;
  uint64_t base;
  static void Run(void* self) {
    auto* c = static_cast<LevelChunk*>(self);
    c->counter->Scan(c->data, c->begin, c->end, c->avail, c->begin > 0, c->base);
  }
};

}  // namespace

Status CountLevels(const MappedFile& file, const LevelCountSpec& spec, const std::atomic<bool>& cancel,
                   const std::function<void(const LevelCountProgress&)>& on_progress, LevelCountProgress* result,
                   Error* err) {
  std::shared_ptr<Mapping> mapping;  // alive for the whole scan, even across a remap
  Status status = file.MappingForJob(&mapping, err);
  if (status != Status::kOk) return status;
  LevelCountSpec checked = spec;
  checked.bucket_bytes = std::max<uint64_t>(1, spec.bucket_bytes);
  checked.buckets = std::max<uint32_t>(1, spec.buckets);
  const uint64_t file_end = mapping ? mapping->length() : 0;
  const uint64_t end = std::min<uint64_t>(checked.to, file_end);
  checked.to = end;
  LevelCountProgress progress;
  progress.counts.assign(static_cast<size_t>(checked.buckets) * kLevelClasses, 0.0);
  LevelCounter counter(checked, &progress.counts);
  const size_t body_max = std::max<size_t>(16, checked.chunk);
  uint64_t position = checked.from;
  uint64_t last_report = position;
  // Sparse holes are zeros: no line break and no token in them, so they are
  // not read (a mapping's read of a hole fills the page cache with zero
  // pages). Extents are widened to 64 KiB, so the byte before a data range
  // and the look-ahead after it stay out of the hole but for its zeros.
  DataExtents extents(file, 1u << 16, spec.min_hole);
  uint64_t region_end = position;  // [position, region_end) is data
  bool hole_before = false;
  while (position < end && !cancel.load(std::memory_order_relaxed)) {
    if (file.closed()) return file.ClosedError(err);
    if (position >= region_end) {
      uint64_t data = 0, data_end = 0;
      extents.Next(position, end, &data, &data_end);
      hole_before = data > position;
      position = data;
      region_end = data_end;
      if (position >= end) break;
    }
    if (position == checked.from || hole_before || position % kReadAheadEvery == 0) {
      mapping->WillNeed(position, std::min<uint64_t>(kReadAhead, region_end - position));
    }
    const size_t body = static_cast<size_t>(std::min<uint64_t>(body_max, region_end - position));
    // After a hole the byte before is a zero: not a word byte, as no byte at all would be.
    const size_t back = position > 0 && !hole_before ? 1 : 0;
    hole_before = false;
    const size_t ahead = static_cast<size_t>(std::min<uint64_t>(kLookahead, (region_end < end ? region_end : file_end) - position - body));
    LevelChunk chunk{&counter, mapping->base() + position - back, back, back + body, back + body + ahead,
                     position - back};
    if (!GuardedCall(chunk.data, back + body + ahead, LevelChunk::Run, &chunk)) {
      return TruncatedError(err, file.path(), "while its log levels were being counted", position);
    }
    position += body;
    if (position - last_report >= kReportEvery && on_progress) {
      progress.scanned_to = position;
      progress.lines = counter.lines();
      on_progress(progress);
      last_report = position;
    }
  }
  progress.scanned_to = position;
  progress.lines = counter.lines();
  *result = std::move(progress);
  return Status::kOk;
}

}  // namespace hugeview
