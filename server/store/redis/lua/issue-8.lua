--[[
  issue: a new waiting ticket with the service's next number of the day.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] num:<today>:<serviceId>   tickets issued today
  KEYS[6] wc:<today>                waiting counts
  KEYS[7] q:<today>:<listId>        the ticket's waiting list (s:<serviceId>:p|n)
  KEYS[8] t:<ticketId>              the new ticket

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] officeId  ARGV[12] serviceId  ARGV[13] ticketId  ARGV[14] priority ('true'|'false')
  ARGV[15] priorityReason ('' = none)  ARGV[16] channel  ARGV[17] sortKey
  ARGV[18] dailyCap ('' = none)
  ARGV[19] numbering prefix  ARGV[20] start  ARGV[21] width  ARGV[22] range end  ARGV[23] wrap ('1'|'0')
  ARGV[24] prediction: the estimate shown with the ticket, JSON written by the caller ('' = none);
           kept as that string in the ticket's `prediction` field, never parsed here (codec.ts)

  Returns the event as a flat field/value array (also for a remembered requestId), or
   -24 STALE_CONFIG   -8 CAP_REACHED   -9 NUMBERS_EXHAUSTED
  Hours and cut-off are checked by the caller (commands.ts planIssue).
]]
--- @include "common"

local r = begin()
if r then
  return r
end

local count = tonumber(rcall('GET', KEYS[5]) or '0')
if ARGV[18] ~= '' and count >= tonumber(ARGV[18]) then
  return -8
end
-- shared/domain/numbering.ts displayNumber
local seqNo = count + 1
local start = tonumber(ARGV[20])
local width = tonumber(ARGV[21])
local last = tonumber(ARGV[22])
local value = start + seqNo - 1
if value > last then
  if ARGV[23] ~= '1' then
    return -9
  end
  value = start + ((seqNo - 1) % (last - start + 1))
end
local digits = string.format('%d', value)
if #digits < width then
  digits = string.rep('0', width - #digits) .. digits
end

local seq = nextSeq()
local ticket = {
  id = ARGV[13],
  officeId = ARGV[11],
  serviceId = ARGV[12],
  number = ARGV[19] .. digits,
  seqNo = string.format('%d', seqNo),
  businessDate = TODAY,
  priority = ARGV[14],
  channel = ARGV[16],
  status = 'waiting',
  issuedAt = NOW,
  recalls = '0',
  sortKey = ARGV[17],
  ordinal = string.format('%d', seq),
}
if ARGV[15] ~= '' then
  ticket.priorityReason = ARGV[15]
end
if ARGV[24] ~= '' then
  ticket.prediction = ARGV[24]
end

rcall('SET', KEYS[5], string.format('%d', seqNo), 'PX', DAY_TTL)
saveTicket(KEYS[8], ticket)
enlist(KEYS[7], KEYS[6], ticket)
return emit(seq, 'issued', ticket, nil, nil)
