import type { i18n as I18n } from 'i18next';
import { ConflictError } from '../errors';
import type { Locale } from '../flows/contract';
import type { HandoffStore } from '../handoff/handoffStore';
import type { StaffStore } from '../staff/staffStore';
import type { ProactiveSender } from './proactiveSender';
import { textMessage } from './promptRenderer';
import type { QueueDesk } from './queueDesk';

/**
 * Returns a claimed case to its queue when the staff member holding it has not been heard from
 * (no request on any of their sessions; the console polls every few seconds) for `graceMs`:
 * the case keeps its arrival time, gets an internal note saying why, and the client is told
 * they are back in the queue and where. A short drop (a train tunnel, a reload) costs nothing.
 */
export class StaffConnectionWatch {
  constructor(
    private readonly deps: {
      handoff: HandoffStore;
      staff: StaffStore;
      desk: QueueDesk;
      sender: ProactiveSender;
      i18n: I18n;
      clock: () => Date;
      graceMs: number;
      /** Language of the internal note (staff read it in the console). */
      noteLocale: Locale;
      /** Told when the client's channel did not take the notice (the case is back in the queue all the same). */
      onUndelivered?: (caseId: string, error: unknown) => void;
    },
  ) {}

  /** One round; returns the ids of the cases returned to their queues. */
  async tick(): Promise<string[]> {
    const now = this.deps.clock();
    const claimed = await this.deps.handoff.listAllClaimed();
    if (claimed.length === 0) return [];
    const holders = [...new Set(claimed.map((c) => c.claimedBy).filter((id): id is string => id !== undefined))];
    const lastSeen = await this.deps.staff.lastSeenByStaff(holders, now);
    const note = this.deps.i18n.getFixedT(this.deps.noteLocale)('staff:notes.connectionLost', { minutes: Math.round(this.deps.graceMs / 60_000) });
    const returned: string[] = [];
    for (const held of claimed) {
      if (held.claimedBy === undefined) continue;
      // Counted from the later of the claim and the last request: a fresh claim is never taken back.
      const heardAt = Math.max(lastSeen.get(held.claimedBy)?.getTime() ?? 0, held.claimedAt?.getTime() ?? 0);
      if (now.getTime() - heardAt < this.deps.graceMs) continue;
      try {
        await this.deps.handoff.release({ staffId: held.claimedBy, queues: [held.queueId] }, held.id, note, now);
      } catch (error) {
        // Closed, released or moved by the staff member meanwhile: nothing to return.
        if (error instanceof ConflictError) continue;
        throw error;
      }
      returned.push(held.id);
      const t = this.deps.i18n.getFixedT(held.locale);
      const place = this.deps.desk.positionActivity(held.id, await this.deps.desk.queueSnapshot(held.queueId), t, held.locale);
      try {
        await this.deps.sender.continue(held.channel, held.conversationReference, async (context) => {
          await context.sendActivities([textMessage(t('common:handoff.staffLost'), held.locale), place]);
        });
      } catch (error) {
        this.deps.onUndelivered?.(held.id, error);
      }
    }
    return returned;
  }
}
