/**
 * The default {@link dev.cairn.CairnClock}: the system clock, with the database's clock in SQL. Every deadline,
 * timer and "now" of the engine comes from the engine's clock, and SQL takes its "now" as a parameter
 * ({@code coalesce(:now, now())}), so a test clock can move time instead of waiting.
 */
package dev.cairn.internal.time;
