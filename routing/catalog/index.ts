import { EMERGENCY_LINES } from './emergencyLines';
import { HOLIDAYS } from './holidays';
import { QUEUES } from './queues';
import { RESOURCES } from './resources';
import { ROUND_THE_CLOCK, ROUTING_SETTINGS } from './roundTheClock';
import { SELF_CARE } from './selfCare';
import type { ServiceCatalog } from './types';

/** The model county's service catalog (a sample: the county keeps its own data current). */
export const DEFAULT_CATALOG: ServiceCatalog = {
  settings: ROUTING_SETTINGS,
  roundTheClock: ROUND_THE_CLOCK,
  queues: QUEUES,
  holidays: HOLIDAYS,
  selfCare: SELF_CARE,
  resources: RESOURCES,
  emergency: EMERGENCY_LINES,
};

export { GENERAL_QUEUE_ID } from './queues';
export type * from './types';
