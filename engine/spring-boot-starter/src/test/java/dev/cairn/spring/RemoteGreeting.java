package dev.cairn.spring;

import dev.cairn.Step;
import dev.cairn.Workflow;
import org.springframework.stereotype.Component;

/** The workflow a worker-mode application runs for a remote engine, with an injected application bean. */
@Component
@Workflow(name = "spring-remote-greeting")
public class RemoteGreeting {
  private final Greeter greeter;

  public RemoteGreeting(Greeter greeter) {
    this.greeter = greeter;
  }

  @Step
  String greet(String name) {
    return greeter.greet("remote " + name);
  }
}
