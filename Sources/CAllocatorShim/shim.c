#include "CAllocatorShim.h"
/* A C library header first: it is what defines __GLIBC__ (without one, the tuning below compiled to nothing). */
#include <stdlib.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

int pinaudit_allocator_is_tunable(void) {
#if defined(__GLIBC__)
    return 1;
#else
    return 0;
#endif
}

void pinaudit_tune_allocator(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
    /* Grow (and trim) each heap 8 MiB past what is asked: with the default 128 KiB, the worker
       threads' heaps grew by an mprotect call about every 128 KiB allocated (1,500 calls in a
       warm audit), each taking the address-space lock that the other threads' page faults wait for. */
    mallopt(M_TOP_PAD, 8 * 1024 * 1024);
#endif
}
