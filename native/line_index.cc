// Line index: newline counting through the mapping (scanned in place under the
// fault guard) or through 1 MiB preads, whichever the caller picks.
#include "line_index.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "holes.h"
#include "search.h"

namespace hugeview {
namespace {

constexpr size_t kChunk = 1u << 20;
constexpr uint64_t kReportEvery = 64u << 20;
constexpr uint64_t kPrefetch = 8u << 20;

}  // namespace

namespace {
constexpr int kCR = 0x0D;
constexpr int kLF = 0x0A;
}  // namespace

// CR LF pairs inside data[0, length). Byte-wide sums over blocks of 255, a
// shape the compiler turns into vector compares (a CRLF file then counts at
// several GB/s, not at one memchr per line).
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("tree-vectorize")))
#endif
uint64_t CountCrLf(const uint8_t* data, size_t length) {
  uint64_t total = 0;
  size_t i = 0;
  while (i + 1 < length) {
    const size_t stop = std::min<size_t>(length - 1, i + 255);
    uint8_t block = 0;
    for (size_t j = i; j < stop; j++) block += static_cast<uint8_t>((data[j] == kCR) & (data[j + 1] == kLF));
    total += block;
    i = stop;
  }
  return total;
}

uint64_t NewlineRule::Count(const uint8_t* data, size_t length, int prev) const {
  if (unit == 1) {
    // Vector counts of LF and CR, then take off each LF that follows a CR.
    uint64_t count = CountByte(data, length, kLF);
    if (length > 0 && data[0] == kLF && prev == kCR) count--;
    uint64_t crs = CountByte(data, length, kCR);
    if (crs == 0) return count;
    return count + crs - CountCrLf(data, length);
  }
  uint64_t count = 0;
  int before = prev;
  for (size_t i = 0; i + 1 < length; i += 2) {
    int u = UnitAt(data + i);
    count += (u == kCR) | ((u == kLF) & (before != kCR));
    before = u;
  }
  return count;
}

const uint8_t* NewlineRule::FindNth(const uint8_t* data, size_t length, uint64_t k, uint64_t* found, int prev,
                                    int next) const {
  *found = 0;
  if (k == 0) return data;
  // Lines without CR (most logs) take the vector kernel: find the k-th LF, then make sure no CR is in the bytes
  // those lines cover. Only those: `length` runs to the end of what is indexed, and a CR check of all of it (a
  // 10 GiB log) made each Go to Line scan gigabytes (170 ms) for the few megabytes it needs.
  if (unit == 1 && !(length > 0 && data[0] == kLF && prev == kCR)) {
    uint64_t lf_found = 0;
    const uint8_t* hit = hugeview::FindNth(data, length, kLF, k, &lf_found);
    const size_t covered = hit != nullptr ? static_cast<size_t>(hit - data) : length;
    if (memchr(data, kCR, covered) == nullptr) {
      *found = lf_found;
      return hit;
    }
  }
  const size_t step = static_cast<size_t>(unit);
  int before = prev;
  size_t i = 0;
  if (unit == 1) {
    // Skip whole blocks by their (vector) count; walk only the block with the hit.
    constexpr size_t kBlock = 4096;
    for (; i + kBlock < length; i += kBlock) {
      uint64_t in_block = Count(data + i, kBlock, before);
      if (*found + in_block >= k) break;
      *found += in_block;
      before = data[i + kBlock - 1];
    }
  }
  for (; i + step <= length; i += step) {
    int u = UnitAt(data + i);
    bool line_break = u == kCR || (u == kLF && before != kCR);
    before = u;
    if (!line_break || ++*found != k) continue;
    if (u == kCR) {
      int after = i + 2 * step <= length ? UnitAt(data + i + step) : next;
      if (after == kLF) return data + i + 2 * step;
    }
    return data + i + step;
  }
  return nullptr;
}

namespace {

// Counts one chunk's newlines and records the checkpoints that fall in it.
struct ChunkScan {
  const uint8_t* data;
  size_t length;
  uint64_t base;         // file offset of data[0]
  uint64_t newlines;     // newlines before data[0]; updated
  uint64_t next_line;    // the next checkpoint line; updated
  uint64_t next_offset;  // the next byte checkpoint offset; updated
  uint64_t every_lines;
  uint64_t every_bytes;
  std::vector<LineCheckpoint>* out;
  NewlineRule rule;
  // The unit before data[0] and the one after data[length - 1] are readable
  // there (inside the guarded range), when these are set.
  bool has_prev = false;
  bool has_next = false;

  static void Run(void* self) { static_cast<ChunkScan*>(self)->Scan(); }

