package dev.cairn.db;

import java.util.List;

/**
 * What a release gave back: how many holds it released and steps it sent back behind their keys ({@code changes}),
 * and the concurrency keys that got units back ({@code freedKeys}: steps waiting for them may be admitted now).
 */
public record KeyRelease(long changes, List<Long> freedKeys) {
  public KeyRelease {
    freedKeys = List.copyOf(freedKeys);
  }
}
