// The binary-analysis jobs as JavaScript sees them (compare, file map,
// strings): each runs one core call (CompareFiles, MapFile, FindStrings) off
// the JS thread and hands back { promise, cancel() }, as jobs.h does for the
// line index and search. binding.cc parses the arguments and queues one.
#pragma once

#include <napi.h>

#include <memory>

#include "compare.h"
#include "file_map.h"
#include "mapped_file.h"
#include "printable_runs.h"

namespace hugeview {

Napi::Object QueueCompareJob(Napi::Env env, std::shared_ptr<MappedFile> left, std::shared_ptr<MappedFile> right,
                             CompareOptions options, Napi::Function on_progress);

Napi::Object QueueFileMapJob(Napi::Env env, std::shared_ptr<MappedFile> file, FileMapOptions options,
                             Napi::Function on_progress);

Napi::Object QueueStringsJob(Napi::Env env, std::shared_ptr<MappedFile> file, StringsOptions options,
                             Napi::Function on_progress);

}  // namespace hugeview
