package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The key-value storage behind {@link MinHashNoveltyIndex}. */
public interface NoveltyStore {
  byte[] get(String key);

  void put(String key, byte[] value);

  void delete(String key);

  /** Visits every entry (used to purge entries older than the window). */
  void forEach(BiConsumer<String, byte[]> visitor);

  /** A plain in-memory store, for batch replays (extract, backtest). */
  static NoveltyStore inMemory() {
    Map<String, byte[]> map = new HashMap<>();
    return new NoveltyStore() {
      @Override
      public byte[] get(String key) {
        return map.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        map.put(key, value);
      }

      @Override
      public void delete(String key) {
        map.remove(key);
      }

      @Override
      public void forEach(BiConsumer<String, byte[]> visitor) {
        new HashMap<>(map).forEach(visitor);
      }
    };
  }

  /** A Kafka Streams key-value state store (changelogged, so the index survives restarts). */
  static NoveltyStore of(KeyValueStore<String, byte[]> store) {
    return new NoveltyStore() {
      @Override
      public byte[] get(String key) {
        return store.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        store.put(key, value);
      }

      @Override
      public void delete(String key) {
        store.delete(key);
      }

      @Override
      public void forEach(BiConsumer<String, byte[]> visitor) {
        List<KeyValue<String, byte[]>> all = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
          while (it.hasNext()) {
            all.add(it.next());
          }
        }
        for (KeyValue<String, byte[]> kv : all) {
          visitor.accept(kv.key, kv.value);
        }
      }
    };
  }
}
