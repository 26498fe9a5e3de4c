"""Per-document time limits and Ctrl-C during a long call into the core."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

import comention
from comention import InvalidInputError

TEXTS = [
    "Maria Keller met Acme Corp. executives in Berlin.",
    None,
    "Officials in Paris said talks with Keller would resume.",
]


def test_a_spent_time_limit_leaves_an_error_record_per_document() -> None:
    docs = comention.clean(TEXTS, time_limit=0.0)
    assert docs["doc_id"].tolist() == ["0", "1", "2"]
    errors = docs["error"].tolist()
    assert errors[0].startswith('time limit of 0.000 s exceeded while processing document "0"')
    assert errors[1].startswith("missing text")
    assert "time limit" in errors[2]
    result = comention.analyze(TEXTS, time_limit=0.0)
    assert len(result.documents) == 3 and result.mentions.empty


def test_a_generous_time_limit_changes_nothing() -> None:
    free = comention.mentions(TEXTS)
    limited = comention.mentions(TEXTS, time_limit=600.0)
    assert limited.equals(free) and len(free) >= 4


@pytest.mark.parametrize("bad", [-1.0, float("nan"), float("inf")])
def test_a_time_limit_must_be_a_duration(bad: float) -> None:
    with pytest.raises(InvalidInputError, match="time_limit"):
        comention.mentions(TEXTS, time_limit=bad)


# About 50 MB: without interruption it takes many CPU-seconds inside the core. In one batch
# the call is interrupted inside one core call; in four, the next batch is being processed on
# a helper thread (read ahead), which the Ctrl-C must stop too.
CHILD = textwrap.dedent(
    """
    import sys, threading, comention
    para = "Maria Keller met Acme Corp. executives in Berlin on day {}, officials said.\\n\\n"
    texts = ["".join(para.format(i) for i in range(12_000)) for _ in range(48)]
    print("started", flush=True)
    try:
        comention.analyze(texts, batch_size=int(sys.argv[1]), threads=2, progress=False)
        print("finished", flush=True)
    except KeyboardInterrupt:
        ahead = [t.name for t in threading.enumerate() if t.name.startswith("comention-ahead")]
        print("interrupted, threads reading ahead:", ahead, flush=True)
        raise
    """
)


@pytest.mark.parametrize("batch_size", [48, 12])
def test_ctrl_c_stops_a_running_batch_with_keyboard_interrupt(batch_size: int) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(batch_size)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "started"
    # Let the batch get well inside the core before interrupting it.
    try:
        child.wait(timeout=1.5)
    except subprocess.TimeoutExpired:
        pass
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)  # a hang guard, not a speed requirement
    assert "finished" not in out, "the batch ran to its end instead of stopping"
    assert "interrupted, threads reading ahead: []" in out, out + err[-2000:]
    assert child.returncode != 0
    assert "KeyboardInterrupt" in err, err[-2000:]
