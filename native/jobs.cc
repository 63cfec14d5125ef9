// The Node-API workers of the background jobs: see jobs.h. Their completion
// and progress callbacks build results with checked calls (job_result.h).
#include "jobs.h"

#include <atomic>
#include <vector>

#include "job_result.h"

namespace hugeview {
namespace {

// Counts lines off the JS thread; progress (with new checkpoints) crosses to
// JavaScript in order through a queue; cancel is an atomic flag polled per 1 MiB.
class LineIndexWorker : public Napi::AsyncProgressQueueWorker<LineIndexProgress> {
 public:
  LineIndexWorker(Napi::Env env, std::shared_ptr<MappedFile> file, LineIndexOptions options,
                  Napi::Function on_progress, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressQueueWorker<LineIndexProgress>(on_progress, "hugeview.indexLines"),
        file_(std::move(file)), options_(options), cancel_(std::move(cancel)), promise_(env) {}

  napi_value Promise() const { return promise_.promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override {
    auto send = [&progress](LineIndexProgress&& p) { progress.Send(&p, 1); };
    status_ = IndexLines(*file_, options_, *cancel_, send, &result_, &error_);
  }

  // These run on the JS thread, or during the teardown of a terminated
  // worker's environment: see job_result.h.
  void OnProgress(const LineIndexProgress* data, size_t count) override {
    napi_env env = Env();
    Napi::HandleScope scope(Env());
    for (size_t i = 0; i < count; i++) {
      if (Callback().IsEmpty() || !CallProgress(env, Callback().Value(), ToJs(env, data[i], false))) return;
    }
  }

  void OnOK() override {
    napi_env env = Env();
    if (status_ != Status::kOk) {
      promise_.Reject(env, MakeJsError(env, error_));
      return;
    }
    promise_.Resolve(env, ToJs(env, result_, true));
  }

  void OnError(const Napi::Error& e) override { promise_.Reject(Env(), e.Value()); }

 private:
  // nullptr when the environment can no longer build it.
  napi_value ToJs(napi_env env, const LineIndexProgress& p, bool final) {
    // flat [newlines, offset, newlines, offset, ...]
    std::vector<double> flat(p.checkpoints.size() * 2);
    for (size_t i = 0; i < p.checkpoints.size(); i++) {
      flat[i * 2] = static_cast<double>(p.checkpoints[i].newlines);
      flat[i * 2 + 1] = static_cast<double>(p.checkpoints[i].offset);
    }
    JsObject o(env);
    o.Number("scannedTo", static_cast<double>(p.scanned_to))
        .Number("newlines", static_cast<double>(p.newlines))
        .Float64s("checkpoints", flat.data(), flat.size())
        .Boolean("cancelled", final && cancel_->load());
    return o.ok() ? o.value() : nullptr;
  }

  std::shared_ptr<MappedFile> file_;
  LineIndexOptions options_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  JobPromise promise_;
  Status status_ = Status::kOk;
  LineIndexProgress result_;
  Error error_;
};

// Runs ScanRange off the JS thread; every match is counted, and offsets cross
// to JavaScript in order, in the batches ScanRange reports.
class SearchWorker : public Napi::AsyncProgressQueueWorker<ScanProgress> {
 public:
  SearchWorker(Napi::Env env, std::shared_ptr<MappedFile> file, Searcher searcher,
               ScanRangeSpec range, Napi::Function on_progress, std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressQueueWorker<ScanProgress>(on_progress, "hugeview.search"),
        file_(std::move(file)), searcher_(std::move(searcher)), range_(range), cancel_(std::move(cancel)),
        promise_(env) {}

  napi_value Promise() const { return promise_.promise(); }

 protected:
  void Execute(const ExecutionProgress& progress) override {
    auto send = [&progress](const ScanProgress& p) { progress.Send(&p, 1); };
    failed_ = ScanRange(*file_, searcher_, range_, *cancel_, send, &result_, &error_) != Status::kOk;
  }

  // These run on the JS thread, or during the teardown of a terminated
  // worker's environment: see job_result.h.
  void OnProgress(const ScanProgress* data, size_t count) override {
    napi_env env = Env();
    Napi::HandleScope scope(Env());
    for (size_t i = 0; i < count; i++) {
      JsObject o = ToJs(env, data[i]);
      if (Callback().IsEmpty() || !o.ok() || !CallProgress(env, Callback().Value(), o.value())) return;
    }
  }

  void OnOK() override {
    napi_env env = Env();
    if (failed_) {
      promise_.Reject(env, MakeJsError(env, error_));
      return;
    }
    JsObject o = ToJs(env, result_);
    o.Boolean("cancelled", cancel_->load());
    if (o.ok()) promise_.Resolve(env, o.value());
  }

  void OnError(const Napi::Error& e) override { promise_.Reject(Env(), e.Value()); }

 private:
  static JsObject ToJs(napi_env env, const ScanProgress& b) {
    JsObject o(env);
    o.Number("scannedTo", static_cast<double>(b.scanned_to))
        .Number("count", static_cast<double>(b.count))
        .Float64s("matches", b.matches.data(), b.matches.size());
    return o;
  }

  std::shared_ptr<MappedFile> file_;
  Searcher searcher_;
  ScanRangeSpec range_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  JobPromise promise_;
  ScanProgress result_;
  Error error_;
  bool failed_ = false;
};

// Queues a background worker and hands JavaScript { promise, cancel() }; cancel
// sets the flag the worker polls (per 1 MiB), so it stops within milliseconds.
template <typename Worker>
Napi::Object QueueJob(Napi::Env env, Worker* worker, const std::shared_ptr<std::atomic<bool>>& cancel) {
  Napi::Object job = Napi::Object::New(env);
  job.Set("promise", Napi::Value(env, worker->Promise()));
  job.Set("cancel", Napi::Function::New(env, [cancel](const Napi::CallbackInfo& i) {
            cancel->store(true);
            return i.Env().Undefined();
          }, "cancel"));
  worker->Queue();
  return job;
}

}  // namespace

Napi::Object QueueLineIndexJob(Napi::Env env, std::shared_ptr<MappedFile> file, LineIndexOptions options,
                               Napi::Function on_progress) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  return QueueJob(env, new LineIndexWorker(env, std::move(file), options, on_progress, cancel), cancel);
}

Napi::Object QueueSearchJob(Napi::Env env, std::shared_ptr<MappedFile> file, Searcher searcher, ScanRangeSpec range,
                            Napi::Function on_progress) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  return QueueJob(env, new SearchWorker(env, std::move(file), std::move(searcher), range, on_progress, cancel), cancel);
}

}  // namespace hugeview
