package dev.tcpv.report.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How Chromium is found or installed, with apt-get replaced by a recorder. */
class ChromiumTest {
  private final Path dir;
  private final List<List<String>> commands = new ArrayList<>();
  private final List<String> said = new ArrayList<>();

  ChromiumTest(@TempDir Path dir) {
    this.dir = dir;
  }

  private Chromium.Apt recorder(int updateStatus, int installStatus) {
    return new Chromium.Apt((command, log) -> {
      commands.add(command);
      return command.get(1).equals("update") ? updateStatus : installStatus;
    });
  }

  private Path executable(String name) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void presentProgramsAreFoundWithoutApt() throws IOException {
    Path browser = executable("chromium");
    Path driver = executable("chromedriver");
    Chromium.Lookup lookup = Chromium.obtain(browser, driver, true, recorder(0, 0), dir.resolve("apt.log"), said::add);
    assertEquals(new Chromium.Found(browser, driver), lookup);
    assertEquals(List.of(), commands);
    assertEquals(List.of(), said);
  }

  @Test
  void notRootSaysWhatToInstall() throws IOException {
    Path browser = executable("chromium");
    Chromium.Apt apt = new Chromium.Apt((command, log) -> {
      fail("apt-get run without root: " + command);
      return 0;
    });
    Chromium.Lookup lookup = Chromium.obtain(browser, dir.resolve("chromedriver"), false, apt, dir.resolve("apt.log"),
        said::add);
    assertEquals(new Chromium.Missing(dir.resolve("chromedriver") + " missing: install Debian's packages chromium "
        + "chromium-driver (as root: apt-get install -y chromium chromium-driver)"), lookup);
    assertEquals(List.of(), said);
  }

  @Test
  void rootUpdatesOnceThenInstalls() {
    Path browser = dir.resolve("chromium");
    Path driver = dir.resolve("chromedriver");
    Path log = dir.resolve("logs/apt.log");
    Chromium.Apt apt = recorder(0, 0);
    Chromium.Lookup first = Chromium.obtain(browser, driver, true, apt, log, said::add);
    Chromium.Lookup second = Chromium.obtain(browser, driver, true, apt, log, said::add);
    assertEquals(List.of(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "chromium",
        "chromium-driver"), List.of("apt-get", "install", "-y", "chromium", "chromium-driver")), commands);
    assertEquals(2, said.size());
    assertEquals("installing chromium chromium-driver with apt-get for the browser checks (log: " + log + ")",
        said.get(0));
    assertTrue(Files.isDirectory(dir.resolve("logs")), "the log's folder is made");
    // The recorder installs nothing: the programs are still missing, and the answer says so.
    assertInstanceOf(Chromium.Missing.class, first);
    assertTrue(((Chromium.Missing) second).reason().startsWith(browser + " and " + driver + " still missing after"),
        second.toString());
  }

  @Test
  void failedInstallIsReported() {
    Chromium.Lookup lookup = Chromium.obtain(dir.resolve("chromium"), dir.resolve("chromedriver"), true,
        recorder(0, 100), dir.resolve("apt.log"), said::add);
    assertEquals(new Chromium.Missing("apt-get install -y chromium chromium-driver failed (exit 100), see "
        + dir.resolve("apt.log")), lookup);
  }

  @Test
  void failedUpdateStopsBeforeInstalling() {
    Chromium.Lookup lookup = Chromium.obtain(dir.resolve("chromium"), dir.resolve("chromedriver"), true,
        recorder(1, 0), dir.resolve("apt.log"), said::add);
    assertEquals(new Chromium.Missing("apt-get update failed (exit 1), see " + dir.resolve("apt.log")), lookup);
    assertEquals(List.of(List.of("apt-get", "update")), commands);
  }

  @Test
  void commandsRunWithTheirOutputAppendedToTheLog() throws IOException, InterruptedException {
    Path log = dir.resolve("apt.log");
    Files.writeString(log, "before\n");
    String script = "echo out; echo err >&2; read x || echo no input; echo $DEBIAN_FRONTEND; exit 3";
    assertEquals(3, Chromium.run(List.of("sh", "-c", script), log));
    assertEquals("before\nout\nerr\nno input\nnoninteractive\n", Files.readString(log));
  }

  @Test
  void rootIsReadFromTheProcessStatus() throws IOException, InterruptedException {
    Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String uid = new String(id.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    assertEquals(0, id.waitFor());
    assertEquals(uid.equals("0"), Chromium.runsAsRoot());
  }
}
