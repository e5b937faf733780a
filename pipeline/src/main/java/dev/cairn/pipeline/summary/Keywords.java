package dev.cairn.pipeline.summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word statistics of one text for the extractive summariser: content words (stop words removed) with their counts,
 * adjacent content-word pairs, and sentence scores. Every ranking breaks ties by first occurrence, so results are
 * deterministic. Immutable after construction; thread-safe.
 */
final class Keywords {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)?");
  private static final Pattern SENTENCE = Pattern.compile("[^.?!]+[.?!]*");

  /** Function words, fillers and meeting chatter that say nothing about a topic. */
  private static final Set<String> STOP_WORDS = Set.of(("a about above after again against all almost also am an and "
      + "any are aren't as at be because been before being below between both but by can can't could couldn't did "
      + "didn't do does doesn't doing don't down during each even ever every few first for from further get gets "
      + "getting go goes going gonna good got great had hadn't has hasn't have haven't having he he'd he'll he's her "
      + "here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its "
      + "itself just kind know last let let's like lot lots make many may me might more most much must mustn't my "
      + "myself need next no nor not now of off okay ok on once one only or other ought our ours ourselves out over "
      + "own perfect pretty quite rather really right said same say says see she she'd she'll she's should "
      + "shouldn't so some still such sure than thank thanks that that's the their theirs them themselves then there "
      + "there's these they they'd they'll they're they've thing things think this those though three through to "
      + "today too two under until up us very via want wants was wasn't way we we'd we'll we're we've well were "
      + "weren't what what's when when's where where's whether which while who who's whom why why's will with won't "
      + "would wouldn't yeah yes yet you you'd you'll you're you've your yours yourself yourselves everyone "
      + "anyone someone something anything everything item items keep keeps")
      .split(" "));

  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Map<String, Integer> pairCounts = new LinkedHashMap<>();

  Keywords(String text) {
    for (String sentence : sentences(text)) {
      String previous = null;
      for (String token : tokens(sentence)) {
        if (STOP_WORDS.contains(token)) {
          previous = null;
          continue;
        }
        counts.merge(token, 1, Integer::sum);
        if (previous != null) {
          pairCounts.merge(previous + " " + token, 1, Integer::sum);
        }
        previous = token;
      }
    }
  }

  /** Sentences as written (split after {@code . ? !}), trimmed, empty ones dropped. */
  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    Matcher matcher = SENTENCE.matcher(text);
    while (matcher.find()) {
      String sentence = matcher.group().strip();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
    }
    return sentences;
  }

  /** Lowercased word tokens ("i'll" stays one token). */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(text.replace('\u2019', '\''));
    while (matcher.find()) {
      tokens.add(matcher.group().toLowerCase(Locale.ROOT));
    }
    return tokens;
  }

  /** Content words by count, most frequent first, ties by first occurrence. */
  List<String> topWords(int limit) {
    return ranked(counts, 1, limit);
  }

  /** Adjacent content-word pairs seen at least twice, most frequent first, ties by first occurrence. */
  List<String> topPairs(int limit) {
    return ranked(pairCounts, 2, limit);
  }

  private static List<String> ranked(Map<String, Integer> counted, int minimum, int limit) {
    // LinkedHashMap keeps first-occurrence order and the sort is stable, so equal counts keep that order.
    return counted.entrySet().stream()
        .filter(entry -> entry.getValue() >= minimum)
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  /**
   * How representative a sentence is of this text: the summed counts of its content words divided by the square
   * root of its token count, so that long sentences do not win by length alone. Sentences of fewer than
   * {@code minTokens} tokens score zero (acknowledgements such as "Great." say nothing).
   */
  double score(String sentence, int minTokens) {
    List<String> tokens = tokens(sentence);
    if (tokens.size() < minTokens) {
      return 0;
    }
    double sum = 0;
    for (String token : tokens) {
      sum += counts.getOrDefault(token, 0);
    }
    return sum / Math.sqrt(tokens.size());
  }

  /** The {@code limit} best-scoring sentences, in their original order. */
  List<String> bestSentences(List<String> sentences, int limit, int minTokens) {
    Map<String, Double> scores = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      order.add(i);
      scores.put(sentences.get(i), score(sentences.get(i), minTokens));
    }
    List<Integer> best = order.stream()
        .filter(i -> scores.get(sentences.get(i)) > 0)
        .sorted(Comparator.comparingDouble((Integer i) -> -scores.get(sentences.get(i))))
        .limit(limit)
        .sorted()
        .toList();
    return best.stream().map(sentences::get).toList();
  }
}
