// Emergency numbers; wording in locales/*/routing.json under `emergency.` (through the subject chain).

import type { EmergencyLine } from './types';

/**
 * 112 for emergencies; 116117 (Päivystysapu / Jourhjälpen) as the service to call now for an
 * urgent health need no queue answers, and as the safety net under every outcome; the Poison
 * Information Centre (HUS, 24/7) first for a poisoning without severe signs.
 */
export const EMERGENCY_LINES: readonly EmergencyLine[] = [
  { id: 'call_112', phone: '112', textKey: 'routing:emergency.call112' },
  { id: 'call_116117', phone: '116117', textKey: 'routing:emergency.call116117' },
  // "If you get worse" reads wrong after a money or housing matter: there the safety net is the
  // social and crisis emergency service (24/7) for when the situation gets worse or unsafe.
  {
    id: 'safety_net',
    phone: '116117',
    textKey: 'routing:emergency.safetyNet',
    topicTextKeys: { money: 'routing:emergency.safetyNetSocial' },
  },
  { id: 'poison_info', phone: '0800 147 111', textKey: 'routing:emergency.poisonInfo' },
];
