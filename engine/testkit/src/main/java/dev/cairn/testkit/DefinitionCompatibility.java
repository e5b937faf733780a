package dev.cairn.testkit;

import dev.cairn.db.DefinitionUse;
import dev.cairn.db.Store;
import dev.cairn.internal.codec.PayloadCodec;
import dev.cairn.internal.definition.DefinitionScanner;
import dev.cairn.internal.definition.WorkflowDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.opentest4j.AssertionFailedError;

/**
 * Catches a code change that would strand unfinished runs. A run keeps the fingerprint of the workflow definition it
 * started with (its steps, their parents, parameter bindings and types, the workflow's version); code whose
 * definition has another fingerprint cannot continue it. Two checks:
 *
 * <ul>
 *   <li>{@link #assertMatchesBaseline}: against a file of fingerprints committed beside the tests. A change of
 *       definition fails the build until the baseline is updated on purpose (run the test with
 *       {@code -Dcairn.definitions.update=true}), which is the moment to drain the old runs before deploying.
 *   <li>{@link #strandedRuns}: against a database (a copy of production's, before a deploy): the unfinished runs
 *       this code could not continue.
 * </ul>
 */
public final class DefinitionCompatibility {
  /** System property that makes {@link #assertMatchesBaseline} rewrite the baseline instead of comparing. */
  public static final String UPDATE_PROPERTY = "cairn.definitions.update";

  /** Unfinished runs of a workflow that were started with a definition this code does not have. */
  public record Stranded(String workflowName, String runFingerprint, String codeFingerprint, long runs) {}

  private DefinitionCompatibility() {}

  /** The fingerprint of each workflow's definition in this code, by workflow name. */
  public static Map<String, String> fingerprints(Object... workflowInstances) {
    DefinitionScanner scanner = new DefinitionScanner(new PayloadCodec());
    Map<String, String> fingerprints = new TreeMap<>();
    for (Object instance : workflowInstances) {
      WorkflowDefinition definition = scanner.scan(instance);
      fingerprints.put(definition.name(), definition.fingerprint());
    }
    return fingerprints;
  }

  /**
   * Fails if a workflow's definition differs from the baseline file (lines {@code name fingerprint}), naming each
   * changed workflow. A missing file, or the update property, writes the baseline (a missing one also fails, so
   * that it gets committed).
   */
  public static void assertMatchesBaseline(Path baseline, Object... workflowInstances) {
    Map<String, String> current = fingerprints(workflowInstances);
    boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
    if (update || !Files.exists(baseline)) {
      write(baseline, current);
      if (!update) {
        throw new AssertionFailedError("no definition baseline at " + baseline + "; wrote one: commit it");
      }
      return;
    }
    Map<String, String> recorded = read(baseline);
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, String> workflow : current.entrySet()) {
      String before = recorded.get(workflow.getKey());
      if (before != null && !before.equals(workflow.getValue())) {
        changes.add("workflow " + workflow.getKey() + " changed its definition (" + before + " -> "
            + workflow.getValue() + ")");
      }
    }
    if (!changes.isEmpty()) {
      throw new AssertionFailedError(String.join("\n", changes) + "\nUnfinished runs started with the old definition "
          + "cannot continue on this code: let them finish or cancel them before deploying, then update the "
          + "baseline (-D" + UPDATE_PROPERTY + "=true)");
    }
  }

  /** The unfinished runs in the engine schema {@code schema} of {@code dataSource} that this code cannot continue. */
  public static List<Stranded> strandedRuns(DataSource dataSource, String schema, Object... workflowInstances) {
    Map<String, String> current = fingerprints(workflowInstances);
    List<Stranded> stranded = new ArrayList<>();
    for (DefinitionUse use : new Store(dataSource, schema).runCountUnfinishedByDefinition()) {
      String code = current.get(use.workflowName());
      if (code != null && use.fingerprint() != null && !code.equals(use.fingerprint())) {
        stranded.add(new Stranded(use.workflowName(), use.fingerprint(), code, use.runs()));
      }
    }
    return stranded;
  }

  /** Fails, listing them, if {@link #strandedRuns} finds any. */
  public static void assertNoStrandedRuns(DataSource dataSource, String schema, Object... workflowInstances) {
    List<Stranded> stranded = strandedRuns(dataSource, schema, workflowInstances);
    if (!stranded.isEmpty()) {
      throw new AssertionFailedError("this code would strand unfinished runs: " + stranded);
    }
  }

  private static Map<String, String> read(Path baseline) {
    Map<String, String> recorded = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(baseline, StandardCharsets.UTF_8)) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 2) {
          throw new IllegalArgumentException(baseline + ": expected 'workflow fingerprint', got: " + trimmed);
        }
        recorded.put(parts[0], parts[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return recorded;
  }

  private static void write(Path baseline, Map<String, String> fingerprints) {
    StringBuilder text = new StringBuilder("# Definition fingerprints of the workflows (see DefinitionCompatibility)\n");
    fingerprints.forEach((name, fingerprint) -> text.append(name).append(' ').append(fingerprint).append('\n'));
    try {
      if (baseline.getParent() != null) {
        Files.createDirectories(baseline.getParent());
      }
      Files.writeString(baseline, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
