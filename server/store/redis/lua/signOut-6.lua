--[[
  signOut: the officer leaves; the counter closes (`since` moves only if it was not closed).

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] ctr:<counterId>
  KEYS[6] officers (officerId → counterId)

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId

  Returns the `counter-updated` event as a flat field/value array (also for a remembered
  requestId), or  -24 STALE_CONFIG  -3 UNKNOWN_COUNTER  -14 INVALID_TRANSITION (nobody signed in)
  -11 COUNTER_BUSY
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
if not counter.officerId then
  return E_INVALID_TRANSITION
end
if counter.currentTicketId then
  return E_COUNTER_BUSY
end
rcall('HDEL', KEYS[6], counter.officerId)
counter.officerId = nil
counter.pauseReason = nil
if counter.status ~= 'closed' then
  counter.since = NOW
end
counter.status = 'closed'
saveCounter(KEYS[5], counter)
return emit(nextSeq(), 'counter-updated', nil, nil, counter)
