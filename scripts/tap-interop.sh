#!/usr/bin/env bash
# StackLab against real Linux, over a TAP, inside a network namespace this script creates and
# deletes. Needs root, /dev/net/tun, ip, tc, ping, curl, tcpdump and python3. Five checks:
#   1. Linux ping -c 5 the StackLab host: 5/5 replies
#   2. Linux curl 10 MB from StackLab's httpd: sha256 equal to the expected body
#   3. StackLab's http-get fetches 10 MB from python3 -m http.server in the namespace: sha256 equal
#   4. both transfers again with netem (loss 5% reorder 10% delay 5ms) on Linux's side of the TAP
#   5. tcpdump -r of the bridge's pcaps: the handshake is there, no bad checksums
# Every address used (10.77.0.1 Linux, 10.77.0.2 StackLab) exists only inside the namespace.
# Exit status: 0 if all checks pass, 1 if any fails, 2 if it cannot run here.
# TAP_INTEROP_KEEP=1 keeps the work directory (logs, pcaps) for a look afterwards.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NS="stacklab-interop-$$"
TAP=tap0
LINUX_IP=10.77.0.1
STACKLAB_IP=10.77.0.2
SIZE=$((10 * 1024 * 1024))
NETEM="loss 5% reorder 10% delay 5ms"
STEP_TIMEOUT="${TAP_INTEROP_TIMEOUT:-180}"  # seconds for any one transfer
WORK="$(mktemp -d /tmp/stacklab-interop.XXXXXX)"
SERVER_PID=""
PY_PID=""
FAILS=0
SUMMARY=()

say() { printf '%s\n' "$*"; }
pass() { say "PASS  $*"; SUMMARY+=("PASS  $*"); }
fail() { say "FAIL  $*"; SUMMARY+=("FAIL  $*"); FAILS=$((FAILS + 1)); }
ns() { ip netns exec "$NS" "$@"; }
now() { date +%s.%N; }
mbit() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", (s > 0 ? b * 8 / s / 1e6 : 0) }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# Stops a process (SIGTERM, then SIGKILL after 10 s); returns its exit status.
stop() {
  local pid="$1" i
  [[ -n "$pid" ]] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null
}

