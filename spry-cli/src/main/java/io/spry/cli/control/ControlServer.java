package io.spry.cli.control;

import io.spry.api.JobHandle;
import io.spry.api.JobStatus;
import io.spry.api.checkpoint.CheckpointConfig;
import io.spry.api.checkpoint.CheckpointStats;
import io.spry.api.execution.JobSpec;
import io.spry.api.time.Durations;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link Protocol} requests for the jobs of this process, on a port of the loopback
 * interface only.
 *
 * <h2>Threads</h2>
 *
 * One acceptor thread ({@code spry-control-accept}) takes connections and hands each to a pool of
 * at most {@value #MAX_HANDLERS} handler threads ({@code spry-control-<n>}); a request beyond that
 * gets a "busy" error. A handler reads the request (at most {@value #READ_TIMEOUT_MS} ms), checks
 * the token, then may wait as long as a savepoint takes. All threads are daemons. The job map is
 * concurrent: jobs come and go from the threads that submit and end them.
 *
 * <h2>Security</h2>
 *
 * Bound to 127.0.0.1, so only this machine can connect; every request must carry the token, which
 * only the job files (mode 0600, in a 0700 directory) hold, so only this user can send commands.
 */
final class ControlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
  static final int MAX_HANDLERS = 8;
  static final int READ_TIMEOUT_MS = 10_000;

  /** A job this server controls. */
  record Controlled(JobSpec spec, JobHandle handle) {}

  private final byte[] token;
  private final Consumer<String> notices;
  private final ServerSocket socket;
  private final Thread acceptor;
  private final ThreadPoolExecutor handlers;
  private final Map<String, Controlled> jobs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Listens on a free loopback port.
   *
   * @param notices where to say what a command did to a job (the run's standard error)
   */
  ControlServer(String token, Consumer<String> notices) throws IOException {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.notices = notices;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AtomicInteger n = new AtomicInteger();
    this.handlers =
        new ThreadPoolExecutor(
            0,
            MAX_HANDLERS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "spry-control-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "spry-control-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  void add(JobSpec spec, JobHandle handle) {
    jobs.put(handle.jobId(), new Controlled(spec, handle));
  }

  void remove(String jobId) {
    jobs.remove(jobId);
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = socket.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("The job control server stopped accepting connections: {}", e.toString());
        }
        return;
      }
      try {
        handlers.execute(() -> serve(s));
      } catch (RejectedExecutionException e) {
        try (s) {
          respondError(s.getOutputStream(), "The spry run process is busy with other requests");
        } catch (IOException ignored) {
          // the client gives up on its own
        }
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(READ_TIMEOUT_MS);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      String line = Protocol.readLine(in);
      if (line == null) {
        return;
      }
      List<String> f = Protocol.fields(line);
      if (f.size() < 3 || !f.get(0).equals(Protocol.MAGIC)) {
        respondError(out, "Not a Spry control request");
        return;
      }
      if (!MessageDigest.isEqual(token, f.get(1).getBytes(StandardCharsets.UTF_8))) {
        LOG.warn(
            "Refused a control request with a wrong token from {}", s.getRemoteSocketAddress());
        respondError(out, "Refused: wrong token (read it from the job's file)");
        return;
      }
      List<String> response;
      try {
        response = handle(f.get(2), f.subList(3, f.size()));
      } catch (ControlException e) {
        respondError(out, e.getMessage());
        return;
      }
      StringBuilder b = new StringBuilder(Protocol.OK).append('\n');
      for (String r : response) {
        b.append(r).append('\n');
      }
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (SocketException e) {
      LOG.debug("A control connection failed", e);
    } catch (IOException | RuntimeException e) {
      LOG.warn("A control request failed: {}", e.toString());
    }
  }

  private static void respondError(OutputStream out, String message) throws IOException {
    out.write(
        (Protocol.ERR + " " + Protocol.line(message) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** The lines of an OK response, each already encoded. */
  private List<String> handle(String command, List<String> args) {
    if (args.isEmpty()) {
      throw ControlException.failed("The " + command + " request names no job");
    }
    Controlled job = jobs.get(args.get(0));
    if (job == null) {
      throw ControlException.failed(
          "Job " + args.get(0) + " is no longer running in this process (it has ended)");
    }
    String dir = args.size() > 1 && !args.get(1).isEmpty() ? args.get(1) : null;
    return switch (command) {
      case Protocol.STATUS -> List.of(status(job));
      case Protocol.SAVEPOINT -> List.of(Protocol.line(savepoint(job, dir, false)));
      case Protocol.STOP -> List.of(Protocol.line(savepoint(job, dir, true)));
      case Protocol.CANCEL -> List.of(Protocol.line(cancel(job)));
      case Protocol.CHECKPOINTS -> checkpoints(job);
      default -> throw ControlException.failed("Unknown control command '" + command + "'");
    };
  }

  private static String status(Controlled job) {
    CheckpointConfig cc = job.spec().config().getCheckpointConfig();
    JobHandle h = job.handle();
    return Protocol.line(
        h.status().name(),
        Integer.toString(h.restarts()),
        cc.isEnabled() ? Durations.format(cc.getInterval()) : "",
        Long.toString(h.checkpoints().stream().filter(c -> !c.savepoint()).count()));
  }

  private String savepoint(Controlled job, String dir, boolean stop) {
    JobHandle h = job.handle();
    CheckpointConfig cc = job.spec().config().getCheckpointConfig();
    String name = describe(job);
    if (!cc.isEnabled()) {
      throw ControlException.failed(
          name
              + " runs without checkpointing, so it cannot take savepoints. Start it with"
              + " checkpoints on: 'spry run ... --checkpoint-interval 10s' (or"
              + " env.enableCheckpointing(...) in its main)"
              + (stop ? "; 'spry cancel' stops it without a savepoint" : ""));
    }
    if (dir == null && cc.getStorage() == null) {
      throw ControlException.failed(
          name
              + " has no checkpoint directory to put the savepoint in: give --dir <dir> (or start"
              + " the job with --checkpoint-dir <dir>)");
    }
    checkRunning(job);
    CompletableFuture<String> f = stop ? h.stopWithSavepoint(dir) : h.triggerSavepoint(dir);
    String path;
    try {
      path = f.get();
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof CompletionException c && c.getCause() != null
              ? c.getCause()
              : e.getCause();
      throw ControlException.failed(
          name
              + " could not take the savepoint: "
              + reason(cause)
              + (stop ? "; the job goes on running" : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ControlException.failed(
          "The spry run process of " + name + " is exiting; the savepoint may not be complete");
    }
    notices.accept(
        stop
            ? "Job '" + h.jobName() + "' stopped with a savepoint: " + path
            : "Job '" + h.jobName() + "' took a savepoint: " + path);
    return path;
  }

  private String cancel(Controlled job) {
    JobHandle h = job.handle();
    checkRunning(job);
    notices.accept("Job '" + h.jobName() + "' is being cancelled (spry cancel)");
    h.cancel();
    try {
      h.result().handle((r, e) -> null).get(1, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      return JobStatus.CANCELLING.name();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      // handled above: cannot happen
    }
    return h.status().name();
  }

  private static List<String> checkpoints(Controlled job) {
    if (!job.spec().config().getCheckpointConfig().isEnabled()) {
      throw ControlException.failed(
          describe(job)
              + " runs without checkpointing: it has no checkpoints. Start it with checkpoints"
              + " on: 'spry run ... --checkpoint-interval 10s' (or env.enableCheckpointing(...)"
              + " in its main)");
    }
    List<String> lines = new ArrayList<>();
    for (CheckpointStats c : job.handle().checkpoints()) {
      lines.add(
          Protocol.line(
              Long.toString(c.id()),
              Boolean.toString(c.savepoint()),
              Long.toString(c.triggerTimestamp()),
              Long.toString(c.durationMillis()),
              Long.toString(c.sizeBytes()),
              Long.toString(c.alignmentMillis()),
              c.slowestSubtask() == null ? "" : c.slowestSubtask(),
              Long.toString(c.slowestSyncMillis()),
              c.path() == null ? "" : c.path()));
    }
    return lines;
  }

  private static void checkRunning(Controlled job) {
    JobStatus s = job.handle().status();
    if (s.isTerminal() || s == JobStatus.CANCELLING) {
      throw ControlException.failed(describe(job) + " is " + s + ", no longer running");
    }
  }

  private static String describe(Controlled job) {
    return "Job '" + job.handle().jobName() + "' (" + job.handle().jobId() + ")";
  }

  /** The message of the first cause that has one, else the exception's class. */
  private static String reason(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return c.getMessage();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return t == null ? "unknown" : t.toString();
  }

  /**
   * Stops accepting and waits up to {@code graceMillis} for requests being served (a stop's
   * response goes out right after its job ended), then interrupts them.
   */
  void close(long graceMillis) {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Closing the control socket failed", e);
    }
    handlers.shutdown();
    try {
      if (!handlers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
        handlers.shutdownNow();
      }
    } catch (InterruptedException e) {
      handlers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(5_000);
  }
}
