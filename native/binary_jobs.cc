// The Node-API workers of the binary-analysis jobs: see binary_jobs.h. One
// worker template: Execute() makes the one core call; progress crosses to
// JavaScript in order through a queue; results are built with checked calls
// (job_result.h), since these callbacks may run while a worker thread's
// environment is torn down.
#include "binary_jobs.h"

#include <atomic>
#include <functional>
#include <vector>

#include "job_result.h"

namespace hugeview {
namespace {

// Progress: what the core reports; Final: what it returns. ToJs builds the
// object JavaScript sees for either (final = true adds the totals).
template <typename Progress, typename Final>
class CoreJob : public Napi::AsyncProgressQueueWorker<Progress> {
 public:
  using Send = std::function<void(const Progress&)>;
  using Run = std::function<Status(const std::atomic<bool>& cancel, const Send& send, Final* result, Error* err)>;
  using ProgressToJs = JsObject (*)(napi_env env, const Progress& p);
  using FinalToJs = JsObject (*)(napi_env env, const Final& f);

  CoreJob(Napi::Env env, const char* name, Run run, ProgressToJs progress_to_js, FinalToJs final_to_js,
          Napi::Function on_progress, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressQueueWorker<Progress>(on_progress, name),
        run_(std::move(run)), progress_to_js_(progress_to_js), final_to_js_(final_to_js),
        cancel_(std::move(cancel)), promise_(env) {}

  napi_value Promise() const { return promise_.promise(); }

 protected:
  void Execute(const typename Napi::AsyncProgressQueueWorker<Progress>::ExecutionProgress& progress) override {
    auto send = [&progress](const Progress& p) { progress.Send(&p, 1); };
    failed_ = run_(*cancel_, send, &result_, &error_) != Status::kOk;
  }

  void OnProgress(const Progress* data, size_t count) override {
    napi_env env = this->Env();
    Napi::HandleScope scope(this->Env());
    for (size_t i = 0; i < count; i++) {
      JsObject o = progress_to_js_(env, data[i]);
      if (this->Callback().IsEmpty() || !o.ok() || !CallProgress(env, this->Callback().Value(), o.value())) return;
    }
  }

  void OnOK() override {
    napi_env env = this->Env();
    if (failed_) {
      promise_.Reject(env, MakeJsError(env, error_));
      return;
    }
    JsObject o = final_to_js_(env, result_);
    o.Boolean("cancelled", cancel_->load());
    if (o.ok()) promise_.Resolve(env, o.value());
  }

  void OnError(const Napi::Error& e) override { promise_.Reject(this->Env(), e.Value()); }

 private:
  Run run_;
  ProgressToJs progress_to_js_;
  FinalToJs final_to_js_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  JobPromise promise_;
  Final result_;
  Error error_;
  bool failed_ = false;
};

template <typename Progress, typename Final>
Napi::Object Queue(Napi::Env env, const char* name, typename CoreJob<Progress, Final>::Run run,
                   typename CoreJob<Progress, Final>::ProgressToJs progress_to_js,
                   typename CoreJob<Progress, Final>::FinalToJs final_to_js, Napi::Function on_progress,
                   const std::shared_ptr<std::atomic<bool>>& cancel) {
  auto* worker = new CoreJob<Progress, Final>(env, name, std::move(run), progress_to_js, final_to_js, on_progress, cancel);
  Napi::Object job = Napi::Object::New(env);
  job.Set("promise", Napi::Value(env, worker->Promise()));
  job.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
            cancel->store(true);
            return i.Env().Undefined();
          }, "cancel"));
  worker->Queue();
  return job;
}

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
  JsObject o(env);
  o.Number("scannedTo", static_cast<double>(p.scanned_to))
      .Number("count", static_cast<double>(p.count))
      .Float64s("strings", p.found.data(), p.found.size());
  return o;
}

}  // namespace

Napi::Object QueueCompareJob(Napi::Env env, std::shared_ptr<MappedFile> left, std::shared_ptr<MappedFile> right,
                             CompareOptions options, Napi::Function on_progress) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto run = [left, right, options](const std::atomic<bool>& c, const std::function<void(const CompareProgress&)>& send,
                                    CompareResult* result, Error* err) {
    return CompareFiles(*left, *right, options, c, send, result, err);
  };
  return Queue<CompareProgress, CompareResult>(env, "hugeview.compare", run, CompareProgressToJs, CompareResultToJs,
                                               on_progress, cancel);
}

Napi::Object QueueFileMapJob(Napi::Env env, std::shared_ptr<MappedFile> file, FileMapOptions options,
                             Napi::Function on_progress) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto run = [file, options](const std::atomic<bool>& c, const std::function<void(const FileMapProgress&)>& send,
                             FileMapProgress* result, Error* err) {
    return MapFile(*file, options, c, send, result, err);
  };
  return Queue<FileMapProgress, FileMapProgress>(env, "hugeview.fileMap", run, FileMapToJs, FileMapToJs, on_progress,
                                                 cancel);
}

Napi::Object QueueStringsJob(Napi::Env env, std::shared_ptr<MappedFile> file, StringsOptions options,
                             Napi::Function on_progress) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto run = [file, options](const std::atomic<bool>& c, const std::function<void(const StringsProgress&)>& send,
                             StringsProgress* result, Error* err) {
    return FindStrings(*file, options, c, send, result, err);
  };
  return Queue<StringsProgress, StringsProgress>(env, "hugeview.strings", run, StringsToJs, StringsToJs, on_progress,
                                                 cancel);
}

}  // namespace hugeview
