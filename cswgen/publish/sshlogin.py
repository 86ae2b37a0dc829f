"""Logging in to an SSH server, for SFTP: the person's SSH agent or key files, never a
password, and the server's key checked against known_hosts (an unknown or changed one is
refused with the commands that accept it, since that is the only defence against a
look-alike server).  `CSWGEN_SSH_KNOWN_HOSTS` and `CSWGEN_SSH_IDENTITY` (or `known_hosts`
and `identity` in the [publish.NAME] table) name other files, for a site's own key or a
test's throwaway one.  Each failure is said in plain words, with what to do.  With
sftp.py, the only modules that import paramiko.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import socket
from pathlib import Path

import paramiko

from cswgen.publish.target import PublishError

DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts"
TIMEOUT = 15.0  # seconds to connect, log in or hear back: a wrong address fails in seconds


class _Refuse(paramiko.MissingHostKeyPolicy):
    """An unknown server key is refused, with its fingerprint to compare."""

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str,
                         key: paramiko.PKey) -> None:
        raise _UnknownHost(hostname, key)


class _UnknownHost(Exception):
    def __init__(self, hostname: str, key: paramiko.PKey) -> None:
        super().__init__(hostname)
        self.key = key


def fingerprint(key: paramiko.PKey) -> str:
    """As `ssh-keygen -lf` and ssh show it: SHA256:..."""
    digest = base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")
    return f"{key.get_name()} SHA256:{digest}"


class Login:
    """Who logs in where, and with what: `identity` is the key file named in the site's
    config (or CSWGEN_SSH_IDENTITY), `known_hosts` the file of servers' keys."""

    def __init__(self, user: str, host: str, port: int, shown: str, *, known_hosts: str = "",
                 identity: str = "") -> None:
        self.user, self.host, self.port, self.shown = user, host, port, shown
        self.known_hosts = Path(os.path.expanduser(
            known_hosts or os.environ.get("CSWGEN_SSH_KNOWN_HOSTS") or DEFAULT_KNOWN_HOSTS))
        chosen = identity or os.environ.get("CSWGEN_SSH_IDENTITY", "")
        self.identity = os.path.expanduser(chosen) if chosen else None
        self.identity_from = "" if identity else " (CSWGEN_SSH_IDENTITY)"  # for messages
        self.locked = False  # the identity is protected by a passphrase (see `connect`)

    @property
    def hostport(self) -> str:
        return self.host if self.port == 22 else f"[{self.host}]:{self.port}"

    def accept_hint(self) -> str:
        port = f"-p {self.port} " if self.port != 22 else ""
        return (f"check with whoever runs the server that its key is right, then accept it: "
                f"connect once with `ssh {port}{self.user}@{self.host}` and answer yes, or "
                f"run `ssh-keyscan {port}{self.host} >> {self.known_hosts}`")

    def check_identity(self, path: Path) -> None:
        """A key file to log in with that is missing, or not a private key, says so (not
        "cannot connect": the server is fine)."""
        shown = f"the key file {path}{self.identity_from}"

        def refuse(problem: str) -> PublishError:
            return PublishError(f"{shown} {problem}", key="identity")

        if not path.is_file():
            raise refuse("does not exist; check its name, or leave the setting out to use "
                         "your SSH agent and ~/.ssh/id_*")
        try:
            head = path.read_bytes()[:64]
        except OSError as exc:
            raise refuse(f"cannot be read: {exc.strerror}") from None
        if head.startswith((b"ssh-", b"ecdsa-", b"sk-")):
            private = path.with_suffix("") if path.suffix == ".pub" else None
            beside = f"the private key beside it, {private}" if private and private.is_file() \
                else "the private key file (the one whose name does not end in .pub)"
            raise refuse(f"is a public key; give {beside}")
        if head.startswith(b"PuTTY-User-Key-File"):
            raise refuse("is a PuTTY key; save it in OpenSSH format (PuTTYgen: Conversions, "
                         "Export OpenSSH key) and give that file")
        try:
            paramiko.PKey.from_path(path)
        except (paramiko.PasswordRequiredException, TypeError):  # (TypeError: paramiko 3+)
            self.locked = True  # protected by a passphrase: fine when the agent holds it
        except (paramiko.SSHException, ValueError, OSError) as exc:
            raise refuse(f"is not a private key cswgen can read ({exc}); give the file `ssh` "
                         "logs in with, such as ~/.ssh/id_ed25519") from None

    def locked_key(self) -> PublishError:
        return PublishError(f"your key file {self.identity or '(in ~/.ssh)'} is protected by "
                            "a passphrase; add it to your SSH agent with `ssh-add` and publish "
                            "again")

    def connect(self) -> paramiko.SSHClient:
        """A client logged in to the server (its key checked against known_hosts), or
        PublishError with what went wrong and what to do."""
        if self.identity is not None:
            self.check_identity(Path(self.identity))
        client = paramiko.SSHClient()
        with contextlib.suppress(FileNotFoundError):
            client.load_host_keys(str(self.known_hosts))
        client.set_missing_host_key_policy(_Refuse())
        where = f"{self.host} port {self.port}"
        try:
            client.connect(self.host, self.port, self.user, key_filename=self.identity,
                           timeout=TIMEOUT, banner_timeout=TIMEOUT, auth_timeout=TIMEOUT,
                           allow_agent=True, look_for_keys=True)
        except _UnknownHost as exc:
            client.close()
            raise PublishError(f"the server {where} is not in your known_hosts file "
                               f"({self.known_hosts}), so cswgen cannot be sure it is the "
                               f"right server (its key: {fingerprint(exc.key)}); "
                               f"{self.accept_hint()}") from None
        except paramiko.BadHostKeyException as exc:
            client.close()
            raise PublishError(
                f"the key of the server {where} is not the one recorded in "
                f"{self.known_hosts} (now {fingerprint(exc.key)}): someone may be "
                "pretending to be it, or it was reinstalled. Do not publish until whoever "
                "runs it confirms the new key; then remove the old one with "
                f"`ssh-keygen -R '{self.hostport}' -f {self.known_hosts}` and "
                f"{self.accept_hint().split('then ', 1)[1]}") from None
        except paramiko.PasswordRequiredException:
            client.close()
            raise self.locked_key() from None
        except paramiko.AuthenticationException:
            client.close()
            raise PublishError(
                f"{where} refused the login of {self.user}: cswgen logs in with your SSH "
                "agent or your key files (~/.ssh/id_ed25519, id_ecdsa, id_rsa), never a "
                "password. Ask whoever runs the server to add your public key (the .pub file) "
                "for this user, or set CSWGEN_SSH_IDENTITY to the key file to use") from None
        except socket.gaierror:
            client.close()
            raise PublishError(f"cannot find the server {self.host}; check the address "
                               f"{self.shown}") from None
        except (OSError, paramiko.SSHException, EOFError) as exc:
            client.close()
            if self.locked and isinstance(exc, paramiko.SSHException):
                # (an old PEM key with a passphrase: paramiko tries each key type in turn,
                # and says what the last found, "encountered RSA key, expected OPENSSH key")
                raise self.locked_key() from None
            cause: Exception = exc
            if isinstance(exc, paramiko.ssh_exception.NoValidConnectionsError):
                cause = next(iter(exc.errors.values()), exc)  # "Connection refused"
            reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
            raise PublishError(f"cannot connect to {where}: {reason}; check the address and "
                               "port, and that the server is running") from None
        transport = client.get_transport()
        if transport is not None:
            transport.set_keepalive(15)
        return client
