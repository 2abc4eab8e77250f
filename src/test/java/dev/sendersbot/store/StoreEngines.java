package dev.sendersbot.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The engines of this run, from the system property {@value #PROPERTY} ({@code sqlite}, {@code
 * postgresql} or both, comma-separated; both when unset). The pom sets {@code sqlite} for Surefire,
 * so {@code mvn -B test} never starts a server, and {@code postgresql} for the Failsafe run that
 * repeats the store suites on PostgreSQL.
 */
public final class StoreEngines implements ArgumentsProvider {
  public static final String PROPERTY = "store.engines";

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    String wanted = System.getProperty(PROPERTY, "sqlite,postgresql");
    return Arrays.stream(wanted.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> StoreEngine.valueOf(s.toUpperCase(Locale.ROOT)))
        .map(Arguments::of);
  }
}
