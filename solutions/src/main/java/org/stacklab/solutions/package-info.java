/** Reference implementations of exactly what the labs ask students to write, one package per module. */
package org.stacklab.solutions;
