--[[
  signIn: one officer at one counter, one counter per officer.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] ctr:<counterId>
  KEYS[6] officers (officerId → counterId)

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId  ARGV[12] officerId

  Returns the `counter-updated` event as a flat field/value array (also for a remembered
  requestId), or  -24 STALE_CONFIG  -3 UNKNOWN_COUNTER  -14 INVALID_TRANSITION (already here)
  -17 COUNTER_TAKEN  -18 OFFICER_ELSEWHERE
]]
--- @include "common"

local r = begin()
if r then
  return r
end

local officerId = ARGV[12]
local elsewhere = rcall('HGET', KEYS[6], officerId)
local counter = loadCounter(KEYS[5], ARGV[11])
if not counter then
  return E_UNKNOWN_COUNTER
end
if counter.officerId == officerId then
  return E_INVALID_TRANSITION
end
if counter.officerId then
  return E_COUNTER_TAKEN
end
if elsewhere and elsewhere ~= counter.id then
  return E_OFFICER_ELSEWHERE
end
counter.officerId = officerId
saveCounter(KEYS[5], counter)
rcall('HSET', KEYS[6], officerId, counter.id)
return emit(nextSeq(), 'counter-updated', nil, nil, counter)
