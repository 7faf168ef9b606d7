package io.newssignals.enrich;

/**
 * The entity stages as the event stages see them: the rule tagger, then the learned organisation stage when its
 * model is present. The training commands of the later models tag through this, so that they learn from the same
 * entities they will be given.
 */
final class Tagger {
  private final EntityTagger rules;
  private final OrgModelStage orgModel;

  private Tagger(EntityTagger rules, OrgModelStage orgModel) {
    this.rules = rules;
    this.orgModel = orgModel;
  }

  /** Over the bundled gazetteer, with the bundled organisation model. */
  static Tagger bundled() {
    return new Tagger(new EntityTagger(new GazetteerMatcher(Gazetteer.bundled())), OrgModelStage.bundled());
  }

  Tagging tag(Document doc) {
    return orgModel.extend(rules.tag(doc));
  }
}
