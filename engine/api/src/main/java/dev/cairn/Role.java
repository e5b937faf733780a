package dev.cairn;

/** What a bearer token may do over gRPC. */
public enum Role {
  /** Run steps over the worker service. */
  WORKER,
  /** Trigger, read and operate runs. */
  CLIENT,
  /** Everything, tokens included. */
  ADMIN
}
