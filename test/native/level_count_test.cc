// Standalone test of native/level_count.{h,cc}: the addon's own chunk loop
// (CountLevels over a real file) against a naive per-line reference, over
// random logs built from level tokens, near-tokens, word bytes, CR, LF and
// UTF-8, with chunk sizes down to 16 bytes so every token meets a chunk
// boundary. Built with the SSE2 kernel, with -DHUGEVIEW_LEVELS_SCALAR, and for
// aarch64 (run under qemu) by levelCountKernel.test.ts.
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "../../native/level_count.h"
#include "../../native/mapped_file.h"

namespace {

int g_failures = 0;
int g_checks = 0;

#define CHECK(cond, context)                                                                        \
  do {                                                                                              \
    ++g_checks;                                                                                     \
    if (!(cond) && ++g_failures <= 20) fprintf(stderr, "FAIL %s:%d: %s (%s)\n", __FILE__, __LINE__, #cond, \
                                               std::string(context).c_str());                       \
  } while (0)

bool IsWord(unsigned char b) { return isalnum(b) != 0 && b < 0x80 ? true : b == '_'; }

// The first level token of each line, by trying every position.
std::vector<double> Reference(const std::string& s, uint64_t from, uint32_t buckets, uint64_t bucket_bytes,
                              uint64_t* lines) {
  static const std::pair<const char*, int> kTokens[] = {{"ERROR", 0}, {"FATAL", 0}, {"CRITICAL", 0}, {"WARNING", 1},
                                                        {"WARN", 1},  {"INFO", 2},  {"DEBUG", 3},    {"TRACE", 3}};
  std::vector<double> counts(static_cast<size_t>(buckets) * 4, 0.0);
  *lines = 0;
  for (size_t start = from; start < s.size();) {
    size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    ++*lines;
    for (size_t p = start; p < end; p++) {
      if (p > 0 && IsWord(static_cast<unsigned char>(s[p - 1]))) continue;
      int level = -1;
      for (const auto& t : kTokens) {
        size_t n = strlen(t.first);
        if (s.compare(p, n, t.first) == 0 && (p + n == s.size() || !IsWord(static_cast<unsigned char>(s[p + n])))) {
          level = t.second;
          break;
        }
      }
      if (level >= 0) {
        uint64_t b = std::min<uint64_t>(buckets - 1, start / bucket_bytes);
        counts[b * 4 + level] += 1;
        break;
      }
    }
    start = end + 1;
  }
  return counts;
}

std::string RandomLog(std::mt19937& rng, size_t pieces) {
  static const char* kPieces[] = {"ERROR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE", "FATAL", "CRITICAL", "ERRO",
                                  "WARNI", "T",     "x",       "_",    "7",     " ",     " ",     "\n",    "\r\n",
                                  "\xC3\xA9", "[",  "]",       "=",    "ERRORS", "TERROR", "\t"};
  std::string s;
  for (size_t i = 0; i < pieces; i++) s += kPieces[rng() % (sizeof(kPieces) / sizeof(kPieces[0]))];
  return s;
}

void CheckFile(const std::string& path, const std::string& content, uint64_t from, uint32_t buckets, size_t chunk) {
  FILE* f = fopen(path.c_str(), "wb");
  fwrite(content.data(), 1, content.size(), f);
  fclose(f);
  hugeview::MappedFile file;
  hugeview::Error err;
  if (file.Open(path, &err) != hugeview::Status::kOk) {
    CHECK(false, "open " + err.message);
    return;
  }
  hugeview::LevelCountSpec spec;
  spec.from = from;
  spec.to = content.size();
  spec.buckets = buckets;
  spec.bucket_bytes = std::max<uint64_t>(1, (content.size() + buckets - 1) / buckets);
  spec.chunk = chunk;
  std::atomic<bool> cancel{false};
  hugeview::LevelCountProgress result;
  const std::string context = "size " + std::to_string(content.size()) + ", from " + std::to_string(from) +
                              ", buckets " + std::to_string(buckets) + ", chunk " + std::to_string(chunk);
  CHECK(hugeview::CountLevels(file, spec, cancel, nullptr, &result, &err) == hugeview::Status::kOk, context);
  uint64_t lines = 0;
  std::vector<double> want = Reference(content, from, buckets, spec.bucket_bytes, &lines);
  CHECK(result.counts == want, context);
  CHECK(result.lines == lines, context + ", lines " + std::to_string(result.lines) + " vs " + std::to_string(lines));
  CHECK(result.scanned_to == content.size(), context);
  file.Close();
}

}  // namespace

int main() {
  const char* tmp = getenv("TMPDIR");
  const std::string path = std::string(tmp ? tmp : "/tmp") + "/level_count_test." + std::to_string(getpid());
  std::mt19937 rng(14);
  for (int round = 0; round < 300; round++) {
    std::string content = RandomLog(rng, 1 + rng() % 400);
    // From a line start inside the file, sometimes.
    uint64_t from = 0;
    if (round % 3 == 1) {
      size_t nl = content.find('\n', content.size() / 2);
      if (nl != std::string::npos) from = nl + 1;
    }
    for (size_t chunk : {16, 17, 31, 64, 1000, 1 << 20}) CheckFile(path, content, from, 1 + rng() % 9, chunk);
  }
  CheckFile(path, std::string(), 0, 4, 16);
  unlink(path.c_str());
  printf("%d checks, %d failures\n", g_checks, g_failures);
  return g_failures == 0 ? 0 : 1;
}
