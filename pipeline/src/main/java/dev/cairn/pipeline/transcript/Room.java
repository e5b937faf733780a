package dev.cairn.pipeline.transcript;

/** A Reflector room: where a meeting's notifications go (Zulip stream/topic, outgoing webhook). */
public record Room(String id, String name, boolean zulipAutoPost, String zulipStream, String zulipTopic,
    String webhookUrl, String webhookSecret) {

  public static Room named(String id, String name) {
    return new Room(id, name, false, null, null, null, null);
  }

  @Override
  public String toString() {
    return "Room[id=" + id + ", name=" + name + ", zulip=" + zulipAutoPost + " " + zulipStream + "/" + zulipTopic
        + ", webhook=" + webhookUrl + (webhookSecret == null ? "" : " (signed)") + "]";
  }
}
