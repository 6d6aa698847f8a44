"""The web servers deploy/ has configs for, run for real (Debian's packages) on loopback.

Each one serves a built site with the documented config, changed only where a test must: the
listen address and the folder. Apache reads the .htaccess the build put inside the site, the
way shared hosting does. `base` serves the site under a sub-path (for example
"/careers/followup/") by placing it at that path inside the served folder, as a host would.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hook_loading import REPO

DEPLOY = REPO / "deploy"
NGINX_SITE_CONF = DEPLOY / "nginx" / "followup-planner.conf"
APACHE_HTACCESS = DEPLOY / "apache" / ".htaccess"
CADDYFILE = DEPLOY / "caddy" / "Caddyfile"
#: Each server's documented config, as the self-hosting page shows it.
CONFIGS = {"nginx": NGINX_SITE_CONF, "apache": APACHE_HTACCESS, "caddy": CADDYFILE}

# Debian's nginx prefix: its modules/ links to where the module packages put them.
NGINX_DEBIAN_PREFIX = "/usr/share/nginx"
APACHE_MODULES = Path("/usr/lib/apache2/modules")
# The modules the .htaccess needs on top of Debian's default set (`a2enmod rewrite headers`).
APACHE_EXTRA_MODULES = ("rewrite", "headers")
START_DEADLINE_S = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    """Block until the server accepts connections; fail with its errors if it died or the
    deadline passed."""
    deadline = time.monotonic() + START_DEADLINE_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            errors = process.stderr.read().decode() if process.stderr else ""
            pytest.fail(f"{name} exited: {errors}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.fail(f"{name} did not listen on port {port} within {START_DEADLINE_S:.0f} s")


def program(name: str, *candidates: str) -> str:
    for candidate in candidates:
        found = shutil.which(candidate) or (candidate if Path(candidate).exists() else None)
        if found:
            return found
    pytest.fail(f"{name} is missing: run `make setup` (it installs Debian's {name} package)")


@contextmanager
def published(site_dir: Path, base: str) -> Iterator[Path]:
    """A world-readable document root that serves `site_dir` at URL path `base`.

    A copy, not a link: servers started as root (CI) drop to an unprivileged user, who cannot
    read pytest's private temp folders.
    """
    root = Path(tempfile.mkdtemp(prefix="followup-www-"))
    try:
        target = root.joinpath(*base.strip("/").split("/")) if base.strip("/") else root
        shutil.copytree(site_dir, target, dirs_exist_ok=True)
        for folder in [root, *(path for path in root.rglob("*") if path.is_dir())]:
            folder.chmod(0o755)
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def nginx_site_config(text: str, *, root: Path, port: int) -> str:
    """The documented site config with only its root and listen address changed."""
    text, roots = re.subn(r"(?m)^(\s*root\s+)\S+;", rf"\g<1>{root};", text)
    text, listens = re.subn(r"(?m)^(\s*listen\s+)\S+;", rf"\g<1>127.0.0.1:{port};", text)
    assert (roots, listens) == (1, 1), "the nginx config must have one root and one listen line"
    return text


def nginx_main_config(prefix: Path, site_conf: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf provides around conf.d/*.conf, in a temp prefix."""
    temp = "\n".join(
        f"    {kind}_temp_path {prefix / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the temp site
    return (
        f"{user}worker_processes 1;\nerror_log {prefix / 'error.log'};\n"
        "include /etc/nginx/modules-enabled/*.conf;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    access_log {prefix / 'access.log'};\n{temp}\n"
        f"    include {site_conf};\n}}\n"
    )


def apache_config(prefix: Path, document_root: Path, port: int) -> str:
    """Debian's default modules and a <Directory> that lets the site's .htaccess apply."""
    extra = "\n".join(
        f"LoadModule {name}_module {APACHE_MODULES / f'mod_{name}.so'}"
        for name in APACHE_EXTRA_MODULES
        if not Path(f"/etc/apache2/mods-enabled/{name}.load").exists()
    )
    user = "User www-data\nGroup www-data\n" if os.geteuid() == 0 else ""
    return f"""ServerRoot {prefix}
DefaultRuntimeDir {prefix}
PidFile {prefix / "httpd.pid"}
Mutex file:{prefix} default
ErrorLog {prefix / "error.log"}
LogLevel warn
Listen 127.0.0.1:{port}
ServerName 127.0.0.1
{user}IncludeOptional /etc/apache2/mods-enabled/*.load
IncludeOptional /etc/apache2/mods-enabled/*.conf
{extra}
DocumentRoot {document_root}
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory {document_root}>
    AllowOverride All
    Require all granted
</Directory>
<FilesMatch "^\\.ht">
    Require all denied
</FilesMatch>
"""


def caddy_config(text: str, *, root: Path, port: int) -> str:
    """The documented Caddyfile on a loopback address (plain http) and a temp folder."""
    text, addresses = re.subn(r"(?m)^example\.org \{$", f"http://127.0.0.1:{port} {{", text)
    text, roots = re.subn(r"(?m)^(\s*root \* )\S+$", rf"\g<1>{root}", text)
    assert (addresses, roots) == (1, 1), "the Caddyfile must have one site address and root"
    return "{\n    admin off\n}\n\n" + text


@contextmanager
def run_server(name: str, command: list[str], port: int, **popen: object) -> Iterator[None]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload]
    try:
        wait_for_port(port, process, name)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def nginx(site_dir: Path, prefix: Path, base: str = "/") -> Iterator[str]:
    """Debian's nginx with deploy/nginx's config (only at the site root)."""
    binary = program("nginx", "nginx", "/usr/sbin/nginx")
    assert base == "/", "the nginx config is documented for a site at its host's root"
    # Debian's module snippets (modules-enabled/) name modules relative to the prefix.
    (prefix / "modules").symlink_to(Path(NGINX_DEBIAN_PREFIX, "modules").resolve())
    port = free_port()
    site_conf = prefix / "followup-planner.conf"
    site_conf.write_text(nginx_site_config(NGINX_SITE_CONF.read_text(), root=site_dir, port=port))
    main_conf = prefix / "nginx.conf"
    main_conf.write_text(nginx_main_config(prefix, site_conf))
    command = [binary, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", str(main_conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    daemon_off = ["-g", f"daemon off; pid {prefix / 'nginx.pid'};"]
    with run_server("nginx", [*command, *daemon_off], port):
        yield f"http://127.0.0.1:{port}/"


@contextmanager
def apache(site_dir: Path, prefix: Path, base: str = "/") -> Iterator[str]:
    """Debian's Apache httpd, configured only by the .htaccess inside the built site."""
    binary = program("apache2", "apache2", "/usr/sbin/apache2")
    assert (site_dir / ".htaccess").is_file(), "the build must put .htaccess in the site"
    port = free_port()
    with published(site_dir, base) as document_root:
        config = prefix / "httpd.conf"
        config.write_text(apache_config(prefix, document_root, port))
        command = [binary, "-f", str(config), "-DFOREGROUND"]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        with run_server("apache2", command, port):
            yield f"http://127.0.0.1:{port}{base}"


@contextmanager
def caddy(site_dir: Path, prefix: Path, base: str = "/") -> Iterator[str]:
    """Debian's Caddy with deploy/caddy's Caddyfile (only at the site root)."""
    binary = program("caddy", "caddy", "/usr/bin/caddy")
    assert base == "/", "the Caddyfile is documented for a site at its host's root"
    port = free_port()
    config = prefix / "Caddyfile"
    config.write_text(caddy_config(CADDYFILE.read_text(), root=site_dir, port=port))
    home = {"HOME": str(prefix), "XDG_DATA_HOME": str(prefix), "XDG_CONFIG_HOME": str(prefix)}
    command = [binary, "run", "--config", str(config), "--adapter", "caddyfile"]
    with run_server("caddy", command, port, env={**os.environ, **home}):
        yield f"http://127.0.0.1:{port}/"


SERVERS = {"nginx": nginx, "apache": apache, "caddy": caddy}
