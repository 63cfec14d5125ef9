// Results of background jobs, built with plain Node-API calls that may fail.
//
// A job's completion and progress callbacks can run while its environment is
// being torn down (a worker thread terminated with jobs in flight): then every
// call that would run JavaScript fails, and node-addon-api's wrappers turn
// such a failure into an abort (or hand back an empty value that crashes on
// use). Here every call is checked; the first failure drops the result, and
// the job settles nothing: there is no JavaScript left to tell.
#pragma once

#include <node_api.h>

#include <cstring>
#include <cstdint>
#include <string>
#include <vector>

#include "mapped_file.h"

namespace hugeview {

class JsObject {
 public:
  explicit JsObject(napi_env env) : env_(env) { ok_ = napi_create_object(env, &object_) == napi_ok; }

  JsObject& Number(const char* key, double value) {
    napi_value v;
    return Set(key, ok_ && napi_create_double(env_, value, &v) == napi_ok ? v : nullptr);
  }

  JsObject& Boolean(const char* key, bool value) {
    napi_value v;
    return Set(key, ok_ && napi_get_boolean(env_, value, &v) == napi_ok ? v : nullptr);
  }

  JsObject& String(const char* key, const std::string& value) {
    napi_value v;
    return Set(key, ok_ && napi_create_string_utf8(env_, value.data(), value.size(), &v) == napi_ok ? v : nullptr);
  }

  // A Float64Array holding a copy of `values`.
  JsObject& Float64s(const char* key, const double* values, size_t count) {
    napi_value buffer, array;
    void* data = nullptr;
    if (!ok_ || napi_create_arraybuffer(env_, count * sizeof(double), &data, &buffer) != napi_ok ||
        (count > 0 && data == nullptr) ||
        napi_create_typedarray(env_, napi_float64_array, count, buffer, 0, &array) != napi_ok) {
      ok_ = false;
      return *this;
    }
    if (count > 0) memcpy(data, values, count * sizeof(double));
    return Set(key, array);
  }

  JsObject& Set(const char* key, napi_value value) {
    if (!ok_ || value == nullptr || napi_set_named_property(env_, object_, key, value) != napi_ok) ok_ = false;
    return *this;
  }

  bool ok() const { return ok_; }
  napi_value value() const { return object_; }

 private:
  napi_env env_;
  napi_value object_ = nullptr;
  bool ok_ = false;
};

// { scannedTo, count, <key>: Float64Array }: how far a scan got, how many it
// found, and what it found since the last report (search matches, strings).
inline JsObject ScanFindsToJs(napi_env env, uint64_t scanned_to, uint64_t count, const char* key,
                              const std::vector<double>& finds) {
  JsObject o(env);
  o.Number("scannedTo", static_cast<double>(scanned_to))
      .Number("count", static_cast<double>(count))
      .Float64s(key, finds.data(), finds.size());
  return o;
}

// An Error with `code` (and `syscall`, `errno`) from a core Error; nullptr
// when the environment can no longer make one.
inline napi_value MakeJsError(napi_env env, const Error& err) {
  napi_value message, error;
  if (napi_create_string_utf8(env, err.message.data(), err.message.size(), &message) != napi_ok ||
      napi_create_error(env, nullptr, message, &error) != napi_ok) {
    return nullptr;
  }
  napi_value code;
  if (napi_create_string_utf8(env, err.code.data(), err.code.size(), &code) != napi_ok ||
      napi_set_named_property(env, error, "code", code) != napi_ok) {
    return nullptr;
  }
  if (!err.syscall.empty()) {
    napi_value syscall;
    if (napi_create_string_utf8(env, err.syscall.data(), err.syscall.size(), &syscall) != napi_ok ||
        napi_set_named_property(env, error, "syscall", syscall) != napi_ok) {
      return nullptr;
    }
  }
  if (err.sys_errno != 0) {
    napi_value number;
    if (napi_create_int32(env, -err.sys_errno, &number) != napi_ok ||
        napi_set_named_property(env, error, "errno", number) != napi_ok) {
      return nullptr;
    }
  }
  return error;
}

// The promise side of a job: settles once, and only while JavaScript can run.
class JobPromise {
 public:
  explicit JobPromise(napi_env env) {
    if (napi_create_promise(env, &deferred_, &promise_) != napi_ok) deferred_ = nullptr;
  }
  napi_value promise() const { return promise_; }

  void Resolve(napi_env env, napi_value value) {
    if (deferred_ == nullptr || value == nullptr) return;
    if (napi_resolve_deferred(env, deferred_, value) == napi_ok) deferred_ = nullptr;
  }
  void Reject(napi_env env, napi_value reason) {
    if (deferred_ == nullptr || reason == nullptr) return;
    if (napi_reject_deferred(env, deferred_, reason) == napi_ok) deferred_ = nullptr;
  }

 private:
  napi_deferred deferred_ = nullptr;
  napi_value promise_ = nullptr;
};

// Calls a progress callback; false when it could not run (teardown) or threw.
inline bool CallProgress(napi_env env, napi_value callback, napi_value argument) {
  if (callback == nullptr || argument == nullptr) return false;
  napi_value receiver, result;
  if (napi_get_undefined(env, &receiver) != napi_ok) return false;
  return napi_call_function(env, receiver, callback, 1, &argument, &result) == napi_ok;
}

}  // namespace hugeview
