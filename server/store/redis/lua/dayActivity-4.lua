--[[
  dayActivity: today's figures of an office and its no-show tickets, for the officer console
  (read-only; TicketStore.dayActivity). The figures are kept by includes/activity.lua.

  KEYS[1] cfg
  KEYS[2] base (office key prefix: the no-show tickets' keys are derived from it)
  KEYS[3] day:<today>
  KEYS[4] ns:<today>

  ARGV[1] config version the caller knows
  ARGV[2] how many no-show tickets (MAX_NO_SHOWS)

  Returns { day:<today> as a flat field/value array, the number of no-shows, { one flat
  field/value array per no-show ticket, the most recent first } }, or -24 STALE_CONFIG. A member
  whose ticket hash is gone (never, unless data was lost) gives an empty array.
  O(log n + k): HGETALL (one field per counter and figure), ZCARD, ZRANGE 0 k-1, one HGETALL per
  ticket returned.
]]
--- @include "keys"

local rcall = redis.call
if rcall('HGET', KEYS[1], 'v') ~= ARGV[1] then
  return -24
end
local k = tonumber(ARGV[2])
local tickets = {}
-- ZRANGE 0 -1 would be the whole set: ask only when at least one ticket is wanted.
if k > 0 then
  for _, id in ipairs(rcall('ZRANGE', KEYS[4], 0, k - 1)) do
    tickets[#tickets + 1] = rcall('HGETALL', ticketKey(KEYS[2], id))
  end
end
return { rcall('HGETALL', KEYS[3]), rcall('ZCARD', KEYS[4]), tickets }
