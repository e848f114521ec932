package org.stacklab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "verify", description = "TODO")
final class VerifyCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.println("verify: coming");
        return 0;
    }
}
