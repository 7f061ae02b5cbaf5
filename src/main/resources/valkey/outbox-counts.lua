-- The outbox at a glance, in one snapshot: for each sink, how many events it has still to publish
-- and how long the oldest of them has waited; and how many events the outbox's bound dropped
-- before every sink had them. Every event ever appended was either taken out after publication
-- (counted by relayed.lua), is still in the outbox, or was dropped by XADD's MAXLEN, which counts
-- nothing itself: the stream's entries-added (Valkey and Redis 7+) closes the sum.
-- KEYS: 1 outbox (stream), 2 relayed (string: count of events taken out after publication),
--       3.. each sink's cursor (string: the id of the last event it published)
-- Returns {dropped, pending of sink 1, age in ms of its oldest pending event (0: none), pending of
-- sink 2, ...}.
local counts = {0}
if redis.call('EXISTS', KEYS[1]) == 0 then
  for i = 3, #KEYS do
    table.insert(counts, 0)
    table.insert(counts, 0)
  end
  return counts
end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local length, added = 0, 0
for i = 1, #info, 2 do
  if info[i] == 'length' then
    length = info[i + 1]
  elseif info[i] == 'entries-added' then
    added = info[i + 1]
  end
end
local relayed = tonumber(redis.call('GET', KEYS[2]) or '0')
counts[1] = math.max(0, added - relayed - length)
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for i = 3, #KEYS do
  local cursor = redis.call('GET', KEYS[i])
  local from = cursor and ('(' .. cursor) or '-'
  local waiting = redis.call('XRANGE', KEYS[1], from, '+')
  table.insert(counts, #waiting)
  if #waiting > 0 then
    local ms = tonumber(string.match(waiting[1][1], '^(%d+)-'))
    table.insert(counts, math.max(0, now - ms))
  else
    table.insert(counts, 0)
  end
end
return counts
