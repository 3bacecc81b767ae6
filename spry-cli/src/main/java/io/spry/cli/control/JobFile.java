package io.spry.cli.control;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;

/**
 * What the jobs directory says about one running job: where its control server listens and the
 * token it wants. One file per job, named by the job id, written by the {@code spry run} process
 * that runs it.
 *
 * @param jobId the job's id (32 hex digits)
 * @param jobName the job's name
 * @param pid the process that runs it
 * @param processStartMillis when that process started (epoch millis), or -1 when unknown: with the
 *     pid, it tells a live process from a later one that got the same pid
 * @param port the loopback port of its control server
 * @param token the secret a request must carry
 * @param startedMillis when the job started (epoch millis)
 */
public record JobFile(
    String jobId,
    String jobName,
    long pid,
    long processStartMillis,
    int port,
    String token,
    long startedMillis) {

  static final int VERSION = 1;

  /** The file's text: Java properties. */
  String format() {
    Properties p = new Properties();
    p.setProperty("version", Integer.toString(VERSION));
    p.setProperty("id", jobId);
    p.setProperty("name", jobName);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("process-start", Long.toString(processStartMillis));
    p.setProperty("port", Integer.toString(port));
    p.setProperty("token", token);
    p.setProperty("started", Long.toString(startedMillis));
    StringWriter w = new StringWriter();
    try {
      p.store(w, "A Spry job run by process " + pid + "; deleted when the job ends");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Reads a job file's text.
   *
   * @throws IllegalArgumentException naming the missing or bad entry
   */
  static JobFile parse(String text) {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a job file: " + e.getMessage(), e);
    }
    String version = required(p, "version");
    if (!version.equals(Integer.toString(VERSION))) {
      throw new IllegalArgumentException(
          "written by another version of spry (format " + version + ", this one reads " + VERSION);
    }
    return new JobFile(
        required(p, "id"),
        required(p, "name"),
        number(p, "pid"),
        number(p, "process-start"),
        (int) number(p, "port"),
        required(p, "token"),
        number(p, "started"));
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("no '" + key + "' entry");
    }
    return v;
  }

  private static long number(Properties p, String key) {
    String v = required(p, key);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + key + "' is not a number: '" + v + "'");
    }
  }

  private static final DateTimeFormatter STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  /** When the job started, in this machine's time zone: {@code 2026-11-22 14:03:11}. */
  public String started() {
    return STARTED.format(Instant.ofEpochMilli(startedMillis));
  }

  /** The first 8 characters of the id: enough to name a job on the command line. */
  public String shortId() {
    return jobId.substring(0, Math.min(8, jobId.length()));
  }

  @Override
  public String toString() {
    // never the token
    return "JobFile(" + jobId + ", '" + jobName + "', pid " + pid + ", port " + port + ")";
  }
}
