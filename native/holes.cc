// DataExtents: see holes.h.
#include "holes.h"

#include <algorithm>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <winioctl.h>
#else
#include <errno.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__linux__) && !defined(MADV_POPULATE_READ)
#define MADV_POPULATE_READ 22
#endif
#endif

namespace hugeview {

DataExtents::DataExtents(const MappedFile& file, uint64_t granularity, uint64_t min_hole)
    : granularity_(std::max<uint64_t>(1, granularity)), min_hole_(min_hole) {
  Error ignored;
  if (file.OpenReader(&reader_, &ignored) != Status::kOk) reader_.reset();
#if !defined(_WIN32) && !(defined(SEEK_DATA) && defined(SEEK_HOLE))
  reader_.reset();  // no hole queries on this system
#endif
}

DataExtents::~DataExtents() = default;

bool DataExtents::Query(uint64_t at, uint64_t* data, uint64_t* hole) {
#ifdef _WIN32
  HANDLE h = reinterpret_cast<HANDLE>(reader_->handle());
  LARGE_INTEGER size;
  if (!GetFileSizeEx(h, &size)) {
    reader_.reset();
    return false;
  }
  if (at >= static_cast<uint64_t>(size.QuadPart)) return false;
  FILE_ALLOCATED_RANGE_BUFFER in, out[1];
  in.FileOffset.QuadPart = static_cast<LONGLONG>(at);
  in.Length.QuadPart = size.QuadPart - static_cast<LONGLONG>(at);
  DWORD bytes = 0;
  if (!DeviceIoControl(h, FSCTL_QUERY_ALLOCATED_RANGES, &in, sizeof in, out, sizeof out, &bytes, nullptr) &&
      GetLastError() != ERROR_MORE_DATA) {
    reader_.reset();  // not NTFS/ReFS, a device: everything is data
    return false;
  }
  if (bytes < sizeof out[0]) return false;  // no allocated range from `at` on
  *data = std::max<uint64_t>(at, static_cast<uint64_t>(out[0].FileOffset.QuadPart));
  *hole = static_cast<uint64_t>(out[0].FileOffset.QuadPart + out[0].Length.QuadPart);
  return true;
#elif defined(SEEK_DATA) && defined(SEEK_HOLE)
  const int fd = static_cast<int>(reader_->handle());
  off_t d = lseek(fd, static_cast<off_t>(at), SEEK_DATA);
  if (d < 0) {
    if (errno != ENXIO) reader_.reset();  // EINVAL: the file system cannot tell
    return false;
  }
  off_t h = lseek(fd, d, SEEK_HOLE);
  if (h < 0) {
    reader_.reset();
    return false;
  }
  *data = static_cast<uint64_t>(d);
  *hole = static_cast<uint64_t>(h);
  return true;
#else
  (void)at, (void)data, (void)hole;
  return false;
#endif
}

bool DataExtents::ShrankBelow(uint64_t limit) const {
#ifdef _WIN32
  LARGE_INTEGER size;
  return GetFileSizeEx(reinterpret_cast<HANDLE>(reader_->handle()), &size) &&
         static_cast<uint64_t>(size.QuadPart) < limit;
#else
  struct stat st;
  return fstat(static_cast<int>(reader_->handle()), &st) == 0 && S_ISREG(st.st_mode) &&
         static_cast<uint64_t>(st.st_size) < limit;
#endif
}

void DataExtents::Next(uint64_t at, uint64_t limit, uint64_t* begin, uint64_t* end) {
  *begin = *end = limit;
  if (at >= limit) return;
  if (!reader_) {
    *begin = at;
    return;
  }
  const uint64_t down = ~(granularity_ - 1);
  uint64_t data = 0, hole = 0;
  if (!Query(at, &data, &hole)) {
    // No data from `at` to the end of the file, or no answer.
    if (!reader_ || ShrankBelow(limit)) *begin = at;
    return;
  }
  data = std::max(at, data & down);
  if (data >= limit) return;
  hole = (hole + granularity_ - 1) & down;
  // Short holes stay data: look past each one.
  while (hole < limit) {
    uint64_t next_data = 0, next_hole = 0;
    if (!Query(hole, &next_data, &next_hole)) {
      if (!reader_ || ShrankBelow(limit)) hole = limit;
      break;
    }
    next_data &= down;
    if (next_data >= hole + min_hole_ || next_data >= limit) break;
    hole = std::max(hole, (next_hole + granularity_ - 1) & down);
  }
  *begin = data;
  *end = std::min(hole, limit);
}

void PrefaultData(const Mapping& mapping, uint64_t offset, uint64_t length) {
  if (mapping.base() == nullptr || offset >= mapping.length()) return;
  length = std::min<uint64_t>(length, mapping.length() - offset);
#if defined(__linux__)
  const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  const uint64_t start = offset / page * page;
  // EINVAL before Linux 5.14; EFAULT/EIO when the file shrank (the scan then
  // faults under its guard and reports ETRUNCATED).
  if (madvise(const_cast<uint8_t*>(mapping.base()) + start, offset + length - start, MADV_POPULATE_READ) == 0) return;
#endif
  mapping.WillNeed(offset, length);
}

}  // namespace hugeview
