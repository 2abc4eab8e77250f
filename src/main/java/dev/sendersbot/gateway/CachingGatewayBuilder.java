package dev.sendersbot.gateway;

import dev.sendersbot.smsc.SendersApi;
import dev.sendersbot.time.Sleeper;
import dev.sendersbot.time.SystemTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Builds a {@link CachingGateway}; budgets and the cache period come from its settings. */
public final class CachingGatewayBuilder {
  // Read by the gateway's constructor once build() has checked them.
  final SendersApi api;
  final GatewaySettings settings;
  Clock clock = SystemTime.clock();
  Sleeper sleeper = Sleeper.system();
  GatewayListener listener = GatewayListener.NONE;
  IpBlocks ipBlocks = IpBlocks.NONE;
  Duration keepStaleFor;
  Duration coolDown = Duration.ofSeconds(60);
  Duration ipBlock = Duration.ofMinutes(30);
  int circuitFailures = 5;
  Duration circuitCoolOff = Duration.ofSeconds(30);
  long maxCachedLists = 1_000;
  Duration watchInterval;

  CachingGatewayBuilder(SendersApi api, GatewaySettings settings) {
    this.api = Objects.requireNonNull(api, "api");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The time the gateway reads (cache ages, budgets, blocks); the system UTC clock by default. */
  public CachingGatewayBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Told of suspensions (error 2, error 4) and their end; nothing by default. */
  public CachingGatewayBuilder listener(GatewayListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Where an IP block is kept across restarts; none by default. */
  public CachingGatewayBuilder ipBlocks(IpBlocks blocks) {
    this.ipBlocks = Objects.requireNonNull(blocks, "blocks");
    return this;
  }

  /** How long an expired list stays available to be served stale; 10 × list-ttl by default. */
  public CachingGatewayBuilder keepStaleFor(Duration d) {
    this.keepStaleFor = positive("keepStaleFor", d);
    return this;
  }

  /** How long a kind of request pauses after error 9; 60 s by default. */
  public CachingGatewayBuilder coolDown(Duration d) {
    this.coolDown = positive("coolDown", d);
    return this;
  }

  /** How long all calls stop after error 4; 30 min by default (the provider's block). */
  public CachingGatewayBuilder ipBlock(Duration d) {
    this.ipBlock = positive("ipBlock", d);
    return this;
  }

  /** Transport failures in a row that open the circuit (5), and how long it stays open (30 s). */
  public CachingGatewayBuilder circuit(int failures, Duration coolOff) {
    if (failures < 1) {
      throw new IllegalArgumentException("circuit failures must be at least 1: " + failures);
    }
    this.circuitFailures = failures;
    this.circuitCoolOff = positive("circuit coolOff", coolOff);
    return this;
  }

  /** At most this many distinct list answers are cached (1000 by default). */
  public CachingGatewayBuilder maxCachedLists(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxCachedLists must be at least 1: " + n);
    }
    this.maxCachedLists = n;
    return this;
  }

  /**
   * The status watcher polls through this gateway every {@code interval}: it keeps that many polls
   * a minute of every identical-list budget, and one request in flight, for {@link Caller#WATCHER};
   * chats share the rest. Without it, everyone shares every budget.
   */
  public CachingGatewayBuilder watchInterval(Duration interval) {
    this.watchInterval = positive("watch.interval", interval);
    return this;
  }

  CachingGatewayBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  public CachingGateway build() {
    // The provider's ranges are checked where the settings are made from the configuration.
    Duration wait = Objects.requireNonNull(settings.maxWait(), "gateway.max-wait");
    if (wait.isNegative()) {
      throw new IllegalArgumentException("gateway.max-wait must not be negative: " + wait);
    }
    positive("gateway.chat-refresh-interval", settings.chatRefreshInterval());
    if (watchInterval != null
        && ListBudgets.watcherShare(watchInterval) > settings.listsPerMinute()) {
      throw new IllegalArgumentException(
          "watch.interval "
              + watchInterval
              + " needs "
              + ListBudgets.watcherShare(watchInterval)
              + " identical lists a minute for the"
              + " watcher, more than gateway.lists-per-minute ("
              + settings.listsPerMinute()
              + ")");
    }
    Duration ttl = positive("cache.list-ttl", settings.listTtl());
    if (keepStaleFor == null) {
      keepStaleFor = ttl.multipliedBy(10);
    }
    if (keepStaleFor.compareTo(ttl) < 0) {
      throw new IllegalArgumentException(
          "keepStaleFor must be at least cache.list-ttl (" + ttl + "): " + keepStaleFor);
    }
    return new CachingGateway(this);
  }

  private static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }
}
