// The module as JavaScript sees it: argument checks, errors with a `code`, and
// the MappedFile class. A background job is one core call queued through the
// one job template, core_job.h (progress, { promise, cancel() }, checked
// results from job_result.h); jobs.cc, binary_jobs.cc and level_count_job.cc
// hold each job's core call and converters. Bytes always cross into
// JavaScript by copy into memory JavaScript allocated — never as an external
// buffer over the mapping, which Electron's V8 memory cage refuses.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "binary_jobs.h"
#include "jobs.h"
#include "level_count_job.h"
#include "line_index.h"
#include "mapped_file.h"
#include "scan.h"
#include "search.h"

namespace {

using hugeview::Error;
using hugeview::Status;

constexpr double kMaxSafeInteger = 9007199254740991.0;

Napi::Error ToJsError(Napi::Env env, const Error& err) {
  Napi::Error e = Napi::Error::New(env, err.message);
  e.Set("code", Napi::String::New(env, err.code));
  if (!err.syscall.empty()) e.Set("syscall", Napi::String::New(env, err.syscall));
  if (err.sys_errno != 0) e.Set("errno", Napi::Number::New(env, -err.sys_errno));
  return e;
}

// A non-negative integer that a double holds exactly (offsets past 4 GiB).
bool IsOffset(const Napi::Value& v) {
  if (!v.IsNumber()) return false;
  double d = v.As<Napi::Number>().DoubleValue();
  return d >= 0 && d <= kMaxSafeInteger && std::floor(d) == d;
}

// Reads o[key]. False when the read threw (a getter, a Proxy trap): the
// exception stays pending for the caller to see, and nothing may be thrown on
// top of it (a second throw aborts the process).
bool GetProperty(const Napi::Object& o, const char* key, Napi::Value* out) {
  *out = o.Get(key);
  return !o.Env().IsExceptionPending();
}

bool GetElement(const Napi::Array& a, uint32_t index, Napi::Value* out) {
  *out = a.Get(index);
  return !a.Env().IsExceptionPending();
}

uint64_t Offset(const Napi::Value& v) { return static_cast<uint64_t>(v.As<Napi::Number>().DoubleValue()); }

// 'byte' (UTF-8, Latin-1), 'utf16le' or 'utf16be': what a newline is.
bool ParseUnit(const Napi::Value& v, hugeview::NewlineRule* rule) {
  if (!v.IsString()) return false;
  std::string name = v.As<Napi::String>().Utf8Value();
  if (name == "byte") return true;
  if (name != "utf16le" && name != "utf16be") return false;
  rule->unit = 2;
  rule->big_endian = name == "utf16be";
  return true;
}

// o.holes: 'skip' (the default: sparse holes are not read) or 'read' (the
// reading path, which tests compare against). False with a TypeError thrown,
// or with the getter's exception pending.
bool ParseHoles(const Napi::Object& o, const char* usage, bool* skip) {
  Napi::Value v;
  if (!GetProperty(o, "holes", &v)) return false;
  if (v.IsUndefined()) return true;
  std::string name = v.IsString() ? v.As<Napi::String>().Utf8Value() : "";
  if (name != "skip" && name != "read") {
    Napi::TypeError::New(o.Env(), std::string(usage) + " — holes must be 'skip' or 'read'").ThrowAsJavaScriptException();
    return false;
  }
  *skip = name == "skip";
  return true;
}

// o[key] when present (a non-negative safe integer), else *out stays. False
// with a TypeError thrown, or with the getter's exception pending.
bool OptionalOffset(const Napi::Object& o, const char* key, const char* usage, uint64_t* out) {
  Napi::Value v;
  if (!GetProperty(o, key, &v)) return false;
  if (v.IsUndefined()) return true;
  if (!IsOffset(v)) {
    Napi::TypeError::New(o.Env(), std::string(usage) + " — '" + key + "' must be a non-negative integer")
        .ThrowAsJavaScriptException();
    return false;
  }
  *out = Offset(v);
  return true;
}

class MappedFileWrap : public Napi::ObjectWrap<MappedFileWrap> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(
        env, "MappedFile",
        {
            InstanceAccessor<&MappedFileWrap::Size>("size"),
            InstanceAccessor<&MappedFileWrap::Path>("path"),
            InstanceAccessor<&MappedFileWrap::Closed>("closed"),
            InstanceMethod<&MappedFileWrap::Refresh>("refresh"),
            InstanceMethod<&MappedFileWrap::Advise>("advise"),
            InstanceMethod<&MappedFileWrap::Residency>("residency"),
            InstanceMethod<&MappedFileWrap::DropCache>("dropCache"),
            InstanceMethod<&MappedFileWrap::ReadCounts>("readCounts"),
            InstanceMethod<&MappedFileWrap::FoldRecords>("foldRecords"),
            InstanceMethod<&MappedFileWrap::Close>("close"),
            InstanceMethod<&MappedFileWrap::CountNewlines>("countNewlines"),
            InstanceMethod<&MappedFileWrap::FindNewline>("findNewline"),
            InstanceMethod<&MappedFileWrap::IndexLines>("indexLines"),
            InstanceMethod<&MappedFileWrap::Search>("search"),
            InstanceMethod<&MappedFileWrap::CountLevels>("countLevels"),
            InstanceMethod<&MappedFileWrap::Compare>("compare"),
            InstanceMethod<&MappedFileWrap::FileMap>("fileMap"),
            InstanceMethod<&MappedFileWrap::Strings>("strings"),
        });
  }

  explicit MappedFileWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<MappedFileWrap>(info) {
    Napi::Env env = info.Env();
    if (info.Length() != 1 || !info[0].IsString()) {
      Napi::TypeError::New(env, "Usage: new MappedFile(path: string)").ThrowAsJavaScriptException();
      return;
    }
    std::string path = info[0].As<Napi::String>().Utf8Value();
    if (path.find('\0') != std::string::npos) {
      Napi::TypeError::New(env, "Usage: new MappedFile(path: string) — the path contains a NUL byte")
          .ThrowAsJavaScriptException();
      return;
    }
    Error err;
    if (file_.Open(path, &err) != Status::kOk) {
      ToJsError(env, err).ThrowAsJavaScriptException();
      return;
    }
    AttachFastRead<hugeview::MappedFile, Way::kGuarded>(env, info.This().As<Napi::Object>(), core_, "read");
    AttachFastRead<hugeview::MappedFile, Way::kMappingOnly>(env, info.This().As<Napi::Object>(), core_, "readMapped");
  }

 private:
  // Throws ECLOSED for calls after close(); true when the caller may go on.
  bool CheckOpen(Napi::Env env, const char* method) {
    if (!file_.closed()) return true;
    Napi::Error e = Napi::Error::New(
        env, std::string("ECLOSED: mappedFile.") + method + "() after close() on '" + file_.path() + "'");
    e.Set("code", Napi::String::New(env, "ECLOSED"));
    e.ThrowAsJavaScriptException();
    return false;
  }

  Napi::Value Size(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(file_.size()));
  }
  Napi::Value Path(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), file_.path()); }
  Napi::Value Closed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), file_.closed()); }

  // read() is the hot path (a 16-byte read must cost tens of nanoseconds, not
  // hundreds), so it skips node-addon-api's wrappers and ObjectWrap's unwrap:
  // a plain Node-API function per file whose data is a reference to the core.
  // Source is a MappedFile (always guarded; read() picks the mapping or pread
  // per read, readMapped() always the mapping) or a private copy's Mapping.
 public:
  enum class Way { kGuarded, kUnguarded, kMappingOnly };

  template <typename Source, Way kWay>
  static void AttachFastRead(Napi::Env env, Napi::Object self, const std::shared_ptr<Source>& core, const char* name) {
    auto* data = new std::shared_ptr<Source>(core);
    napi_value fn;
    napi_create_function(env, name, NAPI_AUTO_LENGTH, FastRead<Source, kWay>, data, &fn);
    napi_add_finalizer(
        env, fn, data, [](napi_env, void* p, void*) { delete static_cast<std::shared_ptr<Source>*>(p); }, nullptr,
        nullptr);
    self.DefineProperty(Napi::PropertyDescriptor::Value(name, Napi::Value(env, fn), napi_default));
  }

 private:
  static Status ReadFrom(hugeview::MappedFile& file, Way way, uint64_t offset, uint8_t* target, size_t length,
                         size_t* copied, Error* err) {
    Status status = way == Way::kMappingOnly ? file.ReadMapped(offset, target, length, copied, err)
                                             : file.Read(offset, target, length, copied, err);
    if (status == Status::kClosed) err->message = "ECLOSED: mappedFile.read() after close() on '" + file.path() + "'";
    return status;
  }

  static Status ReadFrom(hugeview::Mapping& copy, Way way, uint64_t offset, uint8_t* target, size_t length,
                         size_t* copied, Error* err) {
    Status status = hugeview::CopyFromMapping(&copy, offset, target, length, way != Way::kUnguarded, copied);
    if (status != Status::kOk) {
      err->code = "EFAULT";
      err->message = "EFAULT: a page of the private copy could not be read";
    }
    return status;
  }

  template <typename Source, Way kWay>
  static napi_value FastRead(napi_env env, napi_callback_info info) {
    const char* usage = kWay == Way::kGuarded       ? "Usage: mappedFile.read(offset: number, target: Uint8Array)"
                        : kWay == Way::kMappingOnly ? "Usage: mappedFile.readMapped(offset: number, target: Uint8Array)"
                                                    : "Usage: privateCopy.readUnguarded(offset: number, target: Uint8Array)";
    size_t argc = 2;
    napi_value argv[2];
    void* data = nullptr;
    napi_get_cb_info(env, info, &argc, argv, nullptr, &data);
    double offset = 0;
    napi_typedarray_type type;
    size_t length = 0;
    void* target = nullptr;
    // The status of each getter doubles as the type check: no extra calls.
    if (argc != 2 || napi_get_value_double(env, argv[0], &offset) != napi_ok ||
        napi_get_typedarray_info(env, argv[1], &type, &length, &target, nullptr, nullptr) != napi_ok ||
        type != napi_uint8_array) {
      napi_throw_type_error(env, nullptr, usage);
      return nullptr;
    }
    if (!(offset >= 0 && offset <= kMaxSafeInteger && std::floor(offset) == offset)) {
      napi_throw_range_error(env, nullptr, (std::string(usage) + " — offset must be a non-negative safe integer").c_str());
      return nullptr;
    }
    Source& source = **static_cast<std::shared_ptr<Source>*>(data);
    size_t copied = 0;
    if (TryReadFast(source, kWay, static_cast<uint64_t>(offset), static_cast<uint8_t*>(target), length, &copied)) {
      return CopiedCount(env, copied);
    }
    Error err;
    if (ReadFrom(source, kWay, static_cast<uint64_t>(offset), static_cast<uint8_t*>(target), length, &copied, &err) !=
        Status::kOk) {
      Napi::Env napi_env(env);
      ToJsError(napi_env, err).ThrowAsJavaScriptException();
      return nullptr;
    }
    return CopiedCount(env, copied);
  }

  // A small integer (a Smi, no heap number): napi_create_double's
  // Number::New cost ~4 ns of a 60 ns hot read (perf).
  static napi_value CopiedCount(napi_env env, size_t copied) {
    napi_value result;
    if (copied <= static_cast<size_t>(INT32_MAX)) napi_create_int32(env, static_cast<int32_t>(copied), &result);
    else napi_create_double(env, static_cast<double>(copied), &result);
    return result;
  }

  static bool TryReadFast(hugeview::MappedFile& file, Way way, uint64_t offset, uint8_t* target, size_t length,
                          size_t* copied) {
    return way == Way::kMappingOnly ? file.TryReadResident<false>(offset, target, length, copied)
                                    : file.TryReadResident<true>(offset, target, length, copied);
  }
  static bool TryReadFast(hugeview::Mapping&, Way, uint64_t, uint8_t*, size_t, size_t*) { return false; }

  Napi::Value Refresh(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() != 0) {
      Napi::TypeError::New(env, "Usage: mappedFile.refresh()").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "refresh")) return env.Undefined();
    uint64_t size = 0;
    Error err;
    if (file_.Refresh(&size, &err) != Status::kOk) {
      ToJsError(env, err).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    return Napi::Number::New(env, static_cast<double>(size));
  }

  Napi::Value Advise(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const char* usage = "Usage: mappedFile.advise('normal' | 'random' | 'sequential' | 'willneed')";
    if (info.Length() != 1 || !info[0].IsString()) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    std::string name = info[0].As<Napi::String>().Utf8Value();
    hugeview::Advice advice;
    if (name == "normal") advice = hugeview::Advice::kNormal;
    else if (name == "random") advice = hugeview::Advice::kRandom;
    else if (name == "sequential") advice = hugeview::Advice::kSequential;
    else if (name == "willneed") advice = hugeview::Advice::kWillNeed;
    else {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "advise")) return env.Undefined();
    Error err;
    if (file_.Advise(advice, &err) != Status::kOk) ToJsError(env, err).ThrowAsJavaScriptException();
    return env.Undefined();
  }

  Napi::Value Residency(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const char* usage = "Usage: mappedFile.residency(offset: number, length: number)";
    if (info.Length() != 2 || !info[0].IsNumber() || !info[1].IsNumber()) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!IsOffset(info[0]) || !IsOffset(info[1])) {
      Napi::RangeError::New(env, std::string(usage) + " — non-negative safe integers")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "residency")) return env.Undefined();
    double fraction = 0;
    Error err;
    Status status = file_.Residency(static_cast<uint64_t>(info[0].As<Napi::Number>().DoubleValue()),
                                    static_cast<uint64_t>(info[1].As<Napi::Number>().DoubleValue()),
                                    &fraction, &err);
    if (status != Status::kOk) {
      ToJsError(env, err).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    return Napi::Number::New(env, fraction);
  }

  Napi::Value DropCache(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (info.Length() != 0) {
      Napi::TypeError::New(env, "Usage: mappedFile.dropCache()").ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "dropCache")) return env.Undefined();
    Error err;
    if (file_.DropCache(&err) != Status::kOk) ToJsError(env, err).ThrowAsJavaScriptException();
    return env.Undefined();
  }

  // { mapping, pread }: how many read() calls took each way.
  Napi::Value ReadCounts(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    hugeview::ReadCounts counts = file_.read_counts();
    Napi::Object result = Napi::Object::New(env);
    result.Set("mapping", Napi::Number::New(env, static_cast<double>(counts.mapping)));
    result.Set("pread", Napi::Number::New(env, static_cast<double>(counts.pread)));
    return result;
  }

  // foldRecords(offsets, recordBytes, via) → the fold of the records at
  // `offsets`, read in place in the mapping or by one pread each; nothing is
  // copied into JavaScript. (The fold's low and high 32 bits xor-ed.)
  Napi::Value FoldRecords(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const char* usage = "Usage: mappedFile.foldRecords(offsets: Float64Array, recordBytes: number, via: 'mapping' | 'pread')";
    if (info.Length() != 3 || !info[0].IsTypedArray() ||
        info[0].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array || !IsOffset(info[1]) ||
        !info[2].IsString()) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    std::string via = info[2].As<Napi::String>().Utf8Value();
    if (via != "mapping" && via != "pread") {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "foldRecords")) return env.Undefined();
    Napi::Float64Array offsets = info[0].As<Napi::Float64Array>();
    uint64_t fold = 0;
    Error err;
    if (file_.FoldRecords(offsets.Data(), offsets.ElementLength(), static_cast<size_t>(Offset(info[1])),
                          via == "mapping" ? hugeview::MappedFile::FoldVia::kMapping : hugeview::MappedFile::FoldVia::kPread,
                          &fold, &err) != Status::kOk) {
      ToJsError(env, err).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    return Napi::Number::New(env, static_cast<double>(static_cast<uint32_t>(fold ^ (fold >> 32))));
  }

  Napi::Value Close(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!CheckOpen(env, "close")) return env.Undefined();
    file_.Close();
    return env.Undefined();
  }

  Napi::Value CountNewlines(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const char* usage = "Usage: mappedFile.countNewlines(from: number, to: number, unit?: 'byte' | 'utf16le' | 'utf16be')";
    hugeview::NewlineRule rule;
    if (info.Length() < 2 || info.Length() > 3 || !IsOffset(info[0]) || !IsOffset(info[1]) ||
        (info.Length() == 3 && !ParseUnit(info[2], &rule))) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "countNewlines")) return env.Undefined();
    uint64_t count = 0;
    Error err;
    if (hugeview::CountNewlines(file_, Offset(info[0]), Offset(info[1]), rule, &count, &err) != Status::kOk) {
      ToJsError(env, err).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    return Napi::Number::New(env, static_cast<double>(count));
  }

  // { offset, found }: offset just past the k-th newline at or after `from`
  // (scanning at most to `limit`), or found < k when there are fewer.
  Napi::Value FindNewline(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const char* usage =
        "Usage: mappedFile.findNewline(from: number, k: number, limit: number, unit?: 'byte' | 'utf16le' | 'utf16be')";
    hugeview::NewlineRule rule;
    if (info.Length() < 3 || info.Length() > 4 || !IsOffset(info[0]) || !IsOffset(info[1]) || !IsOffset(info[2]) ||
        Offset(info[1]) == 0 || (info.Length() == 4 && !ParseUnit(info[3], &rule))) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    if (!CheckOpen(env, "findNewline")) return env.Undefined();
    uint64_t offset = 0, found = 0;
    Error err;
    if (hugeview::FindNewline(file_, Offset(info[0]), Offset(info[1]), Offset(info[2]), rule, &offset, &found, &err) !=
        Status::kOk) {
      ToJsError(env, err).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Object result = Napi::Object::New(env);
    result.Set("offset", Napi::Number::New(env, static_cast<double>(offset)));
    result.Set("found", Napi::Number::New(env, static_cast<double>(found)));
    return result;
  }

  // indexLines({ from, newlinesBefore, to, everyLines, everyBytes, via }, onProgress)
  //   → { promise, cancel() }; off the JS thread (an AsyncWorker).
  Napi::Value IndexLines(const Napi::CallbackInfo& info);

  // search({ patterns: [{ bytes, mask?, caseInsensitive }], from, to, resumeAt }, onProgress)
  //   → { promise, cancel() }; matches are non-overlapping, in file order.
  Napi::Value Search(const Napi::CallbackInfo& info);

  // countLevels({ from, to, buckets }, onProgress) → { promise, cancel() }: see level_count_job.h.
  Napi::Value CountLevels(const Napi::CallbackInfo& info) { return hugeview::CountLevelsMethod(info, core_); }

  // compare(other, { from?, to?, maxRanges?, holes? }, onProgress) → { promise, cancel() }:
  // byte for byte at the same offsets, coalesced differing ranges in batches.
  Napi::Value Compare(const Napi::CallbackInfo& info);

  // fileMap({ bucketSize? | bucketCount?, from?, to?, holes? }, onProgress) → { promise, cancel() }
  Napi::Value FileMap(const Napi::CallbackInfo& info);

  // strings({ minLength, encodings: ('ascii' | 'latin1' | 'utf16le')[], from?, to?, holes? }, onProgress)
  //   → { promise, cancel() }
  Napi::Value Strings(const Napi::CallbackInfo& info);

  // Shared with the fast read functions below; the last owner's destructor
  // closes the file (a garbage-collection safety net only: close() is the way).
  std::shared_ptr<hugeview::MappedFile> core_ = std::make_shared<hugeview::MappedFile>();
  hugeview::MappedFile& file_ = *core_;
};

