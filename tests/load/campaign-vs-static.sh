#!/usr/bin/env bash
# Cached campaign page vs. the same HTML bytes as a static file, side by side with wrk on loopback.
#
#   bash tests/load/campaign-vs-static.sh                # full run: demo database, PublicSite, static copy, wrk
#   bash tests/load/campaign-vs-static.sh --static-only FILE.html   # only the static baseline (checks the harness)
#
# Targets: PublicSite's cached page serves at least 0.7x the requests/s of Kestrel serving the same bytes with
# UseStaticFiles (issue 2), and at least 0.8x those of nginx serving the same bytes as a static file (issue 7). The
# .NET servers are Release builds (dotnet publish) in the Production environment with logging at Warning; nginx runs
# from a configuration made here (one worker per core, no access log, sendfile, keep-alive, open_file_cache); wrk runs
# with the same threads/connections/duration against each, in alternating rounds, and the script prints each figure
# and the ratios of the totals. Exit 0 if both targets are met, 3 if not, 1 on error.
#
# Settings (environment): DURATION (10s), THREADS (2), CONNECTIONS (32), ROUNDS (2), WARMUP (10s: the JIT is still
# compiling hot paths for several seconds after the first requests; nginx is native),
# CAMPAIGN_PATH (/chien-dich/ao-am-cho-em), TARGET (0.7, against Kestrel static), NGINX_TARGET (0.8, against nginx),
# NGINX (1; 0 leaves nginx out), DIAGNOSE (0; 1 also measures PublicSite's /health, a text endpoint through the same
# middleware, to tell pipeline cost from page-cache cost).
# Needs: the .NET SDK, curl, wrk and nginx (each installed with apt if missing: wrk, nginx-light or nginx), and the
# BackOffice CLI verbs `migrate` and `seed --demo`, which honour Database__Provider / Database__ConnectionString.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

DURATION="${DURATION:-10s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
ROUNDS="${ROUNDS:-2}"
WARMUP="${WARMUP:-10s}"
CAMPAIGN_PATH="${CAMPAIGN_PATH:-/chien-dich/ao-am-cho-em}"
TARGET="${TARGET:-0.7}"
NGINX_TARGET="${NGINX_TARGET:-0.8}"
NGINX="${NGINX:-1}"

STATIC_ONLY=""
if [ "${1:-}" = "--static-only" ]; then
  STATIC_ONLY="${2:?--static-only needs an HTML file}"
  [ -f "$STATIC_ONLY" ] || { echo "No such file: $STATIC_ONLY" >&2; exit 1; }
  STATIC_ONLY="$(cd "$(dirname "$STATIC_ONLY")" && pwd)/$(basename "$STATIC_ONLY")"
