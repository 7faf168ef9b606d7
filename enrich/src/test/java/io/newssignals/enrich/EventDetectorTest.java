package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.enrich;
import static io.newssignals.enrich.Articles.events;
import static io.newssignals.enrich.Articles.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.newssignals.schema.AcquisitionStage;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.Direction;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventDetectorTest {

  private static DealEvent only(EnrichedArticle e, EventType t) {
    List<DealEvent> l = events(e, t);
    assertThat(l).as("%s events in %s", t, e.getEvents()).hasSize(1);
    return l.get(0);
  }

  @Nested
  class Investment {
    @Test
    void shouldTakeTheRoundsInvestorsFromANextSentenceThatSaysWhoLedIt() {
      DealEvent d = only(enrich("x", "Initech has raised $25m in a Series A round. Hooli led the financing, with "
          + "Globex, the Acme-owned fund, also taking part."), EventType.INVESTMENT);
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getInvestors()).containsExactly("Hooli", "Globex");
      assertThat(d.getAmount().getValue()).isEqualTo(25_000_000.0);
    }

    @Test
    void shouldReadAnAnnouncedRoundAsAnInvestmentNeverATakeover() {
      EnrichedArticle e = enrich("x", "Initech also announced a $45 million Series B led by Hooli, with Globex"
          + " participating.");
      DealEvent d = only(e, EventType.INVESTMENT);
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getInvestors()).containsExactly("Hooli", "Globex");
      assertThat(d.getAmount().getValue()).isEqualTo(45_000_000.0);
      assertThat(events(e, EventType.ACQUISITION)).isEmpty();
    }

    @Test
    void shouldReadABoughtMinorityStakeAsAnInvestmentOnly() {
      EnrichedArticle e = enrich("x", "Hooli has agreed to buy a 20% stake in Initech for £85 million.");
      assertThat(only(e, EventType.INVESTMENT).getTarget()).isEqualTo("Initech");
      assertThat(events(e, EventType.ACQUISITION)).isEmpty();
      EnrichedArticle control = enrich("x", "Hooli has agreed to buy a 60% stake in Initech for £85 million.");
      assertThat(only(control, EventType.ACQUISITION).getTarget()).isEqualTo("Initech");
    }

    @Test
    void shouldReadAPastRoundNamedByWhoseItIsWithTheInvestorThatLedIt() {
      DealEvent d = only(enrich("x", "Hooli, which led Initech's $30 million Series B round in February, declined to"
          + " comment."), EventType.INVESTMENT);
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getInvestors()).containsExactly("Hooli");
    }

    @Test
    void shouldReadNoDealInAClaimQuotedFromAForumButOneInACompanysOwnWords() {
      assertThat(events(enrich("x", "Hooli shares rose 2%. Speculation corner: \"Hooli buys Initech by year-end\" is the"
          + " top post."), EventType.ACQUISITION)).isEmpty();
      assertThat(events(enrich("x", "Hooli shares rose 2%. Things people asserted that are not true:\n"
          + "- \"Hooli is buying Initech.\""), EventType.ACQUISITION)).isEmpty();
      assertThat(events(enrich("x", "\"Hooli has agreed to buy Initech for $40 million,\" the company said in a"
          + " statement on Monday."), EventType.ACQUISITION)).hasSize(1);
    }

    @Test
    void shouldReadInvestorTargetAndAmount() {
      DealEvent d = only(enrich("x", "Globex will invest up to $1.2 billion in Initech, the companies said."),
          EventType.INVESTMENT);
      assertThat(d.getInvestors()).containsExactly("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getAmount().getValue()).isEqualTo(1.2e9);
      assertThat(d.getAmount().getCurrency()).isEqualTo("USD");
      assertThat(d.getEvidence()).startsWith("Globex will invest");
    }

    @Test
    void shouldCollectRoundLeadAndParticipantsButNotTheValuation() {
      EnrichedArticle e = enrich("x", "Initech has raised €30 million in a Series B round led by Acme Capital, "
          + "in a deal that values it at €200 million. Oakridge Partners and Hooli also took part.");
      DealEvent d = only(e, EventType.INVESTMENT);
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getInvestors()).containsExactlyInAnyOrder("Acme Capital", "Oakridge Partners", "Hooli");
      assertThat(d.getAmount().getValue()).isEqualTo(30e6);
      assertThat(d.getAmount().getCurrency()).isEqualTo("EUR");
    }

    @Test
    void shouldReadALeadInvestorAndLaterParticipants() {
      DealEvent d = only(enrich("x", "Acme Capital led a $25 million seed round in Initech. Hooli also invested."),
          EventType.INVESTMENT);
      assertThat(d.getInvestors()).containsExactly("Acme Capital", "Hooli");
      assertThat(d.getTarget()).isEqualTo("Initech");
    }

    @Test
    void shouldReadParticipantsNamedWithTakingPartInTheSameSentence() {
      DealEvent d = only(enrich("x", "Initech closed a $90 million Series C led by Globex, with Hooli and existing "
          + "investor Oakridge Partners taking part."), EventType.INVESTMENT);
      assertThat(d.getInvestors()).containsExactly("Globex", "Hooli", "Oakridge Partners");
    }

    @Test
    void shouldReadARoundWhoseAmountHasADecimalPoint() {
      DealEvent d = only(enrich("x", "Initech closed a $1.5bn Series E led by Globex."), EventType.INVESTMENT);
      assertThat(d.getAmount().getValue()).isEqualTo(1.5e9);
    }

    @Test
    void shouldReadJointInvestorsParticipantsAndReceivedFunding() {
      DealEvent joint = only(enrich("x", "Globex and Hooli invested $80 million in Initech."), EventType.INVESTMENT);
      assertThat(joint.getInvestors()).containsExactly("Globex", "Hooli");
      DealEvent part = only(enrich("x", "Hooli participated in Initech's $20 million funding round."),
          EventType.INVESTMENT);
      assertThat(part.getInvestors()).containsExactly("Hooli");
      assertThat(part.getTarget()).isEqualTo("Initech");
      DealEvent received = only(enrich("x", "Initech received $5 million in seed funding from Acme Capital."),
          EventType.INVESTMENT);
      assertThat(received.getInvestors()).containsExactly("Acme Capital");
    }

    @Test
    void shouldReadAHyphenatedLeadInvestor() {
      DealEvent d = only(enrich("x", "Hooli-backed Initech closed a $70 million Acme Capital-led funding round."),
          EventType.INVESTMENT);
      assertThat(d.getInvestors()).containsExactly("Acme Capital");
      assertThat(d.getTarget()).isEqualTo("Initech");
    }

    @Test
    void shouldReadATargetIntroducedByAnAppositive() {
      DealEvent d = only(enrich("x", "Globex said it had bought a 15% stake in a Danish battery startup, Norvolt, "
          + "for an undisclosed sum."), EventType.INVESTMENT);
      assertThat(d.getTarget()).isEqualTo("Norvolt");
    }

    @Test
    void shouldNotReadASaleOfAStakeAsAnInvestment() {
      assertThat(events(enrich("x", "Hooli sold half of its stake in Initech during the quarter."),
          EventType.INVESTMENT)).isEmpty();
    }

    @Test
    void shouldNotReadBuyingACompanysStockAsAnAcquisition() {
      EnrichedArticle e = enrich("x", "Hooli will buy Globex common stock at $12 a share, the companies said.");
      assertThat(events(e, EventType.ACQUISITION)).isEmpty();
    }

    @Test
    void shouldTreatAMinorityStakeAsInvestmentNotAcquisition() {
      EnrichedArticle e = enrich("x", "Hooli agreed to buy a $500 million stake in the startup Initech.");
      assertThat(events(e, EventType.ACQUISITION)).isEmpty();
      assertThat(only(e, EventType.INVESTMENT).getInvestors()).containsExactly("Hooli");
    }

    @Test
    void shouldResolveADescriptorToTheCompanyNamedBefore() {
      EnrichedArticle e = enrich("x", "Initech shares climbed 4% after Globex agreed to buy a $90 million stake "
          + "in the chipmaker.");
      DealEvent d = only(e, EventType.INVESTMENT);
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getInvestors()).containsExactly("Globex");
    }

    @Test
    void shouldIgnoreHypotheticalDeniedAndReportedInvestments() {
      assertThat(enrich("x", "Globex could invest $2 billion in Initech if talks go well.").getEvents()).isEmpty();
      assertThat(enrich("x", "Hooli denied a report that it would invest $1 billion in Initech.").getEvents())
          .isEmpty();
      assertThat(enrich("x", "Globex is in talks to invest $300 million in Initech, people familiar said.")
          .getEvents()).isEmpty();
    }

    @Test
    void shouldNotTreatCapitalSpendingOrRunningTotalsAsTheAmount() {
      EnrichedArticle e = enrich("x", "Globex will invest another $2 billion in Initech, bringing its total "
          + "commitment to $6 billion.");
      assertThat(only(e, EventType.INVESTMENT).getAmount().getValue()).isEqualTo(2e9);
      assertThat(enrich("x", "Hooli plans to spend $40 billion on data centres this year.").getEvents()).isEmpty();
    }
  }

  @Nested
  class Acquisition {
    @Test
    void shouldReadAnAnnouncedDealWithItsValueNotThePerSharePrice() {
      DealEvent d = only(enrich("x", "Globex agreed to acquire payments firm Initech for $45 a share in cash, a "
          + "deal valued at about $3.1 billion."), EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.ANNOUNCED);
      assertThat(d.getAmount().getValue()).isEqualTo(3.1e9);
    }

    @Test
    void shouldTakeThePossessiveAsBuyerOfANounDeal() {
      DealEvent d = only(enrich("x", "Regulators sued on Monday to block Globex's $4 billion acquisition of "
          + "Initech."), EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
    }

    @Test
    void shouldNotTakeTheUnitNamingItsParentAsTheBuyer() {
      DealEvent d = only(enrich("x", "Hooli owner Globex agreed to acquire Initech for $2 billion on Monday."),
          EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
    }

    @Test
    void shouldReadWhatACompanyPaidForAnotherAsAPastAcquisition() {
      DealEvent d = only(enrich("x", "The deal tops the $3.1bn Globex paid for Initech in 2019, analysts noted."),
          EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.COMPLETED);
    }

    @Test
    void shouldResolveTheCompanyAsSubjectToTheCompanyNamedBefore() {
      DealEvent d = only(enrich("x", "Globex reported strong sales on Monday. The company agreed on Tuesday to "
          + "acquire Initech for $800 million."), EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
    }

    @Test
    void shouldReadCompletedAndPastDeals() {
      assertThat(only(enrich("x", "Hooli said it had completed its purchase of Initech."), EventType.ACQUISITION)
          .getStage()).isEqualTo(AcquisitionStage.COMPLETED);
      assertThat(only(enrich("x", "The setback hurts Globex, which bought Initech for $800 million in 2019."),
          EventType.ACQUISITION).getStage()).isEqualTo(AcquisitionStage.COMPLETED);
    }

    @Test
    void shouldReadPassiveDeals() {
      DealEvent pending = only(enrich("x", "Initech agreed to be acquired by Globex for $2 billion."),
          EventType.ACQUISITION);
      assertThat(pending.getAcquirer()).isEqualTo("Globex");
      assertThat(pending.getStage()).isEqualTo(AcquisitionStage.ANNOUNCED);
      assertThat(only(enrich("x", "Initech was acquired by Hooli in 2017."), EventType.ACQUISITION).getStage())
          .isEqualTo(AcquisitionStage.COMPLETED);
    }

    @Test
    void shouldReadRumoursAsRumoredAndHedged() {
      DealEvent d = only(enrich("x", "Hooli is said to be weighing a bid for Initech, according to people "
          + "familiar with the matter."), EventType.ACQUISITION);
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.RUMORED);
      assertThat(d.getHedged()).isTrue();
    }

    @Test
    void shouldReadApproachingACompanyAboutATakeoverAsARumouredAcquisition() {
      DealEvent d = only(enrich("x", "Globex has approached Initech about a potential acquisition, two people close "
          + "to the talks said."), EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.RUMORED);
      assertThat(events(enrich("x", "Globex approached Initech about a joint sales push."), EventType.ACQUISITION))
          .isEmpty();
    }

    @Test
    void shouldResolveADescriptorTargetToTheSubjectOfThePreviousSentence() {
      DealEvent d = only(enrich("x", "Hooli's supply deal with Initech has lapsed, the two companies said. "
          + "Globex has held talks about acquiring the Oslo company, people familiar with the matter said."),
          EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Hooli");
    }

    @Test
    void shouldReadTwoCompaniesEndingTheirMergerAsAnAbandonedAcquisitionInTheArticlesDirection() {
      DealEvent d = only(enrich("x", "Globex and Initech have called off their $3 billion merger, the companies "
          + "said. Initech had agreed last spring to buy its larger rival, but regulators objected."),
          EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Initech");
      assertThat(d.getTarget()).isEqualTo("Globex");
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.ABANDONED);
      assertThat(d.getAmount().getValue()).isEqualTo(3_000_000_000.0);
    }

    @Test
    void shouldReadATargetWalkingAwayFromABuyersOffer() {
      DealEvent d = only(enrich("x", "Initech has walked away from Globex's $2.2 billion takeover offer and will "
          + "stay independent."), EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Globex");
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.ABANDONED);
    }

    @Test
    void shouldTakeThePriceAfterTheTargetOverAnEarlierAmount() {
      DealEvent d = only(enrich("x", "After raising $300 million in bonds, Globex agreed to acquire Initech for "
          + "$1.1 billion."), EventType.ACQUISITION);
      assertThat(d.getAmount().getValue()).isEqualTo(1.1e9);
      DealEvent perShare = only(enrich("x", "After raising $300 million in bonds, Globex agreed to acquire Initech "
          + "for $40 a share, or about $2 billion."), EventType.ACQUISITION);
      assertThat(perShare.getAmount().getValue()).isNotEqualTo(40.0);
    }

    @Test
    void shouldReadATakeoverDatedInAPastYearAsCompleted() {
      DealEvent d = only(enrich("x", "Globex's largest deal so far is its $9 billion takeover of Initech in 2014."),
          EventType.ACQUISITION);
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.COMPLETED);
    }

    @Test
    void shouldReadAbandonedDeals() {
      DealEvent d = only(enrich("x", "Globex has scrapped its planned $2 billion takeover of Initech after "
          + "regulators objected."), EventType.ACQUISITION);
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.ABANDONED);
    }

    @Test
    void shouldGiveNoEventForDenialsHypotheticalsOrTargetlessPlans() {
      assertThat(enrich("x", "Hooli denied a media report that it was in talks to buy Initech.").getEvents())
          .isEmpty();
      assertThat(enrich("x", "Analysts said Globex might buy Initech one day.").getEvents()).isEmpty();
      assertThat(enrich("x", "Globex is exploring the possibility of acquiring a software company.").getEvents())
          .isEmpty();
    }

    @Test
    void shouldTakeTheUnitNamedAfterItsParentAsBuyerAndRankPastStagesBelowCurrentNews() {
      EnrichedArticle e = enrich("x", "Globex's Hooli agreed to buy Initech for $900 million. Hooli had walked away "
          + "from an offer for Initech last year.");
      DealEvent d = only(e, EventType.ACQUISITION);
      assertThat(d.getAcquirer()).isEqualTo("Hooli");
      assertThat(d.getStage()).isEqualTo(AcquisitionStage.ANNOUNCED);
    }

    @Test
    void shouldKeepOneEventPerPairAtTheLatestStage() {
      EnrichedArticle e = enrich("Globex to buy Initech", "Globex agreed to buy Initech in May. On Friday Globex "
          + "said it had completed the acquisition of Initech.");
      assertThat(only(e, EventType.ACQUISITION).getStage()).isEqualTo(AcquisitionStage.COMPLETED);
    }

    @Test
    void shouldTakeTheBuyerFromAPossessiveTakeoverAndNotANationality() {
      DealEvent approved = only(enrich("x", "Initech shareholders approved Globex's $640 million takeover of the"
          + " company on Thursday."), EventType.ACQUISITION);
      assertThat(approved.getAcquirer()).isEqualTo("Globex");
      assertThat(approved.getTarget()).isEqualTo("Initech");
      EnrichedArticle rival = enrich("x", "Globex has agreed to acquire Belgian rival Initech for $140 million.");
      assertThat(only(rival, EventType.ACQUISITION).getTarget()).isEqualTo("Initech");
      assertThat(names(rival)).doesNotContain("Belgian");
    }
  }

  @Nested
  class StockMove {

    @Test
    void shouldReadTerminalStyleMovesByAbbreviationAndBareTicker() {
      List<DealEvent> moves = events(enrich("FLASH: deal", "Helixa Bio (NASDAQ: HLXB) signed a licence with Hooli."
          + " HLXB -14.5 pct; Hooli shs +0.4 pct."), EventType.STOCK_MOVE);
      assertThat(moves).extracting(d -> d.getCompany() + " " + d.getDirection() + " " + d.getPercent())
          .containsExactlyInAnyOrder("Helixa Bio DOWN 14.5", "Hooli UP 0.4");
    }

    @Test
    void shouldReportTheTickerAnArticlePrintsForAnUnknownCompanyButNotAnAcronym() {
      EnrichedArticle e = enrich("x", "Helixa Bio (NASDAQ: HLXB) and Kestrel Foods Ltd (UK) signed a deal with Hooli.");
      assertThat(e.getEntities()).filteredOn(x -> x.getName().equals("Helixa Bio")).extracting(x -> x.getTicker())
          .containsExactly("HLXB");
      assertThat(e.getEntities()).filteredOn(x -> x.getName().equals("Kestrel Foods")).hasSize(1)
          .extracting(x -> x.getTicker()).containsOnlyNulls();
    }
    @Test
    void shouldReadCompanyDirectionAndPercent() {
      EnrichedArticle e = enrich("x", "Shares of Initech jumped 12% on the news, while Globex (NYSE: GLBX) "
          + "slipped 2.5 percent.");
      assertThat(events(e, EventType.STOCK_MOVE)).extracting(DealEvent::getCompany, DealEvent::getDirection,
          DealEvent::getPercent).containsExactly(
              org.assertj.core.groups.Tuple.tuple("Initech", Direction.UP, 12.0),
              org.assertj.core.groups.Tuple.tuple("Globex", Direction.DOWN, 2.5));
    }

    @Test
    void shouldReadADecimalCommaAsContinentalCopyWritesIt() {
      assertThat(events(enrich("x", "Initech shares lost 1,1 per cent, while Globex rose by 0,7 per cent."),
          EventType.STOCK_MOVE)).extracting(DealEvent::getCompany, DealEvent::getDirection, DealEvent::getPercent)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Initech", Direction.DOWN, 1.1),
              org.assertj.core.groups.Tuple.tuple("Globex", Direction.UP, 0.7));
      // three digits after a comma separate thousands: not a percent read as 1.5
      assertThat(events(enrich("x", "Globex shares rose 1,500% since the listing."), EventType.STOCK_MOVE))
          .extracting(DealEvent::getPercent).doesNotContain(1.5);
    }

    @Test
    void shouldReadPerfectTensesAndTellAMoveFromAFigureSinceAMonthOrFromAPeak() {
      assertThat(events(enrich("x", "Initech shares have risen 2% and Globex shares had fallen by up to 1,4 per cent"
          + " before they closed 0,3 per cent lower."), EventType.STOCK_MOVE))
          .extracting(DealEvent::getCompany, DealEvent::getDirection, DealEvent::getPercent)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Initech", Direction.UP, 2.0),
              org.assertj.core.groups.Tuple.tuple("Globex", Direction.DOWN, 0.3));
      assertThat(events(enrich("x", "Globex shares have fallen 6% since September on weak demand."),
          EventType.STOCK_MOVE)).isEmpty();
      assertThat(events(enrich("x", "Initech, whose stock had fallen 40% from its peak, agreed to the offer."),
          EventType.STOCK_MOVE)).isEmpty();
      // a month in an apposition after the move dates the comparison, not the move
      assertThat(events(enrich("x", "Globex shares rose 3.4% on the news, their best day since February."),
          EventType.STOCK_MOVE)).extracting(DealEvent::getPercent).containsExactly(3.4);
    }

    @Test
    void shouldReadMoversListAndLiveBlogPhrasing() {
      // a bare ticker in parentheses, "is off", a signed figure, "finishes ... higher", "gave back"
      assertThat(events(enrich("x", "Globex (GLBX) falls 6.2% after-hours on a soft outlook."), EventType.STOCK_MOVE))
          .extracting(DealEvent::getCompany, DealEvent::getDirection, DealEvent::getPercent)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Globex", Direction.DOWN, 6.2));
      assertThat(only(enrich("x", "Hooli is off 0.2% in early trade."), EventType.STOCK_MOVE).getDirection())
          .isEqualTo(Direction.DOWN);
      assertThat(events(enrich("x", "Movers: Globex (GLBX) +4.4% - sales beat estimates. Hooli (HOOL) -3.2% - a "
          + "recall."), EventType.STOCK_MOVE)).extracting(DealEvent::getCompany, DealEvent::getDirection)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Globex", Direction.UP),
              org.assertj.core.groups.Tuple.tuple("Hooli", Direction.DOWN));
      assertThat(only(enrich("x", "Hooli finishes 0.8% higher."), EventType.STOCK_MOVE).getDirection())
          .isEqualTo(Direction.UP);
      assertThat(only(enrich("x", "Globex gave back 9.4% in Tokyo."), EventType.STOCK_MOVE).getDirection())
          .isEqualTo(Direction.DOWN);
      // a signed figure that is not a share move
      assertThat(events(enrich("x", "Globex said revenue was +4.4% in the quarter."), EventType.STOCK_MOVE)).isEmpty();
    }

    @Test
    void shouldFindTheSubjectBeforeARelativeClause() {
      DealEvent d = only(enrich("x", "Hooli, which is in a dispute with Globex over patents, fell 1.6%."),
          EventType.STOCK_MOVE);
      assertThat(d.getCompany()).isEqualTo("Hooli");
    }

    @Test
    void shouldPreferAClosingMoveAfterARecoveryOverTheIntradayExtreme() {
      DealEvent d = only(enrich("x", "Initech shares slid as much as 5.1% in Oslo but recovered to close 0.7% lower."),
          EventType.STOCK_MOVE);
      assertThat(d.getPercent()).isEqualTo(0.7);
      assertThat(d.getDirection()).isEqualTo(Direction.DOWN);
    }

    @Test
    void shouldGiveItsSharesAfterButToTheCompanyThatOpensTheSentence() {
      DealEvent d = only(enrich("x", "Hooli, the search group, said demand was steady, but its shares dropped 2.2%."),
          EventType.STOCK_MOVE);
      assertThat(d.getCompany()).isEqualTo("Hooli");
    }

    @Test
    void shouldIgnoreALongWhoseClauseBetweenTheCompanyAndItsMove() {
      DealEvent d = only(enrich("x", "Globex, whose finance chief has promised $5 billion in yearly revenue by 2029, "
          + "gained 1.3% in Paris."), EventType.STOCK_MOVE);
      assertThat(d.getCompany()).isEqualTo("Globex");
      assertThat(d.getPercent()).isEqualTo(1.3);
    }

    @Test
    void shouldPreferTheCloseOverTheIntradayExtreme() {
      DealEvent d = only(enrich("x", "Hooli stock fell as much as 9% before closing down 4.4%."),
          EventType.STOCK_MOVE);
      assertThat(d.getPercent()).isEqualTo(4.4);
      assertThat(d.getDirection()).isEqualTo(Direction.DOWN);
    }

    @Test
    void shouldReadVariedPhrasings() {
      EnrichedArticle e = enrich("x", "Shares in Globex fell 2% in London. Initech ended the day 3.5% lower. "
          + "Hooli's stock price dropped 5 percent.");
      assertThat(events(e, EventType.STOCK_MOVE)).extracting(DealEvent::getCompany, DealEvent::getPercent)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Globex", 2.0),
              org.assertj.core.groups.Tuple.tuple("Initech", 3.5), org.assertj.core.groups.Tuple.tuple("Hooli", 5.0));
    }

    @Test
    void shouldReadItsSharesAsTheHeadlineCompany() {
      DealEvent d = only(enrich("Initech beats forecasts", "The software maker reported record sales. Its shares "
          + "rose 6.5% in early trading."), EventType.STOCK_MOVE);
      assertThat(d.getCompany()).isEqualTo("Initech");
      assertThat(d.getPercent()).isEqualTo(6.5);
    }

    @Test
    void shouldReadADailyMoveFollowedByAYearToDateOne() {
      DealEvent d = only(enrich("x", "Globex said it would exit. Globex shares rose 2.2% on Friday and have gained "
          + "9% since the start of the year."), EventType.STOCK_MOVE);
      assertThat(d.getPercent()).isEqualTo(2.2);
    }

    @Test
    void shouldReadCashtagsThatStartASentenceAfterTheCompanyWasNamed() {
      List<DealEvent> l = events(enrich("Hooli and Globex sign pact", "Hooli said the pact would help. $GLBX "
          + "shares climbed 7% before the open, and $HOOL rose 1.1%."), EventType.STOCK_MOVE);
      assertThat(l).extracting(d -> d.getCompany() + " " + d.getPercent())
          .containsExactlyInAnyOrder("Globex 7.0", "Hooli 1.1");
    }

    @Test
    void shouldReadItsSharesInALaterClauseAsTheSubjectsStock() {
      DealEvent d = only(enrich("x", "Globex, the packaging group, said it would raise prices in May, and its shares "
          + "fell 3.4% in Frankfurt."), EventType.STOCK_MOVE);
      assertThat(d.getCompany()).isEqualTo("Globex");
      assertThat(d.getDirection()).isEqualTo(Direction.DOWN);
    }

    @Test
    void shouldReadHigherAfterThePercent() {
      DealEvent d = only(enrich("x", "Globex (NYSE: GLBX) shares ended 3.3% higher."), EventType.STOCK_MOVE);
      assertThat(d.getDirection()).isEqualTo(Direction.UP);
    }

    @Test
    void shouldNotReadIndicesRevenueMarketShareOrYearToDateAsStockMoves() {
      assertThat(enrich("x", "Globex rose 2%, outpacing the Composite Tech Index, which gained 0.7%.")
          .getEvents()).hasSize(1);
      assertThat(enrich("x", "Initech's revenue grew 30% and Hooli holds a 40% share of the market.")
          .getEvents()).isEmpty();
      assertThat(enrich("x", "Globex shares have gained 18% this year.").getEvents()).isEmpty();
    }
  }

  @Nested
  class Partnership {
    @Test
    void shouldReadANewPartnership() {
      DealEvent d = only(enrich("x", "Globex and Initech signed a partnership to sell robots in Asia."),
          EventType.PARTNERSHIP);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.FORMED);
    }

    @Test
    void shouldReadPartnershipPhrasingsWithoutAPartnershipNoun() {
      DealEvent research = only(enrich("x", "Hooli and Initech have started joint research on battery materials, "
          + "the companies said on Tuesday."), EventType.PARTNERSHIP);
      assertThat(research.getParties()).containsExactly("Hooli", "Initech");
      assertThat(research.getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(only(enrich("x", "Initech said on Friday it has agreed to work with Globex on payments."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(only(enrich("x", "Globex will extend its cooperation with Initech to Brazil."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
      assertThat(only(enrich("x", "Relations between Globex and Initech have soured after an outage."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.STRAINED);
    }

    @Test
    void shouldReadAReportedDecisionWithWouldAsNews() {
      assertThat(only(enrich("x", "Initech said on Friday it would collaborate with Globex on sensors."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(events(enrich("x", "Initech could collaborate with Globex on sensors."), EventType.PARTNERSHIP))
          .isEmpty();
    }

    @Test
    void shouldReadAChangeToACompanysOwnArrangementButNotASupplyContractOrAHypothetical() {
      assertThat(only(enrich("x", "Globex has terminated its exclusive voice-AI arrangement with Initech."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
      assertThat(only(enrich("x", "Globex has put its arrangement with Initech under review."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      assertThat(events(enrich("x", "Globex has terminated its supply agreement with Initech."),
          EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Globex might deepen its arrangement with Initech next year."),
          EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldReadWithdrawingAndAFutureEndAsAnEnding() {
      assertThat(only(enrich("x", "Initech has withdrawn from its alliance with Globex, the company said."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
      assertThat(only(enrich("x", "Initech said its collaboration with Globex will end on December 31."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
    }

    @Test
    void shouldNotReportStrainThatIsDeniedNegatedOrGeneric() {
      assertThat(events(enrich("x", "Globex pushed back against reports that its partnership with Initech is on the"
          + " rocks."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Globex and Initech are two months into their exclusive arrangement and nobody"
          + " has sued anybody."), EventType.PARTNERSHIP))
          .noneMatch(d -> d.getStatus() == PartnershipStatus.STRAINED);
      assertThat(events(enrich("x", "Globex, Initech and their peers have spent the year signing research "
          + "collaborations instead of buying companies."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldReadLitigationBetweenPartnersAsStrainUnlessSettled() {
      DealEvent d = only(enrich("x", "Initech has commenced arbitration in London against Globex, alleging that it"
          + " breached the exclusivity clause of their shipping alliance."), EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      DealEvent contested = only(enrich("x", "Initech filed a request for arbitration challenging what it calls"
          + " Globex's purported termination of their research alliance."), EventType.PARTNERSHIP);
      assertThat(contested.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      DealEvent settled = only(enrich("x", "Initech and Globex have settled their arbitration and agreed to extend"
          + " their shipping alliance to Asia, ending the four-month dispute."), EventType.PARTNERSHIP);
      assertThat(settled.getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
    }

    @Test
    void shouldTellAnEndedExclusivityFromAnEndedExclusiveArrangement() {
      DealEvent exclusivity = only(enrich("x", "Globex and Initech have agreed to end the exclusivity of their"
          + " routing partnership."), EventType.PARTNERSHIP);
      assertThat(exclusivity.getStatus()).isEqualTo(PartnershipStatus.NON_EXCLUSIVE);
      DealEvent arrangement = only(enrich("x", "Globex has ended its exclusive lending partnership with Initech,"
          + " the company said on Tuesday."), EventType.PARTNERSHIP);
      assertThat(arrangement.getStatus()).isEqualTo(PartnershipStatus.ENDED);
      DealEvent review = only(enrich("x", "Globex and Initech agreed to widen their partnership, ending a two-month"
          + " review."), EventType.PARTNERSHIP);
      assertThat(review.getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
    }

    @Test
    void shouldEndOnlyTheLeaversPairsWhenOneMemberLeavesAThreePartyAlliance() {
      List<DealEvent> l = events(enrich("x", "Hooli has pulled out of the payments alliance it formed with Globex and"
          + " Initech in March, the company said on Tuesday."), EventType.PARTNERSHIP);
      assertThat(l).extracting(d -> d.getParties() + " " + d.getStatus())
          .containsExactlyInAnyOrder("[Globex, Hooli] ENDED", "[Hooli, Initech] ENDED");
      List<DealEvent> all = events(enrich("x", "Hooli, Globex and Initech have ended their payments alliance."),
          EventType.PARTNERSHIP);
      assertThat(all).isNotEmpty().noneMatch(d -> String.valueOf(d.getExplanation()).contains("leaves the others"));
    }

    @Test
    void shouldReportTheChangeAfterTheFormationAsTheCurrentStatus() {
      DealEvent d = only(enrich("x", "Globex put money into Initech in January and they announced a partnership the"
          + " same day. Now Globex has put the partnership with Initech under review, according to people familiar"
          + " with the matter."), EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
    }

    @Test
    void shouldNotReadANegatedEndingAsAnEnd() {
      List<DealEvent> l = events(enrich("x", "Initech is not terminating its partnership agreement with Globex, the"
          + " person said, and continues to order wafers."), EventType.PARTNERSHIP);
      assertThat(l).noneMatch(d -> d.getStatus() == PartnershipStatus.ENDED);
    }

    @Test
    void shouldTakeAStatusChangeDatedInThePastForBackground() {
      assertThat(events(enrich("x", "Initech, whose exclusive partnership with Globex ended in August, said it would"
          + " cut jobs."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Hooli, which entered the alliance with Globex in January and widened it in"
          + " March, did not take part."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "The software ships through Globex, Initech's exclusive sales partner since"
          + " May."), EventType.PARTNERSHIP)).isEmpty();
      // dated by a weekday: the news itself
      DealEvent d = only(enrich("x", "Globex ended its partnership with Initech on Tuesday, the companies said."),
          EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.ENDED);
    }

    @Test
    void shouldNotMakeACourtOrARegulatorAPartner() {
      DealEvent d = only(enrich("x", "Initech has sued Globex in the Delaware Court of Chancery over their"
          + " content partnership."), EventType.PARTNERSHIP);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
    }

    @Test
    void shouldReadNoLongerRelyingSolelyOnAPartnerAsNonExclusive() {
      DealEvent d = only(enrich("x", "Globex will no longer rely exclusively on Initech for its warehouse software, "
          + "the company said."), EventType.PARTNERSHIP);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.NON_EXCLUSIVE);
    }

    @Test
    void shouldNotMakeACompanyNamedAsAnAlternativeSupplierAPartner() {
      List<DealEvent> l = events(enrich("x", "Initech keeps a right of first refusal, but Globex will invite other "
          + "vendors, such as Hooli, to bid elsewhere."), EventType.PARTNERSHIP);
      assertThat(l).noneMatch(d -> d.getParties().contains("Hooli"));
    }

    @Test
    void shouldReadTwoPartnershipsCoordinatedInOneSentence() {
      List<DealEvent> l = events(enrich("x", "Hooli and Initech are winding down their payments alliance, and "
          + "Globex has signed a new alliance with Initech to run the service."), EventType.PARTNERSHIP);
      assertThat(l).extracting(d -> d.getParties() + " " + d.getStatus())
          .containsExactlyInAnyOrder("[Hooli, Initech] ENDED", "[Globex, Initech] FORMED");
    }

    @Test
    void shouldNotGiveAPartnershipWordOfAnotherClauseToTheCompaniesOfADeal() {
      EnrichedArticle e = enrich("x", "Hooli closed its purchase of Initech in March, and several smaller insurers "
          + "have since struck alliances of their own.");
      assertThat(events(e, EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldReadAgreeingToCoDevelopAsANewPartnership() {
      DealEvent d = only(enrich("x", "Globex will license its sensors to Initech, and the two firms will jointly "
          + "develop warehouse robots, they said on Friday."), EventType.PARTNERSHIP);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(only(enrich("x", "Hooli and Initech agreed to co-develop a payments chip for retailers."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.FORMED);
    }

    @Test
    void shouldReadSeekingAWayOutAsStrainWithoutTheCompanyOfTheNextPredicate() {
      DealEvent d = only(enrich("x", "Initech is seeking an exit from its logistics alliance with Hooli and has "
          + "approached Globex about a replacement, people familiar said."), EventType.PARTNERSHIP);
      assertThat(d.getParties()).containsExactly("Hooli", "Initech");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
    }

    @Test
    void shouldReadEachStatus() {
      assertThat(only(enrich("x", "Hooli is broadening its alliance with Initech to cover Europe."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
      assertThat(only(enrich("x", "Globex will give Initech a right of first refusal on new work instead of "
          + "exclusivity."), EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.NON_EXCLUSIVE);
      assertThat(only(enrich("x", "Globex made Initech the exclusive partner for its cloud services."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.EXCLUSIVE);
      assertThat(only(enrich("x", "Tensions are rising in the partnership between Hooli and Initech over "
          + "pricing."), EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      assertThat(only(enrich("x", "Globex has terminated its partnership with Initech."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
    }

    @Test
    void shouldNotTakeAParentNamingItsUnitAsAParty() {
      DealEvent d = only(enrich("x", "Initech is deepening its partnership with Globex's Hooli, which also "
          + "invested in it."), EventType.PARTNERSHIP);
      assertThat(d.getParties()).containsExactly("Hooli", "Initech");
    }

    @Test
    void shouldNotTakeAnEndingInAnotherClauseForThePartnership() {
      DealEvent d = only(enrich("x", "Globex and Initech signed a partnership, while Hooli said it had ended its "
          + "supply deal with a rival."), EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
    }

    @Test
    void shouldTakeTheTwoCompaniesOfTheSentenceBeforeForThePairReferredTo() {
      List<DealEvent> l = events(enrich("x", "Globex and Initech signed a partnership in March. The companies said "
          + "on Monday they are expanding their partnership to Europe."), EventType.PARTNERSHIP);
      assertThat(l).anySatisfy(d -> {
        assertThat(d.getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
        assertThat(d.getParties()).containsExactly("Globex", "Initech");
      });
      List<DealEvent> described = events(enrich("x", "Initech, a fashion startup, signed a partnership with Globex "
          + "in March. The fashion startup and Globex are now extending their partnership to Asia."),
          EventType.PARTNERSHIP);
      assertThat(described).anySatisfy(d -> {
        assertThat(d.getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
        assertThat(d.getParties()).containsExactly("Globex", "Initech");
      });
    }

    @Test
    void shouldNotGuessThePairWhenTheSentenceBeforeNamesThreeCompanies() {
      assertThat(events(enrich("x", "Globex, Initech and Hooli signed a partnership in March. The companies are "
          + "now expanding their partnership to Asia."), EventType.PARTNERSHIP))
          .noneMatch(d -> d.getStatus() == PartnershipStatus.EXPANDED);
    }

    @Test
    void shouldReadStrainBetweenCompaniesTheArticleCallsPartners() {
      DealEvent d = only(enrich("x", "Globex and Initech formed a partnership in 2019 and work together on chips. "
          + "Since last month, friction has emerged between Globex and Initech over pricing."), EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
    }

    @Test
    void shouldNotReadStrainBetweenRivalsOrADeniedDispute() {
      assertThat(events(enrich("x", "Globex sued Initech over a patent last year. The dispute between Globex and "
          + "Initech over the patent has grown."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Globex and Initech formed a partnership in 2019. There is no dispute between "
          + "Globex and Initech, a spokesperson said."), EventType.PARTNERSHIP))
          .noneMatch(d -> d.getStatus() == PartnershipStatus.STRAINED);
    }

    @Test
    void shouldReadAPartnershipThatMovedASharePriceButNotOneFromTheBackground() {
      DealEvent d = only(enrich("x", "Globex shares rose 4% after agreeing a partnership with Initech."),
          EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
      assertThat(events(enrich("x", "Sales rose. Globex has grown after it formed a partnership with Initech in "
          + "2019."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldReadAnEndingReportedWithThatButNotOneInARelativeClause() {
      assertThat(only(enrich("x", "Globex said on Tuesday that it has ended its partnership with Initech."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
      assertThat(events(enrich("x", "Sales rose. Globex recalled the partnership with Initech that ended in 2019."),
          EventType.PARTNERSHIP)).noneMatch(d -> d.getStatus() == PartnershipStatus.ENDED);
    }

    @Test
    void shouldNotReadASupplyContractSignedAsAnotherPartnershipEndsAsAPartnership() {
      DealEvent d = only(enrich("x", "Globex said it has ended its packaging partnership with Initech and signed a "
          + "five-year supply contract with Hooli."), EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.ENDED);
      assertThat(d.getParties()).containsExactly("Globex", "Initech");
    }

    @Test
    void shouldReadUnconfirmedSplitRumoursAsHedgedStrain() {
      DealEvent d = only(enrich("x", "Hooli may end its alliance with Initech, according to people familiar with "
          + "the matter."), EventType.PARTNERSHIP);
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      assertThat(d.getHedged()).isTrue();
    }

    @Test
    void shouldReadSpeculationAboutAnEndingAsHedgedStrainAndAnAnnouncedEndingAsEnded() {
      DealEvent maybe = only(enrich("x", "Globex could end its partnership with Initech next year."),
          EventType.PARTNERSHIP);
      assertThat(maybe.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
      assertThat(maybe.getHedged()).isTrue();
      assertThat(only(enrich("x", "Globex and Initech said they would wind down their collaboration."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
    }

    @Test
    void shouldGiveNoEventForConditionalsOrSpeculativeHeadlines() {
      assertThat(enrich("What a Globex-Initech alliance could mean", "If Globex and Initech were to form a deeper "
          + "alliance, the market could shift. None of this has been announced.").getEvents()).isEmpty();
    }

    @Test
    void shouldTakeThePartiesFromTheClauseAfterAColonThatHoldsThePartnership() {
      EnrichedArticle e = enrich("x", "Hooli has completed its acquisition of Initech, and the deal has a casualty:"
          + " Globex and Initech have ended their partnership.");
      assertThat(events(e, EventType.PARTNERSHIP)).extracting(d -> d.getParties().toString(), DealEvent::getStatus)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("[Globex, Initech]", PartnershipStatus.ENDED));
      // a short label before a colon is not a clause of its own
      assertThat(events(enrich("x", "Not a partnership: Globex's new contract to haul parts for Initech is a plain"
          + " customer agreement, with no joint development attached."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldGiveNoPartnershipOfMoreCompaniesThanAnyLabelledOne() {
      // a recap listing other matters, not one alliance of six
      assertThat(events(enrich("x", "Globex, Initech, Hooli, Northwind, Kestrel Energy and Helios Grid formed a partnership"
          + " in 2019, and now they are expanding it."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Globex, Initech and Hooli have formed a partnership."), EventType.PARTNERSHIP))
          .extracting(d -> d.getParties().size()).containsExactly(3);
    }

    @Test
    void shouldGiveNoPartnershipForADirectQuestion() {
      assertThat(events(enrich("x", "Is Globex's tie-up with Initech exclusive? Neither company has used that word."),
          EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Will Globex end its partnership with Initech?\u201d"), EventType.PARTNERSHIP))
          .isEmpty();
      // the answer, stated, is news
      assertThat(events(enrich("x", "Globex has signed an exclusive partnership with Initech."),
          EventType.PARTNERSHIP)).extracting(DealEvent::getStatus).containsExactly(PartnershipStatus.EXCLUSIVE);
    }

    @Test
    void shouldGiveNoEventForDenialsTalksOrBackground() {
      assertThat(enrich("x", "Globex denied reports of tension in its partnership with Initech.").getEvents())
          .isEmpty();
      assertThat(enrich("x", "Globex is in discussions with Initech about a partnership.").getEvents()).isEmpty();
      assertThat(enrich("x", "Sales grew. Profits fell. Costs rose. The tie-up between Globex and Initech, "
          + "formed in 2019, has long been profitable.").getEvents()).isEmpty();
    }

    @Test
    void shouldNotReadAReferenceToAnExistingTieUpAsNews() {
      assertThat(events(enrich("x", "Sales rose. Analysts at Acme Capital said the tie-up could help Globex "
          + "against Hooli."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldNotReadAStatementAboutAnExistingPartnershipAsANewOne() {
      assertThat(enrich("x", "Globex said its partnership with Initech remained strong.").getEvents()).isEmpty();
    }

    @Test
    void shouldNotReadAJobTitleOrACompanyDescribingAPersonAsAParty() {
      assertThat(events(enrich("x", "Lena Brandt, a partner at Acme Capital, joined Initech's board, the "
          + "startup said."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(only(enrich("x", "Former Hooli boss Dana Reyes said Globex had agreed to buy a stake in "
          + "Initech."), EventType.INVESTMENT).getInvestors()).containsExactly("Globex");
    }

    @Test
    void shouldReadDroppedExclusivity() {
      assertThat(only(enrich("x", "Globex said its supply deal with Initech would no longer be exclusive."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.NON_EXCLUSIVE);
    }

    @Test
    void shouldReadSharingAndAssociationAgreementsAndAnEndPutToThem() {
      DealEvent shared = only(enrich("x", "Markets were calm. Globex and Initech signed a vessel-sharing agreement"
          + " on Asia-Europe routes."), EventType.PARTNERSHIP);
      assertThat(shared.getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(shared.getParties()).containsExactlyInAnyOrder("Globex", "Initech");
      assertThat(only(enrich("x", "Markets were calm. Globex and Initech reached an association agreement on"
          + " engines."), EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.FORMED);
      assertThat(only(enrich("x", "Markets were calm. Globex put an end to its alliance with Initech on Monday."),
          EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.ENDED);
      assertThat(events(enrich("x", "Markets were calm. Globex's drug became the first programme from its Initech"
          + " collaboration to reach that stage."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldTakeThePossessorAndThePartnerAfterWithAsTheParties() {
      DealEvent widened = only(enrich("x", "Markets were calm. Globex has taken a 30% stake in Hooli, a Milan"
          + " manager, and separately widened its distribution partnership with Initech."), EventType.PARTNERSHIP);
      assertThat(widened.getParties()).containsExactlyInAnyOrder("Globex", "Initech");
      DealEvent ended = only(enrich("x", "Markets were calm. Hooli completed its purchase of Initech, and Initech's"
          + " exclusive partnership with Globex will end on 31 December."), EventType.PARTNERSHIP);
      assertThat(ended.getParties()).containsExactlyInAnyOrder("Globex", "Initech");
      assertThat(ended.getStatus()).isEqualTo(PartnershipStatus.ENDED);
    }

    @Test
    void shouldReadPartingWaysWithoutAPartnershipWordWhenTheArticleCallsThemPartners() {
      EnrichedArticle parted = enrich("x", "Globex and Initech are parting ways on cloud gaming. Globex will leave"
          + " the service on January 15, ending a partnership that began several years ago, Globex said.");
      assertThat(events(parted, EventType.PARTNERSHIP)).isNotEmpty()
          .allSatisfy(d -> assertThat(d.getStatus()).isEqualTo(PartnershipStatus.ENDED))
          .anySatisfy(d -> assertThat(d.getParties()).containsExactlyInAnyOrder("Globex", "Initech"));
      assertThat(events(enrich("x", "Markets were calm. Globex and Initech are parting ways over a patent. The two"
          + " compete in search."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Globex and Initech could part ways next year. Their partnership runs to 2027."),
          EventType.PARTNERSHIP)).noneMatch(d -> d.getStatus() == PartnershipStatus.ENDED);
    }

    @Test
    void shouldReadAnEndingAndANewPartnershipInOneSentenceAsTwoPartnerships() {
      for (String[] c : new String[][] {
          {"Globex is terminating its exclusive cloud agreement with Initech and signing a multi-year partnership"
              + " with Hooli, the company said on Tuesday.", "ENDED"},
          {"Globex said on Monday that it would end its delivery partnership with Initech at the end of January and"
              + " begin a new one with Hooli.", "ENDED"},
          {"Globex is parting ways with Initech and teaming up with Hooli instead, its founder said.", "ENDED"},
          {"Globex said on Tuesday that its arrangement with Initech is no longer exclusive and that it has formed a"
              + " partnership with Hooli.", "NON_EXCLUSIVE"}}) {
        List<DealEvent> ps = events(enrich("x", "Markets were calm. " + c[0]), EventType.PARTNERSHIP);
        assertThat(ps).as(c[0]).extracting(d -> Set.copyOf(d.getParties()), d -> d.getStatus().name())
            .containsExactlyInAnyOrder(tuple(Set.of("Globex", "Initech"), c[1]),
                tuple(Set.of("Globex", "Hooli"), "FORMED"));
      }
    }

    @Test
    void shouldResolveASubjectNamedByWhatItIsToTheCompanyWrittenBefore() {
      DealEvent widened = only(enrich("x", "Globex reported higher quarterly sales on Monday. The Danish group and"
          + " Initech have widened their partnership to include green ammonia."),
          EventType.PARTNERSHIP);
      assertThat(widened.getParties()).containsExactlyInAnyOrder("Globex", "Initech");
      assertThat(widened.getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
    }

    @Test
    void shouldReadAnExclusiveArrangementACompanyHasAsBackgroundUnlessTheSentenceChangesIt() {
      assertThat(events(enrich("x", "Initech shares rose 2% on Monday. Initech's exclusive arrangement with Globex runs"
          + " until 2029, according to a copy of the agreement."), EventType.PARTNERSHIP)).isEmpty();
      DealEvent named = only(enrich("x", "Initech shares rose 2% on Monday. Initech has named Globex its exclusive"
          + " partner for payments in Europe."), EventType.PARTNERSHIP);
      assertThat(named.getStatus()).isEqualTo(PartnershipStatus.EXCLUSIVE);
    }

    @Test
    void shouldTakeAPortAuthorityForAPartnerButNotACourtOrARegulator() {
      DealEvent port = only(enrich("x", "The Port of Rotterdam Authority has formed a partnership with Initech to"
          + " forecast vessel arrivals."), EventType.PARTNERSHIP);
      assertThat(port.getParties()).containsExactlyInAnyOrder("Port of Rotterdam Authority", "Initech");
      assertThat(events(enrich("x", "The Valdoria Competition Authority has formed a partnership with Initech to"
          + " share market data."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldReadASecondPartnerBroughtInAsTheEndOfOnesExclusivityAndANewPartnership() {
      List<DealEvent> ps = events(enrich("x", "Initech shares rose 1%. Initech is adding Hooli as a second payments"
          + " provider, bringing to an end the exclusivity that Globex has enjoyed on its cards."), EventType.PARTNERSHIP);
      assertThat(ps).extracting(d -> Set.copyOf(d.getParties()), d -> d.getStatus().name())
          .containsExactlyInAnyOrder(tuple(Set.of("Initech", "Globex"), "NON_EXCLUSIVE"),
              tuple(Set.of("Initech", "Hooli"), "FORMED"));
      // a vendor brought in is no partner: the old pair is still no longer exclusive
      assertThat(events(enrich("x", "Initech shares rose 1%. Initech will bring in Hooli as a second supplier for its"
          + " network, ending Globex's exclusive role in the project."), EventType.PARTNERSHIP))
          .extracting(d -> Set.copyOf(d.getParties()), d -> d.getStatus().name())
          .containsExactly(tuple(Set.of("Initech", "Globex"), "NON_EXCLUSIVE"));
    }

    @Test
    void shouldKeepAListOfPartiesTogetherPastParenthesesModifiersAndLegalForms() {
      DealEvent three = only(enrich("x", "Globex (Nasdaq: GLBX), Boston-based Initech and Hooli Pte. Ltd. have formed"
          + " a three-way alliance to build quantum-safe networks."), EventType.PARTNERSHIP);
      assertThat(three.getParties()).containsExactlyInAnyOrder("Globex", "Initech", "Hooli");
    }

    @Test
    void shouldReadAFormationToldAsTheTimeOfOtherNewsAsNoNewPartnership() {
      assertThat(events(enrich("x", "Initech shares rose 2% on Monday. The round comes a month after Initech entered"
          + " into a strategic alliance with Globex to co-develop packs for electric cars."), EventType.PARTNERSHIP))
          .isEmpty();
    }

    @Test
    void shouldReadASwitchWithAPhraseBetweenItsTwoClauses() {
      List<DealEvent> ps = events(enrich("x", "Initech has terminated its battery partnership with Globex and, in the"
          + " same announcement, entered into a strategic partnership with Hooli."), EventType.PARTNERSHIP);
      assertThat(ps).extracting(d -> Set.copyOf(d.getParties()), d -> d.getStatus().name())
          .containsExactlyInAnyOrder(tuple(Set.of("Initech", "Globex"), "ENDED"),
              tuple(Set.of("Initech", "Hooli"), "FORMED"));
    }

    @Test
    void shouldDropAHeadlineTheBodyDoesNotConfirm() {
      assertThat(enrich("Globex and Initech end partnership? Not so", "Globex dismissed reports that its "
          + "partnership with Initech was ending.").getEvents()).isEmpty();
      assertThat(enrich("Hooli weighs stake in Initech", "Hooli is in talks to make an investment in Initech, "
          + "people familiar said.").getEvents()).isEmpty();
    }

    @Test
    void shouldLetTheBodyOverrideTheHeadline() {
      EnrichedArticle e = enrich("Globex and Initech part ways", "Globex is reconsidering its partnership with "
          + "Initech, people familiar said, though nothing has been decided.");
      assertThat(only(e, EventType.PARTNERSHIP).getStatus()).isEqualTo(PartnershipStatus.STRAINED);
    }

    @Test
    void shouldReadNoPartnershipInADenialANegationOrASpeculation() {
      for (String s : List.of(
          "Not a partnership: Globex's new contract to haul parts for Initech is a plain customer agreement.",
          "Globex wants more drone routes and Initech keeps promising growth, but neither has named new partners.",
          "Globex said its tie-up with Initech was performing well, dismissing a report of friction between the two.",
          "Analysts think Globex could try to make Initech an exclusive cloud partner later this year.")) {
        assertThat(events(enrich("x", "Markets were calm. " + s), EventType.PARTNERSHIP)).as(s).isEmpty();
      }
    }

    @Test
    void shouldReadADescriptionAsNoNewsAndAnEndedQuarrelAsNoEnding() {
      assertThat(events(enrich("x", "Markets were calm. Globex is in advanced talks to acquire Initech, its exclusive"
          + " design partner in Europe, for about $2.8 billion, people familiar said."), EventType.PARTNERSHIP))
          .isEmpty();
      DealEvent widened = only(enrich("x", "Globex and Initech have expanded their peptide collaboration to six"
          + " programmes, ending months of friction between the partners."), EventType.PARTNERSHIP);
      assertThat(widened.getStatus()).isEqualTo(PartnershipStatus.EXPANDED);
      assertThat(events(enrich("x", "Markets were calm. Analysts said Initech could now command a lucrative ex-US"
          + " partnership with Globex."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldNotMakeABackerNamedAsAModifierAPartyNorReadASearchForAPartnerAsOne() {
      assertThat(events(enrich("x", "Markets were calm. Globex has announced a partnership with Initech, the"
          + " Hooli-backed studio, to stream games on TVs."), EventType.PARTNERSHIP))
          .noneMatch(d -> d.getParties().contains("Hooli"));
      assertThat(events(enrich("x", "Markets were calm. Globex and Initech say they will carry on and are looking"
          + " for a new software partner."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldReadAPartnerWhoAdvisesAsAPersonsTitle() {
      assertThat(events(enrich("x", "Markets were calm. Initech has hired Julien Marchetti, a Globex partner who"
          + " advised on several telecom deals, to run its Paris office."), EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldNotMakeTheOutletThatReportsAPartnershipAPartyOfIt() {
      for (String s : List.of("Initech sank 9% after Hooli reported that Globex was reviewing its exclusive"
          + " partnership with Initech.", "Initech notes a report published by Hooli suggesting that Globex intends"
          + " to end its partnership with Initech.")) {
        assertThat(events(enrich("x", "Markets were calm. " + s), EventType.PARTNERSHIP)).as(s)
            .noneMatch(d -> d.getParties().contains("Hooli"));
      }
    }

    @Test
    void shouldReadARelativeClauseAsBackgroundAndACustomerAsNoPartner() {
      assertThat(events(enrich("x", "Markets were calm. Globex, which split from Initech earlier this month, says it"
          + " is talking to several possible partners."), EventType.PARTNERSHIP)).isEmpty();
      assertThat(events(enrich("x", "Markets were calm. Globex, whose tie-up with Initech went live last month, has"
          + " signed Hooli as a customer for a separate tool."), EventType.PARTNERSHIP)).isEmpty();
      DealEvent ended = only(enrich("x", "Initech has ended its partnership with Globex, which said it is talking to"
          + " other partners."), EventType.PARTNERSHIP);
      assertThat(ended.getStatus()).isEqualTo(PartnershipStatus.ENDED);
    }
  }

  @Nested
  class JointVenture {
    @Test
    void shouldNameAVentureDescribedAsACompanysJointVentureAndKeepItOutOfAHeadlinesParties() {
      DealEvent jv = only(enrich("Hooli busy; Initech JV wins first tender", "Markets were calm. Initech, Globex's"
          + " joint venture with Hooli, won a grid contract."), EventType.JOINT_VENTURE);
      assertThat(jv.getName()).isEqualTo("Initech");
      assertThat(jv.getParties()).containsExactly("Globex", "Hooli");
    }

    @Test
    void shouldTakeTheCompaniesOfTheSentenceBeforeAsTheySubjectOfAVenture() {
      EnrichedArticle e = enrich("x", "Globex will buy a 15% stake in Initech, the companies said on Monday. "
          + "They will also set up a joint venture to sell the sensors in India.");
      assertThat(only(e, EventType.JOINT_VENTURE).getParties()).containsExactly("Globex", "Initech");
      EnrichedArticle three = enrich("x", "Globex, Hooli and Initech met regulators on Monday. They will also "
          + "form a joint venture.");
      assertThat(events(three, EventType.JOINT_VENTURE)).isEmpty();
    }

    @Test
    void shouldReadPartiesNameAndInitialFunding() {
      DealEvent d = only(enrich("x", "Globex and Hooli will form a joint venture called Solaria with an initial "
          + "commitment of $600 million."), EventType.JOINT_VENTURE);
      assertThat(d.getParties()).containsExactly("Globex", "Hooli");
      assertThat(d.getName()).isEqualTo("Solaria");
      assertThat(d.getAmount().getValue()).isEqualTo(600e6);
      assertThat(events(enrich("x", "Globex and Hooli will form a joint venture called Solaria."),
          EventType.PARTNERSHIP)).isEmpty();
    }

    @Test
    void shouldNotReadThePartiesSharesOfAVentureAsInvestments() {
      EnrichedArticle e = enrich("x", "Globex and Hooli will form a joint venture called Solaria. Globex will hold "
          + "a 60% stake in Solaria.");
      assertThat(events(e, EventType.INVESTMENT)).isEmpty();
      assertThat(only(e, EventType.JOINT_VENTURE).getName()).isEqualTo("Solaria");
    }

    @Test
    void shouldReadAVentureDescribedAfterItsName() {
      DealEvent d = only(enrich("x", "Sales at Helios Grid, the venture Globex co-owns with Hooli, rose."),
          EventType.JOINT_VENTURE);
      assertThat(d.getParties()).containsExactly("Globex", "Hooli");
    }

    @Test
    void shouldReadAKnownVentureCoOwnedByItsParents() {
      DealEvent d = only(enrich("x", "Globex, which co-owns the Helios Grid power venture with Hooli, said demand "
          + "was strong."), EventType.JOINT_VENTURE);
      assertThat(d.getParties()).containsExactly("Globex", "Hooli");
      assertThat(d.getName()).isEqualTo("Helios Grid");
    }
  }
}
