// The memory-mapped file core. No Node-API types here: plain C++ values, a
// Status, and an error (errno name + message) for the binding to turn into a
// JavaScript Error. Only binding.cc and jobs.cc know about JavaScript.
#pragma once

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace hugeview {

enum class Status {
  kOk,
  kError,      // a system call failed; Error::code holds the errno name
  kFault,      // a page vanished under a guarded copy (file truncated)
  kClosed,     // the file was closed
};

struct Error {
  std::string code;     // "ENOENT", "EISDIR", "ENOTREG", "ETRUNCATED", ...
  std::string syscall;  // "open", "fstat", "mmap", ...
  std::string message;  // human readable, names the path
  int sys_errno = 0;
};

enum class Advice { kNormal, kRandom, kSequential, kWillNeed };

// Copies under the fault guard. Returns false when a page in
// [src, src+length) could not be read (SIGBUS / EXCEPTION_IN_PAGE_ERROR).
bool GuardedCopy(void* target, const void* src, size_t length);

// One mapping of a file. Shared by the MappedFile that owns it and any
// background work (line index, search) still reading it, so a remap or a
// close never unmaps pages under a reader: the last owner unmaps.
class Mapping {
 public:
  Mapping(const uint8_t* base, uint64_t length) : base_(base), length_(length) {}
  ~Mapping();
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  const uint8_t* base() const { return base_; }
  uint64_t length() const { return length_; }
  // Starts reading [offset, offset+length) into the page cache ahead of a scan
  // (madvise WILLNEED / PrefetchVirtualMemory); a hint, failures are ignored.
  void WillNeed(uint64_t offset, uint64_t length) const;

 private:
  const uint8_t* base_;
  uint64_t length_;
};

// pread on its own duplicate of a MappedFile's descriptor; safe from any thread.
class FileReader {
 public:
  FileReader(intptr_t fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  // Short at the end of the file.
  Status ReadAt(uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) const;
  // The descriptor (a POSIX fd or a Windows HANDLE), for queries such as SEEK_DATA (holes.cc).
  intptr_t handle() const { return fd_; }

 private:
  intptr_t fd_;
  std::string path_;
};

// What the adaptive read has seen of the page cache: for each group of 64
// pages of the file, the pages mincore found resident, trusted for one epoch
// (a new epoch begins every second, and on a cache drop or a remap). A small
// direct-mapped table, sized to the file up to 64 Ki groups (16 GiB of 4 KiB
// pages): a miss only costs one more mincore.
class ResidentPages {
 public:
  static constexpr unsigned kGroupPages = 64;
  void Reset(uint64_t file_size, unsigned page_shift);
  void Forget() {
    epoch_++;
    run_begin_ = run_end_ = 0;
  }
  // True when bytes [begin, end) lie in the run of resident pages Known()
  // last found around a read this epoch: two compares, where Known() looks
  // up the table (a hot 16-byte read stays in one run for good).
  bool InKnownRun(uint64_t begin, uint64_t end) const { return begin >= run_begin_ && end <= run_end_; }
  unsigned page_shift() const { return page_shift_; }
  // True when every page in [first, last] was seen resident this epoch.
  bool Known(uint64_t first, uint64_t last) const {
    uint64_t group = first / kGroupPages;
    if (group == last / kGroupPages) {  // the common case, kept to a few instructions
      const Slot& slot = slots_[group & mask_];
      uint64_t want = ((2ull << (last % kGroupPages)) - 1) & (~0ull << (first % kGroupPages));
      bool known = slot.group == group && slot.epoch == epoch_ && (slot.bits & want) == want;
      if (known) {
        // Remember the run of resident pages around this read, so the next
        // reads inside it skip the table (a hot window of 16 resident pages
        // in a group of 64 is such a run).
        unsigned f = first % kGroupPages, l = last % kGroupPages;
        uint64_t above = ~slot.bits >> l;         // bit 0: page l (resident)
        uint64_t below = ~slot.bits << (63 - f);  // bit 63: page f (resident)
        unsigned hi = above == 0 ? 63 : l + __builtin_ctzll(above) - 1;
        unsigned lo = below == 0 ? 0 : f - __builtin_clzll(below) + 1;
        uint64_t base = group * kGroupPages;
        run_begin_ = (base + lo) << page_shift_;
        run_end_ = (base + hi + 1) << page_shift_;
      }
      return known;
    }
    for (; group <= last / kGroupPages; group++) {
      const Slot& slot = slots_[group & mask_];
      if (slot.epoch != epoch_ || slot.group != group) return false;
      uint64_t want = Bits(group, first, last);
      if ((slot.bits & want) != want) return false;
    }
    return true;
  }
  // Records a mincore answer (bit i = page group*64+i resident), or adds pages just read.
  void Record(uint64_t group, uint64_t bits);
  // Records a mincore answer for the pages in `mask` of `group`, keeping what this epoch knew of the others.
  void Merge(uint64_t group, uint64_t mask, uint64_t bits);
  void Add(uint64_t first, uint64_t last);
  // Starts a new epoch when the current one is older than a second.
  void ExpireIfOld();

 private:
  struct Slot {
    uint64_t group = 0;
    uint64_t bits = 0;
    uint32_t epoch = 0;
  };
  // The bits of pages [first, last] within `group`.
  static uint64_t Bits(uint64_t group, uint64_t first, uint64_t last) {
    uint64_t lo = group * kGroupPages > first ? 0 : first - group * kGroupPages;
    uint64_t hi = std::min<uint64_t>(kGroupPages - 1, last - group * kGroupPages);
    return ((2ull << hi) - 1) & (~0ull << lo);  // 2 << 63 wraps to 0: all 64 bits
  }
  std::unique_ptr<Slot[]> slots_{new Slot[1]};
  uint64_t mask_ = 0;
  uint32_t epoch_ = 1;
  // The bytes of the run of resident pages Known() last found around a read (empty after Forget or Record).
  mutable uint64_t run_begin_ = 0;
  mutable uint64_t run_end_ = 0;
  int64_t epoch_started_ms_ = 0;
  unsigned page_shift_ = 12;
};

// How many read() calls took each way (for tests and the benchmark report).
struct ReadCounts {
  uint64_t mapping = 0;
  uint64_t pread = 0;
};

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // Opens `path` read-only and maps all of it. A 0-byte file opens with no
  // mapping. A block device opens too (its size from the device); anything
  // else that is not a regular file is refused (EISDIR, ENOTREG).
  Status Open(const std::string& path, Error* err);

  // Copies up to `length` bytes at `offset` into `target`, the faster way for
  // this read: out of the mapping (under the fault guard) when its pages are
  // in the page cache, else with one pread, which asks the disk for the whole
  // range at once where a mapping would fault it in page by page. `*copied`
  // is short at the end of the mapping and 0 past it; a file that shrank
  // gives ETRUNCATED either way.
  // Inline, so the binding's fast read function decides without a call.
  Status Read(uint64_t offset, uint8_t* target, size_t length, size_t* copied, Error* err) {
    *copied = 0;
    if (closed()) return ClosedError(err);
    // Only the JS thread remaps, and reads run on the JS thread: no lock needed
    // to look at mapping_ here (background readers take their own reference).
    const Mapping* mapping = mapping_.get();
    if (mapping == nullptr || offset >= mapping->length() || length == 0) return Status::kOk;
    size_t n = static_cast<size_t>(std::min<uint64_t>(length, mapping->length() - offset));
    const unsigned shift = resident_.page_shift();
    uint64_t first = offset >> shift;
    uint64_t last = (offset + n - 1) >> shift;
    // Pages seen resident this epoch: the mapping, decided in a few
    // instructions. The clock is read (PagesResident) only every 64th read, or
    // for a read of 16 pages and more, where a stale answer costs most; a hot
    // 16-byte read must not pay for it.
    if ((++reads_ & 63) != 0 && last - first < 15 && resident_.Known(first, last)) {
      last_end_ = offset + n;
      return CopyMapped(*mapping, offset, target, n, copied, err);
    }
    return ReadChoosing(*mapping, offset, target, n, first, last, copied, err);
  }

  // The fast path of Read() (kAdaptive) and ReadMapped(), for the binding to
  // try first: copies the range out of the mapping when the file is open, the
  // range starts inside the mapping and (kAdaptive) its pages are known
  // resident; true with `*copied` set when the copy is done and sure. False
  // when it is not: the caller then calls Read()/ReadMapped(), which decides,
  // and reports errors, in full. Nothing here builds an Error (three strings)
  // or makes an out-of-line call but the guarded copy: on a hot 16-byte read
  // those cost ~4 ns of ~60 (measured).
  template <bool kAdaptive>
  bool TryReadResident(uint64_t offset, uint8_t* target, size_t length, size_t* copied) {
    if (closed()) return false;
    const Mapping* mapping = mapping_.get();
    if (mapping == nullptr || offset >= mapping->length() || length == 0) return false;
    size_t n = static_cast<size_t>(std::min<uint64_t>(length, mapping->length() - offset));
    if (kAdaptive) {
      // As in Read(): every 64th read, and reads of 16 pages and more, take the full choice.
      const unsigned shift = resident_.page_shift();
      uint64_t first = offset >> shift;
      uint64_t last = (offset + n - 1) >> shift;
      if (((reads_ + 1) & 63) == 0 || last - first >= 15) return false;
      if (!resident_.InKnownRun(offset, offset + n) && !resident_.Known(first, last)) return false;
    }
    if (!GuardedCopy(target, mapping->base() + offset, n)) return false;  // Read() reports ETRUNCATED
    // A last byte of zero may be a shrunk file's zero fill (see CopyMapped): Read() asks the size.
    if (target[n - 1] == 0) return false;
    if (kAdaptive) {  // counted only here: a false return leaves the read to Read(), which counts it
      ++reads_;
      last_end_ = offset + n;
    }
    *copied = n;
    return true;
  }

  // Read() through the mapping only (the benchmark's mmap column).
  Status ReadMapped(uint64_t offset, uint8_t* target, size_t length, size_t* copied, Error* err);

  ReadCounts read_counts() const { return ReadCounts{reads_ - preads_, preads_}; }

  // Folds `count` records of `record_bytes` at `offsets` (the sum of each
  // record's 8-byte words xor-ed together, tail bytes included) without
  // copying them anywhere: in place in the mapping (one fault guard around
  // the whole loop), or pread into a stack buffer record by record. The
  // seed's zero-copy case; EINVAL for a record past the end of the mapping.
  enum class FoldVia { kMapping, kPread };
  static constexpr size_t kMaxFoldRecord = 4096;
  Status FoldRecords(const double* offsets, size_t count, size_t record_bytes, FoldVia via, uint64_t* fold, Error* err);

  // An independent handle (dup) on the same open file, for a background reader
  // that must not be cut off, or read a reused descriptor, when close() runs.
  Status OpenReader(std::unique_ptr<class FileReader>* reader, Error* err) const;

  // Re-reads the size; remaps when it changed. `*size` is the new size.
  Status Refresh(uint64_t* size, Error* err);

  Status Advise(Advice advice, Error* err);

  // Fraction (0..1) of the pages of [offset, offset+length) in the page cache.
  Status Residency(uint64_t offset, uint64_t length, double* fraction, Error* err);

  // Asks the kernel to drop this file's clean pages from the page cache.
  Status DropCache(Error* err);

  void Close();

  // Safe from any thread: Close() clears the descriptor atomically, under the
  // mutex, so a background job sees either the open file or "closed".
  bool closed() const { return fd_.load(std::memory_order_acquire) == -1; }
  uint64_t size() const;
  const std::string& path() const { return path_; }

  // The current mapping, kept alive for as long as the caller holds it.
  std::shared_ptr<Mapping> mapping() const;

  // The current mapping for a background job, or kClosed (ECLOSED) when the
  // file was closed before the job started: a closed file has no bytes, and
  // a job must not mistake that for an empty file.
  Status MappingForJob(std::shared_ptr<Mapping>* mapping, Error* err) const;

  // ECLOSED for a job that saw the file closed while it ran.
  Status ClosedError(Error* err) const;

 private:
  Status Map(uint64_t size, Error* err);
  // True when pages [first, last] are in the page cache, as far as the last
  // mincore of their group says (within the epoch); asks again when unknown.
  // Always true where the OS cannot tell (Windows keeps the mapping).
  bool PagesResident(const Mapping& mapping, uint64_t first, uint64_t last);
  // Asks the kernel (mincore) about the groups of pages [first, last]; true when all are resident.
  bool QueryResidency(const Mapping& mapping, uint64_t first, uint64_t last);
  // pread on the file's own descriptor; short only at the end of the file.
  Status PreadAt(uint64_t offset, uint8_t* target, size_t length, size_t* got, Error* err) const;
  Status ReadByPread(uint64_t offset, uint8_t* target, size_t length, size_t* copied, Error* err);
  // Read() past its fast path: asks about residency, picks the mapping or pread.
  Status ReadChoosing(const Mapping& mapping, uint64_t offset, uint8_t* target, size_t n, uint64_t first, uint64_t last,
                      size_t* copied, Error* err);
  // The guarded copy of ReadMapped, once the file is known open and the range inside the mapping.
  Status CopyMapped(const Mapping& mapping, uint64_t offset, uint8_t* target, size_t length, size_t* copied,
                    Error* err);
  // The file's size now (fstat / GetFileSizeEx), not as of the last refresh.
  Status CurrentSize(uint64_t* size, Error* err) const;

  std::string path_;
  // A POSIX fd, or a Windows HANDLE; -1 once closed. Written only under
  // mutex_ (Close swaps it to -1 there, OpenReader dups it there), read
  // lock-free by closed() on the hot read path.
  std::atomic<intptr_t> fd_{-1};
  mutable std::mutex mutex_;  // guards mapping_ swaps and fd_ against background readers
  std::shared_ptr<Mapping> mapping_;
  uint64_t size_ = 0;
  // Touched only by Read() on the JS thread, and reset by Map() and DropCache().
  ResidentPages resident_;
  Advice advice_ = Advice::kNormal;  // the mapping's, as last advised
  uint64_t last_end_ = UINT64_MAX;    // where the last read() ended
  uint64_t reads_ = 0;                // read() calls that reached the choice
  uint64_t preads_ = 0;  // of which took pread
};

// A private, read-only copy of `length` bytes in anonymous memory (no file
// behind it, so no other process can truncate it). The benchmark measures the
// fault guard's cost on it: an unguarded copy out of a mapped *file* can die
// of SIGBUS when the file shrinks, and must never run in the extension host.
Status MapPrivateCopy(const uint8_t* data, size_t length, std::shared_ptr<Mapping>* out, Error* err);

// Copies up to `length` bytes at `offset` of `mapping` (short at its end, 0
// past it): under the fault guard, or (private copies only) without it.
// kFault when a guarded copy hit a vanished page.
Status CopyFromMapping(const Mapping* mapping, uint64_t offset, uint8_t* target, size_t length, bool guarded,
                       size_t* copied);

// Runs fn(context) under the fault guard for reads of [begin, begin+length)
// (e.g. scanning a mapping in place). Returns false when such a read faulted;
// fn must then be treated as interrupted at any point (no locks, no allocation
// inside it).
bool GuardedCall(const void* begin, size_t length, void (*fn)(void* context), void* context);

// Installs the fault handler once per process (chaining to the one before).
void InstallFaultGuard();

// ETRUNCATED: `path` shrank `when` ("while open", "during the search", ...)
// and the bytes at `offset` are gone. Returns kFault.
Status TruncatedError(Error* err, const std::string& path, const char* when, uint64_t offset);

// Fills `err` from a system error number and a path.
void SetSystemError(Error* err, int sys_errno, const char* syscall, const std::string& path);

}  // namespace hugeview
