// MappedFile on Linux and macOS: open, fstat, mmap, madvise, mincore and the
// page-cache drop used by cold-cache benchmarks.
#ifndef _WIN32

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>  // BLKGETSIZE64
#endif
#ifdef __APPLE__
#if __has_include(<sys/disk.h>)
#include <sys/disk.h>  // DKIOCGETBLOCKCOUNT, DKIOCGETBLOCKSIZE
#else
// The macOS SDK's <sys/disk.h> values; Zig's cross-compile headers (the
// darwin prebuilds) do not ship that file.
#define DKIOCGETBLOCKSIZE _IOR('d', 24, uint32_t)
#define DKIOCGETBLOCKCOUNT _IOR('d', 25, uint64_t)
#endif
#endif

#include <algorithm>
#include <vector>

#include "mapped_file.h"

namespace hugeview {
namespace {

const char* ErrnoName(int e) {
  switch (e) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    case ELOOP: return "ELOOP";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOMEM: return "ENOMEM";
    case EINVAL: return "EINVAL";
    case EIO: return "EIO";
    case EBADF: return "EBADF";
    case EFBIG: return "EFBIG";
    case EOVERFLOW: return "EOVERFLOW";
    case ENODEV: return "ENODEV";
    case ENXIO: return "ENXIO";
    case EAGAIN: return "EAGAIN";
    case EBUSY: return "EBUSY";
    case ETXTBSY: return "ETXTBSY";
    case ENOSYS: return "ENOSYS";
    default: return "EUNKNOWN";
  }
}

const char* FileKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// The size of what `fd` opened: st_size for a regular file; for a block
// device (a disk, a partition, a loop device over a disk image) st_size is 0,
// so ask the device. False with errno set when it cannot tell.
bool SizeOf(int fd, const struct stat& st, uint64_t* size) {
  if (!S_ISBLK(st.st_mode)) {
    *size = static_cast<uint64_t>(st.st_size);
    return true;
  }
#if defined(__linux__)
  if (ioctl(fd, BLKGETSIZE64, size) == 0) return true;
#elif defined(__APPLE__)
  uint64_t blocks = 0;
  uint32_t block_size = 0;
  if (ioctl(fd, DKIOCGETBLOCKCOUNT, &blocks) == 0 && ioctl(fd, DKIOCGETBLOCKSIZE, &block_size) == 0) {
    *size = blocks * block_size;
    return true;
  }
#endif
  off_t end = lseek(fd, 0, SEEK_END);
  if (end < 0) return false;
  *size = static_cast<uint64_t>(end);
  return true;
}

// pread until `length` bytes or the end of the file (EINTR retried): the mapping's
// pread branch and the workers' FileReader read the same way.
Status ReadFully(int fd, const std::string& path, uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) {
  *got = 0;
  while (*got < length) {
    ssize_t n = pread(fd, target + *got, length - *got, static_cast<off_t>(offset + *got));
    if (n < 0) {
      if (errno == EINTR) continue;
      SetSystemError(err, errno, "pread", path);
      return Status::kError;
    }
    if (n == 0) break;
    *got += static_cast<size_t>(n);
  }
  return Status::kOk;
}

}  // namespace

void SetSystemError(Error* err, int sys_errno, const char* syscall, const std::string& path) {
  err->code = ErrnoName(sys_errno);
  err->syscall = syscall;
  err->sys_errno = sys_errno;
  err->message = err->code + ": " + strerror(sys_errno) + ", " + syscall + " '" + path + "'";
}

Mapping::~Mapping() {
  if (base_ != nullptr) munmap(const_cast<uint8_t*>(base_), length_);
}

void Mapping::WillNeed(uint64_t offset, uint64_t length) const {
  if (base_ == nullptr || offset >= length_) return;
  const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  uint64_t start = offset / page * page;
  uint64_t end = std::min<uint64_t>(length_, offset + length);
  madvise(const_cast<uint8_t*>(base_) + start, end - start, MADV_WILLNEED);
}

MappedFile::~MappedFile() { Close(); }

Status MappedFile::Open(const std::string& path, Error* err) {
  InstallFaultGuard();
  path_ = path;
  // O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it below.
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    SetSystemError(err, errno, "open", path);
    return Status::kError;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    SetSystemError(err, errno, "fstat", path);
    close(fd);
    return Status::kError;
  }
  if (S_ISDIR(st.st_mode)) {
    SetSystemError(err, EISDIR, "open", path);
    close(fd);
    return Status::kError;
  }
  // Regular files, and block devices (disk images are what people inspect),
  // read-only either way.
  if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
    err->code = "ENOTREG";
    err->syscall = "open";
    err->message = std::string("ENOTREG: '") + path + "' is " + FileKind(st.st_mode) +
                   ", not a regular file; only regular files and block devices can be viewed";
    close(fd);
    return Status::kError;
  }
  uint64_t size = 0;
  if (!SizeOf(fd, st, &size)) {
    SetSystemError(err, errno, "ioctl", path);
    close(fd);
    return Status::kError;
  }
  fd_.store(fd, std::memory_order_release);
  Status status = Map(size, err);
  if (status != Status::kOk) Close();
  return status;
}

