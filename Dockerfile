# syntax=docker/dockerfile:1
#
# senders-bot in a container: build with Maven, run on a Java 17 JRE as a non-root user.
#
#   docker build -t senders-bot .
#   docker run -d --name senders-bot --env-file senders-bot.env -v senders-bot-data:/data senders-bot
#
# Configuration: the reference file config/senders-bot.yml is at /config/senders-bot.yml and takes
# every secret from the environment (TELEGRAM_BOT_TOKEN, SENDERS_BOT_OWNERS, SMSC_LOGIN,
# SMSC_PASSWORD or SMSC_API_KEY); mount your own directory on /config to change other keys, or
# point SENDERS_BOT_CONFIG at another file. The SQLite database lives on the /data volume.
# docs/docker.md has a compose example.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# The cache mount keeps ~/.m2 between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests
# SQLite's native library, taken out of the jar once, for this platform (the folder the driver
# itself would pick, Linux/x86_64 say). Pointed at by org.sqlite.lib.path below, the driver loads
# it as it is; otherwise every start asks `uname -o` in a child process, unpacks the 1 MB library
# into /tmp and reads it back to compare, some 50 ms of start-up (BENCHMARKS.md section 0).
RUN dir="$(java -cp target/senders-bot.jar org.sqlite.util.OSInfo)" \
 && mkdir -p target/native && cd target/native \
 && jar xf ../senders-bot.jar "org/sqlite/native/$dir/libsqlitejdbc.so" \
 && mv "org/sqlite/native/$dir/libsqlitejdbc.so" . && rm -rf org

FROM eclipse-temurin:17-jre
LABEL org.opencontainers.image.title="senders-bot" \
      org.opencontainers.image.description="Telegram chat-ops bot for the SMS sender names of an SMSC account"

RUN groupadd --system --gid 10001 senders \
 && useradd --system --uid 10001 --gid senders --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin senders \
 && mkdir -p /app /config /data \
 && chown senders:senders /data

COPY --from=build /src/target/senders-bot.jar /app/senders-bot.jar
COPY --from=build /src/target/native/libsqlitejdbc.so /app/native/libsqlitejdbc.so
COPY config/senders-bot.yml /config/senders-bot.yml

ENV SENDERS_BOT_CONFIG=/config/senders-bot.yml \
    SENDERS_BOT_DATABASE=/data/senders-bot.db

# AppCDS: a training run records the classes the bot loads, and the archive made from that list
# holds them already parsed and verified, mapped at every start instead of read from the jar
# (docs/docker.md, "Start-up and memory"). The training starts the bot exactly as `run` does, on
# the configuration file above, against the SMSC sandbox and a stand-in Bot API on loopback (no
# network, no credentials), answers an owner's first commands, and stops; twice, once creating its
# database and once reopening it. The list then loses what only the training or a new database
# loads (the sandbox, the stand-in, Flyway, which a current schema skips) and picocli (`run` does
# not use it; its Java 5 classes cannot be archived anyway): every archived class costs resident
# memory at every start, since the JVM relocates the whole archive when it maps it. The archive
# must be made by this very JVM from this very jar path, so it is made here, in the runtime image.
RUN java -XX:DumpLoadedClassList=/tmp/training.classes -Xss256k \
      -Dorg.sqlite.lib.path=/app/native -Dorg.sqlite.lib.name=libsqlitejdbc.so \
      -jar /app/senders-bot.jar archive-training --config /config/senders-bot.yml \
      > /tmp/training.log 2>&1 || { cat /tmp/training.log; exit 1; }; \
    grep -vE 'org/flywaydb/|dev/sendersbot/smsc/sandbox/|dev/sendersbot/cli/(ArchiveTrainingCommand|TrainingBotApi)|picocli/' \
      /tmp/training.classes > /tmp/run.classes \
 && java -Xshare:dump -XX:SharedClassListFile=/tmp/run.classes -XX:SharedArchiveFile=/app/senders-bot.jsa \
      -XX:+UseSerialGC -Xss256k -cp /app/senders-bot.jar > /tmp/dump.log 2>&1 \
      || { cat /tmp/dump.log; exit 1; }; \
    rm -rf /tmp/training.log /tmp/training.classes /tmp/run.classes /tmp/dump.log \
      /tmp/senders-bot-training* /tmp/sqlite-*

# Declared after the chown, so a new volume starts owned by the bot's user.
VOLUME ["/data"]
WORKDIR /app
USER senders:senders

# Health and metrics (http.port). The endpoint binds to 127.0.0.1 by default, which is enough for
# the HEALTHCHECK below; set http.bind: 0.0.0.0 in a mounted config to scrape /metrics from
# another container, and publish the port only where Prometheus can reach it.
EXPOSE 8081

# The Temurin image (Ubuntu) ships wget: no JVM is started for a check. wget exits non-zero on
# 503, so a failing check (polling stalled, provider failing, database not writable) marks the
# container unhealthy. Change the port here if you change http.port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:8081/healthz || exit 1

# The JVM runs shutdown hooks on SIGTERM: polling stops, the outbox and database close cleanly.
# Give it time (docker stop -t 30, or stop_grace_period in compose).
STOPSIGNAL SIGTERM

# Sized for the bot (docs/docker.md): the AppCDS archive above (a JVM that cannot use it starts
# without it), the serial collector and a heap that starts small and stays under 128 MB, 256 KB
# thread stacks, and the C1 compiler only with a smaller code cache: a chat bot's work is I/O.
# An OutOfMemoryError ends the process so the restart policy brings back a healthy one. SQLite's
# native library is loaded from /app/native, unpacked at build time (above).
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/senders-bot.jsa", "-XX:+UseSerialGC", \
  "-Xms16m", "-Xmx128m", "-Xss256k", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=32m", \
  "-XX:+ExitOnOutOfMemoryError", \
  "-Dorg.sqlite.lib.path=/app/native", "-Dorg.sqlite.lib.name=libsqlitejdbc.so", \
  "-jar", "/app/senders-bot.jar"]
CMD ["run"]
