-- Keys a script derives after reading state, from the office prefix `base` (a KEYS entry).
-- Mirrors server/store/redis/keys.ts (the one place keys are spelled); keep the two in step.
local function ticketKey(base, ticketId)
  return base .. 't:' .. ticketId
end

local function counterKey(base, counterId)
  return base .. 'ctr:' .. counterId
end

local function listKey(base, date, listId)
  return base .. 'q:' .. date .. ':' .. listId
end

local function waitingKey(base, date)
  return base .. 'wc:' .. date
end

-- The waiting list of a ticket: shared/domain/policy.ts listIdOf.
local function listIdOf(t)
  local class = (t.priority == 'true') and 'p' or 'n'
  if t.targetCounterId then
    return 'c:' .. t.targetCounterId .. ':' .. class
  end
  return 's:' .. t.serviceId .. ':' .. class
end

-- dayActivity's figures of one business day (hash) and its no-show tickets (zset).
local function dayKey(base, date)
  return base .. 'day:' .. date
end

local function noShowsKey(base, date)
  return base .. 'ns:' .. date
end
