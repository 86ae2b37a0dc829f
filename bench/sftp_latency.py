"""How long an SFTP publish takes over a link with a round trip like the internet's:
Debian's sshd on 127.0.0.1 behind a proxy that holds every packet for half the round trip
each way, and a site of N pages, each in its folder.  It is published to a new folder,
then planned again with nothing changed (what every publish does first: list the site's
folders), each over one session and over `sftp.SESSIONS` at once.

    python bench/sftp_latency.py                       # 300 pages, 30 ms round trip
    python bench/sftp_latency.py --pages 1000 --rtt 60

Needs /usr/sbin/sshd (apt-get install openssh-server).  It never fails on a slow
machine: it prints numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def delaying_proxy(target_port: int, delay: float) -> int:
    """A TCP proxy on 127.0.0.1 (its port) to `target_port`, holding each chunk `delay`
    seconds before passing it on (in order), in a thread of its own."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    started = threading.Event()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        while data := await reader.read(65536):
            loop.call_later(delay, writer.write, data)
        loop.call_later(delay, writer.close)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        far_reader, far_writer = await asyncio.open_connection("127.0.0.1", target_port)
        with contextlib.suppress(ConnectionError):  # (one end closing before the other)
            await asyncio.gather(pipe(reader, far_writer), pipe(far_reader, writer))

    async def serve() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        started.set()
        async with server:
            await server.serve_forever()

    threading.Thread(target=lambda: asyncio.run(serve()), daemon=True).start()
    started.wait()
    return port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--rtt", type=float, default=30.0, help="round trip, milliseconds")
    args = parser.parse_args()

    from cswgen.commands.build import build
    from cswgen.publish import sftp
    from cswgen.publish.target import Built
    from tests.helpers import GOOD, MINIMAL_CONFIG, SshServer, ssh_server, write

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site = root / "site"
        write(site, {"config.toml": MINIMAL_CONFIG, **GOOD,
                     **{f"content/pages/p{n:04}.md": f"---\ntitle: P{n}\n---\nPage {n}.\n"
                        for n in range(args.pages)}})
        result = build(site, shortcut=False)
        built = Built.of(result.output, result.pages, "bench")
        with ssh_server(root / "sshd") as server:
            port = delaying_proxy(server.port, args.rtt / 2000)
            (root / "sshd" / "known_hosts").write_text(
                server.known_hosts.read_text().replace(f"]:{server.port} ", f"]:{port} "))
            far = SshServer(server.process, port, server.user, server.key, server.known_hosts,
                            server.host_key)

            def target() -> sftp.SftpTarget:
                return sftp.SftpTarget(f"sftp://{far.user}@127.0.0.1:{port}{root / 'www'}",
                                       known_hosts=str(far.known_hosts), identity=str(far.key))

            for sessions in (1, sftp.SESSIONS):
                sftp.SESSIONS = sessions
                first = target()
                first.check(site, result.output)
                begun = time.perf_counter()
                first.apply(first.plan(built), built, lambda *_: None)
                print(f"{args.pages} pages, {args.rtt:g} ms round trip: a first publish "
                      f"over {sessions} session{'s' if sessions > 1 else ''} "
                      f"{time.perf_counter() - begun:.1f} s")
                first.close()
                if sessions == 1:
                    shutil.rmtree(root / "www")
            for sessions in (1, sftp.SESSIONS):
                sftp.SESSIONS = sessions
                again = target()
                again.check(site, result.output)
                begun = time.perf_counter()
                plan = again.plan(built)
                spent = time.perf_counter() - begun
                again.close()
                print(f"  looking at the server with nothing changed, {sessions} session"
                      f"{'s' if sessions > 1 else ''}: {spent:.2f} s "
                      f"({plan.unchanged} files found as published)")
            # (the sessions' own sshd processes, which the proxy may hold open)
            subprocess.run(["pkill", "-P", str(server.process.pid)], check=False)


if __name__ == "__main__":
    main()
