//! How much memory the process may still take, where the system says: a result too large for
//! it is refused with a clear error before it is built, rather than the process being killed.

/// Bytes the process may still allocate: the kernel's estimate of available memory, or what
/// is left under the container's limit if that is less; `None` where neither is known.
pub fn available() -> Option<u64> {
    let read = |path: &str| std::fs::read_to_string(path).ok();
    let meminfo = read("/proc/meminfo").and_then(|s| mem_available(&s));
    let number = |path: &str| read(path)?.trim().parse::<u64>().ok();
    let room = |limit: Option<u64>, used: Option<u64>| Some(limit?.saturating_sub(used?));
    // cgroup v2, then v1, as a container sees its own group. "max" (v2) and a near-2^63 limit
    // (v1) mean none; neither parses, or is larger than any machine's memory.
    let v2 = room(number("/sys/fs/cgroup/memory.max"), number("/sys/fs/cgroup/memory.current"));
    let v1 = room(number("/sys/fs/cgroup/memory/memory.limit_in_bytes").filter(|&l| l < 1 << 60), number("/sys/fs/cgroup/memory/memory.usage_in_bytes"));
    [meminfo, v2, v1].into_iter().flatten().min()
}

/// `MemAvailable` of /proc/meminfo, in bytes.
fn mem_available(meminfo: &str) -> Option<u64> {
    let kib = meminfo.lines().find_map(|l| l.strip_prefix("MemAvailable:"))?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()?;
    Some(kib * 1024)
}

/// A number of bytes in gigabytes, for messages ("37.3 GB").
pub fn gigabytes(bytes: u64) -> String {
    format!("{:.1} GB", bytes as f64 / 1e9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn available_memory_is_read_from_the_kernels_figures() {
        assert_eq!(mem_available("MemTotal:  100 kB\nMemAvailable:   2048 kB\n"), Some(2 << 20));
        assert_eq!(mem_available("MemTotal: 100 kB\n"), None);
        assert_eq!(gigabytes(37_300_000_000), "37.3 GB");
        // Linux says; the figure is at most what the machine has.
        if cfg!(target_os = "linux") {
            let total = std::fs::read_to_string("/proc/meminfo").unwrap();
            let total = total.lines().find_map(|l| l.strip_prefix("MemTotal:")).unwrap().trim().strip_suffix("kB").unwrap().trim().parse::<u64>().unwrap() * 1024;
            assert!(available().is_some_and(|a| a > 0 && a <= total));
        }
    }
}
