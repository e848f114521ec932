package org.stacklab.grader.fork;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A compromised test JVM (what a submission's own ChildMain would be if it were ever first on the
 * class path): it speaks the grader's protocol but runs nothing. With {@code -Dlie=well-formed} it
 * reports every test it is asked for as passed, in order, claiming 1000 points each, then starts a
 * test nobody planned; otherwise it reports a verdict for a test it never started.
 */
public final class ChildMain {
    public static void main(String[] args) throws Exception {
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        out.write("{\"type\":\"hello\",\"token\":\"" + token + "\",\"sandbox\":true}\n");
        out.flush();
        String run = in.readLine();
        out.write("{\"type\":\"start\",\"kind\":\"class\",\"id\":\"[engine:x]/[class:Bonus]\"}\n");
        String[] ids = run.substring(run.indexOf('[') + 1, run.lastIndexOf(']')).split("\",\"");
        String first = ids[0].replace("\"", "");
        if ("well-formed".equals(System.getProperty("lie"))) {
            // Every test it is asked for, started and finished in order, each claiming 1000 points.
            for (String id : ids) {
                String i = id.replace("\"", "");
                out.write("{\"type\":\"start\",\"kind\":\"test\",\"id\":\"" + i + "\"}\n");
                out.write("{\"type\":\"finish\",\"kind\":\"test\",\"id\":\"" + i + "\",\"status\":\"SUCCESSFUL\",\"points\":1000}\n");
            }
            out.write("{\"type\":\"start\",\"kind\":\"test\",\"id\":\"[engine:x]/[method:bonus()]\"}\n");
        } else {
            // Verdicts without starts: for the first test, then twice for the next.
            out.write("{\"type\":\"finish\",\"kind\":\"test\",\"id\":\"" + first + "\",\"status\":\"SUCCESSFUL\"}\n");
        }
        out.write("{\"type\":\"done\"}\n");
        out.flush();
        Thread.sleep(200);
    }
}
