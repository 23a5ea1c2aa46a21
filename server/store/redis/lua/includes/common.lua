-- Shared by every mutating script. They all start with the same keys and arguments:
--   KEYS[1] cfg   KEYS[2] seq   KEYS[3] ev (stream)   KEYS[4] rq:<requestId> (placeholder if none)
--   ARGV[1] config version the caller prepared the command with
--   ARGV[2] now (epoch ms)          ARGV[3] requestId ('' = none)    ARGV[4] request TTL (ms)
--   ARGV[5] maxEvents               ARGV[6] today (business date)    ARGV[7] ticket TTL (ms)
--   ARGV[8] day-key TTL (ms)        ARGV[9] PRIORITY_DUE             ARGV[10] RECENT_CALLS
-- Every value is kept as a string: numbers are never formatted by cjson or tostring (14 digits).
local rcall = redis.call

local E_UNKNOWN_COUNTER = -3
local E_TICKET_NOT_FOUND = -4
local E_COUNTER_NOT_OPEN = -10
local E_COUNTER_BUSY = -11
local E_COUNTER_IDLE = -12
local E_QUEUE_EMPTY = -13
local E_INVALID_TRANSITION = -14
local E_TICKET_NOT_CURRENT = -15
local E_NOT_ELIGIBLE = -16
local E_COUNTER_TAKEN = -17
local E_OFFICER_ELSEWHERE = -18
local E_TICKET_EXPIRED = -19
local E_STALE_CONFIG = -24

local NOW = ARGV[2]
local REQUEST_ID = ARGV[3]
local TODAY = ARGV[6]
local TICKET_TTL = ARGV[7]
local DAY_TTL = ARGV[8]

-- An exact decimal for a number computed here (integers as integers, anything else round-trips).
local function numstr(x)
  if x == math.floor(x) and x > -1e15 and x < 1e15 then
    return string.format('%d', x)
  end
  return string.format('%.17g', x)
end

-- Idempotency first (a remembered requestId answers before anything else, as in the memory
-- engine), then the configuration version the command was prepared with.
local function begin()
  if REQUEST_ID ~= '' then
    local at = rcall('HGET', KEYS[4], 'at')
    if at and tonumber(at) + tonumber(ARGV[4]) > tonumber(NOW) then
      return rcall('HGETALL', KEYS[4])
    end
  end
  if rcall('HGET', KEYS[1], 'v') ~= ARGV[1] then
    return E_STALE_CONFIG
  end
  return nil
end

local function loadHash(key)
  local flat = rcall('HGETALL', key)
  if #flat == 0 then
    return nil
  end
  local t = {}
  for i = 1, #flat, 2 do
    t[flat[i]] = flat[i + 1]
  end
  return t
end

-- Replaces the hash with exactly the fields of `t` (absent fields stay absent).
local function saveHash(key, t, skip)
  local flat = {}
  for k, v in pairs(t) do
    if k ~= skip then
      flat[#flat + 1] = k
      flat[#flat + 1] = v
    end
  end
  rcall('DEL', key)
  rcall('HSET', key, unpack(flat))
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do
    c[k] = v
  end
  return c
end

local function saveTicket(key, t)
  saveHash(key, t, nil)
  rcall('PEXPIRE', key, TICKET_TTL)
end

local function loadCounter(key, id)
  local c = loadHash(key)
  if c then
    c.id = id
  end
  return c
end

local function saveCounter(key, c)
  saveHash(key, c, 'id')
end

-- Zset member: the ordinal zero-padded to 15 digits, so equal scores order by ordinal.
local function member(t)
  return string.rep('0', 15 - #t.ordinal) .. t.ordinal .. ':' .. t.id
end

local function addWaiting(key, serviceId, delta)
  local n = rcall('HINCRBY', key, serviceId, delta)
  if n <= 0 then
    rcall('HDEL', key, serviceId)
  else
    rcall('PEXPIRE', key, DAY_TTL)
  end
end

-- A ticket joins / leaves its waiting list, and its service's waiting count follows (as in the
-- memory engine's OfficeRuntime enlist / unlist).
local function enlist(listKeyName, waitingKeyName, t)
  rcall('ZADD', listKeyName, t.sortKey, member(t))
  rcall('PEXPIRE', listKeyName, DAY_TTL)
  addWaiting(waitingKeyName, t.serviceId, 1)
end

local function unlist(listKeyName, waitingKeyName, t)
  rcall('ZREM', listKeyName, member(t))
  addWaiting(waitingKeyName, t.serviceId, -1)
end

local function pushRecent(key, t, kind)
  local entry = {
    ticketId = t.id,
    number = t.number,
    serviceId = t.serviceId,
    counterId = t.counterId,
    at = NOW,
    kind = kind,
  }
  rcall('LPUSH', key, cjson.encode(entry))
  rcall('LTRIM', key, 0, tonumber(ARGV[10]) - 1)
end

local function nextSeq()
  return rcall('INCR', KEYS[2])
end

-- Appends the event (entry id <seq>-1), trims the stream like the memory engine (past 1.25 ×
-- maxEvents, back to maxEvents: amortised O(1)), remembers it under the requestId, and returns
-- it as a flat field/value array.
local function emit(seq, kind, ticket, from, counter)
  local s = string.format('%d', seq)
  local fields = { 'type', kind, 'at', NOW }
  if REQUEST_ID ~= '' then
    fields[#fields + 1] = 'requestId'
    fields[#fields + 1] = REQUEST_ID
  end
  if ticket then
    fields[#fields + 1] = 'ticket'
    fields[#fields + 1] = cjson.encode(ticket)
  end
  if from then
    fields[#fields + 1] = 'from'
    fields[#fields + 1] = cjson.encode(from)
  end
  if counter then
    fields[#fields + 1] = 'counter'
    fields[#fields + 1] = cjson.encode(counter)
  end
  rcall('XADD', KEYS[3], s .. '-1', unpack(fields))
  local maxEvents = tonumber(ARGV[5])
  if maxEvents > 0 and rcall('XLEN', KEYS[3]) > maxEvents * 1.25 then
    rcall('XTRIM', KEYS[3], 'MAXLEN', string.format('%d', maxEvents))
  end
  local reply = { 'seq', s, unpack(fields) }
  if REQUEST_ID ~= '' then
    rcall('DEL', KEYS[4])
    rcall('HSET', KEYS[4], unpack(reply))
    rcall('PEXPIRE', KEYS[4], ARGV[4])
  end
  return reply
end
