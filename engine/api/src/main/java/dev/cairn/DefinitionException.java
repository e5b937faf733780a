package dev.cairn;

/** A workflow definition was refused at registration; the message names the class, the method and the problem. */
public final class DefinitionException extends CairnException {
  private static final long serialVersionUID = 1L;

  public DefinitionException(String message) {
    super(message);
  }
}
