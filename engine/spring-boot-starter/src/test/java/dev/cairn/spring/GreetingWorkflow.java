package dev.cairn.spring;

import dev.cairn.Step;
import dev.cairn.Workflow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A workflow bean behind a {@code @Transactional} CGLIB proxy: its step writes a row through the application's
 * {@link JdbcTemplate} inside the transaction the proxy opens, and says whether it ran in one.
 */
@Component
@Transactional
@Workflow(name = "spring-greeting")
public class GreetingWorkflow {
  private final Greeter greeter;
  private final JdbcTemplate jdbc;

  public GreetingWorkflow(Greeter greeter, JdbcTemplate jdbc) {
    this.greeter = greeter;
    this.jdbc = jdbc;
  }

  @Step
  String greet(String name) {
    jdbc.update("insert into greetings (name) values (?)", name);
    boolean inTransaction = TransactionSynchronizationManager.isActualTransactionActive();
    return greeter.greet(name) + (inTransaction ? " (in a transaction)" : " (no transaction)");
  }
}
