/**
 * A Spring Boot service on Cairn's starter: {@link dev.cairn.examples.spring.OrderController} triggers
 * {@link dev.cairn.examples.spring.OrderWorkflow} and answers with its result; started with the {@code worker}
 * profile the same application is a worker process for the first one. See {@code docs/spring-boot.md}.
 */
package dev.cairn.examples.spring;
