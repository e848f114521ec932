/** A runnable scenario of the emulated hardware alone (no kernel), for {@code ./stacklab demo} until the kernel lands. */
package org.stacklab.hw.demo;
