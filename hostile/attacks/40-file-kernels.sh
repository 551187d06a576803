# Hostile attacks on the file kernels: read, scan, index, match, similar, grep (issue 11, group 4).
#
# Each attack_<name> runs in a subshell of its own with $WM (the ./whitemagic launcher, absolute)
# and $T (a fresh empty folder). It returns 0 when the attack HELD (a clear message, the documented
# exit code, the right result, no stack trace, no hang) and otherwise prints one line saying what
# went wrong and returns 1. Exit codes (README): 0 found, 1 nothing found, 2 usage or input error,
# also when some file or folder could not be read (as grep and ripgrep).

# wm ARGS...: whitemagic on the attack's own home, at most 30 s; output in $T/out, $T/err, code in $rc.
wm() {
  timeout 30 "$WM" --home "$T/home" "$@" >"$T/out" 2>"$T/err"
  rc=$?
}

# fail MESSAGE: print what went wrong, return 1.
fail() {
  printf '%s\n' "$*"
  return 1
}

# held_clean WHAT: fails when the last command hung or left a Java stack trace on stderr.
clean() {
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then fail "$1: hung (killed after 30 s)"; return 1; fi
  if grep -qE 'Exception|Error:|^[[:space:]]+at (dev|java|com)\.' "$T/err"; then
    fail "$1: a stack trace on stderr: $(grep -m1 -E 'Exception|Error' "$T/err")"; return 1
  fi
  return 0
}

# expect WHAT CODE: the last command was clean and exited CODE.
expect() {
  clean "$1" || return 1
  [ "$rc" = "$2" ] || { fail "$1: exit $rc, expected $2 (stderr: $(head -c 200 "$T/err"))"; return 1; }
}

# deep_tree DIR NAME DEPTH: DEPTH folders called NAME, each in the last, made relative to the last
# (the whole path may be longer than PATH_MAX); a file needle.txt in the deepest.
deep_tree() {
  mkdir -p "$1" && (cd "$1" || exit 1
    # 200 folders per mkdir -p, then cd (a builtin): a fork per folder costs minutes that deep
    local chunk="" left="$3" n i
    for ((i = 0; i < 200; i++)); do chunk="$chunk$2/"; done
    while ((left > 0)); do
      n=$((left < 200 ? left : 200))
      part="${chunk:0:$((n * (${#2} + 1)))}"
      mkdir -p "$part" && cd "$part" || exit 1
      left=$((left - n))
    done
    printf 'hello needle\n' > needle.txt)
}

attack_deep_folder_2000_levels() {
  deep_tree "$T/deep" d 2000 || { fail "could not build the tree"; return 1; }
  wm read "$T/deep"; expect "read" 0 || return 1
  grep -q needle.txt "$T/out" || { fail "read: needle.txt not read"; return 1; }
  wm scan "$T/deep"; expect "scan" 0 || return 1
  grep -q needle.txt "$T/out" || { fail "scan: needle.txt not listed"; return 1; }
  wm index "$T/deep"; expect "index" 0 || return 1
  grep -q needle "$T/out" || { fail "index: the word 'needle' not counted"; return 1; }
  wm match -p needle "$T/deep"; expect "match" 0 || return 1
  wm similar --text "hello needle" "$T/deep"; expect "similar" 0 || return 1
  grep -q needle.txt "$T/out" || { fail "similar: needle.txt not ranked"; return 1; }
  wm grep -c needle "$T/deep"; expect "grep" 0 || return 1
  grep -q 'needle.txt:1$' "$T/out" || { fail "grep: the file 2,000 folders down was missed"; return 1; }
}

attack_path_longer_than_path_max() {
  deep_tree "$T/long" dd 2000 || { fail "could not build the tree"; return 1; }
  wm grep -c needle "$T/long"; expect "grep" 0 || return 1
  grep -q 'needle.txt:1$' "$T/out" || { fail "grep: a file past PATH_MAX was missed"; return 1; }
  wm read "$T/long"; expect "read" 0 || return 1
  grep -q 'needle.txt' "$T/out" || { fail "read: a file past PATH_MAX was not read"; return 1; }
  wm scan --json "$T/long"; expect "scan" 0 || return 1
  grep -q '"lines":1' "$T/out" || { fail "scan: a file past PATH_MAX was not scanned"; return 1; }
}

