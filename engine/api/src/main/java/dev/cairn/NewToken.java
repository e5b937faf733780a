package dev.cairn;

/**
 * A token just created: its stored description and its secret, which is shown only now (the engine keeps only a
 * hash). Send it as {@code authorization: Bearer <secret>}; it holds no address.
 */
public record NewToken(TokenInfo info, String secret) {
  @Override
  public String toString() {
    return "NewToken[" + info + ", secret=<hidden>]";
  }
}
