// The platform-independent part of MappedFile: reads out of the current
// mapping (guarded or not) and the small accessors. The POSIX and Windows
// files hold what differs: opening, mapping, advice, residency, closing.
#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstring>

#include "mapped_file.h"

namespace hugeview {

Status MappedFile::ClosedError(Error* err) const {
  err->code = "ECLOSED";
  err->syscall = "read";
  err->message = "ECLOSED: the file '" + path_ + "' was closed";
  return Status::kClosed;
}

Status TruncatedError(Error* err, const std::string& path, const char* when, uint64_t offset) {
  err->code = "ETRUNCATED";
  err->syscall = "read";
  err->message = "ETRUNCATED: '" + path + "' shrank " + when + "; bytes at offset " + std::to_string(offset) +
                 " are gone";
  return Status::kFault;
}

uint64_t MappedFile::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return size_;
}

std::shared_ptr<Mapping> MappedFile::mapping() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return mapping_;
}

Status MappedFile::MappingForJob(std::shared_ptr<Mapping>* mapping, Error* err) const {
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed()) return ClosedError(err);
  *mapping = mapping_;
  return Status::kOk;
}

Status CopyFromMapping(const Mapping* mapping, uint64_t offset, uint8_t* target, size_t length, bool guarded,
                       size_t* copied) {
  *copied = 0;
  if (mapping == nullptr || offset >= mapping->length()) return Status::kOk;
  size_t n = static_cast<size_t>(std::min<uint64_t>(length, mapping->length() - offset));
  if (!guarded) {
    memcpy(target, mapping->base() + offset, n);
  } else if (!GuardedCopy(target, mapping->base() + offset, n)) {
    return Status::kFault;
  }
  *copied = n;
  return Status::kOk;
}

void ResidentPages::Reset(uint64_t file_size, unsigned page_shift) {
  page_shift_ = page_shift;
  uint64_t group_bytes = static_cast<uint64_t>(kGroupPages) << page_shift;
  uint64_t groups = (file_size + group_bytes - 1) / group_bytes;
  uint64_t slots = 1;
  while (slots < groups && slots < (1u << 16)) slots <<= 1;
  slots_.reset(new Slot[slots]);
  mask_ = slots - 1;
  Forget();
}

void ResidentPages::Record(uint64_t group, uint64_t bits) {
  Slot& slot = slots_[group & mask_];
  slot.group = group;
  slot.bits = bits;
  slot.epoch = epoch_;
  run_begin_ = run_end_ = 0;  // mincore may have found fewer pages there than before
}

void ResidentPages::Merge(uint64_t group, uint64_t mask, uint64_t bits) {
  Slot& slot = slots_[group & mask_];
  if (slot.epoch != epoch_ || slot.group != group) {
    Record(group, bits);
    return;
  }
  slot.bits = (slot.bits & ~mask) | bits;
  run_begin_ = run_end_ = 0;  // a page there may have left the cache
}

void ResidentPages::Add(uint64_t first, uint64_t last) {
  for (uint64_t group = first / kGroupPages; group <= last / kGroupPages; group++) {
    Slot& slot = slots_[group & mask_];
    if (slot.epoch != epoch_ || slot.group != group) Record(group, 0);
    slot.bits |= Bits(group, first, last);
  }
}

void ResidentPages::ExpireIfOld() {
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  if (now - epoch_started_ms_ < 1000) return;
  epoch_started_ms_ = now;
  Forget();
}

bool MappedFile::PagesResident(const Mapping& mapping, uint64_t first, uint64_t last) {
  resident_.ExpireIfOld();
  return resident_.Known(first, last) || QueryResidency(mapping, first, last);
}

Status MappedFile::ReadChoosing(const Mapping& mapping, uint64_t offset, uint8_t* target, size_t n, uint64_t first,
                                uint64_t last, size_t* copied, Error* err) {
  // A read that continues the last one, on a mapping advised sequential: the
  // kernel's readahead runs ahead of it (pages still in flight would look
  // absent to mincore), so the mapping, without asking.
  bool streaming = offset == last_end_ && advice_ == Advice::kSequential;
  // A read within one page of a mapping advised random: a fault there reads
  // just that page, as a pread would, and asking first would cost a system call.
  bool one_page = first == last && advice_ == Advice::kRandom;
  last_end_ = offset + n;
  if (streaming || one_page) {
    // Read through the mapping, so resident now: the next reads there take
    // Read()'s fast path (a sequential 16-byte read went through this choice
    // every time, ~3 ns more than readMapped(); measured).
    Status status = CopyMapped(mapping, offset, target, n, copied, err);
    if (status == Status::kOk) resident_.Add(first, last);
    return status;
  }
  if (PagesResident(mapping, first, last)) return CopyMapped(mapping, offset, target, n, copied, err);
  preads_++;
  return ReadByPread(offset, target, n, copied, err);
}

Status MappedFile::ReadByPread(uint64_t offset, uint8_t* target, size_t length, size_t* copied, Error* err) {
  size_t got = 0;
  Status status = PreadAt(offset, target, length, &got, err);
  if (status != Status::kOk) return status;
  if (got < length) {
    // Shorter than the mapping: the file shrank, as a guarded copy would have
    // found by a fault. ETRUNCATED the same way.
    uint64_t now = 0;
    Error ignored;
    if (CurrentSize(&now, &ignored) != Status::kOk || now < offset + length) {
      return TruncatedError(err, path_, "while open", offset + got);
    }
  }
  *copied = got;
  // pread left those pages in the page cache: the next read there can use the mapping.
  if (got > 0) resident_.Add(offset >> resident_.page_shift(), (offset + got - 1) >> resident_.page_shift());
  return Status::kOk;
}