attack_many_sibling_folders_no_descriptor_exhaustion() {
  mkdir -p "$T/wide"
  (cd "$T/wide" && for i in $(seq 3000); do mkdir "f$i" && printf 'x needle\n' > "f$i/a.txt"; done)
  wm grep -c needle "$T/wide"; expect "grep" 0 || return 1
  n=$(wc -l < "$T/out")
  [ "$n" = 3000 ] || { fail "grep: $n of 3000 files found"; return 1; }
}

attack_proc_files_of_size_zero() {
  [ -r /proc/cpuinfo ] || return 0
  want=$(grep -c processor /proc/cpuinfo)
  wm grep -c processor /proc/cpuinfo; expect "grep /proc/cpuinfo" 0 || return 1
  got=$(cat "$T/out")
  [ "$got" = "$want" ] || [ "$got" = "/proc/cpuinfo:$want" ] || { fail "grep -c processor /proc/cpuinfo: '$got', grep says $want"; return 1; }
  wm read --json /proc/cpuinfo; expect "read /proc/cpuinfo" 0 || return 1
  grep -q '"size":0,' "$T/out" && { fail "read /proc/cpuinfo: says 0 B"; return 1; }
  wm scan --json /proc/cpuinfo; expect "scan /proc/cpuinfo" 0 || return 1
  grep -q '"lines":0,' "$T/out" && { fail "scan /proc/cpuinfo: 0 lines"; return 1; }
  return 0
}

attack_unreadable_items_are_errors_with_exit_2() {
  mkdir -p "$T/d" && printf 'hello needle\n' > "$T/d/a.txt"
  ln -s "$T/nowhere" "$T/gone.txt"   # named on the command line: read as a file, which is not there
  for cmd in "index" "similar --text needle" "scan" "read" "match -p needle" "grep needle"; do
    # shellcheck disable=SC2086
    wm $cmd "$T/d" "$T/gone.txt"; expect "$cmd with a vanished file" 2 || return 1
    # read prints a row per file (an ERROR row for this one) and counts it in its summary
    grep -q 'gone.txt' "$T/err" || { [ "$cmd" = read ] && grep -q 'gone.txt.*ERROR' "$T/out"; } \
      || { fail "$cmd: the vanished file is not named"; return 1; }
  done
  # nothing matched, and an error: 2 (not 1)
  wm grep zebra "$T/d" "$T/gone.txt"; expect "grep (no match, an error)" 2 || return 1
  # and all well: 0, nothing found: 1
  wm grep needle "$T/d"; expect "grep (a match)" 0 || return 1
  wm grep zebra "$T/d"; expect "grep (no match)" 1 || return 1
  wm index "$T/d"; expect "index (all well)" 0 || return 1
}

attack_proc_self_mem_read_error() {
  [ -e /proc/self/mem ] || return 0
  wm grep needle /proc/self/mem; expect "grep /proc/self/mem" 2 || return 1
  grep -q 'mem' "$T/err" || { fail "grep: no message for /proc/self/mem"; return 1; }
  wm scan /proc/self/mem; expect "scan /proc/self/mem" 2 || return 1
}

attack_similar_to_a_2gb_file() {
  mkdir -p "$T/d" && printf 'hello needle\n' > "$T/d/a.txt"
  truncate -s 2G "$T/huge.txt" 2>/dev/null || return 0
  wm similar --to "$T/huge.txt" "$T/d"; expect "similar --to 2 GB" 2 || return 1
  grep -q 'larger than' "$T/err" || { fail "similar --to 2 GB: no clear reason: $(head -c 200 "$T/err")"; return 1; }
}

attack_similar_to_binary_or_not_utf8() {
  mkdir -p "$T/d" && printf 'hello needle\n' > "$T/d/a.txt"
  printf 'ab\0\1\2\3' > "$T/bin.dat"
  wm similar --to "$T/bin.dat" "$T/d"; expect "similar --to binary" 2 || return 1
  grep -q 'binary' "$T/err" || { fail "similar --to binary: no clear reason: $(head -c 200 "$T/err")"; return 1; }
  printf 'caf\xe9 au lait\n' > "$T/latin1.txt"
  wm similar --to "$T/latin1.txt" "$T/d"; expect "similar --to Latin-1" 2 || return 1
  grep -q 'not valid UTF-8 at byte 3' "$T/err" || { fail "similar --to Latin-1: $(head -c 200 "$T/err")"; return 1; }
  grep -q 'Input length' "$T/err" && { fail "similar: 'Input length = 1' still"; return 1; }
  return 0
}

