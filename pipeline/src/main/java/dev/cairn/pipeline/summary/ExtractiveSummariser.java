package dev.cairn.pipeline.summary;

import dev.cairn.pipeline.model.Participant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic {@link Summariser} without any language model, the embedded default: topic titles from the most
 * frequent content words and word pairs, summaries from the most representative sentences, and action items from
 * cue phrases ("I will", "let's go with"...). Same input, same output. It is a stand-in that keeps the pipeline
 * runnable offline, not a substitute for a model. Stateless and thread-safe.
 */
public final class ExtractiveSummariser implements Summariser {
  /** Sentences shorter than this many words are never picked as representative ("Great.", "Next, pricing."). */
  static final int MIN_SENTENCE_WORDS = 5;
  static final int TITLE_MAX_WORDS = 10;
  static final int RECAP_SENTENCES = 3;

  /** Cues of a decision; checked before the next-step cues, so "let's go with X" is a decision. */
  private static final List<String> DECISION_CUES = List.of("decided", "we agree", "agreed", "let's go with",
      "we'll go with", "we will go with", "going with", "settled on", "the decision is", "let's keep",
      "let's ship", "let's use", "let's do");
  /** Openings by which a chair states a conclusion ("Then we announce the tier at..."). */
  private static final List<String> DECISION_OPENINGS = List.of("so we ", "then we ");
  private static final List<String> NEXT_STEP_CUES = List.of("i'll ", "i will ", "we will ", "we'll ", "let's ",
      "will send", "will share", "need to ", "needs to ", "action item", "follow up", "by monday", "by tuesday",
      "by wednesday", "by thursday", "by friday", "by tomorrow", "by end of", "by the end of");
  private static final Pattern DEADLINE = Pattern.compile("\\bby ((?:next )?(?:monday|tuesday|wednesday|thursday|"
      + "friday|saturday|sunday)|tomorrow|tonight|next week|(?:the )?end of (?:the )?(?:day|week|month|quarter)|"
      + "(?:january|february|march|april|may|june|july|august|september|october|november|december)"
      + "(?: \\d{1,2}(?:st|nd|rd|th)?)?)\\b", Pattern.CASE_INSENSITIVE);

  @Override
  public TopicSummary topic(String chunkText) {
    Objects.requireNonNull(chunkText, "chunkText");
    String text = collapse(chunkText);
    Keywords keywords = new Keywords(text);
    String title = Titles.clean(titleWords(keywords));
    List<String> sentences = Keywords.sentences(text);
    List<String> best = keywords.bestSentences(sentences, 2, MIN_SENTENCE_WORDS);
    if (best.isEmpty() && !sentences.isEmpty()) {
      best = sentences.subList(0, 1);
    }
    return new TopicSummary(title.isEmpty() ? "Untitled Topic" : title, String.join(" ", best));
  }

  /** The two most frequent repeated word pairs, else the three most frequent words in text order. */
  private static String titleWords(Keywords keywords) {
    List<String> pairs = new ArrayList<>();
    for (String pair : keywords.topPairs(4)) {
      if (pairs.isEmpty() || !sharesWord(pairs.get(0), pair)) {
        pairs.add(pair);
      }
      if (pairs.size() == 2) {
        break;
      }
    }
    if (!pairs.isEmpty()) {
      return String.join(" and ", pairs);
    }
    return String.join(" ", keywords.topWords(3));
  }

  private static boolean sharesWord(String pair, String other) {
    Set<String> words = new LinkedHashSet<>(Arrays.asList(pair.split(" ")));
    return Arrays.stream(other.split(" ")).anyMatch(words::contains);
  }

