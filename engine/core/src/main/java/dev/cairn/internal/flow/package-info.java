/**
 * Flow control: concurrency keys (counted holders per key, admitted inside the claim, released in the same
 * transaction as the step leaves RUNNING), rate limits (a sliding log of units started per key) and worker
 * routing (label signatures). Keys are computed once, at trigger, and stored with the run and its steps. See
 * docs/flow-control.md. Not API.
 */
package dev.cairn.internal.flow;
