package io.spry.cli.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery files: written privately, read back, stale ones dropped, ids found by prefix. */
class JobDirectoryTest {
  @TempDir Path tmp;

  private static JobFile job(String id, long pid, long started) {
    return new JobFile(id, "job-" + id.substring(0, 4), pid, 1000, 4242, "secret", started);
  }

  @Test
  void aJobFileIsOwnerOnlyAndReadsBackAsWritten() throws Exception {
    JobDirectory d = new JobDirectory(tmp.resolve("home/jobs"), (pid, start) -> true);
    JobFile j = job("0123456789abcdef0123456789abcdef", 7, 123);
    d.write(j);

    assertThat(d.running()).containsExactly(j);
    Path file = tmp.resolve("home/jobs/0123456789abcdef0123456789abcdef");
    assertThat(Files.readString(file)).contains("token=secret").contains("port=4242");
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    }
    assertThat(j.toString()).doesNotContain("secret");
    d.delete(j.jobId());
    assertThat(d.running()).isEmpty();
    assertThat(file).doesNotExist();
  }

  @Test
  void filesOfGoneProcessesAreDeletedAndUnreadableOnesSkipped() throws Exception {
    Set<Long> alive = Set.of(1L);
    JobDirectory d = new JobDirectory(tmp, (pid, start) -> alive.contains(pid));
    JobFile live = job("aaaa0000000000000000000000000000", 1, 2);
    JobFile stale = job("bbbb0000000000000000000000000000", 2, 1);
    d.write(live);
    d.write(stale);
    Files.writeString(tmp.resolve("cccc0000000000000000000000000000"), "garbage\n");

    assertThat(d.running()).containsExactly(live);
    assertThat(tmp.resolve(stale.jobId())).doesNotExist();
    assertThat(tmp.resolve("cccc0000000000000000000000000000")).exists();
  }

  @Test
  void theRealProcessCheckTellsThisProcessFromALaterOneWithItsPid() {
    long pid = ProcessHandle.current().pid();
    long start = JobDirectory.currentProcessStart();
    assertThat(JobDirectory.processIsAlive(pid, start)).isTrue();
    if (start >= 0) {
      assertThat(JobDirectory.processIsAlive(pid, start - 60_000)).isFalse();
    }
  }

  @Test
  void findsAJobByIdOrUnambiguousPrefixAndSaysWhatRunsOtherwise() throws Exception {
    JobDirectory d = new JobDirectory(tmp, (pid, start) -> true);
    assertThatThrownBy(() -> d.find("abc"))
        .isInstanceOf(ControlException.class)
        .hasMessageContaining("no Spry jobs are running")
        .hasMessageContaining(tmp.toString());

    JobFile a = job("abc10000000000000000000000000000", 1, 1);
    JobFile b = job("abc20000000000000000000000000000", 1, 2);
    d.write(a);
    d.write(b);
    assertThat(d.find("abc1")).isEqualTo(a);
    assertThat(d.find(b.jobId())).isEqualTo(b);
    assertThat(d.find("ABC2")).isEqualTo(b);
    assertThatThrownBy(() -> d.find("abc"))
        .isInstanceOf(ControlException.class)
        .hasMessageContaining("'abc' is ambiguous")
        .hasMessageContaining(a.jobId())
        .hasMessageContaining(b.jobId())
        .satisfies(e -> assertThat(((ControlException) e).exitCode()).isEqualTo(2));
    assertThatThrownBy(() -> d.find("ffff"))
        .hasMessageContaining("No running job has id 'ffff'. Running jobs:")
        .hasMessageContaining(a.jobId() + "  job-abc1 (started ");
  }

  @Test
  void theServerListensOnLoopbackAndRefusesAWrongToken() throws Exception {
    List<String> notices = new ArrayList<>();
    try (ControlServer server = new ControlServer("right-token", notices::add)) {
      assertThat(send(server.port(), Protocol.line(Protocol.MAGIC, "wrong", "STATUS", "x")))
          .startsWith("ERR Refused");
      assertThat(send(server.port(), Protocol.line(Protocol.MAGIC, "right-token", "STATUS", "x")))
          .startsWith("ERR ")
          .contains("no+longer+running");
      assertThat(send(server.port(), "GET / HTTP/1.1")).startsWith("ERR Not+a+Spry");
    }
    assertThat(notices).isEmpty();
  }

  private static String send(int port, String line) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = s.getOutputStream();
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
    }
  }

  @Test
  void fieldsSurviveTheWire() {
    List<String> fields =
        List.of("a b", "", "tab\tand\nline", "50% + more", "/tmp/x y/savepoint-1");
    String line = Protocol.line(fields);
    assertThat(line).doesNotContain("\n").doesNotContain("\t");
    assertThat(line.split(" ", -1)).hasSize(fields.size());
    assertThat(Protocol.fields(line)).isEqualTo(fields);
  }
}
