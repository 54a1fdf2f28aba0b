import { ActivityTypes, type StatePropertyAccessor, type Storage, type TurnContext } from 'botbuilder';
import { AttachmentUnavailableError, downloadAttachment, type AttachmentDownloadPolicy } from '../media/attachmentDownload';
import { WEB_CHANNEL_ID, WebChannelAdapter } from '../channels/webChannelAdapter';
import type { PhotoIntake, UploadOutcome } from '../media/uploadOutcome';
import { takePhotos } from '../media/photoIntake';
import type { BlobStore } from '../storage/blobStore';
import type { FlowDialog, PersistedFlow } from './flowDialog';

/** Limits of the photo intake, from the configuration. */
export interface PhotoIntakeSettings {
  maxBytes: number;
  maxPerQuestion: number;
  maxInputPixels: number;
}

/**
 * The web channel's photo intake: looks up which photo question the conversation's flow
 * waits at (nothing is stored when it waits at none), then checks, cleans and stores the
 * photos for that question, all or nothing.
 */
export function createPhotoIntake(deps: { botState: Storage; dialog: FlowDialog; store: BlobStore; settings: PhotoIntakeSettings }): PhotoIntake {
  return async (conversationId, files) => {
    // The key ConversationState uses for this conversation on the web channel.
    const key = `${WEB_CHANNEL_ID}/conversations/${conversationId}/`;
    const stored = (await deps.botState.read([key]))[key] as { flow?: PersistedFlow } | undefined;
    const slot = deps.dialog.photoSlot(stored?.flow);
    if (!slot) return { refused: 'not_expected' };
    const result = await takePhotos(
      deps.store,
      { conversationId, questionId: slot.questionId, files: files.map((f) => ({ bytes: f.bytes, tooLarge: f.tooLarge })), alreadyStored: slot.taken },
      { maxBytes: deps.settings.maxBytes, maxPerQuestion: slot.max, processing: { maxInputPixels: deps.settings.maxInputPixels } },
    );
    return result.ok ? { photoIds: result.photos.map((photo) => photo.id) } : { refused: result.reason };
  };
}

/**
 * Drops `channelData.luotsiUpload` from every activity that did not come through the local web
 * channel's adapter, whatever its type or claimed channel id: only the upload route and the
 * attachment intake below may say what became of a photo (audit finding L2).
 */
export function dropForeignUploadOutcome(context: TurnContext): void {
  if (context.adapter instanceof WebChannelAdapter) return;
  const channelData = context.activity.channelData as Record<string, unknown> | undefined;
  if (channelData === undefined || channelData === null || typeof channelData !== 'object' || !('luotsiUpload' in channelData)) return;
  const { luotsiUpload: _dropped, ...rest } = channelData;
  context.activity.channelData = rest;
}

/**
 * How many more photos the web conversation's flow takes at the question it waits at, or
 * undefined when it waits at no photo question: the upload route asks before it reads a body.
 */
export function createPhotoRoom(deps: { botState: Storage; dialog: FlowDialog }): (conversationId: string) => Promise<number | undefined> {
  return async (conversationId) => {
    const key = `${WEB_CHANNEL_ID}/conversations/${conversationId}/`;
    const stored = (await deps.botState.read([key]))[key] as { flow?: PersistedFlow } | undefined;
    const slot = deps.dialog.photoSlot(stored?.flow);
    return slot ? Math.max(0, slot.max - slot.taken) : undefined;
  };
}

/**
 * Photos sent on Azure Bot Service channels arrive as attachment URLs. They are fetched
 * only from trusted hosts with the size cap, then go through the same intake; the outcome
 * is put on the activity the way the web channel puts it, so the dialog treats both alike.
 * A client's own `channelData.luotsiUpload` is always dropped first: only this code sets it.
 */
export function createChannelAttachmentIntake(deps: {
  state: StatePropertyAccessor<PersistedFlow | undefined>;
  dialog: FlowDialog;
  store: BlobStore;
  settings: PhotoIntakeSettings;
  download: AttachmentDownloadPolicy;
}): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const activity = context.activity;
    if (context.adapter instanceof WebChannelAdapter || activity.type !== ActivityTypes.Message) return;
    dropForeignUploadOutcome(context);
    const channelData = { ...((activity.channelData as Record<string, unknown> | undefined) ?? {}) };
    const urls = (activity.attachments ?? []).map((a) => a.contentUrl).filter((url): url is string => typeof url === 'string' && url !== '');
    if (urls.length === 0) return;
    const slot = deps.dialog.photoSlot(await deps.state.get(context));
    let outcome: UploadOutcome;
    if (!slot) {
      outcome = { refused: 'not_expected' };
    } else {
      try {
        const files = [];
        // One at a time, each under the size cap, so one message cannot pull in more than the limits allow.
        for (const url of urls.slice(0, slot.max - slot.taken + 1)) files.push(await downloadAttachment(url, deps.download));
        const result = await takePhotos(
          deps.store,
          { conversationId: activity.conversation.id, questionId: slot.questionId, files, alreadyStored: slot.taken },
          { maxBytes: deps.settings.maxBytes, maxPerQuestion: slot.max, processing: { maxInputPixels: deps.settings.maxInputPixels } },
        );
        outcome = result.ok ? { photoIds: result.photos.map((photo) => photo.id) } : { refused: result.reason };
      } catch (error) {
        if (!(error instanceof AttachmentUnavailableError)) throw error;
        outcome = { refused: 'unavailable' };
      }
    }
    activity.channelData = { ...channelData, luotsiUpload: outcome };
    activity.attachments = [];
  };
}
