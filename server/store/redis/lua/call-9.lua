--[[
  call: the counter calls one chosen waiting ticket.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] t:<ticketId>
  KEYS[6] ctr:<counterId>
  KEYS[7] wc:<today>
  KEYS[8] recent
  KEYS[9] base (office key prefix: the ticket's waiting list is derived from it)

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId

  Returns the `called` event as a flat field/value array (also for a remembered requestId), or
   -24 STALE_CONFIG  -4 TICKET_NOT_FOUND  -3 UNKNOWN_COUNTER  -10 COUNTER_NOT_OPEN
   -11 COUNTER_BUSY  -14 INVALID_TRANSITION  -19 TICKET_EXPIRED  -16 NOT_ELIGIBLE
]]
--- @include "common"
--- @include "keys"
--- @include "calling"

local r = begin()
if r then
  return r
end

local ticket = loadHash(KEYS[5])
if not ticket then
  return E_TICKET_NOT_FOUND
end
local counter = loadCounter(KEYS[6], ARGV[11])
if not counter then
  return E_UNKNOWN_COUNTER
end
return callTicket(counter, KEYS[6], ticket, KEYS[5], listKey(KEYS[9], TODAY, listIdOf(ticket)), KEYS[7], KEYS[8])
