package dev.cairn.db;

import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/** The statements of remote workflow definitions. Thread-safe. */
public final class DefinitionStore {
  private final Jdbi jdbi;

  DefinitionStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Stores a worker's definition and decides, in one transaction, which definition new runs of its workflow
   * start with: the offered one if there is none yet, or if {@code replaceable} says the current one may go.
   *
   * @return the fingerprint that is current afterwards
   */
  public String definitionOffer(String workflowName, String fingerprint, byte[] definition,
      Predicate<String> replaceable) {
    return jdbi.inTransaction(handle -> {
      Sql.update(handle, "definitionUpsert")
          .bind("workflowName", workflowName)
          .bind("fingerprint", fingerprint)
          .bind("definition", definition)
          .execute();
      Sql.update(handle, "definitionCurrentInsert")
          .bind("workflowName", workflowName)
          .bind("fingerprint", fingerprint)
          .execute();
      String current = Sql.query(handle, "definitionCurrentLock")
          .bind("workflowName", workflowName)
          .mapTo(String.class)
          .one();
      if (!current.equals(fingerprint) && replaceable.test(current)) {
        Sql.update(handle, "definitionCurrentSet")
            .bind("workflowName", workflowName)
            .bind("fingerprint", fingerprint)
            .execute();
        return fingerprint;
      }
      return current;
    });
  }

  /** The current definition of a workflow (protobuf bytes), if a worker registered one. */
  public Optional<byte[]> definitionGetCurrent(String workflowName) {
    return jdbi.withHandle(handle -> Sql.query(handle, "definitionGetCurrent")
        .bind("workflowName", workflowName)
        .mapTo(byte[].class)
        .findOne());
  }
}
