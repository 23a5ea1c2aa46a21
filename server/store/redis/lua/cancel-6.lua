--[[
  cancel: a waiting ticket or a no-show is withdrawn (of any day).

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] t:<ticketId>
  KEYS[6] base (office key prefix: the ticket's list and waiting count, of its own day, are derived;
          so are its day's day:<date> and ns:<date> keys, which stop counting a cancelled no-show)

  ARGV[1..10] common (includes/common.lua)

  Returns the `cancelled` event as a flat field/value array (also for a remembered requestId), or
   -24 STALE_CONFIG  -4 TICKET_NOT_FOUND  -14 INVALID_TRANSITION
]]
--- @include "common"
--- @include "keys"
--- @include "activity"

local r = begin()
if r then
  return r
end

local ticket = loadHash(KEYS[5])
if not ticket then
  return E_TICKET_NOT_FOUND
end
if ticket.status ~= 'waiting' and ticket.status ~= 'no_show' then
  return E_INVALID_TRANSITION
end
local before = copy(ticket)
if ticket.status == 'waiting' then
  local date = ticket.businessDate
  unlist(listKey(KEYS[6], date, listIdOf(ticket)), waitingKey(KEYS[6], date), ticket)
end
ticket.status = 'cancelled'
ticket.finishedAt = NOW
saveTicket(KEYS[5], ticket)
countDay(KEYS[6], before, ticket)
return emit(nextSeq(), 'cancelled', ticket, nil, nil)
