package dev.cairn;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A step consumes units of a rate limit when it starts. Limits are shared by every engine node and worker on the
 * database and hold over any window of their period: a limit of 10 units per second never lets more than 10
 * units start within any one second. A step that finds too few units waits queued, holding no slot, shown as
 * throttled by the limit (its view and event log say which), and starts as soon as units are free again (no
 * polling).
 *
 * <p>A <b>static</b> limit ({@code key} empty) is set by name through {@link RateLimits#set}, the AdminService, or a
 * worker at startup; a step naming a static limit nobody set is not limited until it is. A <b>dynamic</b> limit
 * ({@code key} set) has one budget per key value, computed from the input like a {@link Concurrency} key, with the
 * {@code limit} and {@code period} given here (e.g. 5 calls per second per customer).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(RateLimit.List.class)
public @interface RateLimit {
  /** The limit's name, e.g. {@code "llm"}. Letters, digits, '_', '-', '.'. */
  String name();

  /** For a dynamic limit, the key template ({@code "{/customer}"}); empty for the static limit {@link #name()}. */
  String key() default "";

  /** Units one attempt consumes: a positive integer, or {@code "{/pointer}"} to a positive integer of the input. */
  String units() default "1";

  /** A dynamic limit's budget: units per {@link #period()}. Required with a key; not allowed without one. */
  int limit() default 0;

  /** A dynamic limit's period ({@code "1s"}, {@code "1m"}, ISO-8601). */
  String period() default "1s";

  /** The container of repeated {@link RateLimit} declarations. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    RateLimit[] value();
  }
}
