"""`curriculum serve`: build, serve the site on localhost, rebuild and reload on every change.

A thread polls the sources (`content/`, `curriculum/`, `mkdocs.yml`) and rebuilds into the same
folder through the normal pipeline, so a broken edit shows its problems in the terminal while
the last good site stays up. Pages ask `/__livereload` for the build number and reload when it
changes; that script is added by the server only, never written into the site.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from pathlib import Path

from generator.build import UsageError, build_project
from generator.problems import format_text, summary

WATCHED = ("content", "curriculum", "mkdocs.yml")
RELOAD_SCRIPT = b"""<script>(function(){var seen=null;function poll(){fetch('/__livereload').then(function(r){return r.text()})
.then(function(n){if(seen!==null&&n!==seen){location.reload()}seen=n;setTimeout(poll,700)})
.catch(function(){setTimeout(poll,2000)})}poll()})();</script>"""


def snapshot(root: Path) -> dict[str, float]:
    """Modification time of every watched file, by path."""
    state: dict[str, float] = {}
    for name in WATCHED:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            try:
                state[str(file)] = file.stat().st_mtime
            except OSError:
                continue
    return state


class Watcher:
    def __init__(self, root: Path, out: Path) -> None:
        self.root, self.out = root, out
        self.generation = 0
        self.stopped = threading.Event()
        self._state = snapshot(root)

    def rebuild(self) -> None:
        if self.stopped.is_set():
            return
        outcome = build_project(self.root, self.out)
        sys.stderr.write(format_text(outcome.problems))
        verdict = "rebuilt" if outcome.built else "not rebuilt (the last good site stays)"
        print(f"{time.strftime('%H:%M:%S')} {verdict}: {summary(outcome.problems)}", file=sys.stderr)
        if outcome.built:
            self.generation += 1

    def changed(self) -> bool:
        state = snapshot(self.root)
        if state != self._state:
            self._state = state
            return True
        return False

    def loop(self, interval: float = 0.5) -> None:
        while not self.stopped.wait(interval):
            if self.changed():
                self.rebuild()


def handler(site: Path, watcher: Watcher) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            if self.path == "/__livereload":
                body = str(watcher.generation).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file():
                body = path.read_bytes().replace(b"</body>", RELOAD_SCRIPT + b"</body>", 1)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return functools.partial(Handler, directory=str(site))  # type: ignore[return-value]


def serve(root: Path, port: int, host: str = "127.0.0.1", open_browser: bool = False) -> int:
    """Serve the site of `root` until Ctrl+C or SIGTERM; the temporary site is removed on every exit.

    The port is taken before the first build, so that a busy port is reported at once, not after
    a build that could take a while.
    """
    temp = Path(tempfile.mkdtemp(prefix="curriculum-serve-"))
    poller: threading.Thread | None = None
    previous = signal.getsignal(signal.SIGTERM)
    try:
        out = temp / "site"
        watcher = Watcher(root, out)
        try:
            server = http.server.ThreadingHTTPServer((host, port), handler(out, watcher))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; is another server using "
                             "it? choose another with --port") from None
        # SIGTERM (a CI job stopped, `kill`) ends the server like Ctrl+C, through the `finally` below.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            watcher.rebuild()
            out.mkdir(parents=True, exist_ok=True)
            url = f"http://{host}:{server.server_address[1]}/"
            print(f"serving {url} (Ctrl+C to stop); watching {', '.join(WATCHED)}", file=sys.stderr)
            poller = threading.Thread(target=watcher.loop, daemon=True)
            poller.start()
            if open_browser:
                webbrowser.open(url)
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            watcher.stopped.set()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if poller is not None:
            poller.join()  # a rebuild under way finishes (its MkDocs processes end) before its folder goes
        shutil.rmtree(temp, ignore_errors=True)
    return 0
