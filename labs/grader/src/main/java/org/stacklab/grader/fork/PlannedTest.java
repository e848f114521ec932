package org.stacklab.grader.fork;

import java.util.List;
import org.stacklab.grader.Visibility;

/** A test as the child discovered it, before it runs. */
public record PlannedTest(String id, String container, String className, String method, String display,
                          double points, Visibility visibility, List<String> tags) {

    /** The name a student reads: the display name if one was given, else the method name in words. */
    public String name() {
        if (display != null && !display.isBlank() && !display.equals(method + "()")) return display;
        return Names.humanize(method);
    }
}
