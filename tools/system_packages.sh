#!/usr/bin/env bash
# The Debian packages the tests and `make serve` need from the system, installed when missing.
#
# `make setup` runs this first, so the README's two commands work on a fresh machine. When
# everything is there it costs one dpkg-query call (a few milliseconds), so a second
# `make test` is no slower. As root it installs what is missing with apt-get; as anyone else
# it stops with the one command to run.
#
#   chromium                          the browser the site tests drive (Playwright's own
#                                     download is not reachable here)
#   nginx, libnginx-mod-http-brotli-static, apache2, caddy
#                                     the three web servers deploy/ has tested configs for
#   fonts-liberation, fonts-dejavu-core
#                                     so pages render text as a visitor would see it
set -euo pipefail

packages=(chromium nginx libnginx-mod-http-brotli-static apache2 caddy fonts-liberation fonts-dejavu-core)

if ! command -v dpkg-query >/dev/null 2>&1; then
  # Not Debian or Ubuntu: the tests look for the programs themselves and say which is missing.
  exit 0
fi

installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for package in "${packages[@]}"; do
  grep -qx "$package install ok installed" <<<"$installed" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

command="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages; run: sudo apt-get update && sudo $command" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq </dev/null
# The servers are only run by the tests, on loopback: keep Debian from starting them as
# services (policy-rc.d exit code 101 means "not now").
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
