#!/usr/bin/env bash
# Regenerates screenshots/*.png headless (Monocle, software rendering). Chinese glyphs need a CJK
# font: on Debian/Ubuntu `apt-get install fonts-noto-cjk` (done here when missing and allowed).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! fc-list 2>/dev/null | grep -qi "cjk"; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then apt-get install -y -q fonts-noto-cjk >/dev/null; else
    echo "warning: no CJK font installed; the Chinese screenshot will show boxes (apt-get install fonts-noto-cjk)" >&2; fi
fi
mvn -q -ntp -o test-compile
mvn -q -ntp -o dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >/dev/null
CP="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
OUT="${1:-screenshots}"
mkdir -p "$OUT"
shoot() { # GEOMETRY CLASS ARGS...: one JVM per set, each with Monocle's screen at GEOMETRY
  local geometry=$1; shift
  java -Djava.awt.headless=true -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry="$geometry"-32 -Dprism.order=sw \
       -Dhandshakelab.prefs=handshakelab-screenshots -cp "$CP" "$@"
}
shoot 1920x1200 io.github.handshakelab.view.Screenshots "$OUT"          # the window, themes, languages, 1280x800 projector
shoot 1920x1200 io.github.handshakelab.view.PredictShots "$OUT"         # predict mode, right and wrong, en and zh
shoot 1920x1200 io.github.handshakelab.view.BankShots "$OUT"            # interview questions, sockets
shoot 1280x800 io.github.handshakelab.view.LessonShots "$OUT" 1280x800  # presentation mode
shoot 1920x1080 io.github.handshakelab.view.LessonShots "$OUT" 1920x1080
# the animation, as render writes it
java -cp "$CP" io.github.handshakelab.Main render --scenario lost-final-ack --format gif --out "$OUT/lost-final-ack.gif"
