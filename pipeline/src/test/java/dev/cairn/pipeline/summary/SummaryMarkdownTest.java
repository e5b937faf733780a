package dev.cairn.pipeline.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryMarkdownTest {
  @Test
  void buildsRecapThenOneBoldSubjectAndParagraphPerSubject() {
    String markdown = SummaryMarkdown.build("The recap.", List.of(new SubjectSummary("Offline mode", "Ship it."),
        new SubjectSummary("Pricing", "Twenty dollars.")));

    assertEquals("# Quick recap\n\nThe recap.\n\n# Summary\n\n**Offline mode**\nShip it.\n\n**Pricing**\n"
        + "Twenty dollars.\n\n", markdown);
  }

  @Test
  void noSubjectsLeavesAnEmptySummarySection() {
    assertEquals("# Quick recap\n\nR\n\n# Summary\n\n", SummaryMarkdown.build("R", List.of()));
  }
}
