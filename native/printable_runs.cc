// Printable runs: see strings.h.
#include "printable_runs.h"

#include <algorithm>
#include <memory>

#include "holes.h"

namespace hugeview {

StringRuns::StringRuns(uint64_t min_length, uint32_t encodings, uint64_t at)
    : min_(std::max<uint64_t>(1, min_length)), position_(at) {
  single_ = encodings & kStringLatin1 ? uint32_t{kStringLatin1} : encodings & kStringAscii ? uint32_t{kStringAscii} : 0;
  utf16_ = (encodings & kStringUtf16le) != 0;
  // binutils: c == '\t' || ISPRINT (c) || (encoding == 'S' && c > 127)
  for (int c = 0; c < 256; c++) graphic_[c] = c == '\t' || (c >= 0x20 && c <= 0x7E);
  if (single_ == kStringLatin1) {
    for (int c = 0x80; c < 256; c++) graphic_[c] = true;
  }
}

void StringRuns::Emit(uint64_t offset, uint64_t length, uint32_t encoding) {
  pending_.push_back({offset, length, encoding});
  count_++;
}

template <bool kSingle, bool kUtf16>
void StringRuns::FeedAs(const uint8_t* data, size_t n) {
  // The single-byte table says 0x80.. is graphic for -e S only; a UTF-16
  // unit is graphic when its high byte is 0 and its low byte ASCII-graphic.
  // Local tables: the compiler keeps them out of reach of the Emit() writes.
  uint8_t ascii[256], graphic[256];
  for (int c = 0; c < 256; c++) {
    ascii[c] = c == '\t' || (c >= 0x20 && c <= 0x7E);
    graphic[c] = graphic_[c];
  }
  uint64_t run = run_, even = units_[0], odd = units_[1];
  int prev = prev_;
  const uint64_t base = position_;
  const uint64_t min = min_;
  for (size_t i = 0; i < n; i++) {
    const uint8_t c = data[i];
    const uint64_t at = base + i;
    if (kSingle) {
      const uint64_t t = graphic[c];
      // One branch, taken only at the end of a long enough run (predictable).
      if ((t == 0) & (run >= min)) Emit(at - run, run, single_);
      run = (run + 1) * t;
    }
    if (kUtf16) {
      // The unit (prev, c) starting at at - 1.
      const uint64_t g = static_cast<uint64_t>(prev >= 0) & ascii[prev & 0xFF] & static_cast<uint64_t>(c == 0);
      uint64_t& units = ((at - 1) & 1) ? odd : even;
      if ((g == 0) & (units >= min)) Emit(at - 1 - 2 * units, 2 * units, kStringUtf16le);
      units = (units + 1) * g;
      prev = c;
    }
  }
  run_ = run;
  units_[0] = even;
  units_[1] = odd;
  prev_ = prev;
  position_ = base + n;
}

void StringRuns::Feed(const uint8_t* data, size_t n) {
  if (single_ && utf16_) FeedAs<true, true>(data, n);
  else if (single_) FeedAs<true, false>(data, n);
  else if (utf16_) FeedAs<false, true>(data, n);
  else position_ += n;
}

void StringRuns::SkipZeros(uint64_t resume) {
  static const uint8_t kZeros[4] = {0, 0, 0, 0};
  const uint64_t n = std::min<uint64_t>(4, resume - position_);
  Feed(kZeros, static_cast<size_t>(n));
  // After zeros every run is closed and the byte before `resume` is 0.
  position_ = resume;
}

void StringRuns::Finish() {
  if (single_ && run_ >= min_) Emit(position_ - run_, run_, single_);
  if (utf16_) {
    // The last unit seen started at position_ - 2 (parity q0) or position_ - 3.
    for (uint64_t back : {uint64_t{2}, uint64_t{3}}) {
      if (position_ < back) continue;
      const uint64_t last = position_ - back;
      uint64_t& units = units_[last & 1];
      if (units >= min_) Emit(last + 2 - 2 * units, 2 * units, kStringUtf16le);
      units = 0;
    }
  }
  run_ = 0;
}

void StringRuns::Flush(std::vector<double>* out, bool all) {
  if (pending_.empty()) return;
  uint64_t cutoff = UINT64_MAX;  // no open run starts before this
  if (!all) {
    if (single_ && run_ > 0) cutoff = std::min(cutoff, position_ - run_);
    if (utf16_) {
      for (uint64_t back : {uint64_t{2}, uint64_t{3}}) {
        if (position_ < back) continue;
        const uint64_t units = units_[(position_ - back) & 1];
        if (units > 0) cutoff = std::min(cutoff, position_ - back + 2 - 2 * units);
      }
    }
  }
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const Found& a, const Found& b) { return a.offset < b.offset; });
  size_t n = 0;
  while (n < pending_.size() && pending_[n].offset < cutoff) {
    out->push_back(static_cast<double>(pending_[n].offset));
    out->push_back(static_cast<double>(pending_[n].length));
    out->push_back(static_cast<double>(pending_[n].encoding));
    n++;
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
}

