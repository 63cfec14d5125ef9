// Where a file's bytes are: the data extents between sparse holes (SEEK_DATA /
// SEEK_HOLE on Linux and macOS, FSCTL_QUERY_ALLOCATED_RANGES on Windows). A
// hole reads as zeros; a scan that knows where they are never faults them in.
// No Node-API types here.
#pragma once

#include <cstdint>
#include <memory>

#include "mapped_file.h"

namespace hugeview {

class DataExtents {
 public:
  // Extents are widened to multiples of `granularity` (a power of two), and
  // holes shorter than `min_hole` after that count as data (reading a few
  // zero pages costs less than the system calls). When the file system cannot
  // tell (no SEEK_DATA, a pipe-like file, an error), everything is data.
  DataExtents(const MappedFile& file, uint64_t granularity, uint64_t min_hole);
  ~DataExtents();

  // The first data range [*begin, *end) that ends after `at`, clipped to
  // [at, limit); *begin == *end == limit when [at, limit) is all hole. A file
  // that shrank below `limit` reports data up to `limit`, so the scan reads
  // there and gives ETRUNCATED as it would without hole skipping.
  void Next(uint64_t at, uint64_t limit, uint64_t* begin, uint64_t* end);

  // False when the file system gave no hole information (everything is data).
  bool knows_holes() const { return reader_ != nullptr; }

 private:
  // One query: the data range at or after `at` (raw, unwidened). False: none
  // up to the end of the file. Sets failed_ on an error.
  bool Query(uint64_t at, uint64_t* data, uint64_t* hole);
  bool ShrankBelow(uint64_t limit) const;

  std::unique_ptr<FileReader> reader_;
  uint64_t granularity_, min_hole_;
};

// Maps the page tables of [offset, offset + length) of a mapping in one call
// (MADV_POPULATE_READ, Linux 5.14+) rather than a fault per 16 pages, which
// costs more than a scan of a warm file; elsewhere a read-ahead hint. For data
// ranges only: on a hole it would fill the page cache with zero pages.
void PrefaultData(const Mapping& mapping, uint64_t offset, uint64_t length);

}  // namespace hugeview
