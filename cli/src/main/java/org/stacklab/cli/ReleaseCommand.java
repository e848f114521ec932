package org.stacklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "release", description = "TODO")
final class ReleaseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("release: coming");
        return 0;
    }
}
