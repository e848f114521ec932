package org.stacklab.hw.nic;

import static org.stacklab.hw.bus.e1000.E1000Regs.*;

/**
 * The statistics registers. Each is clear-on-read, as on the 82540EM (manual 13.7): a driver adds
 * what it reads into its own 64-bit totals. The 64-bit octet counters read as low and high halves,
 * each cleared when read.
 */
final class E1000Stats {
    long mpc, gprc, gptc, gorc, gotc, rnbc, ruc, roc, tpr, tpt, crcerrs;

    /** True if {@code off} is a statistics register this model keeps. */
    static boolean isStat(int off) {
        return off >= CRCERRS && off <= TPT;
    }

    int read(int off) {
        long v;
        switch (off) {
            case CRCERRS: v = crcerrs; crcerrs = 0; return (int) v;
            case MPC: v = mpc; mpc = 0; return (int) v;
            case GPRC: v = gprc; gprc = 0; return (int) v;
            case GPTC: v = gptc; gptc = 0; return (int) v;
            case GORCL: v = gorc; gorc &= ~0xFFFF_FFFFL; return (int) v;
            case GORCH: v = gorc >>> 32; gorc &= 0xFFFF_FFFFL; return (int) v;
            case GOTCL: v = gotc; gotc &= ~0xFFFF_FFFFL; return (int) v;
            case GOTCH: v = gotc >>> 32; gotc &= 0xFFFF_FFFFL; return (int) v;
            case RNBC: v = rnbc; rnbc = 0; return (int) v;
            case RUC: v = ruc; ruc = 0; return (int) v;
            case ROC: v = roc; roc = 0; return (int) v;
            case TPR: v = tpr; tpr = 0; return (int) v;
            case TPT: v = tpt; tpt = 0; return (int) v;
            default: return 0;
        }
    }

    void clear() {
        mpc = gprc = gptc = gorc = gotc = rnbc = ruc = roc = tpr = tpt = crcerrs = 0;
    }
}
