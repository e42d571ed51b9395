package dev.tcpv.tlc.child;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tlc2.tool.distributed.TLCServer;
import tlc2.tool.impl.FastTool;
import util.SimpleFilenameToStream;
import util.ToolIO;

/**
 * The child JVM's main class for a distributed run: TLC's own {@code TLCServer.main}, preceded by one message
 * (code {@value #UNCHECKED_PROPERTIES}, framed like TLC's {@code -tool} messages) naming the properties of the
 * configuration that the distributed server does not check.
 *
 * <p>TLC's distributed mode checks invariants and action properties ({@code [][A]_v}) on every step its workers
 * compute, but no liveness: a configuration's temporal properties are dropped without a word. Parsing the model
 * once more here (two seconds) lets the result say so instead of passing in silence.
 *
 * <p>Arguments: {@code MODELS_DIR} then TLCServer's own ({@code -tool -metadir DIR -config CFG MODULE}).
 */
public final class DistributedServer {
  /** The message code of the unchecked properties, the next free one after {@link CountingTlc}'s. */
  public static final int UNCHECKED_PROPERTIES = 9774;

  private DistributedServer() {}

  public static void main(String[] args) throws Exception {
    ModuleScratch.isolate();
    if (args.length < 3) {
      System.err.println("usage: DistributedServer MODELS_DIR [TLCServer options] -config CFG MODULE");
      System.exit(2);
    }
    String dir = new File(args[0]).getAbsolutePath();
    String[] serverArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
    String module = stripTla(serverArgs[serverArgs.length - 1]);
    String config = module;
    for (int i = 0; i + 1 < serverArgs.length; i++) {
      if (serverArgs[i].equals("-config")) {
        config = stripCfg(serverArgs[i + 1]);
      }
    }
    CountingTlc.print(UNCHECKED_PROPERTIES, temporalProperties(dir, module, config));
    TLCServer.main(serverArgs);
  }

  /** The names of the configuration's temporal (liveness) properties, which TLC's distributed mode ignores. */
  static List<String> temporalProperties(String dir, String module, String config) {
    PrintStream saved = ToolIO.out;
    ToolIO.out = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    try {
      ToolIO.setUserDir(dir);
      FastTool tool = new FastTool(dir, module, config, new SimpleFilenameToStream());
      Set<String> names = new LinkedHashSet<>(List.of(tool.getImpliedTemporalNames()));
      return new ArrayList<>(names);
    } finally {
      ToolIO.out = saved;
    }
  }

  private static String stripTla(String name) {
    return name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name;
  }

  private static String stripCfg(String name) {
    return name.endsWith(".cfg") ? name.substring(0, name.length() - 4) : name;
  }
}
