// The line index and search jobs: see jobs.h. Each is one core call and two
// converters, run by the one job template (core_job.h).
#include "jobs.h"

#include <vector>

#include "core_job.h"

namespace hugeview {
namespace {

JsObject LineIndexToJs(napi_env env, const LineIndexProgress& p) {
  // flat [newlines, offset, newlines, offset, ...]
  std::vector<double> flat(p.checkpoints.size() * 2);
  for (size_t i = 0; i < p.checkpoints.size(); i++) {
    flat[i * 2] = static_cast<double>(p.checkpoints[i].newlines);
    flat[i * 2 + 1] = static_cast<double>(p.checkpoints[i].offset);
  }
  JsObject o(env);
  o.Number("scannedTo", static_cast<double>(p.scanned_to))
      .Number("newlines", static_cast<double>(p.newlines))
      .Float64s("checkpoints", flat.data(), flat.size());
  return o;
}

// Progress reports say `cancelled: false`; the final result says whether it was.
JsObject LineIndexProgressToJs(napi_env env, const LineIndexProgress& p) {
  JsObject o = LineIndexToJs(env, p);
  o.Boolean("cancelled", false);
  return o;
}

JsObject SearchToJs(napi_env env, const ScanProgress& b) {
  return ScanFindsToJs(env, b.scanned_to, b.count, "matches", b.matches);
}

}  // namespace

Napi::Object QueueLineIndexJob(Napi::Env env, std::shared_ptr<MappedFile> file, LineIndexOptions options,
                               Napi::Function on_progress) {
  using Job = CoreJobSpec<LineIndexProgress>;
  auto run = [file, options](const std::atomic<bool>& cancel, const Job::Send& send, LineIndexProgress* result,
                             Error* err) {
    return IndexLines(*file, options, cancel, [&send](LineIndexProgress&& p) { send(p); }, result, err);
  };
  return QueueCoreJob(env, Job{"hugeview.indexLines", run, LineIndexProgressToJs, LineIndexToJs}, on_progress);
}

// Every match is counted; offsets cross in the batches ScanRange reports.
Napi::Object QueueSearchJob(Napi::Env env, std::shared_ptr<MappedFile> file, Searcher searcher, ScanRangeSpec range,
                            Napi::Function on_progress) {
  using Job = CoreJobSpec<ScanProgress>;
  auto run = [file, searcher = std::move(searcher), range](const std::atomic<bool>& cancel, const Job::Send& send,
                                                           ScanProgress* result, Error* err) {
    return ScanRange(*file, searcher, range, cancel, send, result, err);
  };
  return QueueCoreJob(env, Job{"hugeview.search", std::move(run), SearchToJs, SearchToJs}, on_progress);
}

}  // namespace hugeview
