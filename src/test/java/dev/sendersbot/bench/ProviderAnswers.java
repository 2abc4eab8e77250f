package dev.sendersbot.bench;

import dev.sendersbot.smsc.sandbox.SandboxOptions;
import dev.sendersbot.smsc.sandbox.SmscSandbox;
import dev.sendersbot.testing.FakeClock;
import dev.sendersbot.testing.TestClocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The provider's answers for an account of {@code names} names, rendered once by the SMSC sandbox
 * and kept as bytes: the full list ({@link #before}), the full list after {@code changed} names
 * moved at MTS ({@link #after}), and the list of recent changes ({@code from_date}) after that.
 *
 * @param before the full list, {@code get=1&all=1&operators=1&fmt=3}
 * @param after the full list with {@code changed} names' MTS status moved on
 * @param recent what {@code from_date} (yesterday) answers in the state of {@link #after}
 * @param changed how many names differ between the two full lists
 */
public record ProviderAnswers(byte[] before, byte[] after, byte[] recent, int changed) {

  public static final byte[] EMPTY = "[]".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  public static ProviderAnswers render(int names, int changed) {
    OkHttpClient http = new OkHttpClient();
    FakeClock clock = new FakeClock(TestClocks.NEW_YEAR_EVE);
    try (SmscSandbox sandbox =
        SmscSandbox.start(SandboxOptions.defaults().withClock(clock).withAutoProgress(false))) {
      List<Long> ids = sandbox.bulkSeed(names);
      byte[] before = list(http, sandbox, null);
      for (int i = 0; i < changed; i++) {
        sandbox.setOperatorStatus(ids.get(i * (names / changed)), "mts_step", i % 5 == 0 ? 3 : 1);
      }
      byte[] after = list(http, sandbox, null);
      LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
      byte[] recent = list(http, sandbox, yesterday);
      return new ProviderAnswers(before, after, recent, changed);
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  private static byte[] list(OkHttpClient http, SmscSandbox sandbox, LocalDate from) {
    FormBody.Builder form =
        new FormBody.Builder()
            .add("login", sandbox.login())
            .add("psw", sandbox.password())
            .add("get", "1")
            .add("all", "1")
            .add("operators", "1")
            .add("cnt", "15000")
            .add("fmt", "3")
            .add("charset", "utf-8");
    if (from != null) {
      form.add("from_date", from.format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
    }
    Request request =
        new Request.Builder()
            .url(sandbox.baseUrl().resolve(SmscSandbox.API_PATH).toString())
            .post(form.build())
            .build();
    try (Response r = http.newCall(request).execute()) {
      if (!r.isSuccessful() || r.body() == null) {
        throw new IllegalStateException("the sandbox answered HTTP " + r.code());
      }
      return r.body().bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
