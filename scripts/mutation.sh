#!/usr/bin/env bash
# Mutation testing for one lab (issue 12): PIT mutates the reference of the lab's graded component
# (lab.properties: reference-classes) and runs the lab's graded tests against each mutant, the
# visible ones (labs/LAB/src/test/java) and the hidden ones (solutions/src/hidden-tests/LAB).
#
#   scripts/mutation.sh lab3-udp          → mutants_killed=N/M (P%), then every surviving mutant
#
# How: PIT runs from the lab module (its tests load the reference when -Dstacklab.use is empty) with
# the `mutation` profile of the parent pom; crossModule lets it mutate classes of the solutions
# module, and the hidden tests, compiled here against the lab's test class path, are added with
# additionalClasspathElements. The full report: labs/LAB/target/pit-reports/index.html (and
# mutations.xml). Extra Maven flags: STACKLAB_MVN_ARGS (e.g. -o).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LAB="${1:?usage: scripts/mutation.sh LAB   (e.g. lab3-udp)}"
DIR="$ROOT/labs/$LAB"
[[ -f "$DIR/lab.properties" ]] || { echo "mutation.sh: no lab $LAB (no $DIR/lab.properties)" >&2; exit 2; }

prop() { sed -n "s/^$1=//p" "$DIR/lab.properties" | head -1; }
MUTATE="$(prop reference-classes)"
# tests=org\\.stacklab\\.labs\\.udp\\..*Test (a regex) → org.stacklab.labs.udp.*Test (a PIT glob)
TESTS="$(prop tests | sed -e 's/\\\\\././g' -e 's/\.\*/*/g')"
LOG="$DIR/target/mutation-build.log"
mkdir -p "$DIR/target"
cd "$ROOT"

# 1. Build the lab and what it needs (no install), and write the lab's test class path.
# shellcheck disable=SC2086
if ! mvn -B -q ${STACKLAB_MVN_ARGS:-} -pl "labs/$LAB" -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt >"$LOG" 2>&1; then
  echo "mutation.sh: the build failed; see $LOG" >&2; tail -30 "$LOG" >&2; exit 1
fi

# 2. Compile the hidden tests (same package as the visible ones) against it.
HIDDEN_SRC="$ROOT/solutions/src/hidden-tests/$LAB"
HIDDEN_OUT="$DIR/target/pit-hidden-test-classes"
rm -rf "$HIDDEN_OUT"; mkdir -p "$HIDDEN_OUT"
if [[ -d "$HIDDEN_SRC" ]] && find "$HIDDEN_SRC" -name '*.java' | grep -q .; then
  CP="$DIR/target/test-classes:$DIR/target/classes:$(cat "$DIR/target/test-classpath.txt")"
  find "$HIDDEN_SRC" -name '*.java' > "$DIR/target/pit-hidden-sources.txt"
  javac --release 17 -nowarn -proc:none -d "$HIDDEN_OUT" -cp "$CP" @"$DIR/target/pit-hidden-sources.txt"
fi
echo "mutation.sh: $LAB: mutating $MUTATE; tests $TESTS (+ $(find "$HIDDEN_OUT" -name '*Test.class' | wc -l) hidden classes)" >&2

# 3. PIT, in the lab module only (the profile keeps it skipped in the modules -am brings in).
# shellcheck disable=SC2086
if ! mvn -B ${STACKLAB_MVN_ARGS:-} -Pmutation -pl "labs/$LAB" -am test-compile \
      org.pitest:pitest-maven:mutationCoverage \
      "-DtargetClasses=$MUTATE" "-DtargetTests=$TESTS" >>"$LOG" 2>&1; then
  echo "mutation.sh: PIT failed; see $LOG" >&2; grep -E 'ERROR|Exception' "$LOG" | head -30 >&2; exit 1
fi

# 4. The score, and every survivor (file:line, mutator, what changed).
XML="$DIR/target/pit-reports/mutations.xml"
python3 - "$XML" "$LAB" <<'EOF'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ms = root.findall('mutation')
killed = [m for m in ms if m.get('status') in ('KILLED', 'TIMED_OUT', 'MEMORY_ERROR', 'RUN_ERROR')]
nocov = [m for m in ms if m.get('status') == 'NO_COVERAGE']
total = len(ms)
pct = 100.0 * len(killed) / total if total else 100.0
cov = total - len(nocov)
print(f"{sys.argv[2]}: mutants_killed={len(killed)}/{total} ({pct:.1f}%)  "
      f"on covered code {len(killed)}/{cov} ({100.0 * len(killed) / cov if cov else 100.0:.1f}%)")
surv = [m for m in ms if m not in killed]
if surv:
    print(f"survivors ({len(surv)}):")
for m in sorted(surv, key=lambda m: (m.findtext('sourceFile'), int(m.findtext('lineNumber')))):
    mut = m.findtext('mutator').rsplit('.', 1)[-1]
    print(f"  {m.findtext('sourceFile')}:{m.findtext('lineNumber')}  {m.get('status'):<11} {mut:<40} "
          f"{m.findtext('mutatedMethod')}: {m.findtext('description')}")
EOF
