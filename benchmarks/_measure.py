"""CPU time and peak memory of the current process, as every benchmark reports them."""

from __future__ import annotations

import resource


def cpu_seconds() -> float:
    """User + system CPU-seconds of this process, all threads."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_mb() -> float:
    """This process's own peak resident memory in MB.

    Linux's ``ru_maxrss`` carries the parent's peak across fork + exec, so a worker started by a
    benchmark that loaded a corpus would report the parent's memory; ``VmHWM`` belongs to the
    process's own address space.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
