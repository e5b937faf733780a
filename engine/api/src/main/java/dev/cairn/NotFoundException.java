package dev.cairn;

/** What a call names (a schedule, a run) does not exist. Over gRPC: NOT_FOUND. */
public class NotFoundException extends CairnException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
