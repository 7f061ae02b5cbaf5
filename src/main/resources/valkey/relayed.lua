-- Records how far one sink (NATS, the webhook) has published the outbox, then takes out of the
-- outbox what every configured sink has published, and counts it. Each sink keeps its own cursor,
-- so a sink that is down holds back only itself; the outbox keeps an event until the last sink has
-- it, and the next relay of a sink, on this leader or a new one, starts just after its cursor.
-- Entries appended meanwhile have later ids and stay.
-- KEYS: 1 outbox (stream, see reserve.lua), 2 relayed (string: count of events ever taken out
--       after publication), 3 this sink's cursor, 4.. every configured sink's cursor (this one's
--       among them)
-- ARGV: 1 the id of the last event this sink published
-- Returns how many entries were removed.
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end

local function before(a, b)
  local a_ms, a_seq = parse(a)
  local b_ms, b_seq = parse(b)
  return a_ms < b_ms or (a_ms == b_ms and a_seq < b_seq)
end

-- A cursor only moves forward: a deposed leader's late answer must not make a sink publish again
-- what it already has.
local cursor = redis.call('GET', KEYS[3])
if not cursor or before(cursor, ARGV[1]) then
  redis.call('SET', KEYS[3], ARGV[1])
end

local slowest
for i = 4, #KEYS do
  local published = redis.call('GET', KEYS[i])
  if not published then
    -- A sink that has published nothing yet needs everything.
    return 0
  end
  if not slowest or before(published, slowest) then
    slowest = published
  end
end
local ms, seq = parse(slowest)
-- XTRIM MINID keeps the given id and everything later: the id just after the slowest cursor.
local removed = redis.call('XTRIM', KEYS[1], 'MINID', string.format('%d-%d', ms, seq + 1))
redis.call('INCRBY', KEYS[2], removed)
return removed
