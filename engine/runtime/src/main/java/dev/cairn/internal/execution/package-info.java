/**
 * Running one attempt of a step in this process ({@link dev.cairn.internal.execution.StepRunner}, the
 * {@link dev.cairn.StepContext} it hands the body, the reports it makes through
 * {@link dev.cairn.internal.execution.AttemptReports}), and the durable composition inside a step: child runs,
 * durable sleeps and waits for pushed events. Shared by the engine's local slots and the remote worker.
 *
 * <h2>Resume model</h2>
 * A step that must wait throws {@link dev.cairn.internal.execution.StepSuspended} (an Error, so ordinary
 * {@code catch (Exception e)} blocks in user code let it through); the runner reports it, the completer makes
 * the step WAITING (no slot, no lease) with what it waits for, and queues it again once the wait is over (a
 * child run finished, the wake time passed, the event arrived). The step method is then invoked again from the
 * start. Each durable operation it calls gets the next number of the step; the first invocation records
 * (kind, signature) under that number in {@code step_ops}, later invocations find the record and return the
 * recorded result (children already started, the wake time already fixed, the event already received).
 * An operation whose kind or signature differs from the record fails the step (not retried) with an error that
 * says where the paths diverge.
 *
 * <h2>Races</h2>
 * The completer checks the wait condition in the same transaction that suspends the step, under the run's lock;
 * whatever completes the wait (a child's finish, a push) wakes the step after its own commit. Either the
 * suspension sees the completed wait, or the wake-up sees the suspended step. A sweeper ({@code Waker}) catches
 * wake-ups lost to a crash.
 */
package dev.cairn.internal.execution;
