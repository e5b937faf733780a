/**
 * Daily.co: the REST API (and a local folder laid out like Daily's answers, the embedded default), the raw-track
 * key grammar, and the incoming webhook's signature.
 */
package dev.cairn.pipeline.daily;
