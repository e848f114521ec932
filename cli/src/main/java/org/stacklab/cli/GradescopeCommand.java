package org.stacklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "gradescope", description = "TODO")
final class GradescopeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("gradescope: coming");
        return 0;
    }
}
