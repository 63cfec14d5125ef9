// Byte-for-byte compare of two mappings: see compare.h.
#include "compare.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <thread>
#include <vector>

#include "holes.h"

#if (defined(__SSE2__) || defined(_M_X64)) && !defined(HUGEVIEW_PORTABLE_KERNELS)
#include <emmintrin.h>
#define HUGEVIEW_COMPARE_SSE2 1
#endif

namespace hugeview {
namespace {

constexpr size_t kChunk = 128u << 10;   // the right file's bytes are copied in these (L2-sized)
constexpr size_t kBlock = 4096;         // memcmp fast path unit
constexpr uint64_t kReportEvery = 64u << 20;
constexpr size_t kReportRanges = 65536;  // doubles: two per range
constexpr uint64_t kPrefault = 4u << 20;

inline int CountTrailingZeros(uint64_t x) {
#if defined(_MSC_VER) && !defined(__clang__)
  unsigned long i;
  _BitScanForward64(&i, x);
  return static_cast<int>(i);
#else
  return __builtin_ctzll(x);
#endif
}

// Bit i set when a[i] != b[i], for 64 bytes.
inline uint64_t DiffMask64(const uint8_t* a, const uint8_t* b) {
#if defined(HUGEVIEW_COMPARE_SSE2)
  uint64_t eq = 0;
  for (int k = 0; k < 4; k++) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + 16 * k));
    __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16 * k));
    eq |= static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, y)))) << (16 * k);
  }
  return ~eq;
#else
  // Eight bytes per word: the high bit of each byte of t is set where x differs.
  uint64_t ne = 0;
  for (int k = 0; k < 8; k++) {
    uint64_t x, y;
    memcpy(&x, a + 8 * k, 8);
    memcpy(&y, b + 8 * k, 8);
    x ^= y;
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    uint64_t t = (((x & low7) + low7) | x) & ~low7;
    // Gather the eight high bits (byte order: little-endian targets only).
    ne |= (((t >> 7) * 0x0102040810204080ULL) >> 56) << (8 * k);
  }
  return ne;
#endif
}

}  // namespace

void DiffRuns::Close(uint64_t at) {
  if (open_start < 0) return;
  if (closed < max_listed && out != nullptr) {
    out->push_back(static_cast<double>(open_start));
    out->push_back(static_cast<double>(at - static_cast<uint64_t>(open_start)));
  }
  closed++;
  open_start = -1;
}

void DiffRuns::Scan(const uint8_t* a, const uint8_t* b, size_t n, uint64_t base) {
  size_t i = 0;
  bool last_differed = false;  // dense differences: skip the memcmp that would fail anyway
  while (i < n) {
    // Equal blocks cost a memcmp (the libc's widest vectors).
    const size_t block = std::min(kBlock, n - i);
    if (!last_differed && memcmp(a + i, b + i, block) == 0) {
      Close(base + i);
      i += block;
      continue;
    }
    const uint64_t differing_before = differing;
    const size_t stop = i + block;
    for (; i < stop; i += 64) {
      uint64_t ne;
      size_t width = std::min<size_t>(64, stop - i);
      if (width == 64) {
        ne = DiffMask64(a + i, b + i);
      } else {
        ne = 0;
        for (size_t k = 0; k < width; k++) ne |= static_cast<uint64_t>(a[i + k] != b[i + k]) << k;
      }
      const uint64_t all = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
      if (ne == 0) {
        Close(base + i);
        continue;
      }
      if (first < 0) first = static_cast<int64_t>(base + i) + CountTrailingZeros(ne);
      differing += static_cast<uint64_t>(__builtin_popcountll(ne));
      if (ne == all) {
        if (open_start < 0) open_start = static_cast<int64_t>(base + i);
        continue;
      }
      // Runs of set bits: a run closes at the first equal byte after it.
      uint64_t bits = ne;  // bit 0 is byte `pos`
      size_t pos = 0;
      while (pos < width) {
        if (bits == 0) {
          Close(base + i + pos);  // equal to the end of the group
          break;
        }
        const int zeros = CountTrailingZeros(bits);
        if (zeros > 0) {
          Close(base + i + pos);
          pos += static_cast<size_t>(zeros);
          bits >>= zeros;
        }
        if (open_start < 0) open_start = static_cast<int64_t>(base + i + pos);
        const uint64_t inverted = ~bits;
        const int ones = inverted == 0 ? 64 : CountTrailingZeros(inverted);
        pos += static_cast<size_t>(ones);
        bits = ones >= 64 ? 0 : bits >> ones;
      }
    }
    last_differed = differing != differing_before;
  }
}

