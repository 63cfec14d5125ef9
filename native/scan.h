// The search job's core: one search over a range of a file's mapping, in
// chunks, under the fault guard. No Node-API types here; the Node-API worker,
// the C++ kernel test and the kernel benchmark all run this same loop.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mapped_file.h"
#include "search.h"

namespace hugeview {

struct ScanRangeSpec {
  uint64_t from = 0;       // first match start considered
  uint64_t to = 0;         // no match starts at or after this (a match may end past it)
  uint64_t resume_at = 0;  // no match starts before this (the end of a previous job's last match)
  size_t chunk = 1u << 20; // bytes of starts per guarded scan (tests use small ones)
  bool skip_holes = true;  // sparse holes are not read (false: the reading path, for tests)
  uint64_t min_hole = 1u << 20;  // shorter holes are read (tests use small ones)
};

struct ScanProgress {
  uint64_t scanned_to = 0;      // every start in [from, scanned_to) is looked at
  uint64_t count = 0;           // matches so far (all of them, since `from`)
  std::vector<double> matches;  // [offset, alternative, ...] since the last report
};

// Scans [from, to) in chunks of `chunk` bytes that overlap by the longest
// alternative - 1 and carry the non-overlap rule across (resume). Reads ahead
// of the scan (the viewer's mapping is advised random). Reports progress with
// the new matches: the first match at once (the nearest shows first), then
// every 64 MiB or 32768 matches. Stops early, with kOk and what it has, when
// `cancel` becomes true; kClosed (ECLOSED) when the file is closed under it;
// kFault (ETRUNCATED) when the file shrank under it. Sparse holes (holes.h)
// are not read: only the few bytes a match could span at a hole's edges are,
// and when all-zero bytes match an alternative, the hole's matches are
// counted without reading it.
Status ScanRange(const MappedFile& file, const Searcher& searcher, const ScanRangeSpec& range,
                 const std::atomic<bool>& cancel, const std::function<void(const ScanProgress&)>& on_progress,
                 ScanProgress* result, Error* err);

}  // namespace hugeview
