--[[
  transfer: the ticket ends as `transferred`; a new waiting ticket with the same number, class
  and issue time (and a new ordinal: this event's seq) takes its place in another service's list
  or in one counter's own list. The counter holding it, if any, is freed. A transferred ticket is
  neither served nor a no-show; its counter's lastEndedAt moves on (includes/activity.lua).

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] t:<ticketId>
  KEYS[6] t:<newTicketId>
  KEYS[7] wc:<today>
  KEYS[8] base (office key prefix: the holder counter and the waiting lists are derived from it)

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] newTicketId  ARGV[12] target kind ('service'|'counter')  ARGV[13] target id
  ARGV[14] position ('front'|'back'|'issueTime')
  ARGV[15] front sort key (now − FRONT_OFFSET_MS)  ARGV[16] back sort key (now)
  ARGV[17] the policy's priority head start in ms (issueTime: sortKey = issuedAt − head start)

  Returns the `transferred` event as a flat field/value array (also for a remembered requestId), or
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
local holder, holderKey
if ticket.counterId then
  holderKey = counterKey(KEYS[8], ticket.counterId)
  holder = loadCounter(holderKey, ticket.counterId)
  if holder and holder.currentTicketId ~= ticket.id then
    holder = nil
  end
end
local status = ticket.status
if status ~= 'waiting' and status ~= 'called' and status ~= 'serving' then
  return E_INVALID_TRANSITION
end
if ticket.businessDate ~= TODAY then
  return E_TICKET_EXPIRED
end

local position = ARGV[14]
local sortKey
if position == 'front' then
  sortKey = ARGV[15]
elseif position == 'back' then
  sortKey = ARGV[16]
else
  local headStart = (ticket.priority == 'true') and tonumber(ARGV[17]) or 0
  sortKey = numstr(tonumber(ticket.issuedAt) - headStart)
end

-- A new queue entry: its ordinal is the seq of this event, so ties on sortKey go after entries
-- made before it ("back" means back).
local seq = nextSeq()
local moved = copy(ticket)
for _, field in ipairs({ 'calledAt', 'servingAt', 'finishedAt', 'counterId', 'officerId', 'outcome', 'targetCounterId', 'transferredTo' }) do
  moved[field] = nil
end
moved.id = ARGV[11]
moved.status = 'waiting'
moved.recalls = '0'
moved.transferredFrom = ticket.id
moved.sortKey = sortKey
moved.ordinal = string.format('%d', seq)
if ARGV[12] == 'service' then
  moved.serviceId = ARGV[13]
else
  moved.targetCounterId = ARGV[13]
end

local from = copy(ticket)
from.status = 'transferred'
from.finishedAt = NOW
from.transferredTo = ARGV[11]

if status == 'waiting' then
  unlist(listKey(KEYS[8], TODAY, listIdOf(ticket)), KEYS[7], ticket)
end
saveTicket(KEYS[5], from)
countDay(KEYS[8], ticket, from)
saveTicket(KEYS[6], moved)
enlist(listKey(KEYS[8], TODAY, listIdOf(moved)), KEYS[7], moved)
if holder then
  holder.currentTicketId = nil
  saveCounter(holderKey, holder)
end
return emit(seq, 'transferred', moved, from, holder)
