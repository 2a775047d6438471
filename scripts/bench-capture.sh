#!/usr/bin/env bash
# Capture benchmark (issue #4): generates a >= 1 GiB pcap with >= 100,000 TCP conversations
# (under target/, never committed) and prints MB/s, packets/s and peak memory for
#   - our ConversationIndex (JVM run with -Xmx256m: the heap bound is part of the claim),
#   - tshark -r FILE -q -z conv,tcp (Debian's tshark, installed here if missing),
#   - a plain sequential read of the file (the disk/page-cache floor),
# side by side. Usage: scripts/bench-capture.sh [MiB=1024] [conversations=150000]
set -euo pipefail
cd "$(dirname "$0")/.."
MIB="${1:-1024}"
CONVS="${2:-150000}"
FILE=target/bench/capture-bench.pcap

if ! command -v tshark >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
  apt-get update -qq
  apt-get install -y -qq tshark >/dev/null
fi
if ! [ -x /usr/bin/time ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq time >/dev/null || true
fi

mvn -q -ntp test-compile
CP="target/classes:target/test-classes:$(mvn -q -ntp dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
mkdir -p target/bench
want=$((MIB * 1024 * 1024))
if [ ! -f "$FILE" ] || [ "$(stat -c %s "$FILE")" -lt "$want" ]; then
  java -cp "$CP" io.github.handshakelab.bench.CaptureBench generate "$FILE" "$MIB" "$CONVS"
fi
SIZE=$(stat -c %s "$FILE")
cat "$FILE" > /dev/null # warm the page cache once so that no contender pays for the first disk read

ours=$(java -Xmx256m -cp "$CP" io.github.handshakelab.bench.CaptureBench index "$FILE")
plain=$(java -cp "$CP" io.github.handshakelab.bench.CaptureBench read "$FILE")
PACKETS=$(echo "$ours" | awk '{print $4}')

tstart=$(date +%s.%N)
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "%M" -o target/bench/tshark.rss tshark -n -r "$FILE" -q -z conv,tcp > target/bench/tshark.out 2>/dev/null
  TSHARK_RSS_KB=$(tail -1 target/bench/tshark.rss)
else
  tshark -n -r "$FILE" -q -z conv,tcp > target/bench/tshark.out 2>/dev/null
  TSHARK_RSS_KB=-1
fi
tend=$(date +%s.%N)
TSHARK_S=$(python3 -c "print($tend - $tstart)")
TSHARK_CONVS=$(grep -c '<->' target/bench/tshark.out || true)

python3 - "$SIZE" "$PACKETS" "$ours" "$plain" "$TSHARK_S" "$TSHARK_RSS_KB" "$TSHARK_CONVS" <<'PY'
import sys
size, packets = int(sys.argv[1]), int(sys.argv[2])
ours, plain = sys.argv[3].split(), sys.argv[4].split()
ts, rss, tconvs = float(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
rows = [("ConversationIndex (-Xmx256m)", float(ours[1]), f"{int(ours[4]) / 2**20:.0f} MiB heap peak", ours[5]),
        ("tshark -q -z conv,tcp", ts, (f"{rss / 1024:.0f} MiB RSS peak" if rss > 0 else "n/a"), f"conversations={tconvs}"),
        ("plain sequential read", float(plain[1]), f"{int(plain[4]) / 2**20:.0f} MiB heap peak", "")]
print(f"file: {size / 2**20:.0f} MiB, {packets} packets")
print(f"{'reader':32} {'seconds':>8} {'MB/s':>9} {'packets/s':>12}  memory")
for name, s, mem, note in rows:
    print(f"{name:32} {s:8.2f} {size / 1e6 / s:9.1f} {packets / s:12.0f}  {mem}  {note}")
print(f"speed-up over tshark: {ts / float(ours[1]):.1f}x")
PY
