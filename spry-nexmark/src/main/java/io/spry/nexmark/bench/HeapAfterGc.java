package io.spry.nexmark.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
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

  private final List<GarbageCollectorMXBean> collectors = new ArrayList<>();

  /**
   * Per collector, its collections before the run: a notification counts when its collection number
   * ({@code GcInfo.getId()}) is above that.
   */
  private final Map<String, Long> before = new HashMap<>();

  private long max = -1;
  private long seen;

  private HeapAfterGc() {}

  /**
   * Starts listening: collections from now on count. Concurrent cycles (a "Concurrent" collector,
   * as G1 reports its remark and cleanup pauses on newer JDKs) are left out: they free little, so
   * the heap after them is mostly garbage.
   */
  static HeapAfterGc start() {
    HeapAfterGc h = new HeapAfterGc();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter e && !gc.getName().contains("Concurrent")) {
        synchronized (h) {
          h.before.put(gc.getName(), Math.max(0, gc.getCollectionCount()));
        }
        h.collectors.add(gc);
        e.addNotificationListener(h, null, null);
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
    Long baseline = before.get(info.getGcName());
    if (baseline == null || info.getGcInfo().getId() <= baseline) {
      return; // another collector's, or a collection from before the run reported late
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
   * Stops listening once the notifications of the run's collections have come (or after half a
   * second); returns the largest heap after any of them, or -1 when there was none.
   */
  synchronized long stop() throws InterruptedException {
    try {
      long collections = 0;
      for (GarbageCollectorMXBean gc : collectors) {
        collections += Math.max(0, gc.getCollectionCount()) - before.get(gc.getName());
      }
      long deadline = System.nanoTime() + 500_000_000L;
      while (seen < collections && System.nanoTime() < deadline) {
        wait(50);
      }
      return max;
    } finally {
      for (GarbageCollectorMXBean gc : collectors) {
        try {
          ((NotificationEmitter) gc).removeNotificationListener(this);
        } catch (javax.management.ListenerNotFoundException ignored) {
          // not registered: nothing to remove
        }
      }
    }
  }
}
