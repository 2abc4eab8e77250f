package dev.sendersbot.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A store suite that runs once per engine of the run ({@link StoreEngines}); the class takes the
 * engine in a field annotated {@code @Parameter}. The tag is how the PostgreSQL Failsafe run picks
 * these suites out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "on {0}")
@ArgumentsSource(StoreEngines.class)
@Tag(BothEngines.TAG)
public @interface BothEngines {
  String TAG = "both-engines";
}
