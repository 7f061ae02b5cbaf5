-- Claims or renews the leader's lease, the right to refill, reap and reconcile. The leader key
-- holds the fencing token, '<epoch> <replica>', for as long as the lease lasts; the epoch grows by
-- one at every new claim, so each leadership has a token no earlier or later one shares. The
-- scripts that only the leader may run (reserve.lua, mark-ready.lua, end.lua for the leader's own
-- ends) compare the token they are given with the key's, and refuse when it differs: a leader
-- that was paused past its lease and wakes up cannot write any more, whatever it believes.
-- The lease is a duration (PX): Valkey counts it on its own clock.
-- KEYS: 1 leader (string: token), 2 epoch (counter)
-- ARGV: 1 replica name, 2 the token this replica holds ('' for none), 3 lease (ms)
-- Returns {'leader', token} to the replica that holds the lease after this call,
--         {'follower', the holder's token} to every other.
local holder = redis.call('GET', KEYS[1])
if holder and holder == ARGV[2] then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  return {'leader', holder}
end
if holder then
  return {'follower', holder}
end
-- A lease that ran out with nobody claiming it since (a renewal late on a loaded host) is given
-- back to its holder under the same token: no other leadership came between, so none of its
-- writes can cross another's, and its warm-ups need not be abandoned.
if ARGV[2] ~= '' and redis.call('GET', KEYS[2]) == string.match(ARGV[2], '^(%d+) ') then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return {'leader', ARGV[2]}
end
local token = redis.call('INCR', KEYS[2]) .. ' ' .. ARGV[1]
redis.call('SET', KEYS[1], token, 'PX', ARGV[3])
return {'leader', token}
