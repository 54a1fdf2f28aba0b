import { ActivityHandler, type ConversationState, type TurnContext } from 'botbuilder';
import { LOCALE_EVENT, type FlowDialog } from '../dialogs/flowDialog';
import { IDENTIFICATION_EVENT } from '../dialogs/identification';

/**
 * The one bot behind every door (web channel and Azure Bot Service): routes activities
 * to the FlowDialog and saves conversation state after each turn. No wording here.
 */
export class LuotsiBot extends ActivityHandler {
  constructor(
    private readonly conversationState: ConversationState,
    dialog: FlowDialog,
    /** Runs before the dialog on each message, e.g. fetching channel attachments. */
    prepareMessage: (context: TurnContext) => Promise<void> = async () => undefined,
    /** Runs first on every activity, whatever its type, e.g. dropping what only the channel may set. */
    private readonly prepareActivity: (context: TurnContext) => void = () => undefined,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const clientJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      if (clientJoined) await dialog.begin(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await prepareMessage(context);
      await dialog.continue(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      // A language switch, or the identification window reporting back.
      if (context.activity.name === LOCALE_EVENT || context.activity.name === IDENTIFICATION_EVENT) await dialog.continue(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    this.prepareActivity(context);
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
