package org.stacklab.grader.fork;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The graded JVM. Before any test or student class is loaded it reads a one-time token from
 * stdin, fixes the routing of components (the lab's graded components can never be the
 * reference, whatever happens to {@code stacklab.use} later), installs the {@link Sandbox} for the
 * student's classes, connects to the grader's loopback socket and proves itself with the token.
 * From then on, test events go only over that socket, whose only handle lives in local variables
 * here and in the listener: student code can reach it neither by name nor, under the sandbox, by
 * reflection, native code or a socket of its own. The child's stdout and stderr are ordinary text
 * to the grader: printing JSON there changes nothing.
 *
 * <p>The grader decides what runs: it discovers the tests itself and sends their ids; this JVM only
 * runs them and reports {@code start}/{@code finish} per test and class, {@code crash} if the
 * launcher itself dies, and {@code done}.
 *
 * <p>System properties read here (set by the grader on the command line): {@code
 * stacklab.sandbox.student} (the student's class folder), {@code stacklab.graded} (the graded
 * components, comma-separated) and {@code stacklab.use}.
 */
public final class ChildMain {
    private static final String KERNEL_COMPONENTS = "org.stacklab.kernel.core.Components";

    private ChildMain() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        System.setIn(new ByteArrayInputStream(new byte[0]));

        // The kernel's component factory reads stacklab.use and stacklab.graded once, when it loads:
        // load it now, before student code could change either.
        try {
            Class.forName(KERNEL_COMPONENTS, true, ChildMain.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // a lab without the kernel (the grader's own fixtures)
        }

        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        Messages messages = new Messages(out);
        // Load what reporting needs now, while no student code can be on the stack.
        Launcher launcher = LauncherFactory.create();
        ChannelReporter reporter = new ChannelReporter(messages);
        Failures.describe(new AssertionError("warm-up"));

        String student = System.getProperty("stacklab.sandbox.student");
        boolean guarded = student != null && !student.isBlank() && Sandbox.install(Path.of(student));

        JsonObject hello = new JsonObject();
        hello.addProperty("type", "hello");
        hello.addProperty("token", token);
        hello.addProperty("sandbox", guarded);
        messages.send(hello);

        JsonObject run = JsonParser.parseString(in.readLine()).getAsJsonObject();
        JsonArray ids = run.getAsJsonArray("run");
        if (!ids.isEmpty()) {
            List<DiscoverySelector> selectors = new ArrayList<>();
            for (JsonElement e : ids) selectors.add(selectUniqueId(e.getAsString()));
            try {
                launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), reporter);
            } catch (Throwable t) {  // OutOfMemoryError and friends escape the launcher: report, then end
                reporter.crashed(t);
            }
        }
        JsonObject done = new JsonObject();
        done.addProperty("type", "done");
        messages.send(done);
        out.flush();
        // Student code may have left non-daemon threads behind; they must not keep this JVM alive.
        Runtime.getRuntime().halt(0);
    }

    /** Serialises messages onto the socket; the only writer of the channel. */
    static final class Messages {
        private final Writer out;

        Messages(Writer out) { this.out = out; }

        synchronized void send(JsonObject m) {
            try {
                out.write(m.toString());
                out.write('\n');
                out.flush();
            } catch (java.io.IOException e) {
                // The grader is gone or killed us; nothing left to report to.
                Runtime.getRuntime().halt(2);
            }
        }
    }
}
