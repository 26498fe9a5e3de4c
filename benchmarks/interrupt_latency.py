"""How long Ctrl-C takes to return control from a long call into the core.

A child process starts one long `comention.analyze` call (a single batch, so the core is busy
throughout), the parent sends SIGINT after a delay and measures until the child has raised
KeyboardInterrupt and exited (interpreter teardown included, so this over-states the latency).

    python benchmarks/interrupt_latency.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import signal
import statistics
import subprocess
import sys
import textwrap
import time

CASES = {
    "48 documents of 1 MB in one batch": "texts = [''.join(para.format(i) for i in range(12_000)) for _ in range(48)]",
    "one 50 MB document": "texts = [''.join(para.format(i) for i in range(600_000))]",
}

CHILD = textwrap.dedent(
    """
    import comention
    para = "Maria Keller met Acme Corp. executives in Berlin on day {{}}, officials said.\\n\\n"
    {make}
    print("started", flush=True)
    comention.analyze(texts, batch_size=len(texts), threads=2, progress=False)
    print("finished", flush=True)
    """
)


def latency(make: str, delay: float) -> float:
    """Seconds from SIGINT to the child's exit; fails if the child finished its work."""
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(make=make)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    if child.stdout.readline().strip() != "started":
        raise SystemExit(child.communicate()[1])
    time.sleep(delay)
    sent = time.perf_counter()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=300)
    took = time.perf_counter() - sent
    if "finished" in out or "KeyboardInterrupt" not in err:
        raise SystemExit(f"the call was not interrupted:\n{out}\n{err[-2000:]}")
    return took


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--delay", type=float, default=2.0, help="seconds of work before the interrupt")
    args = p.parse_args()
    print(f"Ctrl-C latency (SIGINT to process exit), {args.repeats} runs each, interrupt after {args.delay} s")
    for name, make in CASES.items():
        runs = [latency(make, args.delay) for _ in range(args.repeats)]
        print(f"  {name:36s} median {statistics.median(runs) * 1000:6.0f} ms   max {max(runs) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
