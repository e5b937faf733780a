/** Micrometer meters, as one {@link dev.cairn.CairnListener} implementation. */
package dev.cairn.internal.metrics;
