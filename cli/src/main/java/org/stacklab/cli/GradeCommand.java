package org.stacklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "grade", description = "TODO")
final class GradeCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("grade: coming");
        return 0;
    }
}
