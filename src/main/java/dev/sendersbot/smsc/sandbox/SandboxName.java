package dev.sendersbot.smsc.sandbox;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of one sender name as the sandbox holds it.
 *
 * @param id the id the sandbox assigned
 * @param name the sender name
 * @param user the owning sub-client; null for the account itself
 * @param comment {@code cmt}; may be null
 * @param moderation 0 waiting, 1 allowed, 2 disabled (any number may be seeded)
 * @param operators status flag to status code, for the operators at which it was requested
 * @param operatorChangedAt status flag to when that status last changed
 * @param createdAt when it was added
 * @param mail whether it was added with {@code mail=1}
 * @param mailName the {@code name} given with {@code mail=1}; may be null
 * @param documents documents received with add and chg
 * @param registration {@code ua_reg} / {@code by_reg} details ({@code fio}, {@code inn}, ...)
 * @param extraFields further fields written in the {@code operators=1} list (e.g. a replacement
 *     analog), field to value
 */
public record SandboxName(
    long id,
    String name,
    String user,
    String comment,
    int moderation,
    Map<String, Integer> operators,
    Map<String, Instant> operatorChangedAt,
    Instant createdAt,
    boolean mail,
    String mailName,
    List<StoredDocument> documents,
    Map<String, String> registration,
    Map<String, String> extraFields) {

  public SandboxName {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    operators = Collections.unmodifiableMap(new LinkedHashMap<>(operators));
    operatorChangedAt = Collections.unmodifiableMap(new LinkedHashMap<>(operatorChangedAt));
    documents = List.copyOf(documents);
    registration = Collections.unmodifiableMap(new LinkedHashMap<>(registration));
    extraFields = Collections.unmodifiableMap(new LinkedHashMap<>(extraFields));
  }

  /** When the status at any operator last changed (what {@code from_date} filters on). */
  public Optional<Instant> lastStatusChange() {
    return operatorChangedAt.values().stream().max(Instant::compareTo);
  }

  /** The status at one operator, empty when the name was never requested there. */
  public Optional<Integer> operator(String flag) {
    return Optional.ofNullable(operators.get(flag));
  }
}
