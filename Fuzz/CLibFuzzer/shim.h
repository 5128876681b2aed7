// libFuzzer's driver entry point (compiler-rt, linked by -sanitize=fuzzer). The fuzz targets'
// main functions call it: SwiftPM links every executable with `--defsym main=<module>_main`, so
// the main libFuzzer brings along is never the one that runs (see Fuzz/support/FuzzDriver.swift).
#ifndef PORTAL_ARCHIVER_CLIBFUZZER_SHIM_H
#define PORTAL_ARCHIVER_CLIBFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
