package dev.sendersbot.telegram;

import dev.sendersbot.chat.Incoming;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records what the transport delivered; can be told to throw for some updates. */
final class RecordingSink implements UpdateSink {
  record Migration(long oldChatId, long newChatId) {}

  private final List<Incoming> received = new ArrayList<>();
  private final List<Migration> migrations = new ArrayList<>();
  private volatile Consumer<Incoming> behaviour = in -> {};

  void onHandle(Consumer<Incoming> behaviour) {
    this.behaviour = behaviour;
  }

  @Override
  public void handle(Incoming in) {
    synchronized (this) {
      received.add(in);
    }
    behaviour.accept(in);
  }

  @Override
  public synchronized void chatMigrated(long oldChatId, long newChatId) {
    migrations.add(new Migration(oldChatId, newChatId));
  }

  synchronized List<Incoming> received() {
    return List.copyOf(received);
  }

  synchronized List<Long> updateIds() {
    return received.stream().map(Incoming::updateId).toList();
  }

  synchronized List<Migration> migrations() {
    return List.copyOf(migrations);
  }
}
