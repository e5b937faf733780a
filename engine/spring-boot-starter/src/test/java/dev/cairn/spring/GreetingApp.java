package dev.cairn.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The embedded-mode test application: its own DataSource, a proxied workflow bean and the bean it injects. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({Greeter.class, GreetingWorkflow.class})
public class GreetingApp {}
