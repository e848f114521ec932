#!/usr/bin/env bash
# The hostile-submission suite: proves end to end that a cheating submission cannot forge its grade.
#
#   scripts/hostile-suite.sh                 every attack in scripts/hostile/NN-name/
#   scripts/hostile-suite.sh 07 24-escaped…  only these (a folder name, or its number)
#   scripts/hostile-suite.sh --list          the attacks and what each tries
#
# Each attack folder holds ATTACK.md (what a cheating student tries, and which class of attack of
# issue 10 it is) and files laid out as a student's repository. The submission is the untouched
# starter of the lab (labs/lab3-udp/src, copied), then the folder's files on top. It is graded with
#   timeout ./stacklab grade --lab lab3-udp --submission SUB --results R.json
# in an empty temporary working directory, and the suite asserts:
#   - the grader ended by itself (no timeout, no crash: exit status 0-2, no Java stack trace of its own);
#   - R.json is valid Gradescope JSON, score <= max_score, max_score is the course's (the baseline's),
#     score <= the baseline's score (the untouched starter, or the stubs BASELINE names);
#   - no test's output is over 70 KiB and R.json is under 2 MB;
#   - the wall time is under the attack's bound (BOUND, default 120 s);
#   - nothing the attack tried to write appeared: no results.json in the working directory, none of
#     the paths in PLANTS, no new /tmp/stacklab-hostile-* file, no process left running; R.json is
#     unchanged at the end of the suite (a process that outlives the grader must not rewrite it);
#   - no string of FORBID is in R.json (leaked hidden tests / reference), every string of EXPECT is.
# Optional files in an attack folder (never copied into the submission):
#   BASELINE    another folder of scripts/hostile (e.g. _quiet-stubs) laid under the attack; the
#               score is compared with what that folder alone scores
#   BOUND       wall-time bound in seconds          EMPTY     the submission is an empty folder
#   SLOW        the attack uses up the lab's whole budget: it runs beside the others
#   PLANTS      paths the attack writes (./x is in the grader's working directory)
#   FORBID      strings that must not appear in R.json     EXPECT   strings that must appear in R.json
#   FORBID_LOG  strings that must not reach the grader's console (<ESC> and <CR> stand for those characters)
#   EXPECT_LOG  strings the grader should print (its note on ignored files); missing: a warning only
# Prints one line per attack (as they finish; HOSTILE_JOBS=2 at a time by default), then
# "hostile: N passed, N failed"; exits 1 on any failure (2 when the suite itself cannot run).
# HOSTILE_KEEP=1 keeps the temporary folders (kept anyway on a failure).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOSTILE="$ROOT/scripts/hostile"
LAB=lab3-udp
DEFAULT_BOUND=120
# The grader to attack (tests of this script may point it elsewhere).
STACKLAB="${HOSTILE_STACKLAB:-$ROOT/stacklab}"
META="ATTACK.md BASELINE BOUND SLOW EMPTY PLANTS FORBID FORBID_LOG EXPECT EXPECT_LOG RECHECK"

die() { echo "hostile-suite: $*" >&2; exit 2; }
command -v python3 >/dev/null || die "python3 is needed for the JSON checks"

all_attacks() { (cd "$HOSTILE" && ls -d [0-9][0-9]-*/ 2>/dev/null | tr -d /); }

if [[ "${1:-}" == "--list" ]]; then
  for a in $(all_attacks); do
    printf '%s\n    %s\n' "$a" "$(sed -n '3p' "$HOSTILE/$a/ATTACK.md" | cut -c1-200)"
  done
  exit 0
fi
if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then sed -n '2,33p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi

