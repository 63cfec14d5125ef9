// The platform-independent part of MappedFile: reads out of the current
// mapping (guarded or not) and the small accessors. The POSIX and Windows
// files hold what differs: opening, mapping, advice, residency, closing.
#include <algorithm>
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

Status MappedFile::Read(uint64_t offset, uint8_t* target, size_t length, size_t* copied, Error* err) {
  *copied = 0;
  if (closed()) return ClosedError(err);
  // Only the JS thread remaps, and reads run on the JS thread: no lock needed
  // to look at mapping_ here (background readers take their own reference).
  auto truncated = [&] {
    *copied = 0;
    return TruncatedError(err, path_, "while open", offset);
  };
  if (CopyFromMapping(mapping_.get(), offset, target, length, true, copied) != Status::kOk) return truncated();
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

}  // namespace hugeview
