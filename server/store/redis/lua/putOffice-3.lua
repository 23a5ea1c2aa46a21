--[[
  putOffice: stores a validated office configuration. New counters start closed, removed
  counters are dropped (with their officer), the others keep their live state. The version
  moves forward so every instance's cached copy becomes stale (scripts answer -24).

  KEYS[1] cfg
  KEYS[2] officers (officerId → counterId)
  KEYS[3] base (office key prefix: counter keys are derived from it; their ids come from the
          configuration, old and new, so the loop is bounded by the number of counters)

  ARGV[1] configuration JSON (stored as is, never decoded here)
  ARGV[2] now (epoch ms)  ARGV[3] PRIORITY_DUE
  ARGV[4] counter ids of the new configuration, comma-separated
  ARGV[5] '1': create only (the office must not exist yet)

  Returns the new version (string), or -62 OFFICE_EXISTS (create only). The version is the larger of old + 1 and the server's clock
  in microseconds, so it never repeats for an office even after Redis lost its data.
]]
--- @include "keys"
local rcall = redis.call

if ARGV[5] == '1' and rcall('EXISTS', KEYS[1]) == 1 then
  return -62
end

local wanted = {}
for id in string.gmatch(ARGV[4], '[^,]+') do
  wanted[id] = true
end
local old = rcall('HGET', KEYS[1], 'counters') or ''
for id in string.gmatch(old, '[^,]+') do
  if not wanted[id] then
    local key = counterKey(KEYS[3], id)
    local officerId = rcall('HGET', key, 'officerId')
    if officerId and rcall('HGET', KEYS[2], officerId) == id then
      rcall('HDEL', KEYS[2], officerId)
    end
    rcall('DEL', key)
  end
end
for id in string.gmatch(ARGV[4], '[^,]+') do
  local key = counterKey(KEYS[3], id)
  if rcall('EXISTS', key) == 0 then
    rcall('HSET', key, 'status', 'closed', 'normalsSincePriority', ARGV[3], 'since', ARGV[2])
  end
end

local time = rcall('TIME')
local version = tonumber(time[1]) * 1000000 + tonumber(time[2])
local previous = tonumber(rcall('HGET', KEYS[1], 'v') or '0')
if previous >= version then
  version = previous + 1
end
local v = string.format('%d', version)
rcall('HSET', KEYS[1], 'v', v, 'json', ARGV[1], 'counters', ARGV[4])
return v
