// Byte-search kernels: literal, ASCII case-insensitive and hex-with-wildcard
// search, newline counting and the k-th newline. No Node-API types here: plain
// bytes in, offsets out. SIMD (AVX2, SSE2) is chosen at run time on x86-64; a
// portable scalar path builds everywhere else (ARM, MSVC).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hugeview {

struct SearchPattern {
  std::vector<uint8_t> bytes;  // the needle; wildcard positions hold any value
  // empty = all exact; else same length: 0xFF exact, 0x00 wildcard (`??`), 0xDF an ASCII letter in either
  // case (per-position folding: in UTF-16 only the low byte of an ASCII code unit folds, never a byte of
  // another unit)
  std::vector<uint8_t> mask;
  bool ascii_case_insensitive = false;  // every ASCII letter byte at an exact position folds (UTF-8, single-byte)
};

struct SearchMatch {
  uint64_t offset;       // match start, relative to the scanned data
  uint32_t alternative;  // index into the alternatives given to Init
};

namespace search_detail {
// One alternative, prepared by Init: the filter positions and the verifier.
struct Plan {
  size_t length = 0;
  // Filter: the three rarest exact positions (repeated when there are fewer).
  size_t pos1 = 0, pos2 = 0, pos3 = 0, far = 0;  // far = the largest of the three
  uint8_t want1 = 0, want2 = 0, want3 = 0;  // (byte | or) must equal want at the filter positions
  uint8_t or1 = 0, or2 = 0, or3 = 0;        // 0x20 at an ASCII letter when case-insensitive, else 0
  bool exact = true;             // no wildcard, no folding: verify is memcmp
  std::vector<uint8_t> bytes;    // exact: the needle; else the wanted value per position
  std::vector<uint8_t> ors, ands;  // ((byte | ors[i]) & ands[i]) == bytes[i]
  std::vector<uint64_t> word_want, word_or, word_and;  // the same, 8 bytes at a time
  std::vector<size_t> word_at;                         // offset of each 8-byte word
};
}  // namespace search_detail

// Finds the alternatives in a byte range: leftmost first, non-overlapping like
// `grep -o` / `rg -o`. When several alternatives start at the same offset the
// lowest index wins (regex alternation order).
class Searcher {
 public:
  // 1..64 non-empty alternatives (e.g. case variants of a UTF-8 needle built
  // by the caller). A mask must be empty or as long as the bytes and keep at
  // least one exact byte. Returns false with *error set for invalid input.
  bool Init(std::vector<SearchPattern> alternatives, std::string* error);

  // Longest alternative: callers overlap chunks by max_length() - 1.
  size_t max_length() const { return max_length_; }
  size_t alternative_length(uint32_t alternative) const { return plans_[alternative].length; }
  size_t alternatives() const { return plans_.size(); }

  // Scans [data, data+length) and reports each match start in
  // [resume_at, limit) via on_match(offset, alternative) in increasing order.
  // A match may extend past `limit` but must end within `length`. So chunked
  // callers pass chunk = body + (max_length()-1) bytes of overlap (less at the
  // end of the file), limit = body, and resume_at = (end of the last match of
  // the previous chunk) - (this chunk's start), or 0. Returns the number of
  // matches reported; stops early if on_match returns false.
  template <typename F>
  uint64_t Scan(const uint8_t* data, size_t length, size_t limit, size_t resume_at, F&& on_match) const {
    constexpr size_t kBatch = 256;
    SearchMatch batch[kBatch];
    size_t position = resume_at;
    uint64_t reported = 0;
    for (;;) {
      size_t n = ScanBatch(data, length, limit, &position, batch, kBatch);
      for (size_t i = 0; i < n; ++i) {
        ++reported;
        if (!on_match(batch[i].offset, batch[i].alternative)) return reported;
      }
      if (n < kBatch) return reported;
    }
  }

  // The kernel under Scan: fills up to `capacity` matches starting at or after
  // *position and moves *position past the last one. Fewer than `capacity`
  // matches means the scan reached `limit`.
  size_t ScanBatch(const uint8_t* data, size_t length, size_t limit, size_t* position,
                   SearchMatch* out, size_t capacity) const;

 private:
  std::vector<search_detail::Plan> plans_;
  size_t max_length_ = 0;
};

// Occurrences of `byte` in [data, data+length) (newline counting).
uint64_t CountByte(const uint8_t* data, size_t length, uint8_t byte);

// Pointer just past the k-th (k >= 1) occurrence of `byte`, or nullptr if there
// are fewer than k; *found = occurrences seen (<= k). k == 0 returns data.
const uint8_t* FindNth(const uint8_t* data, size_t length, uint8_t byte, uint64_t k, uint64_t* found);

namespace search_detail {
// Which kernels run. kAuto picks the best the CPU supports; tests and the
// benchmark force the others. Returns false (and changes nothing) when the CPU
// or the build lacks the one asked for. Process-wide; not for use mid-scan.
enum class Impl { kAuto, kScalar, kSse2, kAvx2 };
bool ForceImpl(Impl impl);
const char* ImplName();  // the kernels in use: "avx2", "sse2" or "scalar"
}  // namespace search_detail

}  // namespace hugeview