cleanup() {
  local rc=$?
  stop "$SERVER_PID" >/dev/null 2>&1
  stop "$PY_PID" >/dev/null 2>&1
  # Anything still running inside the namespace was started by this script.
  for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
  ip netns del "$NS" 2>/dev/null || true
  if [[ "${TAP_INTEROP_KEEP:-0}" == 1 ]]; then say "work directory kept: $WORK"; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- can it run here?
[[ "$(id -u)" == 0 ]] || { say "tap-interop: needs root (network namespaces, TAP devices): sudo $0"; exit 2; }
[[ -c /dev/net/tun ]] || { say "tap-interop: no /dev/net/tun (sudo modprobe tun; in a container: --device /dev/net/tun)"; exit 2; }
for tool in ip tc ping curl tcpdump python3 sha256sum timeout awk; do
  command -v "$tool" >/dev/null || { say "tap-interop: '$tool' is missing (apt-get install iproute2 iputils-ping curl tcpdump python3)"; exit 2; }
done

say "== building StackLab (if needed)"
if ! timeout 900 "$ROOT/stacklab" --version >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log"; say "tap-interop: StackLab did not build"; exit 2
fi

say "== namespace $NS: $TAP with Linux at $LINUX_IP/24, StackLab at $STACKLAB_IP/24"
ip netns add "$NS" || { say "tap-interop: ip netns add failed"; exit 2; }
ns ip link set lo up
ns ip tuntap add dev "$TAP" mode tap || { say "tap-interop: cannot create $TAP"; exit 2; }
ns ip addr add "$LINUX_IP/24" dev "$TAP"
ns ip link set "$TAP" up

# The expected body of httpd's /bytes/N: byte i is PATTERN[i % 64] (HttpServer.PATTERN).
EXPECTED_BYTES="$(python3 -c "
import hashlib, sys
p = b'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
n = $SIZE
print(hashlib.sha256((p * (n // 64 + 1))[:n]).hexdigest())")"
mkdir -p "$WORK/srv"
head -c "$SIZE" /dev/urandom >"$WORK/srv/file.bin"
EXPECTED_FILE="$(sha256sum "$WORK/srv/file.bin" | cut -d' ' -f1)"

# ---------------------------------------------------------------- StackLab as server
# start_server LOG PCAP [extra stacklab args]: httpd on port 80, ready when it answers a ping.
start_server() {
  local log="$1" pcap="$2" i
  shift 2
  # Not through the ns() function: a backgrounded function is a subshell, and $! must be the JVM
  # itself (ip netns exec and the launcher exec into it) for SIGTERM to reach it.
  ip netns exec "$NS" "$ROOT/stacklab" tap --ifname "$TAP" --addr "$STACKLAB_IP/24" --serve http --port 80 \
    --pcap "$pcap" "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  for ((i = 0; i < 120; i++)); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      say "stacklab tap exited early:"; cat "$log"; SERVER_PID=""; return 1
    fi
    if grep -q "running; Ctrl-C" "$log" && ns ping -c 1 -W 1 "$STACKLAB_IP" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  say "stacklab tap did not become ready in 60 s:"; cat "$log"; return 1
}

# stop_server LOG: SIGTERM; a clean stop prints the bridge's counters last (the JVM then exits 143).
stop_server() {
  local log="$1" rc
  stop "$SERVER_PID"; rc=$?
  SERVER_PID=""
  if [[ ($rc == 0 || $rc == 143) ]] && grep -q "^stacklab: $TAP: rx" "$log"; then
    say "   $(grep "^stacklab: $TAP: rx" "$log")"
    return 0
  fi
  say "   stacklab tap exited with status $rc on SIGTERM:"; tail -5 "$log" | sed 's/^/  | /'
  return 1
}

# curl_check NAME: Linux curl fetches 10 MB from httpd; compares sha256; prints time and throughput.
curl_check() {
  local name="$1" out t secs_total got
  out="$(timeout "$STEP_TIMEOUT" ip netns exec "$NS" curl -sS --fail --max-time "$STEP_TIMEOUT" \
        -o "$WORK/curl.bin" -w '%{time_total} %{size_download}' "http://$STACKLAB_IP/bytes/$SIZE" 2>&1)"
  if [[ $? != 0 ]]; then fail "$name: curl failed: $out"; return; fi
  read -r secs_total t <<<"$out"
  got="$(sha256sum "$WORK/curl.bin" | cut -d' ' -f1)"
  if [[ "$got" == "$EXPECTED_BYTES" ]]; then
    pass "$name: $t bytes in ${secs_total} s ($(mbit "$t" "$secs_total") Mbit/s), sha256 $got matches"
  else
    fail "$name: sha256 $got, expected $EXPECTED_BYTES ($t bytes)"
  fi
}

# client_check NAME PCAP [extra args]: StackLab's http-get fetches 10 MB from python3 -m http.server.
client_check() {
  local name="$1" pcap="$2" t0 t1 rc got line
  shift 2
  rm -f "$WORK/got.bin"
  t0="$(now)"
  timeout "$STEP_TIMEOUT" ip netns exec "$NS" "$ROOT/stacklab" tap --ifname "$TAP" --addr "$STACKLAB_IP/24" \
    --get "http://$LINUX_IP:8000/file.bin" -o "$WORK/got.bin" --pcap "$pcap" "$@" >"$WORK/client.log" 2>&1
  rc=$?
  t1="$(now)"
  line="$(grep -E '^HTTP [0-9]+' "$WORK/client.log" | tail -1)"
  if [[ $rc != 0 ]]; then fail "$name: stacklab tap --get exited with $rc"; sed 's/^/  | /' "$WORK/client.log"; return; fi
  got="$(sha256sum "$WORK/got.bin" 2>/dev/null | cut -d' ' -f1)"
  if [[ "$got" == "$EXPECTED_FILE" ]]; then
    pass "$name: ${line#HTTP 200, } (wall $(secs "$t0" "$t1") s with JVM start), sha256 $got matches"
  else
    fail "$name: sha256 '$got', expected $EXPECTED_FILE; $line"
  fi
}

start_python() {
  local i
  (cd "$WORK/srv" && exec ip netns exec "$NS" python3 -m http.server 8000 --bind "$LINUX_IP") >"$WORK/python.log" 2>&1 &
  PY_PID=$!
  for ((i = 0; i < 100; i++)); do
    ns curl -s -o /dev/null --max-time 2 "http://$LINUX_IP:8000/" && return 0
    sleep 0.2
  done
  say "python3 -m http.server did not start:"; cat "$WORK/python.log"; return 1
}

say "== 1. Linux ping -c 5 StackLab"
if start_server "$WORK/server.log" "$WORK/server.pcap"; then
  out="$(timeout 30 ip netns exec "$NS" ping -c 5 -i 0.2 -W 2 "$STACKLAB_IP" 2>&1)"
  received="$(sed -n 's/.* \([0-9]\+\) received.*/\1/p' <<<"$out")"
  rtt="$(grep -o 'rtt .*' <<<"$out")"
  if [[ "$received" == 5 ]]; then pass "1 ping: 5/5 replies, $rtt"; else fail "1 ping: ${received:-0}/5 replies"; say "$out"; fi

  say "== 2. Linux curl 10 MB from StackLab's httpd"
  curl_check "2 curl <- stacklab httpd"
  stop_server "$WORK/server.log" || fail "2 stacklab tap (server) did not stop cleanly on SIGTERM"
else
  fail "1 ping: the StackLab host did not come up"; fail "2 curl: no server"
fi

say "== 3. StackLab's http-get fetches 10 MB from python3 -m http.server"
if start_python; then
  client_check "3 stacklab http-get <- python http.server" "$WORK/client.pcap"
else
  fail "3 http-get: no Linux server"
fi

say "== 4. both transfers with netem $NETEM on Linux's side of $TAP"
NETEM_ARGS=()
if ns tc qdisc add dev "$TAP" root netem $NETEM 2>"$WORK/tc.err"; then
  say "   tc qdisc add dev $TAP root netem $NETEM"
else
  # Kernels built without sch_netem (many VM and CI kernels) say "Specified qdisc kind is unknown".
  say "   this kernel has no netem qdisc ($(head -1 "$WORK/tc.err")); the bridge applies the same"
  say "   impairment to the frames Linux sends instead: stacklab tap --netem '$NETEM'"
  NETEM_ARGS=(--netem "$NETEM")
fi
if start_server "$WORK/server-netem.log" "$WORK/server-netem.pcap" "${NETEM_ARGS[@]}"; then
  curl_check "4a curl <- stacklab httpd, netem"
  stop_server "$WORK/server-netem.log" || fail "4a stacklab tap (server) did not stop cleanly on SIGTERM"
else
  fail "4a curl, netem: the StackLab host did not come up"
fi
if [[ -n "$PY_PID" ]]; then
  client_check "4b stacklab http-get <- python http.server, netem" "$WORK/client-netem.pcap" "${NETEM_ARGS[@]}"
else
  fail "4b http-get, netem: no Linux server"
fi
grep -h "netem" "$WORK/server-netem.log" "$WORK/client.log" 2>/dev/null | grep passed | sed 's/^/   /'
ns tc qdisc del dev "$TAP" root 2>/dev/null || true

say "== 5. tcpdump -r of the bridge's pcaps"
for pcap in server client server-netem client-netem; do
  f="$WORK/$pcap.pcap"
  if [[ ! -s "$f" ]]; then fail "5 $pcap.pcap: missing or empty"; continue; fi
  dump="$(timeout 120 tcpdump -nn -vv -r "$f" 2>/dev/null)"
  packets="$(tcpdump -nn -r "$f" 2>/dev/null | wc -l)"
  syn="$(grep -c 'Flags \[S\],' <<<"$dump")"
  synack="$(grep -c 'Flags \[S\.\],' <<<"$dump")"
  bad="$(grep -Ec 'bad cksum|incorrect' <<<"$dump")"
  if [[ "$syn" -ge 1 && "$synack" -ge 1 && "$bad" == 0 ]]; then
    pass "5 $pcap.pcap: $packets frames, handshake seen (SYN $syn, SYN-ACK $synack), 0 bad checksums"
  else
    fail "5 $pcap.pcap: $packets frames, SYN $syn, SYN-ACK $synack, bad checksums $bad"
    grep -E -m 5 'bad cksum|incorrect' <<<"$dump" | sed 's/^/  | /'
  fi
done

say ""
say "== tap-interop summary"
printf '%s\n' "${SUMMARY[@]}"
if [[ $FAILS == 0 ]]; then say "tap-interop: all checks passed"; exit 0; fi
say "tap-interop: $FAILS check(s) failed (TAP_INTEROP_KEEP=1 keeps logs and pcaps)"
exit 1
