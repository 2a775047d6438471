#!/usr/bin/env bash
# Live capture demo (issue #11): a one-request HTTP server on the loopback, `live` capturing on lo
# until the connection has closed, and curl making the connection. Prints the ladder as it is drawn.
# Needs libpcap (apt-get install libpcap0.8) and root or cap_net_raw; python3 and curl.
# Usage: scripts/live-demo.sh [port=18080] [jar=target/handshake-lab.jar] [extra live options, e.g. --lang zh]
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-18080}"
JAR="${2:-target/handshake-lab.jar}"
shift $(( $# > 2 ? 2 : $# )) || true
if [ -f "$JAR" ]; then RUN=(java -jar "$JAR"); else RUN=(java -cp "target/classes:$(cat target/cp.txt)" io.github.handshakelab.Main); fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$PORT" <<'PY' &
import http.server, socketserver, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from Handshake Lab\n"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
socketserver.TCPServer.allow_reuse_address = True
with socketserver.TCPServer(("127.0.0.1", int(sys.argv[1])), H) as s: s.handle_request()
PY
"${RUN[@]}" live --interface lo --filter "tcp port $PORT" --until-closed --duration 30 --write "$tmp/demo.pcapng" "$@" 2>"$tmp/err" &
live=$!
for _ in $(seq 1 100); do grep -q "capturing on" "$tmp/err" 2>/dev/null && break; sleep 0.1; done
curl -s "http://127.0.0.1:$PORT/" > /dev/null
wait "$live"
cat "$tmp/err" >&2
