package dev.cairn.internal.codec;

import dev.cairn.CairnException;

/** A payload could not be encoded or did not fit its declared type. */
public final class PayloadException extends CairnException {
  private static final long serialVersionUID = 1L;

  public PayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
