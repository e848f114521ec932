package org.stacklab.grader.fork;

import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.Permission;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.PropertyPermission;
import java.util.WeakHashMap;

/**
 * The test JVM's run-time guard, installed before any test or student class loads: code loaded
 * from the student's class-path entry gets no permission but reading system properties. So
 * whatever the static rules miss, student code cannot reflect past access checks, load native
 * code, open files or sockets, start threads or processes, change system properties or System.out,
 * add shutdown hooks or end the JVM. Course code (kernel, tests, JUnit, the grader) keeps every
 * permission, except when student code is on the call stack: Java checks every frame.
 *
 * <p>It uses Java's Security Manager, which JDK 17 runs (with a deprecation warning on stderr) and
 * JDK 24 removed (JEP 486). On a JDK without it the grader says so and relies on the static rules
 * and on running the test JVM as an unprivileged user; the Gradescope image uses JDK 17.
 */
final class Sandbox {
    private Sandbox() {}

    /** Whether this JDK can run the guard at all. */
    static boolean supported() { return Runtime.version().feature() < 24; }

    /** Installs the guard for code from {@code studentClasses}; false when this JDK cannot. */
    @SuppressWarnings("removal")
    static boolean install(Path studentClasses) {
        if (!supported()) return false;
        Path student = studentClasses.toAbsolutePath().normalize();
        try {
            Policy.setPolicy(new StudentPolicy(student));
            System.setSecurityManager(new GraderSecurityManager());
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Everything for the course's code, nothing but property reads for the student's. */
    @SuppressWarnings("removal")
    static final class StudentPolicy extends Policy {
        private final Path student;
        /** Per protection domain (there are a handful: one per class-path entry), whether it is the student's. */
        private final Map<ProtectionDomain, Boolean> known = Collections.synchronizedMap(new WeakHashMap<>());

        StudentPolicy(Path student) { this.student = student; }

        @Override
        public boolean implies(ProtectionDomain domain, Permission p) {
            return !isStudent(domain) || allowedToStudents(p);
        }

        boolean isStudent(ProtectionDomain d) {
            if (d == null) return false;
            Boolean b = known.get(d);
            if (b == null) {
                b = locatedIn(d.getCodeSource(), student);
                known.put(d, b);
            }
            return b;
        }

        static boolean locatedIn(CodeSource cs, Path dir) {
            URL u = cs == null ? null : cs.getLocation();
            if (u == null || !"file".equals(u.getProtocol())) return false;
            try {
                return Path.of(u.toURI()).toAbsolutePath().normalize().startsWith(dir);
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                return true;   // a location we cannot read is not trusted
            }
        }

        static boolean allowedToStudents(Permission p) {
            return p instanceof PropertyPermission && "read".equals(p.getActions());
        }
    }

    /**
     * The default manager checks thread creation only in the system thread group; this one checks
     * it everywhere, so a thread (a Timer, an executor, a CompletableFuture's) cannot be started
     * from student code. And it checks exits with a permission no class loader grants by itself.
     */
    @SuppressWarnings("removal")
    static final class GraderSecurityManager extends SecurityManager {
        private static final RuntimePermission MODIFY_THREAD = new RuntimePermission("modifyThread");
        private static final RuntimePermission MODIFY_THREAD_GROUP = new RuntimePermission("modifyThreadGroup");

        @Override
        public void checkAccess(Thread t) { checkPermission(MODIFY_THREAD); }

        @Override
        public void checkAccess(ThreadGroup g) { checkPermission(MODIFY_THREAD_GROUP); }

        /**
         * The application class loader grants every class it loads {@code exitVM} statically, past
         * any policy; this permission is granted by the policy alone, so student code cannot end
         * the JVM (System.exit, Runtime.exit and Runtime.halt all come here).
         */
        @Override
        public void checkExit(int status) { checkPermission(new RuntimePermission("stacklab.exitVM." + status)); }
    }
}
