package dev.cairn.internal.grpc;

import dev.cairn.CairnException;
import dev.cairn.DefinitionException;
import dev.cairn.NotFoundException;
import dev.cairn.db.DatabaseErrors;
import dev.cairn.internal.codec.PayloadException;
import dev.cairn.internal.validate.Text;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from an exception to the status a caller sees. Bad input is INVALID_ARGUMENT, a state that
 * forbids the request FAILED_PRECONDITION, an unreachable database UNAVAILABLE (retryable), and anything else
 * INTERNAL with a reference to the server log: no status ever carries SQL, a stack trace or more than
 * {@link Text#MAX_MESSAGE} characters. Stateless.
 */
public final class Statuses {
  private static final Logger log = LoggerFactory.getLogger(Statuses.class);

  private Statuses() {}

  /** The status for {@code error}; unexpected errors are logged here with the reference they are given. */
  public static StatusRuntimeException of(Throwable error) {
    if (error instanceof StatusRuntimeException status) {
      return bounded(status);
    }
    if (DatabaseErrors.isUnavailable(error)) {
      log.warn("answering UNAVAILABLE: the database cannot be reached: {}", error.toString());
      return Status.UNAVAILABLE.withDescription("the engine's database is unavailable; try again").asRuntimeException();
    }
    if (error instanceof NotFoundException) {
      return Status.NOT_FOUND.withDescription(Text.bounded(error.getMessage())).asRuntimeException();
    }
    if (error instanceof IllegalArgumentException || error instanceof PayloadException
        || error instanceof DefinitionException) {
      return invalid(error.getMessage());
    }
    if (error instanceof IllegalStateException) {
      return Status.FAILED_PRECONDITION.withDescription(Text.bounded(error.getMessage())).asRuntimeException();
    }
    if (error instanceof CairnException && error.getCause() == null) {
      return invalid(error.getMessage());
    }
    String reference = UUID.randomUUID().toString().substring(0, 8);
    log.error("internal error (reference {})", reference, error);
    return Status.INTERNAL.withDescription("internal error; the server log has it under reference " + reference)
        .asRuntimeException();
  }

  /** INVALID_ARGUMENT with a bounded message. */
  public static StatusRuntimeException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(Text.bounded(message)).asRuntimeException();
  }

  /** FAILED_PRECONDITION with a bounded message. */
  public static StatusRuntimeException precondition(String message) {
    return Status.FAILED_PRECONDITION.withDescription(Text.bounded(message)).asRuntimeException();
  }

  private static StatusRuntimeException bounded(StatusRuntimeException status) {
    String description = status.getStatus().getDescription();
    if (description == null || description.length() <= Text.MAX_MESSAGE) {
      return status;
    }
    return status.getStatus().withDescription(Text.bounded(description)).asRuntimeException(status.getTrailers());
  }
}
