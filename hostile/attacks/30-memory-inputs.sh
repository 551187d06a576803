# Hostile attacks on the memory store's inputs (issue 11, group 3):
#   whitemagic memory add|show|list|search|import|export|consolidate|delete
# Sourced by the runner; each attack_<name> runs in a subshell with
#   $WM  the absolute path of the ./whitemagic launcher
#   $T   a fresh, empty temp folder for that attack (every command uses --home "$T/home")
# and returns 0 if the attack HELD (a clear message, exit code 0/1/2 as documented, nothing lost,
# no stack trace on stderr, no hang), else non-zero after printing one line saying what went wrong.
# Attacks that need root (mounts) say "skipped" and return 0 when they cannot run; every mount made
# is unmounted before the attack returns.

# ---- helpers ---------------------------------------------------------------------------------

# _wm_at HOME ARGS...: runs whitemagic on HOME; stdout in $T/out, stderr in $T/err, exit code in $RC.
_wm_at() {
  local home=$1
  shift
  timeout 30 "$WM" --home "$home" "$@" >"$T/out" 2>"$T/err" </dev/null
  RC=$?
}

# _wm ARGS...: as _wm_at on $T/home.
_wm() { _wm_at "$T/home" "$@"; }

# _wm_stdin FILE ARGS...: as _wm with FILE on standard input.
_wm_stdin() {
  local input=$1
  shift
  timeout 30 "$WM" --home "$T/home" "$@" >"$T/out" 2>"$T/err" <"$input"
  RC=$?
}

_say() { printf '%s\n' "$*"; }

# _held WHAT RC...: the last command ended with one of the exit codes RC..., did not hang and
# printed no stack trace; else says what went wrong (naming WHAT) and fails.
_held() {
  local what=$1 rc ok=1
  shift
  if [ "$RC" = 124 ] || [ "$RC" = 137 ]; then
    _say "$what: hung (killed after 30 s)"
    return 1
  fi
  for rc in "$@"; do
    [ "$RC" = "$rc" ] && ok=0
  done
  if [ $ok != 0 ]; then
    _say "$what: exit code $RC, expected $*: $(head -c 300 "$T/err" | tr '\n' ' ')"
    return 1
  fi
  if grep -qE 'Exception|Error:|^[[:space:]]+at |at dev\.' "$T/err"; then
    _say "$what: stack trace on stderr: $(grep -m1 -E 'Exception|Error' "$T/err" | head -c 200)"
    return 1
  fi
  return 0
}

# _err_says WHAT TEXT: stderr holds TEXT (ignoring case).
_err_says() {
  if ! grep -qiF -- "$2" "$T/err"; then
    _say "$1: stderr does not say '$2': $(head -c 300 "$T/err" | tr '\n' ' ')"
    return 1
  fi
}

# _err_lines_at_most WHAT N: stderr has at most N lines.
_err_lines_at_most() {
  local n
  n=$(wc -l <"$T/err")
  if [ "$n" -gt "$2" ]; then
    _say "$1: $n lines on stderr (at most $2 expected): $(head -c 200 "$T/err" | tr '\n' ' ')"
    return 1
  fi
}

# _count_notes: how many memory files there are in the three folders of $T/home.
_count_notes() {
  find "$T/home/memory/short_term" "$T/home/memory/long_term" "$T/home/memory/archive" \
    -maxdepth 1 -name '*.md' 2>/dev/null | wc -l
}

# _no_temp_files DIR: nothing half-written left behind.
_no_temp_files() {
  local left
  left=$(find "$1" -name '.wm-tmp-*' 2>/dev/null | head -1)
  if [ -n "$left" ]; then
    _say "temp file left behind: $left"
    return 1
  fi
}

# _add TITLE TEXT: adds a memory (must work); its id in $ID.
_add() {
  _wm memory add -t "$1" --content "$2"
  _held "setup: memory add '$1'" 0 || return 1
  ID=$(head -1 "$T/out")
}

_is_root() { [ "$(id -u)" = 0 ]; }

# Mounts made by this attack, unmounted on return and, should the attack be stopped, on exit.
_MOUNTS=()
_unmount_all() {
  local m
  for m in "${_MOUNTS[@]}"; do _umount "$m"; done
}

