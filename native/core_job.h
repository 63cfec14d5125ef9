// The one way the addon runs a background job: one core call off the JS
// thread, handed to JavaScript as { promise, cancel() }.
//
// A job is three things the caller writes: the core call (`run`), and two
// converters from the core's progress and final result to the objects
// JavaScript sees. Everything else is here, once:
// - progress crosses to JavaScript in order through a queue;
// - cancel() sets an atomic flag the core call polls (per 1 MiB), so the job
//   stops within milliseconds and resolves with what it has, `cancelled: true`;
// - a core failure (ECLOSED, ETRUNCATED, ...) rejects the promise with an
//   Error carrying its code (job_result.h);
// - every JavaScript value is built with checked calls (job_result.h), since
//   these callbacks may run while a terminated worker thread's environment is
//   torn down: then the job settles nothing and does not crash.
#pragma once

#include <napi.h>

#include <atomic>
#include <functional>
#include <memory>
#include <utility>

#include "job_result.h"

namespace hugeview {

// Progress: what the core reports while it runs; Final: what it returns. The
// final object gains `cancelled` (whether cancel() was called) here.
template <typename Progress, typename Final = Progress>
struct CoreJobSpec {
  using Send = std::function<void(const Progress&)>;
  const char* name;  // the async resource name, e.g. "hugeview.search"
  std::function<Status(const std::atomic<bool>& cancel, const Send& send, Final* result, Error* err)> run;
  std::function<JsObject(napi_env env, const Progress& p)> progress_to_js;
  std::function<JsObject(napi_env env, const Final& f)> final_to_js;
};

template <typename Progress, typename Final>
class CoreJob : public Napi::AsyncProgressQueueWorker<Progress> {
 public:
  CoreJob(Napi::Env env, CoreJobSpec<Progress, Final> spec, Napi::Function on_progress,
          std::shared_ptr<std::atomic<bool>> cancel)
      : Napi::AsyncProgressQueueWorker<Progress>(on_progress, spec.name),
        spec_(std::move(spec)), cancel_(std::move(cancel)), promise_(env) {}

  napi_value Promise() const { return promise_.promise(); }

 protected:
  void Execute(const typename Napi::AsyncProgressQueueWorker<Progress>::ExecutionProgress& progress) override {
    auto send = [&progress](const Progress& p) { progress.Send(&p, 1); };
    failed_ = spec_.run(*cancel_, send, &result_, &error_) != Status::kOk;
  }

  // These run on the JS thread, or during the teardown of a terminated
  // worker's environment: see job_result.h.
  void OnProgress(const Progress* data, size_t count) override {
    napi_env env = this->Env();
    Napi::HandleScope scope(this->Env());
    for (size_t i = 0; i < count; i++) {
      JsObject o = spec_.progress_to_js(env, data[i]);
      if (this->Callback().IsEmpty() || !o.ok() || !CallProgress(env, this->Callback().Value(), o.value())) return;
    }
  }

  void OnOK() override {
    napi_env env = this->Env();
    if (failed_) {
      promise_.Reject(env, MakeJsError(env, error_));
      return;
    }
    JsObject o = spec_.final_to_js(env, result_);
    o.Boolean("cancelled", cancel_->load());
    if (o.ok()) promise_.Resolve(env, o.value());
  }

  void OnError(const Napi::Error& e) override { promise_.Reject(this->Env(), e.Value()); }

 private:
  CoreJobSpec<Progress, Final> spec_;
  std::shared_ptr<std::atomic<bool>> cancel_;
  JobPromise promise_;
  Final result_{};
  Error error_;
  bool failed_ = false;
};

// Queues the job and hands JavaScript { promise, cancel() }.
template <typename Progress, typename Final>
Napi::Object QueueCoreJob(Napi::Env env, CoreJobSpec<Progress, Final> spec, Napi::Function on_progress) {
  auto cancel = std::make_shared<std::atomic<bool>>(false);
  auto* worker = new CoreJob<Progress, Final>(env, std::move(spec), on_progress, cancel);
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
