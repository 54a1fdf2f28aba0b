import type { Storage } from 'botbuilder';
import { WEB_CHANNEL_ID } from '../channels/webChannelAdapter';
import type { PhotoIntake } from '../media/uploadOutcome';
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
