// Times the search kernels over a memory-mapped file, the way the addon runs
// them: through ScanRange (native/scan.cc), the search job's own chunk loop.
// Built and run by bench/search-kernel.mjs; prints one JSON object per case.
//   search_kernel_bench [--impl auto|avx2|sse2|scalar] [--runs N] <file> <case>...
//   case: lit:<text> | ci:<text> | hex:<75 70 ?? 74 72> | count:<byte as decimal> | nth:<byte>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "../native/mapped_file.h"
#include "../native/scan.h"
#include "../native/search.h"

namespace {

using hugeview::SearchPattern;
namespace detail = hugeview::search_detail;
constexpr size_t kChunk = 1 << 20;

struct Mapped {
  std::unique_ptr<hugeview::MappedFile> file;
  const uint8_t* data = nullptr;
  size_t size = 0;
};

Mapped Map(const char* path) {
  Mapped m;
  m.file.reset(new hugeview::MappedFile());
  hugeview::Error err;
  if (m.file->Open(path, &err) != hugeview::Status::kOk || m.file->Advise(hugeview::Advice::kSequential, &err) != hugeview::Status::kOk) {
    fprintf(stderr, "%s\n", err.message.c_str()), exit(2);
  }
  std::shared_ptr<hugeview::Mapping> mapping = m.file->mapping();  // the file keeps it alive
  m.data = mapping->base();
  m.size = static_cast<size_t>(mapping->length());
  return m;
}

bool ParsePattern(const std::string& spec, SearchPattern* p) {
  size_t colon = spec.find(':');
  if (colon == std::string::npos) return false;
  std::string kind = spec.substr(0, colon), arg = spec.substr(colon + 1);
  if (kind == "lit" || kind == "ci") {
    p->bytes.assign(arg.begin(), arg.end());
    p->ascii_case_insensitive = kind == "ci";
    return true;
  }
  if (kind != "hex") return false;
  for (size_t i = 0; i < arg.size();) {
    if (arg[i] == ' ') { ++i; continue; }
    std::string two = arg.substr(i, 2);
    bool wild = two == "??";
    p->bytes.push_back(wild ? 0 : static_cast<uint8_t>(strtoul(two.c_str(), nullptr, 16)));
    p->mask.push_back(wild ? 0x00 : 0xFF);
    i += 2;
  }
  return true;
}

// One pass over the whole mapping; returns the match (or byte) count.
uint64_t Pass(const std::string& spec, const hugeview::Searcher& searcher, const Mapped& m) {
  if (spec.rfind("count:", 0) == 0) {
    uint8_t byte = static_cast<uint8_t>(atoi(spec.c_str() + 6));
    uint64_t total = 0;
    for (size_t at = 0; at < m.size; at += kChunk) total += hugeview::CountByte(m.data + at, std::min(kChunk, m.size - at), byte);
    return total;
  }
  if (spec.rfind("nth:", 0) == 0) {  // the last occurrence, found from the start
    uint8_t byte = static_cast<uint8_t>(atoi(spec.c_str() + 4));
    uint64_t found = 0;
    hugeview::FindNth(m.data, m.size, byte, ~uint64_t{0}, &found);
    return found;
  }
  hugeview::ScanRangeSpec range;
  range.to = m.size;
  std::atomic<bool> cancel{false};
  hugeview::ScanProgress result;
  hugeview::Error err;
  // Batches are dropped as the search job sends them (matches are not kept
  // past a batch, as in the addon, where they cross to JavaScript).
  auto drop = [](const hugeview::ScanProgress&) {};
  if (hugeview::ScanRange(*m.file, searcher, range, cancel, drop, &result, &err) != hugeview::Status::kOk) {
    fprintf(stderr, "%s\n", err.message.c_str()), exit(2);
  }
  return result.count;
}

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  int arg = 1;
  for (; arg + 1 < argc && argv[arg][0] == '-'; arg += 2) {
    std::string flag = argv[arg], value = argv[arg + 1];
    if (flag == "--runs") {
      runs = atoi(value.c_str());
    } else if (flag == "--impl") {
      detail::Impl impl = value == "avx2"    ? detail::Impl::kAvx2
                          : value == "sse2"  ? detail::Impl::kSse2
                          : value == "scalar" ? detail::Impl::kScalar
                                              : detail::Impl::kAuto;
      if (!detail::ForceImpl(impl)) fprintf(stderr, "--impl %s is not available here\n", value.c_str()), exit(2);
    }
  }
  if (arg >= argc) fprintf(stderr, "usage: search_kernel_bench [--impl X] [--runs N] <file> <case>...\n"), exit(2);
  Mapped kept = Map(argv[arg]);
  const size_t size = kept.size;
  if (size == 0) fprintf(stderr, "%s is empty\n", argv[arg]), exit(2);
  for (int i = arg + 1; i < argc; ++i) {
    std::string spec = argv[i];
    hugeview::Searcher searcher;
    SearchPattern pattern;
    bool kernel_only = spec.rfind("count:", 0) == 0 || spec.rfind("nth:", 0) == 0;
    std::string error;
    if (!kernel_only && (!ParsePattern(spec, &pattern) || !searcher.Init({pattern}, &error))) {
      fprintf(stderr, "bad case %s: %s\n", spec.c_str(), error.c_str());
      return 2;
    }
    // Fresh mappings pay the page faults (what a first search in a newly
    // opened file pays); the kept mapping is already faulted in.
    double fresh = 1e9, mapped = 1e9;
    uint64_t count = 0;
    for (int r = 0; r < runs; ++r) {
      Mapped m = Map(argv[arg]);  // unmapped when it goes out of scope, after the timing
      auto t0 = std::chrono::steady_clock::now();
      count = Pass(spec, searcher, m);
      fresh = std::min(fresh, Seconds(t0));
    }
    Pass(spec, searcher, kept);
    for (int r = 0; r < runs; ++r) {
      auto t0 = std::chrono::steady_clock::now();
      uint64_t again = Pass(spec, searcher, kept);
      mapped = std::min(mapped, Seconds(t0));
      if (again != count) fprintf(stderr, "count changed between runs: %llu vs %llu\n", (unsigned long long)again, (unsigned long long)count), exit(3);
    }
    printf("{\"case\":\"%s\",\"impl\":\"%s\",\"bytes\":%zu,\"count\":%llu,\"freshMapSeconds\":%.6f,\"keptMapSeconds\":%.6f}\n",
           spec.c_str(), detail::ImplName(), size, static_cast<unsigned long long>(count), fresh, mapped);
    fflush(stdout);
  }
  return 0;
}
