#!/usr/bin/env bash
# Records every built-in scenario that this machine's Linux TCP stack can produce into
# resources/captures/linux/<scenario-id>.pcap, for LinuxRecordingsTest (which compares each one
# with `render --scenario ID --profile linux` plus the options in <scenario-id>.options).
#
# Client 10.99.0.1 (namespace hl-client) and server 10.99.0.2 (hl-server) are joined through a
# third namespace hl-link (scripts/netns.sh, "relay" mode) where scripts/linux_link.py carries
# every frame 50 ms later (the simulator's default one-way delay; this kernel has no sch_netem)
# and drops the segments a scenario loses, numbered as the simulator numbers them. The two
# applications are scripts/linux_peer.py, whose calls happen when the scenario's do. tcpdump
# records on the client's interface, so a segment the link drops is seen when the client sent it
# and not at all when the server did (LinuxRecordingsTest knows this).
#
# sysctls, set in both end namespaces (the rest are the kernel's defaults):
#   net.ipv4.tcp_timestamps=0   no timestamp option, so a full segment carries 1460 bytes as in
#                               the simulator (it models no TCP options)
#   net.ipv4.tcp_syncookies=1   the default, named because syn-flood shows it: cookies once the
#                               listen backlog (4) is full
# Socket options: keep-alive sets TCP_KEEPIDLE 10 / TCP_KEEPINTVL 5 / TCP_KEEPCNT 3 (the
# scenario's values), reset-mid-connection SO_LINGER 0, data-on-fin TCP_CORK (see linux_peer.py).
#
# Needs root. Installs tcpdump, iproute2, ethtool and python3-scapy (for the crafted SYNs of
# syn-flood and old-duplicate-syn) with apt-get when missing. Takes about 4 minutes (keep-alive alone is
# 47 s, syn-flood 34 s). Usage: sudo scripts/record-linux.sh [OUTDIR]; ONLY="id ..." records
# only those scenarios.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-resources/captures/linux}"
mkdir -p "$OUT"
PY=/usr/bin/python3   # the system python: its standard library, and scapy to build crafted SYNs

need=()
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v ip >/dev/null || need+=(iproute2)
command -v ethtool >/dev/null || need+=(ethtool)
[ -x $PY ] || need+=(python3)
[ -x $PY ] && $PY -c 'import scapy' 2>/dev/null || need+=(python3-scapy)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

. scripts/netns.sh
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  hl_netns_down
}
trap cleanup EXIT
hl_netns_up relay
for ns in $HL_C $HL_S; do
  ip netns exec "$ns" sysctl -qw net.ipv4.tcp_timestamps=0
done
# syn-flood: the server answers the forged sources 198.51.100.0/24 through the client's side,
# whose kernel drops what is not addressed to it (no forwarding), as the Internet would lose it.
ip -n $HL_S route add 198.51.100.0/24 via $HL_CADDR
sleep 2 # let the veth ends come up before the first capture

# The link and the two programs run with a real-time priority (SCHED_FIFO): on a loaded machine
# a normal process wakes up tens of milliseconds late, which would show as a slow link.
RT="chrt -f 50"
$RT true 2>/dev/null || RT=

want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

n=0
# record ID SECONDS "LINK OPTIONS" "RENDER OPTIONS" ["NOTES"]
#   SECONDS: how long after the client's connect() the capture stops (TIME_WAIT's 60 s is not
#   waited for: the comparison ends where the recording does).
#   LINK OPTIONS: linux_link.py's --drop N / --cut-at T for this run.
#   RENDER OPTIONS: what `render --scenario ID` needs to be the same run (written to ID.options).
#   NOTES: more lines for ID.options ("no-states SIDE why", "known DIFFERENCE"; LinuxRecordingsTest).
record() {
  local id=$1 secs=$2 link=$3 opts=$4 notes=${5:-}
  local name=${NAME:-$id}  # the file's name: ID, or ID@VARIANT for one outcome of a race
  n=$((n + 1))
  want "$id" || return 0
  local port=$((8100 + n)) cport=$((40100 + n))
  # t0: when the client connects; LEAD seconds from now leave the programs time to start.
  local t0; t0=$($PY -c "import time; print('%.6f' % (time.time() + ${LEAD:-1.5}))")
  PIDS=()
  ip netns exec $HL_C tcpdump -q -n -s 0 -U --immediate-mode -i hl-c -w "$OUT/$name.pcap" "tcp port $port" 2>/dev/null &
  PIDS+=($!)
  # shellcheck disable=SC2086
  $RT ip netns exec $HL_M $PY scripts/linux_link.py --t0 "$t0" --port $port $link &
  PIDS+=($!)
  $RT ip netns exec $HL_S $PY scripts/linux_peer.py server "$id" "$t0" $HL_SADDR $port $HL_CADDR $cport >/dev/null &
  PIDS+=($!)
  $RT ip netns exec $HL_C $PY scripts/linux_peer.py client "$id" "$t0" $HL_SADDR $port $HL_CADDR $cport ${EXTRA:-} &
  PIDS+=($!)
  # Until the capture's end: then tcpdump stops first, so the exits of the two programs
  # (their sockets closing) are not recorded.
  $PY -c "import time; time.sleep(max(0, $t0 + $secs - time.time()))"
  kill -INT "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true
  local p
  for p in "${PIDS[@]:1}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  PIDS=()
  printf '%s\n' "$opts" > "$OUT/$name.options"
  [ -z "$notes" ] || printf '%s\n' "$notes" >> "$OUT/$name.options"
  echo "recorded $OUT/$name.pcap ($(stat -c %s "$OUT/$name.pcap") bytes)"
}

