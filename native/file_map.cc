// The file map: see file_map.h.
#include "file_map.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "holes.h"

namespace hugeview {
namespace {

constexpr uint64_t kReportEvery = 32u << 20;
constexpr uint64_t kRun = 1u << 20;  // bytes of blocks per guarded call

// c * log2(c) for every count a block can hold.
struct PLogP {
  double value[kFileMapBlock + 1];
  PLogP() {
    value[0] = 0;
    for (size_t c = 1; c <= kFileMapBlock; c++) value[c] = static_cast<double>(c) * std::log2(static_cast<double>(c));
  }
};
const PLogP& Table() {
  static const PLogP table;
  return table;
}

struct Bucket {
  double entropy_min = 0, entropy_max = 0, entropy_sum = 0;
  uint64_t blocks = 0, zero = 0, text = 0, high = 0, hole = 0, length = 0;
  void Add(const BlockStats& s) {
    entropy_min = blocks == 0 ? s.entropy : std::min(entropy_min, s.entropy);
    entropy_max = blocks == 0 ? s.entropy : std::max(entropy_max, s.entropy);
    entropy_sum += s.entropy;
    blocks++;
    zero += s.zero;
    text += s.text;
    high += s.high;
  }
  void AppendTo(std::vector<double>* out) const {
    const double n = length > 0 ? static_cast<double>(length) : 1;
    const double fields[kFileMapFields] = {entropy_min, entropy_max, blocks ? entropy_sum / static_cast<double>(blocks) : 0,
                                           static_cast<double>(zero) / n, static_cast<double>(text) / n,
                                           static_cast<double>(high) / n, static_cast<double>(hole) / n};
    out->insert(out->end(), fields, fields + kFileMapFields);
  }
};

// Blocks [data, data + length) of one bucket, read in place under the guard.
struct BlockRun {
  const uint8_t* data;
  size_t length;
  Bucket* bucket;
  static void Run(void* self) {
    auto* r = static_cast<BlockRun*>(self);
    for (size_t at = 0; at < r->length; at += kFileMapBlock) {
      r->bucket->Add(MeasureBlock(r->data + at, std::min<size_t>(kFileMapBlock, r->length - at)));
    }
  }
};

}  // namespace

BlockStats MeasureBlock(const uint8_t* data, size_t length) {
  BlockStats s{0, 0, 0, 0};
  // Zero fill (padding, preallocated space) is common: one pass of ORs.
  uint64_t any = 0;
  size_t i = 0;
  for (; i + 8 <= length && any == 0; i += 8) {
    uint64_t w;
    memcpy(&w, data + i, 8);
    any |= w;
  }
  for (; i < length && any == 0; i++) any |= data[i];
  if (any == 0) {
    s.zero = static_cast<uint32_t>(length);
    return s;
  }
  // Four interleaved histograms: consecutive equal bytes do not wait on each
  // other's increments.
  uint16_t h[4][256];
  memset(h, 0, sizeof h);
  i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t w;
    memcpy(&w, data + i, 8);
    h[0][w & 0xFF]++;
    h[1][(w >> 8) & 0xFF]++;
    h[2][(w >> 16) & 0xFF]++;
    h[3][(w >> 24) & 0xFF]++;
    h[0][(w >> 32) & 0xFF]++;
    h[1][(w >> 40) & 0xFF]++;
    h[2][(w >> 48) & 0xFF]++;
    h[3][w >> 56]++;
  }
  for (; i < length; i++) h[0][data[i]]++;
  uint16_t total[256];
  for (int c = 0; c < 256; c++) total[c] = static_cast<uint16_t>(h[0][c] + h[1][c] + h[2][c] + h[3][c]);
  const PLogP& t = Table();
  double sum = 0;
  for (int c = 0; c < 256; c++) sum += t.value[total[c]];
  uint32_t text = total['\t'] + total['\n'] + total['\r'], high = 0;
  for (int c = 0x20; c <= 0x7E; c++) text += total[c];
  for (int c = 0x80; c < 256; c++) high += total[c];
  s.zero = total[0];
  s.text = text;
  s.high = high;
  const double n = static_cast<double>(length);
  s.entropy = std::max(0.0, std::log2(n) - sum / n);
  return s;
}

Status MapFile(const MappedFile& file, const FileMapOptions& options, const std::atomic<bool>& cancel,
               const std::function<void(const FileMapProgress&)>& on_progress, FileMapProgress* result, Error* err) {
  std::shared_ptr<Mapping> mapping;  // alive for the whole map, even across a remap
  Status status = file.MappingForJob(&mapping, err);
  if (status != Status::kOk) return status;
  const uint64_t end = std::min<uint64_t>(options.to, mapping ? mapping->length() : 0);
  const uint64_t from = std::min(options.from, end);
  const uint64_t bucket_size = std::max<uint64_t>(kFileMapBlock, options.bucket_size / kFileMapBlock * kFileMapBlock);
  DataExtents extents(file, kFileMapBlock, kFileMapBlock);
  FileMapProgress batch;
  batch.bucket_count = (end - from + bucket_size - 1) / bucket_size;
  uint64_t data = from, data_end = options.skip_holes ? from : end;  // the data range around `position`
  uint64_t last_send = from;
  uint64_t index = 0;
  uint64_t position = from;
  uint64_t prefetched = from;  // read ahead again from here
  for (; index < batch.bucket_count && !cancel.load(std::memory_order_relaxed); index++) {
    if (file.closed()) return file.ClosedError(err);
    const uint64_t bucket_end = std::min(end, from + (index + 1) * bucket_size);
    Bucket bucket;
    bucket.length = bucket_end - position;
    while (position < bucket_end) {
      if (options.skip_holes && position >= data_end) {
        extents.Next(position, end, &data, &data_end);
        prefetched = data;
      }
      if (position < data) {
        // Whole blocks before the data are hole (a block that reaches the data is read).
        const uint64_t hole = data >= bucket_end ? bucket_end - position
                                                 : (data - position) / kFileMapBlock * kFileMapBlock;
        if (hole > 0) {
          bucket.hole += hole;
          position += hole;
          continue;
        }
      }
      // Whole blocks up to the end of the data (or of the bucket, or a run).
      uint64_t stop = std::min(bucket_end, position + kRun);
      if (data_end < stop) stop = std::min(stop, position + (data_end - position + kFileMapBlock - 1) / kFileMapBlock * kFileMapBlock);
      if (position >= prefetched) {
        const uint64_t ahead = std::min<uint64_t>(4u << 20, std::max(data_end, stop) - position);
        PrefaultData(*mapping, position, ahead);
        prefetched = position + ahead;
      }
      BlockRun run{mapping->base() + position, static_cast<size_t>(stop - position), &bucket};
      if (!GuardedCall(run.data, run.length, BlockRun::Run, &run)) {
        return TruncatedError(err, file.path(), "while its map was drawn", position);
      }
      position = stop;
    }
    bucket.AppendTo(&batch.buckets);
    if (on_progress && (index == 0 || position - last_send >= kReportEvery)) {
      batch.scanned_to = position;
      on_progress(batch);
      batch.first_bucket = index + 1;
      batch.buckets.clear();
      last_send = position;
    }
  }
  batch.scanned_to = position;
  *result = std::move(batch);
  return Status::kOk;
}

}  // namespace hugeview
