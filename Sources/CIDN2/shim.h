// libidn2 for Swift: IDNA (UTS #46 non-transitional mapping, IDNA2008) for URL hosts.
#ifndef PORTAL_ARCHIVER_CIDN2_SHIM_H
#define PORTAL_ARCHIVER_CIDN2_SHIM_H
#include <idn2.h>
#include <stdlib.h>

/// Converts a NUL-terminated UTF-8 domain to its ASCII form as the WHATWG URL Standard's
/// "domain to ASCII" does (UTS #46 non-transitional processing). Returns IDN2_OK and a
/// malloc'ed string in *out (release it with pa_idn2_free), or a negative libidn2 error code.
static inline int pa_idn2_to_ascii(const char *domain, char **out) {
  return idn2_to_ascii_8z(domain, out, IDN2_NONTRANSITIONAL);
}

static inline void pa_idn2_free(char *p) { idn2_free(p); }

/// Converts a NUL-terminated ASCII (punycode) domain to UTF-8 for display: each "xn--" label
/// decoded (idn2_to_unicode_8z8z, no further checks). Returns IDN2_OK and a malloc'ed string in
/// *out (release it with pa_idn2_free), or a negative libidn2 error code.
static inline int pa_idn2_to_unicode(const char *domain, char **out) {
  return idn2_to_unicode_8z8z(domain, out, 0);
}

#endif