  /** The topic titles in order, as many as fit in {@value #TITLE_MAX_WORDS} words; null when there are none. */
  @Override
  public String title(List<String> topicTitles) {
    Objects.requireNonNull(topicTitles, "topicTitles");
    List<String> parts = new ArrayList<>();
    int words = 0;
    for (String title : new LinkedHashSet<>(topicTitles)) {
      if (title == null || title.isBlank()) {
        continue;
      }
      String[] titleWords = title.strip().split("\\s+");
      if (parts.isEmpty() && titleWords.length > TITLE_MAX_WORDS) {
        parts.add(String.join(" ", Arrays.copyOf(titleWords, TITLE_MAX_WORDS)));
        break;
      }
      if (words + titleWords.length > TITLE_MAX_WORDS) {
        break;
      }
      parts.add(title.strip());
      words += titleWords.length;
    }
    return parts.isEmpty() ? null : Titles.clean(String.join(", ", parts));
  }

  @Override
  public MeetingSummary summarise(SummaryRequest request) {
    Objects.requireNonNull(request, "request");
    List<Utterance> utterances = utterances(request.speakerTranscript(), request.participants());
    ActionItems actionItems = actionItems(utterances, OpenAiSummariser.idsByName(request.participants()));
    if (request.topics().isEmpty() || utterances.isEmpty()) {
      return new MeetingSummary("", "", actionItems);
    }
    List<String> sentences = utterances.stream().map(Utterance::sentence).toList();
    Keywords keywords = new Keywords(String.join(" ", sentences));
    String recap = String.join(" ", keywords.bestSentences(sentences, RECAP_SENTENCES, MIN_SENTENCE_WORDS));
    List<SubjectSummary> subjects = request.topics().stream()
        .map(topic -> new SubjectSummary(topic.title(), topic.summary())).toList();
    return new MeetingSummary(recap, SummaryMarkdown.build(recap, subjects), actionItems);
  }

  /** One sentence of the speaker transcript and who said it (null when the line names nobody). */
  record Utterance(String speaker, String sentence) {}

  static List<Utterance> utterances(String speakerTranscript, List<Participant> participants) {
    // Longest names first, so "Ann Lee: ..." is not read as speaker "Ann" when both exist.
    List<String> names = OpenAiSummariser.participantNames(participants).stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    List<Utterance> utterances = new ArrayList<>();
    for (String line : speakerTranscript.split("\n")) {
      String speaker = speakerOf(line, names);
      String text = speaker == null ? line : line.substring(speaker.length() + 1);
      for (String sentence : Keywords.sentences(collapse(text))) {
        utterances.add(new Utterance(speaker, sentence));
      }
    }
    return utterances;
  }

  private static String speakerOf(String line, List<String> names) {
    for (String name : names) {
      if (line.startsWith(name + ":")) {
        return name;
      }
    }
    int colon = line.indexOf(": ");
    // "Speaker 2: ..." or a participant that was not passed in; a colon far into the line is prose.
    return colon > 0 && colon <= 60 ? line.substring(0, colon) : null;
  }

  static ActionItems actionItems(List<Utterance> utterances, Map<String, String> idsByName) {
    List<ActionItems.Decision> decisions = new ArrayList<>();
    List<ActionItems.NextStep> nextSteps = new ArrayList<>();
    for (Utterance utterance : utterances) {
      String sentence = utterance.sentence();
      String lower = sentence.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
      if (sentence.endsWith("?")) {
        continue;
      }
      String speakerId = utterance.speaker() == null ? null : idsByName.get(utterance.speaker());
      if (DECISION_CUES.stream().anyMatch(lower::contains) || DECISION_OPENINGS.stream().anyMatch(lower::startsWith)) {
        decisions.add(new ActionItems.Decision(sentence, null, utterance.speaker(), speakerId));
      } else if (NEXT_STEP_CUES.stream().anyMatch(lower::contains)) {
        nextSteps.add(new ActionItems.NextStep(sentence, utterance.speaker(), speakerId, deadline(sentence), null));
      }
    }
    return new ActionItems(List.copyOf(decisions), List.copyOf(nextSteps));
  }

  private static String deadline(String sentence) {
    Matcher matcher = DEADLINE.matcher(sentence);
    return matcher.find() ? matcher.group(1) : null;
  }

  private static String collapse(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  @Override
  public String describe() {
    return "extractive summariser (no LLM): keyword titles, representative sentences, cue-phrase action items";
  }
}
