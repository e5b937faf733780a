package dev.cairn.examples.spring;

import java.util.Map;
import org.springframework.stereotype.Component;

/** An application bean the workflow's first step uses: prices in cents. */
@Component
public class PriceList {
  private static final Map<String, Long> PRICES = Map.of("tea", 450L, "coffee", 600L, "cake", 325L);

  public long priceOf(String item) {
    Long price = PRICES.get(item);
    if (price == null) {
      throw new IllegalArgumentException("no such item: " + item + "; we sell " + PRICES.keySet());
    }
    return price;
  }
}
