#!/usr/bin/env bash
# Time from launch to the first window mapped, under Xvfb, for Handshake Lab and for a minimal
# JavaFX window (one label) started the same way (same JVM, same jar, same natives); prints both,
# the ratio (goal: <= 1.3x, issue 12) and the effect of a class-data archive.
#
#   scripts/bench-startup.sh [RUNS]            (default 7 runs each, medians reported; JAR=... to time another jar)
#   scripts/bench-startup.sh --classlist FILE  records the class list of the first window (for src/packaging/classes.lst)
#
# Needs target/handshake-lab.jar (mvn package), Xvfb and xdotool (installed with apt-get when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-$PWD/target/handshake-lab.jar}
[ -f "$JAR" ] || { echo "no $JAR: run mvn package first" >&2; exit 2; }
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq xvfb xdotool >/dev/null; else echo "install xvfb and xdotool" >&2; exit 2; fi
fi
JAVA=${JAVA:-java}
WORK=$(mktemp -d)
DISP=:$((80 + RANDOM % 100))
Xvfb "$DISP" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
cleanup() { kill "$XVFB" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
export DISPLAY=$DISP
sleep 1

# the yardstick, compiled against the jar's JavaFX
javac -nowarn -d "$WORK/min" -cp "$JAR" scripts/bench/MinimalFx.java

# ms from start to a visible window titled $1, then the process is stopped; the rest is the command
time_window() {
  local title=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  local pid=$!
  until xdotool search --onlyvisible --name "^$title\$" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "failed: $*" >&2; return 1; fi
    sleep 0.01
  done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

if [ "${1:-}" = "--classlist" ]; then
  out=$2
  "$JAVA" -XX:DumpLoadedClassList="$out" -jar "$JAR" >/dev/null 2>&1 &
  pid=$!
  until xdotool search --onlyvisible --name '^Handshake Lab$' >/dev/null 2>&1; do sleep 0.05; done
  sleep 3; kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "class list: $out ($(grep -vc '^[#@]' "$out") classes)"
  exit 0
fi

RUNS=${1:-7}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# A dynamic class-data archive of the first window's classes, as the app image carries it.
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -cp "$JAR" io.github.handshakelab.app.ClassListLoader \
  src/packaging/classes.lst >/dev/null 2>&1 || true
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/min.jsa" -cp "$JAR:$WORK/min" io.github.handshakelab.app.ClassListLoader \
  src/packaging/classes.lst >/dev/null 2>&1 || true

# one untimed start of each: natives unpacked, file cache warm
time_window "Handshake Lab" "$JAVA" -jar "$JAR" >/dev/null
time_window MinimalFx "$JAVA" -cp "$JAR:$WORK/min" MinimalFx >/dev/null

declare -A ms
for i in $(seq "$RUNS"); do
  ms[app]+="$(time_window "Handshake Lab" "$JAVA" -jar "$JAR") "
  ms[min]+="$(time_window MinimalFx "$JAVA" -cp "$JAR:$WORK/min" MinimalFx) "
  if [ -f "$WORK/app.jsa" ]; then
    ms[app_cds]+="$(time_window "Handshake Lab" "$JAVA" -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$JAR") "
    ms[min_cds]+="$(time_window MinimalFx "$JAVA" -XX:SharedArchiveFile="$WORK/min.jsa" -cp "$JAR:$WORK/min" MinimalFx) "
  fi
  if [ -x target/dist/handshake-lab/bin/handshake-lab ]; then
    ms[image]+="$(time_window "Handshake Lab" target/dist/handshake-lab/bin/handshake-lab) "
  fi
done

report() { # name key
  [ -n "${ms[$2]:-}" ] || return 0
  printf '%-44s median %5d ms   (runs: %s)\n' "$1" "$(echo "${ms[$2]}" | tr ' ' '\n' | grep . | median)" "${ms[$2]% }"
}
echo "first window mapped after launch, $RUNS runs, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
report "Handshake Lab  java -jar" app
report "minimal JavaFX java -cp (same jar)" min
report "Handshake Lab  java -jar + AppCDS archive" app_cds
report "minimal JavaFX + AppCDS archive" min_cds
report "app image bin/handshake-lab (jlink + AppCDS)" image
a=$(echo "${ms[app]}" | tr ' ' '\n' | grep . | median); m=$(echo "${ms[min]}" | tr ' ' '\n' | grep . | median)
echo "ratio app/minimal: $(awk -v a="$a" -v m="$m" 'BEGIN {printf "%.2f", a/m}')x (goal <= 1.3x)"
if [ -n "${ms[app_cds]:-}" ]; then
  a=$(echo "${ms[app_cds]}" | tr ' ' '\n' | grep . | median); m=$(echo "${ms[min_cds]}" | tr ' ' '\n' | grep . | median)
  echo "ratio with AppCDS: $(awk -v a="$a" -v m="$m" 'BEGIN {printf "%.2f", a/m}')x"
fi
