package dev.sendersbot.store;

import java.sql.SQLException;

/** Work done on a JDBC connection inside {@link Database#read} or {@link Database#write}. */
@FunctionalInterface
public interface SqlFunction<A, R> {
  R apply(A a) throws SQLException;
}
