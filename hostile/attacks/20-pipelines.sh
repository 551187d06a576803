# Hostile pipelines: pipeline files someone hands you, run with `whitemagic run`.
# Each attack_* runs in a subshell with $WM (the launcher) and $T (a fresh empty folder); it
# returns 0 when the attack held and otherwise prints one line saying what went wrong.
# Nothing here touches a real system path: every target is a decoy under $T.

_p20_fail() { echo "$*"; return 1; }

# _p20_run ARGS...: whitemagic --home $T/home run ARGS..., 20 s at most; sets P20_RC, stderr in $T/err
_p20_run() {
  P20_RC=0
  timeout 20 "$WM" --home "$T/home" run "$@" >"$T/stdout" 2>"$T/err" </dev/null || P20_RC=$?
}

# _p20_clean: stderr carries no stack trace
_p20_clean() {
  local trace='Exception|java\.lang\.[A-Za-z]*Error|^[[:space:]]+at |at dev\.'
  if grep -qE "$trace" "$T/err"; then
    _p20_fail "a stack trace on stderr: $(grep -m1 -E "$trace" "$T/err")"
    return 1
  fi
}

# _p20_refused TEXT: exit 2, TEXT on stderr, no trace, at most a few lines
_p20_refused() {
  [ "$P20_RC" -eq 124 ] && { _p20_fail "still running after 20 s"; return 1; }
  [ "$P20_RC" -eq 2 ] || { _p20_fail "exit $P20_RC, expected 2: $(head -c 300 "$T/err")"; return 1; }
  grep -qF -- "$1" "$T/err" || { _p20_fail "stderr lacks '$1': $(head -c 300 "$T/err")"; return 1; }
  [ "$(wc -l <"$T/err")" -le 5 ] || { _p20_fail "$(wc -l <"$T/err") lines on stderr, expected one clear message"; return 1; }
  _p20_clean
}

# a decoy "dotfile" outside every output folder, and an input file whose text would replace it
_p20_decoy() {
  mkdir -p "$T/decoy" "$T/in"
  printf 'keep me\n' >"$T/decoy/.bashrc"
  printf 'rm -rf ~\n' >"$T/in/.bashrc"
}
_p20_decoy_intact() {
  [ "$(cat "$T/decoy/.bashrc")" = "keep me" ] || { _p20_fail "the decoy outside the output folder was overwritten"; return 1; }
  [ "$(ls -A "$T/decoy")" = ".bashrc" ] || { _p20_fail "something was written next to the decoy: $(ls -A "$T/decoy" | tr '\n' ' ')"; return 1; }
}

# _p20_writer FOLDER NAME [OVERWRITE]: a read-file → write-file pipeline in $T/w.json
_p20_writer() {
  cat >"$T/w.json" <<JSON
{"schema": 1, "name": "innocent", "stages": [
  {"id": "read", "operation": "read-file"},
  {"id": "write", "operation": "write-file", "params": {"folder": "$1", "name": "$2", "overwrite": ${3:-true}}}],
 "edges": [{"from": "read", "to": "write"}]}
JSON
}

_p20_spec() { printf '%s' "$1" >"$T/s.json"; }

attack_pipeline_write_absolute_folder_outside_output() {
  _p20_decoy
  _p20_writer "$T/decoy" ".bashrc"
  _p20_run "$T/w.json" --input "$T/in/.bashrc"
  _p20_refused 'stages[1].params.folder: "'"$T/decoy"'" is outside the output folder' && _p20_decoy_intact
}

attack_pipeline_write_dotdot_folder() {
  _p20_decoy
  _p20_writer "../../../decoy" ".bashrc"
  _p20_run "$T/w.json" --input "$T/in/.bashrc"
  _p20_refused 'stages[1].params.folder: "../../../decoy" leaves the output folder' && _p20_decoy_intact
}

attack_pipeline_write_dotdot_name() {
  _p20_decoy
  _p20_writer "" "../../../decoy/{file}"
  _p20_run "$T/w.json" --input "$T/in/.bashrc" --output "$T/out"
  _p20_refused 'stages[1].params.name:' && _p20_decoy_intact
}