# _ro_mount SRC DST: DST becomes a read-only view of SRC (a bind mount; root only).
_ro_mount() {
  mkdir -p "$2" || return 1
  _MOUNTS+=("$2")
  trap _unmount_all EXIT INT TERM
  mount --bind "$1" "$2" 2>/dev/null && mount -o remount,bind,ro "$2" 2>/dev/null || { _umount "$2"; return 1; }
}

_umount() { if mountpoint -q "$1" 2>/dev/null; then umount "$1" || umount -l "$1"; fi; }

# _full_disk DIR: a 2 MiB tmpfs at DIR (root only).
_full_disk() {
  mkdir -p "$1" || return 1
  _MOUNTS+=("$1")
  trap _unmount_all EXIT INT TERM
  mount -t tmpfs -o size=2m tmpfs "$1" 2>/dev/null
}

# _fill DIR: fills the file system of DIR to the last block.
_fill() {
  dd if=/dev/zero of="$1/.filler" bs=64k 2>/dev/null
  dd if=/dev/zero of="$1/.filler2" bs=1k 2>/dev/null
  dd if=/dev/zero of="$1/.filler3" bs=1 count=4096 2>/dev/null
  true
}

_valid_json() {
  if command -v python3 >/dev/null; then
    python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null
  else
    head -c 2 "$1" | grep -q '{'
  fi
}

# ---- 1. notes over the readers' limit ---------------------------------------------------------

attack_note_over_16mib_refused_not_invisible() {
  head -c 17000000 /dev/zero | tr '\0' 'a' >"$T/big.txt"
  _wm memory add -t big --file "$T/big.txt"
  _held "add --file of 17 MB" 2 || return 1
  _err_says "add --file of 17 MB" "16 MiB" || return 1
  _wm_stdin "$T/big.txt" memory add -t big
  _held "add of 17 MB on stdin" 2 || return 1
  _err_says "add of 17 MB on stdin" "16 MiB" || return 1
  if [ "$(_count_notes)" != 0 ]; then
    _say "a note over the limit was written anyway"
    return 1
  fi
}

attack_note_just_under_limit_is_visible() {
  head -c 16700000 /dev/zero | tr '\0' 'b' >"$T/edge.txt"
  _wm memory add -t edge --file "$T/edge.txt"
  _held "add of 16.7 MB" 0 2 || return 1
  if [ "$RC" = 0 ]; then
    local id
    id=$(head -1 "$T/out")
    _wm memory show "$id"
    _held "show of an accepted 16.7 MB note" 0 || { _say "accepted note '$id' cannot be shown"; return 1; }
    _wm memory list
    grep -q "$id" "$T/out" || { _say "accepted note '$id' not listed"; return 1; }
  fi
}

attack_oversized_file_planted_in_store() {
  _add "Normal" "a normal note" || return 1
  head -c 17000000 /dev/zero | tr '\0' 'c' >"$T/home/memory/short_term/20250101_000000_huge.md"
  _wm memory list
  _held "list with a 17 MB file in short_term" 0 || return 1
  grep -q "$ID" "$T/out" || { _say "the normal note vanished from the list"; return 1; }
  _err_says "list with a 17 MB file in short_term" "16 MiB" || return 1
}

# ---- 2. add --file with what is not a text file -----------------------------------------------

attack_add_binary_file() {
  printf 'PK\003\004\000\000binary\000stuff' >"$T/bin.dat"
  _wm memory add -t bin --file "$T/bin.dat"
  _held "add --file of a binary file" 2 || return 1
  _err_says "add --file of a binary file" "binary" || return 1
  _err_lines_at_most "add --file of a binary file" 2 || return 1
  [ "$(_count_notes)" = 0 ] || { _say "a binary file became a note"; return 1; }
}

attack_add_missing_file() {
  _wm memory add -t missing --file "$T/does-not-exist.txt"
  _held "add --file of a missing file" 2 || return 1
  _err_says "add --file of a missing file" "no such file" || return 1
}

attack_add_directory_as_file() {
  mkdir -p "$T/adir"
  _wm memory add -t dir --file "$T/adir"
  _held "add --file of a directory" 2 || return 1
  _err_says "add --file of a directory" "directory" || return 1
}

