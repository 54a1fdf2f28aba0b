import type { PhotoVariant } from '../storage/blobStore';
import type { WireActivity } from '../storage/activityLog';
import type { TokenSigner } from './tokens';

const SCHEME = 'luotsi-photo:';
/** How long an image link handed to the client works; links are re-signed on every read. */
const PHOTO_LINK_TTL_SECONDS = 3600;

/** The stored form of a photo link: no host, no token; see PhotoLinks.present. */
export function photoUri(id: string, variant: PhotoVariant): string {
  return `${SCHEME}${variant}:${id}`;
}

/** Reads a stored photo link. */
export function parsePhotoUri(uri: unknown): { id: string; variant: PhotoVariant } | undefined {
  if (typeof uri !== 'string' || !uri.startsWith(SCHEME)) return undefined;
  const [variant, id] = uri.slice(SCHEME.length).split(':');
  if ((variant !== 'image' && variant !== 'thumbnail') || !id) return undefined;
  return { id, variant };
}

/**
 * Turns stored photo links into working ones when activities go out: a relative URL under
 * the conversation with a short-lived token bound to it. The log never holds a token, so
 * history reloaded tomorrow still shows its images.
 */
export class PhotoLinks {
  constructor(
    private readonly signer: TokenSigner,
    private readonly clock: () => Date,
  ) {}

  /** The activity with its photo links made usable by the conversation's own client. */
  present(conversationId: string, activity: WireActivity): WireActivity {
    if (!activity.attachments?.some((a) => parsePhotoUri(a.contentUrl) || parsePhotoUri(a.thumbnailUrl))) return activity;
    const token = this.signer.issue({ cid: conversationId, uid: '', kind: 'photo' }, PHOTO_LINK_TTL_SECONDS, this.clock());
    const link = (uri: string | undefined) => {
      const parsed = parsePhotoUri(uri);
      if (!parsed) return uri;
      return `/v3/directline/conversations/${encodeURIComponent(conversationId)}/photos/${parsed.id}/${parsed.variant}?t=${token}`;
    };
    return {
      ...activity,
      attachments: activity.attachments.map((a) => ({ ...a, contentUrl: link(a.contentUrl), thumbnailUrl: link(a.thumbnailUrl) })),
    };
  }
}
