// Standalone test of native/search.{h,cc} against a naive reference, for every
// kernel (scalar, SSE2, AVX2 where the CPU has it). Haystacks end right before
// a PROT_NONE page, so a SIMD load past the end crashes instead of passing.
// Chunked scans run the addon's own loop (native/scan.cc) over a real file.
//   cd native && g++ -O2 -std=c++17 -march=x86-64 search.cc scan.cc mapped_file.cc mapped_file_posix.cc
//     fault_guard_posix.cc ../test/native/search_kernel_test.cc -o /tmp/t && /tmp/t
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../../native/mapped_file.h"
#include "../../native/scan.h"
#include "../../native/search.h"

using hugeview::CountByte;
using hugeview::FindNth;
using hugeview::Searcher;
using hugeview::SearchPattern;
namespace detail = hugeview::search_detail;

namespace {

int g_failures = 0;
int g_checks = 0;
std::string g_context;  // printed with a failure

#define CHECK(cond)                                                                         \
  do {                                                                                      \
    ++g_checks;                                                                             \
    if (!(cond)) {                                                                          \
      if (++g_failures <= 20)                                                               \
        fprintf(stderr, "FAIL %s:%d: %s [%s] (%s)\n", __FILE__, __LINE__, #cond,            \
                detail::ImplName(), g_context.c_str());                                     \
    }                                                                                       \
  } while (0)

// `length` bytes that end exactly where an unreadable page begins.
class GuardedBuffer {
 public:
  explicit GuardedBuffer(size_t length) : length_(length) {
    size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    mapped_ = (length + page - 1) / page * page + page;
    base_ = static_cast<uint8_t*>(mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (base_ == MAP_FAILED) abort();
    mprotect(base_ + mapped_ - page, page, PROT_NONE);
    data_ = base_ + mapped_ - page - length;
  }
  ~GuardedBuffer() { munmap(base_, mapped_); }
  GuardedBuffer(const GuardedBuffer&) = delete;
  GuardedBuffer& operator=(const GuardedBuffer&) = delete;
  uint8_t* data() { return data_; }
  size_t size() const { return length_; }

 private:
  size_t length_, mapped_;
  uint8_t* base_;
  uint8_t* data_;
};

struct Hit {
  uint64_t offset;
  uint32_t alt;
  bool operator==(const Hit& o) const { return offset == o.offset && alt == o.alt; }
};

bool MatchesAt(const SearchPattern& p, const uint8_t* s) {
  for (size_t i = 0; i < p.bytes.size(); ++i) {
    if (!p.mask.empty() && p.mask[i] == 0) continue;
    uint8_t a = s[i], b = p.bytes[i];
    bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    bool fold = p.ascii_case_insensitive || (!p.mask.empty() && p.mask[i] == 0xDF);
    if (fold && letter) {
      if ((a | 0x20) != (b | 0x20) || !((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z'))) return false;
    } else if (a != b) {
      return false;
    }
  }
  return true;
}

// Leftmost first, lowest alternative on a tie, non-overlapping.
std::vector<Hit> Reference(const std::vector<SearchPattern>& alts, const uint8_t* data, size_t length, size_t limit,
                           size_t resume_at) {
  std::vector<Hit> hits;
  limit = std::min(limit, length);
  for (size_t p = resume_at; p < limit;) {
    bool hit = false;
    for (uint32_t a = 0; a < alts.size() && !hit; ++a) {
      size_t n = alts[a].bytes.size();
      if (p + n <= length && MatchesAt(alts[a], data + p)) {
        hits.push_back({p, a});
        p += n;
        hit = true;
      }
    }
    if (!hit) ++p;
  }
  return hits;
}

std::vector<Hit> Run(const Searcher& s, const uint8_t* data, size_t length, size_t limit, size_t resume_at) {
  std::vector<Hit> hits;
  uint64_t n = s.Scan(data, length, limit, resume_at, [&](uint64_t offset, uint32_t alt) {
    hits.push_back({offset, alt});
    return true;
  });
  CHECK(n == hits.size());
  return hits;
}

// A temp file holding `length` bytes of `data` (or `length` zero bytes),
// opened as a MappedFile; unlinked at once unless `kept` asks for its path.
bool OpenTempFile(const uint8_t* data, size_t length, hugeview::MappedFile* file, std::string* kept = nullptr) {
  const char* tmp = getenv("TMPDIR");
  std::string path = std::string(tmp != nullptr && *tmp != 0 ? tmp : "/tmp") + "/hugeview-scan-XXXXXX";
  int fd = mkstemp(&path[0]);
  if (fd < 0) return false;
  std::vector<uint8_t> zeros(data == nullptr ? length : 0);
  const uint8_t* bytes = data == nullptr ? zeros.data() : data;
  bool ok = true;
  for (size_t done = 0; ok && done < length;) {
    ssize_t n = write(fd, bytes + done, length - done);
    ok = n > 0;
    done += ok ? static_cast<size_t>(n) : 0;
  }
  close(fd);
  hugeview::Error err;
  ok = ok && file->Open(path, &err) == hugeview::Status::kOk;
  if (kept != nullptr) *kept = path;
  else unlink(path.c_str());
  return ok;
}

// The addon's search loop (ScanRange: chunks of `body` bytes overlapped by
// max_length()-1, resume carried across, under the fault guard) over the
// data written to a real file, starts in [from, to), none before resume_at.
std::vector<Hit> RunChunked(const Searcher& s, const uint8_t* data, size_t length, size_t body, size_t from = 0,
                            size_t to = ~size_t{0}, size_t resume_at = 0) {
  std::vector<Hit> hits;
  hugeview::MappedFile file;
  CHECK(OpenTempFile(data, length, &file));
  hugeview::ScanRangeSpec range;
  range.from = from;
  range.to = std::min(to, length);
  range.resume_at = resume_at;
  range.chunk = body;
  std::atomic<bool> cancel{false};
  auto take = [&](const hugeview::ScanProgress& p) {
    for (size_t i = 0; i + 1 < p.matches.size(); i += 2) {
      hits.push_back({static_cast<uint64_t>(p.matches[i]), static_cast<uint32_t>(p.matches[i + 1])});
    }
  };
  hugeview::ScanProgress result;
  hugeview::Error err;
  CHECK(hugeview::ScanRange(file, s, range, cancel, take, &result, &err) == hugeview::Status::kOk);
  take(result);
  CHECK(result.count == hits.size());
  CHECK(result.scanned_to == std::max<uint64_t>(from, range.to));
  return hits;
}

std::string Describe(const std::vector<SearchPattern>& alts) {
  std::string out;
  for (const auto& p : alts) {
    out += "[";
    for (size_t i = 0; i < p.bytes.size(); ++i) {
      char buf[8];
      if (!p.mask.empty() && p.mask[i] == 0) snprintf(buf, sizeof buf, "??");
      else snprintf(buf, sizeof buf, "%02x", p.bytes[i]);
      out += buf;
    }
    out += p.ascii_case_insensitive ? " ci]" : "]";
  }
  return out;
}

// Compares single-pass, chunked and limited/resumed scans with the reference.
void CheckAll(const std::vector<SearchPattern>& alts, const std::vector<uint8_t>& hay, std::mt19937& rng) {
  GuardedBuffer buf(hay.size());
  if (!hay.empty()) memcpy(buf.data(), hay.data(), hay.size());
  Searcher s;
  std::string error;
  g_context = Describe(alts) + " in " + std::to_string(hay.size()) + " bytes";
  CHECK(s.Init(alts, &error));
  if (!error.empty()) return;
  const uint8_t* data = buf.data();
  size_t n = hay.size();
  std::vector<Hit> want = Reference(alts, data, n, n, 0);
  CHECK(Run(s, data, n, n, 0) == want);
  size_t body = 1 + rng() % 200;
  CHECK(RunChunked(s, data, n, body) == want);
  CHECK(RunChunked(s, data, n, 64 + rng() % 4) == want);
  size_t limit = n == 0 ? 0 : rng() % (n + 1), resume = limit == 0 ? 0 : rng() % (limit + 1);
  CHECK(Run(s, data, n, limit, resume) == Reference(alts, data, n, limit, resume));
  size_t from = resume == 0 ? 0 : rng() % (resume + 1);  // a job resumed mid-file, up to `limit`
  CHECK(RunChunked(s, data, n, 1 + rng() % 100, from, limit, resume) == Reference(alts, data, n, limit, resume));
  size_t shorter = n == 0 ? 0 : rng() % (n + 1);  // data cut short: matches must end inside it
  GuardedBuffer cut(shorter);
  if (shorter) memcpy(cut.data(), data, shorter);
  CHECK(Run(s, cut.data(), shorter, shorter, 0) == Reference(alts, cut.data(), shorter, shorter, 0));
}

std::vector<uint8_t> Bytes(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

SearchPattern Lit(const std::string& s, bool ci = false) {
  SearchPattern p;
  p.bytes = Bytes(s);
  p.ascii_case_insensitive = ci;
  return p;
}

std::vector<uint64_t> Offsets(const Searcher& s, const std::string& hay) {
  GuardedBuffer buf(hay.size());
  memcpy(buf.data(), hay.data(), hay.size());
  std::vector<uint64_t> out;
  for (const Hit& h : Run(s, buf.data(), hay.size(), hay.size(), 0)) out.push_back(h.offset);
  return out;
}

std::vector<uint64_t> Find(SearchPattern p, const std::string& hay) {
  Searcher s;
  std::string error;
  g_context = Describe({p}) + " in \"" + hay + "\"";
  CHECK(s.Init({p}, &error));
  return Offsets(s, hay);
}

using Offs = std::vector<uint64_t>;

void TestExamples() {
  CHECK(Find(Lit("aa"), "aaaa") == (Offs{0, 2}));
  CHECK(Find(Lit("aa"), "aaaaa") == (Offs{0, 2}));
  CHECK(Find(Lit("aba"), "ababababa") == (Offs{0, 4}));
  CHECK(Find(Lit("x"), "x") == (Offs{0}));
  CHECK(Find(Lit("xyz"), "xyz..........................................................xyz") == (Offs{0, 61}));
  CHECK(Find(Lit("longer than the data"), "longer than") == Offs{});
  CHECK(Find(Lit("abc"), "") == Offs{});
  // Case folding touches letters only: '@'|0x20 == '`', '['|0x20 == '{'.
  CHECK(Find(Lit("a@[", true), "A@[ a`{ A`[ a@{ a@[") == (Offs{0, 16}));
  CHECK(Find(Lit("@", true), "@`@") == (Offs{0, 2}));
  CHECK(Find(Lit("[z]", true), "{Z} [Z] {z] [z]") == (Offs{4, 12}));
  CHECK(Find(Lit("TIMEOUT", true), "upstream timeout, Timeout TIMEOUT tImEoUt") == (Offs{9, 18, 26, 34}));
  CHECK(Find(Lit("ab", true), std::string("\xc1\xc2 \xe1\xe2 Ab")) == (Offs{6}));  // 0xC1|0x20 == 0xE1 but not a letter
  std::string zero_ff("\x00\xff\x00\xff\xff\x00", 6);
  CHECK(Find(Lit(std::string("\x00\xff", 2)), zero_ff) == (Offs{0, 2}));
  CHECK(Find(Lit(std::string("\xff\x00", 2)), zero_ff) == (Offs{1, 4}));
  SearchPattern hex = Lit("up?tr");
  hex.mask = {0xFF, 0xFF, 0x00, 0xFF, 0xFF};
  CHECK(Find(hex, "upstream up\ntr upXtr uptr") == (Offs{0, 9, 15}));
  // Per-position folding (mask 0xDF): in UTF-16 LE only the low byte of an ASCII unit folds, so "a" is
  // A\0 or a\0, and "š" (61 01) never matches "Ł" (41 01) the way folding every letter byte would.
  SearchPattern unit_a = Lit(std::string("a\0", 2));
  unit_a.mask = {0xDF, 0xFF};
  CHECK(Find(unit_a, std::string("A\0a\0\x41\x01", 6)) == (Offs{0, 2}));
  SearchPattern s_caron = Lit(std::string("\x61\x01", 2));
  CHECK(Find(s_caron, std::string("\x41\x01\x61\x01", 4)) == (Offs{2}));
  SearchPattern mixed = Lit(std::string("E\0R\0", 4));
  mixed.mask = {0xDF, 0xFF, 0xFF, 0xFF};
  CHECK(Find(mixed, std::string("e\0R\0e\0r\0E\0R\0", 12)) == (Offs{0, 8}));
  SearchPattern edges = Lit("?b?");
  edges.mask = {0, 0xFF, 0};
  CHECK(Find(edges, "bbbbb") == (Offs{0}));
  CHECK(Find(edges, "bbbbbb") == (Offs{0, 3}));
  CHECK(Find(edges, "b") == Offs{});

  // Several alternatives: leftmost, lowest index on a tie, non-overlapping.
  Searcher multi;
  std::string error;
  CHECK(multi.Init({Lit("abc"), Lit("ab"), Lit("bcd")}, &error));
  CHECK(multi.max_length() == 3);
  g_context = "multi";
  CHECK(Run(multi, reinterpret_cast<const uint8_t*>("abcd abd bcd"), 12, 12, 0) ==
        (std::vector<Hit>{{0, 0}, {5, 1}, {9, 2}}));

  // Stopping early.
  Searcher s;
  CHECK(s.Init({Lit("a")}, &error));
  int calls = 0;
  std::string many(1000, 'a');
  uint64_t reported = s.Scan(reinterpret_cast<const uint8_t*>(many.data()), many.size(), many.size(), 0,
                             [&](uint64_t, uint32_t) { return ++calls < 3; });
  CHECK(reported == 3 && calls == 3);
  CHECK(Offsets(s, many).size() == 1000);

  // Invalid input.
  auto refuses = [](std::vector<SearchPattern> alts, const char* why) {
    Searcher bad;
    std::string e;
    bool ok = bad.Init(std::move(alts), &e);
    g_context = why;
    CHECK(!ok && !e.empty());
  };
  refuses({}, "no alternatives");
  refuses({Lit("")}, "empty");
  refuses(std::vector<SearchPattern>(65, Lit("a")), "65 alternatives");
  SearchPattern wild = Lit("ab");
  wild.mask = {0, 0};
  refuses({wild}, "all wildcards");
  wild.mask = {0xFF};
  refuses({wild}, "short mask");
  wild.mask = {0xFF, 0x0F};
  refuses({wild}, "partial mask byte");
  SearchPattern fold_symbol = Lit("a@");
  fold_symbol.mask = {0xDF, 0xDF};
  refuses({fold_symbol}, "a fold mask on a byte that is not an ASCII letter");
  CHECK(s.Init(std::vector<SearchPattern>(64, Lit("a")), &error));
}

// Random haystacks over a small alphabet (so candidates and matches are
// dense), needles cut from them or random, every length 1..70.
void TestRandom(std::mt19937& rng) {
  const std::string alphabets[] = {"ab", "abc@[`{AB", std::string("\x00\xff" "a\n", 4)};
  for (size_t len = 1; len <= 70; ++len) {
    for (int round = 0; round < 6; ++round) {
      const std::string& alpha = alphabets[round % 3];
      size_t n = rng() % 600 + (round == 5 ? 3000 : 0);
      std::vector<uint8_t> hay(n);
      for (auto& b : hay) b = rng() % 8 == 0 ? static_cast<uint8_t>(rng()) : alpha[rng() % alpha.size()];
      for (int variant = 0; variant < 4; ++variant) {
        SearchPattern p;
        if (n >= len && rng() % 4 != 0) {
          size_t at = rng() % (n - len + 1);
          p.bytes.assign(hay.begin() + at, hay.begin() + at + len);
        } else {
          for (size_t i = 0; i < len; ++i) p.bytes.push_back(alpha[rng() % alpha.size()]);
        }
        if (variant == 1) {
          // half the time the flag, half per-position fold masks on some letters
          bool masks = rng() % 2 == 0;
          p.ascii_case_insensitive = !masks;
          if (masks) {
            p.mask.assign(len, 0xFF);
            for (size_t i = 0; i < len; ++i) {
              if (((p.bytes[i] | 0x20) >= 'a' && (p.bytes[i] | 0x20) <= 'z') && rng() % 2) p.mask[i] = 0xDF;
            }
          }
          for (auto& b : p.bytes) {
            if (rng() % 2 && ((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) b ^= 0x20;
          }
        }
        if (variant >= 2) {  // wildcards: random, or at first/last/all-but-one positions
          p.mask.assign(len, 0xFF);
          int kind = rng() % 4;
          for (size_t i = 0; i < len; ++i) {
            bool wildcard = kind == 0 ? rng() % 3 == 0 : kind == 1 ? (i == 0 || i == len - 1) : kind == 2 ? i != len / 2 : i != len - 1;
            if (wildcard) p.mask[i] = 0;
          }
          if (std::count(p.mask.begin(), p.mask.end(), 0xFF) == 0) p.mask[rng() % len] = 0xFF;
          for (size_t i = 0; i < len; ++i) {
            if (p.mask[i] == 0) p.bytes[i] = static_cast<uint8_t>(rng());
          }
        }
        CheckAll({p}, hay, rng);
      }
    }
  }
}

void TestRandomAlternatives(std::mt19937& rng) {
  for (int round = 0; round < 300; ++round) {
    size_t count = round < 10 ? 64 : 1 + rng() % 8;
    std::vector<uint8_t> hay(rng() % 2000);
    for (auto& b : hay) b = "abAB"[rng() % 4];
    std::vector<SearchPattern> alts;
    for (size_t a = 0; a < count; ++a) {
      SearchPattern p;
      size_t len = 1 + rng() % 6;
      for (size_t i = 0; i < len; ++i) p.bytes.push_back("abAB"[rng() % 4]);
      p.ascii_case_insensitive = rng() % 3 == 0;
      if (rng() % 4 == 0 && len > 1) {
        p.mask.assign(len, 0xFF);
        p.mask[rng() % len] = 0;
      }
      alts.push_back(p);
    }
    CheckAll(alts, hay, rng);
  }
}

// Long runs with rare matches exercise the 64-byte SIMD blocks and the tails.
void TestLongHaystacks(std::mt19937& rng) {
  for (int round = 0; round < 20; ++round) {
    std::vector<uint8_t> hay(50000 + rng() % 5000, ' ');
    for (auto& b : hay) b = "etaoin \n0123"[rng() % 12];
    const std::string needle = round % 2 ? "upstream timeout" : "ERROR";
    for (int k = 0; k < 30; ++k) {
      size_t at = rng() % (hay.size() - needle.size() + 1);
      std::copy(needle.begin(), needle.end(), hay.begin() + at);
    }
    std::copy(needle.begin(), needle.end(), hay.begin());
    std::copy(needle.begin(), needle.end(), hay.end() - needle.size());
    CheckAll({Lit(needle)}, hay, rng);
    CheckAll({Lit("TIMEOUT", true)}, hay, rng);
    CheckAll({Lit("t"), Lit("e")}, hay, rng);
  }
}

size_t NaiveCount(const uint8_t* d, size_t n, uint8_t b) {
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) c += d[i] == b;
  return c;
}

void CheckCountAndNth(const uint8_t* d, size_t n, uint8_t b, bool every_k) {
  size_t total = NaiveCount(d, n, b);
  CHECK(CountByte(d, n, b) == total);
  uint64_t found = 99;
  CHECK(FindNth(d, n, b, 0, &found) == d && found == 0);
  CHECK(FindNth(d, n, b, total + 1, &found) == nullptr && found == total);
  size_t seen = 0;
  for (size_t i = 0; i < n; ++i) {
    if (d[i] != b) continue;
    ++seen;
    if (every_k || seen == 1 || seen == total || seen % (total / 40 + 1) == 0) {
      CHECK(FindNth(d, n, b, seen, &found) == d + i + 1 && found == seen);
    }
  }
}

void TestCountAndNth(std::mt19937& rng) {
  GuardedBuffer buf(300 + 64);
  for (size_t len = 0; len <= 300; ++len) {
    for (size_t start = 0; start < 64; start += 7) {
      uint8_t* d = buf.data() + buf.size() - len - start;  // also ends `start` bytes before the guard
      uint8_t b = len % 3 == 0 ? '\n' : len % 3 == 1 ? 0x00 : 0xFF;
      for (size_t i = 0; i < len; ++i) d[i] = rng() % (1 + len % 5) == 0 ? b : static_cast<uint8_t>(rng());
      g_context = "count len " + std::to_string(len) + " start " + std::to_string(start);
      CheckCountAndNth(d, len, b, true);
    }
  }
  // Big buffers: 255-round counter flushes, 4 KiB skipping blocks, all-match.
  for (size_t n : {size_t{32640}, size_t{32641}, size_t{100000}, size_t{1} << 20}) {
    GuardedBuffer big(n + 5);
    for (int density : {1, 2, 80, 100000}) {
      for (size_t i = 0; i < big.size(); ++i) big.data()[i] = rng() % density == 0 ? '\n' : 'x';
      g_context = "count big " + std::to_string(n) + " density " + std::to_string(density);
      CheckCountAndNth(big.data() + 5, n, '\n', false);
      CheckCountAndNth(big.data() + 3, n, 'x', false);
    }
  }
}

// A file cut short under ScanRange: ETRUNCATED (kFault), not a crash.
void TestTruncatedFile() {
  g_context = "truncated file";
  constexpr size_t kSize = 1u << 20;
  hugeview::MappedFile file;
  std::string path;
  CHECK(OpenTempFile(nullptr, kSize, &file, &path));
  CHECK(truncate(path.c_str(), 0) == 0);  // another process cuts the file
  unlink(path.c_str());
  Searcher s;
  std::string error;
  CHECK(s.Init({Lit("zz")}, &error));
  hugeview::ScanRangeSpec range;
  range.to = kSize;
  std::atomic<bool> cancel{false};
  hugeview::ScanProgress result;
  hugeview::Error err;
  CHECK(hugeview::ScanRange(file, s, range, cancel, nullptr, &result, &err) == hugeview::Status::kFault);
  CHECK(err.code == "ETRUNCATED");
}

// Cancelled before it starts: kOk with nothing scanned. Closed: ECLOSED.
void TestCancelledAndClosed() {
  g_context = "cancelled / closed scan";
  Searcher s;
  std::string error;
  CHECK(s.Init({Lit("zz")}, &error));
  hugeview::ScanRangeSpec range;
  range.to = 1u << 16;
  hugeview::ScanProgress result;
  hugeview::Error err;
  hugeview::MappedFile file;
  CHECK(OpenTempFile(nullptr, 1u << 16, &file));
  std::atomic<bool> cancelled{true};
  CHECK(hugeview::ScanRange(file, s, range, cancelled, nullptr, &result, &err) == hugeview::Status::kOk);
  CHECK(result.scanned_to == 0 && result.count == 0);
  file.Close();
  std::atomic<bool> running{false};
  CHECK(hugeview::ScanRange(file, s, range, running, nullptr, &result, &err) == hugeview::Status::kClosed);
  CHECK(err.code == "ECLOSED");
}

}  // namespace

int main() {
  using detail::Impl;
  const struct {
    Impl impl;
    const char* name;
  } impls[] = {{Impl::kScalar, "scalar"}, {Impl::kSse2, "sse2"}, {Impl::kAvx2, "avx2"}};
  int ran = 0;
  for (const auto& impl : impls) {
    if (!detail::ForceImpl(impl.impl)) {
      printf("%-6s skipped (not available on this CPU/build)\n", impl.name);
      continue;
    }
    CHECK(strcmp(detail::ImplName(), impl.name) == 0);
    std::mt19937 rng(12345);
    int before = g_failures;
    TestExamples();
    TestRandom(rng);
    TestRandomAlternatives(rng);
    TestLongHaystacks(rng);
    TestCountAndNth(rng);
    TestTruncatedFile();
    TestCancelledAndClosed();
    ++ran;
    printf("%-6s %s\n", impl.name, g_failures == before ? "ok" : "FAILED");
  }
  CHECK(detail::ForceImpl(Impl::kAuto));
  printf("%d checks, %d failures, %d kernel sets, auto = %s\n", g_checks, g_failures, ran, detail::ImplName());
  return g_failures == 0 && ran > 0 ? 0 : 1;
}
