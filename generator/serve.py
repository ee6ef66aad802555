"""`curriculum serve`: build, serve the site on localhost, rebuild and reload on every change.

A thread polls the sources (`content/`, `curriculum/`, `mkdocs.yml`) and rebuilds into the same
folder through the normal pipeline, so a broken edit shows its problems in the terminal while
the last good site stays up. A page asks `/__livereload` whether its own file changed and reloads
when it did; that script is added by the server only, never written into the site. The server
holds such a request until a build replaced the page's file (or LONG_POLL seconds pass), so a
page reloads as soon as it is rebuilt, not at its next poll, and only pages that changed reload
(a build links the files it did not change into the new site: same file, same version).

An edit is built first in the language of the page the author last asked for, and of the pages
the edit touched (the build cache knows them) only that page is redone; it reloads, and then the
language's other touched pages (a handbook holding the module, say) and the other languages are
built in the background.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
import webbrowser
from collections.abc import Callable
from pathlib import Path

from generator.build import Outcome, UsageError, build_project
from generator.site import mkdocs_adapter
from generator.problems import format_text, summary

WATCHED = ("content", "curriculum", "mkdocs.yml")
LONG_POLL = 20.0  # seconds a request for news waits for a change; the page then asks again
# %s: the version of the page as served (`version`).
RELOAD_SCRIPT = """<script>(function(){var seen="%s";function poll(){fetch('/__livereload?page='
+encodeURIComponent(location.pathname)+'&seen='+seen).then(function(r){if(!r.ok){throw r}return r.text()})
.then(function(n){if(n!==seen){location.reload();return}poll()})
.catch(function(){setTimeout(poll,2000)})}poll()})();</script>"""


def version(stat: os.stat_result) -> str:
    """A page file's version: a build writes a changed page as a new file and links an unchanged one."""
    return f"{stat.st_ino}.{stat.st_mtime_ns}"


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
        self.config_files: list[Path] = []  # the MkDocs configurations the last build wrote
        self.generation = 0  # builds that changed the site, in any language
        self.generations: dict[str, int] = {}  # the same, per language
        self.languages: list[str] = []
        self.last_language: str | None = None  # of the page the author asked for last
        self.last_page: str | None = None  # that page's docs file, as `build_project(first=)` names it
        self.first_done = 0.0  # perf_counter() when the last edit showed in the author's language
        self.stopped = threading.Event()  # set when the server stops: no build starts after it
        self._state = snapshot(root)
        self._stop = threading.Event()  # set by a new edit: the background builds stop
        self._background: threading.Thread | None = None
        self.pages_changed = False  # an edit's builds so far added or removed a page
        self.worker = mkdocs_adapter.Worker()  # MkDocs kept running between the edits' builds
        self._news = threading.Condition()  # notified when a build changed the site, or serve stops
        self._later: list[Callable[[], None]] = []  # a build's clean-up, done once the page can reload

    def language_of(self, url_path: str) -> str | None:
        """The language of a page of the site: its first folder, else the default language."""
        if not self.languages:
            return None
        first = url_path.lstrip("/").split("/", 1)[0]
        return first if first in self.languages[1:] else self.languages[0]

    def seen(self, url_path: str) -> None:
        """Note the page the author asked for: its language, and its docs file."""
        lang = self.language_of(url_path)
        if lang is None:
            return
        self.last_language = lang
        path = urllib.parse.unquote(url_path).lstrip("/")
        if lang != self.languages[0]:
            path = path.removeprefix(f"{lang}/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        self.last_page = path[: -len(".html")] + ".md" if path.endswith(".html") else None

    def _build(self, languages: list[str] | None, first: str | None = None, background: bool = False) -> Outcome:
        """Build `languages` (None: all), of their changed pages only `first` if it is given; a
        `background` build stops early when a newer edit comes."""
        started = time.perf_counter()
        outcome = build_project(self.root, self.out, refresh=languages, worker=self.worker,
                                later=self._later.append, first=first,
                                stop=self._unwanted if background else None)
        if outcome.stopped:
            print(f"{time.strftime('%H:%M:%S')} stopped building {', '.join(languages or [])}: a newer edit "
                  "comes first", file=sys.stderr)
            return outcome
        sys.stderr.write(format_text(outcome.problems))
        which = f" ({', '.join(outcome.rebuilt)}{', page first' * outcome.held})" if outcome.built and languages else ""
        verdict = f"rebuilt{which}" if outcome.built else "not rebuilt (the last good site stays)"
        print(f"{time.strftime('%H:%M:%S')} {verdict} in {time.perf_counter() - started:.1f} s: "
              f"{summary(outcome.problems)}", file=sys.stderr)
        self.config_files = outcome.config_files or self.config_files
        if outcome.built:
            self.pages_changed = self.pages_changed or outcome.pages_changed
            with self._news:
                self.languages = outcome.languages
                self.generation += 1
                for lang in outcome.rebuilt:
                    self.generations[lang] = self.generations.get(lang, 0) + 1
                self._news.notify_all()
        while self._later:  # after the waiting pages were told to reload
            self._later.pop(0)()
        return outcome

    def number(self, lang: str | None) -> str:
        """The number of builds that changed `lang`'s site (None: any language's)."""
        return str(self.generations.get(lang, 0) if lang else self.generation)

    def page_file(self, url_path: str) -> Path | None:
        """The file of the site that a URL path names, if it is inside the site."""
        site = self.out.resolve()
        path = (site / urllib.parse.unquote(url_path).lstrip("/")).resolve()
        if path != site and site not in path.parents:
            return None
        return path / "index.html" if url_path.endswith("/") or path.is_dir() else path

    def page_version(self, url_path: str) -> str:
        path = self.page_file(url_path)
        try:
            return version(path.stat()) if path is not None else "none"
        except OSError:
            return "none"

    def wait_for_news(self, url_path: str, seen: str, timeout: float = LONG_POLL) -> str:
        """The version of the page at `url_path` once it differs from `seen`, or after `timeout` seconds."""
        with self._news:
            self._news.wait_for(lambda: self.page_version(url_path) != seen or self.stopped.is_set(), timeout)
            return self.page_version(url_path)

    def stop(self) -> None:
        """No build starts after this; pages waiting for news are answered."""
        with self._news:
            self.stopped.set()
            self._news.notify_all()

    def rebuild(self) -> None:
        """Build the author's language and show it; then the others, one by one, in the background.

        A new edit stops the background work (the build cache lets only one build at a time use
        it): a background build asks between its stages whether it is still wanted and stops
        before it writes the cache, so the author waits for one stage of it at most, not for a
        whole language.
        """
        self._stop.set()
        self.wait_background()
        self._stop.clear()
        if self.stopped.is_set():
            return
        first = self.last_language if self.last_language in self.languages else None
        self.pages_changed = False
        outcome = self._build([first] if first else None, self.last_page if first else None)
        self.first_done = time.perf_counter()
        if outcome.built and first:
            others = [lang for lang in self.languages if lang != first]
            self._background = threading.Thread(target=self._rest, args=([first] * outcome.held + others,),
                                                daemon=True)
            self._background.start()

    def _rest(self, languages: list[str]) -> None:
        for lang in languages:
            if self._stop.is_set() or self.stopped.is_set() or not self._build([lang], background=True).built:
                return
        # Each language above was built with the others' page lists as last built; if the edit
        # added or removed a page, one more build brings every language switcher up to date
        # (MkDocs runs only for the languages whose configuration that changes).
        if self.pages_changed and not (self._stop.is_set() or self.stopped.is_set()):
            self._build(None, background=True)

    def _unwanted(self) -> bool:
        return self._stop.is_set() or self.stopped.is_set()

    def wait_background(self) -> None:
        if self._background is not None:
            self._background.join()
            self._background = None

    def warm_up(self) -> None:
        """Start MkDocs' worker and have it load a configuration of the site just built, so that
        the first edit's build does not import MkDocs' plugins and load the theme first."""
        # Only a file that this process's build wrote: MkDocs runs the `hooks:` a configuration
        # names, and any other file in the project's folder may have come with a commit.
        configs = [path for path in self.config_files if path.is_file()]
        if configs:
            self.worker.warm(max(configs, key=lambda path: path.stat().st_mtime_ns))
        else:
            self.worker.start()

    def changed(self) -> bool:
        state = snapshot(self.root)
        if state != self._state:
            self._state = state
            return True
        return False

    def loop(self, interval: float = 0.2) -> None:
        while not self.stopped.wait(interval):
            if self.changed():
                self.rebuild()


def handler(site: Path, watcher: Watcher) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            if self.path.split("?")[0] == "/__livereload":
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                page, seen = query.get("page"), query.get("seen")
                if page:
                    watcher.seen(page[0])
                    news = watcher.wait_for_news(page[0], seen[0]) if seen else watcher.page_version(page[0])
                else:  # no page: the number of builds that changed the site
                    news = watcher.number(None)
                body = news.encode()
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
                watcher.seen(self.path.split("?")[0])
                with path.open("rb") as handle:  # the version of the very bytes served
                    script = RELOAD_SCRIPT % version(os.fstat(handle.fileno()))
                    body = handle.read().replace(b"</body>", script.encode() + b"</body>", 1)
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


class Server(http.server.ThreadingHTTPServer):
    """The standard server, minus the traceback it prints when a browser drops a connection.

    A reloading page or a closed tab ends its requests half-way; that is no error of the site, and
    an author must not read a traceback for it. Any other error is one line.
    """

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        print(f"serve: a request from {client_address[0]} failed: {error!r}", file=sys.stderr)


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
            server = Server((host, port), handler(out, watcher))
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; is another server using "
                             "it? choose another with --port") from None
        # SIGTERM (a CI job stopped, `kill`) ends the server like Ctrl+C, through the `finally` below.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            watcher.rebuild()
            watcher.warm_up()
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
            watcher.stop()
            watcher.wait_background()
            watcher.worker.close()
    finally:
        signal.signal(signal.SIGTERM, previous)
        if poller is not None:
            poller.join()  # a rebuild under way finishes (its MkDocs processes end) before its folder goes
        shutil.rmtree(temp, ignore_errors=True)
    return 0
