-- Sends notifications on their own, outside any transaction that changed something (an announcement of what this
-- node's commits did, to the other nodes: see Announcer). Delivered when the statement's transaction commits.
SELECT pg_notify(n.channel, n.payload)::text AS notified
FROM unnest(:channels::text[], :payloads::text[]) AS n(channel, payload)
