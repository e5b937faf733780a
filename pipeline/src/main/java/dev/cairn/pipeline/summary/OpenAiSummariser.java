package dev.cairn.pipeline.summary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cairn.pipeline.model.Participant;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Summariser} of upstream §6 over an OpenAI-compatible chat-completions endpoint (OpenAI, LiteLLM, vLLM,
 * Ollama...). Structured answers use a strict {@code json_schema} response format, are validated and re-asked with
 * feedback. Each call to the model is synchronous; the calling thread's interrupt aborts it with a
 * {@link SummaryException} and leaves the interrupt flag set. Thread-safe.
 */
public final class OpenAiSummariser implements Summariser {
  /** Upstream's default model. */
  public static final String DEFAULT_MODEL = "microsoft/phi-4";
  /** Timeout of one HTTP request (upstream's structured-response timeout). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(300);
  /** Retries of one request after a connection failure, a 429 or a 5xx answer. */
  public static final int DEFAULT_NETWORK_RETRIES = 3;
  /** Pause before the first retry; it doubles for each further one. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
  /** Upstream keeps at most this many subjects. */
  public static final int MAX_SUBJECTS = 6;

  static final double TOPIC_TEMPERATURE = 0.9;
  static final double TITLE_TEMPERATURE = 0.5;
  static final double DEFAULT_TEMPERATURE = 0.4;

  private static final Logger LOG = LoggerFactory.getLogger(OpenAiSummariser.class);
  private static final JsonShape TOPIC = JsonShape.object("TopicResponse",
      JsonShape.requiredWithAlias("title", "Title", JsonShape.Kind.STRING),
      JsonShape.requiredWithAlias("summary", "Summary", JsonShape.Kind.STRING));
  private static final JsonShape SUBJECTS = JsonShape.object("SubjectsResponse",
      JsonShape.required("subjects", JsonShape.Kind.STRING_ARRAY));
  private static final JsonShape DECISION = JsonShape.object("Decision",
      JsonShape.required("decision", JsonShape.Kind.STRING), JsonShape.optionalString("rationale"),
      JsonShape.optionalString("decided_by"));
  private static final JsonShape NEXT_STEP = JsonShape.object("NextStep",
      JsonShape.required("task", JsonShape.Kind.STRING), JsonShape.optionalString("assigned_to"),
      JsonShape.optionalString("deadline"), JsonShape.optionalString("context"));
  private static final JsonShape ACTION_ITEMS = JsonShape.object("ActionItemsResponse",
      JsonShape.objects("decisions", DECISION), JsonShape.objects("next_steps", NEXT_STEP));

  private final URI baseUrl;
  private final String model;
  private final ChatClient chat;
  private final StructuredCompletion structured;

  private OpenAiSummariser(Builder builder) {
    ObjectMapper json = new ObjectMapper();
    this.baseUrl = builder.baseUrl;
    this.model = builder.model;
    this.chat = new ChatClient(json, completionsUrl(builder.baseUrl), builder.apiKey, builder.model,
        builder.requestTimeout, builder.networkRetries, builder.retryBackoff);
    this.structured = new StructuredCompletion(json, chat);
  }

  /** A builder for the endpoint at {@code baseUrl} (e.g. {@code https://api.openai.com}). */
  public static Builder builder(URI baseUrl) {
    return new Builder(baseUrl);
  }