attack_add_dev_zero() {
  _wm memory add -t zero --file /dev/zero
  _held "add --file /dev/zero" 2 || return 1
  _err_says "add --file /dev/zero" "not a regular file" || return 1
  _wm_stdin /dev/zero memory add -t zero
  _held "add with /dev/zero on stdin" 2 || return 1
}

attack_add_fifo_never_opened() {
  mkfifo "$T/pipe" || { _say "skipped: mkfifo failed"; return 0; }
  _wm memory add -t fifo --file "$T/pipe"
  _held "add --file of a FIFO" 2 || return 1
  _err_says "add --file of a FIFO" "not a regular file" || return 1
}

attack_add_invalid_utf8() {
  printf 'caf\351 cr\350me\n' >"$T/latin1.txt"
  _wm memory add -t latin --file "$T/latin1.txt"
  _held "add --file of Latin-1 text" 2 || return 1
  _err_says "add --file of Latin-1 text" "UTF-8" || return 1
}

# ---- 3. --home that cannot be a store ---------------------------------------------------------

attack_home_is_a_file() {
  echo "not a folder" >"$T/file"
  _wm_at "$T/file" memory list
  _held "--home that is a file" 2 || return 1
  _err_says "--home that is a file" "not a folder" || return 1
  _wm_at /dev/null memory add -t x --content y
  _held "--home /dev/null" 2 || return 1
}

attack_home_empty_string() {
  mkdir -p "$T/cwd"
  (cd "$T/cwd" && timeout 30 "$WM" --home "" memory add -t x --content y >"$T/out" 2>"$T/err" </dev/null)
  RC=$?
  _held "--home ''" 2 || return 1
  _err_says "--home ''" "--home is empty" || return 1
  if [ -e "$T/cwd/memory" ]; then
    _say "--home '' wrote a store into the working directory"
    return 1
  fi
}

attack_home_read_only_store_still_reads() {
  _is_root || { _say "skipped: needs root for a read-only bind mount"; return 0; }
  _add "Frozen" "searchable frozen note" || return 1
  _ro_mount "$T/home" "$T/ro" || { _say "skipped: bind mounts not allowed here"; return 0; }
  local fail=0
  _wm_at "$T/ro" memory list
  { _held "list on a read-only home" 0 && grep -q "$ID" "$T/out"; } || { _say "list on a read-only home did not list $ID"; fail=1; }
  if [ $fail = 0 ]; then
    _wm_at "$T/ro" memory search frozen
    { _held "search on a read-only home" 0 && grep -q "$ID" "$T/out"; } || { _say "search on a read-only home did not find $ID"; fail=1; }
  fi
  if [ $fail = 0 ]; then
    _wm_at "$T/ro" memory show "$ID"
    _held "show on a read-only home" 0 || fail=1
  fi
  if [ $fail = 0 ]; then
    _wm_at "$T/ro" memory add -t new --content x
    { _held "add on a read-only home" 2 && _err_lines_at_most "add on a read-only home" 6 \
      && _err_says "add on a read-only home" "read-only"; } || fail=1
  fi
  if [ $fail = 0 ]; then
    _wm_at "$T/ro" memory delete "$ID"
    _held "delete on a read-only home" 2 || fail=1
  fi
  _umount "$T/ro"
  [ $fail = 0 ] || return 1
  [ "$(_count_notes)" = 1 ] || { _say "the read-only store lost or gained notes"; return 1; }
}

attack_home_under_read_only_folder() {
  _is_root || { _say "skipped: needs root for a read-only bind mount"; return 0; }
  mkdir -p "$T/src"
  _ro_mount "$T/src" "$T/ro" || { _say "skipped: bind mounts not allowed here"; return 0; }
  _wm_at "$T/ro/home" memory add -t x --content y
  local fail=0
  { _held "--home under a read-only folder" 2 && _err_lines_at_most "--home under a read-only folder" 3; } || fail=1
  _umount "$T/ro"
  return $fail
}

attack_unwritable_user_home() {
  _is_root || { _say "skipped: needs root for a read-only bind mount"; return 0; }
  mkdir -p "$T/src"
  _ro_mount "$T/src" "$T/userhome" || { _say "skipped: bind mounts not allowed here"; return 0; }
  # No --home: the default data directory under a user home that cannot be written.
  (unset WHITEMAGIC_HOME; WHITEMAGIC_JAVA_OPTS="-Duser.home=$T/userhome" \
    timeout 30 "$WM" memory list >"$T/out" 2>"$T/err" </dev/null)
  RC=$?
  local fail=0
  { _held "memory list with an unwritable user home" 2 && _err_lines_at_most "unwritable user home" 3; } || fail=1
  _umount "$T/userhome"
  return $fail
}

