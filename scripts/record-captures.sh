#!/usr/bin/env bash
# Records the sample captures in resources/captures/ from this machine's own Linux TCP stack.
# Two network namespaces joined by a veth pair, each side delaying its output by 25 ms with
# tc netem (RTT 50 ms, so the handshake is visible on a time axis); only addresses inside
# those namespaces are used. The TLS sample runs openssl s_server/s_client on the loopback of
# a namespace. Needs root (namespaces, tcpdump). The IPv6 sample is written by dumpcap as pcapng
# (section header, interface description with options, enhanced packet blocks, statistics).
# Usage: scripts/record-captures.sh [OUTDIR]; ONLY="name1 name2" re-records only those files.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-resources/captures}"
mkdir -p "$OUT"

need=()
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v ip >/dev/null || need+=(iproute2)
command -v ethtool >/dev/null || need+=(ethtool)
command -v tc >/dev/null || need+=(iproute2)
command -v openssl >/dev/null || need+=(openssl)
command -v python3 >/dev/null || need+=(python3)
command -v dumpcap >/dev/null || need+=(tshark)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

. scripts/netns.sh
C=$HL_C S=$HL_S
CADDR=$HL_CADDR SADDR=$HL_SADDR
TMP=$(mktemp -d)
cleanup() {
  hl_netns_down
  rm -rf "$TMP"
}
trap cleanup EXIT
hl_netns_up direct
if ip netns exec $C tc qdisc add dev hl-c root netem delay 25ms 2>/dev/null \
   && ip netns exec $S tc qdisc add dev hl-s root netem delay 25ms 2>/dev/null; then
  echo "netem: 25 ms each way"
else
  # Some kernels (containers) lack sch_netem and cannot load it: record without the delay.
  echo "netem is not available in this kernel: recording without added delay" >&2
fi
sleep 2 # let both veth ends come up before the first capture

# One python program plays both roles; ROLE and SCENARIO pick what it does.
cat > "$TMP/peer.py" <<'PY'
import socket, sys, time
role, scenario, host, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
at = float(sys.argv[5]) if len(sys.argv) > 5 else 0.0

def until(t):
    d = t - time.time()
    if d > 0: time.sleep(d)

def read_all(c, n):
    got = b""
    while len(got) < n:
        b = c.recv(n - len(got))
        if not b: break
        got += b
    return got

if role == "server":
    ls = socket.socket(family); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((host, port)); ls.listen(1)
    c, _ = ls.accept()
    if scenario == "data":            # request 100 bytes, response 300 bytes, client closes first
        read_all(c, 100); c.sendall(b"r" * 300)
        c.recv(1)                     # EOF: the client's FIN
        time.sleep(0.2)               # the FIN is ACKed on its own before our FIN: a four-way close
        c.close()
    elif scenario == "simclose":      # both close at the same instant: the FINs cross on the wire
        read_all(c, 10); until(at); c.close()
    elif scenario == "halfclose":     # the client shuts its sending side; we still send data
        read_all(c, 20); c.recv(1)    # the request, then EOF
        for _ in range(3):
            time.sleep(0.1); c.sendall(b"d" * 200)
        time.sleep(0.1); c.close()
    elif scenario == "serverfirst":   # we send a banner and close first
        c.sendall(b"b" * 50); time.sleep(0.2); c.close()
    time.sleep(0.3)
else:
    s = socket.socket(family)
    try:
        s.connect((host, port))
    except ConnectionRefusedError:
        sys.exit(0)                   # the closed-port scenario: SYN answered by RST
    if scenario == "data":
        s.sendall(b"q" * 100); read_all(s, 300); time.sleep(0.2); s.close()
    elif scenario == "simclose":
        s.sendall(b"x" * 10); until(at); s.close()
    elif scenario == "halfclose":
        s.sendall(b"h" * 20); s.shutdown(socket.SHUT_WR); read_all(s, 600); read_all(s, 1); s.close()
    elif scenario == "serverfirst":
        read_all(s, 50); read_all(s, 1); time.sleep(0.2); s.close()
    time.sleep(0.3)
PY

want() { [ -z "${ONLY:-}" ] || [[ " $ONLY " == *" $1 "* ]]; }

