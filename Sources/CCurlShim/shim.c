#include "CCurlShim.h"
#include <string.h>

CURLcode pinaudit_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

CURLcode pinaudit_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode pinaudit_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode pinaudit_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode pinaudit_easy_setopt_data_callback(CURL *handle, CURLoption option, pinaudit_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode pinaudit_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode pinaudit_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode pinaudit_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode pinaudit_easy_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode pinaudit_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode pinaudit_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode pinaudit_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode pinaudit_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}
CURLMcode pinaudit_multi_setopt_pointer(CURLM *handle, CURLMoption option, void *value) {
    return curl_multi_setopt(handle, option, value);
}

int pinaudit_multi_next_done(CURLM *handle, CURL **easy, CURLcode *result) {
    int queued = 0;
    CURLMsg *message;
    while ((message = curl_multi_info_read(handle, &queued)) != NULL) {
        if (message->msg == CURLMSG_DONE) {
            *easy = message->easy_handle;
            *result = message->data.result;
            return 1;
        }
    }
    return 0;
}

long pinaudit_pipe_multiplex(void) { return CURLPIPE_MULTIPLEX; }

int pinaudit_inflate_raw(const unsigned char *input, size_t inputLength,
                         unsigned char *output, size_t outputCapacity, size_t *produced) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    *produced = 0;
    int status = inflateInit2(&stream, -15);
    if (status != Z_OK) return status;
    stream.next_in = (Bytef *)input;
    stream.next_out = output;
    // Feed and drain in pieces of at most 1 GiB, since zlib counts in `uInt`.
    size_t inputLeft = inputLength, outputLeft = outputCapacity;
    do {
        uInt inChunk = inputLeft > (1u << 30) ? (1u << 30) : (uInt)inputLeft;
        uInt outChunk = outputLeft > (1u << 30) ? (1u << 30) : (uInt)outputLeft;
        stream.avail_in = inChunk;
        stream.avail_out = outChunk;
        status = inflate(&stream, Z_NO_FLUSH);
        inputLeft -= inChunk - stream.avail_in;
        outputLeft -= outChunk - stream.avail_out;
        if (status == Z_OK && (inChunk - stream.avail_in) == 0 && (outChunk - stream.avail_out) == 0) {
            status = Z_BUF_ERROR;
        }
    } while (status == Z_OK);
    *produced = outputCapacity - outputLeft;
    inflateEnd(&stream);
    return status;
}

int pinaudit_deflate_raw(const unsigned char *input, size_t inputLength,
                         unsigned char *output, size_t outputCapacity, size_t *produced) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    *produced = 0;
    int status = deflateInit2(&stream, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    if (status != Z_OK) return status;
    stream.next_in = (Bytef *)input;
    stream.avail_in = (uInt)inputLength;
    stream.next_out = output;
    stream.avail_out = (uInt)outputCapacity;
    status = deflate(&stream, Z_FINISH);
    *produced = outputCapacity - stream.avail_out;
    deflateEnd(&stream);
    return status;
}

unsigned long pinaudit_crc32(const unsigned char *input, size_t inputLength) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (inputLength > 0) {
        uInt chunk = inputLength > (1u << 30) ? (1u << 30) : (uInt)inputLength;
        crc = crc32(crc, input, chunk);
        input += chunk;
        inputLength -= chunk;
    }
    return crc;
}

#if defined(__GLIBC__)
#include <malloc.h>
#endif

void pinaudit_tune_allocator(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    /* Grow (and trim) each heap 8 MiB past what is asked: with the default 128 KiB, the worker
       threads' heaps grew by an mprotect call about every 128 KiB allocated (1,500 calls in a
       warm audit), each taking the address-space lock that the other threads' page faults wait for. */
    mallopt(M_TOP_PAD, 8 * 1024 * 1024);
#endif
}
