--[[
  eventsSince: a page of the event stream and the current seq, read together (read-only).

  KEYS[1] seq  KEYS[2] ev
  ARGV[1] first entry id wanted (`<seq>-0`)  ARGV[2] how many ('' = all from there)

  Returns { seq, id of the oldest entry kept ('' if none), entries as XRANGE returns them }.
]]
local rcall = redis.call
local oldest = rcall('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
local entries
if ARGV[2] == '' then
  entries = rcall('XRANGE', KEYS[2], ARGV[1], '+')
else
  entries = rcall('XRANGE', KEYS[2], ARGV[1], '+', 'COUNT', ARGV[2])
end
return { rcall('GET', KEYS[1]) or '0', oldest[1] and oldest[1][1] or '', entries }
