package org.stacklab.kernel.filter;

/**
 * An iptables command that cannot run, with the message iptables prints and its exit status
 * (2 for a problem with the parameters, 1 for anything the kernel refused), as xtables_error does.
 */
public final class IptablesException extends Exception {
    public static final int OTHER_PROBLEM = 1;
    public static final int PARAMETER_PROBLEM = 2;

    private final int status;

    public IptablesException(String message, int status) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() { return status; }
}
