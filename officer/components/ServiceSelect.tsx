/** A choice of the office's services, by name in the console's language. */
import type { PublicOffice } from '../../shared/protocol/http.js';
import { useText } from '../text.js';

export function ServiceSelect(props: {
  id: string;
  office: PublicOffice;
  value: string;
  onChange: (serviceId: string) => void;
  autoFocus?: boolean;
}) {
  const t = useText();
  return (
    <select
      id={props.id}
      autoFocus={props.autoFocus}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
    >
      {props.office.services.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name[t.lang] || s.name.vi}
        </option>
      ))}
    </select>
  );
}
