package dev.sendersbot.store;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the scripts a {@link Migrations} index lists, instead of letting it scan a folder: a
 * folder inside the shaded jar cannot be listed portably, and a scan of SQLite's folder would also
 * find PostgreSQL's scripts in the folder below it.
 */
final class IndexedResources implements ResourceProvider {
  private final List<LoadableResource> scripts;

  IndexedResources(Migrations migrations) {
    List<LoadableResource> list = new ArrayList<>();
    for (Migrations.Migration m : migrations.all()) {
      list.add(new Script(m));
    }
    this.scripts = List.copyOf(list);
  }

  @Override
  public LoadableResource getResource(String name) {
    for (LoadableResource r : scripts) {
      if (r.getRelativePath().equals(name) || r.getFilename().equals(name)) {
        return r;
      }
    }
    return null;
  }

  @Override
  public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
    List<LoadableResource> found = new ArrayList<>();
    for (LoadableResource r : scripts) {
      String name = r.getFilename();
      if (name.startsWith(prefix) && endsWithAny(name, suffixes)) {
        found.add(r);
      }
    }
    return found;
  }

  private static boolean endsWithAny(String name, String[] suffixes) {
    for (String s : suffixes) {
      if (name.endsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /** One script, already read by {@link Migrations}. */
  private static final class Script extends LoadableResource {
    private final Migrations.Migration migration;

    Script(Migrations.Migration migration) {
      this.migration = migration;
    }

    @Override
    public Reader read() {
      return new StringReader(migration.sql());
    }

    @Override
    public String getAbsolutePath() {
      return migration.resource();
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return null;
    }

    @Override
    public String getFilename() {
      return migration.fileName();
    }

    @Override
    public String getRelativePath() {
      return migration.fileName();
    }
  }
}
