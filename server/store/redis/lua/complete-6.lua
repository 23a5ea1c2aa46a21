--[[
  complete: the counter is done with its ticket (called or serving) and is free again.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] ctr:<counterId>
  KEYS[6] base (office key prefix: the held ticket's key, and the day:<date> key of its business
          date that counts it served, are derived from it — includes/activity.lua)

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId  ARGV[12] ticketId the officer saw ('' = the one held)
  ARGV[13] outcome ('' = none)

  Returns the `completed` event as a flat field/value array (also for a remembered requestId), or
   -24 STALE_CONFIG  -3 UNKNOWN_COUNTER  -12 COUNTER_IDLE  -15 TICKET_NOT_CURRENT
   -4 TICKET_NOT_FOUND  -14 INVALID_TRANSITION
]]
--- @include "common"
--- @include "keys"
--- @include "activity"
--- @include "held"

local r = begin()
if r then
  return r
end

local counter, ticket, key, err = heldTicket(KEYS[5], KEYS[6])
if err then
  return err
end
if ticket.status ~= 'called' and ticket.status ~= 'serving' then
  return E_INVALID_TRANSITION
end
local before = copy(ticket)
ticket.status = 'done'
ticket.finishedAt = NOW
if ARGV[13] ~= '' then
  ticket.outcome = ARGV[13]
end
counter.currentTicketId = nil
saveTicket(key, ticket)
saveCounter(KEYS[5], counter)
countDay(KEYS[6], before, ticket)
return emit(nextSeq(), 'completed', ticket, nil, counter)
