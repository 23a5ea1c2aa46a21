/**
 * "Thiết lập kiosk": pairing (web/components/PairingScreen.tsx), done once by a supervisor or an
 * admin, as a `kiosk` device, in the kiosk's words and look: a kiosk screen (`setup`, then
 * `setup-office`) with its buttons and fields. From then on the kiosk uses only its device token,
 * across reboots, until an admin revokes it.
 */
import type { KioskStrings } from '../../shared/i18n/kiosk.js';
import { nfc } from '../../shared/i18n/text.js';
import {
  PairingScreen,
  type PairingClasses,
  type PairingFrame,
  type PairingOffice,
} from '../../web/components/PairingScreen.js';
import type { PairedDevice } from '../../web/device-storage.js';
import { Screen } from './Screen.js';

const SETUP_CLASSES: PairingClasses = {
  title: 'title',
  intro: 'hint',
  notice: 'notice',
  error: 'form-error',
  form: 'form',
  field: 'field',
  label: 'group-label',
  offices: 'choices office-choices',
  button: 'btn',
  primary: 'btn btn-primary',
  choice: 'btn btn-choice',
  actions: 'actions',
};

const setupFrame: PairingFrame = (step, head, body) => (
  <Screen name={step === 'office' ? 'setup-office' : 'setup'} head={head}>
    {body}
  </Screen>
);

const officeLabel = (o: PairingOffice) => (
  <>
    <span class="office-choice-name">{nfc(o.name)}</span>
    <span class="office-choice-id">{o.id}</span>
  </>
);

export interface SetupScreenProps {
  t: KioskStrings;
  /** Why the kiosk is back here (revoked), if it was paired before. */
  notice: string | undefined;
  onPaired: (device: PairedDevice) => void;
}

export function SetupScreen({ t, notice, onPaired }: SetupScreenProps) {
  return (
    <PairingScreen
      t={t.setup}
      kind="kiosk"
      defaultName={t.deviceNameDefault}
      notice={notice}
      onPaired={onPaired}
      classes={SETUP_CLASSES}
      frame={setupFrame}
      officeLabel={officeLabel}
    />
  );
}
