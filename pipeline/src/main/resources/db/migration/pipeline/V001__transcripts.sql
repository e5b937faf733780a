-- The pipeline's own tables (Reflector's data model, upstream §9), in their own schema beside the engine's.
-- Lists that upstream kept in JSON columns of the transcript row (events, topics, participants) are rows here:
-- concurrent steps append and upsert rows instead of rewriting one shared document, so no write is lost.

CREATE TABLE room (
  id              text PRIMARY KEY,
  name            text NOT NULL UNIQUE,
  zulip_auto_post boolean NOT NULL DEFAULT false,
  zulip_stream    text,
  zulip_topic     text,
  webhook_url     text,
  webhook_secret  text,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE meeting (
  id         text PRIMARY KEY,
  room_id    text REFERENCES room (id),
  room_name  text NOT NULL,
  start_date timestamptz NOT NULL,
  end_date   timestamptz
);
CREATE INDEX meeting_by_room_name ON meeting (room_name, start_date);

-- One refusal for a meeting is enough to delete its audio (upstream §8.1).
CREATE TABLE meeting_consent (
  id                bigserial PRIMARY KEY,
  meeting_id        text NOT NULL REFERENCES meeting (id),
  user_id           text,
  consent_given     boolean NOT NULL,
  consent_timestamp timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_consent_by_meeting ON meeting_consent (meeting_id);

CREATE TABLE recording (
  id          text PRIMARY KEY,             -- Daily's recording id
  bucket_name text NOT NULL,
  object_key  text,
  recorded_at timestamptz NOT NULL,
  meeting_id  text REFERENCES meeting (id),
  room_name   text,
  track_keys  jsonb                          -- every audio key as Daily sent it; null = not multitrack
);

CREATE TABLE transcript (
  id               text PRIMARY KEY,
  name             text NOT NULL DEFAULT '',
  status           text NOT NULL DEFAULT 'idle'
                   CHECK (status IN ('idle', 'uploaded', 'recording', 'processing', 'error', 'ended')),
  locked           boolean NOT NULL DEFAULT false,
  duration_ms      double precision NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  title            text,
  short_summary    text,
  long_summary     text,
  action_items     jsonb,
  waveform         jsonb,
  source_language  text NOT NULL DEFAULT 'en',
  target_language  text NOT NULL DEFAULT 'en',
  audio_location   text CHECK (audio_location IN ('local', 'storage')),
  audio_deleted    boolean,
  zulip_message_id bigint,
  workflow_run_id  uuid,
  recording_id     text UNIQUE REFERENCES recording (id),
  meeting_id       text REFERENCES meeting (id),
  room_id          text REFERENCES room (id),
  -- The last event sequence number handed out. Appending an event increments it under the row lock, which
  -- orders a transcript's events without gaps across concurrent steps; it never goes back on a reset.
  last_event_seq   bigint NOT NULL DEFAULT 0
);

CREATE TABLE transcript_participant (
  transcript_id  text NOT NULL REFERENCES transcript (id) ON DELETE CASCADE,
  participant_id text NOT NULL,
  speaker        integer NOT NULL,
  name           text NOT NULL,
  user_id        text,
  PRIMARY KEY (transcript_id, participant_id)
);

CREATE TABLE transcript_topic (
  transcript_id text NOT NULL REFERENCES transcript (id) ON DELETE CASCADE,
  position      integer NOT NULL,
  id            uuid NOT NULL,
  title         text NOT NULL,
  summary       text NOT NULL,
  timestamp_s   double precision NOT NULL,
  duration_s    double precision NOT NULL,
  transcript    text NOT NULL,
  words         jsonb NOT NULL,
  PRIMARY KEY (transcript_id, position)
);

CREATE TABLE transcript_event (
  transcript_id text NOT NULL REFERENCES transcript (id) ON DELETE CASCADE,
  seq           bigint NOT NULL,
  event         text NOT NULL,
  data          jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (transcript_id, seq)
);

-- What happened to each outgoing webhook: a customer's broken endpoint never fails the run, but it is recorded.
CREATE TABLE webhook_delivery (
  id            bigserial PRIMARY KEY,
  transcript_id text NOT NULL REFERENCES transcript (id) ON DELETE CASCADE,
  event_id      text NOT NULL,
  url           text NOT NULL,
  delivered     boolean NOT NULL,
  attempts      integer NOT NULL,
  response_code integer,
  error         text,
  sent_at       timestamptz NOT NULL DEFAULT now()
);
