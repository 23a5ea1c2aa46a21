--[[
  requeue: a no-show of today waits again, at the front or at its original place.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] t:<ticketId>
  KEYS[6] wc:<today>
  KEYS[7] base (office key prefix: the ticket's waiting list, and the day:<date> and ns:<date>
          keys that stop counting the no-show at the counter it had, are derived from it)

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] position ('front'|'original')  ARGV[12] the front sort key (now − FRONT_OFFSET_MS)

  Returns the `requeued` event as a flat field/value array (also for a remembered requestId), or
   -24 STALE_CONFIG  -4 TICKET_NOT_FOUND  -14 INVALID_TRANSITION  -19 TICKET_EXPIRED
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
if ticket.status ~= 'no_show' then
  return E_INVALID_TRANSITION
end
if ticket.businessDate ~= TODAY then
  return E_TICKET_EXPIRED
end
-- As it was: the no-show is uncounted at the counter it names, which requeue clears.
local before = copy(ticket)
ticket.counterId = nil
ticket.officerId = nil
ticket.finishedAt = nil
ticket.status = 'waiting'
if ARGV[11] == 'front' then
  ticket.sortKey = ARGV[12]
end
saveTicket(KEYS[5], ticket)
enlist(listKey(KEYS[7], TODAY, listIdOf(ticket)), KEYS[6], ticket)
countDay(KEYS[7], before, ticket)
return emit(nextSeq(), 'requeued', ticket, nil, nil)
