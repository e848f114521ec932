package org.stacklab.grader.tools;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Gradescope's autograder zip: {@code setup.sh} and {@code run_autograder} at the root, and the
 * whole course tree (reference sources and hidden tests included, out of the student's sight)
 * under {@code stacklab/}. {@code setup.sh} installs Java 17 and Maven, creates the unprivileged
 * user {@code grader} and pre-builds everything into a Maven repository under /autograder, so
 * grading needs no network. {@code run_autograder} copies the submission's lab sources into a
 * fresh copy of the tree, grades as {@code grader}, and writes /autograder/results/results.json
 * (a 0-score result that explains the build error if the submission does not compile).
 */
public final class GradescopeBundle {
    private GradescopeBundle() {}

    public static void create(Path root, String labId, Path zip) throws IOException {
        Path parent = zip.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        Path absZip = zip.toAbsolutePath().normalize();
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            put(z, "setup.sh", setupScript());
            put(z, "run_autograder", runScript(labId));
            Path r = root.toAbsolutePath().normalize();
            Files.walkFileTree(r, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
                    String n = d.getFileName() == null ? "" : d.getFileName().toString();
                    return !d.equals(r) && (n.equals("target") || n.equals(".git") || n.equals(".idea"))
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    String n = f.getFileName().toString();
                    if (!f.toAbsolutePath().normalize().equals(absZip) && a.isRegularFile() && !n.endsWith(".zip")
                            && !n.equals("results.json") && !n.endsWith(".pcap")) {
                        ZipEntry e = new ZipEntry("stacklab/" + r.relativize(f).toString().replace('\\', '/'));
                        z.putNextEntry(e);
                        Files.copy(f, z);
                        z.closeEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
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
                export DEBIAN_FRONTEND=noninteractive
                apt-get update -qq
                apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
                id -u grader >/dev/null 2>&1 || useradd --create-home --shell /bin/bash grader
                # Build everything once, into a Maven repository the grader user owns: grading runs offline.
                mkdir -p /autograder/m2
                cd /autograder/source/stacklab
                chmod +x stacklab .ci/run 2>/dev/null || true
                # A zip written by Java keeps no Unix modes: make the entry point executable where Gradescope put it.
                chmod +x /autograder/run_autograder /autograder/source/run_autograder 2>/dev/null || true
                mvn -B -q -Dmaven.repo.local=/autograder/m2 -DskipTests package
                chown -R grader /autograder/m2
                """;
    }

    static String runScript(String labId) {
        return """
                #!/usr/bin/env bash
                # Gradescope runs this for every submission, as root.
                set -uo pipefail
                LAB=%s
                SRC=/autograder/source/stacklab
                WORK=/autograder/work
                SUB=/autograder/submission
                OUT=/autograder/results
                mkdir -p "$OUT"
                rm -rf "$WORK" && cp -r "$SRC" "$WORK"

                # Only the student's code of this lab is taken from the submission; tests and the rest stay ours.
                if   [ -d "$SUB/labs/$LAB/src/main/java" ]; then FROM="$SUB/labs/$LAB/src/main/java"
                elif [ -d "$SUB/src/main/java" ];           then FROM="$SUB/src/main/java"
                else                                             FROM="$SUB"; fi
                rm -rf "$WORK/labs/$LAB/src/main/java"
                mkdir -p "$WORK/labs/$LAB/src/main/java"
                (cd "$FROM" && find . -name '*.java' -exec cp --parents {} "$WORK/labs/$LAB/src/main/java/" \\;)
                chown -R grader "$WORK"

                # Grade as the unprivileged user; the grader writes the results, never the student's code.
                su grader -c "cd $WORK && STACKLAB_MVN_ARGS='-o -Dmaven.repo.local=/autograder/m2' \\
                    ./stacklab grade --lab $LAB --results $WORK/results.json" > "$OUT/grader.log" 2>&1
                if [ -s "$WORK/results.json" ]; then
                  cp "$WORK/results.json" "$OUT/results.json"
                else
                  # No results: the submission did not build. Say why, with a valid 0-point result.
                  python3 - "$OUT/grader.log" "$OUT/results.json" <<'PY' || echo '{"score":0,"output":"grading failed; see the log"}' > "$OUT/results.json"
                import json, sys
                log = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
                errors = [l for l in log if "ERROR" in l][:40] or log[-40:]
                json.dump({"score": 0, "output": "Your code did not build, so no test could run:\\n" + "\\n".join(errors),
                           "tests": []}, open(sys.argv[2], "w"))
                PY
                fi
                cat "$OUT/grader.log"
                """.formatted(labId);
    }
}
