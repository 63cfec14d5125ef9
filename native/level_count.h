// Log levels per scrollbar bucket: how many lines of each part of a file are
// ERROR, WARN, INFO or DEBUG lines, counted in one guarded pass over the
// mapping, with no per-line storage. No Node-API types here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mapped_file.h"

namespace hugeview {

// The level classes, in the order of a bucket's counts.
//   kError: ERROR, FATAL, CRITICAL   kWarn: WARN, WARNING
//   kInfo: INFO                      kDebug: DEBUG, TRACE
// A token counts only as a whole word: case-sensitive (levels are written in
// capitals; "Error:" in a message is not a level), and neither the byte before
// nor the byte after is an ASCII letter, digit or '_' ("ERRORS", "TERROR" and
// "ERROR_CODE" do not count; "[ERROR]", "ERROR:" and "level=ERROR" do). Bytes
// of UTF-8 text (>= 0x80) are not word bytes. A line counts once, for the
// first level token in it. A line is counted in the bucket holding its start.
enum LevelClass : int { kLevelError = 0, kLevelWarn = 1, kLevelInfo = 2, kLevelDebug = 3, kLevelClasses = 4 };

struct LevelCountSpec {
  uint64_t from = 0;         // a line start (0: the whole file)
  uint64_t to = 0;           // bytes [from, to) are scanned: the file size, or a line end (a token must start before it)
  uint64_t bucket_bytes = 1; // bucket b holds the lines starting in [b * bucket_bytes, (b + 1) * bucket_bytes)
  uint32_t buckets = 1;      // lines past the last bucket count in the last one
  size_t chunk = 1u << 20;   // bytes per guarded call (tests use small ones)
  uint64_t min_hole = 1u << 20;  // sparse holes at least this long are skipped, not read (tests use small ones)
};

struct LevelCountProgress {
  uint64_t scanned_to = 0;     // lines starting in [from, scanned_to) are counted...
  uint64_t lines = 0;          // ...and there are this many of them (line breaks + the line at from)
  std::vector<double> counts;  // buckets * kLevelClasses, bucket-major: counts[b * 4 + class]
};

// The scan state between two pieces of a file: where the current line began,
// and whether it already has its level.
class LevelCounter {
 public:
  LevelCounter(const LevelCountSpec& spec, std::vector<double>* counts)
      : spec_(spec), counts_(counts), line_start_(spec.from), lines_(spec.from < spec.to ? 1 : 0) {}

  // Scans data[begin, end). data[begin - 1] is readable when begin > 0 or
  // `has_prev`; data[end, avail) may be read to see a token through (avail is
  // the end of the file, or of what the caller could map). `base` is the file
  // offset of data[0].
  void Scan(const uint8_t* data, size_t begin, size_t end, size_t avail, bool has_prev, uint64_t base);
  uint64_t lines() const { return lines_; }

 private:
  // The level token starting at data[p] (p's previous byte is not a word
  // byte), or -1.
  static int TokenAt(const uint8_t* data, size_t p, size_t avail);
  void OnToken(int level);
  void ScanScalar(const uint8_t* data, size_t begin, size_t end, size_t avail, bool has_prev, uint64_t base);

  LevelCountSpec spec_;
  std::vector<double>* counts_;
  uint64_t line_start_;
  bool classified_ = false;
  uint64_t lines_ = 0;
};

// Counts levels over [from, to) of the file's mapping in guarded chunks,
// reporting progress (the counts so far) about every 64 MiB. Stops early, with
// kOk and what it has, when `cancel` becomes true; kClosed (ECLOSED) when the
// file is closed under it; kFault (ETRUNCATED) when the file shrank under it.
Status CountLevels(const MappedFile& file, const LevelCountSpec& spec, const std::atomic<bool>& cancel,
                   const std::function<void(const LevelCountProgress&)>& on_progress, LevelCountProgress* result,
                   Error* err);

}  // namespace hugeview
