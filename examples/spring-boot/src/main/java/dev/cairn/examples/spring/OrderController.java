package dev.cairn.examples.spring;

import dev.cairn.RunFailedException;
import dev.cairn.RunHandle;
import dev.cairn.Runs;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders {"item": "tea", "quantity": 2}}: runs {@link OrderWorkflow} and answers with its shipment. Not in
 * the worker process, which has no {@link Runs} (it only runs steps).
 */
@RestController
@Profile("!worker")
public class OrderController {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** The answer: the run's id and the workflow's result. */
  public record Placed(UUID runId, OrderWorkflow.Shipment shipment) {}

  private final Runs runs;

  public OrderController(Runs runs) {
    this.runs = runs;
  }

  @PostMapping("/orders")
  public Placed order(@RequestBody OrderWorkflow.Order order) {
    RunHandle<OrderWorkflow.Shipment> run = runs.trigger(OrderWorkflow.REF, order);
    return new Placed(run.id(), run.result(WAIT));
  }

  /** A run that failed (an unknown item, no quantity) is the caller's mistake here: 422 with the engine's reason. */
  @ExceptionHandler(RunFailedException.class)
  public ResponseEntity<Map<String, String>> failed(RunFailedException failure) {
    return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(Map.of("error", failure.getMessage()));
  }
}
