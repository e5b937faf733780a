/**
 * The gRPC face of an engine node: the run and admin services, bearer-token authentication, and the mapping
 * between proto messages and the engine's types. Requests are validated here; a bad one gets INVALID_ARGUMENT or
 * NOT_FOUND with a message naming what was wrong, and changes nothing.
 */
package dev.cairn.internal.grpc;
