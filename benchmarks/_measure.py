"""CPU time and peak memory of the current process, as every benchmark reports them."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


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


# Every system is measured on one core, so numpy's linear algebra runs on its calling thread.
# OpenBLAS's pool of threads, idle as it is, made spaCy's NER take a fifth more CPU (1,000
# Reuters texts: 11.3-11.9 CPU-s against 9.5-9.9, its CPU time equal to its wall time either
# way), as does any second thread in the process (pandas' Arrow strings start a pool).
ONE_CORE = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def worker(script: str, args: Sequence[str], *, env: dict[str, str] | None = None) -> dict:
    """Runs ``script`` with ``args`` in a fresh Python process (so that its CPU time and peak
    memory are its own), its numerical libraries on one thread, and returns the JSON object
    it printed last."""
    out = subprocess.run([sys.executable, script, *args], check=True, capture_output=True, text=True, env={**os.environ, **ONE_CORE, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


def least_of_turns(configs: Sequence[T], run: Callable[[T], dict], repeats: int, *, by: Callable[[int], str], rss: str) -> list[dict]:
    """Each configuration run `repeats` times, the configurations taking turns, and of each the
    run with the least ``by(index)`` (a time), carrying the largest peak RSS (``rss``) of its runs.

    A shared machine only ever adds time to a run (another tenant's work, a cooler clock), and
    taking turns spreads a noisy spell over every configuration rather than one.
    """
    runs: list[list[dict]] = [[] for _ in configs]
    for _ in range(max(repeats, 1)):
        for config, done in zip(configs, runs):
            done.append(run(config))
    return [{**min(done, key=lambda r: r[by(k)]), rss: max(r[rss] for r in done), "runs": done} for k, done in enumerate(runs)]
