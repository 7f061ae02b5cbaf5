-- Starts a shop's life: takes a free host port and records the shop as warming, in one step, so a
-- crash can never lose the port (it is either free or held by a record).
-- Only the leader reserves, and only while its lease holds (see lease.lua): a paused ex-leader's
-- late reservation would take the pool past its target.
-- KEYS: 1 free ports (set), 2 warming (zset id -> createdAt), 3 records (hash id -> JSON record,
--       see acquire.lua), 4 leader (string: token), 5 outbox (stream, see below)
-- ARGV: 1 id, 2 now (epoch ms), 3 back-office e-mail, 4 back-office password, 5 the leader's token,
--       6 outbox bound (0: events are off)
-- Returns the port, nil when none is free, or 'fenced' when the token is not the leader's.
if redis.call('GET', KEYS[4]) ~= ARGV[5] then
  return 'fenced'
end
local port = redis.call('SPOP', KEYS[1])
if not port then
  return false
end
redis.call('HSET', KEYS[3], ARGV[1], cjson.encode({id = ARGV[1], state = 'warming', port = port,
  createdAt = ARGV[2], adminEmail = ARGV[3], adminPassword = ARGV[4]}))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
-- The event, in the same step as the change it describes, so that a crash loses neither alone;
-- the relay (events.OutboxRelay) publishes it. Every transition script ends this way; the
-- stream keeps at most about its bound, dropping the oldest while nobody relays.
if ARGV[6] ~= '0' then
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[6], '*', 'type', 'warming', 'instance', ARGV[1], 'time', ARGV[2])
end
return port
