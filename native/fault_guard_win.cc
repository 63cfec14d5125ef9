// The fault guard (Windows). A read of a page whose backing vanished (file
// truncated on a network share, disk error) raises EXCEPTION_IN_PAGE_ERROR;
// the guard catches only that exception, only for addresses inside the range
// being read: __try/__except with MSVC, a vectored handler that jumps out of
// the read with mingw. Written to the documented APIs; CI compiles it with
// mingw-w64 as a check.
#ifdef _WIN32

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <setjmp.h>
#include <string.h>

#include "mapped_file.h"

namespace hugeview {
namespace {

#if !defined(_MSC_VER)
// mingw has no __try/__except: a vectored handler jumps out of the copy.
// GCC and Clang on x86-64 have __builtin_setjmp (buffer: void*[5]); Clang has
// none for AArch64 (the win32-arm64 prebuild), which uses the CRT's setjmp.
#if defined(__aarch64__)
using JumpBuffer = jmp_buf;
#define HUGEVIEW_SETJMP(buffer) setjmp(buffer)
#define HUGEVIEW_LONGJMP(buffer) longjmp(buffer, 1)
#else
using JumpBuffer = void* [5];
#define HUGEVIEW_SETJMP(buffer) __builtin_setjmp(buffer)
#define HUGEVIEW_LONGJMP(buffer) __builtin_longjmp(buffer, 1)
#endif
struct GuardFrame {
  const char* begin;
  const char* end;
  JumpBuffer jump;
};
thread_local GuardFrame* volatile tls_frame = nullptr;

LONG CALLBACK OnException(EXCEPTION_POINTERS* info) {
  GuardFrame* frame = tls_frame;
  const EXCEPTION_RECORD* record = info->ExceptionRecord;
  if (frame != nullptr && record->ExceptionCode == EXCEPTION_IN_PAGE_ERROR && record->NumberParameters >= 2) {
    const char* address = reinterpret_cast<const char*>(record->ExceptionInformation[1]);
    if (address >= frame->begin && address < frame->end) {
      tls_frame = nullptr;
      HUGEVIEW_LONGJMP(frame->jump);
    }
  }
  return EXCEPTION_CONTINUE_SEARCH;
}
#endif

}  // namespace

void InstallFaultGuard() {
#if !defined(_MSC_VER)
  static PVOID handler = AddVectoredExceptionHandler(1, OnException);
  (void)handler;
#endif
}

#if defined(_MSC_VER)
static int IsGuardedFault(EXCEPTION_POINTERS* info, const char* begin, const char* end) {
  const EXCEPTION_RECORD* record = info->ExceptionRecord;
  if (record->ExceptionCode != EXCEPTION_IN_PAGE_ERROR || record->NumberParameters < 2)
    return EXCEPTION_CONTINUE_SEARCH;
  const char* address = reinterpret_cast<const char*>(record->ExceptionInformation[1]);
  return address >= begin && address < end ? EXCEPTION_EXECUTE_HANDLER : EXCEPTION_CONTINUE_SEARCH;
}

bool GuardedCopy(void* target, const void* src, size_t length) {
  const char* begin = static_cast<const char*>(src);
  __try {
    memcpy(target, src, length);
  } __except (IsGuardedFault(GetExceptionInformation(), begin, begin + length)) {
    return false;
  }
  return true;
}

bool GuardedCall(const void* begin, size_t length, void (*fn)(void* context), void* context) {
  const char* start = static_cast<const char*>(begin);
  __try {
    fn(context);
  } __except (IsGuardedFault(GetExceptionInformation(), start, start + length)) {
    return false;
  }
  return true;
}
#else
bool GuardedCall(const void* begin, size_t length, void (*fn)(void* context), void* context) {
  GuardFrame frame;
  frame.begin = static_cast<const char*>(begin);
  frame.end = frame.begin + length;
  if (HUGEVIEW_SETJMP(frame.jump) != 0) {
    tls_frame = nullptr;
    return false;
  }
  tls_frame = &frame;
  fn(context);
  tls_frame = nullptr;
  return true;
}

bool GuardedCopy(void* target, const void* src, size_t length) {
  if (length == 0) return true;
  struct Copy {
    void* target;
    const void* src;
    size_t length;
    static void Run(void* self) {
      auto* c = static_cast<Copy*>(self);
      memcpy(c->target, c->src, c->length);
    }
  } copy{target, src, length};
  return GuardedCall(src, length, Copy::Run, &copy);
}
#endif

}  // namespace hugeview

#endif  // _WIN32
