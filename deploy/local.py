"""Start the deployment on this machine, on loopback: app instances and nginx in front of them
with deploy/nginx.conf (only its ports, certificate and log paths changed), HTTPS with a
self-signed certificate, until stopped (Ctrl-C or SIGTERM).

    .venv/bin/python deploy/local.py [--instances 2] [--port 8443] [--data data]
                                     [--secrets .streamlit/secrets.toml] [--run DIR]

nginx is Debian's package (scripts/test.sh installs it), openssl makes the certificate. The
script prints `ready https://127.0.0.1:PORT` once nginx answers /healthz through every
instance; tests/test_deploy.py runs it so.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "deploy" / "nginx.conf"
NGINX = "/usr/sbin/nginx"
# What the site says for a server, and what this script puts in its place.
UPSTREAMS = (
    "    server 127.0.0.1:8501 max_fails=2 fail_timeout=10s;\n"
    "    server 127.0.0.1:8502 max_fails=2 fail_timeout=10s;\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    """The URL answers 200 (a self-signed certificate accepted)."""
    context = ssl._create_unverified_context()  # noqa: S323 (our own certificate, on loopback)
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_until(ready, what: str, processes: list, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start")
        time.sleep(0.3)


def certificate(run: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, valid for two days."""
    cert, key = run / "cert.pem", run / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def site(port: int, http_port: int, instances: list[int], run: Path) -> str:
    """deploy/nginx.conf with this machine's ports, certificate and log."""
    text = SITE.read_text(encoding="utf-8")
    cert, key = certificate(run)
    servers = "".join(
        f"    server 127.0.0.1:{p} max_fails=2 fail_timeout=10s;\n" for p in instances
    )
    for default, local in (
        (UPSTREAMS, servers),
        ("listen 80;", f"listen 127.0.0.1:{http_port};"),
        ("return 301 https://$host$request_uri;", f"return 301 https://$host:{port}$request_uri;"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;"),
        ("/etc/ssl/cpst/fullchain.pem", str(cert)),
        ("/etc/ssl/cpst/privkey.pem", str(key)),
        ("/var/log/nginx/cpst.log", str(run / "access.log")),
    ):
        if default not in text:
            raise RuntimeError(f"deploy/nginx.conf no longer says {default.strip()!r}")
        text = text.replace(default, local)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python deploy/local.py")
    parser.add_argument("--instances", type=int, default=2)
    parser.add_argument("--port", type=int, default=8443, help="the HTTPS port (0: a free one)")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--secrets", type=Path, help="sign-in and roles (default: none)")
    parser.add_argument("--run", type=Path, help="where the logs and nginx's files go")
    args = parser.parse_args(argv)
    run = args.run or Path(tempfile.mkdtemp(prefix="cpst-deploy-"))
    run.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    ports = [free_port() for _ in range(args.instances)]
    env = dict(os.environ, CPST_DATA_DIR=str(args.data.resolve()))
    secrets = args.secrets.resolve() if args.secrets else run / "no-secrets.toml"
    processes: list[subprocess.Popen] = []
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        for p in ports:
            log = (run / f"app-{p}.log").open("w")
            cmd = [sys.executable, "scripts/serve.py", "--server.address", "127.0.0.1",
                   "--server.port", str(p), "--server.headless", "true",
                   "--secrets.files", str(secrets)]  # fmt: skip
            processes.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log))
        for p in ports:
            wait_until(
                lambda p=p: answers(f"http://127.0.0.1:{p}/_stcore/health"), f"app {p}", processes
            )
        (run / "site.conf").write_text(site(port, free_port(), ports, run), encoding="utf-8")
        temp_paths = "".join(
            f"{kind}_temp_path {run}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (run / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"worker_processes 1;\npid {run}/nginx.pid;\nerror_log {run}/error.log;\n"
            + "events { worker_connections 1024; }\n"
            + f"http {{\n{temp_paths}include {run}/site.conf;\n}}\n",
            encoding="utf-8",
        )
        nginx = [NGINX, "-p", str(run), "-c", str(run / "nginx.conf"), "-g", "daemon off;"]
        processes.append(subprocess.Popen(nginx, stderr=(run / "nginx.log").open("w")))
        url = f"https://127.0.0.1:{port}"
        wait_until(lambda: answers(f"{url}/healthz"), "nginx", processes)
        print(f"ready {url}", flush=True)
        while not stop["now"] and all(p.poll() is None for p in processes):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        for p in processes:
            p.terminate()
        for p in processes:
            p.wait(20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
