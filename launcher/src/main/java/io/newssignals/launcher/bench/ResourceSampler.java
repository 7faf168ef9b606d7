package io.newssignals.launcher.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CPU and heap of this JVM over one benchmark phase.
 *
 * <p>CPU is the process CPU time ({@code com.sun.management.OperatingSystemMXBean.getProcessCpuTime()}) between
 * {@link #start()} and {@link #stop()}: when the broker, the services and the benchmark clients share the JVM it
 * covers all of them. Per-service CPU is the CPU time of the threads whose name contains a marker (Kafka Streams
 * names its threads after the client id, which starts with the application id), sampled every 50 ms so that
 * threads that end before {@link #stop()} still count up to their last sample.
 *
 * <p>Peak heap is the largest used heap seen by sampling every 50 ms, and also the sum of the GC pools' peak usage
 * (reset at {@link #start()}), an upper bound since pools peak at different moments.
 */
final class ResourceSampler implements AutoCloseable {
  private static final long SAMPLE_MS = 50;

  private final com.sun.management.OperatingSystemMXBean os;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<String> threadMarkers;
  private final AtomicLong peakHeap = new AtomicLong();
  private final Map<Long, Long> threadCpuAtStart = new HashMap<>();
  private final Map<Long, Long> threadCpuLast = new HashMap<>();
  private final Map<Long, String> threadMarkerOf = new HashMap<>();
  private long cpuStartNs;
  private long wallStartNs;
  private Thread sampler;
  private volatile boolean running;

  /** The phase's figures. */
  record Usage(double wallSeconds, double processCpuSeconds, long peakHeapBytes, long poolPeakHeapBytes,
      Map<String, Double> cpuSecondsByMarker) {}

  ResourceSampler(List<String> threadMarkers) {
    this.os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    this.threadMarkers = List.copyOf(threadMarkers);
  }

  void start() {
    System.gc(); // the phase's peak should not include garbage the previous phase left behind
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    peakHeap.set(memory.getHeapMemoryUsage().getUsed());
    synchronized (threadCpuLast) {
      threadCpuAtStart.clear();
      threadCpuLast.clear();
      threadMarkerOf.clear();
    }
    sampleThreads(true);
    cpuStartNs = os.getProcessCpuTime();
    wallStartNs = System.nanoTime();
    running = true;
    sampler = new Thread(this::sampleLoop, "bench-resource-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  Usage stop() {
    running = false;
    if (sampler != null) {
      sampler.interrupt();
      try {
        sampler.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sampleThreads(false);
    double wall = (System.nanoTime() - wallStartNs) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuStartNs) / 1e9;
    long poolPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        poolPeak += pool.getPeakUsage().getUsed();
      }
    }
    Map<String, Double> byMarker = new HashMap<>();
    synchronized (threadCpuLast) {
      for (Map.Entry<Long, Long> e : threadCpuLast.entrySet()) {
        long start = threadCpuAtStart.getOrDefault(e.getKey(), 0L);
        String marker = threadMarkerOf.get(e.getKey());
        byMarker.merge(marker, (e.getValue() - start) / 1e9, Double::sum);
      }
    }
    for (String m : threadMarkers) {
      byMarker.putIfAbsent(m, 0.0);
    }
    return new Usage(wall, cpu, peakHeap.get(), poolPeak, byMarker);
  }

  @Override
  public void close() {
    running = false;
    if (sampler != null) {
      sampler.interrupt();
    }
  }

  private void sampleLoop() {
    while (running) {
      peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      sampleThreads(false);
      try {
        Thread.sleep(SAMPLE_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sampleThreads(boolean baseline) {
    if (threadMarkers.isEmpty() || !threads.isThreadCpuTimeSupported()) {
      return;
    }
    long[] ids = threads.getAllThreadIds();
    ThreadInfo[] infos = threads.getThreadInfo(ids);
    synchronized (threadCpuLast) {
      for (int i = 0; i < ids.length; i++) {
        ThreadInfo info = infos[i];
        if (info == null) {
          continue;
        }
        String marker = markerOf(info.getThreadName());
        if (marker == null) {
          continue;
        }
        long cpu = threads.getThreadCpuTime(ids[i]);
        if (cpu < 0) {
          continue;
        }
        // a thread first seen after the baseline started during the phase: all its CPU counts
        threadCpuAtStart.putIfAbsent(ids[i], baseline ? cpu : 0L);
        threadCpuLast.put(ids[i], cpu);
        threadMarkerOf.put(ids[i], marker);
      }
    }
  }

  private String markerOf(String threadName) {
    for (String m : threadMarkers) {
      if (threadName.contains(m)) {
        return m;
      }
    }
    return null;
  }
}
