--[[
  getState: what a display or console needs, read at one seq (read-only).

  @variadic — the number in the file name counts the fixed keys; one counter key per
  configured counter follows them, so this command is defined without a fixed numberOfKeys and
  the caller passes the total key count with each call.

  KEYS[1] cfg  KEYS[2] seq  KEYS[3] wc:<today>  KEYS[4] recent
  KEYS[5..#KEYS] ctr:<counterId>, in configuration order

  ARGV[1] config version the caller knows

  Returns { seq, wc as a flat field/value array, recent calls (JSON, newest first),
            then one flat field/value array per counter (empty if missing) }, or -24 STALE_CONFIG.
]]
local rcall = redis.call
if rcall('HGET', KEYS[1], 'v') ~= ARGV[1] then
  return -24
end
local out = {
  rcall('GET', KEYS[2]) or '0',
  rcall('HGETALL', KEYS[3]),
  rcall('LRANGE', KEYS[4], 0, -1),
}
for i = 5, #KEYS do
  out[#out + 1] = rcall('HGETALL', KEYS[i])
end
return out