namespace {

// One chunk: the right file's bytes copied out (guarded), the left file's
// compared in place (guarded): the guard marks one range at a time.
struct ChunkCompare {
  const uint8_t* left;
  const uint8_t* right_copy;
  size_t length;
  uint64_t base;
  DiffRuns* runs;
  static void Run(void* self) {
    auto* c = static_cast<ChunkCompare*>(self);
    c->runs->Scan(c->left, c->right_copy, c->length, c->base);
  }
};

}  // namespace

namespace {

// Below this, one thread: a second one costs more to start than it saves.
constexpr uint64_t kSplitAtLeast = 64u << 20;

// Compares [from, end) of the two mappings into `runs`; `on_chunk(position)`
// after each chunk (the caller reports progress from it). The run still open
// at `end` stays open (the caller closes or joins it).
Status CompareSpan(const MappedFile& left, const MappedFile& right, const Mapping& a, const Mapping& b, uint64_t from,
                   uint64_t end, bool skip_holes, const std::atomic<bool>& cancel, DiffRuns* runs,
                   const std::function<void(uint64_t)>& on_chunk, uint64_t* reached, Error* err) {
  std::unique_ptr<uint8_t[]> copy(new uint8_t[kChunk]);
  DataExtents left_extents(left, skip_holes ? 1u << 16 : 1, 1u << 20);
  DataExtents right_extents(right, skip_holes ? 1u << 16 : 1, 1u << 20);
  uint64_t position = from;
  uint64_t region_end = skip_holes ? position : end;
  uint64_t prefaulted = position;  // page tables are ready up to here
  *reached = position;
  while (position < end && !cancel.load(std::memory_order_relaxed)) {
    if (left.closed()) return left.ClosedError(err);
    if (right.closed()) return right.ClosedError(err);
    if (position >= region_end) {
      // Where both have a hole, both read zeros: equal, not read.
      uint64_t la = 0, le = 0, ra = 0, re = 0;
      left_extents.Next(position, end, &la, &le);
      right_extents.Next(position, end, &ra, &re);
      const uint64_t data = std::min(la, ra);
      if (data > position) runs->Close(position);
      position = data;
      region_end = std::max(la == data ? le : data, ra == data ? re : data);
      if (position >= end) break;
      prefaulted = position;
    }
    const size_t length = static_cast<size_t>(std::min<uint64_t>(kChunk, region_end - position));
    if (position >= prefaulted) {
      // Page tables for the next stretch (a fault per 16 pages costs more than the compare).
      const uint64_t ahead = std::min<uint64_t>(kPrefault, region_end - position);
      PrefaultData(a, position, ahead);
      PrefaultData(b, position, ahead);
      prefaulted = position + ahead;
    }
    if (!GuardedCopy(copy.get(), b.base() + position, length)) {
      return TruncatedError(err, right.path(), "during the compare", position);
    }
    ChunkCompare chunk{a.base() + position, copy.get(), length, position, runs};
    if (!GuardedCall(chunk.left, length, ChunkCompare::Run, &chunk)) {
      return TruncatedError(err, left.path(), "during the compare", position);
    }
    position += length;
    *reached = position;
    if (on_chunk) on_chunk(position);
  }
  *reached = std::min(std::max(position, *reached), end);
  return Status::kOk;
}

// Appends the second half's runs to the first's: a run open at the border
// and one starting there are one range.
void JoinRuns(DiffRuns* first, const DiffRuns& second, const std::vector<double>& second_ranges, uint64_t border) {
  size_t skip = 0;
  if (first->open_start >= 0) {
    const bool continues = second.first == static_cast<int64_t>(border);
    if (continues && !second_ranges.empty() && second_ranges[0] == static_cast<double>(border)) {
      // The border run closed inside the second half: one range from the first half's start.
      const double start = static_cast<double>(first->open_start);
      if (first->closed < first->max_listed && first->out != nullptr) {
        first->out->push_back(start);
        first->out->push_back(second_ranges[1] + second_ranges[0] - start);
      }
      first->closed++;
      first->open_start = -1;
      skip = 2;
    } else if (!continues) {
      first->Close(border);
    }
    // else: the run is open through the whole second half; it stays open below.
  }
  for (size_t i = skip; i + 1 < second_ranges.size(); i += 2) {
    if (first->closed < first->max_listed && first->out != nullptr) {
      first->out->push_back(second_ranges[i]);
      first->out->push_back(second_ranges[i + 1]);
    }
    first->closed++;
  }
  first->closed += second.closed - second_ranges.size() / 2;  // counted there, past its list cap
  if (second.open_start >= 0 && first->open_start < 0) first->open_start = second.open_start;
  first->differing += second.differing;
  if (first->first < 0) first->first = second.first;
}

}  // namespace

