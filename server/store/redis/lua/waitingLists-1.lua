--[[
  waitingLists: the first tickets of some waiting lists, for the officer console (read-only;
  TicketStore.waitingLists).

  @variadic — the number in the file name counts the fixed keys; the lists follow them, so this
  command is defined without a fixed numberOfKeys and the caller passes the total key count with
  each call.

  KEYS[1] base (office key prefix: the tickets' keys are derived from it)
  KEYS[2..#KEYS] the lists q:<today>:<listId>, each at most once

  ARGV[1] how many tickets per list (0..MAX_WAITING_PER_LIST, checked by the caller)

  Returns, per list in KEYS order, { its size, { one flat field/value array per ticket, in list
  order } }; a member whose ticket hash is gone (never, unless data was lost) gives an empty array.
  O(lists · (log n + k)): ZCARD, ZRANGE 0 k-1, one HGETALL per ticket returned. No error codes.
]]
--- @include "keys"

local rcall = redis.call
local k = tonumber(ARGV[1])
local out = {}
for i = 2, #KEYS do
  local tickets = {}
  -- ZRANGE 0 -1 would be the whole list: ask only when at least one ticket is wanted.
  if k > 0 then
    for _, m in ipairs(rcall('ZRANGE', KEYS[i], 0, k - 1)) do
      -- The member is `<ordinal padded to 15>:<ticketId>` (includes/common.lua `member`).
      tickets[#tickets + 1] = rcall('HGETALL', ticketKey(KEYS[1], string.sub(m, 17)))
    end
  end
  out[#out + 1] = { rcall('ZCARD', KEYS[i]), tickets }
end
return out
