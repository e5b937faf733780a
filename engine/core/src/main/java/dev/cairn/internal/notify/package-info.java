/** Wake-ups across nodes: one LISTEN connection per node, fanned out to the dispatcher and the run waiters. */
package dev.cairn.internal.notify;
