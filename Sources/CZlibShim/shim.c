#include "CZlibShim.h"
#include <string.h>

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
