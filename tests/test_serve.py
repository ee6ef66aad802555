"""`curriculum serve`: serves the site and rebuilds it when a source changes."""

from __future__ import annotations

import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 90.0):  # a rebuild on a loaded CI machine can take a while
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_serve_rebuilds_on_change_and_keeps_last_good_site(mini: Path, tmp_path: Path):
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"  # a file, not a pipe that could fill up while nobody reads it
    with log.open("w") as sink:
        process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", str(mini), "--port", str(port)],
                                   stdout=sink, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        page = wait_for(lambda: fetch(base + "modules/m01/index.html"), seconds=120)
        assert "Kaizen basics" in page
        assert "/__livereload" in page  # the reload script is added by the server only
        generation = fetch(base + "__livereload")
        # A page asks with the version it was served as: the answer waits until a build changed it.
        seen = re.search(r'var seen="([^"]+)"', page).group(1)
        assert fetch(base + "__livereload?page=/modules/m01/index.html") == seen
        news: list[str] = []
        waiting = threading.Thread(target=lambda: news.append(urllib.request.urlopen(
            base + f"__livereload?page=/modules/m01/index.html&seen={seen}", timeout=120).read().decode()))
        waiting.start()
        time.sleep(1)
        assert waiting.is_alive() and news == []

        edit(mini / "curriculum/modules/m01.yaml", "title: Kaizen basics", "title: Kaizen for bakeries")
        waiting.join(timeout=120)
        assert news and news[0] != seen
        assert fetch(base + "__livereload") != generation
        assert "Kaizen for bakeries" in fetch(base + "modules/m01/index.html")
        # The other languages follow in the background.
        wait_for(lambda: "Kaizen for bakeries" in fetch(base + "fr/modules/m01/index.html"), seconds=120)

        # A body edit: the open page first, the handbook (which holds every module) right after.
        with (mini / "content/modules/m01.md").open("a", encoding="utf-8") as handle:
            handle.write("\nSweep the bakery floor first.\n")
        wait_for(lambda: "Sweep the bakery floor first." in fetch(base + "modules/m01/index.html"))
        wait_for(lambda: "Sweep the bakery floor first." in fetch(base + "handbook/index.html"), seconds=120)

        def settled() -> str | None:  # the background builds of the other languages are done
            number = fetch(base + "__livereload")
            time.sleep(2.5)
            return number if fetch(base + "__livereload") == number else None

        generation = wait_for(settled)
        edit(mini / "curriculum/modules/m01.yaml", "prerequisites: []", "prerequisites: [m99]")
        time.sleep(3)
        assert fetch(base + "__livereload") == generation
        assert "Kaizen for bakeries" in fetch(base + "modules/m01/index.html")
    finally:
        process.terminate()
        process.wait(timeout=120)  # a rebuild under way finishes first
    output = log.read_text()
    assert "unknown-prerequisite" in output
    assert "not rebuilt (the last good site stays)" in output
    assert "rebuilt (en, page first)" in output, output  # the body edit: the open page was built first
    assert not (mini / "site").exists()


def test_a_dropped_connection_is_no_traceback_and_other_errors_are_one_line(capsys: pytest.CaptureFixture[str]):
    from generator.serve import Server

    server = Server(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    try:
        for error in (BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset"), ValueError("odd")):
            try:
                raise error
            except Exception:
                server.handle_error(None, ("127.0.0.1", 5000))
    finally:
        server.server_close()
    err = capsys.readouterr().err
    assert err == "serve: a request from 127.0.0.1 failed: ValueError('odd')\n"
