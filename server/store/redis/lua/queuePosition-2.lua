--[[
  queuePosition: where a waiting ticket stands in its queue (read-only; shared/domain/ahead.ts).

  KEYS[1] q:<date>:<listId>        the ticket's own list
  KEYS[2] q:<date>:<other listId>  the same queue's list of the other class (priority ↔ normal)
  ARGV[1] the ticket's member (`<ordinal padded to 15>:<ticketId>`)  ARGV[2] its sort key

  Returns { rank in its own list or -1 when it is not there, entries of the other list ordered
  before it, entries of the other list } — O(log n).
]]
local rcall = redis.call
local rank = rcall('ZRANK', KEYS[1], ARGV[1])
if not rank then
  return { -1, 0, 0 }
end
-- Before it: a smaller score, or the same score and a smaller member (Redis orders ties by member).
local before = rcall('ZCOUNT', KEYS[2], '-inf', '(' .. ARGV[2])
local ties = rcall('ZRANGEBYSCORE', KEYS[2], ARGV[2], ARGV[2])
for _, m in ipairs(ties) do
  if m < ARGV[1] then
    before = before + 1
  end
end
return { rank, before, rcall('ZCARD', KEYS[2]) }