record three-way-handshake     0.6  ""             "--profile linux"
record four-way-close          1.2  ""             "--profile linux"
record server-closes-first     1.2  ""             "--profile linux"
record three-segment-close     1.0  ""             "--profile linux"
record data-transfer           1.5  ""             "--profile linux"
record half-close-with-data    1.5  ""             "--profile linux"
record simultaneous-open       0.6  ""             "--profile linux" \
  "no-states SERVER the tap sees the server's SYN after the client's SYN has reached the server, so the replay cannot tell that the server passed through SYN_RCVD"
record simultaneous-close      1.0  ""             "--profile linux"
record lost-syn                1.6  "--drop 1"     "--profile linux"
# A race: the server's 1 s SYN,ACK timer and the client's retransmitted SYN both fall at 1.05 s,
# and the timer wheel rounds each up by up to 32 ms, so either comes first. Both outcomes are kept:
# lost-syn-ack.pcap with the SYN first (Linux answers it and restarts the timer: one SYN,ACK) and
# lost-syn-ack@timer-first.pcap (the timer's SYN,ACK, then the answer's: two).
LOST_SYN_ACK_KNOWN="known segments: Linux 4, simulation 6 (first extra: simulation S>C SYN, ACK seq=0 ack=1 len=0)"
syn_acks() { tcpdump -n -r "$1" 'tcp[13] == 18' 2>/dev/null | wc -l; }
if want lost-syn-ack; then
  rm -f "$OUT/lost-syn-ack.pcap" "$OUT/lost-syn-ack@timer-first.pcap"
  for try in 1 2 3 4 5 6 7 8 9 10; do
    NAME=lost-syn-ack@try record lost-syn-ack 1.6 "--drop 2" "--profile linux"  # a new port each try
    if [ "$(syn_acks "$OUT/lost-syn-ack@try.pcap")" -ge 2 ]; then  # the lost one is not in the file
      mv "$OUT/lost-syn-ack@try.pcap" "$OUT/lost-syn-ack@timer-first.pcap"
      mv "$OUT/lost-syn-ack@try.options" "$OUT/lost-syn-ack@timer-first.options"
    else
      mv "$OUT/lost-syn-ack@try.pcap" "$OUT/lost-syn-ack.pcap"
      printf '%s\n' "--profile linux" "$LOST_SYN_ACK_KNOWN" > "$OUT/lost-syn-ack.options"
      rm -f "$OUT/lost-syn-ack@try.options"
    fi
    [ -f "$OUT/lost-syn-ack.pcap" ] && [ -f "$OUT/lost-syn-ack@timer-first.pcap" ] && break
    echo "lost-syn-ack: one outcome of the race so far (try $try); again"
  done
fi
record lost-handshake-ack      1.6  "--drop 3"     "--profile linux"
record lost-final-ack          1.5  "--drop 7"     "--profile linux"
# The client's ISN is probed first, outside the capture, on the port the record will use (n + 1).
if want old-duplicate-syn; then
  probe=$(mktemp)
  $RT ip netns exec $HL_C $PY scripts/linux_peer.py probe old-duplicate-syn 0 $HL_SADDR $((8100 + n + 1)) $HL_CADDR $((40100 + n + 1)) "$probe" 2>/dev/null
  EXTRA=$probe record old-duplicate-syn 1.0 "" "--profile linux" \
    "no-numbers the old SYN lies about 2000 below the new ISN, not 10 (Linux's ISN is predicted from its clock to within a few hundred microseconds), the replay counts the client's numbers from that old SYN and the server's second SYN,ACK starts a new incarnation with its own ISN; senders, flags, lengths, order, timing and states are compared"
  rm -f "$probe"
else
  n=$((n + 1))
fi
record connect-to-closed-port  0.5  ""             "--profile linux"
record reset-mid-connection    1.0  ""             "--profile linux"
record close-with-unread-data  1.0  ""             "--profile linux"
record shutdown-vs-close       1.5  ""             "--profile linux"
record data-on-fin             1.0  ""             "--profile linux"
record syn-in-time-wait        2.3  ""             "--profile linux"
record tls12-handshake         1.2  ""             "--profile linux"
record tls13-handshake         1.0  ""             "--profile linux"
# tcp_synack_retries (5): the forged SYNs' SYN,ACKs are sent again at 1, 3, 7, 15 and 31 s
# (the timer wheel may add up to 1/8 of each wait, hence 34 s). Importing scapy takes seconds.
LEAD=5 record syn-flood        34   ""             "--profile linux"
# The server host "crashes" at 25 s: the link carries nothing from then on.
record keep-alive              46.5 "--cut-at 25"  "--profile linux" \
  "no-states SERVER the server host is gone from 25 s (the link carries nothing): the replay closes it when the client's RST passes the tap, the simulation when it crashed, which no segment shows"
