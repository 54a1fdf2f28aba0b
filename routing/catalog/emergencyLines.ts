// Emergency numbers; wording in locales/*/routing.json under `emergency.`.

import type { EmergencyLine } from './types';

/** 112 for emergencies; 116117 is the safety net under every outcome. */
export const EMERGENCY_LINES: readonly EmergencyLine[] = [
  { id: 'call_112', phone: '112', textKey: 'routing:emergency.call112' },
  { id: 'safety_net', phone: '116117', textKey: 'routing:emergency.safetyNet' },
  { id: 'poison_info', phone: '0800 147 111', textKey: 'routing:emergency.poisonInfo' },
];
