--[[
  openCounter: from closed or paused (the pause reason goes).

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] ctr:<counterId>

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId

  Returns the `counter-updated` event as a flat field/value array (also for a remembered
  requestId), or  -24 STALE_CONFIG  -3 UNKNOWN_COUNTER  -14 INVALID_TRANSITION
]]
--- @include "common"

local r = begin()
if r then
  return r
end

local counter = loadCounter(KEYS[5], ARGV[11])
if not counter then
  return E_UNKNOWN_COUNTER
end
if counter.status == 'open' then
  return E_INVALID_TRANSITION
end
counter.pauseReason = nil
counter.status = 'open'
counter.since = NOW
saveCounter(KEYS[5], counter)
return emit(nextSeq(), 'counter-updated', nil, nil, counter)
