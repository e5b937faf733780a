package dev.cairn.spring;

import dev.cairn.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The application's beans annotated {@link Workflow}. A bean behind a Spring class-based (CGLIB) proxy, as made for
 * {@code @Transactional} or an aspect, is registered with its target class, whose annotations Cairn reads, and the
 * proxy itself, on which Cairn invokes the step methods: the proxy's advice applies to each step.
 */
final class WorkflowBeans {
  private WorkflowBeans() {}

  /** A {@code @Workflow} bean and the class its definition is read from. */
  record Found(String beanName, Class<?> definitionClass, Object bean) {}

  static List<Found> find(ListableBeanFactory beans) {
    List<Found> found = new ArrayList<>();
    for (String name : beans.getBeanNamesForAnnotation(Workflow.class)) {
      Object bean = beans.getBean(name);
      Class<?> definitionClass = AopProxyUtils.ultimateTargetClass(bean);
      if (!definitionClass.isInstance(bean)) {
        throw new BeanInitializationException("@Workflow bean '" + name + "' (" + definitionClass.getName()
            + ") is behind a JDK interface proxy, on which Cairn cannot invoke its step methods; use class-based"
            + " proxies (spring.aop.proxy-target-class=true, Spring Boot's default)");
      }
      found.add(new Found(name, definitionClass, bean));
    }
    return found;
  }

  /** Hands each {@code @Workflow} bean to a builder's {@code register(Class, Object)}. */
  static void registerAll(ListableBeanFactory beans, BiConsumer<Class<?>, Object> register) {
    find(beans).forEach(workflow -> register.accept(workflow.definitionClass(), workflow.bean()));
  }
}
