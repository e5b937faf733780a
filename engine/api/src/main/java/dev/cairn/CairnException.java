package dev.cairn;

/** Base of the exceptions the engine throws to its callers. */
public class CairnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CairnException(String message) {
    super(message);
  }

  public CairnException(String message, Throwable cause) {
    super(message, cause);
  }
}
