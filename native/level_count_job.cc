// The level count job: parses countLevels()'s arguments and runs CountLevels
// off the JS thread; progress (the counts so far) crosses in order through a
// queue; cancel is an atomic flag polled per 1 MiB. Results are built with the
// checked calls of job_result.h.
#include "level_count_job.h"

#include <atomic>
#include <cmath>
#include <string>

#include "job_result.h"
#include "level_count.h"

namespace hugeview {
namespace {

constexpr double kMaxSafeInteger = 9007199254740991.0;
constexpr uint32_t kMaxBuckets = 1u << 20;

class LevelCountWorker : public Napi::AsyncProgressQueueWorker<LevelCountProgress> {
 public:
  LevelCountWorker(Napi::Env env, std::shared_ptr<MappedFile> file, LevelCountSpec spec, Napi::Function on_progress,
                   std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressQueueWorker<LevelCountProgress>(on_progress, "hugeview.countLevels"),
        file_(std::move(file)), spec_(spec), cancel_(std::move(cancel)), promise_(env) {}

  napi_value Promise() const { return promise_.promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override {
    auto send = [&progress](const LevelCountProgress& p) { progress.Send(&p, 1); };
    status_ = CountLevels(*file_, spec_, *cancel_, send, &result_, &error_);
  }

  void OnProgress(const LevelCountProgress* data, size_t count) override {
    napi_env env = Env();
    Napi::HandleScope scope(Env());
    for (size_t i = 0; i < count; i++) {
      JsObject o = ToJs(env, data[i]);
      if (Callback().IsEmpty() || !o.ok() || !CallProgress(env, Callback().Value(), o.value())) return;
    }
  }

  void OnOK() override {
    napi_env env = Env();
    if (status_ != Status::kOk) {
      promise_.Reject(env, MakeJsError(env, error_));
      return;
    }
    JsObject o = ToJs(env, result_);
    o.Boolean("cancelled", cancel_->load());
    if (o.ok()) promise_.Resolve(env, o.value());
  }

  void OnError(const Napi::Error& e) override { promise_.Reject(Env(), e.Value()); }

 private:
  JsObject ToJs(napi_env env, const LevelCountProgress& p) const {
    JsObject o(env);
    o.Number("scannedTo", static_cast<double>(p.scanned_to))
        .Number("lines", static_cast<double>(p.lines))
        .Number("bucketBytes", static_cast<double>(spec_.bucket_bytes))
        .Float64s("counts", p.counts.data(), p.counts.size());
    return o;
  }

  std::shared_ptr<MappedFile> file_;
  LevelCountSpec spec_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  JobPromise promise_;
  Status status_ = Status::kOk;
  LevelCountProgress result_;
  Error error_;
};

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
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new LevelCountWorker(env, file, spec, info[1].As<Napi::Function>(), cancel);
  Napi::Object job = Napi::Object::New(env);
  job.Set("promise", Napi::Value(env, worker->Promise()));
  job.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
            cancel->store(true);
            return i.Env().Undefined();
          }, "cancel"));
  worker->Queue();
  return job;
}

}  // namespace hugeview
