package dev.sendersbot.gateway;

import java.time.Duration;

/**
 * The gateway's own settings: the provider's limits with room left for other tools on the same
 * account, and how long a list is served from cache. The wiring builds it from the application's
 * configuration, whose keys hold the defaults and the provider's ranges; the builder checks only
 * what makes a gateway impossible to build.
 *
 * @param listsPerMinute identical list requests per rolling minute
 * @param createsPerMinute creations per rolling minute
 * @param maxInFlight concurrent requests
 * @param maxWait how long a caller may wait for budget before being told to retry
 * @param chatRefreshInterval how often one chat's refresh button may ask the provider; within it
 *     the chat gets the cached list, saying so
 * @param refreshReuse a refresh pressed while the cached list is younger than this gets that list
 *     (saying how old it is) without asking the provider; zero lets every press ask
 * @param listTtl how long a list answer is served from cache
 */
public record GatewaySettings(
    int listsPerMinute,
    int createsPerMinute,
    int maxInFlight,
    Duration maxWait,
    Duration chatRefreshInterval,
    Duration refreshReuse,
    Duration listTtl) {}
