/**
 * Spring Boot auto-configuration for Cairn ({@code docs/spring-boot.md}): {@link dev.cairn.spring.CairnProperties}
 * ({@code cairn.*}), the embedded engine, client and worker modes, {@code @Workflow} bean discovery, lifecycle and
 * health. Applications use {@link dev.cairn.spring.CairnBuilderCustomizer} and
 * {@link dev.cairn.spring.CairnWorkerCustomizer} to adjust what the properties do not cover.
 */
package dev.cairn.spring;