attack_pipeline_write_tilde_folder() {
  _p20_decoy
  _p20_writer "~" ".bashrc"
  _p20_run "$T/w.json" --input "$T/in/.bashrc"
  _p20_refused 'stages[1].params.folder: "~" is outside the output folder' && _p20_decoy_intact
}

attack_pipeline_write_through_symlinked_subfolder() {
  _p20_decoy
  mkdir -p "$T/out"
  ln -s "$T/decoy" "$T/out/sub"
  _p20_writer "sub" ".bashrc"
  _p20_run "$T/w.json" --input "$T/in/.bashrc" --output "$T/out"
  # a per-item error (the run goes on with the other items): exit 0, or 1 with "onError": "fail"
  [ "$P20_RC" -le 1 ] || { _p20_fail "exit $P20_RC: $(head -c 300 "$T/err")"; return 1; }
  grep -q 'resolves outside the output folder' "$T/err" || { _p20_fail "no clear refusal: $(head -c 300 "$T/err")"; return 1; }
  _p20_clean && _p20_decoy_intact
}

attack_pipeline_write_through_symlinked_file() {
  _p20_decoy
  mkdir -p "$T/out"
  ln -s "$T/decoy/.bashrc" "$T/out/.bashrc"
  _p20_writer "" "{file}"
  _p20_run "$T/w.json" --input "$T/in/.bashrc" --output "$T/out"
  [ "$P20_RC" -le 1 ] || { _p20_fail "exit $P20_RC: $(head -c 300 "$T/err")"; return 1; }
  grep -q 'is a symbolic link' "$T/err" || { _p20_fail "no clear refusal: $(head -c 300 "$T/err")"; return 1; }
  _p20_clean && _p20_decoy_intact || return 1
  [ -L "$T/out/.bashrc" ] || _p20_fail "the link in the output folder was replaced"
}

attack_pipeline_overwrite_is_off_by_default() {
  mkdir -p "$T/in" "$T/out"
  printf 'new\n' >"$T/in/notes.txt"
  printf 'mine\n' >"$T/out/notes.txt"
  printf '%s' '{"schema": 1, "stages": [{"id": "read", "operation": "read-file"}, {"id": "write", "operation": "write-file"}],
    "edges": [{"from": "read", "to": "write"}]}' >"$T/s.json"
  _p20_run "$T/s.json" --input "$T/in/notes.txt" --output "$T/out"
  [ "$(cat "$T/out/notes.txt")" = "mine" ] || { _p20_fail "an existing file was replaced with overwrite unset"; return 1; }
  grep -q 'exists (overwrite is off)' "$T/err" || { _p20_fail "no message for the file kept: $(head -c 300 "$T/err")"; return 1; }
  _p20_clean
}

attack_pipeline_name_escapes_the_default_output() {
  mkdir -p "$T/in" "$T/decoy"
  printf 'x\n' >"$T/in/a.txt"
  _p20_spec '{"schema": 1, "name": "../../../decoy", "stages": [{"id": "read", "operation": "read-file"},
    {"id": "write", "operation": "write-file"}], "edges": [{"from": "read", "to": "write"}]}'
  _p20_run "$T/s.json" --input "$T/in/a.txt"
  [ "$P20_RC" -eq 0 ] || { _p20_fail "exit $P20_RC: $(head -c 300 "$T/err")"; return 1; }
  [ -z "$(ls -A "$T/decoy")" ] || { _p20_fail "the pipeline's name led its output out of the data directory"; return 1; }
  [ -f "$T/home/output/decoy/a.txt" ] || { _p20_fail "the output is not in <home>/output/decoy: $(find "$T/home/output" | head -5 | tr '\n' ' ')"; return 1; }
  _p20_clean
}