attack_memory_import_not_utf8_says_why() {
  mkdir -p "$T/notes" && printf -- '---\ntitle: caf\xe9\n---\nbody\n' > "$T/notes/latin1.md"
  wm memory import --no-atomic "$T/notes"
  clean "memory import" || return 1
  grep -q 'Input length' "$T/err" && { fail "memory import: 'Input length = 1' as the reason"; return 1; }
  grep -q 'not valid UTF-8' "$T/err" || { fail "memory import: no clear reason: $(head -c 200 "$T/err")"; return 1; }
}

attack_utf16_with_byte_order_mark() {
  mkdir -p "$T/d"
  printf '\xff\xfeh\0e\0l\0l\0o\0 \0n\0e\0e\0d\0l\0e\0\n\0' > "$T/d/le.txt"
  printf '\xfe\xff\0h\0e\0l\0l\0o\0 \0n\0e\0e\0d\0l\0e\0\n' > "$T/d/be.txt"
  wm grep -c needle "$T/d"; expect "grep UTF-16" 0 || return 1
  for f in le be; do
    grep -q "$f.txt:1" "$T/out" || { fail "grep: UTF-16 $f file missed"; return 1; }
  done
  if command -v rg >/dev/null; then
    [ "$(rg -c needle "$T/d" | sort)" = "$(sort "$T/out")" ] || { fail "grep differs from rg on UTF-16"; return 1; }
  fi
  wm scan "$T/d"; expect "scan UTF-16" 0 || return 1
  grep -q binary "$T/out" && { fail "scan: UTF-16 called binary"; return 1; }
  wm read "$T/d/le.txt"; expect "read UTF-16" 0 || return 1
}

attack_utf8_byte_order_mark_and_anchor() {
  printf '\xef\xbb\xbfneedle first\n' > "$T/bom.txt"
  wm grep '^needle' "$T/bom.txt"; expect "grep ^needle after a UTF-8 BOM" 0 || return 1
  grep -q '^1:needle first$\|bom.txt:1:needle first$' "$T/out" || { fail "grep: the BOM is in the line: $(cat -v "$T/out")"; return 1; }
}

attack_invalid_utf8_name_on_the_command_line() {
  mkdir -p "$T/d"
  printf 'hello needle\n' > "$T/d/bad"$'\xff'"name.txt"
  mkdir -p "$T/d/dir"$'\xfe' && printf 'hello needle\n' > "$T/d/dir"$'\xfe'"/x.txt"
  wm grep -c needle "$T/d/bad"$'\xff'"name.txt"; expect "grep NAME-NOT-UTF-8" 0 || return 1
  wm read "$T/d/bad"$'\xff'"name.txt"; expect "read NAME-NOT-UTF-8" 0 || return 1
  wm scan "$T/d/dir"$'\xfe'; expect "scan DIR-NOT-UTF-8" 0 || return 1
  grep -q 'x.txt' "$T/out" || { fail "scan: the folder named in bytes not walked"; return 1; }
  wm index "$T/d/dir"$'\xfe'"/x.txt"; expect "index FILE-IN-DIR-NOT-UTF-8" 0 || return 1
  LC_ALL=C timeout 30 "$WM" --home "$T/home" grep -c needle "$T/d/bad"$'\xff'"name.txt" >"$T/out" 2>"$T/err"
  rc=$?; expect "grep NAME-NOT-UTF-8 under LC_ALL=C" 0 || return 1
}

