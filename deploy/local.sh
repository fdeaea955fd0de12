#!/usr/bin/env bash
# deploy/local.sh REPLICAS PORT [CONFIG]: the deployment of deploy/compose.yaml on this machine,
# without containers. REPLICAS processes of the app (deploy/replica.sh) on 127.0.0.1:PORT+1 …
# PORT+REPLICAS, and HAProxy on 127.0.0.1:PORT in front of them, configured by CONFIG
# (deploy/haproxy.cfg, the file compose mounts) with these replicas in place of compose's.
#
# It runs in the foreground, prints a line for each process it starts and one when every
# replica answers, and stops everything it started on SIGTERM or SIGINT, or when the balancer
# exits. A replica that dies is not started again (compose restarts its containers): the
# balancer sends its viewers to the others. Settings reach the replicas from the environment
# (COOPMAP_DATA_DIR and the others of docs/operations.md).
set -euo pipefail

usage() {
  echo "usage: deploy/local.sh REPLICAS PORT [CONFIG]  (e.g. deploy/local.sh 2 8500)" >&2
  exit 2
}
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
replicas=$1 port=$2
[[ $replicas =~ ^[1-9][0-9]?$ && $port =~ ^[1-9][0-9]{0,4}$ ]] || usage
((port + replicas <= 65535)) || usage
here=$(cd "$(dirname "$0")" && pwd)
config=$(realpath "${3:-$here/haproxy.cfg}")
cd "$here/.."
PATH="$PATH:/usr/sbin"  # where Debian puts haproxy, not on every user's PATH
command -v haproxy >/dev/null || { echo "haproxy is missing: apt-get install haproxy" >&2; exit 1; }
if [ -x .venv/bin/python ]; then export PATH="$PWD/.venv/bin:$PATH"; fi

run=$(mktemp -d)
started=()
stop() {
  trap - TERM INT EXIT
  kill -TERM "${started[@]}" 2>/dev/null || true
  wait || true
  rm -rf "$run"
}
trap 'stop; exit 143' TERM
trap 'stop; exit 130' INT
trap stop EXIT

# Signed cookies (an editor's sign-in through an identity provider) must read the same on
# every replica: one secret for all, unless the caller gives one.
STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$(python -c 'import secrets; print(secrets.token_hex(32))')}
export STREAMLIT_SERVER_COOKIE_SECRET

# Compose's configuration, with one `server` line for each replica here, in place of its own.
awk -v n="$replicas" -v port="$port" '
  /^[[:space:]]*server[[:space:]]/ {
    if (!done) for (i = 1; i <= n; i++)
      printf "    server app%d 127.0.0.1:%d cookie app%d\n", i, port + i, i
    done = 1
    next
  }
  { print }
' "$config" >"$run/haproxy.cfg"

for i in $(seq 1 "$replicas"); do
  STREAMLIT_SERVER_ADDRESS=127.0.0.1 STREAMLIT_SERVER_PORT=$((port + i)) deploy/replica.sh &
  started+=($!)
  echo "replica app$i: pid $! on http://127.0.0.1:$((port + i))"
done
COOPMAP_LISTEN=127.0.0.1:$port haproxy -db -f "$run/haproxy.cfg" &
balancer=$!
started+=("$balancer")
echo "balancer: pid $balancer on http://127.0.0.1:$port"

python - "$port" "$replicas" "$balancer" <<'PY' &
"""Say when the balancer sends a viewer to each replica (or give up after two minutes)."""
import os, sys, time, urllib.request
port, replicas, balancer = (int(a) for a in sys.argv[1:])
def reaches(name):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/_stcore/health")
    request.add_header("Cookie", f"COOPMAP_REPLICA={name}")
    try:
        with urllib.request.urlopen(request, timeout=1) as response:
            return response.headers["X-Coopmap-Replica"] == name
    except OSError:
        return False
deadline = time.monotonic() + 120
while time.monotonic() < deadline and os.path.exists(f"/proc/{balancer}"):
    if all(reaches(f"app{i}") for i in range(1, replicas + 1)):
        print(f"ready: http://127.0.0.1:{port} ({replicas} replicas)", flush=True)
        break
    time.sleep(0.5)
PY
started+=($!)

wait "$balancer"
