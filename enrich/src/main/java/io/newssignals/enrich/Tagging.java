package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The result of tagging one document: its entities and a sorted, non-overlapping list of mentions. */
public final class Tagging {

  /** One mention of an entity: [start, end) in the document text. */
  public record Mention(int start, int end, TaggedEntity entity) {}

  private final Document document;
  private final List<TaggedEntity> entities;
  private final List<Mention> mentions;

  Tagging(Document document, List<TaggedEntity> entities, List<Mention> mentions) {
    this.document = document;
    this.entities = Collections.unmodifiableList(entities);
    List<Mention> sorted = new ArrayList<>(mentions);
    sorted.sort((a, b) -> Integer.compare(a.start(), b.start()));
    this.mentions = Collections.unmodifiableList(sorted);
  }

  public Document document() {
    return document;
  }

  public List<TaggedEntity> entities() {
    return entities;
  }

  public List<Mention> mentions() {
    return mentions;
  }

  /** Mentions of entities of this type within [start, end). */
  public List<Mention> mentionsIn(int start, int end, EntityType type) {
    List<Mention> out = new ArrayList<>();
    for (Mention m : mentions) {
      if (m.start() >= start && m.end() <= end && (type == null || m.entity().type() == type)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The character before {@code pos} in {@code text}, spaces skipped ("(Global Wire)": '(' before the name), or 0. */
  static char charBefore(String text, int pos) {
    int i = pos - 1;
    while (i >= 0 && text.charAt(i) == ' ') {
      i--;
    }
    return i >= 0 ? text.charAt(i) : 0;
  }

  /** The character at or after {@code pos} in {@code text}, spaces skipped, or 0. */
  static char charAfter(String text, int pos) {
    int i = pos;
    while (i < text.length() && text.charAt(i) == ' ') {
      i++;
    }
    return i < text.length() ? text.charAt(i) : 0;
  }

  /** Whether any of {@code mentions} overlaps [start, end). */
  static boolean overlapsAny(List<Mention> mentions, int start, int end) {
    for (Mention m : mentions) {
      if (m.start() < end && start < m.end()) {
        return true;
      }
    }
    return false;
  }

  /** The entity with this canonical name, or null. */
  public TaggedEntity entityNamed(String name) {
    for (TaggedEntity e : entities) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
