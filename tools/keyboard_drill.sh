#!/usr/bin/env bash
# Minute the demo meeting from the keyboard alone, in a real X session (Xvfb + xdotool),
# as a person would; then SIGKILL the window and print what the store holds.
#   tools/keyboard_drill.sh OUT.png [PYTHON]
set -u
out=${1:?usage: keyboard_drill.sh OUT.png [PYTHON]}
py=${2:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
db=$tmp/drill.sqlite
export XDG_CONFIG_HOME=$tmp  # a fresh window layout, not the user's
n=95; while [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1440x900x24 >/dev/null 2>&1 & xpid=$!
sleep 1
export DISPLAY=:$n
QT_QPA_PLATFORM=xcb PYTHONPATH="$root" "$py" -m sspclerk --db "$db" >/tmp/drill.$$.log 2>&1 & apid=$!
for _ in $(seq 60); do
  win=$(xdotool search --onlyvisible --pid $apid 2>/dev/null | tail -1)
  [ -n "$win" ] && break
  sleep 0.25
done
sleep 1.5
xdotool windowfocus "$win"; sleep 0.3
k() { xdotool key --delay 80 "$@"; sleep 0.3; }
t() { xdotool type --delay 15 -- "$1"; sleep 0.2; }
k F5                                   # start the meeting on SSP/12/25
k ctrl+shift+p                         # attendance: name, Enter
t "Cllr Jane Ashby"; k Return
t "Supt. Mark Ellwood"; k Tab; t "Cleveland Police"; k Return
t "Tom Rennard"; k Return
k Escape                               # back to the notes
t " The chair reminded members of the fire exits."
k ctrl+Next                            # SSP/13/25 (the meeting moves on)
k ctrl+a; t "Cllr Jane Ashby declared a non-registerable interest in SSP/17/25."
k ctrl+Next; k ctrl+Next               # SSP/15/25
t " Members discussed the figures:"; k Return
t "- shop theft down 12%"; k Return; t "rise in cycle theft"; k Return; k Return
k ctrl+1                               # AGREED to note the report.
k ctrl+Next; t " Officers gave the update."; k ctrl+2
k ctrl+shift+d                         # declarations: person, item, category, nature
t "Cllr Jane Ashby"; k Tab; k Tab; k Tab; t "Volunteer with a victim support charity"; k Return
k Escape; k ctrl+z                     # undo the update's last typing
k ctrl+shift+z                         # and redo it
k ctrl+Next; t " Discussion of the plan."; k ctrl+shift+a   # SSP/17/25 with an action
t "Circulate the plan to partners"; k Tab; t "Community Safety"; k Tab; t "30/09/2025"; k Return
k Escape
for _ in 1 2 3 4 5 6 7; do k ctrl+Next; done                 # on to SSP/24/25
t " Noted."; k ctrl+3
k shift+F5                             # close the meeting
sleep 1.5                              # one second idle
import -window root "$out"
kill -9 $apid
sleep 0.5
kill $xpid 2>/dev/null
PYTHONPATH="$root" "$py" -m sspclerk --db "$db" show 1 --json | "$py" -c '
import json, sys
m = json.load(sys.stdin)
print("status:", m["meeting"]["status"], "started:", m["meeting"]["started_at"])
print("attendance:", [(a["name"], a["organisation"], a["status"]) for a in m["attendance"]])
print("declarations:", [(d["name"], d["item"], d["nature"]) for d in m["declarations"]])
print("ended:", m["meeting"]["ended_at"])
for i in m["items"]:
    print(i["number"], (i["started_at"] or "")[11:], (i["ended_at"] or "")[11:], repr(i["minutes"][-60:]),
          [o["text"] for o in i["outcomes"]], [(a["text"], a["owner"], a["due"]) for a in i["actions"]])
'
rm -f /tmp/drill.$$.log
