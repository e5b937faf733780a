/**
 * Telling people a transcript is ready: Zulip (post or update one message per transcript, upstream §8.2) and the
 * signed outgoing webhook with retries (upstream §8.3).
 */
package dev.cairn.pipeline.notify;