  void Scan() {
    const int prev = has_prev ? rule.UnitAt(data - rule.unit) : NewlineRule::kNone;
    const int next = has_next ? rule.UnitAt(data + length) : NewlineRule::kNone;
    uint64_t count = rule.Count(data, length, prev);
    if (newlines + count >= next_line || base + length > next_offset) {
      // A checkpoint falls in this chunk: walk it newline by newline group.
      const uint8_t* at = data;
      const uint8_t* end = data + length;
      while (at < end) {
        if (base + static_cast<uint64_t>(at - data) >= next_offset) {
          out->push_back({newlines, base + static_cast<uint64_t>(at - data)});
          next_offset = base + static_cast<uint64_t>(at - data) + every_bytes;
        }
        // byte checkpoints land on unit boundaries (chunks and every_bytes are even)
        uint64_t want = next_line - newlines;
        uint64_t found = 0;
        const uint8_t* limit = std::min(end, data + static_cast<size_t>(std::min<uint64_t>(length, next_offset - base)));
        const int before = at > data ? rule.UnitAt(at - rule.unit) : prev;
        const int after = limit < end ? rule.UnitAt(limit) : next;
        const uint8_t* hit = rule.FindNth(at, static_cast<size_t>(limit - at), want, &found, before, after);
        newlines += found;
        if (hit != nullptr) {
          out->push_back({newlines, base + static_cast<uint64_t>(hit - data)});
          next_line = newlines + every_lines;
          next_offset = base + static_cast<uint64_t>(hit - data) + every_bytes;
          at = hit;
        } else {
          at = limit;
        }
      }
    } else {
      newlines += count;
    }
  }
};

}  // namespace

Status IndexLines(const MappedFile& file, const LineIndexOptions& options, const std::atomic<bool>& cancel,
                  const std::function<void(LineIndexProgress&&)>& on_progress, LineIndexProgress* result, Error* err) {
  std::shared_ptr<Mapping> mapping;  // alive for the whole scan, even across a remap
  if (options.via == ScanVia::kMapping) {
    Status status = file.MappingForJob(&mapping, err);
    if (status != Status::kOk) return status;
  }
  // UTF-16: start on a code unit. A scan that ended mid-unit (the file had an
  // odd size) left that byte uncounted, so a resume at the odd offset goes
  // back one byte and reads the unit whole; `newlines_before` stays right.
  const uint64_t from = options.unit == 2 ? options.from & ~uint64_t{1} : options.from;
  uint64_t end = options.to;
  if (options.via == ScanVia::kMapping) end = std::min<uint64_t>(end, mapping ? mapping->length() : 0);
  std::unique_ptr<uint8_t[]> buffer;
  std::unique_ptr<FileReader> reader;
  if (options.via == ScanVia::kPread) {
    Status status = file.OpenReader(&reader, err);
    if (status != Status::kOk) return status;
    buffer.reset(new uint8_t[kChunk + 4]);  // a unit before and after the chunk too
  }
  const size_t unit = options.unit == 2 ? 2 : 1;
  ChunkScan scan{};
  scan.rule.unit = static_cast<int>(unit);
  scan.rule.big_endian = options.big_endian;
  scan.newlines = options.newlines_before;
  scan.every_lines = std::max<uint64_t>(1, options.every_lines);
  scan.every_bytes = std::max<uint64_t>(4096, options.every_bytes);
  if (options.unit == 2) scan.every_bytes += scan.every_bytes & 1;  // checkpoints on code units
  scan.next_line = (options.newlines_before / scan.every_lines + 1) * scan.every_lines;
  scan.next_offset = from + scan.every_bytes;
  LineIndexProgress pending;
  scan.out = &pending.checkpoints;
  uint64_t position = from;
  uint64_t last_report = position;
  // Sparse holes are zeros: no line break in them, so they are not read; the
  // byte checkpoints that fall in a hole are placed as a scan would place them.
  DataExtents extents(file, options.skip_holes ? 1u << 16 : 1, options.min_hole);
  uint64_t region_end = options.skip_holes ? position : end;  // [position, region_end) is read
  bool hole_before = false;  // the unit before `position` is in a hole (zero: no CR)
  while (position < end && !cancel.load(std::memory_order_relaxed)) {
    // close() while the scan runs: stop, and say so (not a short count).
    if (file.closed()) return file.ClosedError(err);
    if (position >= region_end) {
      uint64_t data = 0, data_end = 0;
      extents.Next(position, end, &data, &data_end);
      while (scan.next_offset < data) {
        pending.checkpoints.push_back({scan.newlines, scan.next_offset});
        scan.next_offset += scan.every_bytes;
      }
      hole_before = data > position;
      position = data;
      region_end = data_end;
      if (position >= end) break;
    }
    // A hole's first unit is zero: like no unit at all for the CRLF rule.
    const bool hole_after = region_end < end;
    size_t length = static_cast<size_t>(std::min<uint64_t>(kChunk, region_end - position));
    scan.base = position;
    scan.length = length;
    const size_t back = position >= unit && !hole_before ? unit : 0;
    if (options.via == ScanVia::kMapping) {
      // Read ahead explicitly: the viewer's mapping is advised random, so
      // faults alone would fetch one page at a time on a cold file.
      if (position == from || hole_before || position % kPrefetch == 0) {
        mapping->WillNeed(position, std::min<uint64_t>(2 * kPrefetch, region_end - position));
      }
      scan.data = mapping->base() + position;
      // The unit before (a CR ending the last chunk) and after (the LF of a
      // CR ending this one) are read under the same guard.
      const size_t ahead =
          position + length + unit <= mapping->length() && !(hole_after && position + length == region_end) ? unit : 0;
      scan.has_prev = back > 0;
      scan.has_next = ahead > 0;
      if (!GuardedCall(scan.data - back, back + length + ahead, ChunkScan::Run, &scan)) {
        return TruncatedError(err, file.path(), "while it was being indexed", position);
      }
    } else {
      const size_t ahead = hole_after && position + length == region_end ? 0 : unit;
      size_t got = 0;
      Status status = reader->ReadAt(position - back, buffer.get(), back + length + ahead, &got, err);
      if (status != Status::kOk) return status;
      if (got <= back) break;  // the file shrank: index what is there
      got -= back;
      scan.data = buffer.get() + back;
      scan.has_prev = back > 0;
      scan.has_next = ahead > 0 && got >= length + unit;
      scan.length = std::min(got, length);
      ChunkScan::Run(&scan);
      length = scan.length;
    }
    hole_before = false;
    position += length;
    if (position - last_report >= kReportEvery && on_progress) {
      pending.scanned_to = position;
      pending.newlines = scan.newlines;
      on_progress(std::move(pending));
      pending = LineIndexProgress();
      scan.out = &pending.checkpoints;
      last_report = position;
    }
  }
  pending.scanned_to = position;
  pending.newlines = scan.newlines;
  *result = std::move(pending);
  return Status::kOk;
}

