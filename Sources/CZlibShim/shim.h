// zlib for Swift (named CZlibShim because ZIPFoundation already defines a module CZlib): deflateInit2/inflateInit2 are macros, wrapped here as functions.
#ifndef PORTAL_ARCHIVER_CZLIB_SHIM_H
#define PORTAL_ARCHIVER_CZLIB_SHIM_H
#include <zlib.h>
static inline int pa_deflateInit2(z_streamp s, int level, int method, int windowBits, int memLevel, int strategy) {
  return deflateInit2(s, level, method, windowBits, memLevel, strategy);
}
static inline int pa_inflateInit2(z_streamp s, int windowBits) { return inflateInit2(s, windowBits); }
#endif
