{
  "targets": [
    {
      "target_name": "hugeview",
      "sources": [
        "native/binding.cc",
        "native/jobs.cc",
        "native/mapped_file.cc",
        "native/mapped_file_posix.cc",
        "native/fault_guard_posix.cc",
        "native/mapped_file_win.cc",
        "native/fault_guard_win.cc",
        "native/line_index.cc",
        "native/search.cc",
        "native/scan.cc",
        "native/level_count.cc",
        "native/level_count_job.cc",
        "native/holes.cc",
        "native/compare.cc",
        "native/file_map.cc",
        "native/printable_runs.cc",
        "native/binary_jobs.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": [
        "NAPI_VERSION=8",
        "NAPI_DISABLE_CPP_EXCEPTIONS",
        "NODE_API_NO_EXTERNAL_BUFFERS_ALLOWED",
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"
      ],
      "cflags_cc": ["-std=c++17", "-O2", "-fvisibility=hidden", "-Wall", "-Wextra"],
      "cflags_cc!": ["-fno-exceptions"],
      "xcode_settings": {
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_SYMBOLS_PRIVATE_EXTERN": "YES",
        "MACOSX_DEPLOYMENT_TARGET": "11.0"
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17"], "ExceptionHandling": 2 }
      }
    }
  ]
}
