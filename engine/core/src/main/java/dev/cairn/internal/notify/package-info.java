/**
 * Wake-ups across nodes: one LISTEN connection per node, fanned out to the dispatcher, the run waiters and the
 * subscriptions ({@code Notifier}), and the announcements of what this node's commits did, sent after them
 * ({@code Announcer}).
 */
package dev.cairn.internal.notify;