record() { # NAME SCENARIO PORT [listen=yes|no] [interface] [server address]
  local name=$1 scenario=$2 port=$3 listen=${4:-yes} iface=${5:-hl-c} saddr=${6:-$SADDR}
  want "$name" || return 0
  if [[ $name == *.pcapng ]]; then
    ip netns exec $C dumpcap -q -i "$iface" -f "tcp port $port" -w "$OUT/$name" 2>/dev/null &
  else
    # --immediate-mode: otherwise the kernel hands packets over in blocks and a short exchange
    # can still sit in the ring when tcpdump is stopped.
    ip netns exec $C tcpdump -q -n -s 0 -U --immediate-mode -i "$iface" -w "$OUT/$name" "tcp port $port" 2>/dev/null &
  fi
  local dump=$!
  sleep 1
  local at; at=$(python3 -c 'import time; print(time.time() + 0.8)')
  local srv=
  if [ "$listen" = yes ]; then
    ip netns exec $S python3 "$TMP/peer.py" server "$scenario" "$saddr" "$port" "$at" & srv=$!
    sleep 0.3
  fi
  ip netns exec $C python3 "$TMP/peer.py" client "$scenario" "$saddr" "$port" "$at"
  [ -n "$srv" ] && wait "$srv"
  sleep 1.5
  kill -INT "$dump"; wait "$dump" || true
  echo "recorded $OUT/$name"
}

record handshake-data-close.pcap data 8080
# Captured on "any": a Linux cooked (SLL2) capture, so the samples cover two link types.
record rst-closed-port.pcap none 8081 no any
# Without netem the FINs cross only if both are sent within microseconds: retry until they do.
cat > "$TMP/crossed.py" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read(); o = 24; fins = []
while o + 16 <= len(d):
    cap = struct.unpack("<I", d[o+8:o+12])[0]; pkt = d[o+16:o+16+cap]; o += 16 + cap
    ip = 14; ihl = (pkt[ip] & 15) * 4; t = ip + ihl
    seq, ack = struct.unpack(">II", pkt[t+4:t+12]); flags = pkt[t+13]
    if flags & 1: fins.append((seq, ack))
# Crossed: the second FIN does not acknowledge the first one.
sys.exit(0 if len(fins) == 2 and fins[1][1] != (fins[0][0] + 1) % 2**32 else 1)
PY
for try in 1 2 3 4 5 6 7 8 9 10; do
  want simultaneous-close.pcap || break
  record simultaneous-close.pcap simclose 8082
  python3 "$TMP/crossed.py" "$OUT/simultaneous-close.pcap" && break
  echo "the FINs did not cross (try $try); again"
done
record half-close-with-data.pcap halfclose 8083
record server-closes-first.pcap serverfirst 8084
# The request/response/close exchange again over IPv6, as pcapng written by dumpcap.
record ipv6-handshake-data-close.pcapng data 8085 yes hl-c fd00:99::2

# TLS 1.3 handshake on the loopback of the server namespace, stored gzip-compressed.
want tls-handshake.pcap.gz || exit 0
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=handshake-lab.test \
  -keyout "$TMP/key.pem" -out "$TMP/cert.pem" 2>/dev/null
ip netns exec $S tcpdump -q -n -s 0 -U --immediate-mode -i lo -w "$TMP/tls.pcap" "tcp port 4433" 2>/dev/null &
dump=$!
sleep 1
ip netns exec $S openssl s_server -quiet -naccept 1 -accept 127.0.0.1:4433 -cert "$TMP/cert.pem" -key "$TMP/key.pem" >/dev/null 2>&1 &
srv=$!
sleep 0.5
ip netns exec $S openssl s_client -connect 127.0.0.1:4433 -servername handshake-lab.test </dev/null >/dev/null 2>&1 || true
sleep 1.5
kill "$srv" 2>/dev/null || true; wait "$srv" 2>/dev/null || true
kill -INT "$dump"; wait "$dump" || true
gzip -9 -n -c "$TMP/tls.pcap" > "$OUT/tls-handshake.pcap.gz"
echo "recorded $OUT/tls-handshake.pcap.gz"
