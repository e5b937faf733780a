package dev.cairn.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example service. By default an engine node (embedded PostgreSQL in {@code .cairn/spring-example-pgdata}) with
 * the REST endpoint on 8080 and gRPC on 7234 for workers; {@code --spring.profiles.active=worker} makes it a worker
 * process of that engine instead ({@code application-worker.properties}).
 */
@SpringBootApplication
public class OrderApplication {
  public static void main(String[] args) {
    SpringApplication.run(OrderApplication.class, args);
  }
}