Status MappedFile::Map(uint64_t size, Error* err) {
  std::shared_ptr<Mapping> mapping;
  if (size > 0) {
    void* base = mmap(nullptr, size, PROT_READ, MAP_SHARED, static_cast<int>(fd_.load()), 0);
    if (base == MAP_FAILED) {
      SetSystemError(err, errno, "mmap", path_);
      return Status::kError;
    }
    mapping = std::make_shared<Mapping>(static_cast<const uint8_t*>(base), size);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  mapping_ = std::move(mapping);
  size_ = size;
  resident_.Reset(size, static_cast<unsigned>(__builtin_ctzll(static_cast<uint64_t>(sysconf(_SC_PAGESIZE)))));
  advice_ = Advice::kNormal;  // a new mapping starts with the default advice
  return Status::kOk;
}

bool MappedFile::QueryResidency(const Mapping& mapping, uint64_t first, uint64_t last) {
  const unsigned shift = resident_.page_shift();
  const uint64_t group_pages = ResidentPages::kGroupPages;
  // Only the read's own pages: mincore's cost grows with the range (here 3-5
  // µs for 2 pages, 9-10 µs for a whole 64-page group, measured on a 1 GiB
  // file), and a cold 4 KiB read that then takes pread waits ~50 µs in all,
  // so asking for the whole group cost it ~10% against plain pread. The
  // answer is merged into the table (pages outside the range keep what was
  // known), in calls of up to 1,024 pages.
  constexpr uint64_t kPagesPerCall = 1024;
  unsigned char vec[kPagesPerCall];
  bool all = true;
  for (uint64_t p0 = first; p0 <= last; p0 += kPagesPerCall) {
    uint64_t p1 = std::min(last + 1, p0 + kPagesPerCall);
    uint8_t* at = const_cast<uint8_t*>(mapping.base()) + (p0 << shift);
#ifdef __APPLE__
    if (mincore(at, (p1 - p0) << shift, reinterpret_cast<char*>(vec)) != 0) return true;  // cannot tell: the mapping
#else
    if (mincore(at, (p1 - p0) << shift, vec) != 0) return true;  // cannot tell: the mapping
#endif
    for (uint64_t g = p0 / group_pages; g * group_pages < p1; g++) {
      uint64_t lo = std::max(p0, g * group_pages);
      uint64_t hi = std::min(p1, (g + 1) * group_pages);
      uint64_t mask = 0;
      uint64_t bits = 0;
      for (uint64_t p = lo; p < hi; p++) {
        mask |= uint64_t{1} << (p - g * group_pages);
        bits |= static_cast<uint64_t>(vec[p - p0] & 1) << (p - g * group_pages);
        all = all && (vec[p - p0] & 1);
      }
      resident_.Merge(g, mask, bits);
    }
  }
  return all;
}

Status MappedFile::PreadAt(uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) const {
  return ReadFully(static_cast<int>(fd_.load()), path_, offset, target, length, got, err);
}

Status MapPrivateCopy(const uint8_t* data, size_t length, std::shared_ptr<Mapping>* out, Error* err) {
  out->reset();
  if (length == 0) return Status::kOk;
  void* base = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED) {
    SetSystemError(err, errno, "mmap", "(private copy)");
    return Status::kError;
  }
  memcpy(base, data, length);
  auto mapping = std::make_shared<Mapping>(static_cast<const uint8_t*>(base), length);
  if (mprotect(base, length, PROT_READ) != 0) {
    SetSystemError(err, errno, "mprotect", "(private copy)");
    return Status::kError;
  }
  *out = std::move(mapping);
  return Status::kOk;
}

Status MappedFile::OpenReader(std::unique_ptr<FileReader>* reader, Error* err) const {
  // Under the mutex: Close() cannot close (and the process reuse) the
  // descriptor between the check and the dup.
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed()) return ClosedError(err);
  int fd = fcntl(static_cast<int>(fd_.load()), F_DUPFD_CLOEXEC, 0);
  if (fd < 0) {
    SetSystemError(err, errno, "dup", path_);
    return Status::kError;
  }
  reader->reset(new FileReader(fd, path_));
  return Status::kOk;
}

FileReader::~FileReader() { close(static_cast<int>(fd_)); }

Status FileReader::ReadAt(uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) const {
  return ReadFully(static_cast<int>(fd_), path_, offset, target, length, got, err);
}

