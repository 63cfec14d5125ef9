// The level count job: parses countLevels()'s arguments, then runs CountLevels
// as one core call and one converter through the one job template (core_job.h).
#include "level_count_job.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "core_job.h"
#include "level_count.h"

namespace hugeview {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;
constexpr uint32_t kMaxBuckets = 1u << 20;

// The counts so far; bucket_bytes tells JavaScript where each bucket starts.
JsObject LevelCountToJs(napi_env env, const LevelCountProgress& p, uint64_t bucket_bytes) {
  JsObject o(env);
  o.Number("scannedTo", static_cast<double>(p.scanned_to))
      .Number("lines", static_cast<double>(p.lines))
      .Number("bucketBytes", static_cast<double>(bucket_bytes))
      .Float64s("counts", p.counts.data(), p.counts.size());
  return o;
}

bool IsCount(const Napi::Value& v) {
  if (!v.IsNumber()) return false;
  double d = v.As<Napi::Number>().DoubleValue();
  return d >= 0 && d <= kMaxSafeInteger && std::floor(d) == d;
}

}  // namespace

Napi::Value CountLevelsMethod(const Napi::CallbackInfo& info, const std::shared_ptr<MappedFile>& file) {
  Napi::Env env = info.Env();
  const char* usage =
      "Usage: mappedFile.countLevels({ from: number, to: number, buckets: number }, onProgress: (progress) => void)";
  if (info.Length() != 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  const char* keys[] = {"from", "to", "buckets"};
  double values[3];
  for (size_t i = 0; i < 3; i++) {
    Napi::Value value = o.Get(keys[i]);
    if (env.IsExceptionPending()) return env.Undefined();  // a getter threw: let it through, throw nothing on top
    if (!IsCount(value)) {
      Napi::TypeError::New(env, std::string(usage) + " — '" + keys[i] + "' must be a non-negative integer")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    values[i] = value.As<Napi::Number>().DoubleValue();
  }
  if (values[2] < 1 || values[2] > kMaxBuckets || values[0] > values[1]) {
    Napi::RangeError::New(env, std::string(usage) + " — 1 <= buckets <= 1048576 and from <= to")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (file->closed()) {
    Napi::Error e = Napi::Error::New(env, "ECLOSED: mappedFile.countLevels() after close() on '" + file->path() + "'");
    e.Set("code", Napi::String::New(env, "ECLOSED"));
    e.ThrowAsJavaScriptException();
    return env.Undefined();
  }
  LevelCountSpec spec;
  spec.from = static_cast<uint64_t>(values[0]);
  spec.to = static_cast<uint64_t>(values[1]);
  spec.buckets = static_cast<uint32_t>(values[2]);
  // Buckets of whole bytes that cover [0, to): the last may be short.
  spec.bucket_bytes = std::max<uint64_t>(1, (spec.to + spec.buckets - 1) / spec.buckets);
  using Job = CoreJobSpec<LevelCountProgress>;
  auto run = [file, spec](const std::atomic<bool>& cancel, const Job::Send& send, LevelCountProgress* result,
                          Error* err) { return CountLevels(*file, spec, cancel, send, result, err); };
  auto to_js = [bucket_bytes = spec.bucket_bytes](napi_env env, const LevelCountProgress& p) {
    return LevelCountToJs(env, p, bucket_bytes);
  };
  return QueueCoreJob(env, Job{"hugeview.countLevels", run, to_js, to_js}, info[1].As<Napi::Function>());
}

}  // namespace hugeview
