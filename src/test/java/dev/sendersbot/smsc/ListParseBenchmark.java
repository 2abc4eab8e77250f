package dev.sendersbot.smsc;

import dev.sendersbot.bench.Floor;
import dev.sendersbot.bench.ProviderAnswers;
import dev.sendersbot.smsc.SendersAnswers.BadAnswer;
import dev.sendersbot.smsc.SendersAnswers.Page;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading the 15,000-name list answer (3.5 MB, rendered once by the sandbox) from bytes in memory:
 * the client's streaming reader, the tree reader it replaced for lists, and the floor, Jackson's
 * streaming parse into a small record. Run by {@link dev.sendersbot.bench.PollFloorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListParseBenchmark {
  byte[] answer;

  @Setup
  public void render() {
    answer = ProviderAnswers.render(15_000, 1_000).before();
  }

  @Benchmark
  public List<Floor.Row> parseFloor() throws IOException {
    return Floor.read(new ByteArrayInputStream(answer));
  }

  @Benchmark
  public Page parseStreaming() throws IOException, BadAnswer {
    try (var p = SendersAnswers.parser(new ByteArrayInputStream(answer))) {
      return ListReader.read(p);
    }
  }

  @Benchmark
  public Page parseTree() throws BadAnswer {
    return SendersAnswers.page(SendersAnswers.tree(answer));
  }
}
