package org.stacklab.grader.sandboxed;

import java.util.ArrayList;
import java.util.List;

/**
 * Student code that breaks every sandbox rule, compiled by the grader as a submission and run with
 * the static rules switched off, so that only the test JVM's run-time guard stands in its way.
 */
public final class Attempts {
    private Attempts() {}

    public static Object attempt(String what) throws Exception {
        switch (what) {
            case "setProperty": return System.setProperty("stacklab.use", "udp=reference");
            case "writeFile": return java.nio.file.Files.writeString(java.nio.file.Path.of("results.json"), "{\"score\":100}");
            case "printStreamFile": return new java.io.PrintStream("results.json");
            case "readFile": return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/etc/hostname"));
            case "exit": System.exit(3); return null;
            case "halt": Runtime.getRuntime().halt(3); return null;
            case "thread": { Thread t = new Thread(() -> { }); t.start(); return t; }
            case "timer": return new java.util.Timer();
            case "async": return java.util.concurrent.CompletableFuture.runAsync(() -> { }).get();
            case "reflection": {
                var f = System.class.getDeclaredField("out");
                f.setAccessible(true);
                return f.get(null);
            }
            case "privateLookup": return java.lang.invoke.MethodHandles.privateLookupIn(System.class, java.lang.invoke.MethodHandles.lookup());
            case "beans": new java.beans.Statement(System.class, "setProperty", new Object[] {"stacklab.use", "x"}).execute(); return null;
            case "socket": return new java.net.Socket("127.0.0.1", 9);
            case "process": return new ProcessBuilder("true").start();
            case "parentProcess": return ProcessHandle.current().parent().map(ProcessHandle::destroy).orElse(false);
            case "shutdownHook": Runtime.getRuntime().addShutdownHook(new Thread(() -> { })); return null;
            case "setOut": System.setOut(System.err); return null;
            case "loadLibrary": System.loadLibrary("c"); return null;
            case "resource": { var in = Attempts.class.getResourceAsStream("/org/stacklab/grader/fork/ChildMain.class"); if (in == null) throw new SecurityException("hidden"); return in.readAllBytes(); }
            case "classLoader": return new java.net.URLClassLoader(new java.net.URL[0]);
            case "env": return System.getenv();
            case "parallel": {
                List<Integer> seen = new ArrayList<>();
                List.of(1, 2, 3, 4).parallelStream().forEach(i -> { synchronized (seen) { seen.add(i); } });
                return Thread.currentThread().getName() + " " + seen.size();
            }
            case "readProperty": return System.getProperty("java.version");
            case "lambda": return ((java.util.function.Supplier<String>) () -> "ok" + what.length()).get();
            default: throw new IllegalArgumentException(what);
        }
    }
}