ATTACKS=()
if [[ $# -eq 0 ]]; then
  mapfile -t ATTACKS < <(all_attacks)
else
  for want in "$@"; do
    want="${want%/}"; want="${want##*/}"
    match=$(all_attacks | grep -E "^${want}(-|$)" | head -1)
    [[ -n "$match" ]] || die "no attack '$want' in $HOSTILE (try --list)"
    ATTACKS+=("$match")
  done
fi
[[ ${#ATTACKS[@]} -gt 0 ]] || die "no attacks in $HOSTILE"

# Build once (the launcher builds on first use, or when a source changed).
(cd "$ROOT" && "$STACKLAB" --help >/dev/null) || die "the build failed (see $ROOT/target/stacklab-build.log)"

TMP="$(mktemp -d "${TMPDIR:-/tmp}/stacklab-hostile-run.XXXXXX")"
FAILED_ANY=0
cleanup() {
  if [[ "${HOSTILE_KEEP:-0}" == 1 || $FAILED_ANY == 1 ]]; then echo "details: $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

# A submission: the lab's untouched starter laid out as a student repository, then overlays.
make_submission() {  # DEST OVERLAY_DIR...
  local dest="$1"; shift
  mkdir -p "$dest/labs/$LAB"
  cp -r "$ROOT/labs/$LAB/src" "$dest/labs/$LAB/src"
  cp "$ROOT/labs/$LAB/README.md" "$dest/labs/$LAB/" 2>/dev/null || true
  local o ex=()
  for m in $META; do ex+=(--exclude="./$m"); done
  for o in "$@"; do
    (cd "$o" && tar cf - "${ex[@]}" .) | (cd "$dest" && tar xf -) || die "cannot lay out $o"
  done
}

# Processes this run left behind: an escaped daemon, a test JVM the grader did not stop.
leftovers() {  # SCOPE: a folder of this run; processes that mention it or work in it
  local scope="$1" p cmd
  for p in /proc/[0-9]*; do
    [[ -r "$p/cmdline" ]] || continue
    cmd=$(tr '\0' ' ' < "$p/cmdline" 2>/dev/null) || continue
    [[ -n "$cmd" ]] || continue
    if [[ ( "$scope" == "$TMP/" && "$cmd" == *stacklab-hostile-daemon* ) || "$cmd" == *"$scope"* ]] \
       || [[ "$(readlink "$p/cwd" 2>/dev/null)/" == "$scope"* ]]; then
      [[ "${p#/proc/}" == "$$" || "${p#/proc/}" == "$BASHPID" ]] && continue
      echo "${p#/proc/} ${cmd:0:120}"
    fi
  done
}

# grade NAME SUBMISSION: runs the grader in TMP/NAME/work; sets RC, SECS, and leaves R.json, log, err.
grade() {
  local name="$1" sub="$2" bound="$3"
  local dir="$TMP/$name"; mkdir -p "$dir/work"
  local limit=$(( bound + 60 > 600 ? 600 : bound + 60 ))
  local t0 t1
  t0=$(date +%s.%N)
  (cd "$dir/work" && exec timeout -k 10 "$limit" "$STACKLAB" grade --lab "$LAB" --submission "$sub" \
        --results "$dir/work/R.json" >"$dir/log" 2>"$dir/err" </dev/null)
  RC=$?
  t1=$(date +%s.%N)
  SECS=$(python3 -c "print('%.1f' % ($t1 - $t0))")
}

# check.py: the JSON assertions; prints "score max" or "FAIL reason" lines.
cat > "$TMP/check.py" <<'PY'
import json, os, sys
path, base_score, base_max = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
forbid = [l for l in open(sys.argv[4]).read().split("\n") if l.strip()] if sys.argv[4] != "-" else []
expect = [l for l in open(sys.argv[5]).read().split("\n") if l.strip()] if sys.argv[5] != "-" else []
fails = []
try:
    size = os.path.getsize(path)
    raw = open(path, "rb").read()
    d = json.loads(raw.decode("utf-8"))
except FileNotFoundError:
    print("FAIL no results file was written"); sys.exit(0)
except Exception as e:
    print("FAIL results file is not valid JSON (%s)" % str(e)[:120]); sys.exit(0)
if size >= 2 * 1024 * 1024: fails.append("results file is %d bytes (limit 2 MB)" % size)
score, mx = d.get("score"), d.get("max_score")
if not isinstance(score, (int, float)) or not isinstance(mx, (int, float)):
    fails.append("score/max_score missing or not numbers: %r/%r" % (score, mx)); score = mx = 0
tests = d.get("tests")
if not isinstance(tests, list): fails.append("no tests list"); tests = []
for t in tests:
    if not isinstance(t, dict):
        fails.append("a test entry is not an object"); break
    missing = [k for k in ("name", "score", "max_score", "status") if k not in t]
    if missing: fails.append("test %r lacks %s" % (t.get("name"), ",".join(missing))); break
    out = t.get("output") or ""
    if len(out.encode("utf-8")) > 70 * 1024:
        fails.append("test %r output is %d bytes (limit 70 KiB)" % (t.get("name"), len(out.encode("utf-8")))); break
if score > mx + 1e-9: fails.append("score %g > max_score %g" % (score, mx))
if abs(mx - base_max) > 1e-9: fails.append("max_score %g is not the course's %g" % (mx, base_max))
if score > base_score + 1e-9: fails.append("score %g > baseline %g: the attack earned points" % (score, base_score))
text = raw.decode("utf-8", "replace")
for f in forbid:
    if f in text: fails.append("results contain %r (leaked)" % f)
for e in expect:
    if e not in text: fails.append("results do not mention %r" % e)
for f in fails: print("FAIL " + f)
# What stopped the attack, for the report: the static rules, the compiler, or the tests ran.
summary = d.get("output") or ""
import re
m = re.search(r"breaks (?:an|\d+) architecture rules? \(([^)]*)\)", summary)
if m: how = "rules: " + m.group(1)
elif "nothing to grade" in summary + " ".join(str(t.get("output")) for t in tests[:1]): how = "nothing to grade"
elif "does not compile" in summary or "compiles" in " ".join(str(t.get("name")) for t in tests if t.get("status") == "failed"): how = "compile error"
else:
    ran = [t for t in tests if not str(t.get("name", "")).startswith("architecture rule")]
    how = "tests ran (%d failed)" % sum(1 for t in ran if t.get("status") != "passed")
print("%g %g %s" % (score, mx, how))
PY

# Baselines: the untouched starter, and any stub set an attack names.
declare -A BASE_SCORE BASE_MAX
baseline() {  # NAME (empty: the starter) -> sets BASE_SCORE[NAME], BASE_MAX[NAME]
  local b="$1" key="${1:-starter}"
  [[ -n "${BASE_SCORE[$key]:-}" ]] && return 0
  local sub="$TMP/baseline-$key/sub"
  if [[ -n "$b" ]]; then make_submission "$sub" "$HOSTILE/$b"; else make_submission "$sub"; fi
  grade "baseline-$key" "$sub" 300
  local out
  out=$(python3 "$TMP/check.py" "$TMP/baseline-$key/work/R.json" 1e9 0 - - | grep -v '^FAIL max_score' )
  if [[ "$RC" -gt 2 ]] || grep -q '^FAIL' <<<"$out"; then
    FAILED_ANY=1
    die "the baseline ($key) cannot be graded (exit $RC): $(grep '^FAIL' <<<"$out" | head -2) $(tail -3 "$TMP/baseline-$key/err")"
  fi
  read -r BASE_SCORE[$key] BASE_MAX[$key] _ <<<"$(tail -1 <<<"$out")"
  echo "baseline $key: score ${BASE_SCORE[$key]}/${BASE_MAX[$key]} ${SECS}s"
}
baseline ""

# Every stub set an attack is compared with, graded once up front.
for a in "${ATTACKS[@]}"; do
  [[ -f "$HOSTILE/$a/BASELINE" ]] && baseline "$(head -1 "$HOSTILE/$a/BASELINE" | tr -d '[:space:]')"
done
rm -f /tmp/stacklab-hostile-[0-9]* 2>/dev/null

# run_attack NAME: grades one attack, prints its line, leaves TMP/NAME/status (ok|FAIL) and TMP/NAME/rhash.
run_attack() {
  local a="$1" A="$HOSTILE/$1" fails=() warns=() bkey=starter bdir="" bound=$DEFAULT_BOUND sub="$TMP/$1/sub"
  local W="$TMP/$1/work" p f now out score max how strays left bad s base
  if [[ -f "$A/BASELINE" ]]; then bdir=$(head -1 "$A/BASELINE" | tr -d '[:space:]'); bkey="$bdir"; fi
  [[ -f "$A/BOUND" ]] && bound=$(head -1 "$A/BOUND" | tr -d '[:space:]')
  if [[ -f "$A/EMPTY" ]]; then mkdir -p "$sub"
  elif [[ -n "$bdir" ]]; then make_submission "$sub" "$HOSTILE/$bdir" "$A"
  else make_submission "$sub" "$A"; fi

  # What the attack plants must not exist afterwards; note what was there before (/autograder...).
  local plants=(); local -A before=()
  if [[ -f "$A/PLANTS" ]]; then
    while IFS= read -r p; do
      [[ -z "$p" ]] && continue
      plants+=("$p")
      if [[ "$p" == /* ]]; then
        [[ "$p" == /tmp/stacklab-hostile-* ]] && rm -f "$p"
        before[$p]=$(stat -c %Y.%s "$p" 2>/dev/null || echo absent)
      fi
    done < "$A/PLANTS"
  fi

  grade "$a" "$sub" "$bound"

  if [[ $RC -eq 124 || $RC -eq 137 ]]; then fails+=("the grader did not finish: killed by timeout after ${SECS}s")
  elif [[ $RC -gt 2 ]]; then fails+=("the grader crashed: exit status $RC ($(grep -m1 -E 'Exception|Error' "$TMP/$a/err" "$TMP/$a/log" | cut -c1-150))")
  fi
  if grep -qE 'Exception in thread "main"|^[[:space:]]+at org\.stacklab\.(cli|grader)\.[A-Za-z.]*(Grade|Grader|StackLab)' "$TMP/$a/err"; then
    fails+=("the grader printed its own stack trace: $(grep -m1 -E 'Exception|Error' "$TMP/$a/err" | cut -c1-150)")
  fi
  if python3 -c "import sys; sys.exit(0 if float('$SECS') > float('$bound') else 1)"; then
    fails+=("took ${SECS}s, over the bound of ${bound}s")
  fi

  out=$(python3 "$TMP/check.py" "$W/R.json" "${BASE_SCORE[$bkey]}" "${BASE_MAX[$bkey]}" \
        "$( [[ -f $A/FORBID ]] && echo "$A/FORBID" || echo -)" "$( [[ -f $A/EXPECT ]] && echo "$A/EXPECT" || echo -)")
  while IFS= read -r l; do [[ "$l" == FAIL* ]] && fails+=("${l#FAIL }"); done <<<"$out"
  read -r score max how <<<"$(tail -1 <<<"$out" | grep -v FAIL || echo "? ? ?")"

  # Files outside the sandbox.
  strays=$(cd "$W" && find . -name results.json 2>/dev/null | head -3 | tr '\n' ' ')
  [[ -n "$strays" ]] && fails+=("a results.json appeared in the working directory: $strays")
  for p in "${plants[@]}"; do
    if [[ "$p" == /* ]]; then
      now=$(stat -c %Y.%s "$p" 2>/dev/null || echo absent)
      if [[ "$now" != "${before[$p]}" ]]; then
        fails+=("the attack wrote $p")
        [[ "${before[$p]}" == absent ]] && rm -f "$p"
      fi
    elif [[ -e "$W/${p#./}" ]]; then
      fails+=("the attack wrote ${p} in the working directory")
    fi
  done
  if true; then   # markers named after this attack's number (attacks run side by side)
    for f in /tmp/stacklab-hostile-"${a%%-*}"*; do
      [[ -e "$f" ]] || continue
      fails+=("the attack wrote $f"); rm -f "$f"
    done
  fi
  sleep 0.2
  left=$(leftovers "$TMP/$a/")
  if [[ -n "$left" ]]; then
    fails+=("left processes running: $(head -2 <<<"$left" | tr '\n' ';')")
    while read -r pid _; do kill -9 "$pid" 2>/dev/null; done <<<"$left"
  fi
  [[ -f "$W/R.json" ]] && sha256sum "$W/R.json" | cut -c1-64 > "$TMP/$a/rhash"

  if [[ -f "$A/FORBID_LOG" ]]; then
    bad=$(python3 - "$A/FORBID_LOG" "$TMP/$a/log" "$TMP/$a/err" <<'PY'
import sys
words = [w.replace("<ESC>", "\x1b").replace("<CR>", "\r") for w in open(sys.argv[1]).read().split("\n") if w]
text = open(sys.argv[2], "rb").read().decode("utf-8", "replace") + open(sys.argv[3], "rb").read().decode("utf-8", "replace")
print(" ".join(repr(w) for w in words if w in text))
PY
)
    [[ -n "$bad" ]] && fails+=("the submission's text reached the grader's console: $bad")
  fi
  if [[ -f "$A/EXPECT_LOG" ]]; then
    while IFS= read -r s; do
      [[ -z "$s" ]] && continue
      grep -qF -- "$s" "$TMP/$a/log" "$TMP/$a/err" || warns+=("the grader did not mention $s")
    done < "$A/EXPECT_LOG"
  fi

  base="${BASE_SCORE[$bkey]}/${BASE_MAX[$bkey]}"
  [[ "$bkey" != starter ]] && base="$bkey $base"
  if [[ ${#fails[@]} -eq 0 ]]; then
    echo ok > "$TMP/$a/status"
    printf 'ok    %-40s score %s/%s (baseline %s) %ss  [%s]%s\n' "$a" "$score" "$max" "$base" "$SECS" "$how" \
      "$( [[ ${#warns[@]} -gt 0 ]] && printf '  (warning: %s)' "$(IFS=';'; echo "${warns[*]}")")"
  else
    echo FAIL > "$TMP/$a/status"
    printf 'FAIL  %-40s score %s/%s (baseline %s) %ss  [%s]: %s\n' "$a" "$score" "$max" "$base" "$SECS" "$how" "$(IFS=';'; echo "${fails[*]}")"
  fi
}

SLOW_PIDS=()
T_START=$(date +%s)
# Attacks run HOSTILE_JOBS at a time (default 2: a grade is mostly one busy JVM at a time); those
# marked SLOW (they use up the lab's whole wall-clock budget, mostly waiting) run beside the pool.
# Lines print as attacks finish.
JOBS="${HOSTILE_JOBS:-2}"
launch() { { run_attack "$1" > "$TMP/$1/line" 2>&1; cat "$TMP/$1/line"; } & }
pool() { local n=0 p; for p in $(jobs -rp); do [[ " ${SLOW_PIDS[*]} " == *" $p "* ]] || n=$((n + 1)); done; echo "$n"; }
for a in "${ATTACKS[@]}"; do
  mkdir -p "$TMP/$a"
  [[ -f "$HOSTILE/$a/SLOW" ]] && { launch "$a"; SLOW_PIDS+=($!); }
done
for a in "${ATTACKS[@]}"; do
  [[ -f "$HOSTILE/$a/SLOW" ]] && continue
  while (( $(pool) >= JOBS )); do wait -n 2>/dev/null || true; done
  launch "$a"
done
wait

# A process that outlived the grader may rewrite results later: look again at the end.
sleep 2
PASSED=0; FAILED=0
for a in "${ATTACKS[@]}"; do
  st=$(cat "$TMP/$a/status" 2>/dev/null || echo FAIL)
  if [[ -f "$TMP/$a/rhash" && "$(sha256sum "$TMP/$a/work/R.json" 2>/dev/null | cut -c1-64)" != "$(cat "$TMP/$a/rhash")" ]]; then
    echo "FAIL  $a: its results file was rewritten after the grader ended"
    st=FAIL
  fi
  if [[ "$st" == ok ]]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); FAILED_ANY=1; fi
done
left=$(leftovers "$TMP/")
if [[ -n "$left" ]]; then
  echo "FAIL  (suite): processes still running after the suite: $(head -3 <<<"$left" | tr '\n' ';')"
  while read -r pid _; do kill -9 "$pid" 2>/dev/null; done <<<"$left"
  FAILED=$((FAILED + 1)); FAILED_ANY=1
fi
echo "time: $(( $(date +%s) - T_START ))s for ${#ATTACKS[@]} attacks"
echo "hostile: $PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
