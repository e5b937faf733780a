/** JSON encoding of inputs, outputs and event payloads: the one Jackson configuration of the engine. */
package dev.cairn.internal.codec;
