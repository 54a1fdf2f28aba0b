import { ActionTypes, ActivityTypes, type Activity, type Attachment, type CardAction } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { PromptMeta, PromptOption, SubjectKind } from '../flows/contract';
import { YES_NO_OPTIONS } from './answerParser';

/**
 * Keys tried for a question, most specific first: third-person wording for a child or
 * another adult (`key_child` / `key_adult`), then `key_proxy`, then the plain key.
 */
export function keyChain(key: string, subject: SubjectKind | undefined): string[] {
  if (subject === 'child') return [`${key}_child`, `${key}_proxy`, key];
  if (subject === 'adult') return [`${key}_adult`, `${key}_proxy`, key];
  return [key];
}

/** The options a prompt offers, yes/no included (in the question's own words where it has them). */
export function promptOptions(prompt: PromptMeta): readonly PromptOption[] {
  if (prompt.kind === 'yesNo') return prompt.options ?? YES_NO_OPTIONS;
  if (prompt.kind === 'choice' || prompt.kind === 'multiChoice') return prompt.options ?? [];
  return [];
}

function button(title: string, value: Record<string, unknown>): CardAction {
  return { type: ActionTypes.MessageBack, title, text: title, displayText: title, value };
}

/** A plain message activity. */
export function textMessage(text: string, locale: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, locale, textFormat: 'plain' };
}

/** Value an Adaptive Card submit carries for a multiple-choice question. */
export interface MultiChoiceSubmit {
  multiChoice: true;
  /** Comma-separated option ids, as Input.ChoiceSet sends them. */
  choices?: string;
}

function multiChoiceCard(prompt: PromptMeta, t: TFunction, subject: SubjectKind | undefined): Attachment {
  const submit: MultiChoiceSubmit = { multiChoice: true };
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.3',
      body: [
        {
          type: 'Input.ChoiceSet',
          id: 'choices',
          isMultiSelect: true,
          style: 'expanded',
          // The question is the message text above the card; the label says how to answer.
          label: t('common:multiChoiceHint'),
          choices: (prompt.options ?? []).map((option) => ({ title: t(keyChain(option.labelKey, subject)), value: option.id })),
        },
      ],
      actions: [{ type: 'Action.Submit', title: t('common:multiChoiceSubmit'), data: submit }],
    },
  };
}

/** The activities that ask `prompt`: intro lines, then the question with its buttons. */
export function renderPrompt(prompt: PromptMeta, t: TFunction, locale: string, subject: SubjectKind | undefined): Partial<Activity>[] {
  const out: Partial<Activity>[] = (prompt.intro ?? []).map((key) => textMessage(t(keyChain(key, subject)), locale));
  if (prompt.kind === 'multiChoice') {
    const question = textMessage(t(keyChain(prompt.key, subject)), locale);
    question.attachments = [multiChoiceCard(prompt, t, subject)];
    out.push(question);
    return out;
  }
  const actions: CardAction[] = promptOptions(prompt).map((option) => button(t(keyChain(option.labelKey, subject)), { choice: option.id }));
  if (prompt.optional) actions.push(button(t('common:skip'), { skip: true }));
  const asked = t(keyChain(prompt.key, subject));
  const question = textMessage(prompt.kind === 'photo' ? `${asked}\n${t('common:photo.howTo')}` : asked, locale);
  if (actions.length > 0) question.suggestedActions = { to: [], actions };
  out.push(question);
  return out;
}

/** "1) Suomi, 2) Svenska" for a re-prompt that says what can be answered. */
export function optionList(prompt: PromptMeta, t: TFunction, subject: SubjectKind | undefined): string {
  return (
    promptOptions(prompt)
      // Ranges are not numbered: "3" answers a choice of ranges as the amount three.
      .map((option, index) => (prompt.amounts ? '' : `${index + 1}) `) + t(keyChain(option.labelKey, subject)))
      .join(', ')
  );
}