attack_skipped_entries_are_counted_in_the_summary() {
  mkdir -p "$T/d" && printf 'hello needle\n' > "$T/d/a.txt"
  ln -s a.txt "$T/d/l1"; ln -s "$T/nowhere" "$T/d/l2"; ln -s . "$T/d/loop"
  mkfifo "$T/d/pipe" || return 0
  wm scan "$T/d"; expect "scan" 0 || return 1
  grep -q '3 links, 1 special file' "$T/err" || { fail "scan summary does not say what it skipped: $(tail -1 "$T/err")"; return 1; }
  wm read "$T/d"; expect "read" 0 || return 1
  grep -q '4 skipped' "$T/err" || { fail "read summary does not say what it skipped: $(tail -1 "$T/err")"; return 1; }
  wm grep --json needle "$T/d"; expect "grep --json" 0 || return 1
  grep -q '"skipped":{"links":3,"special_files":1}' "$T/out" || { fail "grep --json: no skipped field: $(tail -1 "$T/out")"; return 1; }
}

attack_fifo_is_never_opened() {
  mkfifo "$T/pipe" || return 0
  for cmd in "grep x" "read" "scan" "index" "match -p x" "similar --text x"; do
    # shellcheck disable=SC2086
    wm $cmd "$T/pipe"; clean "$cmd FIFO" || return 1
    [ "$rc" = 2 ] || [ "$rc" = 1 ] || { fail "$cmd FIFO: exit $rc"; return 1; }
  done
  wm similar --to "$T/pipe" "$T"; expect "similar --to FIFO" 2 || return 1
}

attack_ten_thousand_word_alternation() {
  printf 'alpha\nsome w9999 here\nomega\n' > "$T/a.txt"
  pat=$(seq -f 'w%g' 0 9999 | paste -sd'|')
  wm grep "$pat" "$T/a.txt"; expect "grep 10,000 words" 0 || return 1
  grep -q 'some w9999 here' "$T/out" || { fail "grep 10,000 words: the line was missed"; return 1; }
  wm grep -c "$pat|omega" "$T/a.txt"; expect "grep 10,001 words" 0 || return 1
  [ "$(cat "$T/out")" = 2 ] || [ "$(cat "$T/out")" = "$T/a.txt:2" ] || { fail "grep -c: $(cat "$T/out"), want 2"; return 1; }
}

attack_ten_thousand_capturing_groups_alternated() {
  printf 'alpha\nsome w9999 here\n' > "$T/a.txt"
  pat=$(seq -f '(w%g)' 0 9999 | paste -sd'|')
  wm grep "$pat" "$T/a.txt"; clean "grep 10,000 groups" || return 1
  case "$rc" in
    0) grep -q 'some w9999 here' "$T/out" || { fail "grep 10,000 groups: the line was missed"; return 1; } ;;
    2) grep -q 'too complex' "$T/err" || { fail "grep 10,000 groups: $(head -c 200 "$T/err")"; return 1; } ;;
    *) fail "grep 10,000 groups: exit $rc"; return 1 ;;
  esac
  grep -q 'internal error' "$T/err" && { fail "grep 10,000 groups: $(head -c 200 "$T/err")"; return 1; }
  return 0
}

attack_group_nested_3000_deep() {
  printf 'xay\n' > "$T/a.txt"
  pat="$(printf '(%.0s' $(seq 3000))a$(printf ')%.0s' $(seq 3000))"
  wm grep "$pat" "$T/a.txt"; clean "grep 3,000 nested groups" || return 1
  case "$rc" in
    0) grep -q xay "$T/out" || { fail "grep nested: no line"; return 1; } ;;
    2) grep -q 'too complex' "$T/err" || { fail "grep nested: exit 2 without saying why: $(head -c 200 "$T/err")"; return 1; } ;;
    *) fail "grep nested: exit $rc"; return 1 ;;
  esac
}

attack_file_vanishes_after_the_walk() {
  # a broken link to a folder given explicitly, and a file that is a folder: messages, exit 2
  mkdir -p "$T/d" && printf 'needle\n' > "$T/d/a.txt"
  wm similar --to "$T/d" "$T/d"; expect "similar --to FOLDER" 2 || return 1
  grep -q 'directory' "$T/err" || { fail "similar --to FOLDER: $(head -c 200 "$T/err")"; return 1; }
  wm grep needle "$T/d" "$T/missing"; expect "grep with a missing path" 2 || return 1
  grep -q 'a.txt:1:needle' "$T/out" || { fail "grep with a missing path: the match was not printed"; return 1; }
}
