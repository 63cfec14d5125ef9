// MappedFile on Windows: CreateFileW / CreateFileMappingW / MapViewOfFile.
// The fault guard for reads of the mapping is in fault_guard_win.cc.
// Written to the documented APIs; CI compiles it with mingw-w64 as a check.
#ifdef _WIN32

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <string.h>

#include <algorithm>
#include <vector>

#include "mapped_file.h"

namespace hugeview {
namespace {

std::wstring Widen(const std::string& utf8) {
  int n = MultiByteToWideChar(CP_UTF8, 0, utf8.c_str(), -1, nullptr, 0);
  std::wstring wide(n > 0 ? n - 1 : 0, L'\0');
  if (n > 1) MultiByteToWideChar(CP_UTF8, 0, utf8.c_str(), -1, &wide[0], n);
  return wide;
}

const char* WinErrorName(DWORD e) {
  switch (e) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_NAME: return "ENOENT";
    case ERROR_ACCESS_DENIED: return "EACCES";
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION: return "EBUSY";
    case ERROR_TOO_MANY_OPEN_FILES: return "EMFILE";
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_COMMITMENT_LIMIT: return "ENOMEM";
    case ERROR_FILE_INVALID: return "ETRUNCATED";
    default: return "EIO";
  }
}

void SetWinError(Error* err, DWORD e, const char* syscall, const std::string& path) {
  err->code = WinErrorName(e);
  err->syscall = syscall;
  err->sys_errno = static_cast<int>(e);
  err->message = err->code + ": Windows error " + std::to_string(e) + ", " + syscall + " '" + path + "'";
}

// ReadFile at an offset until `length` bytes or the end of the file: the
// mapping's pread branch and the workers' FileReader read the same way.
Status ReadFully(HANDLE handle, const std::string& path, uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) {
  *got = 0;
  while (*got < length) {
    OVERLAPPED at = {};
    uint64_t position = offset + *got;
    at.Offset = static_cast<DWORD>(position & 0xffffffffu);
    at.OffsetHigh = static_cast<DWORD>(position >> 32);
    DWORD want = static_cast<DWORD>(std::min<size_t>(length - *got, 1u << 30));
    DWORD n = 0;
    if (!ReadFile(handle, target + *got, want, &n, &at)) {
      DWORD error = GetLastError();
      if (error == ERROR_HANDLE_EOF) break;
      SetWinError(err, error, "pread", path);
      return Status::kError;
    }
    if (n == 0) break;
    *got += n;
  }
  return Status::kOk;
}

}  // namespace

void SetSystemError(Error* err, int sys_errno, const char* syscall, const std::string& path) {
  SetWinError(err, static_cast<DWORD>(sys_errno), syscall, path);
}

Mapping::~Mapping() {
  if (base_ != nullptr) UnmapViewOfFile(base_);
}

void Mapping::WillNeed(uint64_t offset, uint64_t length) const {
  if (base_ == nullptr || offset >= length_) return;
  WIN32_MEMORY_RANGE_ENTRY range;
  range.VirtualAddress = const_cast<uint8_t*>(base_) + offset;
  range.NumberOfBytes = static_cast<SIZE_T>(std::min<uint64_t>(length, length_ - offset));
  PrefetchVirtualMemory(GetCurrentProcess(), 1, &range, 0);
}

MappedFile::~MappedFile() { Close(); }

Status MappedFile::Open(const std::string& path, Error* err) {
  InstallFaultGuard();
  path_ = path;
  std::wstring wide = Widen(path);
  DWORD attributes = GetFileAttributesW(wide.c_str());
  if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY)) {
    err->code = "EISDIR";
    err->syscall = "open";
    err->message = "EISDIR: illegal operation on a directory, open '" + path + "'";
    return Status::kError;
  }
  // FILE_SHARE_DELETE | FILE_SHARE_WRITE: a viewer must not stop log writers
  // from appending or rotating the file.
  HANDLE file = CreateFileW(wide.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                            nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
  if (file == INVALID_HANDLE_VALUE) {
    SetWinError(err, GetLastError(), "open", path);
    return Status::kError;
  }
  if (GetFileType(file) != FILE_TYPE_DISK) {
    err->code = "ENOTREG";
    err->syscall = "open";
    err->message = "ENOTREG: '" + path + "' is not a regular file; only regular files can be viewed";
    CloseHandle(file);
    return Status::kError;
  }
  fd_.store(reinterpret_cast<intptr_t>(file), std::memory_order_release);
  LARGE_INTEGER size;
  if (!GetFileSizeEx(file, &size)) {
    SetWinError(err, GetLastError(), "fstat", path);
    Close();
    return Status::kError;
  }
  Status status = Map(static_cast<uint64_t>(size.QuadPart), err);
  if (status != Status::kOk) Close();
  return status;
}

