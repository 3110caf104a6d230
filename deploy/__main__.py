"""Start Samarbeidskart as it runs for many users: two app processes behind HAProxy, on one address.

    python -m deploy [--port 8080]

Each app process is ``streamlit run serve.py`` on a local port of its own; HAProxy (Debian's
package ``haproxy``, installed by ``scripts/setup.sh`` when run as root) balances new visitors
between them with sticky sessions and passes websockets through (``deploy/haproxy.cfg``). The
processes share the register store (``SAMARBEIDSKART_DB``: PostgreSQL for a real deployment; the
SQLite file works for a trial on one machine). Ctrl-C stops them all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = Path(__file__).with_name("haproxy.cfg")
APPS = 2  # the configuration names two servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haproxy() -> str | None:
    """The HAProxy program, or ``None`` where it is not installed."""
    return shutil.which("haproxy") or next((p for p in ("/usr/sbin/haproxy",) if Path(p).exists()), None)


def _healthy(url: str, procs, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            if any(p.poll() is not None for p in procs) or time.monotonic() > deadline:
                raise RuntimeError(f"{url} svarte ikke innen {timeout:.0f} s") from None
            time.sleep(0.3)


@contextlib.contextmanager
def cluster(*, port: int | None = None, env: dict | None = None, timeout: float = 90.0, quiet: bool = True):
    """Two app processes and HAProxy in front of them; yields the balancer's URL and the apps' URLs,
    and stops everything after."""
    program = haproxy()
    if program is None:
        raise RuntimeError("HAProxy mangler: kjør scripts/setup.sh som root (pakken 'haproxy').")
    port = port or free_port()
    app_ports = [free_port() for _ in range(APPS)]
    base_env = {
        **os.environ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "SAMARBEIDSKART_BAK_PROXY": "1",  # a client's address is the one the balancer saw
        **(env or {}),
    }
    out = subprocess.DEVNULL if quiet else None
    procs = []
    try:
        for p in app_ports:
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", str(ROOT / "serve.py"), "--server.headless", "true",
                     "--server.port", str(p), "--server.address", "127.0.0.1"],
                    cwd=ROOT, env=base_env, stdout=out, stderr=out, start_new_session=True,
                )
            )  # fmt: skip
        apps = [f"http://127.0.0.1:{p}" for p in app_ports]
        for url in apps:
            _healthy(url, procs, timeout)
        balancer_env = {
            **base_env,
            "SK_BIND": f"127.0.0.1:{port}",
            **{f"SK_APP{i + 1}": f"127.0.0.1:{p}" for i, p in enumerate(app_ports)},
        }
        procs.append(
            subprocess.Popen(
                [program, "-f", str(CONFIG), "-db"], env=balancer_env, stdout=out, stderr=out, start_new_session=True
            )
        )
        url = f"http://127.0.0.1:{port}"
        _healthy(url, procs, timeout)
        yield url, apps
    finally:
        for proc in procs:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from geo._cli import Parser, whole_number

    parser = Parser(prog="python -m deploy", description="Start to appservere bak HAProxy på én adresse.")
    parser.add_argument("--port", type=whole_number(1024, 65535), default=8080, help="adressens port (standard 8080)")
    args = parser.parse_args(argv)
    try:
        with cluster(port=args.port, quiet=False) as (url, apps):
            print(f"Samarbeidskart kjører på {url}/ (appservere: {', '.join(apps)}). Ctrl-C stopper.", flush=True)
            signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped like Ctrl-C: everything goes down
            while True:
                time.sleep(3600)
    except RuntimeError as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
