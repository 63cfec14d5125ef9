// The fault guard (POSIX). When another process truncates a mapped file, a
// read of a page past the new end raises SIGBUS, which would kill the VS Code
// extension host and every extension in it. Every copy out of a mapping runs
// under this guard: a thread-local marker holds the range being copied, and
// the handler jumps out of the copy only for faults inside that range. Every
// other fault goes to the handler that was installed before ours (Node's
// WebAssembly trap handler lives there). Model: Firefox's MmapFaultHandler.
#ifndef _WIN32

#include <setjmp.h>
#include <signal.h>
#include <string.h>

#include <atomic>
#include <mutex>

#include "mapped_file.h"

namespace hugeview {
namespace {

struct GuardFrame {
  const char* begin;
  const char* end;
  sigjmp_buf jump;
};

// initial-exec: reading it from the signal handler must not allocate (the
// default TLS model in a shared object may call __tls_get_addr, which can).
// volatile: at -O2 the compiler may otherwise sink or drop the stores around
// the memcpy, leaving the marker unset while the copy faults.
__attribute__((tls_model("initial-exec"))) thread_local GuardFrame* volatile tls_frame = nullptr;

struct sigaction previous_bus;
struct sigaction previous_segv;

void Forward(int sig, siginfo_t* info, void* context) {
  const struct sigaction& previous = sig == SIGBUS ? previous_bus : previous_segv;
  if (previous.sa_flags & SA_SIGINFO) {
    previous.sa_sigaction(sig, info, context);
    return;
  }
  if (previous.sa_handler == SIG_IGN) return;
  if (previous.sa_handler == SIG_DFL) {
    // Restore the default action; returning re-runs the faulting
    // instruction, which now terminates the process as it would have.
    signal(sig, SIG_DFL);
    return;
  }
  previous.sa_handler(sig);
}

void OnFault(int sig, siginfo_t* info, void* context) {
  GuardFrame* frame = tls_frame;
  const char* address = static_cast<const char*>(info->si_addr);
  if (frame != nullptr && address >= frame->begin && address < frame->end) {
    tls_frame = nullptr;
    siglongjmp(frame->jump, 1);
  }
  Forward(sig, info, context);
}

}  // namespace

void InstallFaultGuard() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = OnFault;
    // SA_NODEFER: the signal stays unblocked after we jump out, so the jump
    // buffer need not save the signal mask (a syscall on every copy).
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &previous_bus);
    sigaction(SIGSEGV, &action, &previous_segv);
  });
}

namespace {

// Runs body() with [begin, begin+length) marked; false when a read there faulted.
// A template (not a function pointer) so the hot 16-byte copy pays no indirect call.
template <typename Body>
bool Guarded(const void* begin, size_t length, Body&& body) {
  GuardFrame frame;
  frame.begin = static_cast<const char*>(begin);
  frame.end = frame.begin + length;
  if (sigsetjmp(frame.jump, 0) != 0) {
    std::atomic_signal_fence(std::memory_order_seq_cst);
    tls_frame = nullptr;
    return false;
  }
  tls_frame = &frame;
  std::atomic_signal_fence(std::memory_order_seq_cst);
  body();
  std::atomic_signal_fence(std::memory_order_seq_cst);
  tls_frame = nullptr;
  return true;
}

}  // namespace

bool GuardedCopy(void* target, const void* src, size_t length) {
  if (length == 0) return true;
  return Guarded(src, length, [&] { memcpy(target, src, length); });
}

bool GuardedCall(const void* begin, size_t length, void (*fn)(void* context), void* context) {
  return Guarded(begin, length, [&] { fn(context); });
}

}  // namespace hugeview

#endif  // !_WIN32
