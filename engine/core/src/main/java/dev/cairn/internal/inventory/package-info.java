/**
 * The worker inventory: the rows of the shared workers table this node writes (its remote workers' streams and its
 * own slots) and the listing every node answers from it. Not API.
 */
package dev.cairn.internal.inventory;
