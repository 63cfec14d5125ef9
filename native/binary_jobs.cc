// The binary-analysis jobs: see binary_jobs.h. Each is one core call and two
// converters, run by the one job template (core_job.h).
#include "binary_jobs.h"

#include "core_job.h"

namespace hugeview {
namespace {

JsObject CompareProgressToJs(napi_env env, const CompareProgress& p) {
  JsObject o(env);
  o.Number("comparedTo", static_cast<double>(p.compared_to))
      .Number("differingBytes", static_cast<double>(p.differing_bytes))
      .Number("rangeCount", static_cast<double>(p.range_count))
      .Number("firstDifference", static_cast<double>(p.first_difference))
      .Float64s("ranges", p.ranges.data(), p.ranges.size());
  return o;
}

JsObject CompareResultToJs(napi_env env, const CompareResult& r) {
  JsObject o = CompareProgressToJs(env, r.last);
  o.Number("leftSize", static_cast<double>(r.left_size))
      .Number("rightSize", static_cast<double>(r.right_size))
      .Number("common", static_cast<double>(r.common));
  return o;
}

JsObject FileMapToJs(napi_env env, const FileMapProgress& p) {
  JsObject o(env);
  o.Number("firstBucket", static_cast<double>(p.first_bucket))
      .Number("bucketCount", static_cast<double>(p.bucket_count))
      .Number("scannedTo", static_cast<double>(p.scanned_to))
      .Float64s("buckets", p.buckets.data(), p.buckets.size());
  return o;
}

JsObject StringsToJs(napi_env env, const StringsProgress& p) {
  return ScanFindsToJs(env, p.scanned_to, p.count, "strings", p.found);
}

}  // namespace

Napi::Object QueueCompareJob(Napi::Env env, std::shared_ptr<MappedFile> left, std::shared_ptr<MappedFile> right,
                             CompareOptions options, Napi::Function on_progress) {
  using Job = CoreJobSpec<CompareProgress, CompareResult>;
  auto run = [left, right, options](const std::atomic<bool>& cancel, const Job::Send& send, CompareResult* result,
                                    Error* err) { return CompareFiles(*left, *right, options, cancel, send, result, err); };
  return QueueCoreJob(env, Job{"hugeview.compare", run, CompareProgressToJs, CompareResultToJs}, on_progress);
}

Napi::Object QueueFileMapJob(Napi::Env env, std::shared_ptr<MappedFile> file, FileMapOptions options,
                             Napi::Function on_progress) {
  using Job = CoreJobSpec<FileMapProgress>;
  auto run = [file, options](const std::atomic<bool>& cancel, const Job::Send& send, FileMapProgress* result,
                             Error* err) { return MapFile(*file, options, cancel, send, result, err); };
  return QueueCoreJob(env, Job{"hugeview.fileMap", run, FileMapToJs, FileMapToJs}, on_progress);
}

Napi::Object QueueStringsJob(Napi::Env env, std::shared_ptr<MappedFile> file, StringsOptions options,
                             Napi::Function on_progress) {
  using Job = CoreJobSpec<StringsProgress>;
  auto run = [file, options](const std::atomic<bool>& cancel, const Job::Send& send, StringsProgress* result,
                             Error* err) { return FindStrings(*file, options, cancel, send, result, err); };
  return QueueCoreJob(env, Job{"hugeview.strings", run, StringsToJs, StringsToJs}, on_progress);
}

}  // namespace hugeview