# ---- 4. damaged metadata.json, full disks -----------------------------------------------------

attack_metadata_damaged_is_repaired_on_open() {
  _add "Kept" "kept note" || return 1
  printf '{"memory_index": {"x": [' >"$T/home/memory/metadata.json"
  _wm memory list
  _held "list with a damaged metadata.json" 0 || return 1
  grep -q "$ID" "$T/out" || { _say "the note vanished with a damaged metadata.json"; return 1; }
  _valid_json "$T/home/memory/metadata.json" || { _say "metadata.json still damaged after an open"; return 1; }
  grep -q "$ID" "$T/home/memory/metadata.json" || { _say "rewritten metadata.json lacks $ID"; return 1; }
}

attack_metadata_is_a_directory() {
  _add "First" "first note" || return 1
  rm -f "$T/home/memory/metadata.json"
  mkdir -p "$T/home/memory/metadata.json/inner"
  _wm memory add -t second --content "second note"
  _held "add with metadata.json a directory" 0 2 || return 1
  [ -f "$T/home/memory/metadata.json" ] || { _say "metadata.json is still not a file after add"; return 1; }
  _wm memory list
  _held "list after metadata.json was a directory" 0 || return 1
  grep -q "$ID" "$T/out" || { _say "first note lost"; return 1; }
}

attack_disk_full_add_and_delete_leave_no_trace() {
  _is_root || { _say "skipped: needs root for a tmpfs"; return 0; }
  _full_disk "$T/full" || { _say "skipped: tmpfs mounts not allowed here"; return 0; }
  local fail=0 home="$T/full/home" id
  _wm_at "$home" memory add -t before --content "written before the disk filled"
  id=$(head -1 "$T/out")
  _held "setup: add on an empty tmpfs" 0 || fail=1
  _fill "$T/full"
  head -c 300000 /dev/zero | tr '\0' x >"$T/note.txt"
  if [ $fail = 0 ]; then
    _wm_at "$home" memory add -t big --file "$T/note.txt"
    { _held "add on a full disk" 2 && _err_says "add on a full disk" "no space left on device" \
      && _err_lines_at_most "add on a full disk" 3; } || fail=1
  fi
  if [ $fail = 0 ]; then
    _wm_at "$home" memory delete "$id"
    { _held "delete (archive) on a full disk" 0 2 && _err_lines_at_most "delete on a full disk" 3; } || fail=1
  fi
  if [ $fail = 0 ]; then
    _wm_at "$home" memory list --archived
    { _held "list after a full disk" 0 && grep -q "$id" "$T/out"; } || { _say "note $id lost on a full disk"; fail=1; }
  fi
  [ $fail = 0 ] && { _no_temp_files "$home" || fail=1; }
  _umount "$T/full"
  return $fail
}

attack_disk_full_import_is_summarised() {
  _is_root || { _say "skipped: needs root for a tmpfs"; return 0; }
  _full_disk "$T/full" || { _say "skipped: tmpfs mounts not allowed here"; return 0; }
  local fail=0 home="$T/full/home" i
  mkdir -p "$T/notes"
  for i in $(seq 1 300); do printf -- '---\ntitle: Note %s\n---\nbody %s\n' "$i" "$i" >"$T/notes/n$i.md"; done
  _wm_at "$home" memory list
  _fill "$T/full"
  _wm_at "$home" memory import --no-atomic "$T/notes"
  { _held "import of 300 notes on a full disk" 2 && _err_lines_at_most "import on a full disk" 5 \
    && _err_says "import on a full disk" "300 failed: no space left on device"; } || fail=1
  if [ $fail = 0 ]; then
    _wm_at "$home" memory import "$T/notes"
    { _held "atomic import on a full disk" 2 && _err_lines_at_most "atomic import on a full disk" 5; } || fail=1
  fi
  [ $fail = 0 ] && { _no_temp_files "$home" || fail=1; }
  _umount "$T/full"
  return $fail
}

