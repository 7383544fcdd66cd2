#ifndef CCURLSHIM_H
#define CCURLSHIM_H
#include <curl/curl.h>

// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
// Each wrapper passes exactly one argument of the type the option documents.

typedef size_t (*pinaudit_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

CURLcode pinaudit_global_init(void);

CURLcode pinaudit_easy_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode pinaudit_easy_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode pinaudit_easy_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode pinaudit_easy_setopt_data_callback(CURL *handle, CURLoption option, pinaudit_data_callback value);
CURLcode pinaudit_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode pinaudit_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

CURLcode pinaudit_easy_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode pinaudit_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode pinaudit_easy_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode pinaudit_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode pinaudit_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode pinaudit_multi_setopt_long(CURLM *handle, CURLMoption option, long value);
CURLMcode pinaudit_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value);

/// Reads the next finished transfer from the multi handle: returns 1 and fills `easy` and
/// `result` when one is done, 0 when no more messages are queued.
int pinaudit_multi_next_done(CURLM *handle, CURL **easy, CURLcode *result);

/// CURLPIPE_MULTIPLEX, as a long (the macro is not importable everywhere).
long pinaudit_pipe_multiplex(void);

#endif
