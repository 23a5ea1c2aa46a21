--[[
  pauseCounter: an open (or already paused) counter pauses with a reason.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] ctr:<counterId>

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId  ARGV[12] reason (trimmed, NFC)

  Returns the `counter-updated` event as a flat field/value array (also for a remembered
  requestId), or  -24 STALE_CONFIG  -3 UNKNOWN_COUNTER  -10 COUNTER_NOT_OPEN  -11 COUNTER_BUSY
  -14 INVALID_TRANSITION (already paused for the same reason)
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
if counter.status == 'closed' then
  return E_COUNTER_NOT_OPEN
end
if counter.currentTicketId then
  return E_COUNTER_BUSY
end
if counter.status == 'paused' and counter.pauseReason == ARGV[12] then
  return E_INVALID_TRANSITION
end
counter.status = 'paused'
counter.pauseReason = ARGV[12]
counter.since = NOW
saveCounter(KEYS[5], counter)
return emit(nextSeq(), 'counter-updated', nil, nil, counter)