fi

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# ------------------------------------------------------------------ tools
SUDO=(); [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO=(sudo -n)
APT_UPDATED=""
apt_install() { # package...: the first one apt can install
  [ -n "$APT_UPDATED" ] || { "${SUDO[@]}" apt-get update -q >&2 || return 1; APT_UPDATED=1; }
  local p
  for p in "$@"; do
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$p" </dev/null >&2 && return 0
  done
  return 1
}
if ! command -v wrk >/dev/null 2>&1; then
  say "Installing wrk with apt"
  apt_install wrk || die "wrk is missing and could not be installed (apt package 'wrk')."
fi
# nginx lives in /usr/sbin, often outside a user's PATH.
NGINX_BIN="$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)"
if [ "$NGINX" = 1 ] && [ -z "$NGINX_BIN" ]; then
  say "Installing nginx with apt"
  apt_install nginx-light nginx || die "nginx is missing and could not be installed (apt packages 'nginx-light', 'nginx'); NGINX=0 leaves it out."
  NGINX_BIN="$(command -v nginx || echo /usr/sbin/nginx)"
fi
command -v curl >/dev/null 2>&1 || die "curl is required."

WORK="$(mktemp -d /tmp/childaid-load.XXXXXX)"
PIDS=()
cleanup() {
  # nginx's master stops its workers when it gets TERM; it is in PIDS like the .NET servers.
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Starts a published app on a random loopback port; sets APP_URL once Kestrel says where it listens.
# (Not called in $(...): the PID must reach PIDS in this shell so the trap can stop it.)
start_app() { # name dll log [args...]
  local name="$1" dll="$2" log="$3"; shift 3
  (cd "$(dirname "$dll")" && exec dotnet "$dll" --urls=http://127.0.0.1:0 \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information "$@") >"$log" 2>&1 &
  PIDS+=("$!")
  local url=""
  for _ in $(seq 1 150); do
    url="$(grep -o 'Now listening on: [\"]*http://127.0.0.1:[0-9]*' "$log" | head -n 1 | grep -o 'http://127.0.0.1:[0-9]*' || true)"
    [ -n "$url" ] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$log" >&2; die "$name exited during start-up."; }
    sleep 0.2
  done
  [ -n "$url" ] || { cat "$log" >&2; die "$name did not start within 30 s."; }
  APP_URL="$url"
}

# wrk's Requests/sec for one URL.
rps() { # url duration
  local out
  out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "$1")" || die "wrk failed against $1"
  echo "$out" >>"$WORK/wrk.log"
  local errors
  errors="$(echo "$out" | grep -E 'Non-2xx or 3xx responses|Socket errors' || true)"
  [ -z "$errors" ] || { echo "$out" >&2; die "wrk saw errors against $1: $errors"; }
  echo "$out" | awk '/^Requests\/sec:/ { print $2 }'
}

say "Publishing (Release)"
mkdir -p "$WORK/wwwroot"
dotnet publish tests/load/StaticHtml -c Release -o "$WORK/static" -nologo -v:quiet >&2 || die "publishing tests/load/StaticHtml failed."

if [ -n "$STATIC_ONLY" ]; then
  cp "$STATIC_ONLY" "$WORK/wwwroot/campaign.html"
else
  dotnet publish PublicSite -c Release -o "$WORK/public" -nologo -v:quiet >&2 || die "publishing PublicSite failed."
  dotnet build BackOffice -c Release -nologo -v:quiet >&2 || die "building BackOffice failed."

  say "Demo database (SQLite) with the BackOffice CLI"
  export Database__Provider=Sqlite
  export Database__ConnectionString="Data Source=$WORK/childaid.db"
  dotnet run -c Release --no-build --project BackOffice -- migrate >&2 || die "'BackOffice -- migrate' failed."
  dotnet run -c Release --no-build --project BackOffice -- seed --demo >&2 || die "'BackOffice -- seed --demo' failed."

  say "Starting PublicSite"
  # shellcheck disable=SC2086
  start_app PublicSite "$WORK/public/ChildAid.PublicSite.dll" "$WORK/public.log" ${PUBLIC_ARGS:-}
  PUBLIC_URL="$APP_URL"
  curl -fsS "$PUBLIC_URL$CAMPAIGN_PATH" -o /dev/null || die "GET $PUBLIC_URL$CAMPAIGN_PATH failed (is the campaign seeded?)."
  curl -fsS "$PUBLIC_URL$CAMPAIGN_PATH" -o "$WORK/wwwroot/campaign.html"
  curl -fsS "$PUBLIC_URL$CAMPAIGN_PATH" -o "$WORK/again.html"
  cmp -s "$WORK/wwwroot/campaign.html" "$WORK/again.html" \
    || say "note: two fetches of the campaign page differ (per-request content?); the static copy is the first."
fi

say "Starting the static file server"
start_app StaticHtml "$WORK/static/ChildAid.LoadStaticHtml.dll" "$WORK/static.log" "--root=$WORK/wwwroot"
STATIC_URL="$APP_URL"
curl -fsS "$STATIC_URL/campaign.html" -o "$WORK/static-fetched.html" || die "the static server does not serve /campaign.html."
cmp -s "$WORK/wwwroot/campaign.html" "$WORK/static-fetched.html" || die "the static server serves different bytes."
BYTES="$(wc -c <"$WORK/wwwroot/campaign.html")"

if [ "$NGINX" = 1 ]; then
  say "Starting nginx on the same file"
  # nginx's workers run as an unprivileged user when started by root: they must be able to read the copy.
  chmod 755 "$WORK" "$WORK/wwwroot"; chmod 644 "$WORK/wwwroot/campaign.html"
  mkdir -p "$WORK/nginx/logs"
  NGINX_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000)))"
  cat >"$WORK/nginx/nginx.conf" <<NGINX_CONF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=100 inactive=60s;
    types { text/html html; }
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/wwwroot;
    }
}
NGINX_CONF
  "$NGINX_BIN" -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" >"$WORK/nginx/test.log" 2>&1 \
    || { cat "$WORK/nginx/test.log" >&2; die "nginx refused the configuration."; }
  "$NGINX_BIN" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/out.log" 2>&1 &
  PIDS+=("$!")
  NGINX_URL="http://127.0.0.1:$NGINX_PORT"
  for _ in $(seq 1 50); do curl -fsS "$NGINX_URL/campaign.html" -o "$WORK/nginx-fetched.html" 2>/dev/null && break; sleep 0.2; done
  cmp -s "$WORK/wwwroot/campaign.html" "$WORK/nginx-fetched.html" \
    || { cat "$WORK/nginx/logs/error.log" "$WORK/nginx/out.log" >&2 2>/dev/null; die "nginx does not serve the same bytes at $NGINX_URL/campaign.html."; }
