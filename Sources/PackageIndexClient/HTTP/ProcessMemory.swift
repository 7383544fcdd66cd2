import CCurlShim

/// How the process's allocator treats large buffers.
public enum ProcessMemory {
    /// For a process that downloads and decodes documents of up to tens of megabytes on several
    /// threads. glibc by default raises its mmap threshold after the first large buffer is freed
    /// and gives each thread an arena, so freed bodies stay in the process (the audit of the
    /// Airflow constraints peaked 50 MB higher). After this, large buffers are mapped and handed
    /// back on free, and two arenas serve all threads. Call once, early; a no-op off glibc.
    public static func tuneForLargeDocuments() {
        pinaudit_tune_allocator()
    }
}
