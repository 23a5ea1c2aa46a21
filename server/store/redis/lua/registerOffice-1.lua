--[[
  registerOffice: adds an office id to the global index, keeping creation order (score = its
  position). Runs on its own, outside any office script, so office scripts stay in one slot.

  KEYS[1] offices (zset)
  ARGV[1] officeId

  Returns 1 when added, 0 when already listed.
]]
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], redis.call('ZCARD', KEYS[1]) + 1, ARGV[1])
return 1
