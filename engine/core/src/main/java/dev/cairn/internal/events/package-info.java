/**
 * Pushed events and the workflows they start: {@link dev.cairn.internal.events.EventRouter} stores an event (once
 * per key and id), wakes the steps waiting for it and starts each matching trigger's workflow once (the run's
 * idempotency key is the event's identity, so a redelivery or a push repeated after a crash starts nothing new);
 * {@link dev.cairn.internal.events.EventFilter} is the one parser of trigger filters.
 */
package dev.cairn.internal.events;
