/**
 * The emulated Intel 82540EM (e1000) NIC: register file, descriptor rings, DMA, interrupts with
 * throttling, address filtering, statistics, link status, and named hardware faults for driver
 * mistakes. {@link org.stacklab.hw.nic.E1000} is the device; {@code E1000Transmitter},
 * {@code E1000Receiver}, {@code E1000Interrupts} and {@code E1000Stats} are its engines.
 *
 * <h2>What a driver can rely on</h2>
 * <ul>
 *   <li><b>Bring-up.</b> {@code CTRL.RST} returns the device to power-on state (self-clearing) and
 *       loads the MAC address into RAL0/RAH0 (with AV); the EEPROM (EERD, words 0..2) holds it too.
 *       {@code STATUS.LU} is set while a cable is connected <em>and</em> {@code CTRL.SLU} is set;
 *       every change of LU raises LSC.</li>
 *   <li><b>Transmit.</b> With {@code TCTL.EN}, a TDT write makes the device walk TDH→TDT. A frame is
 *       the descriptors up to the one with EOP; it leaves when that descriptor is handed over. DD is
 *       written back where RS is set (then TXDW), TXQE when TDH reaches TDT. The device takes the next
 *       frame only when the link can serialize it, so TDH trails TDT on a busy link. TCTL.PSP pads
 *       short frames to 60 bytes. Frames have no FCS on the emulated wire; IFCS is accepted.</li>
 *   <li><b>Receive.</b> With {@code RCTL.EN} and link up. Filter: own/RA addresses with AV, broadcast
 *       with BAM, multicast via MTA hash (RCTL.MO) or MPE, anything with UPE. Runts are padded to 60;
 *       frames over 1518 bytes with FCS count in ROC unless LPE. The frame is DMA'd into the buffers
 *       at RDH (size from BSIZE/BSEX, a frame may span descriptors, EOP on the last), DD written, RDH
 *       advanced, RXT0 raised (RXDMT0 when free descriptors drop to the RCTL.RDMTS threshold).
 *       <b>Without RCTL.SECRC the 4-byte FCS is DMA'd too and counted in the length</b>, as on the
 *       real device. RDH == RDT: no buffer, the frame is dropped, MPC and RNBC count, RXO is raised.</li>
 *   <li><b>Interrupts.</b> The IRQ line is asserted while {@code (ICR & IMS) != 0}. Reading ICR returns
 *       and clears the causes; writing ICR clears the bits written as 1; ICS sets causes; IMS ORs into
 *       the mask, IMC clears mask bits. ITR (256 ns units) is the minimum gap between assertions.</li>
 *   <li><b>Statistics.</b> MPC, GPRC, GPTC, GORCL/H, GOTCL/H, RNBC, RUC, ROC, TPR, TPT clear on read.</li>
 *   <li><b>Faults.</b> RDLEN/TDLEN not a multiple of 128, a head or tail past the ring, a ring
 *       outside memory or not 16-byte aligned (checked on enable and tail writes), a zero-length TX buffer, DEXT on a TX
 *       descriptor, a bus error during DMA, a TX frame over 16288 bytes: the device stops, records a
 *       {@link org.stacklab.hw.bus.HardwareFault} (register dump and the last 10 register writes),
 *       tells the fault listener, and, when an MMIO write caused it, throws it from that write.</li>
 * </ul>
 *
 * <p>Not modelled: checksum offload (IC/CSO/CSS), TCP segmentation, VLAN tagging, flow control, the
 * RX delay timers RDTR/RADV (RXT0 is immediate; use ITR to moderate), PHY registers (MDIC), and the
 * extended descriptor formats.
 */
package org.stacklab.hw.nic;
