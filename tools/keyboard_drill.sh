#!/usr/bin/env bash
# Minute the demo meeting from the keyboard alone, in a real X session (Xvfb + xdotool),
# as a person would: reopen it (asked), people in, notes, outcomes, a declaration, an
# action, looking ahead, and Ctrl+Z / Ctrl+Shift+Z on typing, an outcome, a declaration
# and the restricted mark; a question answered, then the keyboard given back to the
# window.  Then SIGKILL the window and print what the store holds.
#   tools/keyboard_drill.sh OUT.png [PYTHON]
# DRILL_DIR=folder keeps the store there (drill.sqlite) for a test to read.
set -u
out=${1:?usage: keyboard_drill.sh OUT.png [PYTHON]}
py=${2:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=${DRILL_DIR:-$(mktemp -d)}
mkdir -p "$tmp"
db=$tmp/drill.sqlite
log=$tmp/drill.log
export XDG_CONFIG_HOME=$tmp  # a fresh window layout, not the user's
n=95; while [ -e /tmp/.X$n-lock ]; do n=$((n + 1)); done
Xvfb :$n -screen 0 1440x900x24 >/dev/null 2>&1 & xpid=$!
trap 'kill $xpid 2>/dev/null' EXIT
sleep 1
export DISPLAY=:$n
QT_QPA_PLATFORM=xcb PYTHONPATH="$root" "$py" -m sspclerk --db "$db" >"$log" 2>&1 & apid=$!
win=
for _ in $(seq 80); do
  win=$(xdotool search --onlyvisible --pid $apid 2>/dev/null | head -1)
  [ -n "$win" ] && break
  sleep 0.25
done
[ -n "$win" ] || { echo "no window appeared:" >&2; tail -20 "$log" >&2; exit 1; }
sleep 1.5
back() { xdotool windowfocus --sync "$win" 2>/dev/null; sleep 0.3; }  # keyboard to the window
k() { xdotool key --delay 80 "$@"; sleep 0.3; }
t() { xdotool type --delay 15 -- "$1"; sleep 0.2; }
# A question the window asks (its own window): answer with KEY, then back to the window.
answer() {
  sleep 0.8
  local box
  box=$(xdotool search --onlyvisible --pid $apid 2>/dev/null | grep -v "^$win$" | tail -1)
  [ -n "$box" ] && xdotool windowfocus --sync "$box" 2>/dev/null
  sleep 0.2; k "$1"; back
}
back
k F5; answer alt+y                     # the demo was closed: "Reopen the meeting…?" Yes
k ctrl+shift+p                         # attendance: name, Enter
t "Cllr Jane Ashby"; k Return
t "Supt. Mark Ellwood"; k Tab; t "Cleveland Police"; k Return
t "Tom Rennard"; k Return
k Escape                               # back to the notes
t " The chair reminded members of the fire exits."
k ctrl+Next                            # SSP/13/25 (the meeting moves on)
t " None were declared at the start of the meeting."
k ctrl+Next; k ctrl+Next               # SSP/15/25
t " Members discussed the figures:"; k Return
t "- shop theft down 12%"; k Return; t "rise in cycle theft"; k Return; k Return
k ctrl+4                               # a slip: "recommendations approved" …
k ctrl+z                               # … taken back (the outcome, not the typing)
k ctrl+Next; t " Officers gave the update."
k ctrl+2; answer alt+n                 # "noted" again on a noted item: asked, No
k ctrl+shift+d                         # declarations: person, item, category, nature
t "Cllr Jane Ashby"; k Tab; k Tab
k alt+Down; k Escape                   # opening the Category list moves no agenda item
k Tab; t "Volunteer with a victim support charity"; k Return
k Escape; k ctrl+z                     # the declaration is undone …
k ctrl+shift+z                         # … and redone
k alt+Next; k alt+Next; k alt+Next     # look ahead: no times stamped
k ctrl+g                               # back to the item under discussion
k ctrl+Next; t " Discussion of the plan."; k ctrl+shift+a   # SSP/17/25 with an action
t "Circulate the plan to partners"; k Tab; t "Community Safety"; k Tab; t "30/09/2025"; k Return
k Escape
k ctrl+r; k ctrl+z                     # restricted by mistake, taken back at once
for _ in 1 2 3 4 5 6 7; do k ctrl+Next; done                 # on to SSP/24/25
t " Noted."; k ctrl+3; answer alt+y    # a second "noted": asked, and meant (Yes)
k shift+F5                             # close the meeting
sleep 1.5                              # one second idle
command -v import >/dev/null && import -window root "$out"
kill -9 $apid
sleep 0.5
PYTHONPATH="$root" "$py" -m sspclerk --db "$db" show 1 --json | "$py" -c '
import json, sys
m = json.load(sys.stdin)
print("status:", m["meeting"]["status"], "started:", m["meeting"]["started_at"])
print("attendance:", [(a["name"], a["organisation"], a["status"]) for a in m["attendance"]])
print("declarations:", [(d["name"], d["item"], d["nature"]) for d in m["declarations"]])
print("ended:", m["meeting"]["ended_at"])
for i in m["items"]:
    print(i["number"], (i["started_at"] or "")[11:], (i["ended_at"] or "")[11:], repr(i["minutes"][-60:]),
          [o["text"] for o in i["outcomes"]], [(a["text"], a["owner"], a["due"]) for a in i["actions"]],
          "restricted" if i["restricted"] else "")
'
