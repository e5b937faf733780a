/** The client side of the embedded engine: triggering runs, reading them and waiting for them. */
package dev.cairn.internal.runs;
