#!/usr/bin/env bash
# Time from launch to the first window mapped, under Xvfb, for Handshake Lab and for a minimal
# JavaFX window (one label) started the same way (same JVM, same jar, same natives); prints both
# and the ratio (goal: <= 1.3x, issue 12). "java -jar" is the app as users start it: it repeats
# itself in a second JVM with its class-data archive and C1 only (app.FastStart; the first
# start, untimed here, makes the archive); "one JVM" is the same jar with HANDSHAKELAB_RELAUNCH=0.
#
#   scripts/bench-startup.sh [RUNS]       (default 7 runs each, medians reported; JAR=... to time another jar)
#   scripts/bench-startup.sh --classlist  records the classes of the first window: all of them with their lambdas
#                                         for the archive (src/main/resources/.../app/classes.lst), and those of
#                                         the first frame in load order for app.Prewarm (.../app/prewarm.lst)
#
# Needs target/handshake-lab.jar (mvn package), Xvfb and python3 (installed with apt-get when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-$PWD/target/handshake-lab.jar}
[ -f "$JAR" ] || { echo "no $JAR: run mvn package first" >&2; exit 2; }
if ! command -v Xvfb >/dev/null || ! command -v python3 >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq xvfb python3 >/dev/null; else echo "install xvfb and python3" >&2; exit 2; fi
fi
JAVA=${JAVA:-java}
WORK=$(mktemp -d)
DISP=:$((80 + RANDOM % 100))
mkdir "$WORK/fb"
Xvfb "$DISP" -screen 0 1600x1000x24 -fbdir "$WORK/fb" -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
cleanup() { kill "$XVFB" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
export DISPLAY=$DISP
sleep 1

# the yardstick, compiled against the jar's JavaFX
javac -nowarn -d "$WORK/min" -cp "$JAR" scripts/bench/MinimalFx.java

# Starts the command (the rest of the arguments) and prints "MAPPED COMPLETE PANES CPU THREAD":
# ms after launch until the window titled $1 is mapped and until its content is on the screen
# (scripts/bench/watch_window.py, reading Xvfb's frame buffer: a mapped but empty window is not
# started), and for the app until "startup panes" (library, notes, side tabs and features built,
# app.StartupTimes); then the process and window-thread CPU ms at "startup frame" (the first frame
# with the content handed to the renderer; of the window's JVM). Then the program is stopped.
time_window() {
  local title=$1; shift
  local kind=min t0 out=$WORK/out.$RANDOM mapped complete pid
  [ "$title" = "Handshake Lab" ] && kind=app
  t0=$(date +%s%N)
  HANDSHAKELAB_STARTUP=1 "$@" >"$out" 2>&1 &
  pid=$!
  read -r mapped complete < <(python3 scripts/bench/watch_window.py "$WORK/fb/Xvfb_screen0" "$title" "$kind" "$t0" 120)
  # (a jar from before app.StartupTimes prints no milestones: then the screen alone decides)
  if [ "$kind" = app ] && grep -q '^startup main' "$out"; then
    for i in $(seq 3000); do grep -q '^startup panes' "$out" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
  fi
  if ! kill -0 "$pid" 2>/dev/null || [ "$complete" = 0 ]; then echo "failed: $*" >&2; cat "$out" >&2; kill "$pid" 2>/dev/null; return 1; fi
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # the program's own time stamps (epoch ms), relative to the launch
  # (java -jar prints "main" twice: the first JVM's, then the window's; the window's counts)
  at() { awk -v k="$1" -v t0="$t0" '$1 == "startup" && $2 == k {v = $3 - t0 / 1000000} END {printf "%d", v}' "$out"; }
  [ -n "${KEEP_LOG:-}" ] && { echo "main $(at main) toolkit $(at toolkit) shown $(at shown) frame $(at frame) mapped $mapped drawn $complete panes $(at panes)" >&2; grep -v '^startup' "$out" >&2 || true; }
  local cpu thr
  cpu=$(awk '$1 == "startup" && $2 == "frame" {print $4}' "$out"); thr=$(awk '$1 == "startup" && $2 == "frame" {print $5}' "$out")
  echo "$mapped $complete $(at panes) ${cpu:-0} ${thr:-0}"
  rm -f "$out"
}

if [ "${1:-}" = "--classlist" ]; then
  out=src/main/resources/io/github/handshakelab/app/classes.lst
  HANDSHAKELAB_STARTUP=1 HANDSHAKELAB_RELAUNCH=0 "$JAVA" -XX:DumpLoadedClassList="$out" -jar "$JAR" >"$WORK/log" 2>&1 &
  pid=$!
  until grep -q '^startup panes' "$WORK/log"; do sleep 0.05; done
  sleep 1; kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "class list: $out ($(grep -vc '^[#@]' "$out") classes)"
  # The classes up to the first frame, in load order, for app.Prewarm (it loads them on a
  # second core while the window thread builds the frame): recorded again, stopped at "startup frame".
  HANDSHAKELAB_STARTUP=1 HANDSHAKELAB_PREWARM=0 HANDSHAKELAB_RELAUNCH=0 "$JAVA" -XX:DumpLoadedClassList="$WORK/first.lst" -jar "$JAR" >"$WORK/log2" 2>&1 &
  pid=$!
  until grep -q '^startup frame' "$WORK/log2"; do sleep 0.005; done
  kill -STOP "$pid"; cp "$WORK/first.lst" "$WORK/first.copy"; kill -9 "$pid"; wait "$pid" 2>/dev/null || true
  pre=src/main/resources/io/github/handshakelab/app/prewarm.lst
  { echo "# Classes of the first frame in load order, for app.Prewarm; recorded by scripts/bench-startup.sh --classlist"
    grep -v '^[#@]' "$WORK/first.copy" | cut -d' ' -f1 | tr / . | grep -v '^\(java\.lang\.invoke\.\|jdk\.internal\.reflect\.Generated\)'; } >"$pre"
  echo "prewarm list: $pre ($(grep -vc '^#' "$pre") classes)"
  exit 0
fi

RUNS=${1:-7}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

# For comparison only: the yardstick with a class-data archive of the same classes (the app's list).
unzip -p "$JAR" io/github/handshakelab/app/classes.lst >"$WORK/classes.lst"
"$JAVA" -Xshare:dump -XX:SharedClassListFile="$WORK/classes.lst" -XX:SharedArchiveFile="$WORK/min.jsa" \
  -cp "$JAR:$WORK/min" >/dev/null 2>&1 || true

# one untimed start of each: natives unpacked, the app's archive made (at most a minute), file cache warm
time_window "Handshake Lab" "$JAVA" -jar "$JAR" >/dev/null
for i in $(seq 60); do
  [ -n "$(ls "${CDS_DIR:-$HOME/.openjfx/cache/handshake-lab/cds}"/*.jsa 2>/dev/null)" ] && ! pgrep -f 'app.FastStart' >/dev/null && break
  sleep 1
done
time_window "Handshake Lab" "$JAVA" -jar "$JAR" >/dev/null
time_window MinimalFx "$JAVA" -cp "$JAR:$WORK/min" MinimalFx >/dev/null

declare -A ms
add() { # key "mapped complete panes"
  set -- "$1" $2
  ms[$1]+="$2 "; ms[$1_c]+="$3 "; ms[$1_p]+="$4 "; ms[$1_cpu]+="$5 "; ms[$1_thr]+="$6 "
}
for i in $(seq "$RUNS"); do
  add app "$(time_window "Handshake Lab" "$JAVA" -jar "$JAR")"
  add min "$(time_window MinimalFx "$JAVA" -cp "$JAR:$WORK/min" MinimalFx)"
  add one "$(time_window "Handshake Lab" env HANDSHAKELAB_RELAUNCH=0 "$JAVA" -jar "$JAR")"
  if [ -f "$WORK/min.jsa" ]; then
    add min_cds "$(time_window MinimalFx "$JAVA" -XX:SharedArchiveFile="$WORK/min.jsa" -cp "$JAR:$WORK/min" MinimalFx)"
  fi
  if [ -x target/dist/handshake-lab/bin/handshake-lab ]; then
    add image "$(time_window "Handshake Lab" target/dist/handshake-lab/bin/handshake-lab)"
  fi
done

med() { echo "${ms[$1]:-}" | tr ' ' '\n' | grep . | median; }
report() { # name key
  [ -n "${ms[$2]:-}" ] || return 0
  local p=""
  [ "$(med "$2_p")" != 0 ] && p=$(printf '  all panes %5d' "$(med "$2_p")")
  printf '%-44s mapped %5d  complete %5d%s ms   (mapped: %s; complete: %s)\n' "$1" "$(med "$2")" "$(med "$2_c")" "$p" "${ms[$2]% }" "${ms[$2_c]% }"
  printf '%-44s CPU until the first frame: process %5d ms, window thread %5d ms\n' "" "$(med "$2_cpu")" "$(med "$2_thr")"
}
ratio() { awk -v a="$(med "$1")" -v m="$(med "$2")" 'BEGIN {printf "%.2f", a/m}'; }
echo "first window after launch (median of $RUNS runs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA" -version 2>&1 | head -1)"
echo "mapped: the window is on the X server; complete: its content is on the screen (the frame buffer: the app's diagram, the label's text)"
report "Handshake Lab  java -jar" app
report "minimal JavaFX java -cp (same jar)" min
report "Handshake Lab  java -jar, one JVM" one
report "app image bin/handshake-lab (jlink)" image
report "(minimal JavaFX + class-data archive)" min_cds
echo "ratio app/minimal: mapped $(ratio app min)x, complete $(ratio app_c min_c)x (goal <= 1.3x); CPU until the first frame: process $(ratio app_cpu min_cpu)x, window thread $(ratio app_thr min_thr)x"
echo "ratio one JVM/minimal: mapped $(ratio one min)x, complete $(ratio one_c min_c)x"
[ -n "${ms[image]:-}" ] && echo "ratio app image/minimal: mapped $(ratio image min)x, complete $(ratio image_c min_c)x"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
