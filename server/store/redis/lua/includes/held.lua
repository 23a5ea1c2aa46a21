-- transitions.ts currentTicketIdOf, for recall / startServing / complete / noShow:
--   ARGV[11] counterId, ARGV[12] the ticket id the officer saw ('' = whichever it holds).
-- Returns counter, ticket, ticket key — or nil, nil, nil, error code.
local function heldTicket(counterKeyName, base)
  local counter = loadCounter(counterKeyName, ARGV[11])
  if not counter then
    return nil, nil, nil, E_UNKNOWN_COUNTER
  end
  if not counter.currentTicketId then
    return nil, nil, nil, E_COUNTER_IDLE
  end
  if ARGV[12] ~= '' and ARGV[12] ~= counter.currentTicketId then
    return nil, nil, nil, E_TICKET_NOT_CURRENT
  end
  local key = ticketKey(base, counter.currentTicketId)
  local ticket = loadHash(key)
  if not ticket then
    return nil, nil, nil, E_TICKET_NOT_FOUND
  end
  return counter, ticket, key, nil
end
