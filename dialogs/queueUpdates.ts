import type { i18n as I18n } from 'i18next';
import type { HandoffStore } from '../handoff/handoffStore';
import type { ServiceCatalog } from '../routing';
import type { ProactiveSender } from './proactiveSender';
import type { QueueDesk } from './queueDesk';

/**
 * Tells waiting clients when their place or estimated wait changes, through the same
 * adapter as every bot message. Throttled: a client hears at most once per `minIntervalMs`,
 * and only when the text would differ from what they were told last.
 */
export class QueuePositionNotifier {
  private readonly told = new Map<string, { text: string; at: number }>();

  constructor(
    private readonly deps: {
      handoff: HandoffStore;
      desk: QueueDesk;
      catalog: ServiceCatalog;
      sender: ProactiveSender;
      i18n: I18n;
      clock: () => Date;
      minIntervalMs: number;
      /** Told when a client's channel did not take an update (tried again next round). */
      onUndelivered?: (caseId: string, error: unknown) => void;
    },
  ) {}

  /** One round over every queue; returns how many clients were told. */
  async tick(): Promise<number> {
    const now = this.deps.clock().getTime();
    let sent = 0;
    const seen = new Set<string>();
    for (const queue of this.deps.catalog.queues) {
      const waitingCases = await this.deps.handoff.waitingForUpdates(queue.id);
      if (waitingCases.length === 0) continue;
      // One read of the queue serves every case in it: positions come from the same entries.
      const snapshot = await this.deps.desk.queueSnapshot(queue.id);
      for (const waiting of waitingCases) {
        seen.add(waiting.id);
        const t = this.deps.i18n.getFixedT(waiting.locale);
        const message = this.deps.desk.positionActivity(waiting.id, snapshot, t, waiting.locale);
        const last = this.told.get(waiting.id);
        if (last && (last.text === message.text || now - last.at < this.deps.minIntervalMs)) continue;
        if (!last) {
          // The client was told at joining; remember that text instead of repeating it.
          this.told.set(waiting.id, { text: message.text ?? '', at: now });
          continue;
        }
        try {
          await this.deps.sender.continue(waiting.channel, waiting.conversationReference, async (context) => {
            await context.sendActivity(message);
          });
        } catch (error) {
          // Not remembered as told: the next round tries again. One client's channel never stops the round.
          this.deps.onUndelivered?.(waiting.id, error);
          continue;
        }
        this.told.set(waiting.id, { text: message.text ?? '', at: now });
        sent += 1;
      }
    }
    for (const id of this.told.keys()) if (!seen.has(id)) this.told.delete(id);
    return sent;
  }
}