attack_pipeline_output_is_a_file() {
  mkdir -p "$T/in" && printf 'x\n' >"$T/in/a.txt" && printf 'keep\n' >"$T/file"
  _p20_spec '{"schema": 1, "stages": [{"id": "read", "operation": "read-file"}, {"id": "write", "operation": "write-file"}],
    "edges": [{"from": "read", "to": "write"}]}'
  _p20_run "$T/s.json" --input "$T/in/a.txt" --output "$T/file"
  _p20_refused '--output must be a folder' || return 1
  [ "$(cat "$T/file")" = keep ] || _p20_fail "the file given as --output changed"
}

attack_pipeline_hundred_million_workers() {
  _p20_spec '{"schema": 1, "stages": [{"id": "a", "operation": "sleep", "workers": 100000000, "params": {"millis": 100000}}]}'
  _p20_run "$T/s.json" --input x
  _p20_refused 'stages[0].workers: expected a whole number from 1 to 1,024, got 100000000'
}

attack_pipeline_workers_summed_over_stages() {
  local stages="" i
  for i in $(seq 1 40); do stages="$stages${stages:+,}{\"id\": \"s$i\", \"operation\": \"sleep\", \"workers\": 1024}"; done
  _p20_spec "{\"schema\": 1, \"stages\": [$stages]}"
  _p20_run "$T/s.json" --input x
  _p20_refused 'workers in all; the stages together may have at most'
}

attack_pipeline_queue_capacity_int_max() {
  _p20_spec '{"schema": 1, "options": {"queueCapacity": 2147483647}, "stages": [{"id": "a", "operation": "sleep"}]}'
  _p20_run "$T/s.json" --input x
  _p20_refused 'options.queueCapacity: expected a whole number from 1 to 65,536, got 2147483647' || return 1
  ! grep -q 'whitemagic: null' "$T/err" || _p20_fail "'whitemagic: null' on stderr"
}

attack_pipeline_timeout_and_retries_overflow() {
  _p20_spec '{"schema": 1, "stages": [{"id": "a", "operation": "sleep", "timeoutMillis": 9223372036854775807, "onError": "retry:2147483647"}]}'
  _p20_run "$T/s.json" --input x
  _p20_refused 'stages[0].timeoutMillis: expected a whole number from 0 to 86,400,000' || return 1
  grep -qF 'stages[0].onError: expected skip, fail or retry:N with N from 1 to 100' "$T/err" || _p20_fail "retries not bounded"
}

attack_pipeline_param_sleeps_for_years() {
  _p20_spec '{"schema": 1, "stages": [{"id": "a", "operation": "sleep", "params": {"millis": 100000000000000000000000}}]}'
  _p20_run "$T/s.json" --input x
  _p20_refused 'stages[0].params.millis: expected a whole number from 0 to 60,000'
}

attack_pipeline_ten_thousand_stages() {
  python3 -c '
import json, sys
n = 10000
st = [{"id": "s%d" % i, "operation": "sleep", "params": {"millis": 0}} for i in range(n)]
ed = [{"from": "s%d" % i, "to": "s%d" % (i + 1)} for i in range(n - 1)]
json.dump({"schema": 1, "stages": st, "edges": ed}, open(sys.argv[1], "w"))' "$T/s.json"
  _p20_run "$T/s.json" --input x
  _p20_refused 'stages: 10,000 stages; a pipeline may have 1 to 1,000'
}

attack_pipeline_a_thousand_stage_chain_runs() {
  python3 -c '
import json, sys
n = 1000
st = [{"id": "s%d" % i, "operation": "sleep", "workers": 1, "params": {"millis": 0}} for i in range(n)]
ed = [{"from": "s%d" % i, "to": "s%d" % (i + 1)} for i in range(n - 1)]
json.dump({"schema": 1, "stages": st, "edges": ed}, open(sys.argv[1], "w"))' "$T/s.json"
  _p20_run "$T/s.json" --input x --json
  [ "$P20_RC" -eq 0 ] || { _p20_fail "a 1,000-stage chain (the limit) did not run: exit $P20_RC $(head -c 200 "$T/err")"; return 1; }
  grep -q '"result":"x"' "$T/stdout" || { _p20_fail "the item did not come through 1,000 stages"; return 1; }
  _p20_clean
}

