package dev.cairn.examples.spring;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** An application bean the shipping step uses: packs parcels, naming the process that packed them. */
@Component
public class Warehouse {
  private final AtomicInteger parcels = new AtomicInteger();
  private final String name;

  public Warehouse(@Value("${example.warehouse:${spring.application.name}}") String name) {
    this.name = name;
  }

  public String pack(String item, int quantity) {
    return name + "/parcel-" + parcels.incrementAndGet() + " (" + quantity + " x " + item + ")";
  }
}
