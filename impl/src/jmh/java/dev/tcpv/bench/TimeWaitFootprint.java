package dev.tcpv.bench;

import dev.tcpv.endpoint.FourTuple;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Memory per entry of the endpoint's TIME-WAIT table ({@code dev.tcpv.endpoint.TimeWaitTable}, package-private,
 * reached through a private lookup) filled with distinct 4-tuples. Reports two figures: the retained heap, as
 * {@code totalMemory − freeMemory} after repeated {@code System.gc()} before and after filling, and the exact
 * size of the table's arrays (16-octet array headers, lengths rounded up to 8 octets, compressed oops).
 *
 * <p>Usage: {@code java -Xmx1g -cp impl/target/benchmarks.jar dev.tcpv.bench.TimeWaitFootprint [entries]}
 * (default one million).
 */
public final class TimeWaitFootprint {

  private static final String TABLE = "dev.tcpv.endpoint.TimeWaitTable";
  private static final int ARRAY_HEADER = 16;

  private TimeWaitFootprint() {}

  /** Runs the measurement. */
  public static void main(String[] args) throws Throwable {
    int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Class<?> tableClass = Class.forName(TABLE);
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(tableClass, MethodHandles.lookup());
    MethodHandle create = lookup.findConstructor(tableClass, MethodType.methodType(void.class));
    MethodHandle put =
        lookup.findVirtual(
            tableClass,
            "put",
            MethodType.methodType(void.class, FourTuple.class, int.class, int.class, long.class));
    MethodHandle size = lookup.findVirtual(tableClass, "size", MethodType.methodType(int.class));

    long before = usedAfterGc();
    Object table = create.invoke();
    for (int i = 0; i < entries; i++) {
      // Distinct tuples: one local address, remote address and port spread over the index.
      FourTuple t = new FourTuple(0x0A00_0001, 443, 0xC0A8_0000 + (i >>> 14), 1024 + (i & 0x3FFF));
      put.invoke(table, t, i, ~i, 240_000_000L + i);
    }
    long after = usedAfterGc();
    int filled = (int) size.invoke(table);
    if (filled != entries) {
      throw new IllegalStateException("table holds " + filled + " entries, expected " + entries);
    }
    long arrays = arrayBytes(tableClass, table);
    System.out.printf("entries:                     %,d%n", filled);
    System.out.printf("array bytes (exact):         %,d  = %.1f bytes/entry%n", arrays, (double) arrays / filled);
    System.out.printf(
        "retained heap (after GC):    %,d  = %.1f bytes/entry%n", after - before, (double) (after - before) / filled);
    // Keep the table reachable until both figures are taken.
    if (table.hashCode() == 0) {
      System.out.println();
    }
  }

  /** The sizes of every primitive array field of {@code table}, with their headers. */
  private static long arrayBytes(Class<?> tableClass, Object table) throws IllegalAccessException {
    long total = 0;
    int slots = -1;
    for (Field f : tableClass.getDeclaredFields()) {
      Class<?> component = f.getType().getComponentType();
      if (Modifier.isStatic(f.getModifiers()) || component == null) {
        continue;
      }
      f.setAccessible(true);
      Object array = f.get(table);
      if (array == null) {
        continue;
      }
      int length = Array.getLength(array);
      slots = length;
      long element = elementSize(component);
      total += align8(ARRAY_HEADER + element * length);
    }
    System.out.printf("slots:                       %,d%n", slots);
    return total;
  }

  private static long elementSize(Class<?> component) {
    if (component == long.class || component == double.class) {
      return 8;
    }
    if (component == int.class || component == float.class) {
      return 4;
    }
    if (component == short.class || component == char.class) {
      return 2;
    }
    if (component == byte.class || component == boolean.class) {
      return 1;
    }
    return 4;
  }

  private static long align8(long n) {
    return (n + 7) & ~7L;
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
