package dev.cairn.pipeline.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TitlesTest {
  @Test
  void capitalisesLongWordsAndLowercasesShortOnesExceptTheFirst() {
    assertEquals("The Roadmap for Offline Mode", Titles.clean("the roadmap FOR offline mode"));
    assertEquals("And Then the Rest", Titles.clean("and then THE rest"));
  }

  @Test
  void stripsSurroundingQuotesAndCollapsesWhitespace() {
    assertEquals("Public Beta Date", Titles.clean("  \"public   beta\tdate\" "));
    assertEquals("Pricing", Titles.clean("'pricing'"));
    assertEquals("Pricing Tier", Titles.clean("\u201cpricing tier\u201d"));
  }

  @Test
  void keepsTheRestOfALongWordAsWritten() {
    assertEquals("OpenAI Integration via api", Titles.clean("OpenAI integration VIA API"), "short words are lowercased even when acronyms");
  }

  @Test
  void emptyOrQuotesOnlyGivesEmpty() {
    assertEquals("", Titles.clean("  \"\" "));
    assertThrows(NullPointerException.class, () -> Titles.clean(null));
  }
}
