#!/usr/bin/env bash
# The WordPress goldens of batch wp replayed with every PressPass extension
# switched on: a site maximum lifetime for application passwords, revocation
# on password change, and SMTP notifications sent to a throwaway SMTP server
# started here. A WordPress-only client must see no difference: every case of
# batch wp listed in .ci/conformance-expected still has to pass, and the SMTP
# server must have received the notifications (so the extensions were on).
#   usage (from the project root): bash .ci/conformance-extensions.sh
# Environment: DB as for ../shared/conformance/run.sh (default SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."
conf=../shared/conformance
if [ ! -f "$conf/run.sh" ]; then
  echo "conformance replay with extensions skipped: $conf/run.sh not found"
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/presspass-extensions.XXXXXX")
smtp_pid=
cleanup() { [ -n "$smtp_pid" ] && kill "$smtp_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# A minimal SMTP server that accepts every message and appends it to a file.
python3 - "$work/smtp.port" "$work/mail.txt" <<'PY' &
import socketserver, sys
port_file, mail_file = sys.argv[1], sys.argv[2]
class Handler(socketserver.StreamRequestHandler):
    def say(self, s):
        self.wfile.write((s + "\r\n").encode())
    def handle(self):
        self.say("220 extensions-test ESMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").strip().upper()
            if cmd.startswith("EHLO") or cmd.startswith("HELO"):
                self.say("250 extensions-test")
            elif cmd == "DATA":
                self.say("354 end with .")
                body = []
                while True:
                    l = self.rfile.readline()
                    if not l or l in (b".\r\n", b".\n"):
                        break
                    body.append(l.decode("utf-8", "replace"))
                with open(mail_file, "a") as f:
                    f.write("".join(body) + "\n--- end of message\n")
                self.say("250 queued")
            elif cmd == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("250 ok")
class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
srv = Server(("127.0.0.1", 0), Handler)
with open(port_file, "w") as f:
    f.write(str(srv.server_address[1]))
srv.serve_forever()
PY
smtp_pid=$!
for _ in $(seq 1 50); do [ -s "$work/smtp.port" ] && break; sleep 0.1; done
[ -s "$work/smtp.port" ] || { echo "the test SMTP server did not start"; exit 1; }

# Every extension on, through the environment twins of the serve flags (run.sh
# starts the server and the CLI, which both read them).
export PRESSPASS_APP_PASSWORD_MAX_LIFETIME=90d
export PRESSPASS_REVOKE_APP_PASSWORDS_ON_PASSWORD_CHANGE=true
export PRESSPASS_SMTP_URL="smtp://127.0.0.1:$(cat "$work/smtp.port")?from=presspass@example.test"

mkdir -p "$work/reports"
CASES="$(cd "$conf" && pwd)/wp" REPORT_DIR="$work/reports" bash "$conf/run.sh" 2>&1 \
  | sed -E -e 's/^([0-9]+) passed, ([0-9]+) failed/replay summary: \1 cases passed and \2 differed/' -e 's/^FAIL  /differs: /' \
  | grep -vE '^PASS  ' || true

# Only batch wp was replayed: check the expected cases of that batch (001-199).
awk '/^[0-9]/ && $1 + 0 < 200' .ci/conformance-expected >"$work/expected-wp"
python3 .ci/conformance_check.py "$work/reports" "$work/expected-wp"

# The server sends its notifications asynchronously: give it a moment.
for _ in $(seq 1 50); do [ -s "$work/mail.txt" ] && break; sleep 0.1; done
n=$(grep -c '^--- end of message' "$work/mail.txt" 2>/dev/null || true)
if [ "${n:-0}" -eq 0 ]; then
  echo "the test SMTP server received no notification: were the extensions on?"
  exit 1
fi
echo "notifications received by the test SMTP server: $n"
