// The chunk loop of a search job: see scan.h.
#include "scan.h"

#include <algorithm>
#include <memory>

#include "holes.h"

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

namespace {

// The alternative that matches at every offset of a run of zeros (the lowest
// index among those all-zero bytes match, as the kernel picks), or -1.
int ZeroMatch(const Searcher& searcher) {
  std::vector<uint8_t> zeros(searcher.max_length(), 0);
  int found = -1;
  searcher.Scan(zeros.data(), zeros.size(), 1, 0, [&found](uint64_t offset, uint32_t alternative) {
    if (offset == 0) found = static_cast<int>(alternative);
    return false;
  });
  return found;
}

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
  // Holes read as zeros. A match needs a data byte unless all-zero bytes
  // match an alternative; then the matches inside a hole are that
  // alternative, back to back from where the last match ended.
  DataExtents extents(file, range.skip_holes ? 1u << 16 : 1, range.min_hole);
  const int zero_alternative = range.skip_holes ? ZeroMatch(searcher) : -1;
  const uint64_t zero_length = zero_alternative >= 0 ? searcher.alternative_length(zero_alternative) : 0;
  ScanProgress batch;
  uint64_t position = range.from;
  uint64_t next_free = std::max(range.from, range.resume_at);
  uint64_t last_send = position;
  uint64_t region_begin = position;
  uint64_t region_end = range.skip_holes ? position : end;  // starts in [position, region_end) are read
  bool first_sent = false;
  auto report = [&](bool force) {
    bool send = force || (!first_sent && batch.count > 0) || position - last_send >= kReportEvery ||
                batch.matches.size() >= kReportMatches;
    if (send && on_progress) {
      on_progress(batch);
      batch.matches.clear();
      first_sent = first_sent || batch.count > 0;
      last_send = position;
    }
  };
  while (position < end && !cancel.load(std::memory_order_relaxed)) {
    if (file.closed()) return file.ClosedError(err);
    if (position >= region_end) {
      uint64_t data = 0, data_end = 0;
      extents.Next(position, end, &data, &data_end);
      // [position, data) is a hole. A match that reaches a data byte starts
      // at most `overlap` bytes before it.
      const uint64_t read_from = data > position + overlap ? data - overlap : position;
      if (zero_alternative >= 0) {
        // Matches whose every byte is in the hole: [p, p + max_length) all zeros.
        uint64_t p = std::max(next_free, position);
        while (p + searcher.max_length() <= data && !cancel.load(std::memory_order_relaxed)) {
          batch.count++;
          batch.matches.push_back(static_cast<double>(p));
          batch.matches.push_back(static_cast<double>(zero_alternative));
          p += zero_length;
          if (batch.matches.size() >= kReportMatches) {
            position = batch.scanned_to = std::min(p, read_from);
            report(true);
          }
        }
        next_free = std::max(next_free, p);
        if (cancel.load(std::memory_order_relaxed)) break;
      }
      position = region_begin = batch.scanned_to = read_from;
      region_end = std::max(data_end, position + 1);
      continue;
    }
    const uint64_t stop = std::min(end, region_end);
    if (position == region_begin || position % kReadAheadEvery == 0) {
      mapping->WillNeed(position, std::min<uint64_t>(kReadAhead, stop + overlap - position));
    }
    size_t body = static_cast<size_t>(std::min<uint64_t>(body_max, stop - position));
    size_t length = static_cast<size_t>(std::min<uint64_t>(body + overlap, file_end - position));
    Chunk chunk{&searcher, mapping->base() + position, length, body,
                static_cast<size_t>(next_free > position ? next_free - position : 0), position, &batch, next_free};
    if (!GuardedCall(chunk.data, length, Chunk::Run, &chunk)) {
      return TruncatedError(err, file.path(), "during the search", position);
    }
    next_free = chunk.next_free;
    position += body;
    batch.scanned_to = position;
    report(false);
  }
  batch.scanned_to = position;
  *result = std::move(batch);
  return Status::kOk;
}

}  // namespace hugeview