Status CompareFiles(const MappedFile& left, const MappedFile& right, const CompareOptions& options,
                    const std::atomic<bool>& cancel, const std::function<void(const CompareProgress&)>& on_progress,
                    CompareResult* result, Error* err) {
  std::shared_ptr<Mapping> a, b;  // alive for the whole compare, even across a remap
  Status status = left.MappingForJob(&a, err);
  if (status != Status::kOk) return status;
  status = right.MappingForJob(&b, err);
  if (status != Status::kOk) return status;
  result->left_size = a ? a->length() : 0;
  result->right_size = b ? b->length() : 0;
  result->common = std::min(result->left_size, result->right_size);
  const uint64_t end = std::min(options.to, result->common);
  const uint64_t from = std::min(options.from, end);
  CompareProgress batch;
  DiffRuns runs;
  runs.out = &batch.ranges;
  runs.max_listed = options.max_ranges;
  uint64_t position = from;
  uint64_t last_send = from;
  auto snapshot = [&] {
    batch.compared_to = position;
    batch.differing_bytes = runs.differing;
    batch.range_count = runs.closed + (runs.open_start >= 0 ? 1 : 0);
    batch.first_difference = runs.first;
  };
  auto on_chunk = [&](uint64_t at) {
    position = at;
    if ((position - last_send >= kReportEvery || batch.ranges.size() >= kReportRanges) && on_progress) {
      snapshot();
      on_progress(batch);
      batch.ranges.clear();
      last_send = position;
    }
  };
  // Two halves on two threads when the machine has a second core: the second
  // half's ranges wait in their own list and follow the first half's.
  const bool split = end - from >= kSplitAtLeast && std::thread::hardware_concurrency() >= 2;
  const uint64_t border = split ? from + (((end - from) / 2) & ~static_cast<uint64_t>(kChunk - 1)) : end;
  DiffRuns second;
  std::vector<double> second_ranges;
  Status second_status = Status::kOk;
  Error second_err;
  uint64_t second_reached = border;
  std::thread helper;
  if (split) {
    second.out = &second_ranges;
    second.max_listed = options.max_ranges;
    helper = std::thread([&] {
      second_status = CompareSpan(left, right, *a, *b, border, end, options.skip_holes, cancel, &second, nullptr,
                                  &second_reached, &second_err);
    });
  }
  uint64_t reached = from;
  status = from < border ? CompareSpan(left, right, *a, *b, from, border, options.skip_holes, cancel, &runs, on_chunk,
                                       &reached, err)
                         : Status::kOk;
  if (helper.joinable()) helper.join();
  if (status != Status::kOk) return status;
  if (second_status != Status::kOk) {
    *err = second_err;
    return second_status;
  }
  position = reached;
  if (split && reached >= border) {
    JoinRuns(&runs, second, second_ranges, border);
    position = second_reached;
  }
  if (position >= end) runs.Close(end);
  snapshot();
  result->last = std::move(batch);
  return Status::kOk;
}

}  // namespace hugeview
