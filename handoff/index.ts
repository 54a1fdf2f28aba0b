// Public API of handoff: the case store interface, queue order, queue information and status.

export type * from './caseTypes';
export { assertStaffCaller, assertQueueAccess, CLAIMABLE_STATUSES, OPEN_STATUSES, type HandoffStore, type QueueClock, type CloseCase } from './handoffStore';
export { compareQueued, URGENCY_RANK } from './caseOrder';
export {
  positionOf,
  estimateWait,
  queuePosition,
  queueOverview,
  HANDLING_HISTORY_MS,
  type WaitEstimate,
  type QueuePosition,
  type EstimateInputs,
  type QueueOverviewRow,
} from './queueInfo';
export { queueStatus, queueOpenAt, type QueueStatus } from './queueStatus';
export { triageAccuracyReport, emptyMatrix, type TriageAccuracyReport, type ConfusionMatrix } from './triageAccuracy';
