#!/usr/bin/env bash
# Rehearses Gradescope's autograder for lab3-udp end to end, as root, in a temporary /autograder
# layout (AUTOGRADER_ROOT): builds the bundle with ./stacklab gradescope, checks it carries no
# reference or hidden-test source, runs its setup.sh (which creates the unprivileged test user), then
# runs its run_autograder on three submissions and checks results.json each time:
#   the untouched starter           → 0 points
#   the reference, as student code  → full marks (the graded reference itself is absent)
#   a forger (writes results.json)  → 0 points, and the results are still the grader's
# and that the test user can neither read the course nor write the results.
# Needs root (useradd, runuser); .ci/run calls it when it is root. Prints "gradescope-e2e: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LAB=lab3-udp
USER_T=stacklab-student
[[ "$(id -u)" == 0 ]] || { echo "gradescope-e2e: needs root (skipped)"; exit 0; }
T=$(mktemp -d /tmp/stacklab-gradescope-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
check() { if eval "$2"; then echo "ok   $1"; pass=$((pass+1)); else echo "FAIL $1"; fail=$((fail+1)); fi; }

./stacklab gradescope --allow-dirty --lab "$LAB" --out "$T/autograder.zip" >/dev/null || { echo "gradescope-e2e: bundle failed"; exit 1; }
unzip -Z1 "$T/autograder.zip" > "$T/listing"
check "the bundle carries no reference source" "! grep -v '/fixture/' '$T/listing' | grep -Eq 'org/stacklab/solutions/[a-z]+/[A-Za-z0-9]+\.java$'"
check "the bundle carries no solutions/ folder" "! grep -q '^stacklab/solutions/' '$T/listing'"
check "the bundle carries no hidden-test source" "! grep -q 'hidden-tests/' '$T/listing' && ! grep -Eq '/Hidden[A-Za-z0-9]*Test\.java$' '$T/listing'"
check "the bundle carries the hidden tests compiled" "grep -q '^stacklab/hidden-test-classes/$LAB/.*Hidden.*\.class$' '$T/listing'"

AG="$T/ag"
mkdir -p "$AG/source" "$AG/results"
(cd "$AG/source" && unzip -q "$T/autograder.zip")
export AUTOGRADER_ROOT="$AG" STACKLAB_M2="${STACKLAB_M2:-$HOME/.m2/repository}"
if ! bash "$AG/source/setup.sh" > "$T/setup.log" 2>&1; then
  echo "FAIL setup.sh"; tail -30 "$T/setup.log"; exit 1
fi
check "setup.sh created the unprivileged test user" "id -u $USER_T >/dev/null 2>&1"
check "the test user cannot read the course tree" "! runuser -u $USER_T -- cat '$AG/source/stacklab/labs/$LAB/lab.properties' >/dev/null 2>&1"
check "the test user cannot write the results" "! runuser -u $USER_T -- touch '$AG/results/results.json' 2>/dev/null"

grade() {  # grade SUBMISSION-DIR → prints score/max
  rm -rf "$AG/submission"; cp -r "$1" "$AG/submission"
  bash "$AG/source/run_autograder" > "$T/run.log" 2>&1
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('%g/%g' % (r['score'], r.get('max_score', 0)))" "$AG/results/results.json" 2>/dev/null || echo "invalid"
}
START="$T/starter"; mkdir -p "$START/labs/$LAB/src/main"
cp -r "$ROOT/labs/$LAB/src/main/java" "$START/labs/$LAB/src/main/"
s=$(grade "$START"); check "the starter scores 0 ($s)" "[[ '$s' == 0/* ]]"

REF="$T/reference"; mkdir -p "$REF/labs/$LAB/src/main/java/org/stacklab/labs/udp"
for f in "$ROOT"/solutions/src/main/java/org/stacklab/solutions/udp/*.java; do
  sed 's/org\.stacklab\.solutions\.udp/org.stacklab.labs.udp/g; s/"reference"/"student"/' "$f" > "$REF/labs/$LAB/src/main/java/org/stacklab/labs/udp/$(basename "$f")"
done
s=$(grade "$REF"); check "the reference as student code scores full marks ($s)" "[[ '${s%%/*}' == '${s##*/}' && '$s' != 0/0 ]]"
check "results.json is root's" "[[ \$(stat -c %U '$AG/results/results.json') == root ]]"

FORGE="$T/forger"; cp -r "$START" "$FORGE"
cat > "$FORGE/labs/$LAB/src/main/java/org/stacklab/labs/udp/Forge.java" <<'JAVA'
package org.stacklab.labs.udp;

public final class Forge {
    static {
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getenv("AUTOGRADER_ROOT") == null ? "/autograder" : System.getenv("AUTOGRADER_ROOT"), "results", "results.json"),
                    "{\"score\": 1000, \"tests\": []}");
        } catch (Exception e) {
            // refused
        }
    }
}
JAVA
echo '{"score": 1000}' > "$FORGE/results.json"
s=$(grade "$FORGE"); check "a forger scores 0 ($s)" "[[ '$s' == 0/* ]]"
check "the forger's rule break is explained" "grep -q 'no-file-io' '$AG/results/results.json'"

echo "gradescope-e2e: $pass passed, $fail failed"
[[ $fail == 0 ]]
