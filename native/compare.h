// The compare job's core: two mapped files byte for byte at the same offsets
// (an inserted or deleted byte shows as a shift from there on, not as an
// insertion). No Node-API types here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mapped_file.h"

namespace hugeview {

struct CompareOptions {
  uint64_t from = 0;                // compare [from, to) of both files...
  uint64_t to = UINT64_MAX;         // ...clipped to the shorter one
  uint64_t max_ranges = UINT64_MAX; // ranges past this many are counted, not listed
  bool skip_holes = true;           // where both files have a hole, nothing is read
};

struct CompareProgress {
  uint64_t compared_to = 0;      // [from, compared_to) is compared
  uint64_t differing_bytes = 0;  // so far
  uint64_t range_count = 0;      // ranges so far (listed or not); a range open at compared_to counts
  int64_t first_difference = -1;
  std::vector<double> ranges;    // [offset, length, ...] closed since the last report
};

struct CompareResult {
  CompareProgress last;       // the final state, with the ranges not yet reported
  uint64_t left_size = 0, right_size = 0;
  uint64_t common = 0;        // bytes both files have (the shorter size)
};

// Differing bytes as ranges of consecutive differing bytes (coalesced), in
// offset order. Reports progress every 64 MiB or 32768 ranges. With two
// cores, a compare of 64 MiB or more runs its second half on a second thread;
// those ranges are reported after the first half's, joined at the border. Equal
// stretches cost a memcmp; the rest is compared 16 bytes at a time. Both
// files are read under the fault guard (kFault, ETRUNCATED, when either
// shrank); kClosed when either is closed; cancel stops it with kOk.
Status CompareFiles(const MappedFile& left, const MappedFile& right, const CompareOptions& options,
                    const std::atomic<bool>& cancel, const std::function<void(const CompareProgress&)>& on_progress,
                    CompareResult* result, Error* err);

// The kernel, for tests: differing ranges of a[0, n) vs b[0, n); `open` is a
// range still running at a[0] (its start), or -1; returns the open range at
// the end (or -1). on_range(offset, length) for each closed range.
struct DiffRuns {
  int64_t open_start = -1;  // start (absolute) of the run of differing bytes still open
  uint64_t differing = 0;
  std::vector<double>* out = nullptr;
  uint64_t closed = 0;       // ranges closed
  uint64_t max_listed = UINT64_MAX;
  int64_t first = -1;
  void Scan(const uint8_t* a, const uint8_t* b, size_t n, uint64_t base);
  void Close(uint64_t at);   // ends the open run at `at`
};

}  // namespace hugeview