Status MappedFile::ReadMapped(uint64_t offset, uint8_t* target, size_t length, size_t* copied, Error* err) {
  *copied = 0;
  if (closed()) return ClosedError(err);
  const Mapping* mapping = mapping_.get();
  if (mapping == nullptr || offset >= mapping->length()) return Status::kOk;
  size_t n = static_cast<size_t>(std::min<uint64_t>(length, mapping->length() - offset));
  return CopyMapped(*mapping, offset, target, n, copied, err);
}

Status MappedFile::CopyMapped(const Mapping& mapping, uint64_t offset, uint8_t* target, size_t length, size_t* copied,
                              Error* err) {
  auto truncated = [&] {
    *copied = 0;
    return TruncatedError(err, path_, "while open", offset);
  };
  if (length > 0 && !GuardedCopy(target, mapping.base() + offset, length)) return truncated();
  *copied = length;
  // After a shrink, pages wholly past the new end fault (above), but the new
  // last page stays mapped with zeros past the end, where pread would come up
  // short. Those zeros end the copy, so a copy whose last byte is not zero is
  // all real bytes; otherwise ask the file its size (one fstat), and give
  // ETRUNCATED as the pread backend does.
  if (*copied > 0 && target[*copied - 1] == 0) {
    uint64_t now = 0;
    Error ignored;
    if (CurrentSize(&now, &ignored) == Status::kOk && offset + *copied > now) return truncated();
  }
  return Status::kOk;
}

namespace {

// One record's 8-byte words xor-ed together (the tail zero-padded).
template <size_t kBytes>
inline uint64_t FoldRecord(const uint8_t* p, size_t n) {
  if (kBytes != 0) n = kBytes;
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t word;
    memcpy(&word, p + i, 8);
    acc ^= word;
  }
  if (i < n) {
    uint64_t word = 0;
    memcpy(&word, p + i, n - i);
    acc ^= word;
  }
  return acc;
}

struct InPlaceFold {
  const uint8_t* base;
  const double* offsets;
  size_t count;
  size_t record_bytes;
  double limit;  // the last offset a whole record starts at
  uint64_t sum = 0;
  size_t bad = SIZE_MAX;  // index of an offset past the end
};

template <size_t kBytes>
void FoldInPlace(void* context) {
  InPlaceFold& f = *static_cast<InPlaceFold*>(context);
  uint64_t sum = 0;
  for (size_t i = 0; i < f.count; i++) {
    double at = f.offsets[i];
    if (!(at >= 0 && at <= f.limit)) {
      f.bad = i;
      break;
    }
    sum += FoldRecord<kBytes>(f.base + static_cast<uint64_t>(at), f.record_bytes);
  }
  f.sum = sum;
}

}  // namespace

Status MappedFile::FoldRecords(const double* offsets, size_t count, size_t record_bytes, FoldVia via, uint64_t* fold,
                               Error* err) {
  *fold = 0;
  if (closed()) return ClosedError(err);
  const Mapping* mapping = mapping_.get();
  uint64_t length = mapping == nullptr ? 0 : mapping->length();
  auto past_end = [&](size_t i) {
    err->code = "EINVAL";
    err->syscall = "fold";
    err->message = "EINVAL: a " + std::to_string(record_bytes) + "-byte record at offset " +
                   std::to_string(static_cast<uint64_t>(offsets[i] < 0 ? 0 : offsets[i])) + " does not fit in '" + path_ +
                   "' (" + std::to_string(length) + " bytes mapped)";
    return Status::kError;
  };
  if (record_bytes == 0 || record_bytes > kMaxFoldRecord) {
    err->code = "EINVAL";
    err->syscall = "fold";
    err->message = "EINVAL: records are 1 to " + std::to_string(kMaxFoldRecord) + " bytes";
    return Status::kError;
  }
  if (count == 0) return Status::kOk;
  if (length < record_bytes) return past_end(0);
  double limit = static_cast<double>(length - record_bytes);
  if (via == FoldVia::kMapping) {
    InPlaceFold f{mapping->base(), offsets, count, record_bytes, limit};
    bool ok = GuardedCall(mapping->base(), length, record_bytes == 16 ? FoldInPlace<16> : FoldInPlace<0>, &f);
    if (!ok) return TruncatedError(err, path_, "during the fold", 0);
    if (f.bad != SIZE_MAX) return past_end(f.bad);
    // A shrink leaves the new last page mapped with zeros past the end, which
    // the fold would take for bytes: one fstat per call says whether it did.
    uint64_t now = 0;
    Error ignored;
    if (CurrentSize(&now, &ignored) == Status::kOk && now < length) {
      return TruncatedError(err, path_, "during the fold", now);
    }
    *fold = f.sum;
    return Status::kOk;
  }
  uint8_t record[kMaxFoldRecord];
  uint64_t sum = 0;
  for (size_t i = 0; i < count; i++) {
    double at = offsets[i];
    if (!(at >= 0 && at <= limit)) return past_end(i);
    size_t got = 0;
    Status status = PreadAt(static_cast<uint64_t>(at), record, record_bytes, &got, err);
    if (status != Status::kOk) return status;
    if (got < record_bytes) return TruncatedError(err, path_, "while open", static_cast<uint64_t>(at) + got);
    sum += record_bytes == 16 ? FoldRecord<16>(record, 16) : FoldRecord<0>(record, record_bytes);
  }
  *fold = sum;
  return Status::kOk;
}

}  // namespace hugeview
