-- Takes the events the relay has published (and NATS acknowledged) out of the outbox, and counts
-- them, so that the outbox holds exactly what is still to publish: its first entry is where the
-- next relay, on this leader or a new one, starts. Entries appended meanwhile have later ids and
-- stay.
-- KEYS: 1 outbox (stream, see reserve.lua), 2 relayed (string: count of events ever relayed)
-- ARGV: 1 the id just after the last event published ('<ms>-<seq + 1>': XTRIM MINID keeps it and
--       everything later)
-- Returns how many entries were removed.
local removed = redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
redis.call('INCRBY', KEYS[2], removed)
return removed
