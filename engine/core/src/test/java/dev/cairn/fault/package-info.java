/**
 * Fault injection against real processes: {@link dev.cairn.fault.FaultInjectionTest} (start here) runs a
 * {@link dev.cairn.fault.FaultScenario}: a {@link dev.cairn.fault.Cluster} of engine-node and worker processes on a
 * {@link dev.cairn.fault.RestartablePostgres}, {@link dev.cairn.fault.Load} of {@link dev.cairn.fault.FaultWorkflows}
 * runs, a seeded {@link dev.cairn.fault.FaultSchedule}, and the {@link dev.cairn.fault.Audit} of what step bodies
 * recorded ({@link dev.cairn.fault.ExecutionLog}) against the engine's tables.
 */
package dev.cairn.fault;
