/** The autograder: runs graded tests in a supervised JVM and writes Gradescope's results.json. */
package org.stacklab.grader;