Status MappedFile::Map(uint64_t size, Error* err) {
  std::shared_ptr<Mapping> mapping;
  if (size > 0) {
    HANDLE file = reinterpret_cast<HANDLE>(fd_.load());
    HANDLE section = CreateFileMappingW(file, nullptr, PAGE_READONLY, static_cast<DWORD>(size >> 32),
                                        static_cast<DWORD>(size & 0xffffffffu), nullptr);
    if (section == nullptr) {
      SetWinError(err, GetLastError(), "mmap", path_);
      return Status::kError;
    }
    void* base = MapViewOfFile(section, FILE_MAP_READ, 0, 0, static_cast<SIZE_T>(size));
    DWORD error = GetLastError();
    CloseHandle(section);  // the view keeps the section alive
    if (base == nullptr) {
      SetWinError(err, error, "mmap", path_);
      return Status::kError;
    }
    mapping = std::make_shared<Mapping>(static_cast<const uint8_t*>(base), size);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  mapping_ = std::move(mapping);
  size_ = size;
  return Status::kOk;
}

Status MapPrivateCopy(const uint8_t* data, size_t length, std::shared_ptr<Mapping>* out, Error* err) {
  out->reset();
  if (length == 0) return Status::kOk;
  // A view of a pagefile-backed section, so ~Mapping's UnmapViewOfFile frees it.
  uint64_t size = length;
  HANDLE section = CreateFileMappingW(INVALID_HANDLE_VALUE, nullptr, PAGE_READWRITE, static_cast<DWORD>(size >> 32),
                                      static_cast<DWORD>(size & 0xffffffffu), nullptr);
  if (section == nullptr) {
    SetWinError(err, GetLastError(), "mmap", "(private copy)");
    return Status::kError;
  }
  void* base = MapViewOfFile(section, FILE_MAP_WRITE, 0, 0, length);
  DWORD error = GetLastError();
  CloseHandle(section);
  if (base == nullptr) {
    SetWinError(err, error, "mmap", "(private copy)");
    return Status::kError;
  }
  memcpy(base, data, length);
  auto mapping = std::make_shared<Mapping>(static_cast<const uint8_t*>(base), length);
  DWORD old_protect = 0;
  if (!VirtualProtect(base, length, PAGE_READONLY, &old_protect)) {
    SetWinError(err, GetLastError(), "mprotect", "(private copy)");
    return Status::kError;
  }
  *out = std::move(mapping);
  return Status::kOk;
}

Status MappedFile::OpenReader(std::unique_ptr<FileReader>* reader, Error* err) const {
  // Under the mutex: Close() cannot close the handle between the check and the dup.
  std::lock_guard<std::mutex> lock(mutex_);
  if (closed()) return ClosedError(err);
  HANDLE copy = nullptr;
  if (!DuplicateHandle(GetCurrentProcess(), reinterpret_cast<HANDLE>(fd_.load()), GetCurrentProcess(), &copy, 0, FALSE,
                       DUPLICATE_SAME_ACCESS)) {
    SetWinError(err, GetLastError(), "dup", path_);
    return Status::kError;
  }
  reader->reset(new FileReader(reinterpret_cast<intptr_t>(copy), path_));
  return Status::kOk;
}

FileReader::~FileReader() { CloseHandle(reinterpret_cast<HANDLE>(fd_)); }

Status FileReader::ReadAt(uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) const {
  return ReadFully(reinterpret_cast<HANDLE>(fd_), path_, offset, target, length, got, err);
}

// Windows has no cheap per-page residency query for a file's standby cache
// (QueryWorkingSetEx sees only this process's working set), so the read
// keeps the mapping here, as before.
bool MappedFile::QueryResidency(const Mapping&, uint64_t, uint64_t) { return true; }

Status MappedFile::PreadAt(uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) const {
  return ReadFully(reinterpret_cast<HANDLE>(fd_.load()), path_, offset, target, length, got, err);
}

// Windows refuses to shrink a file with a mapped view (ERROR_USER_MAPPED_FILE),
// so this rarely differs from size_; kept for the same semantics as POSIX.
Status MappedFile::CurrentSize(uint64_t* size, Error* err) const {
  LARGE_INTEGER now;
  if (!GetFileSizeEx(reinterpret_cast<HANDLE>(fd_.load()), &now)) {
    SetWinError(err, GetLastError(), "fstat", path_);
    return Status::kError;
  }
  *size = static_cast<uint64_t>(now.QuadPart);
  return Status::kOk;
}

Status MappedFile::Refresh(uint64_t* size, Error* err) {
  if (closed()) return ClosedError(err);
  LARGE_INTEGER now;
  if (!GetFileSizeEx(reinterpret_cast<HANDLE>(fd_.load()), &now)) {
    SetWinError(err, GetLastError(), "fstat", path_);
    return Status::kError;
  }
  if (static_cast<uint64_t>(now.QuadPart) != size_) {
    Status status = Map(static_cast<uint64_t>(now.QuadPart), err);
    if (status != Status::kOk) return status;
  }
  *size = static_cast<uint64_t>(now.QuadPart);
  return Status::kOk;
}

Status MappedFile::Advise(Advice advice, Error* err) {
  if (closed()) return ClosedError(err);
  const Mapping* mapping = mapping_.get();
  if (mapping == nullptr || advice != Advice::kWillNeed) return Status::kOk;  // only WILLNEED has an API
  WIN32_MEMORY_RANGE_ENTRY range;
  range.VirtualAddress = const_cast<uint8_t*>(mapping->base());
  range.NumberOfBytes = static_cast<SIZE_T>(mapping->length());
  if (!PrefetchVirtualMemory(GetCurrentProcess(), 1, &range, 0)) {
    SetWinError(err, GetLastError(), "madvise", path_);
    return Status::kError;
  }
  return Status::kOk;
}

Status MappedFile::Residency(uint64_t, uint64_t, double* fraction, Error* err) {
  *fraction = -1;  // Windows has no mincore; the caller reports "unknown"
  if (closed()) return ClosedError(err);
  return Status::kOk;
}

Status MappedFile::DropCache(Error* err) {
  if (closed()) return ClosedError(err);
  err->code = "ENOTSUP";
  err->syscall = "dropCache";
  err->message = "ENOTSUP: Windows cannot drop one file's pages from the cache without administrator rights";
  return Status::kError;
}

void MappedFile::Close() {
  intptr_t handle;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    mapping_.reset();
    size_ = 0;
    handle = fd_.exchange(-1, std::memory_order_acq_rel);
  }
  if (handle != -1) CloseHandle(reinterpret_cast<HANDLE>(handle));
}

}  // namespace hugeview

#endif  // _WIN32
