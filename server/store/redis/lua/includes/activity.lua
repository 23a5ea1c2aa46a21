-- TicketStore.dayActivity's figures follow ticket state, exactly as the memory engine's
-- OfficeRuntime.putTicket keeps them. Needs "common" and "keys" included before it.
--   day:<date>  <counterId>:served, <counterId>:ms   +1, + finishedAt − (servingAt or calledAt)
--                                                    when the ticket becomes done (complete)
--               <counterId>:ns                       +1 when it becomes no_show (noShow), −1 when
--                                                    it leaves no_show (requeue, cancel)
--               <counterId>:end                      the latest finishedAt of a ticket leaving the
--                                                    counter (done, no_show, transferred from it)
--   ns:<date>   member ticketId, score −finishedAt   while it is no_show (so ZRANGE gives the most
--                                                    recent first, equal times by id)
-- The date is the ticket's own businessDate, the counter the one in its counterId; leaving no_show
-- goes by the ticket as it was (requeue clears counterId), and only uncounts a ticket the day
-- still holds (ZREM answers 1), as the memory engine does. A transfer ends a ticket as
-- transferred: neither served nor a no-show, but the counter that held it is free from then on.
-- Service time goes through HINCRBYFLOAT: whole milliseconds stay whole, and a clock with
-- fractions can never make the script fail half-way.

-- `before` and `after`: the ticket's hash before and after the script changed it.
local function countDay(base, before, after)
  if before.status == after.status then
    return
  end
  local left = after.status == 'done' or after.status == 'no_show' or after.status == 'transferred'
  if left and after.counterId and (before.status == 'called' or before.status == 'serving') then
    local key = dayKey(base, after.businessDate)
    local field = after.counterId .. ':end'
    local last = tonumber(rcall('HGET', key, field))
    if not last or last < tonumber(after.finishedAt) then
      rcall('HSET', key, field, after.finishedAt)
      rcall('PEXPIRE', key, DAY_TTL)
    end
  end
  if before.status == 'no_show' then
    local date = before.businessDate
    if rcall('ZREM', noShowsKey(base, date), before.id) == 1 and before.counterId then
      local key = dayKey(base, date)
      local field = before.counterId .. ':ns'
      if rcall('HINCRBY', key, field, -1) <= 0 then
        rcall('HDEL', key, field)
      end
    end
  end
  if after.status == 'no_show' then
    local key = noShowsKey(base, after.businessDate)
    if rcall('ZADD', key, '-' .. after.finishedAt, after.id) == 1 and after.counterId then
      local day = dayKey(base, after.businessDate)
      rcall('HINCRBY', day, after.counterId .. ':ns', 1)
      rcall('PEXPIRE', day, DAY_TTL)
    end
    rcall('PEXPIRE', key, DAY_TTL)
  elseif after.status == 'done' and after.counterId then
    local key = dayKey(base, after.businessDate)
    local started = after.servingAt or after.calledAt or after.finishedAt
    rcall('HINCRBY', key, after.counterId .. ':served', 1)
    rcall('HINCRBYFLOAT', key, after.counterId .. ':ms', numstr(tonumber(after.finishedAt) - tonumber(started)))
    rcall('PEXPIRE', key, DAY_TTL)
  end
end
