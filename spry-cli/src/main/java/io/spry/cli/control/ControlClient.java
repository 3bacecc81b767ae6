package io.spry.cli.control;

import io.spry.api.checkpoint.CheckpointStats;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends {@link Protocol} requests to the process that runs a job. */
public final class ControlClient {
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  /** For quick requests; savepoints, stops and cancels wait as long as they take. */
  private static final int QUICK_TIMEOUT_MS = 30_000;

  private ControlClient() {}

  /** What {@code STATUS} says about a job. */
  public record Status(String status, int restarts, String checkpointInterval, long checkpoints) {
    public boolean checkpointing() {
      return !checkpointInterval.isEmpty();
    }
  }

  public static Status status(JobFile job) {
    List<String> f = single(job, call(job, Protocol.STATUS, QUICK_TIMEOUT_MS));
    return new Status(f.get(0), Integer.parseInt(f.get(1)), f.get(2), Long.parseLong(f.get(3)));
  }

  /** Takes a savepoint under {@code dir} (absolute; null for the job's checkpoint directory). */
  public static String savepoint(JobFile job, String dir) {
    return single(job, call(job, Protocol.SAVEPOINT, 0, dir)).get(0);
  }

  /** Stops the job with a savepoint; returns its path once the job has ended. */
  public static String stopWithSavepoint(JobFile job, String dir) {
    return single(job, call(job, Protocol.STOP, 0, dir)).get(0);
  }

  /** Cancels the job; returns its status afterwards. */
  public static String cancel(JobFile job) {
    return single(job, call(job, Protocol.CANCEL, 0)).get(0);
  }

  /** The job's completed checkpoints and savepoints, oldest first. */
  public static List<CheckpointStats> checkpoints(JobFile job) {
    List<CheckpointStats> out = new ArrayList<>();
    for (List<String> f : call(job, Protocol.CHECKPOINTS, QUICK_TIMEOUT_MS)) {
      if (f.size() < 9) {
        throw malformed(job);
      }
      out.add(
          new CheckpointStats(
              Long.parseLong(f.get(0)),
              Boolean.parseBoolean(f.get(1)),
              Long.parseLong(f.get(2)),
              Long.parseLong(f.get(3)),
              Long.parseLong(f.get(4)),
              Long.parseLong(f.get(5)),
              f.get(6),
              Long.parseLong(f.get(7)),
              f.get(8)));
    }
    return out;
  }

  private static List<String> single(JobFile job, List<List<String>> lines) {
    if (lines.size() != 1 || lines.get(0).isEmpty()) {
      throw malformed(job);
    }
    return lines.get(0);
  }

  private static ControlException malformed(JobFile job) {
    return ControlException.failed(
        "The process "
            + job.pid()
            + " of job "
            + job.jobId()
            + " sent an answer this spry cannot read (another version?)");
  }

  /** Sends one request; returns the lines of an OK response, split into fields. */
  static List<List<String>> call(JobFile job, String command, int readTimeoutMs, String... args) {
    List<String> request = new ArrayList<>();
    request.add(Protocol.MAGIC);
    request.add(job.token());
    request.add(command);
    request.add(job.jobId());
    request.addAll(List.of(args == null ? new String[0] : nullsToEmpty(args)));
    String where = "127.0.0.1:" + job.port();
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), job.port()), CONNECT_TIMEOUT_MS);
      s.setSoTimeout(readTimeoutMs);
      OutputStream out = s.getOutputStream();
      out.write((Protocol.line(request) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new BufferedInputStream(s.getInputStream());
      String first = Protocol.readLine(in);
      if (first == null) {
        throw ControlException.failed(
            "The process "
                + job.pid()
                + " of job "
                + job.jobId()
                + " closed the connection without an answer (is it exiting?)");
      }
      if (first.startsWith(Protocol.ERR + " ")) {
        throw ControlException.failed(
            Protocol.fields(first.substring(Protocol.ERR.length() + 1)).get(0));
      }
      if (!first.equals(Protocol.OK)) {
        throw malformed(job);
      }
      List<List<String>> lines = new ArrayList<>();
      for (String l = Protocol.readLine(in); l != null; l = Protocol.readLine(in)) {
        lines.add(Protocol.fields(l));
      }
      return lines;
    } catch (SocketTimeoutException e) {
      throw ControlException.failed(
          "Job "
              + job.jobId()
              + " did not answer within "
              + readTimeoutMs / 1000
              + " s ("
              + where
              + ")");
    } catch (IOException e) {
      throw ControlException.failed(
          "Cannot reach job "
              + job.jobId()
              + " at "
              + where
              + " (process "
              + job.pid()
              + "): "
              + e.getMessage());
    }
  }

  private static String[] nullsToEmpty(String[] args) {
    String[] out = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = args[i] == null ? "" : args[i];
    }
    return out;
  }
}
