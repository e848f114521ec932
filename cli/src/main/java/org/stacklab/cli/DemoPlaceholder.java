package org.stacklab.cli;

import picocli.CommandLine.Command;

/** Stands in for the demo until the lead wires the real one (see {@link StackLab#commandLine()}). */
@Command(name = "demo", description = "Run a scenario and print what goes over the wire.")
final class DemoPlaceholder implements Runnable {
    @Override
    public void run() {
        System.out.println("demo: not yet wired");
    }
}
