// The file map's core: the whole file (or a range) by bucket, from 4 KiB
// blocks: Shannon entropy per block (min / max / mean over the bucket's
// blocks) and byte classes (zero, text, high). Sparse holes are reported as
// holes and never read. No Node-API types here.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "mapped_file.h"

namespace hugeview {

constexpr uint64_t kFileMapBlock = 4096;

// Per bucket, in this order: entropy min, max, mean (bits per byte, 0..8,
// over the blocks that are not holes; 0 when there are none), then the
// fractions of the bucket's bytes that are zero, text (tab, LF, CR, 0x20..0x7E),
// high (0x80..0xFF) and hole. Zero + text + high + hole <= 1; the rest is
// other control bytes.
constexpr size_t kFileMapFields = 7;

struct FileMapOptions {
  uint64_t from = 0;
  uint64_t to = UINT64_MAX;           // clipped to the file
  uint64_t bucket_size = 1u << 20;    // a multiple of kFileMapBlock
  bool skip_holes = true;
};

struct FileMapProgress {
  uint64_t first_bucket = 0;    // index of buckets[0]
  uint64_t bucket_count = 0;    // buckets in the whole map
  uint64_t scanned_to = 0;
  std::vector<double> buckets;  // kFileMapFields per finished bucket, since the last report
};

// Entropy (bits per byte) and classes of one block, from its bytes.
struct BlockStats {
  double entropy;
  uint32_t zero, text, high;
};
BlockStats MeasureBlock(const uint8_t* data, size_t length);

// Buckets finish in offset order; progress carries each new batch (the first
// bucket at once, then about every 32 MiB). kFault (ETRUNCATED) when the file
// shrank, kClosed when it was closed; cancel stops it with kOk.
Status MapFile(const MappedFile& file, const FileMapOptions& options, const std::atomic<bool>& cancel,
               const std::function<void(const FileMapProgress&)>& on_progress, FileMapProgress* result, Error* err);

}  // namespace hugeview
