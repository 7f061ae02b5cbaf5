-- Gives the lease up at once (a replica that stops), so another takes over without waiting for it
-- to run out; only the holder's own token can.
-- KEYS: 1 leader (string: token)
-- ARGV: 1 the token this replica holds
-- Returns 1, or 0 when it did not hold the lease.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
