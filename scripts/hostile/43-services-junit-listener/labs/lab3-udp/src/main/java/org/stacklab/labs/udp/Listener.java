package org.stacklab.labs.udp;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/** Registered by JUnit from META-INF/services: routes udp to the reference before any test. */
public final class Listener implements TestExecutionListener {
    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        System.setProperty("stacklab.use", "udp=reference");
    }
}
