"""tui.hangup on its own: a hangup ends the process within a second even when the main
(UI) thread is busy and a non-daemon worker would keep the interpreter alive."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCRIPT = textwrap.dedent(
    """
    import sys, threading, time
    from tui.hangup import Hangup

    asked = []
    hangup = Hangup(lambda: asked.append(1), fd=None)  # the clean exit never comes
    hangup.install()
    threading.Thread(target=lambda: time.sleep(3600), daemon=False).start()  # a worker
    print("ready", flush=True)
    while True:  # the UI thread, busy
        sum(range(1000))
    """
)


def test_sighup_ends_a_busy_process_within_a_second():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        sent = time.monotonic()
        proc.send_signal(signal.SIGHUP)
        status = proc.wait(timeout=10)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    assert status == 128 + signal.SIGHUP
    assert took < 1.0 + 1.0  # GRACE is 0.4 s; the margin is for a loaded machine