namespace {
// A range of the mapping read under the guard, with the unit before it (and
// after it, for FindNth) when the mapping has them.
struct RangeCall {
  const NewlineRule* rule;
  const uint8_t* data;
  size_t length;
  bool has_prev, has_next;
  uint64_t k;
  uint64_t count;  // Count's result, or FindNth's breaks found
  const uint8_t* hit;
  int Prev() const { return has_prev ? rule->UnitAt(data - rule->unit) : NewlineRule::kNone; }
  int Next() const { return has_next ? rule->UnitAt(data + length) : NewlineRule::kNone; }
  static void Count(void* self) {
    auto* call = static_cast<RangeCall*>(self);
    call->count = call->rule->Count(call->data, call->length, call->Prev());
  }
  static void Find(void* self) {
    auto* call = static_cast<RangeCall*>(self);
    call->hit = call->rule->FindNth(call->data, call->length, call->k, &call->count, call->Prev(), call->Next());
  }
};

bool RunGuarded(const Mapping& mapping, uint64_t from, RangeCall* call, void (*fn)(void*)) {
  const size_t unit = static_cast<size_t>(call->rule->unit);
  const size_t back = from >= unit ? unit : 0;
  const size_t ahead = from + call->length + unit <= mapping.length() ? unit : 0;
  call->has_prev = back > 0;
  call->has_next = ahead > 0;
  return GuardedCall(call->data - back, back + call->length + ahead, fn, call);
}
}  // namespace

Status CountNewlines(const MappedFile& file, uint64_t from, uint64_t to, const NewlineRule& rule, uint64_t* count,
                     Error* err) {
  *count = 0;
  std::shared_ptr<Mapping> mapping = file.mapping();
  if (!mapping) return Status::kOk;
  to = std::min<uint64_t>(to, mapping->length());
  if (rule.unit == 2) from &= ~uint64_t{1};  // a unit split by `from` counts here, not in [.., from)
  if (from >= to) return Status::kOk;
  RangeCall call{&rule, mapping->base() + from, static_cast<size_t>(to - from), false, false, 0, 0, nullptr};
  if (!RunGuarded(*mapping, from, &call, RangeCall::Count)) {
    return TruncatedError(err, file.path(), "while it was being indexed", from);
  }
  *count = call.count;
  return Status::kOk;
}

Status FindNewline(const MappedFile& file, uint64_t from, uint64_t k, uint64_t limit, const NewlineRule& rule,
                   uint64_t* offset, uint64_t* found, Error* err) {
  *offset = 0;
  *found = 0;
  std::shared_ptr<Mapping> mapping = file.mapping();
  if (!mapping) return Status::kOk;
  limit = std::min<uint64_t>(limit, mapping->length());
  if (rule.unit == 2) from &= ~uint64_t{1};  // start on a code unit
  if (from >= limit) return Status::kOk;
  RangeCall call{&rule, mapping->base() + from, static_cast<size_t>(limit - from), false, false, k, 0, nullptr};
  if (!RunGuarded(*mapping, from, &call, RangeCall::Find)) {
    return TruncatedError(err, file.path(), "while it was being indexed", from);
  }
  *found = call.count;
  if (call.hit != nullptr) *offset = static_cast<uint64_t>(call.hit - mapping->base());
  return Status::kOk;
}

}  // namespace hugeview
