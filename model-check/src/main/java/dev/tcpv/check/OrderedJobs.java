package dev.tcpv.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks (a TLC run each) on a fixed number of threads and hands their results back in the order the tasks
 * were submitted, each as soon as it is done: {@code tcpv check --jobs} and {@code tcpv mutate} check several
 * models at once and still report them in the manifest's or catalogue's order.
 *
 * <p>Closing does not wait for the tasks still running: after a failure the command ends, and the TLC JVMs with
 * it ({@link dev.tcpv.tlc.TlcLauncher#onExit}). The threads are daemons, so that they do not hold the JVM either.
 *
 * @param <T> what a task gives back
 */
public final class OrderedJobs<T> implements AutoCloseable {
  /** One task: a TLC run. */
  @FunctionalInterface
  public interface Task<T> {
    T call() throws IOException, InterruptedException;
  }

  private final ExecutorService pool;
  private final List<Future<T>> submitted = new ArrayList<>();

  /**
   * @param threads how many tasks run at once, at least 1
   * @param name the prefix of the threads' names
   */
  public OrderedJobs(int threads, String name) {
    if (threads < 1) {
      throw new IllegalArgumentException("at least one thread, not " + threads);
    }
    this.pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name(name + "-", 1).factory());
  }

  /** Queues {@code task}; it starts once fewer than the pool's threads run. */
  public void submit(Task<T> task) {
    submitted.add(pool.submit(task::call));
  }

  /** The result of the {@code index}-th task submitted, once it is done; the exception it threw, if it threw. */
  public T get(int index) throws IOException, InterruptedException {
    try {
      return submitted.get(index).get();
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case IOException io -> throw io;
        case InterruptedException interrupted -> throw interrupted;
        case RuntimeException unchecked -> throw unchecked;
        case Error error -> throw error;
        case null, default -> throw new IllegalStateException("a task failed", e.getCause());
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
