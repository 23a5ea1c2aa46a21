/**
 * The wait per service as the server last computed it (`office:estimates`, after each refresh of
 * the office's estimates: about every 30 s and shortly after every change). Before the first one,
 * nothing: the waiting panel says "Đang cập nhật".
 */
import { useEffect, useState } from 'preact/hooks';
import type { EstimatesUpdate } from '../shared/protocol/events.js';
import type { LiveOffice } from '../web/live-office.js';

export function useEstimates(live: LiveOffice | undefined, officeId: string): EstimatesUpdate['services'] {
  const [services, setServices] = useState<EstimatesUpdate['services']>([]);
  useEffect(() => {
    if (!live) return;
    return live.listen('office:estimates', (update) => {
      if (update.officeId === officeId) setServices(update.services);
    });
  }, [live, officeId]);
  return services;
}
