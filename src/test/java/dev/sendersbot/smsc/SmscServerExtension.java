package dev.sendersbot.smsc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Scripted provider hosts on 127.0.0.1 for one test: a primary server, optionally a backup server,
 * the shared OkHttp client that clients are built on, and {@link #api()}, a client of the primary.
 * The servers start before each test and shut down after it, after the test's own
 * {@code @AfterEach}, which may still read what they received.
 *
 * <p>Declare it on an instance field: {@code @RegisterExtension final SmscServerExtension smsc =
 * SmscServerExtension.primaryOnly();}. The servers exist from then on (unstarted), so a field may
 * alias one: {@code final MockWebServer server = smsc.primary();}.
 */
final class SmscServerExtension implements BeforeEachCallback, AfterEachCallback {

  /** The timeout of {@link #api()}: long enough for a loaded machine, never met by an answer. */
  static final Duration PATIENT = Duration.ofSeconds(5);

  private final MockWebServer primary = new MockWebServer();
  private final MockWebServer backup;
  private final OkHttpClient shared = Fixtures.sharedClient();
  private final SendersApi api = new PrimaryClient();
  private SendersApi client;

  private SmscServerExtension(boolean withBackup) {
    this.backup = withBackup ? new MockWebServer() : null;
  }

  /** One server; {@link #backup()} is refused. */
  static SmscServerExtension primaryOnly() {
    return new SmscServerExtension(false);
  }

  /** A primary and a backup server, for the second try of a list. */
  static SmscServerExtension withBackup() {
    return new SmscServerExtension(true);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start(primary);
    if (backup != null) {
      start(backup);
    }
    // No backup host: backupOf(127.0.0.1) is empty, so lists are tried once.
    client = SmscClients.http(Fixtures.settings(Fixtures.baseUrl(primary), PATIENT), shared);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    try {
      primary.shutdown();
    } finally {
      try {
        if (backup != null) {
          backup.shutdown();
        }
      } finally {
        Fixtures.close(shared);
      }
    }
  }

  MockWebServer primary() {
    return primary;
  }

  MockWebServer backup() {
    if (backup == null) {
      throw new IllegalStateException("declared with primaryOnly(): there is no backup server");
    }
    return backup;
  }

  /** The application's shared client as the tests model it: no idle connections kept. */
  OkHttpClient shared() {
    return shared;
  }

  /**
   * A client of the primary server only, signing in with login and password, with a {@link
   * #PATIENT} timeout. Usable from a field initializer: it forwards to the real client, which is
   * built once the server has a port.
   */
  SendersApi api() {
    return api;
  }

  private static void start(MockWebServer server) {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The real HTTP client of the primary server, once there is one. */
  private final class PrimaryClient implements SendersApi {
    private SendersApi real() {
      if (client == null) {
        throw new IllegalStateException("the servers start before each test; call api() in one");
      }
      return client;
    }

    @Override
    public List<Sender> list(ListQuery query) {
      return real().list(query);
    }

    @Override
    public List<Sender> listAll(ListQuery query) {
      return real().listAll(query);
    }

    @Override
    public long add(AddRequest request) {
      return real().add(request);
    }

    @Override
    public void change(ChangeRequest request) {
      real().change(request);
    }

    @Override
    public void sendCode(SendCodeRequest request) {
      real().sendCode(request);
    }

    @Override
    public void checkCode(CheckCodeRequest request) {
      real().checkCode(request);
    }

    @Override
    public void delete(DeleteRequest request) {
      real().delete(request);
    }

    @Override
    public String toString() {
      return String.valueOf(client);
    }
  }
}
