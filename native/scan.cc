// The chunk loop of a search job: see scan.h.
#include "scan.h"

#include <algorithm>
#include <memory>

namespace hugeview {
namespace {

constexpr uint64_t kReadAheadEvery = 8u << 20;
constexpr uint64_t kReadAhead = 16u << 20;
constexpr uint64_t kReportEvery = 64u << 20;
constexpr size_t kReportMatches = 65536;  // doubles: two per match

// One chunk, scanned in place under the fault guard.
struct Chunk {
  const Searcher* searcher;
  const uint8_t* data;
  size_t length, limit, resume;
  uint64_t base;
  ScanProgress* batch;
  uint64_t next_free;  // file offset where the next match may start
  static void Run(void* self) {
    auto* c = static_cast<Chunk*>(self);
    c->searcher->Scan(c->data, c->length, c->limit, c->resume, [c](uint64_t offset, uint32_t alternative) {
      c->batch->count++;
      c->batch->matches.push_back(static_cast<double>(c->base + offset));
      c->batch->matches.push_back(static_cast<double>(alternative));
      c->next_free = c->base + offset + c->searcher->alternative_length(alternative);
      return true;
    });
  }
};

}  // namespace

Status ScanRange(const MappedFile& file, const Searcher& searcher, const ScanRangeSpec& range,
                 const std::atomic<bool>& cancel, const std::function<void(const ScanProgress&)>& on_progress,
                 ScanProgress* result, Error* err) {
  std::shared_ptr<Mapping> mapping;  // alive for the whole scan, even across a remap
  Status status = file.MappingForJob(&mapping, err);
  if (status != Status::kOk) return status;
  const uint64_t file_end = mapping ? mapping->length() : 0;
  const uint64_t end = std::min<uint64_t>(range.to, file_end);
  const size_t overlap = searcher.max_length() - 1;
  const size_t body_max = std::max<size_t>(1, range.chunk);
  ScanProgress batch;
  uint64_t position = range.from;
  uint64_t next_free = std::max(range.from, range.resume_at);
  uint64_t last_send = position;
  bool first_sent = false;
  while (position < end && !cancel.load(std::memory_order_relaxed)) {
    if (file.closed()) return file.ClosedError(err);
    if (position == range.from || position % kReadAheadEvery == 0) mapping->WillNeed(position, kReadAhead);
    size_t body = static_cast<size_t>(std::min<uint64_t>(body_max, end - position));
    size_t length = static_cast<size_t>(std::min<uint64_t>(body + overlap, file_end - position));
    Chunk chunk{&searcher, mapping->base() + position, length, body,
                static_cast<size_t>(next_free > position ? next_free - position : 0), position, &batch, next_free};
    if (!GuardedCall(chunk.data, length, Chunk::Run, &chunk)) {
      return TruncatedError(err, file.path(), "during the search", position);
    }
    next_free = chunk.next_free;
    position += body;
    batch.scanned_to = position;
    bool send = (!first_sent && batch.count > 0) || position - last_send >= kReportEvery ||
                batch.matches.size() >= kReportMatches;
    if (send && on_progress) {
      on_progress(batch);
      batch.matches.clear();
      first_sent = first_sent || batch.count > 0;
      last_send = position;
    }
  }
  batch.scanned_to = position;
  *result = std::move(batch);
  return Status::kOk;
}

}  // namespace hugeview
