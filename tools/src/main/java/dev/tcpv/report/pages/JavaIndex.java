package dev.tcpv.report.pages;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.tcpv.check.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The members of Java source trees that name rule IDs, found with JavaParser: for main code, methods,
 * constructors and types whose Javadoc, comments or string literals name an ID (the engine tags its steps
 * with string IDs); for tests, the test methods whose display name, method name, Javadoc or comments do.
 *
 * @param members every member found, by file and line
 * @param files the source files read, relative to the root
 */
record JavaIndex(List<JavaMember> members, List<String> files) {
  private static final Set<String> TEST_ANNOTATIONS =
      Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "FuzzTest", "TestTemplate");

  JavaIndex {
    members = List.copyOf(members);
    files = List.copyOf(files);
  }

  /** The members that name {@code id}. */
  List<JavaMember> naming(String id) {
    return members.stream().filter(m -> m.rules().contains(id)).toList();
  }

  /** Every test method of the sources, whether or not it names a rule. */
  List<JavaMember> tests() {
    return members.stream().filter(JavaMember::test).toList();
  }

  /**
   * Reads every {@code .java} file under the source roots (relative to {@code root}); a root that does not
   * exist is skipped. A file JavaParser cannot parse is an input error naming it.
   */
  static JavaIndex read(Path root, List<String> sourceRoots, boolean tests) throws InputException {
    JavaParser parser =
        new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
    List<JavaMember> members = new ArrayList<>();
    List<String> files = new ArrayList<>();
    for (String sourceRoot : sourceRoots) {
      Path dir = root.resolve(sourceRoot);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(dir)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      } catch (IOException e) {
        throw new InputException("cannot list " + dir + ": " + e.getMessage());
      }
      for (Path source : sources) {
        String rel = root.relativize(source).toString().replace('\\', '/');
        ParseResult<CompilationUnit> result;
        try {
          result = parser.parse(source);
        } catch (IOException e) {
          throw new InputException("cannot read " + rel + ": " + e.getMessage());
        }
        CompilationUnit unit = result.getResult().orElse(null);
        if (!result.isSuccessful() || unit == null) {
          throw new InputException(rel + ": not parsable Java: "
              + result.getProblems().stream().findFirst().map(p -> p.getMessage()).orElse("unknown problem"));
        }
        files.add(rel);
        collect(unit, rel, tests, members);
      }
    }
    return new JavaIndex(members, files);
  }

  private static void collect(CompilationUnit unit, String file, boolean tests, List<JavaMember> out) {
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      String typeName = type.getNameAsString();
      if (!tests) {
        Set<String> ids = type.getComment().map(c -> RuleIds.in(c.getContent())).orElse(Set.of());
        if (!ids.isEmpty()) {
          // A type is shown from its Javadoc to its declaration's name, not with its whole body.
          int begin = type.getComment().flatMap(Node::getBegin).or(type::getBegin).map(p -> p.line).orElse(1);
          int end = type.getName().getEnd().map(p -> p.line).orElse(begin);
          out.add(new JavaMember(file, typeName, typeName, begin, end, ids, false, null));
        }
      }
      for (Object o : type.getMembers()) {
        if (!(o instanceof CallableDeclaration<?> callable)) {
          continue;
        }
        boolean isTest =
            callable.getAnnotations().stream().anyMatch(a -> TEST_ANNOTATIONS.contains(a.getNameAsString()));
        if (tests != isTest) {
          continue;
        }
        Set<String> ids = new LinkedHashSet<>();
        callable.getComment().ifPresent(c -> ids.addAll(RuleIds.in(c.getContent())));
        for (Comment c : callable.getAllContainedComments()) {
          ids.addAll(RuleIds.in(c.getContent()));
        }
        for (StringLiteralExpr s : callable.findAll(StringLiteralExpr.class)) {
          ids.addAll(RuleIds.in(s.getValue()));
        }
        for (TextBlockLiteralExpr s : callable.findAll(TextBlockLiteralExpr.class)) {
          ids.addAll(RuleIds.in(s.getValue()));
        }
        @Nullable String display = null;
        for (AnnotationExpr a : callable.getAnnotations()) {
          if (a.getNameAsString().equals("DisplayName") && a instanceof SingleMemberAnnotationExpr single) {
            display = single.getMemberValue().findAll(StringLiteralExpr.class).stream()
                .map(StringLiteralExpr::asString).reduce("", String::concat);
          }
        }
        if (display != null) {
          ids.addAll(RuleIds.in(display));
        }
        ids.addAll(RuleIds.inMethodName(callable.getNameAsString()));
        if (isTest || !ids.isEmpty()) {
          out.add(member(file, typeName, callable.getNameAsString(), callable, ids, isTest, display));
        }
      }
    }
  }

  private static JavaMember member(String file, String type, String name, Node node, Set<String> ids, boolean test,
      @Nullable String display) {
    int begin = node.getComment().flatMap(Node::getBegin).or(node::getBegin).map(p -> p.line).orElse(1);
    int end = node.getEnd().map(p -> p.line).orElse(begin);
    return new JavaMember(file, type, name, begin, end, ids, test, display);
  }
}