  /** {@code {base}/v1/chat/completions}; a base already ending in {@code /v1} is not given a second one. */
  static URI completionsUrl(URI baseUrl) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(base.endsWith("/v1") ? base + "/chat/completions" : base + "/v1/chat/completions");
  }

  @Override
  public TopicSummary topic(String chunkText) {
    Objects.requireNonNull(chunkText, "chunkText");
    String request = Prompts.TOPIC + "\n\n<transcript>\n" + chunkText + "\n</transcript>";
    JsonNode answer = structured.complete(Prompts.ANALYST, request, TOPIC_TEMPERATURE, TOPIC);
    return new TopicSummary(Titles.clean(TOPIC.text(answer, "title")), TOPIC.text(answer, "summary").strip());
  }

  /** Null, without calling the model, when there are no topic titles. */
  @Override
  public String title(List<String> topicTitles) {
    Objects.requireNonNull(topicTitles, "topicTitles");
    StringBuilder lines = new StringBuilder();
    topicTitles.stream().filter(t -> t != null && !t.isBlank())
        .forEach(t -> lines.append("- ").append(t.strip()).append('\n'));
    if (lines.length() == 0) {
      return null;
    }
    String answer = text("You name meetings.", Prompts.TITLE, lines.toString(), TITLE_TEMPERATURE);
    String firstLine = answer.lines().filter(line -> !line.isBlank()).findFirst().orElse("");
    String title = Titles.clean(firstLine);
    return title.isEmpty() ? null : title;
  }

  @Override
  public MeetingSummary summarise(SummaryRequest request) {
    Objects.requireNonNull(request, "request");
    List<String> names = participantNames(request.participants());
    String instructions = Prompts.participantInstructions(names);
    String transcript = request.speakerTranscript();
    String transcriptWithList = Prompts.withParticipantList(transcript, names);

    List<SubjectSummary> subjects = new ArrayList<>();
    for (String subject : subjects(transcriptWithList, instructions)) {
      String detailed = text("You are a topic assistant.",
          String.format(Prompts.DETAILED_SUBJECT, subject) + instructions, transcript, DEFAULT_TEMPERATURE);
      String paragraph = text("You are a topic summarizer.", Prompts.PARAGRAPH + instructions, detailed,
          DEFAULT_TEMPERATURE);
      subjects.add(new SubjectSummary(subject, paragraph));
    }
    ActionItems actionItems = actionItems(transcriptWithList, instructions, request.participants());
    if (subjects.isEmpty()) {
      return new MeetingSummary("", "", actionItems);
    }
    StringBuilder blocks = new StringBuilder();
    subjects.forEach(s -> blocks.append(s.subject()).append(": ").append(s.paragraph()).append("\n\n"));
    String recap = text("You are a recap summarizer.", Prompts.RECAP + instructions, blocks.toString().strip(),
        DEFAULT_TEMPERATURE);
    return new MeetingSummary(recap, SummaryMarkdown.build(recap, subjects), actionItems);
  }

  /** Upstream swallows a failed subject extraction into "no subjects"; an interrupt is still passed on. */
  private List<String> subjects(String transcript, String instructions) {
    JsonNode answer;
    try {
      answer = structured.complete(Prompts.ANALYST, Prompts.request(Prompts.SUBJECTS + instructions, transcript),
          DEFAULT_TEMPERATURE, SUBJECTS);
    } catch (SummaryException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e;
      }
      LOG.warn("subject extraction failed, the summary will be empty: {}", e.getMessage());
      return List.of();
    }
    Set<String> subjects = new LinkedHashSet<>();
    for (JsonNode subject : answer.get("subjects")) {
      String cleaned = subject.asText().strip();
      if (!cleaned.isEmpty() && subjects.size() < MAX_SUBJECTS) {
        subjects.add(cleaned);
      }
    }
    return List.copyOf(subjects);
  }

  private ActionItems actionItems(String transcript, String instructions, List<Participant> participants) {
    JsonNode answer = structured.complete(Prompts.ANALYST,
        Prompts.request(Prompts.ACTION_ITEMS + instructions, transcript), DEFAULT_TEMPERATURE, ACTION_ITEMS);
    Map<String, String> idsByName = idsByName(participants);
    List<ActionItems.Decision> decisions = new ArrayList<>();
    for (JsonNode node : answer.get("decisions")) {
      String decidedBy = DECISION.text(node, "decided_by");
      decisions.add(new ActionItems.Decision(DECISION.text(node, "decision"), DECISION.text(node, "rationale"),
          decidedBy, decidedBy == null ? null : idsByName.get(decidedBy)));
    }
    List<ActionItems.NextStep> nextSteps = new ArrayList<>();
    for (JsonNode node : answer.get("next_steps")) {
      String assignedTo = NEXT_STEP.text(node, "assigned_to");
      nextSteps.add(new ActionItems.NextStep(NEXT_STEP.text(node, "task"), assignedTo,
          assignedTo == null ? null : idsByName.get(assignedTo), NEXT_STEP.text(node, "deadline"),
          NEXT_STEP.text(node, "context")));
    }
    return new ActionItems(List.copyOf(decisions), List.copyOf(nextSteps));
  }

  private String text(String system, String instruction, String material, double temperature) {
    return chat.complete(system, Prompts.request(instruction, material), temperature, null);
  }

  static List<String> participantNames(List<Participant> participants) {
    Set<String> names = new LinkedHashSet<>();
    for (Participant participant : participants) {
      if (participant.name() != null && !participant.name().isBlank()) {
        names.add(participant.name().strip());
      }
    }
    return List.copyOf(names);
  }

  static Map<String, String> idsByName(List<Participant> participants) {
    Map<String, String> ids = new HashMap<>();
    for (Participant participant : participants) {
      if (participant.name() != null && participant.id() != null) {
        ids.putIfAbsent(participant.name().strip(), participant.id());
      }
    }
    return ids;
  }

  @Override
  public String describe() {
    // user:password in the URL would be a secret; describe() ends up in logs and reports.
    String shown = baseUrl.getUserInfo() == null ? baseUrl.toString() : baseUrl.toString().replace(
        baseUrl.getRawUserInfo() + "@", "");
    return "LLM " + model + " at " + shown;
  }

  /** Settings of an {@link OpenAiSummariser}; {@link #toString} never shows the API key. Not thread-safe. */
  public static final class Builder {
    private final URI baseUrl;
    private String apiKey;
    private String model = DEFAULT_MODEL;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private int networkRetries = DEFAULT_NETWORK_RETRIES;
    private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;

    private Builder(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
        throw new IllegalArgumentException("baseUrl must be an http(s) URL, got " + baseUrl);
      }
      this.baseUrl = baseUrl;
    }

    /** Bearer token; null or blank sends no Authorization header (local servers). */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
      return this;
    }

    /** Model name sent with every request; default {@link #DEFAULT_MODEL}. */
    public Builder model(String model) {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("model must not be empty");
      }
      this.model = model;
      return this;
    }

    /** Timeout of one HTTP request, positive; default {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public Builder requestTimeout(Duration requestTimeout) {
      if (requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()) {
        throw new IllegalArgumentException("requestTimeout must be positive, got " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Retries after a connection failure, 429 or 5xx, zero or more; default {@link #DEFAULT_NETWORK_RETRIES}. */
    public Builder networkRetries(int networkRetries) {
      if (networkRetries < 0) {
        throw new IllegalArgumentException("networkRetries must be >= 0, got " + networkRetries);
      }
      this.networkRetries = networkRetries;
      return this;
    }

    /** Pause before the first retry, doubled for each further one, zero or more; default 1 s. */
    public Builder retryBackoff(Duration retryBackoff) {
      if (retryBackoff == null || retryBackoff.isNegative()) {
        throw new IllegalArgumentException("retryBackoff must be zero or positive, got " + retryBackoff);
      }
      this.retryBackoff = retryBackoff;
      return this;
    }

    public OpenAiSummariser build() {
      return new OpenAiSummariser(this);
    }

    @Override
    public String toString() {
      return "OpenAiSummariser.Builder[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
          + (apiKey == null ? "none" : "***") + ", requestTimeout=" + requestTimeout + ", networkRetries="
          + networkRetries + ", retryBackoff=" + retryBackoff + "]";
    }
  }
}