Status MappedFile::CurrentSize(uint64_t* size, Error* err) const {
  struct stat st;
  if (fstat(static_cast<int>(fd_.load()), &st) != 0) {
    SetSystemError(err, errno, "fstat", path_);
    return Status::kError;
  }
  if (!SizeOf(static_cast<int>(fd_.load()), st, size)) {
    SetSystemError(err, errno, "ioctl", path_);
    return Status::kError;
  }
  return Status::kOk;
}

Status MappedFile::Refresh(uint64_t* size, Error* err) {
  if (closed()) return ClosedError(err);
  struct stat st;
  if (fstat(static_cast<int>(fd_.load()), &st) != 0) {
    SetSystemError(err, errno, "fstat", path_);
    return Status::kError;
  }
  uint64_t now = 0;
  if (!SizeOf(static_cast<int>(fd_.load()), st, &now)) {
    SetSystemError(err, errno, "ioctl", path_);
    return Status::kError;
  }
  if (now != size_) {
    Status status = Map(now, err);
    if (status != Status::kOk) return status;
  }
  *size = now;
  return Status::kOk;
}

Status MappedFile::Advise(Advice advice, Error* err) {
  if (closed()) return ClosedError(err);
  const Mapping* mapping = mapping_.get();
  if (mapping == nullptr) return Status::kOk;
  int how = MADV_NORMAL;
  switch (advice) {
    case Advice::kNormal: how = MADV_NORMAL; break;
    case Advice::kRandom: how = MADV_RANDOM; break;
    case Advice::kSequential: how = MADV_SEQUENTIAL; break;
    case Advice::kWillNeed: how = MADV_WILLNEED; break;
  }
  if (madvise(const_cast<uint8_t*>(mapping->base()), mapping->length(), how) != 0) {
    SetSystemError(err, errno, "madvise", path_);
    return Status::kError;
  }
  if (advice != Advice::kWillNeed) advice_ = advice;
  return Status::kOk;
}

Status MappedFile::Residency(uint64_t offset, uint64_t length, double* fraction, Error* err) {
  *fraction = 0;
  if (closed()) return ClosedError(err);
  const Mapping* mapping = mapping_.get();
  if (mapping == nullptr || offset >= mapping->length() || length == 0) return Status::kOk;
  const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  uint64_t end = std::min<uint64_t>(mapping->length(), offset + length);
  uint64_t first = offset / page * page;
  uint64_t pages_total = (end - first + page - 1) / page;
  uint64_t resident = 0;
  // In chunks, so a 100 GB file needs a bounded vector.
  const uint64_t chunk_pages = 1 << 16;
  std::vector<unsigned char> vec(chunk_pages);
  for (uint64_t done = 0; done < pages_total; done += chunk_pages) {
    uint64_t n = std::min(chunk_pages, pages_total - done);
    uint8_t* at = const_cast<uint8_t*>(mapping->base()) + first + done * page;
    uint64_t bytes = std::min<uint64_t>(n * page, mapping->length() - (first + done * page));
#ifdef __APPLE__
    if (mincore(at, bytes, reinterpret_cast<char*>(vec.data())) != 0) {
#else
    if (mincore(at, bytes, vec.data()) != 0) {
#endif
      SetSystemError(err, errno, "mincore", path_);
      return Status::kError;
    }
    for (uint64_t i = 0; i < n; i++) resident += vec[i] & 1;
  }
  *fraction = static_cast<double>(resident) / static_cast<double>(pages_total);
  return Status::kOk;
}

Status MappedFile::DropCache(Error* err) {
  if (closed()) return ClosedError(err);
  const Mapping* mapping = mapping_.get();
  if (mapping == nullptr) return Status::kOk;
  resident_.Forget();
  // Our own page-table entries keep pages pinned in the cache; drop them first.
  madvise(const_cast<uint8_t*>(mapping->base()), mapping->length(), MADV_DONTNEED);
#ifdef __APPLE__
  if (msync(const_cast<uint8_t*>(mapping->base()), mapping->length(), MS_INVALIDATE) != 0) {
    SetSystemError(err, errno, "msync", path_);
    return Status::kError;
  }
#else
  int rc = posix_fadvise(static_cast<int>(fd_.load()), 0, 0, POSIX_FADV_DONTNEED);
  if (rc != 0) {
    SetSystemError(err, rc, "posix_fadvise", path_);
    return Status::kError;
  }
#endif
  return Status::kOk;
}

void MappedFile::Close() {
  intptr_t fd;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    mapping_.reset();
    size_ = 0;
    fd = fd_.exchange(-1, std::memory_order_acq_rel);
  }
  if (fd >= 0) close(static_cast<int>(fd));
}

}  // namespace hugeview

#endif  // !_WIN32
