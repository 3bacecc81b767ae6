package io.spry.nexmark.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The largest heap in use right after a collection during a run: what the run's state kept alive
 * (plus old-generation garbage not collected yet), where the heap pools' peaks mostly show how far
 * the young generation filled between collections. Read from the collectors' notifications, which
 * the JVM delivers on a thread of its own shortly after each collection.
 */
final class HeapAfterGc implements NotificationListener {
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());

  private final List<NotificationEmitter> emitters = new ArrayList<>();

  /** JVM uptime (ms) when the run began: collections that began before do not count. */
  private final long since;

  private long max = -1;
  private long seen;

  private HeapAfterGc(long since) {
    this.since = since;
  }

  /** Starts listening: collections from now on count. */
  static HeapAfterGc start() {
    HeapAfterGc h = new HeapAfterGc(ManagementFactory.getRuntimeMXBean().getUptime());
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e) {
        e.addNotificationListener(h, null, null);
        h.emitters.add(e);
      }
    }
    return h;
  }

  @Override
  public synchronized void handleNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    if (info.getGcInfo().getStartTime() < since) {
      return; // the full collection before the run, reported late
    }
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    max = Math.max(max, used);
    seen++;
    notifyAll();
  }

  /**
   * Stops listening once the notifications of {@code collections} collections have come (or after a
   * short wait); returns the largest heap after any of them, or -1 when none was reported.
   */
  synchronized long stop(long collections) throws InterruptedException {
    long deadline = System.nanoTime() + 500_000_000L;
    while (seen < collections && System.nanoTime() < deadline) {
      wait(50);
    }
    for (NotificationEmitter e : emitters) {
      try {
        e.removeNotificationListener(this);
      } catch (javax.management.ListenerNotFoundException ignored) {
        // not registered: nothing to remove
      }
    }
    return max;
  }
}