# ---- 5. symbolic links ------------------------------------------------------------------------

attack_symlink_in_short_term_not_read_or_archived() {
  _add "Real" "a real note" || return 1
  printf -- '---\ntitle: Secret\n---\nTOPSECRET-PASSWORD\n' >"$T/secret"
  chmod 600 "$T/secret"
  ln -s "$T/secret" "$T/home/memory/short_term/20200101_000000_planted.md"
  _wm memory list
  _held "list with a planted link" 0 || return 1
  if grep -q planted "$T/out"; then _say "a planted link is listed as a note"; return 1; fi
  _err_says "list with a planted link" "skipped symbolic link" || return 1
  _wm memory show 20200101_000000_planted
  _held "show of a planted link" 2 || return 1
  if grep -q TOPSECRET "$T/out"; then _say "show printed the link's target"; return 1; fi
  _wm memory consolidate --retention-days 0
  _held "consolidate with a planted link" 0 || return 1
  if grep -rqs TOPSECRET "$T/home/memory/archive" "$T/home/memory/long_term"; then
    _say "consolidation copied the link's target into the store"
    return 1
  fi
  [ "$(stat -c %a "$T/secret")" = 600 ] && grep -q TOPSECRET "$T/secret" \
    || { _say "the link's target was changed"; return 1; }
}

attack_export_never_writes_through_a_link() {
  _add "Exported" "exported body" || return 1
  echo "original victim" >"$T/victim"
  mkdir -p "$T/out-dir/short_term"
  ln -s "$T/victim" "$T/out-dir/short_term/$ID.md"
  _wm memory export "$T/out-dir"
  _held "export over a planted link" 0 2 || return 1
  [ "$(cat "$T/victim")" = "original victim" ] || { _say "export overwrote the link's target"; return 1; }
}

attack_export_type_folder_is_a_link() {
  _add "Exported" "exported body" || return 1
  mkdir -p "$T/elsewhere" "$T/out-dir"
  ln -s "$T/elsewhere" "$T/out-dir/short_term"
  _wm memory export "$T/out-dir"
  _held "export into a linked type folder" 0 2 || return 1
  if [ -n "$(ls -A "$T/elsewhere")" ]; then _say "export wrote through a linked folder"; return 1; fi
}

attack_import_does_not_follow_links_in_folders() {
  printf 'TOPSECRET-IMPORT\n' >"$T/secret.md"
  mkdir -p "$T/notes"
  printf 'plain note\n' >"$T/notes/a.md"
  ln -s "$T/secret.md" "$T/notes/b.md"
  ln -s /dev/zero "$T/notes/zero.md"
  _wm memory import "$T/notes"
  _held "import of a folder with links" 0 || return 1
  if grep -rqs TOPSECRET "$T/home/memory"; then _say "import followed a link out of the folder"; return 1; fi
  [ "$(_count_notes)" = 1 ] || { _say "import created $(_count_notes) notes, expected 1"; return 1; }
}

# ---- others -----------------------------------------------------------------------------------

attack_fifo_planted_in_store_no_hang() {
  _add "Real" "a real note" || return 1
  mkfifo "$T/home/memory/short_term/20200101_000000_pipe.md" || { _say "skipped: mkfifo failed"; return 0; }
  _wm memory list
  _held "list with a FIFO in short_term" 0 || return 1
  grep -q "$ID" "$T/out" || { _say "the real note vanished"; return 1; }
}

attack_import_fifo_and_device_named_md() {
  mkfifo "$T/pipe.md" || { _say "skipped: mkfifo failed"; return 0; }
  ln -s /dev/zero "$T/zero.md"
  _wm memory import "$T/pipe.md" "$T/zero.md"
  _held "import of a FIFO and /dev/zero" 0 1 2 || return 1
  [ "$(_count_notes)" = 0 ] || { _say "a FIFO or device became a note"; return 1; }
}

attack_import_many_oversized_summarised() {
  mkdir -p "$T/notes"
  local i
  for i in $(seq 1 40); do truncate -s 17M "$T/notes/big$i.md"; done
  _wm memory import "$T/notes"
  _held "import of 40 files over the limit" 0 1 2 || return 1
  _err_lines_at_most "import of 40 files over the limit" 4 || return 1
  _err_says "import of 40 files over the limit" "16 MiB" || return 1
}
