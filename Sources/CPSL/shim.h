// libpsl for Swift: the Public Suffix List (registrable domains for scope.subdomains).
#ifndef PORTAL_ARCHIVER_CPSL_SHIM_H
#define PORTAL_ARCHIVER_CPSL_SHIM_H
#include <libpsl.h>
#endif
