// The line index core: counts newlines over a file and keeps sparse
// checkpoints, so a 100 GB log needs well under 1 MB of index. No Node-API.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "mapped_file.h"

namespace hugeview {

// At byte `offset`, `newlines` newlines precede it: line `newlines` (0-based)
// is the line holding `offset`.
struct LineCheckpoint {
  uint64_t newlines;
  uint64_t offset;
};

struct LineIndexProgress {
  uint64_t scanned_to = 0;  // bytes [0, scanned_to) are counted
  uint64_t newlines = 0;    // newlines in [0, scanned_to)
  std::vector<LineCheckpoint> checkpoints;  // new since the last report
};

enum class ScanVia { kMapping, kPread };

struct LineIndexOptions {
  uint64_t from = 0;             // start here (a byte already indexed up to)
  uint64_t newlines_before = 0;  // newlines in [0, from)
  uint64_t to = 0;               // stop here (the file size when the job began)
  uint64_t every_lines = 65536;  // a checkpoint at every such line start...
  uint64_t every_bytes = 16u << 20;  // ...and at least every so many bytes (long lines)
  ScanVia via = ScanVia::kPread;
  // 1: '\n' is the byte 0x0A (UTF-8, Latin-1). 2: '\n' is the 16-bit unit
  // 0x000A at an even offset (UTF-16), little- or big-endian.
  int unit = 1;
  bool big_endian = false;
  bool skip_holes = true;        // sparse holes are not read (false: the reading path, for tests)
  uint64_t min_hole = 1u << 20;  // shorter holes are read
};

// Line breaks in one encoding (see LineIndexOptions::unit). A break is LF,
// CRLF, or a lone CR (classic Mac), as VS Code and the text view count them.
// Each break is counted at its first unit: every CR, and every LF that does
// not follow a CR. Counting needs only the unit before the data (`prev`),
// which never changes as a file grows, so a CRLF split between two chunks,
// two calls or two index jobs is counted once whatever the split.
struct NewlineRule {
  static constexpr int kNone = -1;  // no unit there (start of file, or unknown/end)
  int unit = 1;
  bool big_endian = false;
  int UnitAt(const uint8_t* p) const {
    return unit == 1 ? p[0] : big_endian ? (p[0] << 8) | p[1] : p[0] | (p[1] << 8);
  }
  // Breaks in data[0, length); `prev` is the unit before data[0].
  uint64_t Count(const uint8_t* data, size_t length, int prev) const;
  // Pointer just past the k-th break, or nullptr; *found = breaks seen. Past a
  // CRLF means past its LF, which is data + length + unit when the CR is the
  // last unit and `next` (the unit after the data, kNone if unknown) is LF.
  const uint8_t* FindNth(const uint8_t* data, size_t length, uint64_t k, uint64_t* found, int prev, int next) const;
};

// Scans [from, to), reporting progress (with the checkpoints found since the
// previous report) about every 64 MiB. Stops early, with kOk and what it has,
// when `cancel` becomes true. A truncated file ends the scan with kFault
// (ETRUNCATED) and no crash. Sparse holes (holes.h) are not read.
Status IndexLines(const MappedFile& file, const LineIndexOptions& options, const std::atomic<bool>& cancel,
                  const std::function<void(LineIndexProgress&&)>& on_progress, LineIndexProgress* result, Error* err);

// Line breaks in [from, to) of the mapping (guarded); for the JS thread, small ranges.
Status CountNewlines(const MappedFile& file, uint64_t from, uint64_t to, const NewlineRule& rule, uint64_t* count,
                     Error* err);

// Offset just past the k-th line break at or after `from` (k >= 1), or `*found`
// < k when the file has fewer; scans at most up to `limit`.
Status FindNewline(const MappedFile& file, uint64_t from, uint64_t k, uint64_t limit, const NewlineRule& rule,
                   uint64_t* offset, uint64_t* found, Error* err);

}  // namespace hugeview
