// countLevels() as JavaScript sees it: argument checks, then a background job
// running CountLevels (level_count.h) off the JS thread.
#pragma once

#include <napi.h>

#include <memory>

#include "mapped_file.h"

namespace hugeview {

// mappedFile.countLevels({ from, to, buckets }, onProgress) → { promise, cancel() }.
Napi::Value CountLevelsMethod(const Napi::CallbackInfo& info, const std::shared_ptr<MappedFile>& file);

}  // namespace hugeview
