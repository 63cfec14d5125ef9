// The strings job's core: printable runs of at least N characters, in
// single-byte text and in UTF-16 LE, as binutils `strings -n N` prints them
// with `-e s` (7-bit, the default), `-e S` (8-bit) and `-e l`. No Node-API
// types here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mapped_file.h"

namespace hugeview {

// Encodings, as bits (the caller may ask for several; at most one single-byte one).
enum StringEncoding : uint32_t {
  kStringAscii = 1,    // tab and 0x20..0x7E (strings -e s)
  kStringLatin1 = 2,   // the same and 0x80..0xFF (strings -e S)
  kStringUtf16le = 4,  // 16-bit units 0x0009 and 0x0020..0x007E, at any byte offset (strings -e l)
};

struct StringsOptions {
  uint64_t from = 0;
  uint64_t to = UINT64_MAX;  // clipped to the file; a run is cut at `to`
  uint64_t min_length = 4;   // characters (units for UTF-16)
  uint32_t encodings = kStringAscii;
  bool skip_holes = true;
};

struct StringsProgress {
  uint64_t scanned_to = 0;
  uint64_t count = 0;          // strings found so far
  std::vector<double> found;   // [offset, byte length, encoding bit, ...] since the last report, by offset
};

// Streams bytes through the run rules; chunks may split anywhere.
class StringRuns {
 public:
  StringRuns(uint64_t min_length, uint32_t encodings, uint64_t at);
  // Bytes [base, base + n); base continues where the last call ended.
  void Feed(const uint8_t* data, size_t n);
  // A hole (zeros) from the current position to `resume`: ends every run.
  void SkipZeros(uint64_t resume);
  // Ends the input: the runs still open are complete.
  void Finish();
  // Moves the strings that no open run can precede into `out`, by offset.
  void Flush(std::vector<double>* out, bool all);
  uint64_t count() const { return count_; }
  uint64_t position() const { return position_; }

 private:
  struct Found {
    uint64_t offset, length;
    uint32_t encoding;
  };
  template <bool kSingle, bool kUtf16>
  void FeedAs(const uint8_t* data, size_t n);
  void Emit(uint64_t offset, uint64_t length, uint32_t encoding);

  bool graphic_[256];
  uint64_t min_;
  uint32_t single_ = 0;  // kStringAscii, kStringLatin1 or 0
  bool utf16_ = false;
  uint64_t position_;
  uint64_t run_ = 0;            // single-byte run length
  uint64_t units_[2] = {0, 0};  // UTF-16 run length in units, per byte parity
  int prev_ = -1;               // the byte before position_, or -1
  std::vector<Found> pending_;
  uint64_t count_ = 0;
};

Status FindStrings(const MappedFile& file, const StringsOptions& options, const std::atomic<bool>& cancel,
                   const std::function<void(const StringsProgress&)>& on_progress, StringsProgress* result,
                   Error* err);

}  // namespace hugeview
