fn main() {
    one_malloc_arena();
    std::process::exit(mlpath::main_exit_code());
}

/// An import parses on helper threads; glibc would give each its own malloc arena, and the
/// items they build would keep those arenas alive (3 MB more peak memory for 10,000 items).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn one_malloc_arena() {
    const M_ARENA_MAX: std::ffi::c_int = -8;
    unsafe extern "C" {
        fn mallopt(param: std::ffi::c_int, value: std::ffi::c_int) -> std::ffi::c_int;
    }
    // SAFETY: mallopt only tunes the allocator, and runs before any other thread starts.
    unsafe {
        mallopt(M_ARENA_MAX, 1);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
