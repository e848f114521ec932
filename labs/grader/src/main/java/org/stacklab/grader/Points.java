package org.stacklab.grader;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many points a graded test is worth: {@code @Test @Points(2)}. A passing test earns all of
 * them, a failing one none. On a class, it is the default for every test method of the class
 * without its own annotation. A test with no {@code @Points} at all is reported, worth 0.
 *
 * <p>Hidden tests (they live in {@code solutions/src/hidden-tests/<lab>/}) say
 * {@code @Points(value = 3, visibility = Visibility.HIDDEN)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Points {
    /** Points for passing; a failing test earns 0. */
    double value();

    /** When the student sees the result (Gradescope's {@code visibility}). */
    Visibility visibility() default Visibility.VISIBLE;

    /** Free-form tags, copied to results.json (e.g. "handshake", "rfc9293"). */
    String[] tags() default {};
}
