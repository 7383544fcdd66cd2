#ifndef CZLIBSHIM_H
#define CZLIBSHIM_H
#include <stddef.h>
#include <zlib.h>

// zlib's raw deflate streams (ZIP method 8) and CRC-32, for wheel metadata: zlib's stream setup is
// macros, which Swift cannot call.

/// Inflates one raw deflate stream (no zlib or gzip wrapper, as in ZIP method 8) into `output`.
/// Returns Z_STREAM_END when the whole stream fit, Z_BUF_ERROR when `output` is too small or
/// `input` ends early, or another zlib error; `produced` is the number of bytes written.
/// (`inflateInit2` is a macro, which Swift cannot call.)
int pinaudit_inflate_raw(const unsigned char *input, size_t inputLength,
                         unsigned char *output, size_t outputCapacity, size_t *produced);

/// Deflates `input` as one raw deflate stream at level 9 into `output`; returns Z_STREAM_END on
/// success. Used by tests to build wheels.
int pinaudit_deflate_raw(const unsigned char *input, size_t inputLength,
                         unsigned char *output, size_t outputCapacity, size_t *produced);

/// CRC-32 of a buffer (ZIP's checksum).
unsigned long pinaudit_crc32(const unsigned char *input, size_t inputLength);

#endif
