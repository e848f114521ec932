/**
 * The reference e1000 driver (component {@code driver.e1000}, module {@code e1000}): what lab 1 asks
 * a student to write, behind {@link org.stacklab.kernel.driver.NicDriver}.
 *
 * <ul>
 *   <li>{@link org.stacklab.solutions.driver.E1000Driver}: probe (reset through CTRL.RST, the MAC from
 *       RAL0/RAH0, RCTL/TCTL, set link up), open/stop, and the NAPI poll that ties the rest together.</li>
 *   <li>{@link org.stacklab.solutions.driver.RxRing}: N descriptors with a 2048-byte buffer each, RDT
 *       starting at N-1; receive up to the budget, refill by moving RDT.</li>
 *   <li>{@link org.stacklab.solutions.driver.TxRing}: descriptors pre-marked DD; copy into the
 *       preallocated buffer at TDT; the ring is full when the next descriptor is not done.</li>
 *   <li>{@link org.stacklab.solutions.driver.E1000Interrupts}: read ICR, mask with IMC, schedule
 *       NAPI; unmask with IMS when the poll drains the ring; LSC follows the cable; ITR throttles.</li>
 *   <li>{@link org.stacklab.solutions.driver.E1000Module}: the component provider.</li>
 * </ul>
 */
package org.stacklab.solutions.driver;
