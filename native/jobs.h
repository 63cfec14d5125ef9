// The background jobs (line index, search) as JavaScript sees them: each
// runs one core call (IndexLines, ScanRange) off the JS thread and hands back
// { promise, cancel() }. binding.cc parses the arguments and queues one.
#pragma once

#include <napi.h>

#include <memory>

#include "line_index.h"
#include "mapped_file.h"
#include "scan.h"
#include "search.h"

namespace hugeview {

Napi::Object QueueLineIndexJob(Napi::Env env, std::shared_ptr<MappedFile> file, LineIndexOptions options,
                               Napi::Function on_progress);

Napi::Object QueueSearchJob(Napi::Env env, std::shared_ptr<MappedFile> file, Searcher searcher, ScanRangeSpec range,
                            Napi::Function on_progress);

}  // namespace hugeview
