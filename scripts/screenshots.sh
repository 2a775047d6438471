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
java -Djava.awt.headless=true -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dheadless.geometry=1920x1200-32 -Dprism.order=sw \
     -Dhandshakelab.prefs=handshakelab-screenshots -cp "$CP" io.github.handshakelab.view.Screenshots "${1:-screenshots}"
