/**
 * The interrupt controller: numbered, level-triggered IRQ lines with mask, pending state, per-line
 * counts (/proc/interrupts) and a stuck-line guard. Handlers run as their own events, never inside
 * the device call that raised the line.
 */
package org.stacklab.hw.irq;
