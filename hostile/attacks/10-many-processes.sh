# Several processes on one home at once (issue 11, group 1). Sourced by hostile/run: WM, T.

_notes() { # _notes DIR N TAG: N markdown notes
  mkdir -p "$1"
  python3 - "$1" "$2" "$3" <<'PY'
import sys
d, n, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for i in range(n):
    open(f"{d}/{tag}{i:05d}.md", "w").write(f"---\ntitle: {tag} note {i}\ntags: {tag}\n---\nwombat {tag} body {i}\n")
PY
}

_no_trace() { ! grep -qE 'Exception|^\s+at [a-z]' "$@"; }

_count_tag() { "$WM" --home "$T/home" memory list --json 2>/dev/null | grep -c "\"$1\""; }

# The blocker: `memory import notes/ &` then `memory list` ended the import "0 created, 30000 failed".
attack_import_while_another_process_lists() {
  _notes "$T/notes" 20000 bulk
  "$WM" --home "$T/home" memory add --title seed --content seed >/dev/null 2>&1
  "$WM" --home "$T/home" memory import "$T/notes" >"$T/import.out" 2>"$T/import.err" &
  local pid=$!
  sleep 1.5
  "$WM" --home "$T/home" memory list >/dev/null 2>"$T/list.err" || { echo "list failed: $(head -2 "$T/list.err")"; return 1; }
  "$WM" --home "$T/home" memory search wombat >/dev/null 2>>"$T/list.err"
  wait $pid || { echo "import failed: $(tail -2 "$T/import.err")"; return 1; }
  grep -q "20000 created, 0 skipped, 0 failed" "$T/import.out" || { echo "import: $(cat "$T/import.out")"; return 1; }
  [ "$(_count_tag bulk)" = 20000 ] || { echo "not every note is there once"; return 1; }
  _no_trace "$T/import.err" "$T/list.err"
}

attack_two_imports_at_once() {
  _notes "$T/a" 8000 alpha; _notes "$T/b" 8000 beta
  "$WM" --home "$T/home" memory import "$T/a" >"$T/a.out" 2>"$T/a.err" &
  local a=$!
  sleep 1
  "$WM" --home "$T/home" memory import "$T/b" >"$T/b.out" 2>"$T/b.err" || { echo "second import: $(tail -1 "$T/b.err")"; return 1; }
  wait $a || { echo "first import: $(tail -1 "$T/a.err")"; return 1; }
  [ "$(_count_tag alpha)" = 8000 ] && [ "$(_count_tag beta)" = 8000 ] || { echo "lost or doubled notes"; return 1; }
  _no_trace "$T/a.err" "$T/b.err"
}

attack_write_waits_and_says_for_whom() {
  _notes "$T/notes" 20000 bulk
  "$WM" --home "$T/home" memory add --title seed --content seed >/dev/null 2>&1
  "$WM" --home "$T/home" memory import "$T/notes" >/dev/null 2>&1 &
  local pid=$!
  sleep 2
  "$WM" --home "$T/home" memory add --title late --content "late note" >"$T/add.out" 2>"$T/add.err"
  local rc=$?
  wait $pid
  [ $rc = 0 ] || { echo "add failed: $(cat "$T/add.err")"; return 1; }
  # the import may have finished before the add needed the lock; then there was nothing to wait for
  if grep -q waiting "$T/add.err"; then
    grep -q "waiting for a batch of 20,000 new memories (whitemagic memory import) started by pid $pid" "$T/add.err" \
      || { echo "wait line: $(cat "$T/add.err")"; return 1; }
  fi
  [ "$(_count_tag late)" -ge 0 ] && "$WM" --home "$T/home" memory search late 2>/dev/null | grep -q "late"
}

attack_kill_minus_nine_of_an_import() {
  _notes "$T/notes" 20000 bulk
  "$WM" --home "$T/home" memory add --title seed --content seed >/dev/null 2>&1
  "$WM" --home "$T/home" memory import "$T/notes" >/dev/null 2>&1 &
  local pid=$!
  sleep 2.5
  pkill -9 -P $pid 2>/dev/null; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  local n; n=$(_count_tag bulk)
  [ "$n" = 0 ] || [ "$n" = 20000 ] || { echo "half a batch: $n of 20000"; return 1; }
  "$WM" --home "$T/home" memory add --title after --content after >/dev/null 2>"$T/err" || { echo "add after kill: $(cat "$T/err")"; return 1; }
  [ -z "$(ls -A "$T/home/memory/.staging" 2>/dev/null)" ] || { echo "staging left"; return 1; }
  ! find "$T/home/memory" -name '.wm-tmp-*' | grep -q . || { echo "temp files left"; return 1; }
}

attack_two_consolidations_at_once() {
  for g in 1 2 3; do for i in 1 2 3; do
    "$WM" --home "$T/home" memory add --title "g$g n$i" --content "wombat $g $i" --tag "grp$g" >/dev/null 2>&1
  done; done
  "$WM" --home "$T/home" memory consolidate --strategy by_tags >"$T/c1" 2>"$T/e1" &
  local a=$!
  "$WM" --home "$T/home" memory consolidate --strategy by_tags >"$T/c2" 2>"$T/e2"
  wait $a
  local merged; merged=$("$WM" --home "$T/home" memory list --json 2>/dev/null | grep -c '"Consolidated')
  [ "$merged" = 3 ] || { echo "$merged merged notes for 3 groups"; return 1; }
  _no_trace "$T/e1" "$T/e2"
}

attack_kill_minus_nine_of_a_consolidation() {
  for g in $(seq 1 40); do for i in 1 2 3; do echo "---
title: g$g n$i
tags: grp$g
created: 2025-01-01T12:00:00Z
---
wombat $g $i" > "$T/n-$g-$i.md"; done; done
  mkdir -p "$T/notes"; mv "$T"/n-*.md "$T/notes/"
  "$WM" --home "$T/home" memory import "$T/notes" >/dev/null 2>&1 || { echo "seed import failed"; return 1; }
  "$WM" --home "$T/home" memory consolidate --strategy by_tags >/dev/null 2>&1 &
  local pid=$!
  sleep 0.$((RANDOM % 9 + 1))
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  local merged archived active
  merged=$("$WM" --home "$T/home" memory list --json 2>/dev/null | grep -c '"Consolidated')
  archived=$("$WM" --home "$T/home" memory list --type archive --json 2>/dev/null | grep -c '"id"')
  [ "$merged" = 0 ] && [ "$archived" = 0 ] && return 0
  [ "$merged" = 40 ] && [ "$archived" = 120 ] && return 0
  echo "a consolidation cut in half: $merged merged, $archived archived"
  return 1
}
