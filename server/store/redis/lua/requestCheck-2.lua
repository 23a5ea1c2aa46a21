--[[
  requestCheck: when a command fails before reaching its script (validation, hours, a service
  or counter the cached configuration does not know), the caller asks two things at once:
  is the requestId remembered (then its first result is the answer), and is the cached
  configuration still current (if not, it reloads and tries again). Read-only.

  KEYS[1] cfg  KEYS[2] rq:<requestId>
  ARGV[1] requestId ('' = none)  ARGV[2] now (epoch ms)  ARGV[3] request TTL (ms)

  Returns { current config version ('' if the office is gone),
            the remembered event as a flat field/value array (empty if none) }.
]]
local rcall = redis.call
local event = {}
if ARGV[1] ~= '' then
  local at = rcall('HGET', KEYS[2], 'at')
  if at and tonumber(at) + tonumber(ARGV[3]) > tonumber(ARGV[2]) then
    event = rcall('HGETALL', KEYS[2])
  end
end
return { rcall('HGET', KEYS[1], 'v') or '', event }
