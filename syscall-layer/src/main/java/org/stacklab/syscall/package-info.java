/** Processes, file descriptors and the socket system calls, with the errno Linux would return. */
package org.stacklab.syscall;
