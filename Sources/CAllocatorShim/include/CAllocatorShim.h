#ifndef CALLOCATORSHIM_H
#define CALLOCATORSHIM_H

/// glibc only (elsewhere a no-op): map buffers of 4 MiB and more, so that large response bodies
/// go back to the system when freed. See ProcessMemory in PackageIndexClient.
void pinaudit_tune_allocator(void);

/// 1 when `pinaudit_tune_allocator` tunes anything (built against glibc), else 0.
int pinaudit_allocator_is_tunable(void);

#endif
