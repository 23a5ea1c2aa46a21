--[[
  callNext: the counter calls the next ticket by the office's policy (shared/domain/policy.ts
  pickNext, same comparison over the same sort keys).

  @variadic — the number in the file name counts the fixed keys; the counter's candidate lists
  follow them, so this command is defined without a fixed numberOfKeys and the caller passes
  the total key count with each call.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] ev  KEYS[4] rq:<requestId>   (see includes/common.lua)
  KEYS[5] ctr:<counterId>
  KEYS[6] wc:<today>
  KEYS[7] recent
  KEYS[8] base (office key prefix: the picked ticket's key is derived from it)
  KEYS[9..#KEYS] the counter's candidate lists q:<today>:<listId>, in candidateLists() order

  ARGV[1..10] common (includes/common.lua)
  ARGV[11] counterId  ARGV[12] policy kind ('oldest'|'strict'|'ageing')  ARGV[13] priorityEvery
  ARGV[14 + 2i], ARGV[15 + 2i] for candidate list i (0-based): priority ('1'|'0'), headStartMs

  Returns the `called` event as a flat field/value array (also for a remembered requestId), or
   -24 STALE_CONFIG  -3 UNKNOWN_COUNTER  -10 COUNTER_NOT_OPEN  -11 COUNTER_BUSY  -13 QUEUE_EMPTY
   -4 TICKET_NOT_FOUND (a listed ticket without its hash: never, unless data was lost)
   -14 INVALID_TRANSITION  -19 TICKET_EXPIRED  -16 NOT_ELIGIBLE (callTicket checks these again;
   never true for the head of one of the counter's own lists of today)
]]
--- @include "common"
--- @include "keys"
--- @include "calling"

local r = begin()
if r then
  return r
end

local counter = loadCounter(KEYS[5], ARGV[11])
if not counter then
  return E_UNKNOWN_COUNTER
end
local err = counterCannotCall(counter)
if err then
  return err
end

local kind = ARGV[12]
local function before(a, b)
  return a.key < b.key or (a.key == b.key and a.ordinal < b.ordinal)
end

local pick, bestP, bestN
for i = 9, #KEYS do
  local head = rcall('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if head[1] then
    local arg = 14 + 2 * (i - 9)
    local candidate = {
      list = i,
      member = head[1],
      key = tonumber(head[2]) - tonumber(ARGV[arg + 1]),
      ordinal = tonumber(string.sub(head[1], 1, 15)),
    }
    if kind == 'strict' then
      -- Lists come priority first, then in the counter's preference order: the first non-empty wins.
      pick = candidate
      break
    end
    if kind == 'ageing' or ARGV[arg] == '1' then
      if not bestP or before(candidate, bestP) then
        bestP = candidate
      end
    elseif not bestN or before(candidate, bestN) then
      bestN = candidate
    end
  end
end
if kind == 'ageing' then
  pick = bestP
elseif kind == 'oldest' then
  if bestP and (not bestN or tonumber(counter.normalsSincePriority) >= tonumber(ARGV[13])) then
    pick = bestP
  else
    pick = bestN
  end
end
if not pick then
  return E_QUEUE_EMPTY
end

local ticketKeyName = ticketKey(KEYS[8], string.sub(pick.member, 17))
local ticket = loadHash(ticketKeyName)
if not ticket then
  return E_TICKET_NOT_FOUND
end
return callTicket(counter, KEYS[5], ticket, ticketKeyName, KEYS[pick.list], KEYS[6], KEYS[7])
