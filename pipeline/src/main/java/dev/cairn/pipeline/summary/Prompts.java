package dev.cairn.pipeline.summary;

import java.util.List;

/** The prompt texts of the LLM summariser, one per purpose of upstream §6 (our wording). */
final class Prompts {
  static final String ANALYST = "You are a careful meeting analyst. You only state what the transcript supports.";

  static final String TOPIC = "Identify the main substantive topic of this meeting segment. Ignore small talk, "
      + "greetings and logistics. Give it a specific, descriptive, professional title (a few words, no quotes) and "
      + "summarise in at most two sentences what was discussed or decided about it.";

  static final String TITLE = "Here are the topics of a meeting. Write a concise title for the whole meeting: at "
      + "most 10 words, noun phrases preferred. Avoid generic phrases such as \"Team Meeting\" or \"Weekly Sync\". "
      + "Name the most significant topic, or combine the main ones into a compound title. Answer with the title "
      + "only, on one line.";

  static final String SUBJECTS = "List the main high-level subjects of this meeting as short noun phrases, without "
      + "quotes. Skip subjects that were only mentioned briefly. Give at most 6 subjects.";

  static final String DETAILED_SUBJECT = "Write a detailed summary of the subject \"%s\" as discussed in this "
      + "meeting: the main arguments and insights, the decisions taken and why, the action items with their owners "
      + "and deadlines, and the issues left unresolved. Leave out anything unrelated to this subject. At most one "
      + "page.";

  static final String PARAGRAPH = "Condense this summary of one meeting topic into a single paragraph.";

  static final String RECAP = "Write a one-paragraph high-level recap of the highlights of this meeting from these "
      + "topic summaries. Do not list decisions or action items, and do not start with \"During the meeting\".";

  static final String ACTION_ITEMS = "Identify the decisions made in this meeting (what was decided, why, and who "
      + "decided) and the next steps (the task, who it is assigned to, its deadline, and context). Only include what "
      + "the transcript actually says; leave a field empty when it was not stated.";

  private Prompts() {}

  /** Upstream's "participant instructions", appended to every summary prompt when participant names are known. */
  static String participantInstructions(List<String> names) {
    if (names.isEmpty()) {
      return "";
    }
    return "\n\nThe participants of this meeting are: " + String.join(", ", names) + ". Always refer to people by "
        + "these exact names. Never write 'a participant', 'someone', 'Speaker 1' or similar placeholders.";
  }

  /** The transcript with upstream's {@code # Participants} list appended. */
  static String withParticipantList(String transcript, List<String> names) {
    if (names.isEmpty()) {
      return transcript;
    }
    StringBuilder text = new StringBuilder(transcript).append("\n\n# Participants\n\n");
    names.forEach(name -> text.append("- ").append(name).append('\n'));
    return text.toString();
  }

  /** A text-call request: the material first, the question last (as a tree-summarise prompt puts it). */
  static String request(String instruction, String material) {
    return "Context information is below.\n---------------------\n" + material
        + "\n---------------------\nUsing only that context, answer the request.\nRequest: " + instruction;
  }
}