fi

TARGETS=("static=$STATIC_URL/campaign.html")
[ "$NGINX" != 1 ] || TARGETS+=("nginx=$NGINX_URL/campaign.html")
[ -n "$STATIC_ONLY" ] || TARGETS=("campaign=$PUBLIC_URL$CAMPAIGN_PATH" "${TARGETS[@]}")
[ -n "$STATIC_ONLY" ] || [ "${DIAGNOSE:-0}" != 1 ] || TARGETS+=("health=$PUBLIC_URL/health")

say "Warm-up ($WARMUP each), then $ROUNDS alternating round(s) of $DURATION: wrk -t$THREADS -c$CONNECTIONS"
for t in "${TARGETS[@]}"; do rps "${t#*=}" "$WARMUP" >/dev/null; done

declare -A TOTAL=()
for round in $(seq 1 "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    name="${t%%=*}"; r="$(rps "${t#*=}" "$DURATION")"
    printf '   round %d  %-8s %12s req/s\n' "$round" "$name" "$r" >&2
    TOTAL[$name]="$(awk -v a="${TOTAL[$name]:-0}" -v b="$r" 'BEGIN { printf "%.2f", a + b }')"
  done
done

echo
echo "Page: $CAMPAIGN_PATH, $BYTES bytes; wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS round(s), loopback, $(nproc) cores"
STATIC_RPS="$(awk -v t="${TOTAL[static]}" -v n="$ROUNDS" 'BEGIN { printf "%.0f", t / n }')"
echo "Static file (Kestrel UseStaticFiles): $STATIC_RPS requests/s"
if [ "$NGINX" = 1 ]; then
  NGINX_RPS="$(awk -v t="${TOTAL[nginx]}" -v n="$ROUNDS" 'BEGIN { printf "%.0f", t / n }')"
  echo "Static file (nginx $("$NGINX_BIN" -v 2>&1 | sed 's/.*nginx\///')):          $NGINX_RPS requests/s"
  echo "Ratio Kestrel static/nginx: $(awk -v a="${TOTAL[static]}" -v b="${TOTAL[nginx]}" 'BEGIN { printf "%.2f", a / b }')"
fi
if [ -n "$STATIC_ONLY" ]; then exit 0; fi
CAMPAIGN_RPS="$(awk -v t="${TOTAL[campaign]}" -v n="$ROUNDS" 'BEGIN { printf "%.0f", t / n }')"
RATIO="$(awk -v a="${TOTAL[campaign]}" -v b="${TOTAL[static]}" 'BEGIN { printf "%.2f", a / b }')"
echo "Cached campaign page (PublicSite):    $CAMPAIGN_RPS requests/s"
if [ -n "${TOTAL[health]:-}" ]; then
  echo "PublicSite /health (same middleware):  $(awk -v t="${TOTAL[health]}" -v n="$ROUNDS" 'BEGIN { printf "%.0f", t / n }') requests/s"
fi
STATUS=0
if awk -v r="$RATIO" -v t="$TARGET" 'BEGIN { exit !(r >= t) }'; then
  echo "Ratio campaign/static: $RATIO (target >= $TARGET): met"
else
  echo "Ratio campaign/static: $RATIO (target >= $TARGET): NOT met"
  STATUS=3
fi
if [ "$NGINX" = 1 ]; then
  NGINX_RATIO="$(awk -v a="${TOTAL[campaign]}" -v b="${TOTAL[nginx]}" 'BEGIN { printf "%.2f", a / b }')"
  if awk -v r="$NGINX_RATIO" -v t="$NGINX_TARGET" 'BEGIN { exit !(r >= t) }'; then
    echo "Ratio campaign/nginx:  $NGINX_RATIO (target >= $NGINX_TARGET): met"
  else
    echo "Ratio campaign/nginx:  $NGINX_RATIO (target >= $NGINX_TARGET): NOT met"
    STATUS=3
  fi
fi
exit "$STATUS"