attack_pipeline_deeply_nested_json() {
  head -c 100000 /dev/zero | tr '\0' '[' >"$T/s.json"
  _p20_run "$T/s.json" --input x
  _p20_refused 'nested more than 64 levels deep'
}

attack_pipeline_one_gigabyte_spec() {
  truncate -s 1G "$T/s.json" || { _p20_fail "truncate failed"; return 1; }
  _p20_run "$T/s.json" --input x
  _p20_refused 'is too large for a pipeline file'
}

attack_pipeline_spec_is_a_fifo_or_device() {
  mkfifo "$T/s.json" || { _p20_fail "mkfifo failed"; return 1; }
  _p20_run "$T/s.json" --input x
  _p20_refused 'not a regular file' || return 1
  _p20_run /dev/zero --input x
  _p20_refused 'not a regular file'
}

attack_pipeline_not_utf8() {
  printf '{"schema": 1, "name": "\xff\xfe", "stages": []}' >"$T/s.json"
  _p20_run "$T/s.json" --input x
  _p20_refused 'not UTF-8 text'
}

attack_pipeline_wrong_types_and_missing_fields() {
  local json want
  while IFS='|' read -r json want; do
    _p20_spec "$json"
    _p20_run "$T/s.json" --input x
    _p20_refused "$want" || return 1
  done <<'CASES'
{"schema": "one", "stages": [{"id": "a", "operation": "sleep"}]}|schema: expected a version number
{"schema": 1}|stages: missing
{"schema": 1, "stages": {"id": "a"}}|stages: expected a list of stages
{"schema": 1, "stages": [42]}|stages[0]: expected a stage object
{"schema": 1, "stages": [{"operation": "sleep"}]}|stages[0].id: missing
{"schema": 1, "stages": [{"id": "a", "operation": "sleep", "workers": "many"}]}|stages[0].workers: expected a whole number
{"schema": 1, "stages": [{"id": "a", "operation": "sleep", "params": {"millis": {"x": 1}}}]}|stages[0].params.millis: expected a value or a list
{"schema": 1, "stages": [{"id": "a", "operation": "sleep"}], "edges": "all"}|edges: expected a list
null|file: expected a JSON object
CASES
}

attack_pipeline_unknown_operation() {
  _p20_spec '{"schema": 1, "stages": [{"id": "a", "operation": "shell", "params": {"command": "rm -rf /"}}]}'
  _p20_run "$T/s.json" --input x
  _p20_refused "stages[0].operation: unknown operation 'shell'"
}

attack_pipeline_sigterm_mid_run() {
  mkdir -p "$T/out"
  _p20_spec '{"schema": 1, "stages": [
    {"id": "mark", "operation": "write-file", "workers": 1, "params": {"name": "started.txt"}},
    {"id": "wait", "operation": "sleep", "workers": 1024, "params": {"millis": 60000}}],
    "edges": [{"from": "mark", "to": "wait"}]}'
  "$WM" --home "$T/home" run "$T/s.json" --input a --input b --output "$T/out" >"$T/stdout" 2>"$T/err" </dev/null &
  local pid=$! i rc=0
  for i in $(seq 1 150); do [ -f "$T/out/started.txt" ] && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  [ -f "$T/out/started.txt" ] || { kill -KILL "$pid" 2>/dev/null; _p20_fail "the run never started: $(head -c 200 "$T/err")"; return 1; }
  kill -TERM "$pid"
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"; wait "$pid" 2>/dev/null
    _p20_fail "still running 5 s after SIGTERM"; return 1
  fi
  wait "$pid" || rc=$?
  [ "$rc" -eq 143 ] || [ "$rc" -eq 130 ] || { _p20_fail "exit $rc after SIGTERM, expected 143"; return 1; }
  grep -q 'stopped by a signal' "$T/err" || { _p20_fail "no line saying the run was stopped: $(head -c 200 "$T/err")"; return 1; }
  _p20_clean
}
