package dev.tcpv.check;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs tasks (a TLC run each) side by side and hands their results back in the order the tasks were submitted,
 * each as soon as it is done: {@code tcpv check} and {@code tcpv mutate} check several models at once and still
 * report them in the manifest's or catalogue's order.
 *
 * <p>Each task has a cost, the processor cores it keeps busy (a TLC run's workers), and tasks start in the order
 * they were submitted while their costs together fit in a capacity: with a capacity of two cores, two runs of one
 * worker go side by side and a run of two workers goes alone. A task that costs more than the capacity costs the
 * capacity.
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
  private final int capacity;
  /** Guards {@link #free} and {@link #next}. */
  private final Object turn = new Object();
  /** The capacity not taken by running tasks. */
  private int free;
  /** The index of the next task to take capacity: tasks take it in the order they were submitted. */
  private int next;
  private final List<Future<T>> submitted = new ArrayList<>();

  /**
   * @param capacity the cores the tasks may fill, at least 1: so many tasks of cost 1 run at once
   * @param name the prefix of the threads' names
   */
  public OrderedJobs(int capacity, String name) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a capacity of at least one, not " + capacity);
    }
    this.capacity = capacity;
    this.free = capacity;
    this.pool = Executors.newFixedThreadPool(capacity, Thread.ofPlatform().daemon().name(name + "-", 1).factory());
  }

  /** Queues {@code task} at cost 1. */
  public void submit(Task<T> task) {
    submit(1, task);
  }

  /**
   * Queues {@code task}, which keeps {@code cost} cores busy (at least 1); it starts once the tasks submitted
   * before it have started and the running ones leave room for it.
   */
  public void submit(int cost, Task<T> task) {
    if (cost < 1) {
      throw new IllegalArgumentException("a cost of at least one, not " + cost);
    }
    int taken = Math.min(cost, capacity);
    int ticket = submitted.size();
    // The pool hands tasks to its threads in this order, and a task takes capacity only when those before it
    // have: a costly task is not overtaken by cheap ones behind it. While one waits, the others run, and at most
    // capacity - 1 of them do, so a thread is always left for it.
    submitted.add(pool.submit(() -> {
      synchronized (turn) {
        while (next != ticket || free < taken) {
          turn.wait();
        }
        free -= taken;
        next++;
        turn.notifyAll();
      }
      try {
        return task.call();
      } finally {
        synchronized (turn) {
          free += taken;
          turn.notifyAll();
        }
      }
    }));
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