Napi::Value MappedFileWrap::IndexLines(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage =
      "Usage: mappedFile.indexLines({ from, newlinesBefore, to, everyLines, everyBytes, via: 'mmap' | 'pread' }, "
      "onProgress: (progress) => void)";
  if (info.Length() != 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  hugeview::LineIndexOptions options;
  // Each property is read once; a read that throws returns at once.
  const char* keys[] = {"from", "newlinesBefore", "to", "everyLines", "everyBytes"};
  uint64_t* fields[] = {&options.from, &options.newlines_before, &options.to, &options.every_lines, &options.every_bytes};
  for (size_t i = 0; i < 5; i++) {
    Napi::Value value;
    if (!GetProperty(o, keys[i], &value)) return env.Undefined();
    if (!IsOffset(value)) {
      Napi::TypeError::New(env, std::string(usage) + " — '" + keys[i] + "' must be a non-negative integer")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    *fields[i] = Offset(value);
  }
  Napi::Value via_value, unit_value;
  if (!GetProperty(o, "via", &via_value) || !GetProperty(o, "unit", &unit_value)) return env.Undefined();
  std::string via = via_value.IsString() ? via_value.As<Napi::String>().Utf8Value() : "";
  if (via != "mmap" && via != "pread") {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  options.via = via == "mmap" ? hugeview::ScanVia::kMapping : hugeview::ScanVia::kPread;
  hugeview::NewlineRule rule;
  if (!unit_value.IsUndefined() && !ParseUnit(unit_value, &rule)) {
    Napi::TypeError::New(env, std::string(usage) + " — unit must be 'byte', 'utf16le' or 'utf16be'").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  options.unit = rule.unit;
  options.big_endian = rule.big_endian;
  if (!ParseHoles(o, usage, &options.skip_holes)) return env.Undefined();
  if (!CheckOpen(env, "indexLines")) return env.Undefined();
  return hugeview::QueueLineIndexJob(env, core_, options, info[1].As<Napi::Function>());
}

Napi::Value MappedFileWrap::Search(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage =
      "Usage: mappedFile.search({ patterns: [{ bytes: Uint8Array, mask?: Uint8Array, caseInsensitive: boolean }], "
      "from, to, resumeAt }, onProgress: (batch) => void)";
  if (info.Length() != 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  Napi::Value from, to, resume_at, patterns_value;
  if (!GetProperty(o, "from", &from) || !GetProperty(o, "to", &to) || !GetProperty(o, "resumeAt", &resume_at) ||
      !GetProperty(o, "patterns", &patterns_value)) {
    return env.Undefined();
  }
  if (!IsOffset(from) || !IsOffset(to) || !IsOffset(resume_at) || !patterns_value.IsArray()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Array list = patterns_value.As<Napi::Array>();
  std::vector<hugeview::SearchPattern> patterns;
  for (uint32_t i = 0; i < list.Length(); i++) {
    Napi::Value item;
    if (!GetElement(list, i, &item)) return env.Undefined();
    if (!item.IsObject()) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    Napi::Object p = item.As<Napi::Object>();
    Napi::Value bytes, mask, case_insensitive;
    if (!GetProperty(p, "bytes", &bytes) || !GetProperty(p, "mask", &mask) ||
        !GetProperty(p, "caseInsensitive", &case_insensitive)) {
      return env.Undefined();
    }
    if (!bytes.IsTypedArray() || bytes.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array ||
        (!mask.IsUndefined() && (!mask.IsTypedArray() || mask.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array))) {
      Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
      return env.Undefined();
    }
    hugeview::SearchPattern pattern;
    Napi::Uint8Array b = bytes.As<Napi::Uint8Array>();
    pattern.bytes.assign(b.Data(), b.Data() + b.ElementLength());
    if (!mask.IsUndefined()) {
      Napi::Uint8Array m = mask.As<Napi::Uint8Array>();
      pattern.mask.assign(m.Data(), m.Data() + m.ElementLength());
    }
    pattern.ascii_case_insensitive = case_insensitive.ToBoolean();
    patterns.push_back(std::move(pattern));
  }
  hugeview::Searcher searcher;
  std::string message;
  if (!searcher.Init(std::move(patterns), &message)) {
    Napi::Error e = Napi::Error::New(env, "EPATTERN: " + message);
    e.Set("code", Napi::String::New(env, "EPATTERN"));
    e.ThrowAsJavaScriptException();
    return env.Undefined();
  }
  hugeview::ScanRangeSpec range;
  if (!ParseHoles(o, usage, &range.skip_holes)) return env.Undefined();
  if (!CheckOpen(env, "search")) return env.Undefined();
  range.from = Offset(from);
  range.to = Offset(to);
  range.resume_at = Offset(resume_at);
  return hugeview::QueueSearchJob(env, core_, std::move(searcher), range, info[1].As<Napi::Function>());
}

Napi::Value MappedFileWrap::Compare(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage =
      "Usage: mappedFile.compare(other: MappedFile, { from?, to?, maxRanges?, holes?: 'skip' | 'read' }, "
      "onProgress: (batch) => void)";
  Napi::FunctionReference* ctor = env.GetInstanceData<Napi::FunctionReference>();
  if (info.Length() != 3 || !info[0].IsObject() || !info[1].IsObject() || !info[2].IsFunction() ||
      !info[0].As<Napi::Object>().InstanceOf(ctor->Value())) {
    if (!env.IsExceptionPending()) Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  MappedFileWrap* other = Napi::ObjectWrap<MappedFileWrap>::Unwrap(info[0].As<Napi::Object>());
  Napi::Object o = info[1].As<Napi::Object>();
  hugeview::CompareOptions options;
  if (!OptionalOffset(o, "from", usage, &options.from) || !OptionalOffset(o, "to", usage, &options.to) ||
      !OptionalOffset(o, "maxRanges", usage, &options.max_ranges) || !ParseHoles(o, usage, &options.skip_holes)) {
    return env.Undefined();
  }
  if (!CheckOpen(env, "compare") || !other->CheckOpen(env, "compare")) return env.Undefined();
  return hugeview::QueueCompareJob(env, core_, other->core_, options, info[2].As<Napi::Function>());
}

Napi::Value MappedFileWrap::FileMap(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage =
      "Usage: mappedFile.fileMap({ bucketSize?: number, bucketCount?: number, from?, to?, holes?: 'skip' | 'read' }, "
      "onProgress: (batch) => void) — one of bucketSize (a multiple of 4096) or bucketCount";
  if (info.Length() != 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  hugeview::FileMapOptions options;
  uint64_t bucket_size = 0, bucket_count = 0;
  if (!OptionalOffset(o, "from", usage, &options.from) || !OptionalOffset(o, "to", usage, &options.to) ||
      !OptionalOffset(o, "bucketSize", usage, &bucket_size) || !OptionalOffset(o, "bucketCount", usage, &bucket_count) ||
      !ParseHoles(o, usage, &options.skip_holes)) {
    return env.Undefined();
  }
  if ((bucket_size == 0) == (bucket_count == 0) || bucket_size % hugeview::kFileMapBlock != 0) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (!CheckOpen(env, "fileMap")) return env.Undefined();
  if (bucket_count > 0) {
    // Whole blocks per bucket: the last bucket may be shorter, and there may be fewer buckets.
    const uint64_t span = std::min<uint64_t>(options.to, file_.size()) - std::min<uint64_t>(options.from, file_.size());
    const uint64_t per = (span + bucket_count - 1) / bucket_count;
    bucket_size = std::max<uint64_t>(1, (per + hugeview::kFileMapBlock - 1) / hugeview::kFileMapBlock) *
                  hugeview::kFileMapBlock;
  }
  options.bucket_size = bucket_size;
  return hugeview::QueueFileMapJob(env, core_, options, info[1].As<Napi::Function>());
}

Napi::Value MappedFileWrap::Strings(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* usage =
      "Usage: mappedFile.strings({ minLength: number, encodings: ('ascii' | 'latin1' | 'utf16le')[], from?, to?, "
      "holes?: 'skip' | 'read' }, onProgress: (batch) => void)";
  if (info.Length() != 2 || !info[0].IsObject() || !info[1].IsFunction()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Object o = info[0].As<Napi::Object>();
  hugeview::StringsOptions options;
  options.min_length = 0;
  Napi::Value encodings;
  if (!OptionalOffset(o, "from", usage, &options.from) || !OptionalOffset(o, "to", usage, &options.to) ||
      !OptionalOffset(o, "minLength", usage, &options.min_length) || !ParseHoles(o, usage, &options.skip_holes) ||
      !GetProperty(o, "encodings", &encodings)) {
    return env.Undefined();
  }
  if (options.min_length == 0 || !encodings.IsArray()) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Array list = encodings.As<Napi::Array>();
  options.encodings = 0;
  for (uint32_t i = 0; i < list.Length(); i++) {
    Napi::Value item;
    if (!GetElement(list, i, &item)) return env.Undefined();
    std::string name = item.IsString() ? item.As<Napi::String>().Utf8Value() : "";
    uint32_t bit = 0;
    if (name == "ascii") bit = hugeview::kStringAscii;
    if (name == "latin1") bit = hugeview::kStringLatin1;
    if (name == "utf16le") bit = hugeview::kStringUtf16le;
    if (bit == 0 || (options.encodings & bit) != 0 ||
        (bit != hugeview::kStringUtf16le && (options.encodings & ~uint32_t{hugeview::kStringUtf16le}) != 0)) {
      Napi::TypeError::New(env, std::string(usage) + " — each encoding once, and 'ascii' or 'latin1', not both")
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    options.encodings |= bit;
  }
  if (options.encodings == 0) {
    Napi::TypeError::New(env, usage).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (!CheckOpen(env, "strings")) return env.Undefined();
  return hugeview::QueueStringsJob(env, core_, options, info[1].As<Napi::Function>());
}

Napi::Value Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1 || !info[0].IsString()) {
    Napi::TypeError::New(env, "Usage: open(path: string)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::FunctionReference* ctor = env.GetInstanceData<Napi::FunctionReference>();
  return ctor->New({info[0]});
}

// privateCopy(bytes: Uint8Array) → { size, read(offset, target), readUnguarded(offset, target) }:
// the bytes in private anonymous memory, for measuring what the fault guard
// costs. Unguarded copies exist only here, where no file can be truncated.
Napi::Value PrivateCopy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1 || !info[0].IsTypedArray() ||
      info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array) {
    Napi::TypeError::New(env, "Usage: privateCopy(bytes: Uint8Array)").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  std::shared_ptr<hugeview::Mapping> copy;
  Error err;
  if (hugeview::MapPrivateCopy(bytes.Data(), bytes.ElementLength(), &copy, &err) != Status::kOk) {
    ToJsError(env, err).ThrowAsJavaScriptException();
    return env.Undefined();
  }
  if (!copy) copy = std::make_shared<hugeview::Mapping>(nullptr, 0);
  Napi::Object result = Napi::Object::New(env);
  result.Set("size", Napi::Number::New(env, static_cast<double>(copy->length())));
  MappedFileWrap::AttachFastRead<hugeview::Mapping, MappedFileWrap::Way::kGuarded>(env, result, copy, "read");
  MappedFileWrap::AttachFastRead<hugeview::Mapping, MappedFileWrap::Way::kUnguarded>(env, result, copy, "readUnguarded");
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  Napi::Function ctor = MappedFileWrap::Define(env);
  env.SetInstanceData(new Napi::FunctionReference(Napi::Persistent(ctor)));
  exports.Set("MappedFile", ctor);
  exports.Set("open", Napi::Function::New(env, Open, "open"));
  exports.Set("privateCopy", Napi::Function::New(env, PrivateCopy, "privateCopy"));
  return exports;
}

}  // namespace

NODE_API_MODULE(hugeview, Init)
