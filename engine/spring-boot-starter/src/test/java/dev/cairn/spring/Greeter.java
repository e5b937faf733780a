package dev.cairn.spring;

import org.springframework.stereotype.Component;

/** An ordinary application bean that a workflow's step uses through constructor injection. */
@Component
public class Greeter {
  public String greet(String name) {
    return "Hello, " + name;
  }
}
