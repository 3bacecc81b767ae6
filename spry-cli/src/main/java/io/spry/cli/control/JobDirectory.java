package io.spry.cli.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory where running jobs announce themselves: one {@link JobFile} per job, named by its
 * id. {@code spry run} writes a job's file when the job starts and deletes it when the job ends;
 * the control commands ({@code spry list}, {@code savepoint}, ...) read them. A process killed with
 * SIGKILL leaves its files behind: a file whose process is gone is stale, and whoever lists the
 * directory deletes it.
 *
 * <p>The directory is {@code $SPRY_JOBS_DIR}, or the system property {@value #DIR_PROPERTY}, else
 * {@code ~/.spry/jobs}. Made readable by its owner only (0700), with files of mode 0600: the files
 * hold the tokens that let a request through, so other users of the machine cannot send commands.
 */
public final class JobDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(JobDirectory.class);

  /** The system property naming the directory (tests set it); wins over the environment. */
  public static final String DIR_PROPERTY = "spry.jobs.dir";

  /** The environment variable naming the directory. */
  public static final String DIR_ENV = "SPRY_JOBS_DIR";

  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final ProcessCheck processes;

  /** Tells live processes from gone ones; tests replace it. */
  interface ProcessCheck {
    /** Whether process {@code pid}, started at {@code startMillis} (-1: unknown), still runs. */
    boolean isAlive(long pid, long startMillis);
  }

  JobDirectory(Path dir, ProcessCheck processes) {
    this.dir = dir;
    this.processes = processes;
  }

  /** The directory this JVM uses: the system property, the environment variable, or the default. */
  public static JobDirectory standard() {
    return new JobDirectory(standardPath(), JobDirectory::processIsAlive);
  }

  static Path standardPath() {
    String p = System.getProperty(DIR_PROPERTY);
    if (p == null || p.isBlank()) {
      p = System.getenv(DIR_ENV);
    }
    if (p != null && !p.isBlank()) {
      return Path.of(p).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".spry", "jobs");
  }

  public Path path() {
    return dir;
  }

  /** Writes {@code job}'s file, atomically: a reader sees all of it or none. */
  public void write(JobFile job) throws IOException {
    createDirectory();
    Path tmp = dir.resolve("." + job.jobId() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, ownerOnly(OWNER_FILE));
    Files.writeString(tmp, job.format(), StandardCharsets.UTF_8);
    try {
      Files.move(
          tmp,
          fileOf(job.jobId()),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, fileOf(job.jobId()), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a job's file; logs what fails. */
  public void delete(String jobId) {
    try {
      Files.deleteIfExists(fileOf(jobId));
    } catch (IOException e) {
      LOG.warn("Could not delete the job file {}: {}", fileOf(jobId), e.toString());
    }
  }

  private Path fileOf(String jobId) {
    return dir.resolve(jobId);
  }

  private void createDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, ownerOnly(OWNER_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw new IOException(dir + " exists and is not a directory", e);
      }
    }
  }

  private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  /**
   * The jobs that run now, oldest first. Files of processes that are gone are deleted; files that
   * cannot be read are skipped with a warning in the log.
   */
  public List<JobFile> running() {
    List<JobFile> jobs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return jobs;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        if (f.getFileName().toString().startsWith(".") || !Files.isRegularFile(f)) {
          continue;
        }
        read(f).ifPresent(jobs::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the jobs directory " + dir + ": " + e, e);
    }
    jobs.sort(Comparator.comparingLong(JobFile::startedMillis).thenComparing(JobFile::jobId));
    return jobs;
  }

  private Optional<JobFile> read(Path f) {
    JobFile job;
    try {
      job = JobFile.parse(Files.readString(f, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty(); // the job ended meanwhile
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Skipping the job file {}: {}", f, e.getMessage());
      return Optional.empty();
    }
    if (!f.getFileName().toString().equals(job.jobId())) {
      LOG.warn("Skipping the job file {}: it is about job {}", f, job.jobId());
      return Optional.empty();
    }
    if (!processes.isAlive(job.pid(), job.processStartMillis())) {
      LOG.info("Deleting the file of job {}: its process {} is gone", job.jobId(), job.pid());
      delete(job.jobId());
      return Optional.empty();
    }
    return Optional.of(job);
  }

  /**
   * The running job whose id is {@code idOrPrefix} or starts with it.
   *
   * @throws ControlException (usage) when no job or several jobs match, listing the running ones
   */
  public JobFile find(String idOrPrefix) {
    List<JobFile> jobs = running();
    String wanted = idOrPrefix.trim().toLowerCase(java.util.Locale.ROOT);
    for (JobFile j : jobs) {
      if (j.jobId().equals(wanted)) {
        return j;
      }
    }
    List<JobFile> matches =
        wanted.isEmpty()
            ? List.of()
            : jobs.stream().filter(j -> j.jobId().startsWith(wanted)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw ControlException.usage(
          "Job id '"
              + idOrPrefix
              + "' is ambiguous: it starts "
              + matches.size()
              + " running jobs' ids. Give more of it:"
              + describe(matches));
    }
    if (jobs.isEmpty()) {
      throw ControlException.usage(
          "No running job has id '"
              + idOrPrefix
              + "': no Spry jobs are running (looked in "
              + dir
              + "; jobs started with 'spry run' by this user show up there)");
    }
    throw ControlException.usage(
        "No running job has id '" + idOrPrefix + "'. Running jobs:" + describe(jobs));
  }

  private static String describe(List<JobFile> jobs) {
    return jobs.stream()
        .map(
            j ->
                System.lineSeparator()
                    + "  "
                    + j.jobId()
                    + "  "
                    + j.jobName()
                    + " (started "
                    + j.started()
                    + ", pid "
                    + j.pid()
                    + ")")
        .collect(Collectors.joining());
  }

  /** The start time of this JVM's process (epoch millis), or -1 when the OS does not say. */
  static long currentProcessStart() {
    return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  /**
   * Whether {@code pid} runs and, when both start times are known, is the process that started at
   * {@code startMillis} (to the second: not a later process that got the same pid).
   */
  static boolean processIsAlive(long pid, long startMillis) {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    if (startMillis < 0) {
      return true;
    }
    return p.get()
        .info()
        .startInstant()
        .map(i -> Math.abs(i.toEpochMilli() - startMillis) < 1000)
        .orElse(true);
  }
}
