import CAllocatorShim

/// How the process's allocator treats large buffers.
public enum ProcessMemory {
    /// For a process that downloads and decodes documents of up to tens of megabytes. glibc by
    /// default raises its mmap threshold each time a large mapped buffer is freed (up to 32 MB),
    /// after which freed bodies stay in the heap: the audit of the Airflow constraints peaked
    /// 35 MB higher. A fixed threshold of 4 MiB keeps large bodies mapped and handed back on
    /// free, while smaller buffers stay in the heap (a lower threshold slowed warm runs, which
    /// then mapped and unmapped every mid-sized array). Heaps also grow 8 MiB at a time rather
    /// than 128 KiB, which spares a warm audit about 1,500 `mprotect` calls (each takes the lock
    /// of the address space, serializing the worker threads). Call once, early; a no-op off glibc.
    public static func tuneForLargeDocuments() {
        pinaudit_tune_allocator()
    }

    /// Whether `tuneForLargeDocuments` changes anything: true when built against glibc.
    public static var isTunable: Bool { pinaudit_allocator_is_tunable() == 1 }
}
