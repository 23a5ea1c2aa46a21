-- transitions.ts assertCounterCanCall / callTicket, shared by callNext and call.
local function counterCannotCall(counter)
  if counter.status ~= 'open' then
    return E_COUNTER_NOT_OPEN
  end
  if counter.currentTicketId then
    return E_COUNTER_BUSY
  end
  return nil
end

-- Checks, in order: counter open, counter free, ticket waiting, of today, not reserved for another
-- counter. Then: off its list, onto the counter, into the recent calls, one `called` event.
local function callTicket(counter, counterKeyName, ticket, ticketKeyName, listKeyName, waitingKeyName, recentKey)
  local err = counterCannotCall(counter)
  if err then
    return err
  end
  if ticket.status ~= 'waiting' then
    return E_INVALID_TRANSITION
  end
  if ticket.businessDate ~= TODAY then
    return E_TICKET_EXPIRED
  end
  if ticket.targetCounterId and ticket.targetCounterId ~= counter.id then
    return E_NOT_ELIGIBLE
  end
  unlist(listKeyName, waitingKeyName, ticket)
  ticket.status = 'called'
  ticket.calledAt = NOW
  ticket.counterId = counter.id
  ticket.officerId = counter.officerId
  counter.currentTicketId = ticket.id
  if ticket.priority == 'true' then
    counter.normalsSincePriority = '0'
  else
    counter.normalsSincePriority = numstr(math.min(tonumber(counter.normalsSincePriority) + 1, tonumber(ARGV[9])))
  end
  saveTicket(ticketKeyName, ticket)
  saveCounter(counterKeyName, counter)
  pushRecent(recentKey, ticket, 'called')
  return emit(nextSeq(), 'called', ticket, nil, counter)
end
