#!/usr/bin/env bash
# "Any size" benchmark (issue #11): generates a capture with ONE conversation of 1,000,000 segments
# and one with 1,000,000 conversations (under target/bench, never committed), then runs the CLI on
# them with the heap capped at -Xmx512m: render --capture --format txt|json (streamed) and
# conversations --format txt|json. Prints time, peak heap (sum of the heap pools' peaks, an upper
# bound) and the output size; stdout is counted, not kept; then opens the long conversation in the app's
# diagram (FrameBench -Dframes.capture) under the same heap. Usage: scripts/bench-scale.sh [segments] [conversations] [xmx]
set -euo pipefail
cd "$(dirname "$0")/.."
SEGS="${1:-1000000}"
CONVS="${2:-1000000}"
XMX="${3:-512m}"
mvn -q -o test-compile 2>/dev/null || mvn -q -ntp test-compile
CP="target/classes:target/test-classes:$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout 2>/dev/null || mvn -q -ntp dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
mkdir -p target/bench
LONG=target/bench/long-$SEGS.pcap MANY=target/bench/many-$CONVS.pcap
[ -f "$LONG" ] || java -cp "$CP" io.github.handshakelab.bench.ScaleBench long "$LONG" "$SEGS"
[ -f "$MANY" ] || java -cp "$CP" io.github.handshakelab.bench.ScaleBench many "$MANY" "$CONVS"
for f in txt json; do java -Xmx$XMX -cp "$CP" io.github.handshakelab.bench.ScaleBench run render --capture "$LONG" --format $f; done
for f in txt json; do java -Xmx$XMX -cp "$CP" io.github.handshakelab.bench.ScaleBench run conversations "$MANY" --format $f; done
# The app's path (CaptureOpener + WindowModel.showFile + the diagram, headless): the 1,000,000-segment
# conversation opened at -Xmx$XMX, with the time until it is on screen, the heap, and frame times.
java -Xmx$XMX -Djava.awt.headless=true -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1920x1200-32 \
  -Dprism.order=sw -Dframes.capture="$LONG" -cp "$CP" io.github.handshakelab.bench.FrameBench
