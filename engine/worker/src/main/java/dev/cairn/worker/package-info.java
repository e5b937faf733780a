/** The remote worker library: {@link dev.cairn.worker.CairnWorker} runs steps for an engine over gRPC. */
package dev.cairn.worker;
