package org.stacklab.grader.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.stacklab.grader.HiddenTests;
import org.stacklab.grader.Lab;

/**
 * Gradescope's autograder zip. It carries nothing to steal: under {@code stacklab/} the student
 * release of the course (no {@code solutions/}: the reference only as a compiled jar), plus the
 * graded lab's hidden tests as compiled classes ({@code hidden-test-classes/<lab>/}), never as
 * source. {@code setup.sh} (root, once) installs Java 17 and Maven if missing, creates the
 * unprivileged user {@value #TEST_USER}, builds everything offline-ready and makes the course tree
 * readable by root alone. {@code run_autograder} (root, per submission) runs the grader as root
 * with {@code --submission /autograder/submission --run-as } {@value #TEST_USER}: the grader reads
 * the course and writes {@code /autograder/results/results.json}; the test JVM runs as the
 * unprivileged user, in a temporary folder, with only copies of what it needs, and can neither read
 * the course tree nor write the results. Both scripts honour {@code AUTOGRADER_ROOT} (default
 * {@code /autograder}) so the layout can be rehearsed elsewhere, and {@code STACKLAB_M2} (default
 * {@code $AUTOGRADER_ROOT/m2}) for the Maven repository.
 */
public final class GradescopeBundle {
    /** The unprivileged user graded code runs as. */
    public static final String TEST_USER = "stacklab-student";
    /** Wall-clock bound on one run of the grader, in seconds, whatever the submission does. */
    static final int RUN_LIMIT_SECONDS = 1500;

    private GradescopeBundle() {}

    public static void create(Path root, String labId, Path zip) throws IOException {
        create(root, labId, zip, false);
    }

    /** The bundle of the committed HEAD ({@code allowDirty}: of the working tree as it is). */
    public static void create(Path root, String labId, Path zip, boolean allowDirty) throws IOException {
        Path tmp = Files.createTempDirectory("stacklab-bundle-");
        try {
            Path tree = tmp.resolve("stacklab");
            Release.create(root, tree, List.of(), allowDirty);
            Lab lab = Lab.load(root.resolve("labs").resolve(labId));
            Lab ready = HiddenTests.prepare(root, lab);
            Path compiled = lab.dir().resolve("target").resolve(HiddenTests.OUTPUT_DIR);
            if (!ready.testRoots().contains(compiled) && Files.isDirectory(HiddenTests.sourceDir(root, labId))) {
                throw new IOException("the hidden tests of " + labId + " did not compile");
            }
            if (Files.isDirectory(compiled)) copyClasses(compiled, HiddenTests.compiledDir(tree, labId));

            Path parent = zip.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
                put(z, "setup.sh", setupScript());
                put(z, "run_autograder", runScript(labId));
                try (Stream<Path> s = Files.walk(tree)) {
                    for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                        z.putNextEntry(new ZipEntry("stacklab/" + tree.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, z);
                        z.closeEntry();
                    }
                }
            }
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void copyClasses(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else if (p.toString().endsWith(".class")) Files.copy(p, t);
            }
        }
    }

    private static void put(ZipOutputStream z, String name, String text) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(text.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }

    static String setupScript() {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this once, as root, when the autograder image is built.
                set -euo pipefail
                AG="${AUTOGRADER_ROOT:-/autograder}"
                M2="${STACKLAB_M2:-$AG/m2}"
                export DEBIAN_FRONTEND=noninteractive
                if ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then
                  apt-get update -qq
                  apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
                fi
                # The user graded code runs as: no home of value, no rights over anything of the course.
                id -u %1$s >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin %1$s
                mkdir -p "$M2"
                cd "$AG/source/stacklab"
                chmod +x stacklab 2>/dev/null || true
                # A zip written by Java keeps no Unix modes: make the entry point executable where Gradescope put it.
                chmod +x "$AG/run_autograder" "$AG/source/run_autograder" 2>/dev/null || true
                # Build everything once (grading then runs offline), then keep the course for root alone:
                # the grader stages for the test JVM only what it may read.
                STACKLAB_MVN_ARGS="-Dmaven.repo.local=$M2" ./stacklab --help >/dev/null
                chmod -R go-rwx "$AG/source"
                mkdir -p "$AG/results" && chmod 755 "$AG/results"
                """.formatted(TEST_USER);
    }

    static String runScript(String labId) {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for every submission, as root. The grader (root) reads the course and
                # writes the results; the submission's code runs only in the test JVM, as %2$s.
                set -uo pipefail
                LAB=%1$s
                AG="${AUTOGRADER_ROOT:-/autograder}"
                M2="${STACKLAB_M2:-$AG/m2}"
                SRC="$AG/source/stacklab"
                OUT="$AG/results"
                mkdir -p "$OUT"
                rm -f "$OUT/results.json"
                cd "$SRC"
                # A bound on the whole run that nothing in the submission can stop: coreutils' timeout, as root.
                timeout --kill-after=10 %3$d env STACKLAB_MVN_ARGS="-o -Dmaven.repo.local=$M2" ./stacklab grade --lab "$LAB" \\
                    --submission "$AG/submission" --run-as %2$s --results "$OUT/results.json" > "$OUT/grader.log" 2>&1
                rc=$?
                if [ ! -s "$OUT/results.json" ]; then
                  # No results: the grader itself failed. Say so, with a valid 0-point result.
                  python3 - "$OUT/grader.log" "$OUT/results.json" "$rc" <<'PY' || echo '{"score":0,"output":"grading failed; see the log","tests":[]}' > "$OUT/results.json"
                import json, sys
                log = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
                json.dump({"score": 0, "output": "The grader could not grade this submission (exit " + sys.argv[3] + "):\\n"
                           + "\\n".join(log[-40:]), "tests": []}, open(sys.argv[2], "w"))
                PY
                fi
                cat "$OUT/grader.log"
                """.formatted(labId, TEST_USER, RUN_LIMIT_SECONDS);
    }
}
