package io.newssignals.enrich;

import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hybrid partnership stage: the rules find a partnership and its parties, the {@link PartnershipStatusModel}
 * reads its evidence sentence and, when confident (at least its threshold), overrides the status the rules read or
 * drops the event when the sentence reports no partnership news. A sentence that carries partnerships with two
 * different party sets is left to the rules: the model reads a sentence, not a pair.
 */
final class PartnershipModelStage {

  private final PartnershipStatusModel model;

  PartnershipModelStage(PartnershipStatusModel model) {
    this.model = model;
  }

  List<DetectedEvent> review(Tagging tagging, List<DetectedEvent> events) {
    Map<Integer, Integer> perSentence = new HashMap<>();
    for (DetectedEvent e : events) {
      if (e.type == EventType.PARTNERSHIP) {
        perSentence.merge(e.sentence, 1, Integer::sum);
      }
    }
    Document doc = tagging.document();
    // every verdict first: a model that throws half-way leaves the rules' events untouched
    Map<DetectedEvent, PartnershipStatusModel.Verdict> verdicts = new HashMap<>();
    for (DetectedEvent e : events) {
      if (e.type != EventType.PARTNERSHIP || perSentence.get(e.sentence) > 1 || e.sentence < 0
          || e.sentence >= doc.sentences().size()) {
        continue;
      }
      Document.Sentence s = doc.sentences().get(e.sentence);
      verdicts.put(e, model.classify(DealSentenceModel.features(doc.sentenceText(s),
          TrainDealModelCommand.orgSpans(tagging, s), s.title())));
    }
    List<DetectedEvent> out = new ArrayList<>(events.size());
    for (DetectedEvent e : events) {
      PartnershipStatusModel.Verdict v = verdicts.get(e);
      if (v == null || v.probability() < model.threshold()) {
        out.add(e);
        continue;
      }
      if (v.status() == null) {
        if (!model.mayDrop()) {
          out.add(e);
        }
        continue; // the sentence reports no partnership news: background, denial, legal form, contract
      }
      if (v.status() != e.status) {
        PartnershipStatus rules = e.status;
        e.status = v.status();
        e.why = String.format(Locale.ROOT, "%s; model partnership-status %s p=%.3f over the rules' %s",
            e.why == null ? "rules" : e.why, v.status(), v.probability(), rules);
      }
      out.add(e);
    }
    return out;
  }
}
