#!/usr/bin/env bash
# Time from launch to the first window mapped, under Xvfb, for Handshake Lab and for a minimal
# JavaFX window (one label) started the same way (same JVM, same jar, same natives); prints both,
# the ratio (goal: <= 1.3x, issue 12) and the effect of a class-data archive.
#
#   scripts/bench-startup.sh [RUNS]            (default 7 runs each, medians reported; JAR=... to time another jar)
#   scripts/bench-startup.sh --classlist FILE  records the class list of the first window (for src/packaging/classes.lst)
#                                              and writes the same list as src/main/resources/.../app/prewarm.lst
#
# Needs target/handshake-lab.jar (mvn package), Xvfb, xdotool and xwd (installed with apt-get when run as root).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-$PWD/target/handshake-lab.jar}
[ -f "$JAR" ] || { echo "no $JAR: run mvn package first" >&2; exit 2; }
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v xwd >/dev/null; then
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq xvfb xdotool x11-apps >/dev/null; else echo "install xvfb, xdotool and x11-apps (xwd)" >&2; exit 2; fi
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

# Whether the window $2 shows its content, from its pixels (xwd): for the app ($1 = app) the
# default scenario's diagram, i.e. at least 1000 pixels of the SYN_SENT badge's solid amber
# (#e69f00, diagram.Palette); for the one-label window ($1 = min) at least 3 colours (its text).
drawn() {
  local f=$WORK/shot.xwd h n
  xwd -id "$2" -silent >"$f" 2>/dev/null || return 1
  h=$(od -An -j0 -N4 -tx1 "$f" | tr -d ' \n'); n=$(od -An -j76 -N4 -tx1 "$f" | tr -d ' \n')
  [ -n "$h" ] || return 1
  if [ "$1" = app ]; then
    [ "$(tail -c +$(( 0x$h + 0x$n * 12 + 1 )) "$f" | LC_ALL=C grep -oaP '\x00\x9f\xe6|\xe6\x9f\x00' | wc -l)" -ge 1000 ]
  else
    [ "$(tail -c +$(( 0x$h + 0x$n * 12 + 1 )) "$f" | od -An -tx4 -w4 -v | sort -u | head -3 | wc -l)" -ge 3 ]
  fi
}

# Starts the command (the rest of the arguments) and prints "MAPPED COMPLETE PANES CPU THREAD":
# ms after launch until the window titled $1 is mapped (xdotool), until its content is on the
# screen (drawn, above: a mapped but empty window is not started), and for the app until
# "startup panes" (library, notes, side tabs and features built, app.StartupTimes); then the
# process and window-thread CPU ms at "startup frame" (the first frame with the content handed to
# the renderer). Then the program is stopped.
time_window() {
  local title=$1; shift
  local kind=min t0 now mapped=0 complete=0 win="" out=$WORK/out.$RANDOM
  [ "$title" = "Handshake Lab" ] && kind=app
  t0=$(date +%s%N)
  HANDSHAKELAB_STARTUP=1 "$@" >"$out" 2>&1 &
  local pid=$!
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "failed: $*" >&2; cat "$out" >&2; return 1; fi
    now=$(date +%s%N)
    if [ "$mapped" = 0 ]; then
      win=$(xdotool search --onlyvisible --name "^$title\$" 2>/dev/null | head -1 || true)
      [ -n "$win" ] && mapped=$(( (now - t0) / 1000000 ))
    fi
    if [ "$mapped" != 0 ] && [ "$complete" = 0 ] && drawn "$kind" "$win"; then complete=$(( (now - t0) / 1000000 )); fi
    # (a jar from before app.StartupTimes prints no milestones: then the screen alone decides)
    if [ "$complete" != 0 ] && { [ "$kind" = min ] || grep -q '^startup panes' "$out" || ! grep -q '^startup main' "$out"; }; then break; fi
    if [ $(( (now - t0) / 1000000000 )) -gt 120 ]; then echo "timeout: $*" >&2; break; fi
    [ "$mapped" = 0 ] && sleep 0.01
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  # the program's own time stamps (epoch ms), relative to the launch
  at() { awk -v k="$1" -v t0="$t0" '$1 == "startup" && $2 == k {printf "%d", $3 - t0 / 1000000; f = 1} END {if (!f) printf "0"}' "$out"; }
  [ -n "${KEEP_LOG:-}" ] && { echo "main $(at main) toolkit $(at toolkit) shown $(at shown) frame $(at frame) drawn $complete panes $(at panes)" >&2; grep -v '^startup' "$out" >&2 || true; }
  local cpu thr
  cpu=$(awk '$1 == "startup" && $2 == "frame" {print $4}' "$out"); thr=$(awk '$1 == "startup" && $2 == "frame" {print $5}' "$out")
  echo "$mapped $complete $(at panes) ${cpu:-0} ${thr:-0}"
  rm -f "$out"
}

if [ "${1:-}" = "--classlist" ]; then
  out=$2
  HANDSHAKELAB_STARTUP=1 "$JAVA" -XX:DumpLoadedClassList="$out" -jar "$JAR" >"$WORK/log" 2>&1 &
  pid=$!
  until grep -q '^startup panes' "$WORK/log"; do sleep 0.05; done
  sleep 1; kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "class list: $out ($(grep -vc '^[#@]' "$out") classes)"
  # The classes up to the first frame, in load order, for app.Prewarm (it loads them on a
  # second core while the window thread builds the frame): recorded again, stopped at "startup frame".
  HANDSHAKELAB_STARTUP=1 HANDSHAKELAB_PREWARM=0 "$JAVA" -XX:DumpLoadedClassList="$WORK/first.lst" -jar "$JAR" >"$WORK/log2" 2>&1 &
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

# A dynamic class-data archive of the first window's classes, as the app image carries it.
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/app.jsa" -cp "$JAR" io.github.handshakelab.app.ClassListLoader \
  src/packaging/classes.lst >/dev/null 2>&1 || true
"$JAVA" -XX:ArchiveClassesAtExit="$WORK/min.jsa" -cp "$JAR:$WORK/min" io.github.handshakelab.app.ClassListLoader \
  src/packaging/classes.lst >/dev/null 2>&1 || true

# one untimed start of each: natives unpacked, file cache warm
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
  if [ -f "$WORK/app.jsa" ]; then
    add app_cds "$(time_window "Handshake Lab" "$JAVA" -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$JAR")"
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
echo "mapped: the window is on the X server; complete: its content is on the screen (xwd: the app's diagram, the label's text)"
report "Handshake Lab  java -jar" app
report "minimal JavaFX java -cp (same jar)" min
report "Handshake Lab  java -jar + AppCDS archive" app_cds
report "minimal JavaFX + AppCDS archive" min_cds
report "app image bin/handshake-lab (jlink + AppCDS)" image
echo "ratio app/minimal: mapped $(ratio app min)x, complete $(ratio app_c min_c)x (goal <= 1.3x); CPU until the first frame: process $(ratio app_cpu min_cpu)x, window thread $(ratio app_thr min_thr)x"
if [ -n "${ms[app_cds]:-}" ]; then
  echo "ratio with AppCDS: mapped $(ratio app_cds min_cds)x, complete $(ratio app_cds_c min_cds_c)x; CPU until the first frame: process $(ratio app_cds_cpu min_cds_cpu)x, window thread $(ratio app_cds_thr min_cds_thr)x"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