namespace {

constexpr size_t kChunk = 1u << 20;
constexpr uint64_t kReportEvery = 64u << 20;
constexpr size_t kReportFound = 3 * 32768;

struct ChunkFeed {
  StringRuns* runs;
  const uint8_t* data;
  size_t length;
  static void Run(void* self) {
    auto* c = static_cast<ChunkFeed*>(self);
    c->runs->Feed(c->data, c->length);
  }
};

}  // namespace

Status FindStrings(const MappedFile& file, const StringsOptions& options, const std::atomic<bool>& cancel,
                   const std::function<void(const StringsProgress&)>& on_progress, StringsProgress* result,
                   Error* err) {
  std::shared_ptr<Mapping> mapping;  // alive for the whole scan, even across a remap
  Status status = file.MappingForJob(&mapping, err);
  if (status != Status::kOk) return status;
  const uint64_t end = std::min<uint64_t>(options.to, mapping ? mapping->length() : 0);
  uint64_t position = std::min(options.from, end);
  StringRuns runs(options.min_length, options.encodings, position);
  DataExtents extents(file, options.skip_holes ? 1u << 16 : 1, 1u << 20);
  StringsProgress batch;
  uint64_t region_end = options.skip_holes ? position : end;
  uint64_t last_send = position;
  uint64_t prefetched = position;  // page tables are ready up to here
  while (position < end && !cancel.load(std::memory_order_relaxed)) {
    if (file.closed()) return file.ClosedError(err);
    if (position >= region_end) {
      uint64_t data = 0, data_end = 0;
      extents.Next(position, end, &data, &data_end);
      if (data > position) runs.SkipZeros(data);  // a hole: zeros end every run
      position = data;
      region_end = data_end;
      if (position >= end) break;
      prefetched = position;
    }
    const size_t length = static_cast<size_t>(std::min<uint64_t>(kChunk, region_end - position));
    if (position >= prefetched) {
      const uint64_t ahead = std::min<uint64_t>(4u << 20, region_end - position);
      PrefaultData(*mapping, position, ahead);
      prefetched = position + ahead;
    }
    ChunkFeed chunk{&runs, mapping->base() + position, length};
    if (!GuardedCall(chunk.data, length, ChunkFeed::Run, &chunk)) {
      return TruncatedError(err, file.path(), "while its strings were listed", position);
    }
    position += length;
    runs.Flush(&batch.found, false);
    if ((position - last_send >= kReportEvery || batch.found.size() >= kReportFound) && on_progress) {
      batch.scanned_to = position;
      batch.count = runs.count();
      on_progress(batch);
      batch.found.clear();
      last_send = position;
    }
  }
  if (position >= end) {
    if (runs.position() < end) runs.SkipZeros(end);  // a hole up to the end
    runs.Finish();
  }
  runs.Flush(&batch.found, position >= end);
  batch.scanned_to = position;
  batch.count = runs.count();
  *result = std::move(batch);
  return Status::kOk;
}

}  // namespace hugeview
