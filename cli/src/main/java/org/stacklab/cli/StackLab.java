package org.stacklab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stacklab} command: one entry point for students (demo, shell, grade), the autograder
 * (grade) and instructors (verify, release, gradescope). {@code ./stacklab} at the repository root
 * builds what is needed and runs this class.
 */
@Command(name = "stacklab", mixinStandardHelpOptions = true, version = "StackLab 0.1.0",
        description = "Build a Linux-style network stack, one kernel module at a time, on emulated hardware.",
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n")
public final class StackLab implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Builds the command tree; every subcommand is registered here and nowhere else. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StackLab());

        // ── Students: watch and poke the stack ──────────────────────────────────────────
        // REGISTRATION POINT (lead): replace DemoPlaceholder with the real demo command.
        cl.addSubcommand("demo", new org.stacklab.cli.demo.DemoCommand());
        cl.addSubcommand("shell", new ShellCommand());
        cl.addSubcommand("tap", new org.stacklab.cli.tap.TapCommand());
        cl.addSubcommand("bench", new org.stacklab.cli.bench.BenchCommand());

        // ── Grading and the instructor's tools ──────────────────────────────────────────
        cl.addSubcommand("labs", new LabsCommand());
        cl.addSubcommand("grade", new GradeCommand());
        cl.addSubcommand("verify", new VerifyCommand());
        cl.addSubcommand("release", new ReleaseCommand());
        cl.addSubcommand("gradescope", new GradescopeCommand());

        cl.addSubcommand("help", new CommandLine.HelpCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
