#!/usr/bin/env bash
# The student release, used as a student would: ./stacklab release writes it; it becomes a fresh git
# repository; the set-up commands of its README run there (./stacklab demo, mvn -q verify); every
# lab's untouched starter grades to 0; and lab 3 graded with the reference solution dropped into its
# student package scores full marks. Prints "release-e2e: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
T=$(mktemp -d /tmp/stacklab-release-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0; fail=0
check() { if eval "$2"; then echo "ok   $1"; pass=$((pass+1)); else echo "FAIL $1"; fail=$((fail+1)); fi; }
score() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('%g/%g' % (r['score'], r['max_score']))" "$1" 2>/dev/null || echo invalid; }

./stacklab release --allow-dirty --out "$T/rel" > "$T/release.log" 2>&1 || { cat "$T/release.log"; echo "release-e2e: 0 passed, 1 failed"; exit 1; }
REL="$T/rel"
check "no solutions/ and no hidden tests in the release" "[[ ! -e '$REL/solutions' ]] && ! grep -rqs --include=*.java 'Hidden' '$REL/labs'"
check "the release's README is the student's" "grep -q 'Grading your work' '$REL/README.md' && ! grep -q 'How grading resists cheating' '$REL/README.md'"
(cd "$REL" && git init -q && git add -A && git -c user.name=student -c user.email=s@example.org commit -qm "release") >/dev/null
# The README's two set-up commands, as written there.
grep -q '^./stacklab demo$' "$REL/README.md" && grep -q '^mvn -q verify$' "$REL/README.md"
check "README set-up 1: ./stacklab demo" "(cd '$REL' && ./stacklab demo > '$T/demo.log' 2>&1)"
check "README set-up 2: mvn -q verify" "(cd '$REL' && mvn -q verify > '$T/verify.log' 2>&1) || { tail -30 '$T/verify.log'; false; }"
(cd "$REL" && ./stacklab grade --lab all --results "$T/starter.json" > "$T/starter.log" 2>&1)
s=$(score "$T/starter.json"); check "every lab's starter scores 0 ($s)" "[[ '$s' == 0/* && '$s' != 0/0 ]]"
check "./stacklab labs lists the eight labs" "[[ \$(cd '$REL' && ./stacklab labs | grep -c '^lab[0-9]') == 8 ]]"

DST="$REL/labs/lab3-udp/src/main/java/org/stacklab/labs/udp"
for f in "$ROOT"/solutions/src/main/java/org/stacklab/solutions/udp/*.java; do
  sed 's/org\.stacklab\.solutions\.udp/org.stacklab.labs.udp/g; s/"reference"/"student"/' "$f" > "$DST/$(basename "$f")"
done
(cd "$REL" && ./stacklab grade --lab lab3-udp --results "$T/ref.json" > "$T/ref.log" 2>&1)
s=$(score "$T/ref.json"); check "lab 3 with the reference in the student package scores full marks ($s)" "[[ '${s%%/*}' == '${s##*/}' && '$s' != 0/0 ]]"

echo "release-e2e: $pass passed, $fail failed"
[[ $fail == 0 ]]
