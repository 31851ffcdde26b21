#!/usr/bin/env bash
# Container health check: GET a health path (default /health/ready) from the local node and succeed only on
# HTTP 200. Plain bash with /dev/tcp, because the eclipse-temurin JRE image has no curl or wget.
#
# Usage: roundtable-healthcheck [path]
# Assumes the server listens on all interfaces (ROUNDTABLE_HTTP_HOST=0.0.0.0, the default) or on loopback.
set -u

path="${1:-/health/ready}"
port="${ROUNDTABLE_HTTP_PORT:-8080}"

# Connecting to loopback fails or succeeds at once; only the reply can hang, and `read -t` bounds that
# below Docker's own --timeout so a stuck node reports unhealthy rather than timing out.
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$path" >&3 || exit 1
IFS=' ' read -r -t 4 _version status _reason <&3 || exit 1
exec 3<&-
status="${status%$'\r'}"
[ "$status" = 200 ]
