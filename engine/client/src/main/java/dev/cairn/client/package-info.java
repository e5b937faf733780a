/**
 * The typed gRPC client of Cairn's run service: {@link dev.cairn.client.CairnClient}. Returns the same view types
 * as the embedded API ({@link dev.cairn.RunView}, {@link dev.cairn.RunEvent}, ...).
 */
package dev.cairn.client;
