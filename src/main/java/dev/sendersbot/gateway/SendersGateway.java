package dev.sendersbot.gateway;

import dev.sendersbot.smsc.AddRequest;
import dev.sendersbot.smsc.ChangeRequest;
import dev.sendersbot.smsc.CheckCodeRequest;
import dev.sendersbot.smsc.DeleteRequest;
import dev.sendersbot.smsc.ListQuery;
import dev.sendersbot.smsc.SendCodeRequest;
import dev.sendersbot.smsc.Sender;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point for every provider call (chat commands, the watcher, anything later).
 *
 * <p>Failures: {@link dev.sendersbot.smsc.SmscException} as the provider or the transport raised
 * it; {@link GatewayRefusal} when the gateway itself declined to call the provider (budget spent,
 * cool-down, suspended after error 2 or 4, circuit open).
 */
public interface SendersGateway {

  /**
   * A list, served from cache while fresh; the answer says how old it is. A list asked of the
   * provider counts against the chats' share of the budget (the status watcher uses {@link
   * #refresh}).
   */
  Answer<List<Sender>> list(ListQuery query);

  /**
   * A list the caller wants fresh, asked by the status watcher's poll or a chat's refresh button.
   *
   * <p>The watcher has a reserved share of the identical-list budget that chats cannot spend; it
   * never gets a cached answer: when it cannot ask the provider it gets the {@link GatewayRefusal}
   * (the bot's own budget is {@link GatewayRefusal.Reason#BUDGET}) or the provider's error.
   *
   * <p>A chat asks the provider if the cached answer is older than {@code gateway.refresh-reuse},
   * the chats' share allows and the chat has not refreshed within {@code
   * gateway.chat-refresh-interval}; otherwise it gets the cached answer marked stale, with the
   * {@link Answer#holdback() reason}.
   */
  Answer<List<Sender>> refresh(ListQuery query, Caller caller);

  /**
   * The answer to {@code query} that {@link #list} would give without asking the provider, if the
   * gateway keeps one that is still fresh; empty otherwise (and always, for a gateway that keeps
   * none).
   */
  default Optional<Answer<List<Sender>>> cached(ListQuery query) {
    return Optional.empty();
  }

  long add(AddRequest request);

  void change(ChangeRequest request);

  void sendCode(SendCodeRequest request);

  void checkCode(CheckCodeRequest request);

  void delete(DeleteRequest request);

  /** A snapshot of the gateway's state for {@code /status}, health and metrics. */
  GatewayStatus status();

  /** An owner's "resume" after error 2 was fixed: allow provider calls again. */
  void resume();
}
