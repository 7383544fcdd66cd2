#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>
// Typed wrappers for libcurl's variadic calls live here (implemented by the index-client work).
#endif
