import type { Activity } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import type { HandoffCase } from '../handoff/caseTypes';
import type { StaffIdentity } from '../staff/authentication';
import type { ServiceCatalog } from '../routing';
import { helpedQuestion } from './feedback';
import { helsinkiDateTime } from './outcomeRenderer';
import type { ProactiveSender } from './proactiveSender';
import { textMessage } from './promptRenderer';

/**
 * Carries staff's side of a live chat to the client through the same adapter the bot
 * uses: who joined, then each message. The client's replies reach the case through the
 * QueueDesk while the bot stays silent.
 */
export function createHandoffRelay(deps: { sender: ProactiveSender; i18n: I18n; catalog: ServiceCatalog; clock: () => Date }) {
  const deliver = async (handoffCase: HandoffCase, activities: Partial<Activity>[], speaker?: StaffIdentity): Promise<void> => {
    await deps.sender.continue(handoffCase.channel, handoffCase.conversationReference, async (context) => {
      if (speaker) {
        // The conversation reference names the bot as sender; staff's own words carry their name.
        context.onSendActivities(async (_ctx, outgoing, next) => {
          for (const activity of outgoing) activity.from = { id: `staff:${speaker.staffId}`, name: speaker.displayName };
          return next();
        });
      }
      await context.sendActivities(activities);
    });
  };
  return {
    onClaim: async (handoffCase: HandoffCase, staff: StaffIdentity): Promise<void> => {
      const t = deps.i18n.getFixedT(handoffCase.locale);
      const role = t(`common:handoff.roles.${staff.role}`);
      await deliver(handoffCase, [textMessage(t('common:handoff.staffJoined', { name: staff.displayName, role }), handoffCase.locale)]);
    },
    onClose: async (handoffCase: HandoffCase, staff: StaffIdentity): Promise<void> => {
      const { locale } = handoffCase;
      const t = deps.i18n.getFixedT(locale);
      const queue = deps.catalog.queues.find((q) => q.id === handoffCase.queueId);
      const lines = [
        t('common:handoff.closed', { name: staff.displayName }),
        ...(handoffCase.outcome ? [t(`common:handoff.next.${handoffCase.outcome}`)] : []),
        t('common:handoff.keep', { queue: queue?.name[locale] ?? handoffCase.queueId, date: helsinkiDateTime(deps.clock().toISOString(), locale) }),
        t('routing:emergency.safetyNet'),
      ];
      await deliver(handoffCase, [...lines.map((line) => textMessage(line, locale)), helpedQuestion(handoffCase.id, t, locale)]);
    },
    onStaffTyping: async (handoffCase: HandoffCase, staff: StaffIdentity): Promise<void> => {
      await deliver(handoffCase, [{ type: 'typing' }], staff);
    },
    onStaffMessage: async (handoffCase: HandoffCase, staff: StaffIdentity, text: string): Promise<void> => {
      await deliver(handoffCase, [textMessage(text, handoffCase.locale)], staff);
    },
  };
}
