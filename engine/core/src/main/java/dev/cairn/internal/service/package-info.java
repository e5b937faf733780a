/** The start/stop skeleton shared by the engine's background loops, and the wake-up signal they wait on. */
package dev.cairn.internal.service;
