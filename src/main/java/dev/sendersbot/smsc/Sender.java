package dev.sendersbot.smsc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One sender name as the provider lists it.
 *
 * @param id the provider's id
 * @param name the sender name
 * @param moderation moderation status (0 waiting, 1 allowed, 2 disabled); null when the list was
 *     not asked with {@code all=1}
 * @param operators operator flag (e.g. {@code mts_step}) to status code, in the provider's order;
 *     empty unless asked with {@code operators=1}; flags unknown to {@link Operators} are kept;
 *     always an {@link OperatorCodes} (see {@link #operatorCodes})
 * @param extra every other field of the answer, as its JSON text, so nothing the provider adds is
 *     lost
 */
public record Sender(
    long id,
    String name,
    Integer moderation,
    Map<String, Integer> operators,
    Map<String, String> extra) {

  public Sender {
    Objects.requireNonNull(name, "name");
    operators = OperatorCodes.copyOf(operators);
    extra =
        extra == null || extra.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  public Sender(long id, String name) {
    this(id, name, null, Map.of(), Map.of());
  }

  /** {@link #operators} as what it is, to read without boxing. */
  public OperatorCodes operatorCodes() {
    return (OperatorCodes) operators;
  }

  public ModerationStatus moderationStatus() {
    return moderation == null ? null : ModerationStatus.of(moderation);
  }
}
