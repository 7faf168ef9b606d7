package io.newssignals.enrich;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Near-duplicate detection with MinHash signatures over word 4-shingles and locality-sensitive hashing (16 bands of 4
 * rows). A story whose estimated Jaccard similarity to an earlier story within the window is at least
 * {@link #THRESHOLD} is a duplicate of that story (or of the story that one copied); its novelty is
 * {@code 100 * (1 - similarity)}, capped at 99. Only a story published before it (same time: a smaller id) can be
 * copied, and only one that reports the same events ({@link NoveltyIndex#checkAndRecord(String, long[], Set, long)}).
 * Stories published earlier than the window are forgotten.
 */
public final class MinHashNoveltyIndex implements NoveltyIndex {

  static final int HASHES = 64;
  static final int BANDS = 16;
  static final int ROWS = HASHES / BANDS;
  static final int SHINGLE = 4;
  static final double THRESHOLD = 0.5;
  private static final int MIN_SHINGLES = 6;
  private static final int MAX_PER_BUCKET = 16;
  private static final long[] SEEDS = new long[HASHES];

  static {
    for (int j = 0; j < HASHES; j++) {
      SEEDS[j] = 0x9E3779B97F4A7C15L * (j + 1);
    }
  }

  private final NoveltyStore store;
  private final long windowMillis;

  public MinHashNoveltyIndex(NoveltyStore store, Duration window) {
    this.store = store;
    this.windowMillis = window.toMillis();
  }

  /** An index held in memory, for batch replays. */
  public static MinHashNoveltyIndex inMemory(Duration window) {
    return new MinHashNoveltyIndex(NoveltyStore.inMemory(), window);
  }

  @Override
  public Verdict checkAndRecord(String articleId, long[] sig, Set<String> events, long publishedMillis) {
    if (sig == null) {
      return Verdict.FIRST;
    }
    Set<String> candidates = new LinkedHashSet<>();
    for (int b = 0; b < BANDS; b++) {
      byte[] bucket = store.get(bandKey(b, sig));
      if (bucket != null) {
        for (String id : new String(bucket, StandardCharsets.UTF_8).split("\n")) {
          if (!id.isEmpty() && !id.equals(articleId)) {
            candidates.add(id);
          }
        }
      }
    }
    String bestId = null;
    String bestRoot = null;
    double best = 0;
    long bestTime = Long.MAX_VALUE;
    for (String id : candidates) {
      byte[] stored = store.get(sigKey(id));
      if (stored == null) {
        continue;
      }
      Stored s = Stored.decode(stored);
      if (Math.abs(publishedMillis - s.published) > windowMillis) {
        continue;
      }
      // a story copies only what was published before it (ties: the smaller id, the replay's order), so a copy
      // that reaches the index first never turns the story it copies into a copy of itself
      if (s.published > publishedMillis || s.published == publishedMillis && id.compareTo(articleId) > 0) {
        continue;
      }
      if (!sameStory(events, s.events)) {
        continue;
      }
      double j = similarity(sig, s.signature);
      if (j >= THRESHOLD && (j > best + 1e-9 || Math.abs(j - best) <= 1e-9 && s.published < bestTime)) {
        best = j;
        bestId = id;
        bestRoot = s.root == null || s.root.isEmpty() ? id : s.root;
        bestTime = s.published;
      }
    }
    Verdict v = bestId == null ? Verdict.FIRST
        : new Verdict((int) Math.max(0, Math.min(99, Math.round((1 - best) * 100))), bestRoot);
    if (store.get(sigKey(articleId)) == null) {
      store.put(sigKey(articleId), new Stored(publishedMillis, v.duplicateOf(), sig, events).encode());
      for (int b = 0; b < BANDS; b++) {
        String key = bandKey(b, sig);
        byte[] bucket = store.get(key);
        List<String> ids = new ArrayList<>();
        if (bucket != null) {
          for (String id : new String(bucket, StandardCharsets.UTF_8).split("\n")) {
            if (!id.isEmpty()) {
              ids.add(id);
            }
          }
        }
        ids.add(articleId);
        while (ids.size() > MAX_PER_BUCKET) {
          ids.remove(0);
        }
        store.put(key, String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
      }
    }
    return v;
  }

  /**
   * Whether two stories report the same events: one's events contain the other's (a copy may drop or add a
   * sentence). Stories that report no event are compared on their text alone.
   */
  static boolean sameStory(Set<String> a, Set<String> b) {
    return a.containsAll(b) || b.containsAll(a);
  }

  /** Forgets stories published before {@code nowMillis - window}. */
  public int purge(long nowMillis) {
    List<String> old = new ArrayList<>();
    store.forEach((k, v) -> {
      if (k.startsWith("s:") && Stored.decode(v).published < nowMillis - windowMillis) {
        old.add(k);
      }
    });
    for (String k : old) {
      Stored s = Stored.decode(store.get(k));
      String id = k.substring(2);
      for (int b = 0; b < BANDS; b++) {
        String key = bandKey(b, s.signature);
        byte[] bucket = store.get(key);
        if (bucket == null) {
          continue;
        }
        List<String> ids = new ArrayList<>(List.of(new String(bucket, StandardCharsets.UTF_8).split("\n")));
        ids.remove(id);
        ids.removeIf(String::isEmpty);
        if (ids.isEmpty()) {
          store.delete(key);
        } else {
          store.put(key, String.join("\n", ids).getBytes(StandardCharsets.UTF_8));
        }
      }
      store.delete(k);
    }
    return old.size();
  }

  /**
   * MinHash signature of the text's word shingles (words: runs of letters and digits, lower-cased), or null when the
   * text is too short to judge. One pass over the characters: each word is hashed once and a shingle's hash is
   * composed from its words' hashes, without building strings.
   */
  public static long[] signature(String text) {
    int len = text.length();
    // per word: polynomial hash of the word followed by a space, and 31^(its length + 1)
    long[] wordHash = new long[Math.max(16, len / 5)];
    long[] wordPow = new long[wordHash.length];
    int words = 0;
    long h = 0;
    long pow = 1;
    boolean inWord = false;
    for (int i = 0; i <= len; i++) {
      char c = i < len ? Character.toLowerCase(text.charAt(i)) : ' ';
      if (Character.isLetterOrDigit(c)) {
        h = 31 * h + c;
        pow *= 31;
        inWord = true;
      } else if (inWord) {
        if (words == wordHash.length) {
          wordHash = java.util.Arrays.copyOf(wordHash, words * 2);
          wordPow = java.util.Arrays.copyOf(wordPow, words * 2);
        }
        wordHash[words] = 31 * h + ' ';
        wordPow[words] = pow * 31;
        words++;
        h = 0;
        pow = 1;
        inWord = false;
      }
    }
    int n = words - SHINGLE + 1;
    if (n < MIN_SHINGLES) {
      return null;
    }
    long[] sig = new long[HASHES];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      long s = 1125899906842597L;
      for (int k = 0; k < SHINGLE; k++) {
        s = s * wordPow[i + k] + wordHash[i + k];
      }
      for (int j = 0; j < HASHES; j++) {
        long v = mix(s ^ SEEDS[j]);
        if (v < sig[j]) {
          sig[j] = v;
        }
      }
    }
    return sig;
  }

  static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int i = 0; i < HASHES; i++) {
      if (a[i] == b[i]) {
        same++;
      }
    }
    return same / (double) HASHES;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static String bandKey(int band, long[] sig) {
    long h = band;
    for (int r = 0; r < ROWS; r++) {
      h = mix(h * 31 + sig[band * ROWS + r]);
    }
    return "b:" + band + ":" + Long.toHexString(h);
  }

  private static String sigKey(String id) {
    return "s:" + id;
  }

  /** A stored signature: published time, root story id (empty when first), signature, the story's events. */
  private record Stored(long published, String root, long[] signature, Set<String> events) {
    byte[] encode() {
      byte[] r = root == null ? new byte[0] : root.getBytes(StandardCharsets.UTF_8);
      byte[] e = String.join("\n", events).getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.allocate(8 + 4 + r.length + 8 * HASHES + 4 + e.length);
      b.putLong(published).putInt(r.length).put(r);
      for (long l : signature) {
        b.putLong(l);
      }
      b.putInt(e.length).put(e);
      return b.array();
    }

    static Stored decode(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long p = b.getLong();
      byte[] r = new byte[b.getInt()];
      b.get(r);
      long[] sig = new long[HASHES];
      for (int i = 0; i < HASHES; i++) {
        sig[i] = b.getLong();
      }
      Set<String> events = Set.of();
      if (b.remaining() >= 4) {
        byte[] e = new byte[b.getInt()];
        b.get(e);
        events = e.length == 0 ? Set.of() : new TreeSet<>(List.of(new String(e, StandardCharsets.UTF_8).split("\n")));
      }
      return new Stored(p, new String(r, StandardCharsets.UTF_8), sig, events);
    }
  }
}
