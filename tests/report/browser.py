"""A headless Chromium for the tests, driven over the DevTools protocol, with the network off.

`Browser` starts /usr/bin/chromium (Debian's package; installed by .ci/run, never
by a test) with a fresh profile, no background networking and remote debugging
on 127.0.0.1, and talks to one page through websocket-client. Every page is
opened with the network emulated offline; the console errors, uncaught
exceptions and every URL the page asked for are recorded.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--remote-debugging-address=127.0.0.1",
         "--remote-debugging-port=0", "--window-size=1280,1600", "about:blank")


def missing_reason() -> str | None:
    """Return why no browser test can run here (no Chromium, no websocket-client), or None."""
    if shutil.which(CHROMIUM) is None:
        return f"no {CHROMIUM}: install Debian's chromium (`apt-get install -y chromium`; .ci/run does)"
    try:
        import websocket  # noqa: F401
    except ImportError:
        return "websocket-client is not installed (a dev dependency: `make install`)"
    return None


class Browser:
    """One headless Chromium and one page of it."""

    def __init__(self) -> None:
        import websocket

        self.profile = Path(tempfile.mkdtemp(prefix="ladfin-chromium-"))
        self.process = subprocess.Popen([CHROMIUM, f"--user-data-dir={self.profile}", *FLAGS],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.is_file() and len(port_file.read_text().splitlines()) >= 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.1)
        port, path = port_file.read_text().splitlines()[:2]
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=30,
                                                  suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        self.call("Network.emulateNetworkConditions", session=True, offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)

    def call(self, method: str, session: bool = False, **params) -> dict:
        """Return the result of DevTools `method`, sent to the page when `session`, else to the browser."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def open(self, url: str, seconds: float = 30) -> None:
        """Return nothing once `url` has loaded (its load event), the events before it forgotten."""
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        deadline = time.monotonic() + seconds
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not load in {seconds} s")
            self.call("Runtime.evaluate", session=True, expression="1")
            time.sleep(0.05)

    def evaluate(self, expression: str):
        """Return the value of a JavaScript expression in the page (awaited when a promise)."""
        result = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 20):
        """Return the value of `expression` once it is truthy; raise TimeoutError after `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(f"{expression} stayed false for {seconds} s")

    def move_mouse(self, x: float, y: float) -> None:
        """Return nothing; move the mouse to (x, y) of the page."""
        self.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)

    def errors(self) -> list[str]:
        """Return the console errors and uncaught exceptions of the page since it was opened."""
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") == "error":
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                found.append(str(params.get("exceptionDetails", {}).get("exception", {}).get("description")))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", ""))
        return found

    def requested(self) -> list[str]:
        """Return every URL the page asked for since it was opened."""
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        """Return nothing once the browser has exited and its profile is removed."""
        if getattr(self, "socket", None) is not None:
            self.socket.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
