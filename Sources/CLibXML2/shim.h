// libxml2 for Swift. Debian's libxml2 is built with ICU, whose headers clash with the Swift
// toolchain's ICU ('UErrorCode has different definitions'), so ICU is switched off before the
// other libxml2 headers are read. xmlFree is a global function-pointer variable that Swift 6
// rejects; pa_xmlFree wraps it.
#ifndef PORTAL_ARCHIVER_CLIBXML2_SHIM_H
#define PORTAL_ARCHIVER_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

static inline void pa_xmlFree(void *p) { xmlFree(p); }
#endif
