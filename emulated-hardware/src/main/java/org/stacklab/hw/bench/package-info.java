/** Wall-clock measurements of the emulated hardware (runnable mains, not tests). */
package org.stacklab.hw.bench;
