package dev.tcpv.conform;

import dev.tcpv.check.ProjectLayout;
import dev.tcpv.conform.child.StateGraphDump;
import dev.tcpv.tlc.child.BranchLabel;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The conformance models' state graphs, kept once explored. A graph depends on the spec, the model and the explorer,
 * never on an engine, yet {@code conform} and each test that drives engines along the graphs explored the same
 * graphs with TLC again (exploring was about three quarters of the conform stage's time). A dump of
 * {@link StateGraphDump} is kept in {@code tools/target/conform-graphs}, named by the model and a digest of
 * everything the graph is computed from: the spec's and the models' modules, the model's configuration, the
 * explorer's classes ({@link StateGraphDump}, {@link BranchLabel} and their nested classes) and TLC's jar (its
 * name and size). Any change to one of them names another file, so a kept graph is the one TLC would explore now.
 * Written aside and moved into place, since two JVMs (the build's two test JVMs) may explore one model at once.
 */
public final class KeptGraphs {
  private KeptGraphs() {}

  /** Where the graphs are kept. */
  public static Path dir() {
    return ProjectLayout.root().resolve("tools/target/conform-graphs");
  }

  /**
   * A model's dump and whether it was explored now.
   *
   * @param file the dump, which {@link StateGraph#read} reads
   * @param explored true when TLC explored the model for this call, false when the dump was kept from before
   */
  public record Dump(Path file, boolean explored) {}

  /**
   * The dump of {@code name}'s state graph in {@code layout}: the kept one, or, when none is kept for these inputs
   * or {@code fresh}, one explored now by TLC (in a child JVM) and kept; earlier dumps of the model are removed.
   * Which of the two is said on {@code err}.
   */
  public static Dump dump(ProjectLayout layout, String name, boolean fresh, PrintWriter err)
      throws IOException, InterruptedException, ConformException {
    Path dir = dir();
    Files.createDirectories(dir);
    Path kept = dir.resolve(name + "-" + digest(layout, name) + ".graph");
    if (!fresh && Files.isRegularFile(kept)) {
      err.println(name + ": the state graph explored earlier from the same spec, model and explorer ("
          + ProjectLayout.root().relativize(kept) + ")");
      err.flush();
      return new Dump(kept, false);
    }
    err.println(name + ": exploring the state graph");
    err.flush();
    Path part = Files.createTempFile(dir, name + "-", ".part");
    try {
      Conformance.dump(layout, name, part);
      Files.move(part, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(part);
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        String file = String.valueOf(f.getFileName());
        if (file.matches(java.util.regex.Pattern.quote(name) + "-[0-9a-f]{16}\\.graph") && !f.equals(kept)) {
          Files.deleteIfExists(f);
        }
      }
    }
    return new Dump(kept, true);
  }

  /** The digest that names {@code name}'s kept graph: 16 hex digits of a SHA-256 over its inputs. */
  static String digest(ProjectLayout layout, String name) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("no SHA-256 in this JVM", e);
    }
    List<Path> inputs = new ArrayList<>();
    for (Path d : List.of(layout.specDir(), layout.modelsDir())) {
      try (Stream<Path> files = Files.list(d)) {
        files.filter(f -> f.toString().endsWith(".tla")).sorted().forEach(inputs::add);
      }
    }
    inputs.add(layout.modelsDir().resolve("MC" + name + ".cfg"));
    for (Path f : inputs) {
      update(md, String.valueOf(f.getFileName()));
      md.update(Files.readAllBytes(f));
    }
    for (Class<?> top : List.of(StateGraphDump.class, BranchLabel.class)) {
      for (Class<?> c : top.getNestMembers()) {
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (InputStream in = c.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IOException("cannot read the class file of " + c.getName());
          }
          update(md, c.getName());
          md.update(in.readAllBytes());
        }
      }
    }
    Path jar = Conformance.codeSource(tlc2.TLC.class);
    update(md, String.valueOf(jar.getFileName()) + " " + Files.size(jar));
    return HexFormat.of().formatHex(md.digest(), 0, 8);
  }

  private static void update(MessageDigest md, String s) {
    md.update(s.getBytes(StandardCharsets.UTF_8));
    md.update((byte) 0);
  }
}
