// Public API of the side conversations (feedback, contact request, erase confirmation).
export { SIDE_MACHINES, type SideContext, type SideInput, type SideMachine, type SideOutcome, type SideOutput, type SideSnapshot } from './sideMachine';
export { CONTACT_MESSAGE_MAX, CONTACT_REACH_MAX, SIDE_ROOT, SIDE_SETS, sideSetId, type SideSetId } from './sideSets';
